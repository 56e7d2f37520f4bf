/**
 * Slider latency for "Testing a model" (issue 5): one slider move = predictRow with decision paths
 * + path attribution + sorted bars, on a 500-tree and a 1000-tree LightGBM ensemble
 * (corpus/lightgbm/keiba_binary_nan_missing_v4.txt, 185 features, 31 leaves per tree). Printed,
 * not asserted: median and p99 against the 16 ms frame budget, and against plain predictRow
 * measured in the same run. Also TreeSHAP per row, the dependence curve and the flip search.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureDomains, dependenceCurve, findFlips, pathContributions, prepareAttribution, sortedContributions, treeShapContributions, type AttributionModel } from '../app/analysis/index';
import { loadModel } from '../app/analysis/models.testkit';
import { compileModel } from '../app/eval/index';
import type { TreeModel } from '../app/model/types';

const FRAME_MS = 16;
const file = join(process.cwd(), '..', 'shared', 'corpus', 'lightgbm', 'keiba_binary_nan_missing_v4.txt');
const full = loadModel(readFileSync(file, 'utf8'), 'keiba_binary_nan_missing_v4.txt');

function quantiles(samples: number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] };
}

function time(iterations: number, warmup: number, step: (i: number) => void): { median: number; p99: number } {
  for (let i = 0; i < warmup; i++) step(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    step(i);
    samples.push(performance.now() - start);
  }
  return quantiles(samples);
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

function run(model: TreeModel): void {
  const compiled = compileModel(model);
  const domains = featureDomains(model);
  const prepared = prepareAttribution(model) as AttributionModel;
  if (!prepared.available) throw new Error('attribution unavailable');
  const F = compiled.numFeatures;
  // A mid-range row; the slider moves the most-split feature across its range.
  const row = new Float64Array(F);
  for (let f = 0; f < F; f++) row[f] = (domains[f].min + domains[f].max) / 2;
  const slider = domains.reduce((best, domain) => (domain.thresholds.length > domains[best].thresholds.length ? domain.feature : best), 0);
  const { min, max } = domains[slider];
  const position = (i: number) => min + ((max - min) * ((i * 7919) % 1000)) / 999;
  let sink = 0;

  const plain = time(2000, 300, (i) => {
    row[slider] = position(i);
    sink += compiled.predictRow(row).raw[0];
  });
  const update = time(2000, 300, (i) => {
    row[slider] = position(i);
    const prediction = compiled.predictRow(row, { paths: true });
    const bars = sortedContributions(pathContributions(prepared, prediction.paths!), 0, model);
    sink += bars.length + prediction.raw[0];
  });
  const shap = time(100, 50, (i) => {
    row[slider] = position(i);
    sink += treeShapContributions(prepared, row).values[0];
  });
  const curve = time(30, 5, (i) => {
    row[slider] = position(i);
    sink += dependenceCurve(model, compiled, row, slider, { domain: domains[slider] }).x.length;
  });
  const points = dependenceCurve(model, compiled, row, slider, { domain: domains[slider] }).x.length;
  // Flip search on a row near the decision boundary (bisected between two rows of different class)
  // and on the mid-range row, where no single feature flips the class: the worst case, every cut tried.
  const boundary = boundaryRow(compiled, domains);
  const flipFigures = [boundary, row].map((start) => {
    const all = time(5, 1, () => (sink += findFlips(model, compiled, start, { domains }).evaluations));
    const best = time(5, 1, () => (sink += findFlips(model, compiled, start, { domains, scope: 'best' }).evaluations));
    return {
      all,
      best,
      allRows: findFlips(model, compiled, start, { domains }).evaluations,
      bestRows: findFlips(model, compiled, start, { domains, scope: 'best' }).evaluations,
      found: findFlips(model, compiled, start, { domains, scope: 'best' }).best !== undefined,
    };
  });

  console.log(`\n${model.trees.length} trees, ${F} features; slider on ${domains[slider].name} (${domains[slider].thresholds.length} thresholds)`);
  console.log(`  reference: plain predictRow              median ${ms(plain.median)}  p99 ${ms(plain.p99)}`);
  console.log(
    `  slider update (paths + attribution + bars) median ${ms(update.median)}  p99 ${ms(update.p99)}  ` +
      `= ${(update.median / FRAME_MS).toFixed(3)}× / ${(update.p99 / FRAME_MS).toFixed(3)}× the ${FRAME_MS} ms frame; ${(update.median / plain.median).toFixed(2)}× plain predictRow`,
  );
  console.log(`  TreeSHAP, one row                        median ${ms(shap.median)}  p99 ${ms(shap.p99)}  = ${(shap.median / FRAME_MS).toFixed(2)}× the frame`);
  console.log(`  dependence curve (${points} points)          median ${ms(curve.median)}  p99 ${ms(curve.p99)}  = ${(curve.median / plain.median).toFixed(0)}× one predictRow`);
  for (const [label, figures] of [['row near the boundary', flipFigures[0]], ['mid-range row', flipFigures[1]]] as const) {
    console.log(
      `  flip search, ${label} (${figures.found ? 'a flip exists' : 'no single-feature flip'}): every feature ${ms(figures.all.median)} (${figures.allRows} rows scored); ` +
        `best only ${ms(figures.best.median)} (${figures.bestRows} rows scored)`,
    );
  }
  if (sink === 42) console.log('');
}

/** A row whose class flips within a hair: bisection between two random rows of different class. */
function boundaryRow(compiled: ReturnType<typeof compileModel>, domains: ReturnType<typeof featureDomains>): Float64Array {
  let seed = 12345;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const F = compiled.numFeatures;
  for (;;) {
    const a = Float64Array.from(domains, (domain) => domain.min + (domain.max - domain.min) * random());
    const b = Float64Array.from(domains, (domain) => domain.min + (domain.max - domain.min) * random());
    const classOf = (t: number) => compiled.predictRow(a.map((value, f) => value + (b[f] - value) * t)).predictedClass;
    if (classOf(0) === classOf(1)) continue;
    let low = 0;
    let high = 1;
    for (let step = 0; step < 30; step++) {
      const middle = (low + high) / 2;
      if (classOf(middle) === classOf(0)) low = middle;
      else high = middle;
    }
    return Float64Array.from({ length: F }, (_, f) => a[f] + (b[f] - a[f]) * low);
  }
}

const half: TreeModel = { ...full, trees: full.trees.slice(0, 500) };
run(half);
run(full);
