/**
 * The model compiler against the interpreter on hand-made forests that reach every corner the
 * compiled code has: NaN either way, `<` folded into `<=`, infinite thresholds, ±0, single-leaf trees,
 * deep chains, several outputs, tree weights, float32 sums, linear leaves, leaf counts and ids, and
 * blocks that end part-way. The interpreter itself is held to the libraries by reference.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { linkTree } from '../model/tree';
import type { Arithmetic, Split, Tree, TreeModel, TreeNode } from '../model/types';
import { seededRandom } from '../util/random';
import { ZERO_THRESHOLD } from './decide';
import { compileModel } from './index';
import { isFixedStepping } from './wasm';

const NUM_FEATURES = 5;
const SPECIAL_VALUES = [NaN, 0, -0, Infinity, -Infinity, 0.5, -0.5];

/**
 * A random tree of `splits` splits. With `match`, about a third of its splits are categorical sets
 * (of categories up to 70, some far beyond, some negative or fractional), matched that way; `wide`
 * adds a few categories beyond 2^20.
 */
function randomTree(next: () => number, splits: number, linear = false, match?: 'truncate' | 'exact', wide = false): TreeNode[] {
  const nodes: TreeNode[] = [];
  const grow = (depth: number, parent: number, budget: number): number => {
    const id = nodes.length;
    if (budget === 0) {
      const value = Math.round((next() - 0.5) * 2000) / 1000 + next() * 1e-9;
      nodes.push(linear && next() < 0.5
        ? { type: 'leaf', id, sourceId: id, depth, parent, value: [value], linear: { constant: value / 2, features: [Math.floor(next() * NUM_FEATURES)], coefficients: [next() - 0.5] } }
        : { type: 'leaf', id, sourceId: id, depth, parent, value: [value] });
      return id;
    }
    let feature: number;
    let split: Split;
    if (match && next() < 0.35) {
      const categories = Array.from({ length: 1 + Math.floor(next() * 8) }, () => Math.floor(next() * 70));
      if (match === 'truncate' && next() < 0.2) categories.push(-3, 2.5, 2 ** 25);
      if (next() < 0.1) categories.push(0);
      if (wide) categories.push(2 ** 20 + Math.floor(next() * 1000), 16777215);
      feature = Math.floor(next() * NUM_FEATURES);
      split = { kind: 'categorical', categories, inSetGoes: next() < 0.5 ? 'left' : 'right', missingGoes: next() < 0.5 ? 'left' : 'right', match };
    } else {
      const roll = next();
      const threshold = roll < 0.05 ? Infinity : roll < 0.1 ? -Infinity : roll < 0.2 ? 0 : Math.round((next() - 0.5) * 8) / 4;
      const op = next() < 0.5 ? '<=' : '<';
      const missing: Extract<Split, { kind: 'numeric' }>['missing'] = next() < 0.3 ? { mode: 'compare' } : next() < 0.5 ? { mode: 'asZero' } : { mode: 'default', defaultLeft: next() < 0.5 };
      feature = Math.floor(next() * NUM_FEATURES);
      split = { kind: 'numeric', op, threshold, missing };
    }
    const node: TreeNode = { type: 'split', id, sourceId: id, depth, parent, feature, split, left: -1, right: -1 };
    nodes.push(node);
    const leftBudget = Math.floor(next() * budget);
    node.left = grow(depth + 1, id, leftBudget);
    node.right = grow(depth + 1, id, budget - 1 - leftBudget);
    return id;
  };
  grow(0, -1, splits);
  expect(linkTree(nodes)).toBeUndefined();
  return nodes;
}

/**
 * A depth-wise tree of `depth` levels, as XGBoost grows them: float32 `<` thresholds; with `prune`,
 * that share of the splits below the root are leaves instead, so leaves lie at several depths.
 */
function fullTree(depth: number, next: () => number, prune = 0): TreeNode[] {
  const nodes: TreeNode[] = [];
  const grow = (level: number, parent: number): number => {
    const id = nodes.length;
    if (level === depth || (level > 0 && next() < prune)) {
      nodes.push({ type: 'leaf', id, sourceId: id, depth: level, parent, value: [next() - 0.5] });
      return id;
    }
    const threshold = Math.fround(next() - 0.5);
    const split: TreeNode = { type: 'split', id, sourceId: id, depth: level, parent, feature: Math.floor(next() * NUM_FEATURES), split: { kind: 'numeric', op: '<', threshold, missing: { mode: 'default', defaultLeft: next() < 0.5 } }, left: -1, right: -1 };
    nodes.push(split);
    split.left = grow(level + 1, id);
    split.right = grow(level + 1, id);
    return id;
  };
  grow(0, -1);
  expect(linkTree(nodes)).toBeUndefined();
  return nodes;
}

/** A chain: split i sends x_{i mod 5} ≤ i/1000 to leaf i, the rest on to split i + 1. */
function chainTree(splits: number): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (let i = 0; i < splits; i++) {
    const id = nodes.length;
    nodes.push({ type: 'split', id, sourceId: id, depth: i, parent: id - 2, feature: i % NUM_FEATURES, split: { kind: 'numeric', op: '<=', threshold: i / 1000, missing: { mode: 'default', defaultLeft: i % 2 === 0 } }, left: id + 1, right: id + 2 });
    nodes.push({ type: 'leaf', id: id + 1, sourceId: id + 1, depth: i + 1, parent: id, value: [i] });
  }
  nodes.push({ type: 'leaf', id: nodes.length, sourceId: nodes.length, depth: splits, parent: nodes.length - 2, value: [-1] });
  nodes[0] = { ...nodes[0], parent: -1 };
  expect(linkTree(nodes)).toBeUndefined();
  return nodes;
}

function forest(trees: TreeNode[][], numOutputs: number, arithmetic: Arithmetic, weights?: number[]): TreeModel {
  return {
    format: 'lightgbm',
    variant: 'hand-built',
    fileName: 'test',
    task: 'regression',
    objective: '',
    features: Array.from({ length: NUM_FEATURES }, (_, index) => ({ index, name: `x${index}`, isNamed: true, kind: 'numeric' as const })),
    numOutputs,
    trees: trees.map((nodes, index): Tree => ({ index, outputIndex: index % numOutputs, weight: weights?.[index] ?? 1, nodes })),
    aggregation: { kind: 'sum', base: Array.from({ length: numOutputs }, (_, k) => 0.25 * k) },
    transform: { kind: 'identity' },
    arithmetic,
    assumptions: {},
    warnings: [],
    metadata: {},
  };
}

function rowsFor(next: () => number, rows: number): Float64Array {
  const values = new Float64Array(rows * NUM_FEATURES);
  for (let i = 0; i < values.length; i++) {
    values[i] = next() < 0.2 ? SPECIAL_VALUES[Math.floor(next() * SPECIAL_VALUES.length)] : Math.round((next() - 0.5) * 8) / 4 + (next() < 0.5 ? 0 : (next() - 0.5) * 0.3);
  }
  return values;
}

/** Values about LightGBM's kZeroThreshold (1e-35f as a double), which zero_as_missing reads as 0. */
const ZERO_VALUES = [0, -0, NaN, ZERO_THRESHOLD, -ZERO_THRESHOLD, 1e-35, -1e-35, 1.0000000180025096e-35, -1.0000000180025096e-35, 1e-36, 5e-324, -5e-324, 1e-34];

/** Values a categorical split meets: categories, fractions of them, negatives, ±0, far beyond every set, NaN, ±∞. */
const CATEGORY_VALUES = [NaN, 0, -0, -0.5, -0.999, -1, -3, 2.5, 69.99, 2 ** 24, 2 ** 24 - 1, 2 ** 25, 2 ** 31, 1e300, Infinity, -Infinity, 2 ** 20 + 500, 16777215.5];

function categoryRowsFor(next: () => number, rows: number): Float64Array {
  const values = new Float64Array(rows * NUM_FEATURES);
  for (let i = 0; i < values.length; i++) {
    const roll = next();
    values[i] = roll < 0.25 ? CATEGORY_VALUES[Math.floor(next() * CATEGORY_VALUES.length)] : roll < 0.8 ? Math.floor(next() * 72) : (next() - 0.3) * 80;
  }
  return values;
}

/** Scores `rows` rows both ways and expects the same bits in every result. */
function expectSameBothWays(model: TreeModel, rows: number, seed: number, rowsOf = rowsFor): void {
  const interpreter = compileModel(model, { kernel: 'interpreter' });
  const compiled = compileModel(model, { kernel: 'wasm' });
  const values = rowsOf(seededRandom(seed), rows);
  const nodes = model.trees.reduce((sum, tree) => sum + tree.nodes.length, 0);
  const expectedCounts = new Int32Array(nodes);
  const actualCounts = new Int32Array(nodes);
  const expected = interpreter.predictBatch(values, rows, { leafNodes: true, leafCounts: expectedCounts });
  const actual = compiled.predictBatch(values, rows, { leafNodes: true, leafCounts: actualCounts });
  expect(compiled.kernel.kind).toBe('wasm');
  expect(Array.from(actual.leafNodes!)).toEqual(Array.from(expected.leafNodes!));
  expect(Array.from(actual.raw).map(String)).toEqual(Array.from(expected.raw).map(String));
  expect(Array.from(actual.raw).every((value, i) => Object.is(value, expected.raw[i]))).toBe(true);
  expect(Array.from(actualCounts)).toEqual(Array.from(expectedCounts));
  // Without leaf ids or counts the compiled sums are all that run; with counts alone, the module counts.
  const plain = compiled.predictBatch(values, rows);
  expect(Array.from(plain.raw).every((value, i) => Object.is(value, expected.raw[i]))).toBe(true);
  const countsOnly = new Int32Array(nodes);
  compiled.predictBatch(values, rows, { leafCounts: countsOnly });
  compiled.predictBatch(values, rows, { leafCounts: countsOnly });
  expect(Array.from(countsOnly)).toEqual(Array.from(expectedCounts, (count) => 2 * count));
}

const DOUBLE: Arithmetic = { input: 'float64', accumulate: 'float64' };
const FLOAT32: Arithmetic = { input: 'float32', accumulate: 'float32' };

describe('model compiler (WebAssembly) against the interpreter', () => {
  it('scores random unbalanced forests bit for bit, with blocks that end part-way', () => {
    const next = seededRandom(11);
    const trees = Array.from({ length: 40 }, (_, index) => randomTree(next, index % 7 === 0 ? 0 : 1 + Math.floor(next() * 60)));
    expectSameBothWays(forest(trees, 1, DOUBLE), 1000, 1);
    expectSameBothWays(forest(trees, 1, DOUBLE), 3, 2);
  });

  it('keeps XGBoost float32 inputs and sums, several outputs and tree weights', () => {
    const next = seededRandom(12);
    const trees = Array.from({ length: 30 }, () => randomTree(next, 1 + Math.floor(next() * 30)));
    expectSameBothWays(forest(trees, 3, FLOAT32), 700, 3);
    expectSameBothWays(forest(trees, 3, DOUBLE, trees.map((_, index) => 0.1 + index / 7)), 700, 4);
    // float32 sums with weights other than 1 are summed by the interpreter's loop after the compiled walk.
    expectSameBothWays(forest(trees, 2, FLOAT32, trees.map((_, index) => 0.5 + index / 3)), 300, 5);
  });

  it('walks linear leaves through the interpreter’s sum', () => {
    const next = seededRandom(13);
    const trees = Array.from({ length: 12 }, () => randomTree(next, 1 + Math.floor(next() * 20), true));
    expectSameBothWays(forest(trees, 1, { ...DOUBLE, zeroTinyInputs: true }), 600, 6);
  });

  it('compiles a model without features (single-leaf trees), whose rows have no values, and one without trees', () => {
    const leafOnly = (value: number): TreeNode[] => [{ type: 'leaf', id: 0, sourceId: 0, depth: 0, parent: -1, value: [value] }];
    const model: TreeModel = { ...forest([leafOnly(0.5), leafOnly(-0.25), leafOnly(1e-3)], 1, DOUBLE), features: [] };
    const compiled = compileModel(model, { kernel: 'wasm' });
    const interpreter = compileModel(model, { kernel: 'interpreter' });
    for (const rows of [1, 9, 300]) {
      const actual = compiled.predictBatch(new Float64Array(0), rows, { leafNodes: true });
      const expected = interpreter.predictBatch(new Float64Array(0), rows, { leafNodes: true });
      expect(compiled.kernel.kind).toBe('wasm');
      expect(Array.from(actual.leafNodes!)).toEqual(Array.from(expected.leafNodes!));
      expect(Array.from(actual.raw)).toEqual(Array.from(expected.raw));
      expect(actual.raw[rows - 1]).toBe(0.5 - 0.25 + 1e-3);
    }
    // No trees at all: every row is the base score.
    const empty = compileModel(forest([], 2, DOUBLE), { kernel: 'wasm' });
    const values = rowsFor(seededRandom(9), 20);
    expect(Array.from(empty.predictBatch(values, 20).raw)).toEqual(Array.from({ length: 40 }, (_, i) => 0.25 * (i % 2)));
    expect(empty.kernel.kind).toBe('wasm');
  });

  it('compiles a chain of 5,000 splits without running out of stack', () => {
    // Rows up to 1 leave the chain within its first 1,000 splits; NaN follows each split's default side.
    const next = seededRandom(14);
    expectSameBothWays(forest([chainTree(5000), randomTree(next, 10)], 1, DOUBLE), 400, 7);
  });

  it('compiles categorical splits, truncated (LightGBM, XGBoost) or exact (Spark), and scores them bit for bit', () => {
    for (const [match, arithmetic, seed] of [
      ['truncate', DOUBLE, 21],
      ['truncate', FLOAT32, 22],
      ['exact', DOUBLE, 23],
    ] as const) {
      const next = seededRandom(seed);
      const trees = Array.from({ length: 24 }, (_, index) => (index % 5 === 0 ? fullTree(4, next, 0.1) : randomTree(next, 1 + Math.floor(next() * 40), false, match)));
      trees.push(randomTree(next, 30, false, match, true));
      const model = forest(trees, 2, arithmetic);
      expectSameBothWays(model, 1003, seed, categoryRowsFor);
      expectSameBothWays(model, 7, seed + 100, categoryRowsFor);
    }
  });

  it('decides categorical splits through a function of the module where only 4 kB compile synchronously, as on a browser main thread', () => {
    // Chromium's main thread refuses `new WebAssembly.Module` beyond 4 kB; this host's limit, not ours.
    const api = globalThis.WebAssembly;
    const Module = api.Module;
    const sizes: number[] = [];
    class MainThreadModule extends Module {
      constructor(bytes: BufferSource) {
        const length = (bytes as ArrayBufferView).byteLength;
        sizes.push(length);
        if (length > 4096) throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB');
        super(bytes);
      }
    }
    const next = seededRandom(24);
    const trees = Array.from({ length: 16 }, () => randomTree(next, 1 + Math.floor(next() * 40), false, 'truncate'));
    const model = forest(trees, 1, DOUBLE);
    (api as { Module: unknown }).Module = MainThreadModule;
    try {
      expectSameBothWays(model, 1003, 24, categoryRowsFor);
      expectSameBothWays(model, 5, 25, categoryRowsFor);
      const compiled = compileModel(model, { kernel: 'wasm' });
      expect(compiled.prepare()).toMatchObject({ kind: 'wasm', moduleBytes: expect.any(Number) });
      expect((compiled.kernel as { moduleBytes: number }).moduleBytes).toBeLessThanOrEqual(4096);
      // The decisions in line were tried first and refused.
      expect(sizes.some((size) => size > 4096)).toBe(true);
    } finally {
      (api as { Module: unknown }).Module = Module;
    }
    // Where the host allows it, the decisions are in line: a bigger module.
    const inline = compileModel(model, { kernel: 'wasm' });
    expect((inline.prepare() as { moduleBytes: number }).moduleBytes).toBeGreaterThan(4096);
  });

  it('compiles indicator splits (XGBoost feature maps): present to one side, NaN to the other', () => {
    const next = seededRandom(26);
    const withIndicators = (nodes: TreeNode[]): TreeNode[] =>
      nodes.map((node) => (node.type === 'split' && next() < 0.4 ? { ...node, split: { kind: 'indicator', presentGoes: next() < 0.5 ? 'left' : 'right' } } : node));
    const trees = Array.from({ length: 20 }, (_, index) => withIndicators(index % 4 === 0 ? fullTree(5, next) : randomTree(next, 1 + Math.floor(next() * 40))));
    expect(trees.flat().some((node) => node.type === 'split' && node.split.kind === 'indicator' && node.split.presentGoes === 'right')).toBe(true);
    expectSameBothWays(forest(trees, 1, FLOAT32), 1003, 26);
    expectSameBothWays(forest(trees, 2, DOUBLE), 9, 27);
  });

  it('compiles LightGBM zero-as-missing splits: 0 (|x| ≤ kZeroThreshold) and NaN to the default side', () => {
    const next = seededRandom(28);
    const withZero = (nodes: TreeNode[]): TreeNode[] =>
      nodes.map((node) =>
        node.type === 'split' && node.split.kind === 'numeric' && next() < 0.5
          ? { ...node, split: { ...node.split, threshold: next() < 0.3 ? -ZERO_THRESHOLD : node.split.threshold, missing: { mode: 'zero', defaultLeft: next() < 0.5 } } }
          : node,
      );
    const trees = Array.from({ length: 20 }, (_, index) => withZero(index % 4 === 0 ? fullTree(5, next) : randomTree(next, 1 + Math.floor(next() * 40), false, index % 3 === 0 ? 'truncate' : undefined)));
    expect(trees.flat().filter((node) => node.type === 'split' && node.split.kind === 'numeric' && node.split.missing.mode === 'zero').length).toBeGreaterThan(50);
    const zeroRowsFor = (random: () => number, rows: number): Float64Array => {
      const values = categoryRowsFor(random, rows);
      for (let i = 0; i < values.length; i++) if (random() < 0.3) values[i] = ZERO_VALUES[Math.floor(random() * ZERO_VALUES.length)];
      return values;
    };
    expectSameBothWays(forest(trees, 1, DOUBLE), 1003, 28, zeroRowsFor);
    expectSameBothWays(forest(trees, 2, { ...DOUBLE, zeroTinyInputs: true }), 13, 29, zeroRowsFor);
  });

  it('leaves exact sets with a category no value can key to the interpreter, and says why', () => {
    const split = (split: Split): TreeModel =>
      forest(
        [
          [
            { type: 'split', id: 0, sourceId: 0, depth: 0, parent: -1, feature: 0, split, left: 1, right: 2 },
            { type: 'leaf', id: 1, sourceId: 1, depth: 1, parent: 0, value: [1] },
            { type: 'leaf', id: 2, sourceId: 2, depth: 1, parent: 0, value: [2] },
          ],
        ],
        1,
        DOUBLE,
      );
    const fractional = compileModel(split({ kind: 'categorical', categories: [1, 2.5], inSetGoes: 'left', missingGoes: 'right', match: 'exact' }), { kernel: 'wasm' });
    expect(Array.from(fractional.predictBatch(Float64Array.of(2.5, 0, 0, 0, 0, 2, 0, 0, 0, 0), 2).raw)).toEqual([1, 2]);
    expect(fractional.kernel).toEqual({ kind: 'interpreter', reason: expect.stringContaining('exactly'), isRefused: true });
  });

  it('compiles by itself only once a model has been asked for thousands of rows', () => {
    const next = seededRandom(15);
    // A chain: too deep for the interpreter's complete-tree walk, so `auto` compiles it.
    const compiled = compileModel(forest([chainTree(40)], 1, DOUBLE));
    compiled.predictBatch(rowsFor(next, 100), 100);
    expect(compiled.kernel.kind).toBe('interpreter');
    compiled.predictBatch(rowsFor(next, 5000), 5000);
    expect(compiled.kernel.kind).toBe('wasm');
    expect(compileModel(forest([randomTree(next, 20)], 1, DOUBLE), { kernel: 'interpreter' }).kernel).toEqual({ kind: 'interpreter', reason: 'the interpreter was asked for', isRefused: false });
  });

  it('compiles depth-wise (balanced) trees under auto too, and scores them as the interpreter’s complete-tree walk does', () => {
    const next = seededRandom(17);
    const model = forest(Array.from({ length: 6 }, () => fullTree(5, next)), 1, FLOAT32);
    const auto = compileModel(model);
    auto.predictBatch(rowsFor(next, 5000), 5000);
    expect(auto.kernel.kind).toBe('wasm');
    expectSameBothWays(model, 5000, 8);
  });

  it('steps complete trees their depth without testing for leaves, and other trees until every row is at a leaf, with the same results', () => {
    // The chance of a row's leaf at each depth, when rows go either way at each split equally.
    const shareOf = (nodes: TreeNode[]): { share: number[]; deepest: number } => {
      const deepest = Math.max(...nodes.map((node) => node.depth));
      const share = new Array<number>(deepest + 1).fill(0);
      for (const node of nodes) if (node.type === 'leaf') share[node.depth] += 2 ** -node.depth;
      return { share, deepest };
    };
    const next = seededRandom(18);
    const complete = fullTree(8, next);
    const pruned = Array.from({ length: 6 }, () => fullTree(8, next, 0.04));
    const leafWise = [chainTree(12), randomTree(next, 60), randomTree(next, 40)];
    for (const tree of [complete, ...pruned]) {
      const { share, deepest } = shareOf(tree);
      expect(isFixedStepping(share, deepest)).toBe(true);
    }
    // A pruned tree's leaves lie at several depths: a row at its leaf early steps in place.
    expect(new Set(pruned.flatMap((nodes) => nodes.filter((node) => node.type === 'leaf').map((node) => node.depth))).size).toBeGreaterThan(2);
    for (const tree of leafWise) {
      const { share, deepest } = shareOf(tree);
      expect(isFixedStepping(share, deepest)).toBe(false);
    }
    // Both kinds in one model, float32 and double, whole groups of rows and the rows after them.
    const trees = [complete, leafWise[0], ...pruned.slice(0, 3), leafWise[1], ...pruned.slice(3), leafWise[2]];
    expectSameBothWays(forest(trees, 2, FLOAT32), 1003, 10);
    expectSameBothWays(forest(trees, 1, DOUBLE), 517, 11);
  });

  it('compiles ahead of any batch when asked to prepare, and scores the same after warming up', () => {
    const next = seededRandom(16);
    const model = forest([...Array.from({ length: 4 }, () => randomTree(next, 25)), chainTree(30), chainTree(20), chainTree(15), chainTree(12), chainTree(40)], 1, DOUBLE);
    const prepared = compileModel(model);
    expect(prepared.prepare()).toMatchObject({ kind: 'wasm' });
    const values = rowsFor(next, 300);
    const expected = compileModel(model, { kernel: 'interpreter' }).predictBatch(values, 300).raw;
    expect(Array.from(prepared.predictBatch(values, 300).raw).every((value, i) => Object.is(value, expected[i]))).toBe(true);
    expect(compileModel(model, { kernel: 'interpreter' }).prepare().kind).toBe('interpreter');
  });
});
