import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { lstat, mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nextCommands, planBundle, PYTHON_RUNTIME_FILES, type BundlePlan, type ExportTarget, type RuntimeCode } from '../../app/export/bundle';
import { TARGETS, type SelftestRunner } from '../../app/export/targets';
import type { ExportError, ExportResult, SelftestSummary } from '../../app/export/result';
import type { TreeModel } from '../../app/model/types';
import type { PackedModel } from '../../app/model/packed';
import { PROJECT_ROOT, VERSION } from '../paths';
import type { SelftestReport } from '../../runtime/selftest';
import { removeInside, UnsafePathError, unsafeReason, writeInside } from './safeFolder';
import { moduleUrl, runInWorker } from './worker';
import { runPythonSelftest } from './python';
import { readmeWithFidelity } from '../../app/export/onnx/files';

export type { ExportResult, ExportError, ExportSuccess, SelftestSummary } from '../../app/export/result';

export interface ExportOptions {
  model: TreeModel | PackedModel;
  target: ExportTarget;
  outDir: string;
  /** The user's CSV rows in feature order (NaN = missing); golden rows are generated when absent. */
  rows?: number[][];
  /** Replace a non-empty folder: files of an earlier export (its manifest) are removed, others are kept. */
  overwrite?: boolean;
  onProgress?: (step: string, fraction: number) => void;
  /** Where the prebuilt runtime is (default: dist/runtime; built from runtime/ when absent). */
  runtimeDir?: string;
  /** Longest the selftest may take. Default 5 minutes. */
  selftestTimeoutMillis?: number;
  /** Stops the export between steps and kills a running selftest (the app's Cancel). */
  signal?: AbortSignal;
  /** The Python that runs a Python bundle's selftest. Default: `SPLITSCOPE_PYTHON`, else `python3` on PATH. */
  python?: string;
}

/** Written into every bundle so a later `overwrite` knows which files are ours. */
const MANIFEST = '.splitscope-export.json';

function failure(code: ExportError['code'], message: string, extra: Partial<ExportError> = {}): ExportError {
  return { status: 'error', code, message, ...extra };
}

let builtRuntimeDir: string | undefined;

/** The files of the prebuilt service runtime that every export reads (electron-builder.yml packs them). */
const NODE_RUNTIME_FILES = ['lambda.mjs', 'server.mjs', 'selftest.mjs'] as const;
export const RUNTIME_FILES: readonly string[] = [...NODE_RUNTIME_FILES, ...PYTHON_RUNTIME_FILES.map((name) => `python/${name}`)];

/** Where the prebuilt runtime is: dist/runtime of the project or the packaged app. */
export function defaultRuntimeDir(): string {
  return join(PROJECT_ROOT, 'dist', 'runtime');
}

/** Finds the prebuilt runtime, building it once from runtime/ when only the sources are there (development). */
async function loadRuntime(runtimeDir: string | undefined): Promise<RuntimeCode> {
  let folder = runtimeDir ?? defaultRuntimeDir();
  // A build from before a runtime file existed counts as none, so development never reads half a runtime.
  if (!runtimeDir && RUNTIME_FILES.some((name) => !existsSync(join(folder, name)))) {
    const script = join(PROJECT_ROOT, 'scripts', 'build-runtime.mjs');
    if (!existsSync(script)) throw new Error(`the service runtime is missing (${folder}); run node scripts/build-runtime.mjs`);
    builtRuntimeDir ??= await buildRuntime(script);
    folder = builtRuntimeDir;
  }
  const [lambda, server, selftest] = await Promise.all(NODE_RUNTIME_FILES.map((name) => readFile(join(folder, name), 'utf8')));
  const python: Record<string, string> = {};
  for (const name of PYTHON_RUNTIME_FILES) python[name] = await readFile(join(folder, 'python', name), 'utf8');
  return { lambda, server, selftest, python };
}

/** Runs scripts/build-runtime.mjs (development only: esbuild is a devDependency) in a worker. */
async function buildRuntime(script: string): Promise<string> {
  const folder = join(tmpdir(), `splitscope-runtime-${process.pid}`);
  const source = `import(workerData.url).then(() => parentPort.postMessage('built'));`;
  const result = await runInWorker<string>(source, { url: moduleUrl(script) }, 120_000, undefined, ['--out', folder]);
  if (result.value !== 'built') throw new Error(`building the service runtime failed: ${result.problem ?? ''} ${result.output.trim()}`.trim());
  return folder;
}

/** What an earlier export in the folder left (its manifest's files), to remove before writing. */
interface FolderState {
  /** The folder's real path (the user may have named a link to it); everything stays below it. */
  root?: string;
  stale: string[];
}

/** Checks the output folder; returns an error result, or what to remove before it may be written. */
async function prepareFolder(folder: string, overwrite: boolean): Promise<ExportError | FolderState> {
  let entries: string[];
  let root: string;
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) return failure('E_EXPORT_NOT_A_FOLDER', `${folder} exists and is not a folder`, { folder });
    root = await realpath(folder);
    entries = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { stale: [] };
    return failure('E_EXPORT_WRITE', `${folder}: cannot read the folder: ${(error as Error).message}`, { folder });
  }
  if (entries.length === 0) return { root, stale: [] };
  if (!overwrite) {
    return failure(
      'E_EXPORT_FOLDER_NOT_EMPTY',
      `${folder} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}: ${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', …' : ''}); choose an empty folder or allow overwriting`,
      { folder, entries: entries.slice(0, 20) },
    );
  }
  // What an earlier export wrote (and only that) goes, so a Lambda bundle's events/ do not linger in
  // a Docker one. A manifest that is a link, or is not ours, counts as none: same-named files are replaced.
  let files: unknown;
  try {
    const manifestPath = join(root, MANIFEST);
    if (!(await lstat(manifestPath)).isFile()) return { root, stale: [] };
    files = (JSON.parse(await readFile(manifestPath, 'utf8')) as { files?: unknown }).files;
  } catch {
    return { root, stale: [] };
  }
  if (!Array.isArray(files)) return { root, stale: [] };
  const stale: string[] = [];
  for (const file of files) {
    // Checked before anything is deleted: one bad entry and nothing is.
    const reason = typeof file !== 'string' ? 'an entry is not a path' : await unsafeReason(root, file);
    if (reason) {
      return failure(
        'E_EXPORT_UNSAFE_PATH',
        `${join(folder, MANIFEST)} lists a file Splitscope will not delete: ${reason}; nothing was changed. Delete that manifest or choose another folder`,
        { folder },
      );
    }
    stale.push(file as string);
  }
  return { root, stale };
}

async function writeBundle(root: string, plan: BundlePlan, stale: readonly string[]): Promise<ExportError | undefined> {
  const paths = [...plan.files.map((file) => file.path), MANIFEST];
  for (const path of paths) {
    const reason = await unsafeReason(root, path);
    if (reason) return failure('E_EXPORT_UNSAFE_PATH', `cannot write ${path}: ${reason}; Splitscope never writes through links. Nothing was changed`, { folder: root });
  }
  for (const path of stale) await removeInside(root, path);
  for (const file of plan.files) await writeInside(root, file.path, file.content);
  const manifest = { exportedBy: `splitscope ${VERSION}`, target: plan.target, checksum: plan.checksum, files: plan.files.map((file) => file.path) };
  await writeInside(root, MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
  return undefined;
}

/** How a bundle's selftest runs, by its target's runner. */
type SelftestRun = (folder: string, plan: BundlePlan, options: ExportOptions, timeoutMillis: number) => Promise<SelftestSummary | ExportError>;

const SELFTEST_RUNNERS: Record<SelftestRunner, SelftestRun> = {
  node: (folder, plan, options, timeoutMillis) => runSelftest(folder, plan, timeoutMillis, options.signal),
  python: (folder, plan, options, timeoutMillis) => readSelftestReport(folder, plan, timeoutMillis, runPythonSelftest(folder, options.python, timeoutMillis, options.signal), options.signal),
  onnx: (folder, plan, options, timeoutMillis) => runOnnxSelftest(folder, plan, timeoutMillis, options.signal),
};

/** Where the app's onnxruntime-node is (a module URL for the worker), or why it is not there. */
function onnxRuntimeUrl(): string | { problem: string } {
  try {
    return moduleUrl(createRequire(join(PROJECT_ROOT, 'package.json')).resolve('onnxruntime-node'));
  } catch (error) {
    return { problem: `onnxruntime-node is not installed with Splitscope (${(error as Error).message.split('\n')[0]}); the ONNX export needs it to check model.onnx` };
  }
}

/**
 * Runs the ONNX bundle's selftest.mjs (`runOnnxSelftest`) with the app's onnxruntime-node in a
 * worker thread: ONNX Runtime loads model.onnx there, so an error in it, a timeout or a cancel ends
 * the worker, not the app (the packaged app cannot spawn itself as Node; see worker.ts). The report
 * carries the measured fidelity; a difference is reported, not failed.
 */
async function runOnnxSelftest(folder: string, plan: BundlePlan, timeoutMillis: number, signal?: AbortSignal): Promise<SelftestSummary | ExportError> {
  const ort = onnxRuntimeUrl();
  if (typeof ort !== 'string') return failure('E_EXPORT_SELFTEST_FAILED', `the selftest in ${folder} cannot run: ${ort.problem}`, { folder });
  const source =
    `Promise.all([import(workerData.url), import(workerData.ort)])` +
    `.then(([bundle, ort]) => bundle.runOnnxSelftest(workerData.folder, ort.default ?? ort)).then((report) => parentPort.postMessage(report));`;
  return readSelftestReport(folder, plan, timeoutMillis, runInWorker<SelftestReport>(source, { url: moduleUrl(join(folder, 'selftest.mjs')), ort, folder }, timeoutMillis, signal), signal);
}

/**
 * Runs the bundle's own selftest.mjs (its `runSelftest`, which loads the bundle's index.mjs or
 * server.mjs) in a worker thread and reads its report. Cancel and timeout terminate the worker.
 */
async function runSelftest(folder: string, plan: BundlePlan, timeoutMillis: number, signal?: AbortSignal): Promise<SelftestSummary | ExportError> {
  const source = `import(workerData.url).then((bundle) => bundle.runSelftest(workerData.folder)).then((report) => parentPort.postMessage(report));`;
  return readSelftestReport(folder, plan, timeoutMillis, runInWorker<SelftestReport>(source, { url: moduleUrl(join(folder, 'selftest.mjs')), folder }, timeoutMillis, signal), signal);
}

/** Turns what a selftest reported (any runner) into the export's summary or error. */
async function readSelftestReport(
  folder: string,
  plan: BundlePlan,
  timeoutMillis: number,
  running: Promise<{ value?: SelftestReport; problem?: string; output: string; timedOut: boolean; cancelled: boolean }>,
  signal?: AbortSignal,
): Promise<SelftestSummary | ExportError> {
  const result = await running;
  if (result.cancelled || signal?.aborted) return cancelled(folder);
  const report = result.value;
  const output = [result.problem, result.output.trim()].filter(Boolean).join('\n');
  if (result.timedOut) return failure('E_EXPORT_SELFTEST_FAILED', `the selftest in ${folder} did not finish within ${timeoutMillis / 1000} s`, { folder, output });
  if (report?.ok === true) {
    const summary: SelftestSummary = { rows: plan.goldenRows, source: plan.goldenSource, requests: report.requests ?? 0, millis: report.millis ?? 0 };
    if (report.fidelity) summary.fidelity = report.fidelity;
    return summary;
  }
  if (report?.mismatch) {
    const m = report.mismatch;
    return failure(
      'E_EXPORT_SELFTEST_MISMATCH',
      `the exported service differs from the app on golden row ${m.row + 1} of ${plan.goldenRows}: ${m.field} is ${m.actual}, the app says ${m.expected}`,
      { folder, mismatch: m, output: JSON.stringify(report) },
    );
  }
  const problem = report?.problem ?? result.problem?.split('\n')[0] ?? 'no report';
  return failure('E_EXPORT_SELFTEST_FAILED', `the selftest in ${folder} failed: ${problem.slice(0, 500)}`, { folder, output: output || JSON.stringify(report) });
}

/**
 * Writes a deployable bundle (AWS Lambda, Docker or Spark) of a model to `outDir`, then proves it: runs
 * the bundle's own selftest (`selftest.mjs` in a worker thread, or `selftest.py` in Python) and succeeds only when every golden row
 * matches the app bit for bit. Never writes into a non-empty folder unless `overwrite` is set.
 * Expected failures come back as `ExportError` results; the promise rejects only on bugs.
 */
export async function exportBundle(options: ExportOptions): Promise<ExportResult> {
  const folder = resolve(options.outDir);
  const onProgress = options.onProgress ?? (() => {});
  const isCancelled = () => options.signal?.aborted === true;
  // Every step starts with a progress report, so that is where a cancel takes effect.
  const progress = (step: string, fraction: number) => {
    if (isCancelled()) throw new ExportCancelled();
    onProgress(step, fraction);
  };
  try {
    return await runExport(options, folder, progress);
  } catch (error) {
    if (error instanceof ExportCancelled) return cancelled(folder);
    throw error;
  }
}

class ExportCancelled extends Error {}

function cancelled(folder: string): ExportError {
  return failure('E_EXPORT_CANCELLED', `the export to ${folder} was cancelled`, { folder });
}

async function runExport(options: ExportOptions, folder: string, progress: (step: string, fraction: number) => void): Promise<ExportResult> {
  progress('checking the folder', 0);
  const state = await prepareFolder(folder, options.overwrite === true);
  if ('status' in state) return state;

  progress('loading the service runtime', 0.05);
  let runtime: RuntimeCode;
  try {
    runtime = await loadRuntime(options.runtimeDir);
  } catch (error) {
    return failure('E_EXPORT_RUNTIME', (error as Error).message);
  }

  progress('generating golden rows and predictions', 0.15);
  let plan: BundlePlan;
  try {
    plan = planBundle({ model: options.model, target: options.target, runtime, version: VERSION, rows: options.rows });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const isRow = /^row \d+/.test(error.message);
    return failure(isRow ? 'E_EXPORT_ROWS' : 'E_EXPORT_MODEL', isRow ? `the CSV does not fit the model: ${error.message}` : `the model cannot be exported: ${error.message}`);
  }

  progress('writing the bundle', 0.5);
  try {
    const root = state.root ?? (await mkdir(folder, { recursive: true }), await realpath(folder));
    const unsafe = await writeBundle(root, plan, state.stale);
    if (unsafe) return { ...unsafe, folder };
  } catch (error) {
    if (error instanceof UnsafePathError) return failure('E_EXPORT_UNSAFE_PATH', `${folder}: ${error.message}; Splitscope never writes or deletes through links`, { folder });
    return failure('E_EXPORT_WRITE', `${folder}: cannot write the bundle: ${(error as Error).message}`, { folder });
  }

  progress('running the selftest', 0.6);
  const selftest = await SELFTEST_RUNNERS[TARGETS[plan.target].runner](folder, plan, options, options.selftestTimeoutMillis ?? 300_000);
  if ('status' in selftest) return selftest;
  if (selftest.fidelity) {
    // The README states what was measured (its marker is replaced; the manifest already lists it).
    const readme = plan.files.find((file) => file.path === 'README.md');
    if (readme && typeof readme.content === 'string') {
      try {
        await writeInside(await realpath(folder), 'README.md', readmeWithFidelity(readme.content, selftest.fidelity));
      } catch (error) {
        return failure('E_EXPORT_WRITE', `${folder}: cannot write README.md: ${(error as Error).message}`, { folder });
      }
    }
  }
  progress('done', 1);
  const entry = plan.files.find((file) => file.path === plan.entryFile)!;
  return {
    status: 'ok',
    target: plan.target,
    folder,
    files: [...plan.files.map((file) => file.path), MANIFEST],
    checksum: plan.checksum,
    selftest,
    nextCommands: nextCommands(plan, folder),
    sizes: { entryFile: typeof entry.content === 'string' ? Buffer.byteLength(entry.content) : entry.content.length, model: plan.modelBytes, runtime: plan.runtimeBytes },
    ...(selftest.fidelity ? { fidelity: selftest.fidelity } : {}),
  };
}
