import { compileModel, encodeFlatModel, layoutOf } from '../eval';
import type { TreeModel } from '../model/types';
import { dockerfile, dockerignore, dockerReadme, kubernetesFiles } from './dockerFiles';
import { expectationsOf, generateGoldenRows, goldenJson, type GoldenFile } from './golden';
import { buildOnnxModel } from './onnx/model';
import { onnxReadme, onnxSelftest } from './onnx/files';
import { lambdaDockerfile, lambdaEvents, lambdaReadme, samTemplate, serverlessYml } from './lambdaFiles';
import { PYTHON_FILES, PYTHON_LAMBDA, PYTHON_LAMBDA_SOURCES, pythonHandler, pythonLambdaReadme } from './pythonLambdaFiles';
import { lambdaSizing, serviceName } from './names';
import { sparkReadme, sparkScore } from './sparkFiles';
import { packModel } from '../model/forestBuilder';
import { scoringPart, type PackedModel } from '../model/packed';
import { viewOfPacked } from '../model/modelView';
import { encodePackedModel } from '../model/packedCodec';
import { outputShape } from './response';
import { sha256HexOfBytes } from './sha256';
import type { TemplateContext } from './templateContext';
import { TARGETS, type ExportTarget } from './targets';
import type { CompiledModel } from '../eval/types';

/**
 * The pure half of `splitscope export`: from a model, the prebuilt runtime code and optional user
 * rows, every file of a deployable bundle as text. main/export writes them and runs the selftest.
 */
export type { ExportTarget } from './targets';

/** The prebuilt runtime (dist/runtime, made by scripts/build-runtime.mjs). */
export interface RuntimeCode {
  lambda: string;
  server: string;
  selftest: string;
  /** runtime/python's files by name (`PYTHON_RUNTIME_FILES`): copied into the Python bundles. */
  python: Record<string, string>;
}

export interface BundleInput {
  /** The packed model the app holds (an open document), or node objects (tools, tests). */
  model: TreeModel | PackedModel;
  target: ExportTarget;
  runtime: RuntimeCode;
  /** Splitscope version written into the files. */
  version: string;
  /** The user's rows (feature order, NaN = missing); golden rows are generated when absent or empty. */
  rows?: number[][];
  /** Upper bound on golden rows. Default 2,000 generated; user rows are capped at 10,000. */
  maxGoldenRows?: number;
  maxBodyBytes?: number;
  maxRows?: number;
}

export interface BundleFile {
  /** Relative path with `/` separators. */
  path: string;
  /** Text (written as UTF-8) or bytes (the packed model). */
  content: string | Uint8Array;
}

/** The packed model's file beside the service entry (`packedCodec.ts` format), read once at start. */
export const MODEL_FILE = 'model.spkm';

/**
 * The evaluator's layout of the model beside a Node service (`app/eval/flatCodec.ts`), so a cold
 * start reads arrays instead of laying out the forest again.
 */
export const LAYOUT_FILE = 'model.layout';

export interface BundlePlan {
  target: ExportTarget;
  name: string;
  files: BundleFile[];
  /** `sha256:<hex>` of the packed model file. */
  checksum: string;
  /** Bytes of the packed model file (`MODEL_FILE`). */
  modelBytes: number;
  /** Bytes of the service code (without the model). */
  runtimeBytes: number;
  goldenRows: number;
  goldenSource: 'csv' | 'generated';
  /** The service entry file (`TARGETS[target].entryFile`). */
  entryFile: string;
}

/** What a target's files are written from. */
export interface TargetFilesInput {
  context: TemplateContext;
  /** The packed model (its file name without folders). */
  packed: PackedModel;
  compiled: CompiledModel;
  golden: GoldenFile;
  /** `MODEL_FILE`'s bytes (`encodePackedModel`). */
  modelBytes: Uint8Array;
  runtime: RuntimeCode;
  /** One line on what the bundle is, for the files' first comment. */
  description: string;
}

/** A target's files, except `MODEL_FILE` and `golden.json` (every bundle has those). */
export interface TargetFiles {
  files: BundleFile[];
  /** Bytes of the service code, without the model. */
  runtimeBytes: number;
}

/** The Node service's entry (embedded constants, then the prebuilt runtime), the model's layout and the selftest. */
function nodeServiceFiles(input: TargetFilesInput, entryFile: string, runtimeCode: string): TargetFiles {
  const layout = encodeFlatModel(layoutOf(input.packed));
  const header = embeddedHeader(input.context.checksum, `sha256:${sha256HexOfBytes(layout)}`, input.context.version, input.description);
  return {
    files: [
      { path: entryFile, content: header + runtimeCode },
      { path: LAYOUT_FILE, content: layout },
      { path: 'selftest.mjs', content: `// Parity selftest written by Splitscope ${input.context.version}: node selftest.mjs\n` + input.runtime.selftest },
    ],
    runtimeBytes: header.length + runtimeCode.length,
  };
}

/** runtime/python's files the bundles carry (scripts/build-runtime.mjs copies them to dist/runtime/python). */
export const PYTHON_RUNTIME_FILES: readonly string[] = [...new Set(['score.py', 'job.py', 'spark_selftest.py', ...Object.values(PYTHON_LAMBDA_SOURCES)])];

/** A file of runtime/python, or an error naming it (a runtime built without the Python sources). */
function pythonSource(runtime: RuntimeCode, name: string): string {
  const text = runtime.python[name];
  if (text === undefined) throw new Error(`the service runtime lacks python/${name}; rebuild it (node scripts/build-runtime.mjs)`);
  return text;
}

const TARGET_FILES: Record<ExportTarget, (input: TargetFilesInput) => TargetFiles> = {
  lambda: (input) => {
    const service = nodeServiceFiles(input, TARGETS.lambda.entryFile, input.runtime.lambda);
    const context = input.context;
    const files = [
      ...service.files,
      { path: 'template.yaml', content: samTemplate(context) },
      { path: 'serverless.yml', content: serverlessYml(context) },
      { path: 'Dockerfile.lambda', content: lambdaDockerfile(context) },
      ...Object.entries(lambdaEvents(context)).map(([path, content]) => ({ path, content })),
      { path: 'README.md', content: lambdaReadme(context) },
    ];
    return { files, runtimeBytes: service.runtimeBytes };
  },
  'lambda-python': (input) => {
    const { context, runtime } = input;
    const code = PYTHON_FILES.map((path) => {
      const source = pythonSource(runtime, PYTHON_LAMBDA_SOURCES[path]);
      return { path, content: path === 'handler.py' ? pythonHandler(source, context.checksum, context.version, input.description) : source };
    });
    const files = [
      ...code,
      { path: 'template.yaml', content: samTemplate(context, PYTHON_LAMBDA) },
      { path: 'serverless.yml', content: serverlessYml(context, PYTHON_LAMBDA) },
      ...Object.entries(lambdaEvents(context)).map(([path, content]) => ({ path, content })),
      { path: 'README.md', content: pythonLambdaReadme(context) },
    ];
    const runtimeBytes = code.filter((file) => file.path !== 'selftest.py').reduce((total, file) => total + file.content.length, 0);
    return { files, runtimeBytes };
  },
  docker: (input) => {
    const service = nodeServiceFiles(input, TARGETS.docker.entryFile, input.runtime.server);
    const context = input.context;
    const files = [
      ...service.files,
      { path: 'Dockerfile', content: dockerfile(context) },
      { path: '.dockerignore', content: dockerignore() },
      ...Object.entries(kubernetesFiles(context)).map(([path, content]) => ({ path, content })),
      { path: 'README.md', content: dockerReadme(context) },
    ];
    return { files, runtimeBytes: service.runtimeBytes };
  },
  spark: (input) => {
    const { context, runtime } = input;
    const score = sparkScore(pythonSource(runtime, 'score.py'), context.checksum, context.version, input.description);
    const job = pythonSource(runtime, 'job.py');
    const files = [
      { path: TARGETS.spark.entryFile, content: score },
      { path: 'job.py', content: job },
      { path: 'selftest.py', content: pythonSource(runtime, 'spark_selftest.py') },
      { path: 'README.md', content: sparkReadme(context) },
    ];
    return { files, runtimeBytes: score.length + job.length };
  },
  onnx: (input) => {
    // Throws RangeError (E_EXPORT_MODEL) when TreeEnsemble cannot express the model (linear leaves).
    const onnx = buildOnnxModel(input.packed, input.compiled.numFeatures, input.context.version);
    const selftest = onnxSelftest(input.context.version);
    const files = [
      { path: TARGETS.onnx.entryFile, content: onnx.bytes },
      { path: 'selftest.mjs', content: selftest },
      { path: 'README.md', content: onnxReadme(input.context, onnx) },
    ];
    return { files, runtimeBytes: selftest.length };
  },
};

/** The commands to run after an export of each target, in a folder already quoted for a shell. */
const TARGET_COMMANDS: Record<ExportTarget, (plan: BundlePlan, quotedFolder: string) => string[]> = {
  lambda: (_plan, folder) => [
    `cd ${folder}`,
    'node selftest.mjs',
    'sam local invoke PredictFunction --event events/get-v1.json',
    'sam deploy --guided',
    'serverless deploy',
  ],
  'lambda-python': (_plan, folder) => [
    `cd ${folder}`,
    'python3 selftest.py',
    'sam local invoke PredictFunction --event events/get-v1.json',
    'sam deploy --guided',
    'serverless deploy',
  ],
  onnx: (_plan, folder) => [
    `cd ${folder}`,
    'npm install onnxruntime-node',
    'node selftest.mjs',
    `python3 -c "import onnxruntime as ort; s = ort.InferenceSession('model.onnx'); print([o.name for o in s.get_outputs()])"`,
  ],
  docker: (plan, folder) => [`cd ${folder}`, 'node selftest.mjs', `docker build -t ${plan.name} .`, `docker run --rm -p 8080:8080 ${plan.name}`, 'curl http://localhost:8080/ping'],
  spark: (_plan, folder) => [
    `cd ${folder}`,
    'python3 selftest.py',
    'spark-submit --py-files score.py --files model.spkm job.py --input rows.parquet --output scored.parquet',
  ],
};

const MAX_USER_ROWS = 10_000;

/** The constants the runtime reads (runtime/embedded.ts), written before the bundled code. */
function embeddedHeader(checksum: string, layoutChecksum: string, version: string, description: string): string {
  return (
    `// ${description}\n// Generated by Splitscope ${version}. The model is ${MODEL_FILE} beside this file, with the evaluator's layout of it in ${LAYOUT_FILE} (their checksums are checked at start); the code below is the app's evaluator.\n` +
    `const SPLITSCOPE_VERSION = ${JSON.stringify(version)};\n` +
    `const SPLITSCOPE_MODEL_CHECKSUM = ${JSON.stringify(checksum)};\n` +
    `const SPLITSCOPE_MODEL_FILE = ${JSON.stringify(MODEL_FILE)};\n` +
    `const SPLITSCOPE_LAYOUT_CHECKSUM = ${JSON.stringify(layoutChecksum)};\n` +
    `const SPLITSCOPE_LAYOUT_FILE = ${JSON.stringify(LAYOUT_FILE)};\n`
  );
}

/** The feature names in feature order (generated names for features the model does not list). */
function featureNamesOf(model: TreeModel, numFeatures: number): string[] {
  return Array.from({ length: numFeatures }, (_, i) => model.features[i]?.name ?? `f${i}`);
}

/**
 * Every file of the bundle. Throws RangeError when the model cannot be compiled or a user row has
 * the wrong length (the caller reports it).
 */
export function planBundle(input: BundleInput): BundlePlan {
  const { target, version } = input;
  // Only the file's name travels: the exporting machine's folders are nobody's business.
  const given = 'forest' in input.model ? input.model : packModel(input.model);
  const fileName = given.header.fileName.split(/[\\/]/).pop() ?? given.header.fileName;
  const packed: PackedModel = { header: { ...given.header, fileName }, forest: given.forest };
  const model = viewOfPacked(packed);
  const compiled = compileModel(packed);
  const numFeatures = compiled.numFeatures;
  const userRows = (input.rows ?? []).slice(0, Math.min(input.maxGoldenRows ?? MAX_USER_ROWS, MAX_USER_ROWS));
  userRows.forEach((row, index) => {
    if (row.length !== numFeatures) throw new RangeError(`row ${index + 1} has ${row.length} values; the model has ${numFeatures} features`);
  });
  const goldenSource = userRows.length > 0 ? 'csv' : 'generated';
  const rows = userRows.length > 0 ? userRows : generateGoldenRows(model, { maxRows: input.maxGoldenRows ?? 2000 });
  const modelBytes = encodePackedModel(scoringPart(packed));
  const checksum = `sha256:${sha256HexOfBytes(modelBytes)}`;
  const featureNames = featureNamesOf(model, numFeatures);
  const golden: GoldenFile = {
    version: 1,
    target,
    modelChecksum: checksum,
    source: goldenSource,
    featureNames,
    shape: outputShape(model),
    rows,
    expected: expectationsOf(compiled, rows),
  };
  // Example rows: real ones, preferring rows without missing values (nicer in a curl line), and
  // past the all-missing and all-zero rows that open a generated set.
  const candidates = goldenSource === 'generated' && rows.length > 2 ? rows.slice(2) : rows;
  const complete = candidates.filter((row) => row.every((value) => Number.isFinite(value)));
  const sampleRows = (complete.length > 0 ? complete : candidates).slice(0, 3);
  const name = serviceName({ ...model, fileName: given.header.fileName });
  const { memoryMb, timeoutSeconds } = lambdaSizing(modelBytes.length);
  const context: TemplateContext = {
    name,
    model,
    featureNames,
    sampleRows,
    checksum,
    version,
    memoryMb,
    timeoutSeconds,
    maxBodyBytes: input.maxBodyBytes ?? 5 * 1024 * 1024,
    maxRows: input.maxRows ?? 10_000,
    modelBytes: modelBytes.length,
    goldenRows: rows.length,
    goldenSource,
  };
  const description = `${name}: ${model.fileName} (${model.variant}), ${model.trees.length} trees`;
  const made = TARGET_FILES[target]({ context, packed, compiled, golden, modelBytes, runtime: input.runtime, description });
  const files: BundleFile[] = [...made.files, { path: MODEL_FILE, content: modelBytes }, { path: 'golden.json', content: goldenJson(golden) }];
  return {
    target,
    name,
    files,
    checksum,
    modelBytes: modelBytes.length,
    runtimeBytes: made.runtimeBytes,
    goldenRows: rows.length,
    goldenSource,
    entryFile: TARGETS[target].entryFile,
  };
}

/** The commands to run next, for the UI and the CLI. */
export function nextCommands(plan: BundlePlan, folder: string): string[] {
  const quoted = /^[\w./:@-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, `'\\''`)}'`;
  return TARGET_COMMANDS[plan.target](plan, quoted);
}
