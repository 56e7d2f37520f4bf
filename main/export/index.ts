import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nextCommands, planBundle, type BundlePlan, type ExportTarget, type RuntimeCode } from '../../app/export/bundle';
import type { ExportError, ExportResult, SelftestSummary } from '../../app/export/result';
import type { TreeModel } from '../../app/model/types';
import { PROJECT_ROOT, VERSION } from '../paths';
import { removeInside, UnsafePathError, unsafeReason, writeInside } from './safeFolder';

export type { ExportResult, ExportError, ExportSuccess, SelftestSummary } from '../../app/export/result';

export interface ExportOptions {
  model: TreeModel;
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
}

/** Written into every bundle so a later `overwrite` knows which files are ours. */
const MANIFEST = '.splitscope-export.json';

function failure(code: ExportError['code'], message: string, extra: Partial<ExportError> = {}): ExportError {
  return { status: 'error', code, message, ...extra };
}

let builtRuntimeDir: string | undefined;

/** Finds the prebuilt runtime, building it once from runtime/ when only the sources are there (development). */
async function loadRuntime(runtimeDir: string | undefined): Promise<RuntimeCode> {
  let folder = runtimeDir ?? join(PROJECT_ROOT, 'dist', 'runtime');
  if (!runtimeDir && !existsSync(join(folder, 'server.mjs'))) {
    const script = join(PROJECT_ROOT, 'scripts', 'build-runtime.mjs');
    if (!existsSync(script)) throw new Error(`the service runtime is missing (${folder}); run node scripts/build-runtime.mjs`);
    builtRuntimeDir ??= await buildRuntime(script);
    folder = builtRuntimeDir;
  }
  const read = (name: string) => readFile(join(folder, `${name}.mjs`), 'utf8');
  const [lambda, server, selftest] = await Promise.all([read('lambda'), read('server'), read('selftest')]);
  return { lambda, server, selftest };
}

async function buildRuntime(script: string): Promise<string> {
  const folder = join(tmpdir(), `splitscope-runtime-${process.pid}`);
  const result = await runNode([script, '--out', folder], PROJECT_ROOT, 120_000);
  if (result.code !== 0) throw new Error(`building the service runtime failed: ${result.stderr.trim() || result.stdout.trim()}`);
  return folder;
}

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a script with this Node (or Electron acting as Node) and collects its output. */
function runNode(args: string[], cwd: string, timeoutMillis: number, signal?: AbortSignal): Promise<ChildResult> {
  return new Promise((resolvePromise) => {
    const environment = { ...process.env };
    if (process.versions.electron) environment.ELECTRON_RUN_AS_NODE = '1';
    const child = spawn(process.execPath, args, { cwd, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMillis);
    const onAbort = () => child.kill('SIGKILL');
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolvePromise({ code: -1, stdout, stderr: stderr + String(error), timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolvePromise({ code, stdout, stderr, timedOut });
    });
  });
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

/** Runs `node selftest.mjs` in the bundle folder (a real child process) and reads its report. */
async function runSelftest(folder: string, plan: BundlePlan, timeoutMillis: number, signal?: AbortSignal): Promise<SelftestSummary | ExportError> {
  const result = await runNode(['selftest.mjs'], folder, timeoutMillis, signal);
  if (signal?.aborted) return cancelled(folder);
  const output = (result.stdout + result.stderr).trim();
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  let report: { ok?: boolean; requests?: number; millis?: number; mismatch?: ExportError['mismatch']; problem?: string } | undefined;
  try {
    report = JSON.parse(lastLine);
  } catch {
    report = undefined;
  }
  if (result.timedOut) return failure('E_EXPORT_SELFTEST_FAILED', `the selftest in ${folder} did not finish within ${timeoutMillis / 1000} s`, { folder, output });
  if (report?.ok === true && result.code === 0) {
    return { rows: plan.goldenRows, source: plan.goldenSource, requests: report.requests ?? 0, millis: report.millis ?? 0 };
  }
  if (report?.mismatch) {
    const m = report.mismatch;
    return failure(
      'E_EXPORT_SELFTEST_MISMATCH',
      `the exported service differs from the app on golden row ${m.row + 1} of ${plan.goldenRows}: ${m.field} is ${m.actual}, the app says ${m.expected}`,
      { folder, mismatch: m, output },
    );
  }
  return failure('E_EXPORT_SELFTEST_FAILED', `the selftest in ${folder} failed: ${report?.problem ?? (output.slice(0, 500) || `exit code ${result.code}`)}`, { folder, output });
}

/**
 * Writes a deployable bundle (AWS Lambda or Docker) of a model to `outDir`, then proves it: runs
 * the bundle's own `selftest.mjs` in a child Node process and succeeds only when every golden row
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
  const selftest = await runSelftest(folder, plan, options.selftestTimeoutMillis ?? 300_000, options.signal);
  if ('status' in selftest) return selftest;
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
    sizes: { entryFile: Buffer.byteLength(entry.content), model: plan.modelBytes, runtime: plan.runtimeBytes },
  };
}
