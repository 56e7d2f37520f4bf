/**
 * Scoring throughput of the evaluator (app/eval) on 100k rows, against the libraries themselves:
 * 1. XGBoost: the reference case xgb_binary_missing (100 trees, depth 6) scored by XGBoost 1.7.4's own
 *    `Booster.predict` (Debian /usr/bin/python3, nthread=1) on the same rows, in the same run; the
 *    margins are also compared bit for bit.
 * 2. LightGBM: the largest corpus LightGBM model (keiba, 1000 trees × 31 leaves, 185 features). No
 *    LightGBM is installed, so the reference is PERFORMANCE.md's measured cost of LightGBM's own
 *    single-thread predict (≈ 23 ns per internal-node visit), applied to the node visits this run makes.
 * 3. The generated 500 × 255-leaf model and the corpus's categorical mtpl2 (1,000 trees), the model
 *    compiled to WebAssembly against the interpreter in the same run.
 * Both sides are timed in wall clock and in process CPU time; on a shared, loaded machine the CPU
 * time is the fair figure. Rows: split thresholds of each feature, nudged, 5% missing.
 * Run: node scripts/bench.mjs scoring
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileModel, type KernelChoice } from '../app/eval';
import { loadLightgbmText, loadXgboostModelJson } from '../app/eval/directLoaders.testkit';
import { parseModelText } from '../app/formats';
import type { TreeModel } from '../app/model/types';
import { seededRandom as random } from '../app/util/random';
import { BIG_LIGHTGBM_DEFAULTS, writeBigLightgbm } from './bigLightgbm';
import { splitThresholds } from './common';

const ROOT = process.cwd();
const SHARED = join(ROOT, '..', 'shared');
const ROWS = 100_000;
const PYTHON = '/usr/bin/python3';
/** PERFORMANCE.md: LightGBM single-thread predict ≈ 8.0 s for 100k rows × ~3,444 node visits ≈ 23 ns per visit. */
const LIGHTGBM_NS_PER_VISIT = 8.0e9 / (100_000 * 3444);


/** Reads a model through the real adapter; falls back to the evaluator's test-kit reader while the adapter is unfinished. */
function load(path: string, fallback: (text: string) => TreeModel): TreeModel {
  const text = readFileSync(path, 'utf8');
  try {
    return parseModelText(text, path.split('/').pop()!);
  } catch (error) {
    console.log(`  (parseModelText failed: ${(error as Error).message.split('\n')[0]}; using the test-kit reader)`);
    return fallback(text);
  }
}

/**
 * Rows that exercise the trees: each value is a split threshold of that feature, nudged a little
 * either way, or (5%) missing. Features no split uses get N(0, 1).
 */
function makeRows(model: TreeModel, rows: number, seed: number): Float64Array {
  const numFeatures = compileModel(model).numFeatures;
  const thresholds = splitThresholds(model, numFeatures);
  const next = random(seed);
  const values = new Float64Array(rows * numFeatures);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < numFeatures; j++) {
      const list = thresholds[j];
      let value: number;
      if (next() < 0.05) value = NaN;
      else if (list.length === 0) value = (next() - 0.5) * 2;
      else value = list[Math.floor(next() * list.length)] * (1 + (next() - 0.5) * 0.02) + (next() - 0.5) * 1e-3;
      values[r * numFeatures + j] = value;
    }
  }
  return values;
}

/** Wall-clock and CPU seconds of one call (CPU time is what a loaded 2-core machine measures fairly). */
function time(run: () => void): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  run();
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

interface Timing {
  first: number;
  wall: number;
  cpu: number;
  raw: Float64Array;
}

/** Times predictBatch through the interpreter or the model compiled to WebAssembly (compile time in `first`). */
function scoreTimes(model: TreeModel, values: Float64Array, rows: number, kernel: KernelChoice): Timing {
  const compiled = compileModel(model, { kernel });
  let raw: Float64Array = new Float64Array(0);
  const first = time(() => (raw = compiled.predictBatch(values, rows).raw));
  let wall = first.wall;
  let cpu = first.cpu;
  for (let run = 0; run < 3; run++) {
    const next = time(() => compiled.predictBatch(values, rows));
    wall = Math.min(wall, next.wall);
    cpu = Math.min(cpu, next.cpu);
  }
  return { first: first.wall, wall, cpu, raw };
}

function rate(rows: number, seconds: number): string {
  return `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s (${seconds.toFixed(3)} s)`;
}

function benchXgboost(): void {
  console.log(`XGBoost: reference case xgb_binary_missing (model.json), ${ROWS.toLocaleString('en-US')} rows`);
  const modelPath = join(SHARED, 'reference', 'xgb_binary_missing', 'model.json');
  const model = load(modelPath, loadXgboostModelJson);
  const numFeatures = compileModel(model).numFeatures;
  const values = makeRows(model, ROWS, 7);
  const interpreted = scoreTimes(model, values, ROWS, 'interpreter');
  console.log(`  splitscope, interpreter: CPU ${rate(ROWS, interpreted.cpu)}, wall ${rate(ROWS, interpreted.wall)}, best of 4; first run ${interpreted.first.toFixed(3)} s wall`);
  const ours = scoreTimes(model, values, ROWS, 'wasm');
  console.log(`  splitscope, compiled (WebAssembly): CPU ${rate(ROWS, ours.cpu)}, wall ${rate(ROWS, ours.wall)}, best of 4; first run, compiling included, ${ours.first.toFixed(3)} s wall`);
  const sameBits = ours.raw.every((value, index) => Object.is(value, interpreted.raw[index]));
  console.log(`  compiled margins identical to the interpreter's: ${sameBits ? 'yes' : '!!! NO'}`);

  const hasXgboost = existsSync(PYTHON) && (() => {
    try {
      execFileSync(PYTHON, ['-c', 'import xgboost'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!hasXgboost) {
    console.log(`  SKIP XGBoost comparison: ${PYTHON} with the xgboost module is not available`);
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'splitscope-bench-'));
  try {
    const rowsPath = join(directory, 'rows.f64');
    const marginsPath = join(directory, 'margins.f32');
    writeFileSync(rowsPath, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    const output = execFileSync(PYTHON, [join(ROOT, 'scripts', 'bench-xgboost-predict.py'), modelPath, rowsPath, String(ROWS), String(numFeatures), marginsPath], {
      encoding: 'utf8',
    });
    const report = JSON.parse(output.trim().split('\n').pop()!) as { xgboost: string; predict_seconds: number; predict_cpu_seconds: number; dmatrix_seconds: number };
    const buffer = readFileSync(marginsPath);
    const margins = new Float32Array(buffer.buffer, buffer.byteOffset, ROWS);
    let mismatches = 0;
    for (let r = 0; r < ROWS; r++) if (margins[r] !== ours.raw[r]) mismatches++;
    console.log(
      `  xgboost ${report.xgboost} Booster.predict (nthread=1): CPU ${rate(ROWS, report.predict_cpu_seconds)}, wall ${rate(ROWS, report.predict_seconds)}, best of 3; DMatrix build ${report.dmatrix_seconds.toFixed(3)} s not counted`,
    );
    console.log(
      `  ratio splitscope compiled / xgboost (throughput): CPU ${(report.predict_cpu_seconds / ours.cpu).toFixed(2)}×, wall ${(report.predict_seconds / ours.wall).toFixed(2)}×; ` +
        `first run, compiling included: ${(report.predict_seconds / ours.first).toFixed(2)}× (≥ 1 means faster than XGBoost)`,
    );
    console.log(`  margins identical to XGBoost's: ${ROWS - mismatches} / ${ROWS} rows${mismatches ? `  !!! ${mismatches} differ` : ''}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function benchLightgbm(): void {
  const file = 'keiba_binary_nan_missing_v4.txt';
  console.log(`\nLightGBM: corpus ${file}, ${ROWS.toLocaleString('en-US')} generated rows`);
  const model = load(join(SHARED, 'corpus', 'lightgbm', file), (text) => loadLightgbmText(text));
  const compiled = compileModel(model);
  const values = makeRows(model, ROWS, 11);
  const interpreted = scoreTimes(model, values, ROWS, 'interpreter');
  const ours = scoreTimes(model, values, ROWS, 'wasm');
  // Node visits per row, from the decision paths of a sample of rows.
  const sample = 2000;
  let visits = 0;
  for (let r = 0; r < sample; r++) {
    const result = compiled.predictRow(values.subarray(r * compiled.numFeatures, (r + 1) * compiled.numFeatures), { paths: true });
    for (const path of result.paths!) visits += path.length - 1;
  }
  const visitsPerRow = visits / sample;
  const lightgbmSeconds = (visitsPerRow * ROWS * LIGHTGBM_NS_PER_VISIT) / 1e9;
  console.log(`  ${model.trees.length} trees, ${compiled.numFeatures} features, ${visitsPerRow.toFixed(0)} internal-node visits per row`);
  console.log(
    `  splitscope, interpreter: CPU ${rate(ROWS, interpreted.cpu)}, wall ${rate(ROWS, interpreted.wall)}, best of 4; first run ${interpreted.first.toFixed(3)} s wall; ${((interpreted.cpu * 1e9) / (visitsPerRow * ROWS)).toFixed(1)} ns (CPU) per visit`,
  );
  console.log(
    `  splitscope, compiled (WebAssembly): CPU ${rate(ROWS, ours.cpu)}, wall ${rate(ROWS, ours.wall)}, best of 4; first run, compiling included, ${ours.first.toFixed(3)} s wall; ${((ours.cpu * 1e9) / (visitsPerRow * ROWS)).toFixed(1)} ns (CPU) per visit`,
  );
  console.log(`  compiled raw scores identical to the interpreter's: ${ours.raw.every((value, index) => Object.is(value, interpreted.raw[index])) ? 'yes' : '!!! NO'}`);
  console.log(`  LightGBM (PERFORMANCE.md: ${LIGHTGBM_NS_PER_VISIT.toFixed(1)} ns per visit, single thread) would take ≈ ${lightgbmSeconds.toFixed(3)} s: ${rate(ROWS, lightgbmSeconds)}`);
  console.log(`  ratio splitscope / LightGBM (estimated, throughput): CPU ${(lightgbmSeconds / ours.cpu).toFixed(2)}×, wall ${(lightgbmSeconds / ours.wall).toFixed(2)}× (≥ 1 means faster)`);
}

/** The issue-11 model: a generated 500-tree × 255-leaf LightGBM model.txt (never committed), interpreter against compiled. */
function benchBigLightgbm(): void {
  const directory = mkdtempSync(join(tmpdir(), 'splitscope-bench-'));
  try {
    const path = join(directory, 'big500.txt');
    writeBigLightgbm(path, BIG_LIGHTGBM_DEFAULTS);
    console.log(`\nLightGBM: generated ${BIG_LIGHTGBM_DEFAULTS.trees} trees × ${BIG_LIGHTGBM_DEFAULTS.leaves} leaves (bench/bigLightgbm.ts), ${ROWS.toLocaleString('en-US')} generated rows`);
    const model = load(path, (text) => loadLightgbmText(text));
    const values = makeRows(model, ROWS, 13);
    const interpreted = scoreTimes(model, values, ROWS, 'interpreter');
    const ours = scoreTimes(model, values, ROWS, 'wasm');
    console.log(`  splitscope, interpreter: wall ${rate(ROWS, interpreted.wall)}, best of 4; first run ${interpreted.first.toFixed(3)} s`);
    console.log(`  splitscope, compiled (WebAssembly): wall ${rate(ROWS, ours.wall)}, best of 4; first run, compiling included, ${ours.first.toFixed(3)} s`);
    console.log(`  compiled / interpreter, same run: first run ${(interpreted.first / ours.first).toFixed(2)}×, best ${(interpreted.wall / ours.wall).toFixed(2)}× (≥ 1 means the compiled model is faster)`);
    console.log(`  compiled raw scores identical to the interpreter's: ${ours.raw.every((value, index) => Object.is(value, interpreted.raw[index])) ? 'yes' : '!!! NO'}`);
    console.log('  LightGBM itself: not installed here (not in Debian), so no ratio against it is printed');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * A categorical model: the corpus's LightGBM mtpl2 (1,000 trees, pandas categoricals), whose sets
 * the model compiler tests as bitsets; rows of its thresholds and of its sets' categories (and, a
 * fifth of the time, categories no set names).
 */
function benchCategorical(): void {
  const file = 'lleaves_mtpl2_regression_1000trees_pandas_categorical_v3.txt';
  console.log(`\nLightGBM with categorical splits: corpus ${file}, ${ROWS.toLocaleString('en-US')} generated rows`);
  const model = load(join(SHARED, 'corpus', 'lightgbm', file), (text) => loadLightgbmText(text));
  const values = makeRows(model, ROWS, 17);
  const numFeatures = compileModel(model).numFeatures;
  const categories: number[][] = Array.from({ length: numFeatures }, () => []);
  let sets = 0;
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type !== 'split' || node.split.kind !== 'categorical') continue;
      sets++;
      categories[node.feature].push(...node.split.categories);
    }
  }
  const next = random(19);
  for (let r = 0; r < ROWS; r++) {
    categories.forEach((list, feature) => {
      if (list.length === 0 || next() < 0.05) return;
      values[r * numFeatures + feature] = next() < 0.2 ? Math.floor(next() * 200) : list[Math.floor(next() * list.length)];
    });
  }
  const interpreted = scoreTimes(model, values, ROWS, 'interpreter');
  const ours = scoreTimes(model, values, ROWS, 'wasm');
  console.log(`  ${model.trees.length} trees, ${sets.toLocaleString('en-US')} categorical splits`);
  console.log(`  splitscope, interpreter: wall ${rate(ROWS, interpreted.wall)}, best of 4; first run ${interpreted.first.toFixed(3)} s`);
  console.log(`  splitscope, compiled (WebAssembly): wall ${rate(ROWS, ours.wall)}, best of 4; first run, compiling included, ${ours.first.toFixed(3)} s`);
  console.log(`  compiled / interpreter, same run: first run ${(interpreted.first / ours.first).toFixed(2)}×, best ${(interpreted.wall / ours.wall).toFixed(2)}× (≥ 1 means the compiled model is faster)`);
  console.log(`  compiled raw scores identical to the interpreter's: ${ours.raw.every((value, index) => Object.is(value, interpreted.raw[index])) ? 'yes' : '!!! NO'}`);
}

benchXgboost();
benchLightgbm();
benchBigLightgbm();
benchCategorical();
