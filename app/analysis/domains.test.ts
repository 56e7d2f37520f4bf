import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Split, TreeModel, TreeNode } from '../model/types';
import { CORPUS_DIR, REFERENCE_DIR } from '../testing/shared';
import { featureDomains, sliderRange } from './domains';
import { loadModel } from './models.testkit';
import { nextDown, nextDownFloat32, nextUp, nextUpFloat32, thresholdSides } from './numbers';

describe('neighbouring floats', () => {
  it('steps one double or one float32 at a time', () => {
    expect(nextUp(1)).toBe(1 + 2 ** -52);
    expect(nextDown(1)).toBe(1 - 2 ** -53);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(nextUp(-Number.MIN_VALUE)).toBe(-0);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(nextUpFloat32(1)).toBe(1 + 2 ** -23);
    expect(nextDownFloat32(1)).toBe(1 - 2 ** -24);
    expect(nextUpFloat32(0)).toBe(2 ** -149);
    expect(nextDownFloat32(-(2 ** -149))).toBe(-(2 ** -148));
  });

  it('finds the inputs just on either side of a threshold, as each library compares', () => {
    // Double `<=` (LightGBM, Spark): t itself goes left.
    expect(thresholdSides({ op: '<=', threshold: 0.5 }, false)).toEqual({ left: 0.5, right: nextUp(0.5) });
    // Double `<`: t goes right.
    expect(thresholdSides({ op: '<', threshold: 0.5 }, false)).toEqual({ left: nextDown(0.5), right: 0.5 });
    // XGBoost: float32 input, `<` against a float32 threshold.
    const t32 = Math.fround(0.1);
    expect(thresholdSides({ op: '<', threshold: t32 }, true)).toEqual({ left: nextDownFloat32(t32), right: t32 });
    // scikit-learn: float32 input, `<=` against a float64 threshold that is not a float32.
    const sides = thresholdSides({ op: '<=', threshold: 0.1 }, true);
    for (const [value, isLeft] of [[sides.left!, true], [sides.right!, false]] as const) {
      expect(Math.fround(value)).toBe(value);
      expect(Math.fround(value) <= 0.1).toBe(isLeft);
    }
    expect(nextUpFloat32(sides.left!)).toBe(sides.right);
    expect(thresholdSides({ op: '<=', threshold: Infinity }, false)).toEqual({ left: undefined, right: undefined });
  });
});

function numericSplit(threshold: number): Split {
  return { kind: 'numeric', op: '<=', threshold, missing: { mode: 'compare' } };
}

/** A one-tree model whose splits are given as (feature, split) pairs chained down the left side. */
function chain(splits: [number, Split][], features: TreeModel['features']): TreeModel {
  const nodes: TreeNode[] = [];
  splits.forEach(([feature, split], i) => {
    nodes.push({ type: 'split', id: 2 * i, sourceId: 2 * i, depth: i, parent: i === 0 ? -1 : 2 * (i - 1), feature, split, left: 2 * i + 2, right: 2 * i + 1 });
    nodes.push({ type: 'leaf', id: 2 * i + 1, sourceId: 2 * i + 1, depth: i + 1, parent: 2 * i, value: [i] });
  });
  nodes.push({ type: 'leaf', id: 2 * splits.length, sourceId: 2 * splits.length, depth: splits.length, parent: 2 * splits.length - 2, value: [-1] });
  return {
    format: 'lightgbm', variant: 'hand-made', fileName: 'chain', task: 'regression', objective: 'regression', features, numOutputs: 1,
    trees: [{ index: 0, outputIndex: 0, weight: 1, nodes }], aggregation: { kind: 'sum', base: [0] }, transform: { kind: 'identity' },
    arithmetic: { input: 'float64', accumulate: 'float64' }, assumptions: {}, warnings: [], metadata: {},
  };
}

describe('featureDomains', () => {
  it('collects sorted distinct thresholds, infinite ones apart, and categories with labels', () => {
    const model = chain(
      [
        [0, numericSplit(2)],
        [0, numericSplit(-1)],
        [0, numericSplit(2)],
        [0, numericSplit(Infinity)],
        [1, numericSplit(5)],
        [2, { kind: 'categorical', categories: [3, 1], inSetGoes: 'left', missingGoes: 'right', match: 'truncate' }],
        [2, { kind: 'categorical', categories: [0], inSetGoes: 'left', missingGoes: 'right', match: 'truncate' }],
      ],
      [
        { index: 0, name: 'a', isNamed: true, kind: 'numeric' },
        { index: 1, name: 'b', isNamed: true, kind: 'numeric', trainingRange: { min: 0, max: 20 } },
        { index: 2, name: 'colour', isNamed: true, kind: 'categorical', categoryLabels: ['red', 'green', 'blue'] },
        { index: 3, name: 'unused', isNamed: true, kind: 'numeric' },
      ],
    );
    const [a, b, colour, unused] = featureDomains(model);
    expect(a.thresholds).toEqual([-1, 2]);
    expect(a.infiniteThresholds).toBe(1);
    expect(a.splitCount).toBe(4);
    expect([a.min, a.max]).toEqual([-1 - 0.3, 2 + 0.3]);
    // The training range widens the span: [0, 20] plus 10%.
    expect([b.min, b.max]).toEqual([-2, 22]);
    expect(colour.kind).toBe('categorical');
    expect(colour.categories).toEqual([
      { code: 0, label: 'red' },
      { code: 1, label: 'green' },
      { code: 3, label: '3' },
    ]);
    expect(unused).toMatchObject({ thresholds: [], splitCount: 0, min: 0, max: 1 });
  });

  it('gives a lone threshold a margin and stays finite at the ends of the double range', () => {
    expect(sliderRange([5])).toEqual({ min: 4, max: 6 });
    expect(sliderRange([50])).toEqual({ min: 45, max: 55 });
    expect(sliderRange([0])).toEqual({ min: -1, max: 1 });
    const huge = sliderRange([-Number.MAX_VALUE, Number.MAX_VALUE]);
    expect(Number.isFinite(huge.min) && Number.isFinite(huge.max) && huge.min < huge.max).toBe(true);
    const top = sliderRange([Number.MAX_VALUE]);
    expect(Number.isFinite(top.min) && Number.isFinite(top.max) && top.min < top.max).toBe(true);
  });

  it('covers every threshold of real models', () => {
    for (const [relative, options] of [
      ['lgb_binary_nan/model.txt', {}],
      ['xgb_binary_missing/model.json', {}],
      ['skl_dtc_iris/tree.txt', {}],
    ] as const) {
      const model = loadModel(readFileSync(join(REFERENCE_DIR, relative), 'utf8'), relative, options);
      const domains = featureDomains(model);
      let thresholds = 0;
      for (const tree of model.trees) {
        for (const node of tree.nodes) {
          if (node.type !== 'split' || node.split.kind !== 'numeric' || !Number.isFinite(node.split.threshold)) continue;
          thresholds++;
          const domain = domains[node.feature];
          expect(domain.thresholds).toContain(node.split.threshold);
          expect(domain.min).toBeLessThan(node.split.threshold);
          expect(domain.max).toBeGreaterThan(node.split.threshold);
        }
      }
      expect(thresholds).toBeGreaterThan(5);
      for (const domain of domains) for (let i = 1; i < domain.thresholds.length; i++) expect(domain.thresholds[i]).toBeGreaterThan(domain.thresholds[i - 1]);
    }
  });

  it('lists the categories of a real categorical LightGBM model', () => {
    const model = loadModel(readFileSync(join(CORPUS_DIR, 'lightgbm/lleaves_airline_binary_categorical_v3.txt'), 'utf8'), 'airline.txt');
    const domains = featureDomains(model);
    const categorical = domains.filter((domain) => domain.categories.length > 0);
    expect(categorical.length).toBeGreaterThan(0);
    for (const domain of categorical) {
      const codes = domain.categories.map((category) => category.code);
      expect(codes).toEqual([...codes].sort((x, y) => x - y));
    }
  });
});
