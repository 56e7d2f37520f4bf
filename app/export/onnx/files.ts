import type { ExportFidelity } from '../result';
import { fidelityStatement } from '../result';
import type { TemplateContext } from '../templateContext';
import type { OnnxExport } from './model';

/** The README line the export replaces with the measured fidelity once the selftest has run. */
export const FIDELITY_MARKER = '<!-- splitscope:fidelity -->';

/** The README with the measured fidelity in place of its marker. */
export function readmeWithFidelity(readme: string, fidelity: ExportFidelity): string {
  const figures = `rows compared ${fidelity.rowsCompared}, rows differing ${fidelity.rowsDiffering} (raw scores: ${fidelity.rawRowsDiffering}), max abs difference ${fidelity.maxAbsDiff}, max relative difference ${fidelity.maxRelDiff}, class changes ${fidelity.classChanges}`;
  return readme.replace(FIDELITY_MARKER, `**Fidelity, measured at export in ONNX Runtime: ${fidelityStatement(fidelity)}.**\n\n(${figures}.)`);
}

/**
 * The bundle's selftest: plain JavaScript (no build step), the same code the app runs in a worker
 * during the export (`runOnnxSelftest(folder, ort)` with the app's own onnxruntime-node) and a user
 * runs with `node selftest.mjs` after `npm install onnxruntime-node`. It never fails on a difference:
 * it measures it (the export reports lossy as lossy); `--strict` exits 2 when not bit for bit.
 */
export function onnxSelftest(version: string): string {
  return `// ONNX selftest written by Splitscope ${version}: npm install onnxruntime-node && node selftest.mjs [--strict]
// Scores golden.json's rows with model.onnx in ONNX Runtime and compares every number with the
// app's predictions stored beside them. One intra-op thread: ONNX Runtime splits the trees across
// threads otherwise, and a different summation order changes the last bits.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** golden.json keeps NaN, ±Infinity and -0 as {"$num": "..."}. */
function revive(_key, item) {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const keys = Object.keys(item);
    if (keys.length === 1 && keys[0] === '$num') return Number(item.$num);
  }
  return item;
}

export async function runOnnxSelftest(folder, ort) {
  const started = performance.now();
  const golden = JSON.parse(readFileSync(join(folder, 'golden.json'), 'utf8'), revive);
  const session = await ort.InferenceSession.create(join(folder, 'model.onnx'), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const rows = golden.rows.length;
  const width = golden.featureNames.length;
  const data = new Float64Array(rows * width);
  golden.rows.forEach((row, index) => data.set(row, index * width));
  const out = await session.run({ input: new ort.Tensor('float64', data, [rows, width]) });
  const prediction = out.prediction.data;
  const predictionWidth = out.prediction.dims[1];
  const raw = out.raw.data;
  const rawWidth = out.raw.dims[1];
  const classes = out.class ? out.class.data : undefined;
  let rowsDiffering = 0;
  let rawRowsDiffering = 0;
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let classChanges = 0;
  let first;
  for (let row = 0; row < rows; row++) {
    const expected = golden.expected[row];
    let differs = expected.error !== undefined;
    for (let k = 0; k < predictionWidth; k++) {
      const actual = prediction[row * predictionWidth + k];
      const want = expected.prediction[k];
      if (Object.is(actual, want)) continue;
      differs = true;
      const gap = Number.isFinite(actual) && Number.isFinite(want) ? Math.abs(actual - want) : Infinity;
      maxAbsDiff = Math.max(maxAbsDiff, gap);
      if (want !== 0) maxRelDiff = Math.max(maxRelDiff, gap / Math.abs(want));
      first ??= { row, field: 'prediction[' + k + ']', expected: String(want), actual: String(actual) };
    }
    let rawDiffers = false;
    for (let k = 0; k < rawWidth; k++) if (!Object.is(raw[row * rawWidth + k], expected.raw[k])) rawDiffers = true;
    if (rawDiffers) rawRowsDiffering++;
    if (classes && expected.class !== undefined && Number(classes[row]) !== expected.class) {
      classChanges++;
      differs = true;
    }
    if (differs || rawDiffers) rowsDiffering++;
  }
  const fidelity = { exact: rowsDiffering === 0, rowsCompared: rows, rowsDiffering, rawRowsDiffering, maxAbsDiff, maxRelDiff, classChanges };
  return { ok: true, target: 'onnx', rows, requests: 1, millis: performance.now() - started, fidelity, firstDifference: first };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ort = await import('onnxruntime-node');
  const report = await runOnnxSelftest(dirname(fileURLToPath(import.meta.url)), ort.default ?? ort);
  const f = report.fidelity;
  console.log(
    f.exact
      ? 'model.onnx matched the app bit for bit on all ' + f.rowsCompared + ' golden rows'
      : 'not proven equal: ' + f.rowsDiffering + ' of ' + f.rowsCompared + ' golden rows differ by up to ' + f.maxAbsDiff + ' (relative ' + f.maxRelDiff + '); ' + f.classChanges + ' class changes',
  );
  console.log(JSON.stringify(report));
  if (!f.exact && process.argv.includes('--strict')) process.exitCode = 2;
}
`;
}

/** The bundle README: the graph's interface, how to run it in Python and Node, and the fidelity statement. */
export function onnxReadme(context: TemplateContext, onnx: OnnxExport): string {
  const model = context.model;
  const sample = context.sampleRows[0] ?? [];
  const sampleText = `[${sample.map((value) => (Number.isFinite(value) ? String(value) : 'float("nan")')).join(', ')}]`;
  const classLine = onnx.hasClass ? `\n| \`class\` | int64 | [N] | the predicted class index${model.classes ? ` (labels: ${model.classes.map((c) => `\`${c}\``).join(', ')})` : ''} |` : '';
  return `# ${context.name}: ONNX

\`${model.fileName}\` (${model.variant}), ${model.trees.length} trees, exported by Splitscope ${context.version} as
\`model.onnx\`: one ai.onnx.ml \`TreeEnsemble\` (opset 5; ${onnx.ensembleTrees} trees, ${onnx.ensembleNodes} split nodes, ${onnx.ensembleType}
thresholds and sums) and the plain ONNX ops (opset 17) that turn its sums into the app's raw scores and predictions.

## Fidelity

${FIDELITY_MARKER}

The export ran \`model.onnx\` in ONNX Runtime on the ${context.goldenRows} golden rows of \`golden.json\` (${context.goldenSource === 'csv' ? 'your CSV rows' : 'generated to reach every split'})
and compared every number with the app's own predictions. Where they differ it is by the last bits of the output
transform (ONNX Runtime's \`exp\` is not the one the library uses), by LightGBM's zero-as-missing rule, which no
TreeEnsemble node mode expresses, or by a categorical input that is not a whole non-negative number: the libraries
truncate it to a category code, TreeEnsemble's set test compares the value itself. Category codes 0, 1, 2, … as
your data holds them give the app's trees exactly (generated golden rows also try values between codes). Run ONNX Runtime with **one intra-op thread** (as below): with more, it splits the
trees across threads and the sums come out in another order.

## Inputs and outputs

| name | type | shape | |
|---|---|---|---|
| \`input\` | double | [N, ${context.featureNames.length}] | features in this order: ${context.featureNames.map((name) => `\`${name}\``).join(', ')}; NaN = missing |
| \`raw\` | double | [N, ${model.numOutputs}] | raw scores (margins, vote counts, class fractions) |
| \`prediction\` | double | [N, ${onnx.predictionWidth}] | the prediction after the ${model.transform.kind} transform |${classLine}

## Python (onnxruntime)

\`\`\`python
import numpy as np
import onnxruntime as ort

options = ort.SessionOptions()
options.intra_op_num_threads = 1  # the trees' sums in the app's order
session = ort.InferenceSession("model.onnx", options, providers=["CPUExecutionProvider"])
rows = np.array([${sampleText}], dtype=np.float64)
raw, prediction${onnx.hasClass ? ', klass' : ''} = session.run(None, {"input": rows})
print(prediction)
\`\`\`

## Re-running the check

\`\`\`sh
npm install onnxruntime-node
node selftest.mjs          # prints the fidelity line and a JSON report; --strict exits 2 unless bit for bit
\`\`\`

\`model.spkm\` is the scoring part of the packed model the app exported from (no training statistics or source positions; checksum \`${context.checksum}\`); \`golden.json\` holds the rows and the app's predictions.

## Why a hand-written protobuf writer

No protobuf library is installed with the app (protobufjs is not a dependency) and an ONNX file needs only seven
messages, so Splitscope writes the wire format itself (app/export/onnx/protobuf.ts); Debian's \`onnx\` checker and ONNX
Runtime read it in the project's tests.
`;
}
