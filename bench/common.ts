import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModelText } from '../app/formats';
import { serializeModel } from '../app/model/serialize';
import type { TreeModel } from '../app/model/types';

/** Shared helpers of the benchmarks. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Collects garbage between timed runs (the bench runner starts Node with --expose-gc). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Per feature, the finite thresholds of its numeric splits (for rows that reach deep into the trees). */
export function splitThresholds(model: TreeModel, numFeatures: number): number[][] {
  const thresholds: number[][] = Array.from({ length: numFeatures }, () => []);
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type === 'split' && node.split.kind === 'numeric' && Number.isFinite(node.split.threshold)) thresholds[node.feature].push(node.split.threshold);
    }
  }
  return thresholds;
}

export function nodeCount(model: TreeModel): number {
  return model.trees.reduce((sum, tree) => sum + tree.nodes.length, 0);
}

/**
 * Median times of parsing `text` and of JSON.parse of its serialized IR, interleaved so both see the
 * same machine load; prints both and their ratio against the ≤ 2× goal. Returns the ratio (NaN when
 * the text does not parse).
 */
export function compareParseWithJson(label: string, text: string, runs = 7): number {
  let model: TreeModel;
  try {
    model = parseModelText(text, label);
  } catch (error) {
    console.log(`${label}: ${megabytes(text.length)} text: parse FAILED: ${(error as Error).message.slice(0, 200)}`);
    return NaN;
  }
  const json = serializeModel(model);
  const parseTimes: number[] = [];
  const jsonTimes: number[] = [];
  // Both warmed up, then sampled with no forced collection in between: a forced full collection
  // frees the previous parse's objects, and V8 deoptimises the parser code that embedded them
  // (bench/packed-parse.bench.ts), so every sample paid for compiling the parser again.
  for (let run = 0; run < 2; run++) {
    parseModelText(text, label);
    JSON.parse(json);
  }
  collectGarbage();
  for (let run = 0; run < runs; run++) {
    let start = performance.now();
    parseModelText(text, label);
    parseTimes.push(performance.now() - start);
    start = performance.now();
    JSON.parse(json);
    jsonTimes.push(performance.now() - start);
  }
  const ratio = median(parseTimes) / median(jsonTimes);
  console.log(
    `${label}: ${megabytes(text.length)} text, ${model.trees.length} trees, ${nodeCount(model)} nodes; IR JSON ${megabytes(json.length)}\n` +
      `  parseModelText ${median(parseTimes).toFixed(1)} ms vs JSON.parse(IR) ${median(jsonTimes).toFixed(1)} ms (medians of ${runs}) → ratio ${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`,
  );
  return ratio;
}

/** `met` / `NOT met` for a goal verdict. */
export const verdict = (isMet: boolean) => (isMet ? 'met' : 'NOT met');

/** One goal of an issue as a bench measured it, for the table `npm run bench` prints at its end. */
export interface GoalOutcome {
  issue: number;
  goal: string;
  figure: string;
  /** What the figure stands beside, measured in the same run. */
  reference: string;
  /** Undefined: it cannot be measured here (a reference library is not installed). */
  met: boolean | undefined;
}

/**
 * Notes a goal's outcome for scripts/bench.mjs's closing table: one JSON line appended to the file
 * SPLITSCOPE_BENCH_GOALS names (nothing when a bench runs on its own).
 */
export function recordGoal(outcome: GoalOutcome): void {
  const path = process.env.SPLITSCOPE_BENCH_GOALS;
  if (path) appendFileSync(path, JSON.stringify(outcome) + '\n');
}

/** Decimal megabytes (the issue's figures are in MB of 10⁶ bytes). */
export const mb = (bytes: number) => (Math.abs(bytes) < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

/** Peak resident set size (VmHWM) of a running process, in bytes; NaN when it cannot be read. */
export function peakRssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export const ROOT = process.cwd();
export const SHARED = join(ROOT, '..', 'shared');
export const corpusFile = (relative: string) => join(SHARED, 'corpus', relative);
export const KEIBA = corpusFile('lightgbm/keiba_binary_nan_missing_v4.txt');
export const SPARK_13641 = corpusFile('spark/ml_dt_classifier_spark3x_depth30_13641nodes.txt');

/** Fails early with a clear message when `npm run build` has not made what a bench runs. */
export function requireBuilt(...relatives: string[]): void {
  for (const relative of relatives) {
    if (!existsSync(join(ROOT, relative))) throw new Error(`${relative} is missing: run \`npm run build\` first`);
  }
}

export interface RunningBrowserHost {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the built browser-mode host (`dist/main/web.mjs [MODEL]`) on a free port; resolves with the URL it prints. */
export async function startBrowserHost(modelPath?: string): Promise<RunningBrowserHost> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main', 'web.mjs'), ...(modelPath ? [modelPath] : []), '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs `node args…` to its end; wall time in ms and its output. Throws when it fails. */
export function runNode(args: string[], cwd = ROOT): { wall: number; stdout: string; stderr: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status ?? result.signal}: ${(result.stderr || result.stdout).slice(0, 2000)}`);
  return { wall, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Debian's Chromium with the flags the project's browser tests use, and Chromium's own omnibox
 * popup pages switched off: Chromium 156 renders them in a second renderer process for about
 * 1.6 s after each launch (a trace of an open shows it), which takes one of this machine's two
 * cores from the page being measured. The app itself never has an omnibox (Electron has none);
 * keiba's first tree took a median 1,710 ms with those pages and 985 ms without, in two runs back to back.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];
