import type { ExportTarget } from './targets';
import { compileModel } from '../eval';
import { goesLeft, inputValue, ZERO_THRESHOLD } from '../eval/decide';
import type { CompiledModel } from '../eval/types';
import type { SplitNode, TreeModel } from '../model/types';
import { encodeExactJson } from './exactJson';
import type { OutputShape } from './response';
import { seededRandom as random } from '../util/random';

/**
 * The parity proof's data: rows and the app's own predictions for them. An exported bundle's
 * `selftest.mjs` scores the rows with the bundle's code and must reproduce every number bit for bit.
 */
export interface GoldenFile {
  version: 1;
  target: ExportTarget;
  /** `sha256:<hex>` of the embedded model, as `GET /model` reports it. */
  modelChecksum: string;
  /** `csv`: the user's rows; `generated`: rows made by `generateGoldenRows`. */
  source: 'csv' | 'generated';
  featureNames: string[];
  /** How response rows are laid out for this model (`outputShape`). */
  shape: OutputShape;
  rows: number[][];
  expected: GoldenExpectation[];
}

/** The app's prediction for one golden row: the evaluator's numbers, unrounded. */
export interface GoldenExpectation {
  prediction: number[];
  raw: number[];
  class?: number;
  leaves: number[];
  error?: string;
}

export interface GoldenOptions {
  /** Upper bound on generated rows (huge models are sampled). Default 2,000. */
  maxRows?: number;
  /** Seed of the deterministic sampling. Default 1. */
  seed?: number;
}


const SCRATCH = new DataView(new ArrayBuffer(8));

/** The next double after `x` towards +∞ (`up`) or −∞. */
export function nextDouble(x: number, up: boolean): number {
  if (x !== x || x === (up ? Infinity : -Infinity)) return x;
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  SCRATCH.setFloat64(0, x);
  const bits = SCRATCH.getBigInt64(0);
  SCRATCH.setBigInt64(0, (x > 0) === up ? bits + 1n : bits - 1n);
  return SCRATCH.getFloat64(0);
}

/** The next float32 after the float32 `x` towards +∞ (`up`) or −∞, as a double. */
export function nextFloat32(x: number, up: boolean): number {
  const f = Math.fround(x);
  if (f !== f || f === (up ? Infinity : -Infinity)) return f;
  if (f === 0) return up ? 1.401298464324817e-45 : -1.401298464324817e-45;
  SCRATCH.setFloat32(0, f);
  const bits = SCRATCH.getInt32(0);
  SCRATCH.setInt32(0, (f > 0) === up ? bits + 1 : bits - 1);
  return SCRATCH.getFloat32(0);
}

/** Values around one split that exercise every way out of it: below/at/above, missing, in/out of the set. */
export function probeValues(node: SplitNode, float32Input: boolean): number[] {
  const split = node.split;
  const values: number[] = [NaN];
  if (split.kind === 'numeric') {
    const t = split.threshold;
    if (Number.isFinite(t)) {
      values.push(nextDouble(t, false), t, nextDouble(t, true));
      if (float32Input) {
        const f = Math.fround(t);
        values.push(nextFloat32(f, false), f, nextFloat32(f, true));
      }
    } else {
      values.push(t > 0 ? 1e300 : -1e300, t > 0 ? 1e38 : -1e38);
    }
    if (split.missing.mode === 'zero' || split.missing.mode === 'asZero') values.push(0, -0, ZERO_THRESHOLD / 2, -ZERO_THRESHOLD / 2);
  } else if (split.kind === 'categorical') {
    const categories = split.categories;
    if (categories.length > 0) {
      const picks = new Set([categories[0], categories[categories.length >> 1], categories[categories.length - 1]]);
      for (const category of picks) values.push(category);
      values.push(categories[0] + 0.5);
      let outside = 0;
      while (categories.includes(outside)) outside++;
      values.push(outside);
    }
    values.push(-1, -0.5);
  } else {
    values.push(1, 0);
  }
  // Unique by bits (so 0 and −0 both stay, and NaN once).
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = Object.is(value, -0) ? '-0' : String(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Step {
  node: SplitNode;
  left: boolean;
}

/** Root-to-node steps (which child each ancestor must choose) for node `id` of `nodes`. */
function pathTo(nodes: TreeModel['trees'][number]['nodes'], id: number): Step[] {
  const steps: Step[] = [];
  let child = id;
  for (let parent = nodes[id].parent; parent >= 0; parent = nodes[parent].parent) {
    const node = nodes[parent] as SplitNode;
    steps.push({ node, left: node.left === child });
    child = parent;
  }
  return steps.reverse();
}

/**
 * Sets features of `row` so that the walk of one tree follows `steps`. Returns false when no value
 * from the probes of the splits on the path satisfies every step (an unreachable node).
 */
function steer(model: TreeModel, row: number[], steps: Step[], float32Input: boolean): boolean {
  const follows = (step: Step) => goesLeft(step.node, inputValue(row[step.node.feature], model.arithmetic), float32Input) === step.left;
  for (let i = 0; i < steps.length; i++) {
    if (follows(steps[i])) continue;
    const feature = steps[i].node.feature;
    const before = row[feature];
    let found = false;
    for (const candidate of probeValues(steps[i].node, float32Input)) {
      row[feature] = candidate;
      if (steps.slice(0, i + 1).every(follows)) {
        found = true;
        break;
      }
    }
    if (!found) {
      row[feature] = before;
      return false;
    }
  }
  return true;
}

/**
 * Rows that cross every threshold of every tree: for each split, a row steered down that tree to
 * the split, then one row per probe value (below, at and above the threshold — in float32 where the
 * library compares float32 — missing, zero for LightGBM's zero-as-missing, categories in and out of
 * the set). The other features come from a random row built from the model's own thresholds, so
 * the rows also walk the other trees somewhere meaningful. When the model has more probes than
 * `maxRows`, splits are sampled deterministically. Always adds an all-missing row and an all-zero row.
 */
export function generateGoldenRows(model: TreeModel, options: GoldenOptions = {}): number[][] {
  const maxRows = Math.max(2, options.maxRows ?? 2000);
  const next = random(options.seed ?? 1);
  const numFeatures = compileModel(model).numFeatures;
  const float32Input = model.arithmetic.input === 'float32';
  // Per feature, the values its splits test: the pool base rows draw from.
  const pools: number[][] = Array.from({ length: numFeatures }, () => []);
  const splits: { tree: number; node: SplitNode }[] = [];
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type !== 'split') continue;
      splits.push({ tree: tree.index, node });
      const split = node.split;
      if (split.kind === 'numeric' && Number.isFinite(split.threshold)) pools[node.feature].push(split.threshold);
      else if (split.kind === 'categorical') pools[node.feature].push(...split.categories.slice(0, 4));
      else if (split.kind === 'indicator') pools[node.feature].push(1);
    }
  }
  const baseRow = (): number[] =>
    pools.map((pool) => {
      if (pool.length === 0 || next() < 0.05) return NaN;
      const value = pool[Math.floor(next() * pool.length)];
      const roll = next();
      return roll < 0.33 ? value : roll < 0.66 ? nextDouble(value, true) * (1 + 1e-9) : nextDouble(value, false) * (1 - 1e-9);
    });

  const rows: number[][] = [new Array(numFeatures).fill(NaN), new Array(numFeatures).fill(0)];
  const probesPerSplit = float32Input ? 7 : 4;
  let chosen = splits;
  const budget = Math.max(1, Math.floor((maxRows - rows.length) / probesPerSplit));
  if (splits.length > budget) {
    // Partial Fisher–Yates with the seeded PRNG, then back to model order for readable files.
    const order = splits.map((_, index) => index);
    for (let i = 0; i < budget; i++) {
      const j = i + Math.floor(next() * (order.length - i));
      [order[i], order[j]] = [order[j], order[i]];
    }
    chosen = order
      .slice(0, budget)
      .sort((a, b) => a - b)
      .map((index) => splits[index]);
  }
  for (const { tree, node } of chosen) {
    const row = baseRow();
    steer(model, row, pathTo(model.trees[tree].nodes, node.id), float32Input);
    for (const value of probeValues(node, float32Input)) {
      if (rows.length >= maxRows) return rows;
      const probe = row.slice();
      probe[node.feature] = value;
      rows.push(probe);
    }
  }
  return rows;
}

/** The app's predictions for golden rows. */
export function expectationsOf(compiled: CompiledModel, rows: readonly number[][]): GoldenExpectation[] {
  return rows.map((row) => {
    const result = compiled.predictRow(row);
    const expected: GoldenExpectation = { prediction: result.prediction, raw: result.raw, leaves: result.leaves };
    if (result.predictedClass !== undefined) expected.class = result.predictedClass;
    if (result.error !== undefined) expected.error = result.error;
    return expected;
  });
}

/** Builds `golden.json`'s text: rows, the app's predictions, exact numbers (see exactJson.ts). */
export function goldenJson(golden: GoldenFile): string {
  return encodeExactJson(golden);
}
