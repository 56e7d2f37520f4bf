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
  const shap = time(100, 20, (i) => {
    row[slider] = position(i);
    sink += treeShapContributions(prepared, row).values[0];
  });
  const curve = time(30, 5, (i) => {
    row[slider] = position(i);
    sink += dependenceCurve(model, compiled, row, slider, { domain: domains[slider] }).x.length;
  });
  const points = dependenceCurve(model, compiled, row, slider, { domain: domains[slider] }).x.length;
  const flips = time(5, 1, (i) => {
    row[slider] = position(i);
    sink += findFlips(model, compiled, row, { domains }).evaluations;
  });
  const evaluations = findFlips(model, compiled, row, { domains }).evaluations;
  const quick = time(5, 1, (i) => {
    row[slider] = position(i);
    sink += findFlips(model, compiled, row, { domains, scope: 'best' }).evaluations;
  });
  const quickEvaluations = findFlips(model, compiled, row, { domains, scope: 'best' }).evaluations;

  console.log(`\n${model.trees.length} trees, ${F} features; slider on ${domains[slider].name} (${domains[slider].thresholds.length} thresholds)`);
  console.log(`  reference: plain predictRow              median ${ms(plain.median)}  p99 ${ms(plain.p99)}`);
  console.log(
    `  slider update (paths + attribution + bars) median ${ms(update.median)}  p99 ${ms(update.p99)}  ` +
      `= ${(update.median / FRAME_MS).toFixed(3)}× / ${(update.p99 / FRAME_MS).toFixed(3)}× the ${FRAME_MS} ms frame; ${(update.median / plain.median).toFixed(2)}× plain predictRow`,
  );
  console.log(`  TreeSHAP, one row                        median ${ms(shap.median)}  p99 ${ms(shap.p99)}  = ${(shap.median / FRAME_MS).toFixed(2)}× the frame`);
  console.log(`  dependence curve (${points} points)          median ${ms(curve.median)}  p99 ${ms(curve.p99)}  = ${(curve.median / plain.median).toFixed(0)}× one predictRow`);
  console.log(`  flip search, nearest flip of every feature (${evaluations} rows scored) median ${ms(flips.median)}`);
  console.log(`  flip search, best only (${quickEvaluations} rows scored)          median ${ms(quick.median)}`);
  if (sink === 42) console.log('');
}

const half: TreeModel = { ...full, trees: full.trees.slice(0, 500) };
run(half);
run(full);
