import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../app/eval';
import type { CompiledModel } from '../../app/eval/types';
import type { LeafNode, TreeModel } from '../../app/model/types';
import { corpus, REFERENCE_DIR } from '../../app/testing/shared';
import { runExportCommand } from '../cli/exportCommand';
import { PROJECT_ROOT } from '../paths';
import { exportBundle } from './index';
import { buildRuntimeForTests, expectOk, loadModelFile as load } from './testkit';

// The ONNX target, end to end: export, then load model.onnx here in ONNX Runtime (the test's own
// session, not the bundle's selftest), score the rows, and compare with the app's evaluator and, for
// the reference cases, with the predictions the training library itself made. The fidelity the
// export reports must equal what this test measures.

const PYTHON = '/usr/bin/python3';
let runtimeDir: string;
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-onnx-test-'));
let folderCount = 0;
const newFolder = () => join(scratch, `bundle-${++folderCount}`);

beforeAll(() => {
  runtimeDir = buildRuntimeForTests();
}, 120_000);

afterAll(() => {
  spawnSync('rm', ['-rf', scratch]);
});

/** The reference cases: the shared ones and the project's own (fixtures/reference), each with its library's predictions. */
const CASES = [
  ...readdirSync(REFERENCE_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(REFERENCE_DIR, entry.name)),
  ...readdirSync(join(PROJECT_ROOT, 'fixtures', 'reference')).map((name) => join(PROJECT_ROOT, 'fixtures', 'reference', name)),
].map((folder) => {
  const file = ['model.json', 'model.txt', 'tree.txt'].find((name) => existsSync(join(folder, name)));
  if (!file) throw new Error(`${folder} holds no model file this test knows`);
  return { name: folder.split('/').pop()!, folder, model: join(folder, file) };
});

/** A reference CSV: header, then numbers (empty = missing, `inf`/`-inf`/`nan` as written by the generator). */
function readCsv(path: string): { header: string[]; rows: number[][] } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const cell = (text: string) => (text === '' || text === 'nan' ? NaN : text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text));
  return { header: lines[0].split(','), rows: lines.slice(1).map((line) => line.split(',').map(cell)) };
}

/**
 * The input rows in model feature order: a dump may list features in another order than the CSV
 * (export_text and XGBoost dumps name only the features they use), so named features are matched
 * by name and the rest by position, as app/eval/reference.test.ts does.
 */
function modelRows(model: TreeModel, numFeatures: number, path: string): number[][] {
  const { header, rows } = readCsv(path);
  const columns = Array.from({ length: numFeatures }, (_, index) => {
    const feature = model.features[index];
    const byName = feature ? header.indexOf(feature.name) : -1;
    if (byName >= 0) return byName;
    if (feature?.isNamed) throw new Error(`model feature '${feature.name}' is not a column of ${path}`);
    return index < header.length ? index : -1;
  });
  return rows.map((row) => columns.map((column) => (column >= 0 ? row[column] : NaN)));
}

interface OrtOutputs {
  prediction: Float64Array;
  predictionWidth: number;
  raw: Float64Array;
  rawWidth: number;
  classes?: BigInt64Array;
}

async function scoreWithOrt(folder: string, rows: number[][], numFeatures: number): Promise<OrtOutputs> {
  const session = await ort.InferenceSession.create(join(folder, 'model.onnx'), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const data = new Float64Array(rows.length * numFeatures);
  rows.forEach((row, index) => data.set(row.slice(0, numFeatures), index * numFeatures));
  const out = await session.run({ input: new ort.Tensor('float64', data, [rows.length, numFeatures]) });
  await session.release();
  return {
    prediction: out.prediction.data as Float64Array,
    predictionWidth: out.prediction.dims[1],
    raw: out.raw.data as Float64Array,
    rawWidth: out.raw.dims[1],
    classes: out.class ? (out.class.data as BigInt64Array) : undefined,
  };
}

/** The features some split of the model treats as categories. */
function categoricalFeatures(model: TreeModel): Set<number> {
  const features = new Set<number>();
  for (const tree of model.trees) for (const node of tree.nodes) if (node.type === 'split' && node.split.kind === 'categorical') features.add(node.feature);
  return features;
}

/** This test's own count of how ORT differs from the app on `rows`. */
function measure(compiled: CompiledModel, rows: number[][], out: OrtOutputs) {
  let rowsDiffering = 0;
  let rawRowsDiffering = 0;
  let maxAbsDiff = 0;
  let classChanges = 0;
  rows.forEach((row, index) => {
    const app = compiled.predictRow(row);
    const predictions = Array.from(out.prediction.subarray(index * out.predictionWidth, (index + 1) * out.predictionWidth));
    const raws = Array.from(out.raw.subarray(index * out.rawWidth, (index + 1) * out.rawWidth));
    const predictionDiffers = predictions.some((value, k) => !Object.is(value, app.prediction[k]));
    const rawDiffers = raws.some((value, k) => !Object.is(value, app.raw[k]));
    const classDiffers = app.predictedClass !== undefined && Number(out.classes![index]) !== app.predictedClass;
    predictions.forEach((value, k) => {
      if (!Object.is(value, app.prediction[k])) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(value - app.prediction[k]));
    });
    if (predictionDiffers || rawDiffers || classDiffers) rowsDiffering++;
    if (rawDiffers) rawRowsDiffering++;
    if (classDiffers) classChanges++;
  });
  return { rowsDiffering, rawRowsDiffering, maxAbsDiff, classChanges };
}

/** Transforms whose ONNX ops are plain copies or exact IEEE operations of the app's: these exports must be exact. */
const EXACT_TRANSFORMS = new Set(['identity']);

describe('ONNX export of every reference case', () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: ORT matches the app as reported, and the library within the reported difference`, async () => {
      const model = load(testCase.model);
      const compiled = compileModel(model);
      const numFeatures = compiled.numFeatures;
      const rows = [...modelRows(model, numFeatures, join(testCase.folder, 'input_main.csv')), ...modelRows(model, numFeatures, join(testCase.folder, 'input_edge.csv'))];
      const folder = newFolder();
      const result = expectOk(await exportBundle({ model, target: 'onnx', outDir: folder, runtimeDir, rows }));
      expect(result.files).toEqual(expect.arrayContaining(['model.onnx', 'golden.json', 'README.md', 'selftest.mjs', 'model.spkm']));
      const fidelity = result.fidelity!;
      expect(fidelity.rowsCompared).toBe(rows.length);

      const out = await scoreWithOrt(folder, rows, numFeatures);
      const measured = measure(compiled, rows, out);
      expect(fidelity.rowsDiffering).toBe(measured.rowsDiffering);
      expect(fidelity.rawRowsDiffering).toBe(measured.rawRowsDiffering);
      expect(fidelity.classChanges).toBe(measured.classChanges);
      expect(fidelity.maxAbsDiff).toBe(measured.maxAbsDiff);
      expect(fidelity.exact).toBe(measured.rowsDiffering === 0);
      if (EXACT_TRANSFORMS.has(model.transform.kind) || model.aggregation.kind === 'distribution') expect(fidelity.exact).toBe(true);
      // Where every categorical input is a whole category code (or missing) the trees themselves agree:
      // only the output transform may differ in its last bits. (The edge rows also try 2.5, -0.5 …,
      // which the libraries truncate to a code and TreeEnsemble compares as they are.)
      const categorical = categoricalFeatures(model);
      const wholeCodes = rows.filter((row) => [...categorical].every((feature) => Number.isNaN(row[feature]) || (Number.isInteger(row[feature]) && row[feature] >= 0)));
      expect(wholeCodes.length).toBeGreaterThan(rows.length / 4);
      const onWholeCodes = measure(compiled, wholeCodes, await scoreWithOrt(folder, wholeCodes, numFeatures));
      expect(onWholeCodes.rawRowsDiffering).toBe(0);
      expect(onWholeCodes.classChanges).toBe(0);
      if (categorical.size === 0) expect(measured.rawRowsDiffering).toBe(0);

      // The library's own predictions (the app equals them bit for bit, reference.test.ts): ORT is
      // within the difference the export reported, row by row.
      const library = [...readCsv(join(testCase.folder, 'expected_main_pred.csv')).rows, ...readCsv(join(testCase.folder, 'expected_edge_pred.csv')).rows];
      expect(library.length).toBe(rows.length);
      if (model.transform.kind !== 'argmax') {
        library.forEach((expected, index) => {
          const width = out.predictionWidth;
          // A single-output binary scikit-learn-style file may list both probabilities; compare what the graph outputs.
          const values = expected.length === width ? expected : expected.slice(expected.length - width);
          values.forEach((value, k) => {
            const gap = Math.abs(out.prediction[index * width + k] - value);
            if (!(gap <= fidelity.maxAbsDiff)) throw new Error(`${testCase.name} row ${index} output ${k}: ORT ${out.prediction[index * width + k]}, library ${value}, reported max ${fidelity.maxAbsDiff}`);
          });
        });
      }
      const readme = readFileSync(join(folder, 'README.md'), 'utf8');
      expect(readme).toContain(fidelity.exact ? 'bit for bit' : `not proven equal: ${fidelity.rowsDiffering} of ${rows.length} golden rows differ`);
      expect(readme).not.toContain('splitscope:fidelity');
    }, 60_000);
  }

  it('the Node export fixtures export too (Spark trees and forests, generated golden rows)', async () => {
    for (const path of [corpus('spark/mllib_dt_banknote_depth5.txt'), corpus('spark/mllib_dt_handwritten_nested.txt'), corpus('spark/ml_rf_classifier_spark201_4class_3trees.txt')]) {
      const model = load(path);
      const compiled = compileModel(model);
      const folder = newFolder();
      const result = expectOk(await exportBundle({ model, target: 'onnx', outDir: folder, runtimeDir }));
      const golden = JSON.parse(readFileSync(join(folder, 'golden.json'), 'utf8')) as { rows: (number | { $num: string })[][] };
      const rows = golden.rows.map((row) => row.map((value) => (typeof value === 'number' ? value : Number(value.$num))));
      const measured = measure(compiled, rows, await scoreWithOrt(folder, rows, compiled.numFeatures));
      expect({ path, ...measured }).toEqual({ path, rowsDiffering: result.fidelity!.rowsDiffering, rawRowsDiffering: result.fidelity!.rawRowsDiffering, maxAbsDiff: result.fidelity!.maxAbsDiff, classChanges: result.fidelity!.classChanges });
      // Spark works in double and its trees sum or vote: every number must be identical.
      expect(result.fidelity!.exact).toBe(true);
    }
  }, 60_000);
});

describe('model.onnx is a valid ONNX file', () => {
  it('onnx.checker accepts the graph; TreeEnsemble itself is checked by ONNX Runtime', async () => {
    // Debian's python3-onnx is 1.12, older than TreeEnsemble (ai.onnx.ml opset 5, onnx 1.16): its
    // checker has no schema for that one node. So the checker runs twice: on the file as written
    // (it must fail on that node and nothing else), and with that node moved to a private domain,
    // where it checks everything else (IR, opsets, initializers, every other node, shapes).
    const folder = newFolder();
    expectOk(await exportBundle({ model: load(join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt')), target: 'onnx', outDir: folder, runtimeDir }));
    const script = `
import sys, onnx
model = onnx.load(sys.argv[1])
try:
    onnx.checker.check_model(model, full_check=True)
    print("as written: ok")
except Exception as error:
    print("as written:", str(error).splitlines()[0])
for node in model.graph.node:
    if node.op_type == "TreeEnsemble":
        node.domain = "splitscope.check"
model.opset_import.add(domain="splitscope.check", version=1)
onnx.checker.check_model(model, full_check=True)
print("others: ok", len(model.graph.node), [o.name for o in model.graph.output])
`;
    const run = spawnSync(PYTHON, ['-c', script, join(folder, 'model.onnx')], { encoding: 'utf8' });
    if (run.error || run.status !== 0) throw new Error(`onnx.checker failed (needs Debian's python3-onnx): ${run.error?.message ?? ''}${run.stderr}`);
    const lines = run.stdout.trim().split('\n');
    expect(['as written: ok', 'as written: No Op registered for TreeEnsemble with domain_version of 5']).toContain(lines[0]);
    expect(lines[1]).toMatch(/^others: ok \d+ \['raw', 'prediction', 'class'\]$/);
  }, 60_000);
});

describe('what ONNX cannot express', () => {
  it('a LightGBM model with a linear leaf is refused with E_EXPORT_MODEL naming the leaf', async () => {
    const model = load(join(REFERENCE_DIR, 'lgb_regression_diabetes', 'model.txt'));
    const leaf = model.trees[3].nodes.find((node): node is LeafNode => node.type === 'leaf')!;
    leaf.linear = { constant: 0.5, features: [0], coefficients: [0.25] };
    const result = await exportBundle({ model, target: 'onnx', outDir: newFolder(), runtimeDir });
    expect(result.status).toBe('error');
    if (result.status !== 'error') return;
    expect(result.code).toBe('E_EXPORT_MODEL');
    expect(result.message).toContain(`tree 3 leaf ${leaf.sourceId}`);
    expect(result.message).toContain('linear');
  });
});

describe('splitscope export --target onnx', () => {
  it('prints the fidelity line', async () => {
    const folder = newFolder();
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (text: string) => ((stdout += text), true) }, stderr: { write: (text: string) => ((stderr += text), true) } };
    const code = await runExportCommand([join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt'), '--target', 'onnx', '--out', folder], io as never);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const line = stdout.split('\n').find((text) => text.startsWith('splitscope: fidelity'));
    expect(line).toMatch(/^splitscope: fidelity \(\d+ generated rows in ONNX Runtime, \d+ ms\): (proven equal: .* bit for bit|not proven equal: \d+ of \d+ golden rows differ from the app by up to [\d.e-]+ \(relative [\d.e-]+\) in the prediction; .*; \d+ class changes?)/);
    expect(stdout).toContain('npm install onnxruntime-node');
  }, 60_000);
});
