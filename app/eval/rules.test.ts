/**
 * Hand-built IR models, one per prediction rule of FORMATS.md / app/model/types.ts. Every expected
 * value is worked out from the rule itself (comments show how), not taken from our own output.
 */
import { describe, expect, it } from 'vitest';
import { linkTree } from '../model/tree';
import type { Aggregation, Arithmetic, LeafNode, NumericMissing, OutputTransform, Split, Tree, TreeModel, TreeNode } from '../model/types';
import { compileModel, predictPath, ZERO_THRESHOLD } from './index';
import { seededRandom as random } from '../util/random';

/** A stump: node 0 splits feature 0 with `split`; node 1 (left) is leaf 10.0, node 2 (right) leaf 20.0. */
function stump(split: Split, leaves: [number, number] = [10, 20], feature = 0): TreeNode[] {
  return [
    { type: 'split', id: 0, sourceId: 0, depth: 0, parent: -1, feature, split, left: 1, right: 2 },
    { type: 'leaf', id: 1, sourceId: 101, depth: 1, parent: 0, value: [leaves[0]] },
    { type: 'leaf', id: 2, sourceId: 102, depth: 1, parent: 0, value: [leaves[1]] },
  ];
}

function leaf(value: number[], extra: Partial<LeafNode> = {}): TreeNode[] {
  return [{ type: 'leaf', id: 0, sourceId: 0, depth: 0, parent: -1, value, ...extra }];
}

interface Options {
  aggregation?: Aggregation;
  transform?: OutputTransform;
  arithmetic?: Arithmetic;
  numOutputs?: number;
  numFeatures?: number;
  task?: TreeModel['task'];
  weights?: number[];
  outputs?: number[];
}

function modelOf(trees: TreeNode[][], options: Options = {}): TreeModel {
  const numFeatures = options.numFeatures ?? 2;
  return {
    format: 'lightgbm',
    variant: 'hand-built',
    fileName: 'test',
    task: options.task ?? 'regression',
    objective: '',
    features: Array.from({ length: numFeatures }, (_, index) => ({ index, name: `x${index}`, isNamed: true, kind: 'numeric' as const })),
    numOutputs: options.numOutputs ?? 1,
    trees: trees.map((nodes, index): Tree => {
      expect(linkTree(nodes)).toBeUndefined();
      return { index, outputIndex: options.outputs?.[index] ?? 0, weight: options.weights?.[index] ?? 1, nodes };
    }),
    aggregation: options.aggregation ?? { kind: 'sum', base: new Array(options.numOutputs ?? 1).fill(0) },
    transform: options.transform ?? { kind: 'identity' },
    arithmetic: options.arithmetic ?? { input: 'float64', accumulate: 'float64' },
    assumptions: {},
    warnings: [],
    metadata: {},
  };
}

/** Raw score of a one-stump model for x0 = value, through predictRow AND predictBatch (which must agree). */
function scoreStump(split: Split, value: number, arithmetic?: Arithmetic): number {
  const model = modelOf([stump(split)], { arithmetic });
  const compiled = compileModel(model);
  const row = compiled.predictRow([value, 0]);
  const batch = compiled.predictBatch(Float64Array.of(value, 0), 1);
  expect(batch.raw[0]).toBe(row.raw[0]);
  // The model compiler (app/eval/wasm.ts) follows the same rule, or leaves the split to the interpreter.
  expect(compileModel(model, { kernel: 'wasm' }).predictBatch(Float64Array.of(value, 0), 1).raw[0]).toBe(row.raw[0]);
  expect(predictPath(model, 0, [value, 0]).at(-1)).toBe(row.leafNodes[0]);
  return row.raw[0];
}

const LEFT = 10;
const RIGHT = 20;

describe('numeric splits', () => {
  const le = (missing: Extract<Split, { kind: 'numeric' }>['missing'], threshold = 1): Split => ({ kind: 'numeric', op: '<=', threshold, missing });

  it('`<=` sends the threshold itself left, `<` sends it right', () => {
    expect(scoreStump(le({ mode: 'compare' }), 1)).toBe(LEFT);
    expect(scoreStump({ kind: 'numeric', op: '<', threshold: 1, missing: { mode: 'compare' } }, 1)).toBe(RIGHT);
    expect(scoreStump({ kind: 'numeric', op: '<', threshold: 1, missing: { mode: 'compare' } }, 0.5)).toBe(LEFT);
  });

  it('default mode: NaN goes to the default child, values compare', () => {
    expect(scoreStump(le({ mode: 'default', defaultLeft: true }), NaN)).toBe(LEFT);
    expect(scoreStump(le({ mode: 'default', defaultLeft: false }), NaN)).toBe(RIGHT);
    expect(scoreStump(le({ mode: 'default', defaultLeft: false }), 0)).toBe(LEFT);
  });

  it('zero mode: NaN and |x| ≤ kZeroThreshold go to the default child', () => {
    expect(ZERO_THRESHOLD).toBe(Math.fround(1e-35));
    const zeroRight = le({ mode: 'zero', defaultLeft: false }, 5);
    expect(scoreStump(zeroRight, NaN)).toBe(RIGHT);
    expect(scoreStump(zeroRight, 0)).toBe(RIGHT);
    expect(scoreStump(zeroRight, -0)).toBe(RIGHT);
    expect(scoreStump(zeroRight, 1e-36)).toBe(RIGHT);
    expect(scoreStump(zeroRight, -1.0000000180025095e-35)).toBe(RIGHT);
    // Just above kZeroThreshold it is an ordinary value again: ≤ 5 → left.
    expect(scoreStump(zeroRight, 1.00000002e-35)).toBe(LEFT);
    expect(scoreStump(le({ mode: 'zero', defaultLeft: true }, -5), 0)).toBe(LEFT);
  });

  it('asZero mode: NaN becomes 0.0, then compares', () => {
    expect(scoreStump(le({ mode: 'asZero' }, 0.5), NaN)).toBe(LEFT);
    expect(scoreStump(le({ mode: 'asZero' }, -0.5), NaN)).toBe(RIGHT);
    expect(scoreStump(le({ mode: 'asZero' }, 0), NaN)).toBe(LEFT);
  });

  it('compare mode: NaN compares false, so it goes right', () => {
    expect(scoreStump(le({ mode: 'compare' }, Infinity), NaN)).toBe(RIGHT);
    expect(scoreStump(le({ mode: 'compare' }, Infinity), 1e308)).toBe(LEFT);
  });

  it('the zero threshold value itself is an ordinary threshold', () => {
    const atZero = le({ mode: 'default', defaultLeft: false }, 1.0000000180025095e-35);
    expect(scoreStump(atZero, 0)).toBe(LEFT);
    expect(scoreStump(atZero, 2e-35)).toBe(RIGHT);
  });

  it('float32 input: x is rounded to float32 before comparing; float64 compares the double', () => {
    // XGBoost: threshold fround(0.1) = 0.10000000149011612; the double 0.1 is below it, fround(0.1) is not.
    const split: Split = { kind: 'numeric', op: '<', threshold: Math.fround(0.1), missing: { mode: 'default', defaultLeft: true } };
    expect(scoreStump(split, 0.1, { input: 'float64', accumulate: 'float64' })).toBe(LEFT);
    expect(scoreStump(split, 0.1, { input: 'float32', accumulate: 'float64' })).toBe(RIGHT);
    // scikit-learn: float32(x) <= double threshold 0.1: fround(0.1) > 0.1, so right.
    const sklearn: Split = { kind: 'numeric', op: '<=', threshold: 0.1, missing: { mode: 'compare' } };
    expect(scoreStump(sklearn, 0.1, { input: 'float32', accumulate: 'float64' })).toBe(RIGHT);
    expect(scoreStump(sklearn, 0.1, { input: 'float64', accumulate: 'float64' })).toBe(LEFT);
  });

  it('LightGBM tiny inputs (|x| ≤ kZeroThreshold) read as 0.0 only when zeroTinyInputs is set', () => {
    const split = le({ mode: 'asZero' }, -1e-36);
    expect(scoreStump(split, -1e-35, { input: 'float64', accumulate: 'float64' })).toBe(LEFT);
    expect(scoreStump(split, -1e-35, { input: 'float64', accumulate: 'float64', zeroTinyInputs: true })).toBe(RIGHT);
  });
});

describe('categorical splits', () => {
  const truncate = (categories: number[], inSetGoes: 'left' | 'right' = 'left', missingGoes: 'left' | 'right' = 'right'): Split => ({
    kind: 'categorical',
    categories,
    inSetGoes,
    missingGoes,
    match: 'truncate',
  });

  it('truncate: values are truncated toward zero before the lookup', () => {
    const split = truncate([1, 3]);
    expect(scoreStump(split, 1)).toBe(LEFT);
    expect(scoreStump(split, 1.9)).toBe(LEFT);
    expect(scoreStump(split, 3.5)).toBe(LEFT);
    expect(scoreStump(split, 2)).toBe(RIGHT);
    expect(scoreStump(split, 0.99)).toBe(RIGHT);
    expect(scoreStump(split, 100)).toBe(RIGHT);
    expect(scoreStump(split, Infinity)).toBe(RIGHT);
  });

  it('truncate: NaN goes to missingGoes, negatives are never in the set', () => {
    expect(scoreStump(truncate([0, 1]), NaN)).toBe(RIGHT);
    expect(scoreStump(truncate([0, 1], 'left', 'left'), NaN)).toBe(LEFT);
    expect(scoreStump(truncate([0, 1]), -1)).toBe(RIGHT);
    expect(scoreStump(truncate([0, 1]), -7.5)).toBe(RIGHT);
    // LightGBM (float64): (int)(-0.5) = 0, category 0 is in the set. XGBoost (float32): -0.5 < 0 is invalid.
    expect(scoreStump(truncate([0, 1]), -0.5)).toBe(LEFT);
    expect(scoreStump(truncate([0, 1], 'right', 'left'), -0.5, { input: 'float32', accumulate: 'float32' })).toBe(LEFT);
    expect(scoreStump(truncate([0, 1], 'right', 'left'), 0.5, { input: 'float32', accumulate: 'float32' })).toBe(RIGHT);
  });

  it('truncate: values ≥ 2^24 are not in any set (XGBoost)', () => {
    expect(scoreStump(truncate([16777215, 16777216]), 16777215)).toBe(LEFT);
    expect(scoreStump(truncate([16777215, 16777216]), 16777216)).toBe(RIGHT);
  });

  it('truncate: XGBoost orientation (in set → right)', () => {
    expect(scoreStump(truncate([2], 'right', 'left'), 2)).toBe(RIGHT);
    expect(scoreStump(truncate([2], 'right', 'left'), 5)).toBe(LEFT);
  });

  it('exact: the value must equal a listed category', () => {
    const split: Split = { kind: 'categorical', categories: [1, 2.5], inSetGoes: 'left', missingGoes: 'right', match: 'exact' };
    expect(scoreStump(split, 2.5)).toBe(LEFT);
    expect(scoreStump(split, 1)).toBe(LEFT);
    expect(scoreStump(split, 1.5)).toBe(RIGHT);
    expect(scoreStump(split, 2)).toBe(RIGHT);
    expect(scoreStump(split, NaN)).toBe(RIGHT);
  });
});

describe('indicator splits', () => {
  it('a present value goes to presentGoes, a missing one the other way', () => {
    expect(scoreStump({ kind: 'indicator', presentGoes: 'left' }, 0)).toBe(LEFT);
    expect(scoreStump({ kind: 'indicator', presentGoes: 'left' }, NaN)).toBe(RIGHT);
    expect(scoreStump({ kind: 'indicator', presentGoes: 'right' }, -3)).toBe(RIGHT);
    expect(scoreStump({ kind: 'indicator', presentGoes: 'right' }, NaN)).toBe(LEFT);
  });
});

describe('leaves', () => {
  it('linear leaves: constant + Σ coefficient·x; NaN in one of its features falls back to the leaf value', () => {
    const compiled = compileModel(modelOf([leaf([7], { linear: { constant: 1, features: [0, 1], coefficients: [2, 3] } })]));
    expect(compiled.predictRow([1, 2]).raw).toEqual([1 + 2 * 1 + 3 * 2]);
    expect(compiled.predictRow([1, NaN]).raw).toEqual([7]);
    const batch = compiled.predictBatch(Float64Array.of(1, 2, NaN, 5), 2);
    expect(Array.from(batch.raw)).toEqual([9, 7]);
  });

  it('a truncated leaf makes the row an error with NaN outputs', () => {
    const nodes = stump({ kind: 'numeric', op: '<=', threshold: 0, missing: { mode: 'compare' } });
    (nodes[2] as LeafNode).truncatedDepth = 3;
    const compiled = compileModel(modelOf([nodes], { task: 'binary', transform: { kind: 'sigmoid', scale: 1 } }));
    const fine = compiled.predictRow([-1, 0]);
    expect(fine.error).toBeUndefined();
    expect(fine.raw).toEqual([10]);
    const broken = compiled.predictRow([1, 0]);
    expect(broken.error).toMatch(/truncated/);
    expect(broken.raw[0]).toBeNaN();
    expect(broken.prediction[0]).toBeNaN();
    expect(broken.predictedClass).toBeUndefined();
    const batch = compiled.predictBatch(Float64Array.of(-1, 0, 1, 0), 2);
    expect([...batch.errors.keys()]).toEqual([1]);
    expect(batch.raw[0]).toBe(10);
    expect(batch.raw[1]).toBeNaN();
    expect(batch.predictedClass[1]).toBe(-1);
  });
});

describe('aggregation', () => {
  const constant = (value: number) => leaf([value]);

  it('sum: base + weight·leaf, in tree order', () => {
    const compiled = compileModel(modelOf([constant(1), constant(2)], { aggregation: { kind: 'sum', base: [0.5] }, weights: [1, 0.1] }));
    expect(compiled.predictRow([0, 0]).raw).toEqual([0.5 + 1 * 1 + 0.1 * 2]);
    expect(compiled.predictRow([0, 0]).leafValues).toEqual([1, 2]);
  });

  it('sum with averageOver: the prediction divides, raw does not', () => {
    const compiled = compileModel(
      modelOf([constant(1), constant(3)], { aggregation: { kind: 'sum', base: [0], averageOver: 2 }, transform: { kind: 'sigmoid', scale: 1 }, task: 'binary' }),
    );
    const result = compiled.predictRow([0, 0]);
    expect(result.raw).toEqual([4]);
    expect(result.prediction).toEqual([1 / (1 + Math.exp(-2))]);
    const batch = compiled.predictBatch(Float64Array.of(0, 0), 1);
    expect(batch.raw[0]).toBe(4);
    expect(batch.prediction[0]).toBe(1 / (1 + Math.exp(-2)));
  });

  it('sum in float32 adds each leaf to a float32 total, starting from the float32 base', () => {
    // 0.5 + 1e-8 rounds back to 0.5 in float32 every time; in double the three leaves survive.
    const trees = [constant(1e-8), constant(1e-8), constant(1e-8)];
    const float32 = compileModel(modelOf(trees, { aggregation: { kind: 'sum', base: [0.5] }, arithmetic: { input: 'float32', accumulate: 'float32' } }));
    expect(float32.predictRow([0, 0]).raw).toEqual([0.5]);
    expect(float32.predictBatch(Float64Array.of(0, 0), 1).raw[0]).toBe(0.5);
    const float64 = compileModel(modelOf(trees, { aggregation: { kind: 'sum', base: [0.5] } }));
    expect(float64.predictRow([0, 0]).raw).toEqual([0.5 + 1e-8 + 1e-8 + 1e-8]);
    // Base 0.1 is stored as float32 first.
    const base = compileModel(modelOf([constant(0)], { aggregation: { kind: 'sum', base: [0.1] }, arithmetic: { input: 'float32', accumulate: 'float32' } }));
    expect(base.predictRow([0, 0]).raw).toEqual([Math.fround(0.1)]);
  });

  it('sum per output: tree t adds to its outputIndex', () => {
    const compiled = compileModel(
      modelOf([constant(1), constant(2), constant(3), constant(4)], { numOutputs: 2, outputs: [0, 1, 0, 1], aggregation: { kind: 'sum', base: [0, 0] } }),
    );
    expect(compiled.predictRow([0, 0]).raw).toEqual([4, 6]);
  });

  it('mean: average of weight·leaf per output', () => {
    const compiled = compileModel(modelOf([constant(1), constant(2), constant(4)], { aggregation: { kind: 'mean' } }));
    expect(compiled.predictRow([0, 0]).raw).toEqual([7 / 3]);
  });

  it('vote: counts per class; a tie goes to the first class', () => {
    const compiled = compileModel(
      modelOf([constant(2), constant(1), constant(1), constant(2)], { aggregation: { kind: 'vote' }, numOutputs: 3, task: 'multiclass' }),
    );
    const result = compiled.predictRow([0, 0]);
    expect(result.raw).toEqual([0, 2, 2]);
    expect(result.predictedClass).toBe(1);
    const batch = compiled.predictBatch(Float64Array.of(0, 0), 1);
    expect(batch.predictedClass[0]).toBe(1);
  });

  it('vote: a leaf that is not a class index is an IR error, not a silent skip', () => {
    expect(() => compileModel(modelOf([constant(1.5)], { aggregation: { kind: 'vote' }, numOutputs: 2, task: 'binary' }))).toThrow(/class 1.5/);
    expect(() => compileModel(modelOf([constant(2)], { aggregation: { kind: 'vote' }, numOutputs: 2, task: 'binary' }))).toThrow(/below 2/);
  });

  it('distribution: leaf values normalised to 1, or one-hot of classIndex', () => {
    const weighted = compileModel(modelOf([leaf([1, 3, 0])], { aggregation: { kind: 'distribution' }, numOutputs: 3, task: 'multiclass' }));
    const result = weighted.predictRow([0, 0]);
    expect(result.raw).toEqual([0.25, 0.75, 0]);
    expect(result.prediction).toEqual([0.25, 0.75, 0]);
    expect(result.predictedClass).toBe(1);
    const named = compileModel(modelOf([leaf([], { classIndex: 2 })], { aggregation: { kind: 'distribution' }, numOutputs: 3, task: 'multiclass' }));
    expect(named.predictRow([0, 0]).raw).toEqual([0, 0, 1]);
    expect(named.predictBatch(Float64Array.of(0, 0), 1).predictedClass[0]).toBe(2);
  });
});

describe('output transforms', () => {
  function transformed(transform: OutputTransform, leaves: number[], options: Options = {}) {
    const numOutputs = leaves.length;
    const model = modelOf(
      leaves.map((value) => leaf([value])),
      { transform, numOutputs, outputs: leaves.map((_, index) => index), aggregation: { kind: 'sum', base: new Array(numOutputs).fill(0) }, ...options },
    );
    const compiled = compileModel(model);
    const row = compiled.predictRow([0, 0]);
    const batch = compiled.predictBatch(Float64Array.of(0, 0), 1);
    expect(Array.from(batch.prediction)).toEqual(row.prediction);
    return row;
  }

  it('identity', () => expect(transformed({ kind: 'identity' }, [-2.5]).prediction).toEqual([-2.5]));
  it('sigmoid with scale (Spark GBT: 1 / (1 + exp(−2m)))', () => {
    expect(transformed({ kind: 'sigmoid', scale: 2 }, [0.3]).prediction).toEqual([1 / (1 + Math.exp(-2 * 0.3))]);
  });
  it('softmax subtracts the maximum first, so huge margins stay finite', () => {
    expect(transformed({ kind: 'softmax' }, [1000, 1000]).prediction).toEqual([0.5, 0.5]);
    const e1 = Math.exp(1 - 3);
    const e2 = Math.exp(2 - 3);
    const sum = e1 + e2 + 1;
    expect(transformed({ kind: 'softmax' }, [1, 2, 3]).prediction).toEqual([e1 / sum, e2 / sum, 1 / sum]);
  });
  it('sigmoidEach (multiclassova) is not normalised', () => {
    expect(transformed({ kind: 'sigmoidEach', scale: 1 }, [0, 0]).prediction).toEqual([0.5, 0.5]);
  });
  it('exp, log1pExp, signedSquare, hinge', () => {
    expect(transformed({ kind: 'exp' }, [1.5]).prediction).toEqual([Math.exp(1.5)]);
    expect(transformed({ kind: 'log1pExp' }, [0]).prediction).toEqual([Math.log(2)]);
    expect(transformed({ kind: 'signedSquare' }, [-3]).prediction).toEqual([-9]);
    expect(transformed({ kind: 'signedSquare' }, [2]).prediction).toEqual([4]);
    expect(transformed({ kind: 'hinge' }, [0]).prediction).toEqual([0]);
    expect(transformed({ kind: 'hinge' }, [0.01]).prediction).toEqual([1]);
  });
  it('argmax: the prediction is the class (first maximum wins)', () => {
    const result = transformed({ kind: 'argmax' }, [0.2, 0.7, 0.7], { task: 'multiclass' });
    expect(result.prediction).toEqual([1]);
    expect(result.predictedClass).toBe(1);
  });
  it('XGBoost float32 sigmoid: exactly 0.5 at 0, and its 88.7 clamp keeps tiny probabilities finite', () => {
    const float32 = { arithmetic: { input: 'float32', accumulate: 'float32' } as Arithmetic, task: 'binary' as const };
    expect(transformed({ kind: 'sigmoid', scale: 1 }, [0], float32).prediction).toEqual([0.5]);
    expect(transformed({ kind: 'sigmoid', scale: 1 }, [100], float32).prediction).toEqual([1]);
    const low = transformed({ kind: 'sigmoid', scale: 1 }, [-100], float32).prediction[0];
    // exp(88.7) ≈ 3.3e38 fits in float32, so the result is ≈ 3e-39 rather than 0.
    expect(low).toBeGreaterThan(2.9e-39);
    expect(low).toBeLessThan(3.1e-39);
  });
});

describe('predicted class', () => {
  it('single-output double sigmoid: class 1 iff the margin is positive (Spark GBT rule)', () => {
    const result = compileModel(modelOf([leaf([1e-17])], { transform: { kind: 'sigmoid', scale: 2 }, task: 'binary' })).predictRow([0, 0]);
    expect(result.prediction).toEqual([0.5]);
    expect(result.predictedClass).toBe(1);
  });
  it('single-output float32 sigmoid: class 1 iff P > 0.5 (XGBClassifier)', () => {
    const model = modelOf([leaf([1e-9])], { transform: { kind: 'sigmoid', scale: 1 }, task: 'binary', arithmetic: { input: 'float32', accumulate: 'float32' } });
    const result = compileModel(model).predictRow([0, 0]);
    expect(result.prediction).toEqual([0.5]);
    expect(result.predictedClass).toBe(0);
  });
  it('regression has no class', () => {
    const compiled = compileModel(modelOf([leaf([3])]));
    expect(compiled.predictRow([0, 0]).predictedClass).toBeUndefined();
    expect(compiled.predictBatch(Float64Array.of(0, 0), 1).predictedClass[0]).toBe(-1);
  });
});

describe('paths and rows', () => {
  it('paths list IR node ids from the root to the leaf, and short rows read as missing', () => {
    const nodes: TreeNode[] = [
      { type: 'split', id: 0, sourceId: 0, depth: 0, parent: -1, feature: 0, split: { kind: 'numeric', op: '<=', threshold: 0, missing: { mode: 'default', defaultLeft: false } }, left: 1, right: 2 },
      { type: 'leaf', id: 1, sourceId: 5, depth: 1, parent: 0, value: [1] },
      { type: 'split', id: 2, sourceId: 1, depth: 1, parent: 0, feature: 1, split: { kind: 'numeric', op: '<=', threshold: 0, missing: { mode: 'default', defaultLeft: true } }, left: 3, right: 4 },
      { type: 'leaf', id: 3, sourceId: 6, depth: 2, parent: 2, value: [2] },
      { type: 'leaf', id: 4, sourceId: 7, depth: 2, parent: 2, value: [3] },
    ];
    const model = modelOf([nodes]);
    const compiled = compileModel(model);
    const result = compiled.predictRow([1, 5], { paths: true });
    expect(result.paths).toEqual([[0, 2, 4]]);
    expect(result.leaves).toEqual([7]);
    expect(result.leafNodes).toEqual([4]);
    expect(predictPath(model, 0, [1, 5])).toEqual([0, 2, 4]);
    // x1 absent → NaN → default left.
    expect(compiled.predictRow([1]).leaves).toEqual([6]);
    expect(compiled.predictBatch(Float64Array.of(1, 5, -1, 0), 2, { leafNodes: true }).leafNodes).toEqual(Int32Array.of(4, 1));
  });

  it('rejects an IR whose tree adds to an output the model does not have', () => {
    const model = modelOf([stump({ kind: 'numeric', op: '<=', threshold: 0, missing: { mode: 'compare' } }, [1, 2], 0)]);
    model.trees[0].outputIndex = 3;
    expect(() => compileModel(model)).toThrow(/output 3/);
  });
});

describe('batch walkers agree with the IR walk', () => {
  /** A random tree: balanced-ish (`lopsided` = false) or a long chain; numeric splits of every kind, optionally categorical. */
  function randomTree(next: () => number, depth: number, lopsided: boolean, withCategorical: boolean, float32: boolean): TreeNode[] {
    const nodes: TreeNode[] = [];
    const grow = (level: number): number => {
      const id = nodes.length;
      const stop = level >= depth || (level > 0 && next() < (lopsided ? 0.45 : 0.12));
      if (stop) {
        nodes.push({ type: 'leaf', id, sourceId: 1000 + id, depth: 0, parent: -1, value: [Math.round(next() * 1000) / 100] });
        return id;
      }
      const feature = Math.floor(next() * 4);
      let split: Split;
      const pick = next();
      if (withCategorical && pick < 0.2) {
        split = { kind: 'categorical', categories: [0, 2, 3].filter(() => next() < 0.6), inSetGoes: next() < 0.5 ? 'left' : 'right', missingGoes: next() < 0.5 ? 'left' : 'right', match: 'truncate' };
      } else {
        const modes: NumericMissing[] = [
          { mode: 'default', defaultLeft: next() < 0.5 },
          { mode: 'compare' },
          { mode: 'asZero' },
          // `zero` mode and `< −∞` need the general walk; keep them to the mixed model.
          ...(withCategorical ? [{ mode: 'zero' as const, defaultLeft: next() < 0.5 }] : []),
        ];
        const thresholds = [0, -0.5, 0.5, 1.25, Infinity, Math.fround(0.1), ...(withCategorical ? [-Infinity] : [])];
        const threshold = thresholds[Math.floor(next() * thresholds.length)];
        split = { kind: 'numeric', op: float32 ? '<' : next() < 0.5 ? '<=' : '<', threshold, missing: modes[Math.floor(next() * modes.length)] };
      }
      nodes.push({ type: 'split', id, sourceId: id, depth: 0, parent: -1, feature, split, left: -1, right: -1 });
      const node = nodes[id] as Extract<TreeNode, { type: 'split' }>;
      node.left = grow(level + 1);
      node.right = grow(level + 1);
      return id;
    };
    grow(0);
    return nodes;
  }

  const specials = [NaN, 0, -0, 0.5, -0.5, 0.1, Math.fround(0.1), 1.25, Infinity, -Infinity, 1e-36, 2, 3.7];
  for (const [label, lopsided, withCategorical, float32] of [
    ['balanced numeric (complete-tree walk)', false, false, true],
    ['lopsided numeric (lock-step walk)', true, false, false],
    ['mixed with categorical (general walk)', false, true, false],
  ] as const) {
    it(label, () => {
      const next = random(label.length * 7919);
      const trees = Array.from({ length: 12 }, () => randomTree(next, lopsided ? 9 : 5, lopsided, withCategorical, float32));
      const model = modelOf(trees, {
        numFeatures: 4,
        arithmetic: float32 ? { input: 'float32', accumulate: 'float32' } : { input: 'float64', accumulate: 'float64' },
      });
      const compiled = compileModel(model);
      const rows = 1003; // not a multiple of 4 or 8: the remainder loops run too
      const values = new Float64Array(rows * 4).map(() => (next() < 0.5 ? specials[Math.floor(next() * specials.length)] : (next() - 0.5) * 6));
      const batch = compiled.predictBatch(values, rows, { leafNodes: true });
      const problems: string[] = [];
      for (let r = 0; r < rows; r++) {
        const row = values.subarray(r * 4, r * 4 + 4);
        let raw = float32 ? 0 : 0;
        for (let t = 0; t < trees.length; t++) {
          const leafId = predictPath(model, t, row).at(-1)!;
          if (batch.leafNodes![r * trees.length + t] !== leafId && problems.length < 5) problems.push(`row ${r} tree ${t}`);
          const value = (model.trees[t].nodes[leafId] as LeafNode).value[0];
          raw = float32 ? Math.fround(raw + value) : raw + value;
        }
        if (!Object.is(batch.raw[r], raw) && problems.length < 5) problems.push(`row ${r} raw ${batch.raw[r]} vs ${raw}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
