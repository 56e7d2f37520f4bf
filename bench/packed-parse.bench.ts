/**
 * Model text → packed form (`parsePackedModel`, app/formats) against `JSON.parse` of the same packed
 * model written as JSON (its header, and every typed-array column as a plain array), medians of runs
 * interleaved so both see the same machine load (issue 10). Goals: ≤ 1.5× for every corpus LightGBM
 * model.txt (the sparse-bitset categorical one included) and a generated 500 × 255-leaf model;
 * ≤ 3× for the largest Spark, XGBoost and scikit-learn text dumps of the corpus.
 *
 * Each file is measured in a Node process of its own, as the app parses each file it opens in a
 * fresh worker thread: in one process shared by every file, the parsers' shared code (the ANTLR
 * runtime, the packed-model builder) sees all four formats' shapes and runs slower for the files
 * read later, which no open does. The goal is judged on the warm figure (after a warm-up in that
 * process); the first call of each, what an open waits for, is printed beside it.
 * Run: node scripts/bench.mjs packed-parse
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Token, type Parser, type TokenStream } from 'antlr4ng';
import { detectFormat, parsePackedModel, type DumpKind } from '../app/formats';
import { fastPassParser, type ScannedTokenSource } from '../app/formats/antlr';
import { SparkTokenSource } from '../app/formats/spark/sparkTokens';
import { XgboostTokenSource } from '../app/formats/xgboost/xgboostTokens';
import { SklearnTokenSource } from '../app/formats/sklearn/sklearnTokens';
import { findTreeRegion } from '../app/formats/sklearn/sklearnLines';
import { SparkTreeParser } from '../grammar/generated/SparkTree/SparkTreeParser';
import { XGBoostTextParser } from '../grammar/generated/XGBoostText/XGBoostTextParser';
import { SklearnTextParser } from '../grammar/generated/SklearnText/SklearnTextParser';
import type { PackedModel } from '../app/model/packed';
import { writeBigLightgbm } from './bigLightgbm';
import { collectGarbage, corpusFile, mb, median, recordGoal, verdict } from './common';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Each timed sample repeats the call until it has taken at least this long (small files). */
const SAMPLE_MS = 10;
/** Long enough for V8 to optimise the parsers (a 100 ms warm-up left 3–5× on the table for files of 10–20 ms). */
const WARM_UP_MS = 1000;
const LARGEST_OF_OTHER_FORMATS = 3;

/** The packed model as plain JSON: the header as it is, each column as an array of numbers. */
export function packedModelJson(model: PackedModel): string {
  const forest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(model.forest)) {
    forest[name] = ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
  }
  return JSON.stringify({ header: model.header, forest });
}

/**
 * Milliseconds per call of `work`, one sample of `repeat` calls. No forced collection before a
 * sample: a forced full collection (`gc()`) frees the objects of the previous parse, and V8
 * deoptimises the compiled code that embedded them ("weak objects" in `--trace-deopt`: 310 such
 * deopts in 14 parses of the 13,641-node Spark tree with `gc()` between them), so the parsers were
 * compiled again in every sample (93–100 ms per parse of that tree after `gc()`, 46–59 ms without;
 * JSON.parse, native code, does not care). The garbage each call leaves is collected inside the
 * samples, as it would be in an open.
 */
function timePerCall(work: () => void, repeat: number): number {
  const start = performance.now();
  for (let index = 0; index < repeat; index++) work();
  return (performance.now() - start) / repeat;
}

/** Warms `work` up (repeated calls for about WARM_UP_MS, at least one), then says how many calls make a sample of SAMPLE_MS. */
function repeatFor(work: () => void): number {
  const started = performance.now();
  let calls = 0;
  let last = 0;
  while (calls < 2 || (performance.now() - started < WARM_UP_MS && calls < 5000)) {
    const start = performance.now();
    work();
    last = performance.now() - start;
    calls++;
    if (last > WARM_UP_MS) break;
  }
  return Math.max(1, Math.min(1000, Math.ceil(SAMPLE_MS / Math.max(last, 0.001))));
}

interface Outcome {
  ratio: number;
  /** The file's own process did not report (a crash, not a refusal by the parser). */
  failed?: boolean;
}

/**
 * The grammar alone, as the adapters run it in their fast pass (the hand-written token source, the
 * generated parser as `fastPassParser` sets it up, no parse tree) over the text they give it, with
 * no model built: what any reader that "still validates with the grammar" pays at least. Undefined
 * for LightGBM (its reader runs the grammar on header lines only) or when the pass does not read the
 * whole text cleanly (then it would not be a floor).
 */
/** `text` from the start of its 1-based line `line` (where a dump starts after wrapper text). */
function fromLine(text: string, line: number): string {
  let start = 0;
  for (let at = 1; at < line; at++) start = text.indexOf('\n', start) + 1;
  return text.slice(start);
}

function grammarPass(text: string, kind: DumpKind): (() => void) | undefined {
  let body: string;
  let source: (body: string) => ScannedTokenSource;
  let parser: (tokens: TokenStream) => Parser;
  let entry: (parser: Parser) => void;
  if (kind === 'spark-text') {
    body = fromLine(text, detectFormat(text)!.line);
    source = (body) => new SparkTokenSource(body);
    parser = (tokens) => new SparkTreeParser(tokens);
    entry = (parser) => void (parser as SparkTreeParser).model();
  } else if (kind === 'xgboost-text') {
    body = fromLine(text, detectFormat(text)!.line);
    source = (body) => new XgboostTokenSource(body);
    parser = (tokens) => new XGBoostTextParser(tokens);
    entry = (parser) => void (parser as XGBoostTextParser).dump();
  } else if (kind === 'sklearn-text') {
    const region = findTreeRegion(text, text.split('\n').map((line) => line.replace(/\r$/, '')), 'bench');
    body = text.slice(region.start, region.end);
    source = (body) => new SklearnTokenSource(body);
    parser = (tokens) => new SklearnTextParser(tokens);
    entry = (parser) => void (parser as SklearnTextParser).tree();
  } else {
    return undefined;
  }
  const run = (): boolean => {
    const tokens = source(body);
    const recognizer = fastPassParser(tokens, parser);
    recognizer.buildParseTrees = false;
    try {
      entry(recognizer);
    } catch {
      return false;
    }
    return !tokens.hasProblem && recognizer.inputStream.LA(1) === Token.EOF;
  };
  return run() ? () => void run() : undefined;
}

/** What one file's own process measured (`measureHere`). */
interface Measured {
  /** The grammar alone (`grammarPass`), warm, where it applies. */
  grammarMs?: number;
  treeCount?: number;
  nodeCount?: number;
  jsonBytes?: number;
  firstParseMs?: number;
  firstJsonMs?: number;
  parseMs?: number;
  jsonMs?: number;
  error?: string;
}

/** Runs in the file's own process: times the first call of each, then the warm medians. */
function measureHere(path: string, fileName: string, kind: DumpKind): Measured {
  const text = readFileSync(path, 'utf8');
  let model: PackedModel;
  let firstParseMs: number;
  try {
    const start = performance.now();
    model = parsePackedModel(text, fileName);
    firstParseMs = performance.now() - start;
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0].slice(0, 200) };
  }
  const json = packedModelJson(model);
  const jsonStart = performance.now();
  JSON.parse(json);
  const firstJsonMs = performance.now() - jsonStart;
  const parse = () => void parsePackedModel(text, fileName);
  const parseJson = () => void JSON.parse(json);
  collectGarbage();
  const parseRepeat = repeatFor(parse);
  const jsonRepeat = repeatFor(parseJson);
  const grammar = grammarPass(text, kind);
  const grammarRepeat = grammar ? repeatFor(grammar) : 0;
  const parseTimes: number[] = [];
  const jsonTimes: number[] = [];
  const grammarTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    parseTimes.push(timePerCall(parse, parseRepeat));
    jsonTimes.push(timePerCall(parseJson, jsonRepeat));
    if (grammar) grammarTimes.push(timePerCall(grammar, grammarRepeat));
  }
  return {
    grammarMs: grammar ? median(grammarTimes) : undefined,
    treeCount: model.forest.treeCount,
    nodeCount: model.forest.nodeCount,
    jsonBytes: json.length,
    firstParseMs,
    firstJsonMs,
    parseMs: median(parseTimes),
    jsonMs: median(jsonTimes),
  };
}

function compare(label: string, path: string, fileName: string, kind: DumpKind, goal: number): Outcome {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--one', path, fileName, kind], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const lines = (child.stdout ?? '').trim().split('\n');
  let measured: Measured;
  try {
    measured = JSON.parse(lines[lines.length - 1]) as Measured;
  } catch {
    console.log(`  ${label}: measurement FAILED: its process (exit ${child.status}) reported nothing: ${(child.stderr ?? '').trim().split('\n').pop()?.slice(0, 200)}`);
    return { ratio: NaN, failed: true };
  }
  if (measured.error !== undefined) {
    console.log(`  ${label}: parse FAILED: ${measured.error}`);
    return { ratio: NaN };
  }
  const parseMs = measured.parseMs!;
  const jsonMs = measured.jsonMs!;
  const ratio = parseMs / jsonMs;
  const digits = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
  const size = statSync(path).size;
  console.log(
    `  ${label}: ${mb(size)} text, ${measured.treeCount} trees, ${measured.nodeCount} nodes; packed JSON ${mb(measured.jsonBytes!)}\n` +
      `    parsePackedModel ${digits(parseMs)} ms vs JSON.parse ${digits(jsonMs)} ms → ${ratio.toFixed(2)}×; goal ≤ ${goal}×: ${verdict(ratio <= goal)}` +
      ` (first call in the process: ${digits(measured.firstParseMs!)} ms vs ${digits(measured.firstJsonMs!)} ms)` +
      (measured.grammarMs !== undefined
        ? `\n    the grammar alone (token source + generated parser, no model): ${digits(measured.grammarMs)} ms = ${(measured.grammarMs / jsonMs).toFixed(2)}× JSON.parse`
        : ''),
  );
  return { ratio };
}

/** Model dumps of `kind` in a corpus folder, largest first. */
function corpusModels(folder: string, kind: DumpKind): string[] {
  const directory = corpusFile(folder);
  return readdirSync(directory)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => join(directory, name))
    .filter((path) => detectFormat(readFileSync(path, 'utf8'))?.kind === kind)
    .sort((a, b) => statSync(b).size - statSync(a).size);
}

const verdicts: string[] = [];
/** Worst ratio of a group; a file the parser refuses (a corpus file that is not a whole model) is listed, not counted. */
/**
 * Worst ratio of a group; a file the parser refuses (a corpus file that is not a whole model) is
 * listed, not counted. A file whose process failed, or a group with no file read, cannot meet the goal.
 */
const summarize = (group: string, goal: number, outcomes: Array<[string, Outcome]>) => {
  const read = outcomes.filter(([, outcome]) => !Number.isNaN(outcome.ratio));
  const failed = outcomes.filter(([, outcome]) => outcome.failed).map(([name]) => name);
  const unread = outcomes.filter(([, outcome]) => Number.isNaN(outcome.ratio) && !outcome.failed).map(([name]) => name);
  const worst = read.reduce<[string, number]>((best, [name, outcome]) => (outcome.ratio > best[1] ? [name, outcome.ratio] : best), ['', -Infinity]);
  const met = read.length > 0 && failed.length === 0 && worst[1] <= goal;
  verdicts.push(
    `${group}: worst ${worst[1].toFixed(2)}× (${worst[0]}) of ${read.length} files; goal ≤ ${goal}×: ${verdict(met)}` +
      (failed.length ? `; measurement failed: ${failed.join(', ')}` : '') +
      (unread.length ? `; not read (refused by the parser): ${unread.join(', ')}` : ''),
  );
  recordGoal({
    issue: 10,
    goal: `${group}: text → packed form ≤ ${goal}× JSON.parse of the same arrays`,
    figure: read.length ? `${worst[1].toFixed(2)}× (worst)` : 'no file measured',
    reference: `${read.length} files; worst ${worst[0]}${failed.length ? `; measurement failed: ${failed.length}` : ''}`,
    met,
  });
};

function main(): void {
  console.log(`model text → packed form vs JSON.parse of the packed arrays (each file in its own process; medians of ${RUNS} interleaved samples after a warm-up)`);
  console.log('\nLightGBM model.txt (goal ≤ 1.5×):');
  const lightgbm: Array<[string, Outcome]> = [];
  for (const path of corpusModels('lightgbm', 'lightgbm-text')) {
    const name = path.split('/').pop()!;
    lightgbm.push([name, compare(name, path, name, 'lightgbm-text', 1.5)]);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'splitscope-packed-bench-'));
  try {
    const generated = writeBigLightgbm(join(scratch, 'lightgbm_500x255.txt'), { trees: 500, leaves: 255 });
    lightgbm.push(['generated 500 × 255', compare('generated 500 × 255 leaves', generated.path, 'lightgbm_500x255.txt', 'lightgbm-text', 1.5)]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  summarize('LightGBM', 1.5, lightgbm);

  for (const [title, folder, kind] of [
    ['Spark debug strings', 'spark', 'spark-text'],
    ['XGBoost text dumps', 'xgboost', 'xgboost-text'],
    ['scikit-learn export_text', 'sklearn', 'sklearn-text'],
  ] as const) {
    console.log(`\n${title}, the ${LARGEST_OF_OTHER_FORMATS} largest (goal ≤ 3×):`);
    const ratios: Array<[string, Outcome]> = [];
    for (const path of corpusModels(folder, kind).slice(0, LARGEST_OF_OTHER_FORMATS)) {
      const name = path.split('/').pop()!;
      ratios.push([name, compare(name, path, name, kind, 3)]);
    }
    summarize(title, 3, ratios);
  }
  console.log(`\nverdicts:\n  ${verdicts.join('\n  ')}`);
}

const one = process.argv.indexOf('--one');
if (one >= 0) console.log(JSON.stringify(measureHere(process.argv[one + 1], process.argv[one + 2], process.argv[one + 3] as DumpKind)));
else main();
