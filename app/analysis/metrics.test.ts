import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileModel, predictPath } from '../eval/index';
import type { TreeModel } from '../model/types';
import { CORPUS_DIR, REFERENCE_DIR } from '../testing/shared';
import {
  accuracy,
  classProbabilities,
  classNames,
  computeMetrics,
  confusionMatrix,
  labelReader,
  logLoss,
  meanAbsoluteError,
  rmse,
  rocAuc,
  rocAucOneVsRest,
  wrongRows,
  type ClassificationMetrics,
  type RegressionMetrics,
} from './metrics';
import { loadModel, parseNumberCsv, rowMajor, rowsForModel } from './models.testkit';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const SKLEARN = JSON.parse(readFileSync(join(FIXTURES, 'metrics.json'), 'utf8'));

function labelsOf(name: string): string[] {
  return readFileSync(join(FIXTURES, `labels_${name}.csv`), 'utf8').trim().split('\n').slice(1);
}

/** Straightforward pairwise AUC: every (positive, negative) pair, ties count one half. O(n²). */
function pairwiseAuc(isPositive: boolean[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!isPositive[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (isPositive[j]) continue;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('metrics on a hand-made example', () => {
  // 8 rows, 3 classes; ties in the scores on purpose.
  const labels = [0, 1, 2, 2, 1, 0, 2, 1];
  const probabilities = [
    [0.7, 0.2, 0.1],
    [0.2, 0.5, 0.3],
    [0.1, 0.3, 0.6],
    [0.3, 0.4, 0.3],
    [0.2, 0.5, 0.3],
    [0, 0, 1],
    [0.1, 0.3, 0.6],
    [0.4, 0.4, 0.2],
  ];
  const predicted = probabilities.map((row) => row.indexOf(Math.max(...row)));

  it('accuracy, confusion matrix', () => {
    let correct = 0;
    const matrix = [0, 1, 2].map(() => [0, 0, 0]);
    labels.forEach((label, i) => {
      if (label === predicted[i]) correct++;
      matrix[label][predicted[i]]++;
    });
    expect(accuracy(labels, predicted)).toBe(correct / 8);
    expect(confusionMatrix(labels, predicted, 3)).toEqual(matrix);
  });

  it('log loss clips a zero probability at 1e-15 and renormalises', () => {
    let total = 0;
    labels.forEach((label, i) => {
      const clipped = probabilities[i].map((p) => Math.min(Math.max(p, 1e-15), 1 - 1e-15));
      total += -Math.log(clipped[label] / clipped.reduce((a, b) => a + b, 0));
    });
    expect(logLoss(labels, probabilities.flat(), 3)).toBeCloseTo(total / 8, 14);
    // Row 5 gives its true class probability 0: without the clip the loss would be infinite.
    expect(Number.isFinite(logLoss(labels, probabilities.flat(), 3))).toBe(true);
  });

  it('ROC AUC (rank formula) equals the pairwise count, ties included; one-vs-rest macro', () => {
    const perClass = [0, 1, 2].map((k) =>
      pairwiseAuc(
        labels.map((label) => label === k),
        probabilities.map((row) => row[k]),
      ),
    );
    const result = rocAucOneVsRest(labels, probabilities.flat(), 3);
    result.perClass.forEach((value, k) => expect(value).toBeCloseTo(perClass[k], 14));
    expect(result.macro).toBeCloseTo((perClass[0] + perClass[1] + perClass[2]) / 3, 14);
    expect(rocAuc([true, false, true, false], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc([true, true], [0.1, 0.2])).toBeNaN();
  });

  it('RMSE and MAE', () => {
    const truth = [3, -0.5, 2, 7];
    const guess = [2.5, 0, 2, 8];
    expect(rmse(truth, guess)).toBeCloseTo(Math.sqrt((0.25 + 0.25 + 0 + 1) / 4), 15);
    expect(meanAbsoluteError(truth, guess)).toBeCloseTo((0.5 + 0.5 + 0 + 1) / 4, 15);
  });
});

describe('label cells to class index', () => {
  it('matches names exactly, then by numeric value, then true/false for 0/1 classes', () => {
    const spark = labelReader(['0.0', '1.0']);
    expect(['0', '1', '1.0', ' 1 ', '1e0', 'true', 'FALSE', '2', '', 'yes'].map(spark)).toEqual([0, 1, 1, 1, 1, 1, 0, undefined, undefined, undefined]);
    const names = labelReader(['setosa', 'versicolor', '1']);
    expect(['setosa', ' versicolor', 'Setosa', '1.0', 'true'].map(names)).toEqual([0, 1, undefined, 2, undefined]);
  });

  it('numbers the classes of a classifier whose dump names none', () => {
    const model = { task: 'multiclass', numOutputs: 3 } as TreeModel;
    expect(classNames(model)).toEqual(['0', '1', '2']);
    expect(classNames({ task: 'regression', numOutputs: 1 } as TreeModel)).toBeUndefined();
  });
});

function scoreReference(model: TreeModel, folder: string) {
  const compiled = compileModel(model);
  const rows = rowsForModel(model, readFileSync(join(REFERENCE_DIR, folder, 'input_main.csv'), 'utf8'));
  return compiled.predictBatch(rowMajor(rows, compiled.numFeatures), rows.length, { leafNodes: true });
}

describe('metrics against scikit-learn on the reference cases', () => {
  const cases = [
    { folder: 'lgb_multiclass_iris', file: 'model.txt', labels: 'iris' },
    { folder: 'skl_dtc_iris', file: 'tree.txt', labels: 'iris' },
    { folder: 'xgb_multiclass_softprob', file: 'model.json', labels: 'wine_heldout' },
  ];
  for (const { folder, file, labels: labelName } of cases) {
    it(`${folder}: the library's own probabilities and our scoring give scikit-learn's figures`, () => {
      const expected = SKLEARN[folder];
      const labels = labelsOf(labelName).map(Number);
      const probabilities = parseNumberCsv(readFileSync(join(REFERENCE_DIR, folder, 'expected_main_pred.csv'), 'utf8')).rows;
      const predicted = probabilities.map((row) => row.indexOf(Math.max(...row)));
      // The primitives on the library's own predictions.
      expect(accuracy(labels, predicted)).toBe(expected.accuracy);
      expect(logLoss(labels, probabilities.flat(), 3)).toBeCloseTo(expected.log_loss, 12);
      expect(rocAucOneVsRest(labels, probabilities.flat(), 3).macro).toBeCloseTo(expected.roc_auc_ovr_macro, 14);
      expect(confusionMatrix(labels, predicted, 3)).toEqual(expected.confusion);
      if (expected.binary_virginica) {
        const p = probabilities.map((row) => row[2]);
        const positive = labels.map((label) => (label === 2 ? 1 : 0));
        expect(logLoss(positive, p.flatMap((value) => [1 - value, value]), 2)).toBeCloseTo(expected.binary_virginica.log_loss, 15);
        expect(rocAuc(positive, p)).toBe(expected.binary_virginica.roc_auc);
      }
      // The whole pipeline: our evaluator's batch and label cell texts as a CSV would hold them.
      const model = loadModel(readFileSync(join(REFERENCE_DIR, folder, file), 'utf8'), file);
      const report = computeMetrics(model, scoreReference(model, folder), labelsOf(labelName)) as ClassificationMetrics;
      expect(report.kind).toBe('classification');
      expect(report.rows).toBe(labels.length);
      expect(report.skipped).toEqual([]);
      expect(report.accuracy).toBe(expected.accuracy);
      expect(report.logLoss).toBeCloseTo(expected.log_loss, 9);
      expect(report.rocAuc).toBeCloseTo(expected.roc_auc_ovr_macro, 12);
      expect(report.confusion).toEqual(expected.confusion);
      expect(wrongRows(report).length).toBe(labels.length - Math.round(expected.accuracy * labels.length));
    });
  }

  it('lgb_regression_diabetes: RMSE, MAE and the above-median AUC', () => {
    const expected = SKLEARN.lgb_regression_diabetes;
    const labelTexts = labelsOf('diabetes');
    const labels = labelTexts.map(Number);
    const predictions = parseNumberCsv(readFileSync(join(REFERENCE_DIR, 'lgb_regression_diabetes', 'expected_main_pred.csv'), 'utf8')).rows.map((row) => row[0]);
    expect(rmse(labels, predictions)).toBeCloseTo(expected.rmse, 11);
    expect(meanAbsoluteError(labels, predictions)).toBeCloseTo(expected.mae, 11);
    const median = [...labels].sort((a, b) => a - b)[labels.length / 2 - 1] / 2 + [...labels].sort((a, b) => a - b)[labels.length / 2] / 2;
    expect(rocAuc(labels.map((label) => label > median), predictions)).toBeCloseTo(expected.roc_auc_above_median, 15);
    const model = loadModel(readFileSync(join(REFERENCE_DIR, 'lgb_regression_diabetes', 'model.txt'), 'utf8'), 'model.txt');
    const report = computeMetrics(model, scoreReference(model, 'lgb_regression_diabetes'), labelTexts) as RegressionMetrics;
    expect(report.kind).toBe('regression');
    expect(report.rmse).toBeCloseTo(expected.rmse, 10);
    expect(report.meanAbsoluteError).toBeCloseTo(expected.mae, 10);
    const wrong = wrongRows(report, 50);
    expect(wrong.length).toBe(labels.filter((label, i) => Math.abs(predictions[i] - label) > 50).length);
    for (let i = 1; i < wrong.length; i++) {
      expect(Math.abs(predictions[wrong[i - 1]] - labels[wrong[i - 1]])).toBeGreaterThanOrEqual(Math.abs(predictions[wrong[i]] - labels[wrong[i]]) - 1e-9);
    }
  });
});

describe('Spark banknote decision tree against its class column', () => {
  it('maps labels "0"/"1" to classes "0.0"/"1.0" and counts errors like a plain loop', () => {
    const model = loadModel(readFileSync(join(CORPUS_DIR, 'spark/mllib_dt_banknote_depth5.txt'), 'utf8'), 'banknote.txt');
    const text = readFileSync(join(CORPUS_DIR, 'spark/mllib_dt_banknote_depth5.csv'), 'utf8').trim().split('\n');
    const header = text[0].split(',');
    const labelColumn = header.indexOf('class');
    const cells = text.slice(1).map((line) => line.split(','));
    const rows = cells.map((row) => row.filter((_, j) => j !== labelColumn).map(Number));
    const labels = cells.map((row) => row[labelColumn]);
    const compiled = compileModel(model);
    const batch = compiled.predictBatch(rowMajor(rows, compiled.numFeatures), rows.length);
    const report = computeMetrics(model, batch, labels) as ClassificationMetrics;
    expect(classNames(model)).toEqual(model.classes);
    // Independent: walk the IR for each row and compare the leaf's class with the label's value.
    let correct = 0;
    rows.forEach((row, r) => {
      const leaf = model.trees[0].nodes[predictPath(model, 0, row).at(-1)!];
      if (leaf.type === 'leaf' && leaf.value[0] === Number(labels[r])) correct++;
    });
    expect(report.rows).toBe(rows.length);
    expect(report.accuracy).toBe(correct / rows.length);
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(report.accuracy).toBeLessThan(1);
    expect(wrongRows(report).length).toBe(rows.length - correct);
    // Unknown and blank labels are skipped and said so.
    const withBad = [...labels];
    withBad[0] = 'maybe';
    withBad[1] = '';
    const skipped = (computeMetrics(model, batch, withBad) as ClassificationMetrics).skipped;
    expect(skipped.map((skip) => skip.row)).toEqual([0, 1]);
    expect(skipped[0].reason).toMatch(/"maybe" is not a class of the model/);
  });
});

describe('vote and hard-class models', () => {
  it('Spark random forest (hard vote, 4 classes): vote shares as probabilities, labels from its libsvm file', () => {
    const model = loadModel(readFileSync(join(CORPUS_DIR, 'spark/ml_rf_classifier_spark201_4class_3trees.txt'), 'utf8'), 'rf.txt');
    expect(model.aggregation.kind).toBe('vote');
    const compiled = compileModel(model);
    // libsvm: `label index:value …`, 1-based indices; Spark reads absent entries as 0.0.
    const lines = readFileSync(join(CORPUS_DIR, 'spark/ml_rf_classifier_spark201_4class_3trees.libsvm'), 'utf8').trim().split('\n');
    const labels = lines.map((line) => line.split(' ')[0]);
    const values = new Float64Array(lines.length * compiled.numFeatures);
    lines.forEach((line, r) => {
      for (const entry of line.trim().split(' ').slice(1)) {
        const [index, value] = entry.split(':');
        if (Number(index) - 1 < compiled.numFeatures) values[r * compiled.numFeatures + Number(index) - 1] = Number(value);
      }
    });
    const batch = compiled.predictBatch(values, lines.length);
    const report = computeMetrics(model, batch, labels) as ClassificationMetrics;
    expect(report.kind).toBe('classification');
    expect(report.rows).toBe(lines.length);
    let correct = 0;
    labels.forEach((label, r) => Number(label) === batch.predictedClass[r] && correct++);
    expect(report.accuracy).toBe(correct / lines.length);
    // Vote shares: each tree's vote counts 1/3.
    const probabilities = classProbabilities(model, batch, 4)!;
    for (let r = 0; r < lines.length; r++) {
      const row = Array.from(probabilities.subarray(r * 4, r * 4 + 4));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
      for (const p of row) expect([0, 1 / 3, 2 / 3, 1].some((share) => Math.abs(p - share) < 1e-15)).toBe(true);
    }
    expect(Number.isFinite(report.logLoss)).toBe(true);
  });

  it('models with hard classes only (argmax, hinge) report no log loss or AUC', () => {
    const model = { transform: { kind: 'argmax' }, aggregation: { kind: 'sum', base: [0] } } as unknown as TreeModel;
    const batch = { rows: 1, numOutputs: 3, numTrees: 1, raw: new Float64Array(3), prediction: new Float64Array([2]), predictionWidth: 1, predictedClass: new Int32Array([2]), errors: new Map() };
    expect(classProbabilities(model, batch, 3)).toBeUndefined();
  });
});
