import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../eval/index';
import { REFERENCE_DIR } from '../testing/shared';
import { prepareAttribution, pathContributions, sortedContributions, type AttributionModel } from './contributions';
import { treeShapContributions } from './treeShap';
import { loadModel, parseNumberCsv, rowsForModel } from './models.testkit';

const readNumberCsv = (path: string) => parseNumberCsv(readFileSync(path, 'utf8'));

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function load(relative: string, options = {}) {
  return loadModel(readFileSync(join(REFERENCE_DIR, relative), 'utf8'), relative.split('/').pop()!, options);
}

describe('TreeSHAP against XGBoost pred_contribs', () => {
  for (const [name, outputs] of [['xgb_binary_missing', 1], ['xgb_multiclass_softprob', 3]] as const) {
    it(name, () => {
      const model = load(`${name}/model.json`);
      const prepared = prepareAttribution(model) as AttributionModel;
      expect(prepared.available).toBe(true);
      const expected = readNumberCsv(join(FIXTURES, `${name}_contribs.csv`));
      const { rows } = readNumberCsv(join(REFERENCE_DIR, name, 'input_main.csv'));
      const compiled = compileModel(model);
      const F = prepared.numFeatures;
      let worst = 0;
      expected.rows.forEach((reference, r) => {
        const shap = treeShapContributions(prepared, rows[r]);
        const raw = compiled.predictRow(rows[r]).raw;
        for (let k = 0; k < outputs; k++) {
          for (let f = 0; f < F; f++) {
            const ours = shap.values[f * outputs + k];
            const theirs = reference[expected.header.indexOf(`shap_${k}_${f}`)];
            worst = Math.max(worst, Math.abs(ours - theirs));
          }
          const bias = reference[expected.header.indexOf(`shap_${k}_bias`)];
          worst = Math.max(worst, Math.abs(shap.expected[k] - bias));
          let sum = shap.expected[k];
          for (let f = 0; f < F; f++) sum += shap.values[f * outputs + k];
          expect(Math.abs(sum - raw[k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(raw[k])));
        }
      });
      console.log(`${name}: max |TreeSHAP − XGBoost| = ${worst}`);
      expect(worst).toBeLessThan(2e-5);
    });
  }
});

describe('path attribution', () => {
  it('matches XGBoost approx_contribs (Saabas with cover-weighted node values)', () => {
    for (const [name, outputs] of [['xgb_binary_missing', 1], ['xgb_multiclass_softprob', 3]] as const) {
      const model = load(`${name}/model.json`);
      const prepared = prepareAttribution(model) as AttributionModel;
      expect(prepared.pathValueSource).toBe('weighted');
      const compiled = compileModel(model);
      const expected = readNumberCsv(join(FIXTURES, `${name}_contribs.csv`));
      const { rows } = readNumberCsv(join(REFERENCE_DIR, name, 'input_main.csv'));
      let worst = 0;
      expected.rows.forEach((reference, r) => {
        const path = pathContributions(prepared, compiled.predictRow(rows[r], { paths: true }).paths!);
        for (let k = 0; k < outputs; k++) {
          for (let f = 0; f < prepared.numFeatures; f++) {
            worst = Math.max(worst, Math.abs(path.values[f * outputs + k] - reference[expected.header.indexOf(`saabas_${k}_${f}`)]));
          }
          worst = Math.max(worst, Math.abs(path.expected[k] - reference[expected.header.indexOf(`saabas_${k}_bias`)]));
        }
      });
      console.log(`${name}: max |path attribution − XGBoost approx_contribs| = ${worst}`);
      expect(worst).toBeLessThan(2e-5);
    }
  });

  for (const name of ['lgb_binary_nan', 'lgb_multiclass_iris', 'lgb_regression_diabetes']) {
    it(`${name}: uses internal values; both methods add up to the raw score (local accuracy)`, () => {
      const model = load(`${name}/model.txt`);
      const compiled = compileModel(model);
      const prepared = prepareAttribution(model) as AttributionModel;
      expect(prepared.available).toBe(true);
      expect(prepared.pathValueSource).toBe('internal');
      expect(prepared.treeShapUnavailable).toBeUndefined();
      const weighted = prepareAttribution(model, { nodeValues: 'weighted' }) as AttributionModel;
      const { rows } = readNumberCsv(join(REFERENCE_DIR, name, 'input_main.csv'));
      const K = prepared.numOutputs;
      let worstShap = 0;
      let worstPath = 0;
      for (const row of rows.slice(0, 60)) {
        const prediction = compiled.predictRow(row, { paths: true });
        const shap = treeShapContributions(prepared, row);
        const path = pathContributions(prepared, prediction.paths!);
        const pathWeighted = pathContributions(weighted, prediction.paths!);
        for (let k = 0; k < K; k++) {
          const sums = [shap, path, pathWeighted].map((c) => {
            let sum = c.expected[k];
            for (let f = 0; f < c.numFeatures; f++) sum += c.values[f * K + k];
            return Math.abs(sum - prediction.raw[k]) / Math.max(1, Math.abs(prediction.raw[k]));
          });
          worstShap = Math.max(worstShap, sums[0]);
          worstPath = Math.max(worstPath, sums[1], sums[2]);
          // TreeSHAP and weighted path attribution share their expected value: the count-weighted mean.
          expect(shap.expected[k]).toBeCloseTo(pathWeighted.expected[k], 9);
        }
      }
      console.log(`${name}: local accuracy, max relative |expected + Σφ − raw|: TreeSHAP ${worstShap}, path ${worstPath}`);
      expect(worstShap).toBeLessThan(1e-9);
      expect(worstPath).toBeLessThan(1e-9);
    });
  }

  it('scikit-learn show_weights tree: class distributions, exact local accuracy', () => {
    const model = load('skl_dtc_iris/tree.txt');
    const compiled = compileModel(model);
    const prepared = prepareAttribution(model) as AttributionModel;
    expect(prepared.available).toBe(true);
    // The root's value is the class balance of the training set: 50/50/50.
    const rows = rowsForModel(model, readFileSync(join(REFERENCE_DIR, 'skl_dtc_iris', 'input_main.csv'), 'utf8'));
    for (const row of rows) {
      const prediction = compiled.predictRow(row, { paths: true });
      for (const c of [treeShapContributions(prepared, row), pathContributions(prepared, prediction.paths!)]) {
        for (let k = 0; k < 3; k++) {
          expect(c.expected[k]).toBeCloseTo(1 / 3, 12);
          let sum = c.expected[k];
          for (let f = 0; f < c.numFeatures; f++) sum += c.values[f * 3 + k];
          expect(sum).toBeCloseTo(prediction.raw[k], 12);
        }
      }
    }
  });

  it('says why when the dump has no statistics', () => {
    const xgboostPlain = prepareAttribution(load('xgb_binary_missing/model.dump.txt', { objective: 'binary:logistic', baseScore: 0.5 }));
    // The reference text dump was written with stats; strip them to get the plain form.
    expect(xgboostPlain.available).toBe(true);
    const text = readFileSync(join(REFERENCE_DIR, 'xgb_binary_missing/model.dump.txt'), 'utf8').replace(/,gain=[^,\n]*|,cover=[^,\n]*/g, '');
    const plain = prepareAttribution(loadModel(text, 'plain.txt', { objective: 'binary:logistic', baseScore: 0.5 }));
    expect(plain.available).toBe(false);
    if (!plain.available) expect(plain.reason).toMatch(/neither internal node values nor training counts\/covers.*with_stats=True/);
    const spark = prepareAttribution(loadModel(readFileSync(join(REFERENCE_DIR, '..', 'corpus', 'spark', 'mllib_dt_banknote_depth5.txt'), 'utf8'), 'banknote.txt'));
    expect(spark.available).toBe(false);
  });

  it('sorts bars by magnitude and drops zeros', () => {
    const model = load('lgb_regression_diabetes/model.txt');
    const prepared = prepareAttribution(model) as AttributionModel;
    const { rows } = readNumberCsv(join(REFERENCE_DIR, 'lgb_regression_diabetes', 'input_main.csv'));
    const bars = sortedContributions(treeShapContributions(prepared, rows[0]), 0, model);
    expect(bars.length).toBeGreaterThan(3);
    for (let i = 1; i < bars.length; i++) expect(Math.abs(bars[i - 1].value)).toBeGreaterThanOrEqual(Math.abs(bars[i].value));
    expect(bars.every((bar) => bar.value !== 0 && bar.name === model.features[bar.feature].name)).toBe(true);
  });
});

describe('categorical splits', () => {
  it('LightGBM airline (categorical bitsets): TreeSHAP and path attribution add up to the raw score', () => {
    const model = loadModel(readFileSync(join(REFERENCE_DIR, '..', 'corpus', 'lightgbm', 'lleaves_airline_binary_categorical_v3.txt'), 'utf8'), 'airline.txt');
    const compiled = compileModel(model);
    const prepared = prepareAttribution(model) as AttributionModel;
    expect(prepared.available).toBe(true);
    const categorical = new Set<number>();
    const codes = new Map<number, number[]>();
    for (const tree of model.trees) {
      for (const node of tree.nodes) {
        if (node.type === 'split' && node.split.kind === 'categorical') {
          categorical.add(node.feature);
          codes.set(node.feature, [...(codes.get(node.feature) ?? []), ...node.split.categories]);
        }
      }
    }
    expect(categorical.size).toBeGreaterThan(0);
    let seed = 3;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let touched = 0;
    for (let r = 0; r < 25; r++) {
      const row = Array.from({ length: prepared.numFeatures }, (_, f) => {
        const options = codes.get(f);
        return options ? options[Math.floor(random() * options.length)] : random() * 2000;
      });
      const prediction = compiled.predictRow(row, { paths: true });
      for (const c of [treeShapContributions(prepared, row), pathContributions(prepared, prediction.paths!)]) {
        let sum = c.expected[0];
        for (let f = 0; f < c.numFeatures; f++) sum += c.values[f];
        expect(Math.abs(sum - prediction.raw[0])).toBeLessThan(1e-9 * Math.max(1, Math.abs(prediction.raw[0])));
        for (const f of categorical) if (c.values[f] !== 0) touched++;
      }
    }
    expect(touched).toBeGreaterThan(0);
  });
});
