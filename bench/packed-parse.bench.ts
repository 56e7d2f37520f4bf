/**
 * Model text → packed form (`parsePackedModel`, app/formats) against `JSON.parse` of the same packed
 * model written as JSON (its header, and every typed-array column as a plain array), medians of runs
 * interleaved so both see the same machine load (issue 10). Goals: ≤ 1.5× for every corpus LightGBM
 * model.txt (the sparse-bitset categorical one included) and a generated 500 × 255-leaf model;
 * ≤ 3× for the largest Spark, XGBoost and scikit-learn text dumps of the corpus.
 * Run: node scripts/bench.mjs packed-parse
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat, parsePackedModel, type DumpKind } from '../app/formats';
import type { PackedModel } from '../app/model/packed';
import { writeBigLightgbm } from './bigLightgbm';
import { collectGarbage, corpusFile, mb, median, recordGoal, verdict } from './common';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Each timed sample repeats the call until it has taken at least this long (small files). */
const SAMPLE_MS = 10;
const WARM_UP_MS = 100;
const LARGEST_OF_OTHER_FORMATS = 3;

/** The packed model as plain JSON: the header as it is, each column as an array of numbers. */
export function packedModelJson(model: PackedModel): string {
  const forest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(model.forest)) {
    forest[name] = ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
  }
  return JSON.stringify({ header: model.header, forest });
}

/** Milliseconds per call of `work`, as the median of RUNS samples of `repeat` calls. */
function timePerCall(work: () => void, repeat: number): number {
  collectGarbage();
  const start = performance.now();
  for (let index = 0; index < repeat; index++) work();
  return (performance.now() - start) / repeat;
}

/** Warms `work` up (repeated calls for about WARM_UP_MS, at least one), then says how many calls make a sample of SAMPLE_MS. */
function repeatFor(work: () => void): number {
  const started = performance.now();
  let calls = 0;
  let last = 0;
  while (calls < 2 || (performance.now() - started < WARM_UP_MS && calls < 500)) {
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
}

function compare(label: string, text: string, fileName: string, goal: number): Outcome {
  let model: PackedModel;
  try {
    model = parsePackedModel(text, fileName);
  } catch (error) {
    console.log(`  ${label}: parse FAILED: ${(error as Error).message.split('\n')[0].slice(0, 200)}`);
    return { ratio: NaN };
  }
  const json = packedModelJson(model);
  const parse = () => void parsePackedModel(text, fileName);
  const parseJson = () => void JSON.parse(json);
  const parseRepeat = repeatFor(parse);
  const jsonRepeat = repeatFor(parseJson);
  const parseTimes: number[] = [];
  const jsonTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    parseTimes.push(timePerCall(parse, parseRepeat));
    jsonTimes.push(timePerCall(parseJson, jsonRepeat));
  }
  const parseMs = median(parseTimes);
  const jsonMs = median(jsonTimes);
  const ratio = parseMs / jsonMs;
  const digits = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
  console.log(
    `  ${label}: ${mb(text.length)} text, ${model.forest.treeCount} trees, ${model.forest.nodeCount} nodes; packed JSON ${mb(json.length)}\n` +
      `    parsePackedModel ${digits(parseMs)} ms vs JSON.parse ${digits(jsonMs)} ms → ${ratio.toFixed(2)}×; goal ≤ ${goal}×: ${verdict(ratio <= goal)}`,
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
const summarize = (group: string, goal: number, ratios: Array<[string, number]>) => {
  const read = ratios.filter(([, ratio]) => !Number.isNaN(ratio));
  const unread = ratios.filter(([, ratio]) => Number.isNaN(ratio)).map(([name]) => name);
  const worst = read.reduce((best, entry) => (entry[1] > best[1] ? entry : best), ['', -Infinity] as [string, number]);
  verdicts.push(
    `${group}: worst ${worst[1].toFixed(2)}× (${worst[0]}) of ${read.length} files; goal ≤ ${goal}×: ${verdict(worst[1] <= goal)}` +
      (unread.length ? `; not read (refused by the parser): ${unread.join(', ')}` : ''),
  );
  recordGoal({ issue: 10, goal: `${group}: text → packed form ≤ ${goal}× JSON.parse of the same arrays`, figure: `${worst[1].toFixed(2)}× (worst)`, reference: `${read.length} files; worst ${worst[0]}`, met: worst[1] <= goal });
};

console.log(`model text → packed form vs JSON.parse of the packed arrays (medians of ${RUNS} interleaved samples)`);
console.log('\nLightGBM model.txt (goal ≤ 1.5×):');
const lightgbm: Array<[string, number]> = [];
for (const path of corpusModels('lightgbm', 'lightgbm-text')) {
  const name = path.split('/').pop()!;
  lightgbm.push([name, compare(name, readFileSync(path, 'utf8'), name, 1.5).ratio]);
}
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-packed-bench-'));
try {
  const generated = writeBigLightgbm(join(scratch, 'lightgbm_500x255.txt'), { trees: 500, leaves: 255 });
  lightgbm.push(['generated 500 × 255', compare('generated 500 × 255 leaves', readFileSync(generated.path, 'utf8'), 'lightgbm_500x255.txt', 1.5).ratio]);
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
  const ratios: Array<[string, number]> = [];
  for (const path of corpusModels(folder, kind).slice(0, LARGEST_OF_OTHER_FORMATS)) {
    const name = path.split('/').pop()!;
    ratios.push([name, compare(name, readFileSync(path, 'utf8'), name, 3).ratio]);
  }
  summarize(title, 3, ratios);
}
console.log(`\nverdicts:\n  ${verdicts.join('\n  ')}`);
