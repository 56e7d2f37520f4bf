/**
 * The forest view's figures against independent oracles:
 * - the running raw score after the last tree is the library's own margin (../shared/reference);
 * - after k trees it is XGBoost's `predict(…, iteration_range=(0, k))` (Debian's xgboost 1.7.4, run
 *   here), and for LightGBM (no Python package here) the sum of the leaf values LightGBM itself
 *   reached (`expected_*_leaf.csv`, values read from model.txt's `leaf_value=` lines in this test);
 * - the metric curves are scikit-learn's `log_loss` / `roc_auc_score` on XGBoost's truncated
 *   predictions, and RMSE from the direct LightGBM sums;
 * - the feature × tree matrix and traffic shares against brute-force counts over decision paths.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileModel } from '../eval';
import { parsePackedModel } from '../formats';
import { viewOfPacked } from '../model/modelView';
import type { PackedModel } from '../model/packed';
import { summarizeModel } from '../model/tree';
import { REFERENCE_DIR, readCorpus } from '../testing/shared';
import { parseNumberCsv } from './models.testkit';
import { featureTreeMatrix, featureTreeTraffic, forestFacts, metricsByTrees, scoreByTrees, topTrees } from './forest';
import { computeMetrics } from './metrics';
import { nodeTraffic, trafficPlan } from './traffic';

const PYTHON = '/usr/bin/python3';

const readNumberCsv = (path: string) => parseNumberCsv(readFileSync(path, 'utf8'));

interface Case {
  name: string;
  file: string;
  exact: boolean;
}

const CASES: Case[] = [
  { name: 'lgb_binary_nan', file: 'model.txt', exact: false },
  { name: 'lgb_multiclass_iris', file: 'model.txt', exact: false },
  { name: 'lgb_regression_diabetes', file: 'model.txt', exact: false },
  { name: 'xgb_binary_missing', file: 'model.json', exact: true },
  { name: 'xgb_multiclass_softprob', file: 'model.json', exact: true },
];

const casePath = (name: string, file: string) => join(REFERENCE_DIR, name, file);

function loadCase(name: string, file: string): PackedModel {
  return parsePackedModel(readFileSync(casePath(name, file), 'utf8'), file);
}

/** Input rows in model feature order (the reference CSV headers are the model's feature names). */
function inputRows(packed: PackedModel, name: string, input: 'main' | 'edge'): number[][] {
  const { header, rows } = readNumberCsv(casePath(name, `input_${input}.csv`));
  const columns = packed.header.features.map((feature, index) => (header.indexOf(feature.name) >= 0 ? header.indexOf(feature.name) : index));
  return rows.map((row) => columns.map((column) => row[column]));
}

function close(actual: number, expected: number, exact: boolean): boolean {
  if (exact) return Object.is(actual, expected);
  return actual === expected || Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

describe('scoreByTrees', () => {
  for (const testCase of CASES) {
    for (const input of ['main', 'edge'] as const) {
      it(`${testCase.name} × ${input}: the last tree's running raw is the library's margin and the evaluator's raw`, () => {
        const packed = loadCase(testCase.name, testCase.file);
        const compiled = compileModel(packed);
        const rows = inputRows(packed, testCase.name, input);
        const expected = readNumberCsv(casePath(testCase.name, `expected_${input}_raw.csv`)).rows;
        const expectedPred = readNumberCsv(casePath(testCase.name, `expected_${input}_pred.csv`)).rows;
        const outputs = packed.header.numOutputs;
        const trees = packed.forest.treeCount;
        const problems: string[] = [];
        for (let r = 0; r < rows.length; r += 3) {
          const prediction = compiled.predictRow(rows[r]);
          const scores = scoreByTrees(packed, prediction);
          for (let j = 0; j < outputs; j++) {
            const last = scores.raw[trees * outputs + j];
            if (!Object.is(last, prediction.raw[j])) problems.push(`row ${r} raw[${j}] ${last} ≠ evaluator ${prediction.raw[j]}`);
            if (!close(last, expected[r][j], testCase.exact)) problems.push(`row ${r} raw[${j}] ${last} ≠ library ${expected[r][j]}`);
          }
          for (let j = 0; j < scores.predictionWidth; j++) {
            const last = scores.prediction[trees * scores.predictionWidth + j];
            if (!Object.is(last, prediction.prediction[j])) problems.push(`row ${r} prediction[${j}] ${last} ≠ evaluator ${prediction.prediction[j]}`);
            if (!close(last, expectedPred[r][j], testCase.exact)) problems.push(`row ${r} prediction[${j}] ${last} ≠ library ${expectedPred[r][j]}`);
          }
          if (problems.length > 10) break;
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('skl_dtc_iris (one tree, a class distribution): the score after the tree is the library probability', () => {
    const packed = parsePackedModel(readFileSync(casePath('skl_dtc_iris', 'tree.txt'), 'utf8'), 'tree.txt');
    const compiled = compileModel(packed);
    const { header, rows } = readNumberCsv(casePath('skl_dtc_iris', 'input_main.csv'));
    const columns = packed.header.features.map((feature) => header.indexOf(feature.name));
    expect(columns.every((column) => column >= 0)).toBe(true);
    const expected = readNumberCsv(casePath('skl_dtc_iris', 'expected_main_pred.csv')).rows;
    for (let r = 0; r < rows.length; r++) {
      const prediction = compiled.predictRow(columns.map((column) => rows[r][column]));
      const scores = scoreByTrees(packed, prediction);
      expect(Array.from(scores.prediction.subarray(scores.predictionWidth))).toEqual(expected[r]);
    }
  });

  it('LightGBM random forest with average_output: the last point is the evaluator’s prediction', () => {
    // Written by LightGBM ≤ 2.2.2: the golden values are the mean of already-transformed leaves (see app/eval/golden.test.ts).
    const packed = parsePackedModel(readCorpus('lightgbm/leaves_rf_iris_binary_average_output_v2.txt'), 'rf.txt', { lightgbmLegacyRf: true });
    const compiled = compileModel(packed);
    const truth = readCorpus('lightgbm/leaves_rf_iris_binary_average_output_v2.true_predictions.txt').trim().split(/\s+/).map(Number);
    const libsvm = readCorpus('lightgbm/leaves_rf_iris_binary_average_output_v2.test.libsvm').trim().split('\n');
    const features = packed.header.features.length;
    libsvm.forEach((line, r) => {
      const values = new Array<number>(features).fill(NaN);
      for (const pair of line.trim().split(/\s+/).slice(1)) {
        const [index, value] = pair.split(':');
        values[Number(index)] = Number(value);
      }
      const prediction = compiled.predictRow(values);
      const scores = scoreByTrees(packed, prediction);
      const last = scores.prediction[packed.forest.treeCount];
      expect(last).toBe(prediction.prediction[0]);
      expect(Math.abs(last - truth[r])).toBeLessThanOrEqual(1e-12);
    });
  });
});

/** Leaf values per tree from model.txt's `leaf_value=` lines, independent of the adapter. */
function lightgbmLeafValues(text: string): number[][] {
  return [...text.matchAll(/^leaf_value=(.*)$/gm)].map((match) => match[1].trim().split(' ').map(Number));
}

describe('scoreByTrees after k trees', () => {
  for (const name of ['lgb_binary_nan', 'lgb_multiclass_iris', 'lgb_regression_diabetes']) {
    it(`${name}: every k equals the running sum of the leaf values LightGBM reached`, () => {
      const packed = loadCase(name, 'model.txt');
      const compiled = compileModel(packed);
      const leafValues = lightgbmLeafValues(readFileSync(casePath(name, 'model.txt'), 'utf8'));
      const trees = packed.forest.treeCount;
      expect(leafValues.length).toBe(trees);
      const outputs = packed.header.numOutputs;
      const rows = inputRows(packed, name, 'main');
      const leaves = readNumberCsv(casePath(name, 'expected_main_leaf.csv')).rows;
      const problems: string[] = [];
      for (let r = 0; r < Math.min(rows.length, 120); r++) {
        const scores = scoreByTrees(packed, compiled.predictRow(rows[r]));
        const direct = new Float64Array(outputs);
        for (let t = 0; t < trees; t++) {
          direct[t % outputs] += leafValues[t][leaves[r][t]];
          for (let j = 0; j < outputs; j++) {
            const running = scores.raw[(t + 1) * outputs + j];
            if (running !== direct[j] && problems.length < 10) problems.push(`row ${r} after ${t + 1} trees raw[${j}]: ${running} ≠ ${direct[j]}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  interface XgboostOracle {
    ks: number[];
    /** Per k: rows × outputs margins, then rows × outputs predictions. */
    margins: number[][][];
    predictions: number[][][];
    logLoss: number[];
    auc: number[];
  }
  const oracles = new Map<string, XgboostOracle>();
  const XGB_ROWS = 300;
  const rowsOf = (name: string) => Math.min(XGB_ROWS, readNumberCsv(casePath(name, 'input_main.csv')).rows.length);

  /** Labels the metric tests score against: mostly the predicted class, every fifth row another one (both classes present). */
  const labelsFor = (name: string, rows: number): number[] => {
    const predicted = readNumberCsv(casePath(name, 'expected_main_pred.csv')).rows;
    return Array.from({ length: rows }, (_, r) => {
      const row = predicted[r];
      const best = row.length === 1 ? (row[0] > 0.5 ? 1 : 0) : row.indexOf(Math.max(...row));
      return r % 5 === 0 ? (best + 1) % Math.max(2, row.length) : best;
    });
  };

  beforeAll(() => {
    for (const name of ['xgb_binary_missing', 'xgb_multiclass_softprob']) {
      const labels = labelsFor(name, rowsOf(name));
      const script = `
import json, sys
import numpy as np, pandas as pd, xgboost as xgb
from sklearn.metrics import log_loss, roc_auc_score
folder, rows = sys.argv[1], int(sys.argv[2])
labels = np.array(json.loads(sys.argv[3]))
booster = xgb.Booster(model_file=folder + '/model.json')
frame = pd.read_csv(folder + '/input_main.csv').iloc[:rows]
data = xgb.DMatrix(frame.to_numpy(dtype=np.float64), missing=np.nan, feature_names=booster.feature_names)
groups = int(json.load(open(folder + '/meta.json'))['num_output_groups'])
rounds = booster.num_boosted_rounds()
out = {'ks': [], 'margins': [], 'predictions': [], 'logLoss': [], 'auc': []}
for r in sorted(set([1, 2, 3, 7, rounds // 2, rounds - 1, rounds])):
    margin = booster.predict(data, output_margin=True, iteration_range=(0, r)).reshape(rows, -1)
    prob = booster.predict(data, iteration_range=(0, r)).reshape(rows, -1)
    p64 = prob.astype(np.float64)
    out['ks'].append(r * groups)
    out['margins'].append(margin.astype(np.float64).tolist())
    out['predictions'].append(p64.tolist())
    if groups == 1:
        out['logLoss'].append(float(log_loss(labels, p64[:, 0], eps=1e-15)))
        out['auc'].append(float(roc_auc_score(labels, p64[:, 0])))
    else:
        out['logLoss'].append(float(log_loss(labels, p64, eps=1e-15, labels=list(range(groups)))))
        out['auc'].append(float(roc_auc_score(labels, p64, multi_class='ovr', average='macro')))
print(json.dumps(out))
`;
      const result = spawnSync(PYTHON, ['-c', script, join(REFERENCE_DIR, name), String(rowsOf(name)), JSON.stringify(labels)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      if (result.status !== 0) throw new Error(`Debian's XGBoost (${PYTHON}) could not make the iteration_range oracle: ${result.error?.message ?? result.stderr}`);
      oracles.set(name, JSON.parse(result.stdout) as XgboostOracle);
    }
  }, 120_000);

  for (const name of ['xgb_binary_missing', 'xgb_multiclass_softprob']) {
    it(`${name}: after k trees, XGBoost's own iteration_range margin and prediction, bit for bit`, () => {
      const oracle = oracles.get(name)!;
      const packed = loadCase(name, 'model.json');
      const compiled = compileModel(packed);
      const outputs = packed.header.numOutputs;
      const rows = inputRows(packed, name, 'main').slice(0, XGB_ROWS);
      const problems: string[] = [];
      rows.forEach((row, r) => {
        const scores = scoreByTrees(packed, compiled.predictRow(row));
        oracle.ks.forEach((k, index) => {
          for (let j = 0; j < outputs; j++) {
            const margin = scores.raw[k * outputs + j];
            const probability = scores.prediction[k * outputs + j];
            if (!Object.is(margin, oracle.margins[index][r][j]) && problems.length < 10) problems.push(`row ${r} k=${k} margin[${j}] ${margin} ≠ ${oracle.margins[index][r][j]}`);
            if (!Object.is(probability, oracle.predictions[index][r][j]) && problems.length < 10) problems.push(`row ${r} k=${k} prediction[${j}] ${probability} ≠ ${oracle.predictions[index][r][j]}`);
          }
        });
      });
      expect(problems).toEqual([]);
    });

    it(`${name}: the log loss and AUC of the first k trees are scikit-learn's on XGBoost's truncated predictions`, () => {
      const oracle = oracles.get(name)!;
      const packed = loadCase(name, 'model.json');
      const model = viewOfPacked(packed);
      const compiled = compileModel(packed);
      const rows = inputRows(packed, name, 'main').slice(0, XGB_ROWS);
      const features = compiled.numFeatures;
      const values = new Float64Array(rows.length * features);
      rows.forEach((row, r) => values.set(row, r * features));
      const batch = compiled.predictBatch(values, rows.length, { leafNodes: true });
      const labels = labelsFor(name, rows.length).map(String);
      const metrics = computeMetrics(model, batch, labels);
      const curves = metricsByTrees(packed, batch, metrics);
      if (!curves.available) throw new Error(curves.reason);
      const loss = curves.curves.find((curve) => curve.name === 'logLoss')!;
      const auc = curves.curves.find((curve) => curve.name === 'auc')!;
      expect(loss.k.length).toBe(packed.forest.treeCount);
      expect(loss.values.at(-1)).toBe(metrics.kind === 'classification' ? metrics.logLoss : NaN);
      expect(auc.values.at(-1)).toBe(metrics.kind === 'classification' ? metrics.rocAuc : NaN);
      oracle.ks.forEach((k, index) => {
        const lossAt = loss.values[Array.from(loss.k).indexOf(k)];
        const aucAt = auc.values[Array.from(auc.k).indexOf(k)];
        expect(Math.abs(lossAt - oracle.logLoss[index])).toBeLessThanOrEqual(1e-12 * Math.max(1, oracle.logLoss[index]));
        expect(Math.abs(aucAt - oracle.auc[index])).toBeLessThanOrEqual(1e-12);
      });
    });
  }

  it('lgb_regression_diabetes: RMSE of the first k trees from the direct leaf sums', () => {
    const name = 'lgb_regression_diabetes';
    const packed = loadCase(name, 'model.txt');
    const model = viewOfPacked(packed);
    const compiled = compileModel(packed);
    const rows = inputRows(packed, name, 'main');
    const features = compiled.numFeatures;
    const values = new Float64Array(rows.length * features);
    rows.forEach((row, r) => values.set(row, r * features));
    const batch = compiled.predictBatch(values, rows.length, { leafNodes: true });
    // Labels: a smooth function of the inputs, so every k has a different error.
    const labels = rows.map((row) => 150 + 400 * (row[2] ?? 0) + 300 * (row[8] ?? 0));
    const metrics = computeMetrics(model, batch, labels.map(String));
    const curves = metricsByTrees(packed, batch, metrics);
    if (!curves.available) throw new Error(curves.reason);
    const curve = curves.curves[0];
    expect(curve.name).toBe('rmse');
    expect(curve.values.at(-1)).toBe(metrics.kind === 'regression' ? metrics.rmse : NaN);
    const leafValues = lightgbmLeafValues(readFileSync(casePath(name, 'model.txt'), 'utf8'));
    const leaves = readNumberCsv(casePath(name, 'expected_main_leaf.csv')).rows;
    for (const k of [1, 5, 50, 123, packed.forest.treeCount]) {
      let squares = 0;
      rows.forEach((_, r) => {
        let sum = 0;
        for (let t = 0; t < k; t++) sum += leafValues[t][leaves[r][t]];
        squares += (sum - labels[r]) ** 2;
      });
      const direct = Math.sqrt(squares / rows.length);
      expect(Math.abs(curve.values[k - 1] - direct)).toBeLessThanOrEqual(1e-9 * direct);
    }
  });
});

describe('forestFacts, topTrees and the feature × tree matrix', () => {
  it('per-tree facts agree with the model summary, and the root feature is the first split', () => {
    const packed = parsePackedModel(readCorpus('lightgbm/keiba_binary_nan_missing_v4.txt'), 'keiba.txt');
    const facts = forestFacts(packed);
    const summary = summarizeModel(packed);
    expect(facts.treeCount).toBe(1000);
    expect(facts.leaves.reduce((a, b) => a + b, 0)).toBe(summary.leaves);
    expect(facts.nodes.reduce((a, b) => a + b, 0)).toBe(summary.nodes);
    expect(Math.max(...facts.depth)).toBe(summary.maxDepth);
    const model = viewOfPacked(packed);
    for (const t of [0, 1, 500, 999]) {
      const tree = model.trees[t];
      const root = tree.nodes[0];
      expect(facts.rootFeature[t]).toBe(root.type === 'split' ? root.feature : -1);
      expect(facts.leaves[t]).toBe(tree.nodes.filter((node) => node.type === 'leaf').length);
      let gain = 0;
      for (const node of tree.nodes) if (node.type === 'split') gain += node.stats?.gain ?? 0;
      expect(facts.totalGain![t]).toBeCloseTo(gain, 6);
    }
    // Total gain per feature: the matrix's totals are the summary's importance.
    const matrix = featureTreeMatrix(packed, 10);
    expect(matrix.measure).toBe('gain');
    const byGain = [...summary.importance].sort((a, b) => b.gain! - a.gain! || a.feature - b.feature).slice(0, 10);
    expect(Array.from(matrix.features)).toEqual(byGain.map((entry) => entry.feature));
    matrix.features.forEach((_, index) => {
      let sum = 0;
      for (let t = 0; t < matrix.treeCount; t++) sum += matrix.values[index * matrix.treeCount + t];
      expect(Math.abs(sum - byGain[index].gain!)).toBeLessThanOrEqual(1e-3 * byGain[index].gain!);
    });
  });

  it('top trees are the largest positive and negative contributions of the output', () => {
    const packed = loadCase('lgb_multiclass_iris', 'model.txt');
    const compiled = compileModel(packed);
    const row = inputRows(packed, 'lgb_multiclass_iris', 'main')[4];
    const prediction = compiled.predictRow(row);
    const scores = scoreByTrees(packed, prediction);
    const top = topTrees(scores, 5, 2);
    const ofClass = prediction.leafValues.map((value, t) => ({ t, value })).filter((entry) => entry.t % 3 === 2);
    const up = ofClass.filter((entry) => entry.value > 0).sort((a, b) => b.value - a.value || a.t - b.t).slice(0, 5);
    const down = ofClass.filter((entry) => entry.value < 0).sort((a, b) => a.value - b.value || a.t - b.t).slice(0, 5);
    expect(top.up).toEqual(up.map((entry) => entry.t));
    expect(top.down).toEqual(down.map((entry) => entry.t));
  });

  it('traffic shares count each row once per tree and feature on its decision path', () => {
    const name = 'lgb_binary_nan';
    const packed = loadCase(name, 'model.txt');
    const compiled = compileModel(packed);
    const rows = inputRows(packed, name, 'main').slice(0, 200);
    const features = compiled.numFeatures;
    const values = new Float64Array(rows.length * features);
    rows.forEach((row, r) => values.set(row, r * features));
    const batch = compiled.predictBatch(values, rows.length, { leafNodes: true });
    const traffic = nodeTraffic(trafficPlan(packed), batch.leafNodes!, rows.length);
    const matrix = featureTreeMatrix(packed, 8);
    const shares = featureTreeTraffic(packed, matrix, traffic);
    const model = viewOfPacked(packed);
    const counts = new Float64Array(matrix.features.length * matrix.treeCount);
    rows.forEach((row) => {
      const prediction = compiled.predictRow(row, { paths: true });
      prediction.paths!.forEach((path, t) => {
        const used = new Set(path.map((id) => model.trees[t].nodes[id]).flatMap((node) => (node.type === 'split' ? [node.feature] : [])));
        matrix.features.forEach((feature, index) => used.has(feature) && counts[index * matrix.treeCount + t]++);
      });
    });
    for (let i = 0; i < counts.length; i++) expect(shares.cells[i]).toBeCloseTo(counts[i] / rows.length, 6);
    expect(Array.from(shares.trees).every((share, t) => share === (packed.forest.treeNodeStart[t + 1] - packed.forest.treeNodeStart[t] > 1 ? 1 : 0))).toBe(true);
  });
});
