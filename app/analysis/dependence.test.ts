import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../eval/index';
import { CORPUS_DIR, REFERENCE_DIR } from '../testing/shared';
import { dependenceCurve } from './dependence';
import { featureDomains } from './domains';
import { loadModel, rowsForModel } from './models.testkit';

describe('dependenceCurve', () => {
  for (const [relative, label] of [
    ['lgb_regression_diabetes/model.txt', 'double <='],
    ['xgb_binary_missing/model.json', 'float32 <'],
  ] as const) {
    it(`${relative} (${label}): every point is the evaluator's value and the steps are exact`, () => {
      const model = loadModel(readFileSync(join(REFERENCE_DIR, relative), 'utf8'), relative);
      const compiled = compileModel(model);
      const [row] = rowsForModel(model, readFileSync(join(REFERENCE_DIR, relative.split('/')[0], 'input_main.csv'), 'utf8'), 1);
      const domains = featureDomains(model);
      const feature = domains.reduce((best, domain) => (domain.thresholds.length > domains[best].thresholds.length ? domain.feature : best), 0);
      const curve = dependenceCurve(model, compiled, row, feature, { domain: domains[feature] });
      expect(curve.isStepwise).toBe(true);
      expect(curve.x.length).toBeGreaterThanOrEqual(200 + domains[feature].thresholds.length);
      expect(curve.x[0]).toBe(domains[feature].min);
      expect(curve.x[curve.x.length - 1]).toBe(domains[feature].max);
      const changed = [...row];
      const at = (value: number) => {
        changed[feature] = value;
        return compiled.predictRow(changed).raw[0];
      };
      for (let i = 0; i < curve.x.length; i++) {
        expect(i === 0 || curve.x[i] > curve.x[i - 1]).toBe(true);
        if (i % 5 === 0) expect(curve.raw[i]).toBe(at(curve.x[i]));
      }
      // Between two consecutive points there is no cut: any value takes the value of the point on its left.
      let seed = 7;
      for (let trial = 0; trial < 300; trial++) {
        seed = (seed * 48271) % 2147483647;
        const value = curve.x[0] + ((curve.x[curve.x.length - 1] - curve.x[0]) * seed) / 2147483647;
        let i = 0;
        while (i + 1 < curve.x.length && curve.x[i + 1] <= value) i++;
        expect(at(value)).toBe(curve.raw[i]);
      }
      console.log(`${relative}: feature ${domains[feature].name}, ${domains[feature].thresholds.length} thresholds, ${curve.x.length} points`);
    });
  }

  it('categorical features sweep the split categories and one no split holds', () => {
    const model = loadModel(readFileSync(join(CORPUS_DIR, 'spark/ml_dt_classifier_spark2x_categorical_with_prefix_line.txt'), 'utf8'), 'spark.txt');
    const compiled = compileModel(model);
    const feature = model.trees[0].nodes.find((node) => node.type === 'split' && node.split.kind === 'categorical')!;
    if (feature.type !== 'split' || feature.split.kind !== 'categorical') throw new Error('unreachable');
    const row = new Array(compiled.numFeatures).fill(0);
    const curve = dependenceCurve(model, compiled, row, feature.feature);
    expect(curve.kind).toBe('categorical');
    for (const category of feature.split.categories) expect(Array.from(curve.x)).toContain(category);
    expect(curve.x.length).toBeGreaterThan(feature.split.categories.length);
    curve.x.forEach((value, i) => {
      const changed = [...row];
      changed[feature.feature] = value;
      expect(curve.predictedClass[i]).toBe(compiled.predictRow(changed).predictedClass);
    });
  });

  it('rejects a feature the model does not have', () => {
    const model = loadModel(readFileSync(join(REFERENCE_DIR, 'skl_dtc_iris/tree.txt'), 'utf8'), 'tree.txt');
    expect(() => dependenceCurve(model, compileModel(model), [1, 2, 3], 9)).toThrow(/feature 9 does not exist/);
  });
});
