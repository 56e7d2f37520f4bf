/**
 * `npm run fuzz [-- --per-format N --seed S]`: seeded mutants of every corpus, reference and fixture
 * model file, per format, through the app's own parse-and-compile path in a worker thread with a
 * time bound (5 s) and a heap bound. Findings — crashes (anything but a typed model error), hangs,
 * heap exhaustion, and typed rejections without a line and column — are written as reproducer files to
 * `.fuzz/` and make the exit code 1.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { seededRandom } from '../app/util/random';
import { mutate } from './mutate';
import type { Outcome } from './worker';

// Run from the project folder (scripts/fuzz.mjs sets it); the bundle itself lives in .fuzz/build.
const ROOT = process.cwd();
const SHARED = join(ROOT, '..', 'shared');
const TIME_LIMIT_MS = 5_000;
const FORMATS = ['spark', 'lightgbm', 'xgboost', 'sklearn'] as const;
type Format = (typeof FORMATS)[number];

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} expects a whole number, got ${process.argv[index + 1]}`);
  return value;
}

const NOT_A_MODEL = /(predictions|pred_leaves|margin|pred|data|meta|featmap|expected_[a-z_]+|input_[a-z_]+)\.(txt|json|csv|tsv)$/;

/** Seed files by format: the corpus folders, the shared reference cases and the project's fixtures. */
function seedFiles(): Record<Format, string[]> {
  const seeds: Record<Format, string[]> = { spark: [], lightgbm: [], xgboost: [], sklearn: [] };
  const add = (path: string) => {
    if (!/\.(txt|json)$/.test(path) || NOT_A_MODEL.test(path)) return;
    const name = basename(dirname(path)) + '/' + basename(path);
    const format: Format | undefined = name.startsWith('spark/')
      ? 'spark'
      : name.startsWith('lightgbm/') || name.startsWith('lgb_')
        ? 'lightgbm'
        : name.startsWith('xgboost/') || name.startsWith('xgb_')
          ? 'xgboost'
          : name.startsWith('sklearn/') || name.startsWith('skl_')
            ? 'sklearn'
            : undefined;
    if (format) seeds[format].push(path);
  };
  for (const format of FORMATS) for (const file of readdirSync(join(SHARED, 'corpus', format))) add(join(SHARED, 'corpus', format, file));
  for (const root of [join(SHARED, 'reference'), join(ROOT, 'fixtures', 'reference'), join(ROOT, 'app', 'formats', 'xgboost', 'fixtures')]) {
    for (const entry of readdirSync(root)) {
      const folder = join(root, entry);
      if (!statSync(folder).isDirectory()) continue;
      for (const file of readdirSync(folder)) add(join(folder, file));
    }
  }
  return seeds;
}

interface Finding {
  kind: 'crash' | 'hang' | 'memory' | 'no-position';
  format: Format;
  seed: string;
  recipe: string[];
  detail: string;
  reproducer?: string;
}

class Runner {
  private worker!: Worker;
  private heapLimitMb = 0;

  /**
   * One input: its outcome, or `hang`/`memory` when the worker had to be stopped. An input that
   * misses the time bound runs again alone with four times the bound before it counts as a hang,
   * so a machine busy with other work does not turn a slow-but-finite parse into a finding.
   */
  async run(text: string, fileName: string): Promise<Outcome | { kind: 'hang' } | { kind: 'memory'; message: string }> {
    const first = await this.runOnce(text, fileName, TIME_LIMIT_MS);
    if (first.kind !== 'hang') return first;
    return this.runOnce(text, fileName, 4 * TIME_LIMIT_MS);
  }

  private async runOnce(text: string, fileName: string, timeLimitMs: number): Promise<Outcome | { kind: 'hang' } | { kind: 'memory'; message: string }> {
    // Heap bounded by the input's size, never by numbers in it: 256 MB plus 60× the text.
    const limit = Math.ceil(256 + (60 * text.length) / 1e6);
    if (!this.worker || limit > this.heapLimitMb) await this.restart(limit);
    const worker = this.worker;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.restart(this.heapLimitMb).then(() => resolve({ kind: 'hang' }));
      }, timeLimitMs);
      const onMessage = (outcome: Outcome) => {
        cleanup();
        resolve(outcome);
      };
      const onError = (error: Error) => {
        cleanup();
        void this.restart(this.heapLimitMb).then(() => resolve({ kind: 'memory', message: error.message }));
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ text, fileName });
    });
  }

  async restart(heapLimitMb: number): Promise<void> {
    if (this.worker) await this.worker.terminate();
    this.heapLimitMb = heapLimitMb;
    this.worker = new Worker(join(dirname(fileURLToPath(import.meta.url)), 'worker.mjs'), { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
    // An exit without a message (the heap limit) reaches `error`; keep the process alive meanwhile.
    this.worker.on('error', () => {});
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

async function main(): Promise<void> {
  const perFormat = argument('per-format', 200);
  const seed = argument('seed', 1);
  const outDir = join(ROOT, '.fuzz');
  mkdirSync(outDir, { recursive: true });
  const seeds = seedFiles();
  const runner = new Runner();
  const findings: Finding[] = [];
  const started = performance.now();
  console.log(`fuzz: ${perFormat} mutants per format, seed ${seed}`);
  for (const format of FORMATS) {
    const files = seeds[format];
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    const random = seededRandom(seed * 7919 + FORMATS.indexOf(format));
    const counts = { ok: 0, rejected: 0, crash: 0, hang: 0, memory: 0, noPosition: 0 };
    const formatStarted = performance.now();
    for (let index = 0; index < perFormat; index++) {
      const which = Math.floor(random() * files.length);
      const { text, recipe } = mutate(texts[which], random);
      const outcome = await runner.run(text, basename(files[which]));
      const seedName = files[which].replace(`${SHARED}/`, 'shared/').replace(`${ROOT}/`, '');
      const record = (kind: Finding['kind'], detail: string) => {
        const reproducer = join(outDir, `${format}-${seed}-${index}-${kind}${/\.json$/.test(files[which]) ? '.json' : '.txt'}`);
        writeFileSync(reproducer, text);
        findings.push({ kind, format, seed: seedName, recipe, detail, reproducer: reproducer.replace(`${ROOT}/`, '') });
      };
      if (outcome.kind === 'ok') counts.ok++;
      else if (outcome.kind === 'rejected') {
        counts.rejected++;
        if (!outcome.hasPosition) {
          counts.noPosition++;
          record('no-position', `${outcome.code}: ${outcome.message}`);
        }
      } else if (outcome.kind === 'crash') {
        counts.crash++;
        record('crash', `${outcome.message}\n${outcome.stack.split('\n').slice(1, 4).join('\n')}`);
      } else if (outcome.kind === 'hang') {
        counts.hang++;
        record('hang', `no answer within ${TIME_LIMIT_MS} ms, nor within ${4 * TIME_LIMIT_MS} ms on a second try`);
      } else {
        counts.memory++;
        record('memory', outcome.message);
      }
    }
    const seconds = ((performance.now() - formatStarted) / 1000).toFixed(1);
    console.log(
      `fuzz: ${format.padEnd(8)} ${perFormat} inputs from ${files.length} files in ${seconds} s: ${counts.ok} read, ${counts.rejected} rejected ` +
        `(${counts.noPosition} without line:column), ${counts.crash} crashes, ${counts.hang} hangs, ${counts.memory} out of memory`,
    );
  }
  await runner.close();
  // A refusal without line and column is a finding too: every reader names where its input went wrong.
  for (const finding of findings.slice(0, 40)) {
    console.log(`  ${finding.kind} ${finding.format} from ${finding.seed} [${finding.recipe.join(', ')}] → ${finding.reproducer}\n    ${finding.detail.replace(/\n/g, '\n    ')}`);
  }
  writeFileSync(join(outDir, `findings-${seed}.json`), JSON.stringify(findings, null, 2));
  const unplaced = findings.filter((finding) => finding.kind === 'no-position').length;
  console.log(`fuzz: ${((performance.now() - started) / 1000).toFixed(1)} s; ${findings.length - unplaced} crashes, hangs or memory findings; ${unplaced} rejections without line:column`);
  if (findings.length > 0) process.exitCode = 1;
}

await main();
