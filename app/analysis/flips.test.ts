import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel, predictPath } from '../eval/index';
import type { CompiledModel } from '../eval/types';
import type { TreeModel } from '../model/types';
import { CORPUS_DIR, REFERENCE_DIR } from '../testing/shared';
import { featureDomains } from './domains';
import { findFlips, type FeatureFlip } from './flips';
import { loadModel, rowsForModel } from './models.testkit';
import { nextDown, nextDownFloat32, nextUp, nextUpFloat32 } from './numbers';

function load(path: string, options = {}): TreeModel {
  return loadModel(readFileSync(path, 'utf8'), path.split('/').pop()!, options);
}

function rowsOf(model: TreeModel, path: string, count: number): number[][] {
  return rowsForModel(model, readFileSync(path, 'utf8'), count);
}

/** The outcome a flip is about: the class, or the side of `target`. */
function outcome(compiled: CompiledModel, row: ArrayLike<number>, target?: number): number | boolean | undefined {
  const prediction = compiled.predictRow(row);
  return target === undefined ? prediction.predictedClass : prediction.prediction[0] >= target;
}

/**
 * Independent checks of one flip: the new value changes the outcome; the value one step back
 * towards the current value (one double, or one float32 for float32 models) does not, so `to` sits
 * exactly on a boundary; and no sampled value of that feature closer to the current value flips.
 */
function checkFlip(model: TreeModel, compiled: CompiledModel, row: number[], flip: FeatureFlip, target?: number): void {
  const before = outcome(compiled, row, target);
  const changed = [...row];
  changed[flip.feature] = flip.to;
  expect(outcome(compiled, changed, target)).not.toBe(before);
  expect(target === undefined ? flip.prediction.predictedClass : flip.prediction.prediction[0] >= target).toBe(outcome(compiled, changed, target));
  // The evaluator agrees with a plain walk over the IR for the changed row.
  for (let t = 0; t < model.trees.length; t += 7) expect(predictPath(model, t, changed).at(-1)).toBe(flip.prediction.leafNodes[t]);
  if (flip.kind !== 'numeric') return;
  const isFloat32 = model.arithmetic.input === 'float32';
  const towards = flip.to > flip.from ? (isFloat32 ? nextDownFloat32 : nextDown) : isFloat32 ? nextUpFloat32 : nextUp;
  const back = towards(flip.to);
  if (back !== flip.from && (flip.to > flip.from ? back > flip.from : back < flip.from)) {
    changed[flip.feature] = back;
    expect(outcome(compiled, changed, target)).toBe(before);
  }
  for (let i = 1; i < 64; i++) {
    changed[flip.feature] = flip.from + ((flip.to - flip.from) * i) / 64;
    expect(outcome(compiled, changed, target)).toBe(before);
  }
}

/** Brute force over a dense sample of each feature: no flip with a smaller relative change than the best. */
function checkNothingCloser(model: TreeModel, compiled: CompiledModel, row: number[], best: FeatureFlip | undefined, target?: number): void {
  const domains = featureDomains(model);
  const before = outcome(compiled, row, target);
  for (const domain of domains) {
    if (domain.kind !== 'numeric' || Number.isNaN(row[domain.feature]) || domain.thresholds.length === 0) continue;
    const span = domain.max - domain.min;
    const limit = best ? best.relativeChange * span : span;
    const changed = [...row];
    for (let i = 1; i <= 40; i++) {
      for (const sign of [-1, 1]) {
        changed[domain.feature] = row[domain.feature] + (sign * limit * i) / 41;
        expect(outcome(compiled, changed, target)).toBe(before);
      }
    }
  }
}

describe('findFlips', () => {
  it('LightGBM binary (double <=): the class changes exactly at the reported value', () => {
    const model = load(join(REFERENCE_DIR, 'lgb_binary_nan/model.txt'));
    const compiled = compileModel(model);
    let found = 0;
    for (const row of rowsOf(model, join(REFERENCE_DIR, 'lgb_binary_nan/input_main.csv'), 12)) {
      const search = findFlips(model, compiled, row);
      const quick = findFlips(model, compiled, row, { scope: 'best' });
      expect(quick.best?.feature).toBe(search.best?.feature);
      expect(quick.best?.to).toBe(search.best?.to);
      // Candidates go in chunks of 64, so `best` may score up to one chunk more than it strictly needs.
      expect(quick.evaluations).toBeLessThanOrEqual(search.evaluations + 64);
      expect(search.criterion).toBe('class');
      expect(search.isExact).toBe(true);
      for (const flip of search.perFeature.slice(0, 4)) checkFlip(model, compiled, row, flip);
      checkNothingCloser(model, compiled, row, search.best);
      if (search.best) found++;
      // Features whose value is missing are skipped, with the reason.
      for (let f = 0; f < row.length; f++) if (Number.isNaN(row[f])) expect(search.skipped.some((skip) => skip.feature === f)).toBe(true);
    }
    expect(found).toBeGreaterThan(8);
  });

  it('XGBoost binary (float32 <): the reported value is a float32 right at the boundary', () => {
    const model = load(join(REFERENCE_DIR, 'xgb_binary_missing/model.json'));
    const compiled = compileModel(model);
    for (const row of rowsOf(model, join(REFERENCE_DIR, 'xgb_binary_missing/input_main.csv'), 8)) {
      const search = findFlips(model, compiled, row);
      for (const flip of search.perFeature.slice(0, 4)) {
        expect(Math.fround(flip.to)).toBe(flip.to);
        checkFlip(model, compiled, row, flip);
      }
      checkNothingCloser(model, compiled, row, search.best);
    }
  });

  it('scikit-learn iris (float32 input, float64 <= thresholds) and multiclass LightGBM', () => {
    for (const folder of ['skl_dtc_iris', 'lgb_multiclass_iris']) {
      const file = folder === 'skl_dtc_iris' ? 'tree.txt' : 'model.txt';
      const model = load(join(REFERENCE_DIR, folder, file));
      const compiled = compileModel(model);
      const rows = rowsOf(model, join(REFERENCE_DIR, folder, 'input_main.csv'), 150).filter((_, i) => i % 10 === 3);
      let found = 0;
      for (const row of rows) {
        const search = findFlips(model, compiled, row);
        // A confident row may have no single-feature flip; the brute force below then checks that claim.
        if (search.best) found++;
        for (const flip of search.perFeature) checkFlip(model, compiled, row, flip);
        checkNothingCloser(model, compiled, row, search.best);
      }
      expect(found).toBeGreaterThan(rows.length / 2);
    }
  });

  it('regression: crosses the value the user gives, and asks for one when it is missing', () => {
    const model = load(join(REFERENCE_DIR, 'lgb_regression_diabetes/model.txt'));
    const compiled = compileModel(model);
    const [row] = rowsOf(model, join(REFERENCE_DIR, 'lgb_regression_diabetes/input_main.csv'), 1);
    expect(() => findFlips(model, compiled, row)).toThrow(/target/);
    const current = compiled.predictRow(row).prediction[0];
    for (const target of [current + 20, current - 20]) {
      const search = findFlips(model, compiled, row, { target });
      const quick = findFlips(model, compiled, row, { target, scope: 'best' });
      expect([quick.best?.feature, quick.best?.to]).toEqual([search.best?.feature, search.best?.to]);
      expect(search.criterion).toBe('threshold');
      expect(search.best).toBeDefined();
      for (const flip of search.perFeature.slice(0, 5)) checkFlip(model, compiled, row, flip, target);
      checkNothingCloser(model, compiled, row, search.best, target);
    }
  });

  it('categorical splits: tries each split category and one no split holds', () => {
    const model = load(join(CORPUS_DIR, 'spark/ml_dt_classifier_spark2x_categorical_with_prefix_line.txt'));
    const compiled = compileModel(model);
    const categorical = new Set<number>();
    for (const node of model.trees[0].nodes) if (node.type === 'split' && node.split.kind === 'categorical') categorical.add(node.feature);
    expect(categorical.size).toBeGreaterThan(0);
    // Rows that follow the tree's own paths: start from zeros and flip categorical features on.
    let categoricalFlips = 0;
    for (let seed = 0; seed < 40; seed++) {
      const row = Array.from({ length: compiled.numFeatures }, (_, f) => (categorical.has(f) ? (seed >> f % 5) & 1 : ((seed * 37 + f * 11) % 17) * 40));
      const search = findFlips(model, compiled, row);
      const quick = findFlips(model, compiled, row, { scope: 'best' });
      expect([quick.best?.feature, quick.best?.to]).toEqual([search.best?.feature, search.best?.to]);
      for (const flip of search.perFeature) {
        checkFlip(model, compiled, row, flip);
        if (flip.kind === 'categorical') {
          categoricalFlips++;
          expect(flip.relativeChange).toBe(1);
          expect(Number.isNaN(flip.change)).toBe(true);
        }
      }
    }
    expect(categoricalFlips).toBeGreaterThan(0);
  });
});
