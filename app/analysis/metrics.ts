/**
 * Scores of a model against a label column: accuracy, log loss, ROC AUC and the confusion matrix for
 * classifiers; RMSE and MAE for regression. Definitions follow scikit-learn 1.2 (`accuracy_score`,
 * `log_loss` with eps = 1e-15, `roc_auc_score` binary and `multi_class='ovr', average='macro'`,
 * `confusion_matrix`, `mean_squared_error`, `mean_absolute_error`).
 */
import type { BatchPrediction } from '../eval/types';
import type { TreeModel } from '../model/types';

/** scikit-learn's historical `log_loss` clip: probabilities are kept in [eps, 1 − eps]. */
export const LOG_LOSS_EPSILON = 1e-15;

/** A plain decimal, as label cells and numeric class names are written. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The model's class names: `TreeModel.classes`, or `0`…`K−1` for a classifier whose dump names
 * none (binary: `0`, `1`). Undefined for regression and ranking.
 */
export function classNames(model: TreeModel): string[] | undefined {
  if (model.classes && model.classes.length > 0) return model.classes;
  if (model.task === 'binary') return ['0', '1'];
  if (model.task === 'multiclass') return Array.from({ length: model.numOutputs }, (_, k) => String(k));
  return undefined;
}

/**
 * Builds the reader from label cell text to class index. Rules, in order:
 * 1. the text, or the trimmed text, equals a class name exactly (case-sensitive);
 * 2. both the trimmed text and a class name are decimal numbers with the same value, so `1`
 *    finds Spark's `1.0` and `1.0` finds `1`;
 * 3. for a two-class model whose classes are 0 and 1, `true`/`false` (any case) mean 1/0.
 * Anything else (blank, unknown label) gives undefined: the row is left out and counted.
 */
export function labelReader(classes: readonly string[]): (text: string) => number | undefined {
  const byName = new Map<string, number>();
  const byValue = new Map<number, number>();
  classes.forEach((name, index) => {
    if (!byName.has(name)) byName.set(name, index);
    const trimmed = name.trim();
    if (DECIMAL.test(trimmed) && !byValue.has(Number(trimmed))) byValue.set(Number(trimmed), index);
  });
  const isZeroOne = classes.length === 2 && byValue.get(0) === 0 && byValue.get(1) === 1;
  return (text) => {
    const exact = byName.get(text);
    if (exact !== undefined) return exact;
    const trimmed = text.trim();
    const named = byName.get(trimmed);
    if (named !== undefined) return named;
    if (DECIMAL.test(trimmed)) return byValue.get(Number(trimmed));
    if (isZeroOne) {
      const lower = trimmed.toLowerCase();
      if (lower === 'true') return 1;
      if (lower === 'false') return 0;
    }
    return undefined;
  };
}

/** Fraction of rows whose predicted class equals the label. */
export function accuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) correct++;
  return labels.length === 0 ? NaN : correct / labels.length;
}

/**
 * Mean negative log-likelihood of the labels. `probabilities` is row-major rows × numClasses; each
 * probability is clipped to [eps, 1 − eps] and each row renormalised to sum 1, as scikit-learn 1.2
 * does. For a binary model pass both columns (1 − p, p): the clip then acts on p alone, as there.
 */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, numClasses: number, epsilon = LOG_LOSS_EPSILON): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const base = i * numClasses;
    let sum = 0;
    if (numClasses === 2) {
      // scikit-learn clips the single P(class 1) column, then builds 1 − p from it.
      const p = clip(probabilities[base + 1], epsilon);
      total -= Math.log(labels[i] === 1 ? p : 1 - p);
      continue;
    }
    for (let k = 0; k < numClasses; k++) sum += clip(probabilities[base + k], epsilon);
    total -= Math.log(clip(probabilities[base + labels[i]], epsilon) / sum);
  }
  return labels.length === 0 ? NaN : total / labels.length;
}

function clip(p: number, epsilon: number): number {
  return p < epsilon ? epsilon : p > 1 - epsilon ? 1 - epsilon : p;
}

/**
 * Binary ROC AUC by the Mann–Whitney rank formula: the probability that a random positive scores
 * above a random negative, ties counting one half (the same as the trapezoid under the ROC curve).
 * NaN when either class is absent. O(n log n).
 */
export function rocAuc(isPositive: ArrayLike<boolean | number>, scores: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    // Tied scores share the mean of their 1-based ranks.
    const rank = (start + end + 2) / 2;
    for (let i = start; i <= end; i++) {
      if (isPositive[order[i]]) {
        positives++;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Multiclass ROC AUC, one-vs-rest, macro average: the mean over classes of the binary AUC of
 * "class k" against the rest, scored by P(class k). Classes with no positive or no negative row
 * are left out of the mean (scikit-learn refuses such input); `perClass` shows NaN for them.
 */
export function rocAucOneVsRest(labels: ArrayLike<number>, probabilities: ArrayLike<number>, numClasses: number): { macro: number; perClass: number[] } {
  const perClass: number[] = [];
  const scores = new Float64Array(labels.length);
  const isPositive = new Uint8Array(labels.length);
  for (let k = 0; k < numClasses; k++) {
    for (let i = 0; i < labels.length; i++) {
      scores[i] = probabilities[i * numClasses + k];
      isPositive[i] = labels[i] === k ? 1 : 0;
    }
    perClass.push(rocAuc(isPositive, scores));
  }
  const defined = perClass.filter((value) => !Number.isNaN(value));
  return { macro: defined.length === 0 ? NaN : defined.reduce((a, b) => a + b, 0) / defined.length, perClass };
}

/** Confusion matrix: `matrix[label][predicted]` row counts. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, numClasses: number): number[][] {
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const p = predicted[i];
    if (p >= 0 && p < numClasses) matrix[labels[i]][p]++;
  }
  return matrix;
}

/** Root mean squared error. */
export function rmse(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += (predictions[i] - labels[i]) ** 2;
  return labels.length === 0 ? NaN : Math.sqrt(total / labels.length);
}

/** Mean absolute error. */
export function meanAbsoluteError(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += Math.abs(predictions[i] - labels[i]);
  return labels.length === 0 ? NaN : total / labels.length;
}

/**
 * Class probabilities per row (rows × numClasses) from a batch, or undefined when the model gives
 * only hard classes (XGBoost `multi:softmax`, `binary:hinge`). A single-output binary model gives
 * (1 − p, p); vote counts are divided by their total; `sigmoidEach` (one-vs-all) rows are left as
 * they are (log loss renormalises them).
 */
export function classProbabilities(model: TreeModel, batch: BatchPrediction, numClasses: number): Float64Array | undefined {
  const kind = model.transform.kind;
  if (kind === 'argmax' || kind === 'hinge') return undefined;
  const rows = batch.rows;
  const width = batch.predictionWidth ?? batch.numOutputs;
  const result = new Float64Array(rows * numClasses);
  for (let r = 0; r < rows; r++) {
    if (width === 1 && numClasses === 2) {
      const p = batch.prediction[r];
      result[r * 2] = 1 - p;
      result[r * 2 + 1] = p;
    } else if (model.aggregation.kind === 'vote') {
      let total = 0;
      for (let k = 0; k < numClasses; k++) total += batch.raw[r * batch.numOutputs + k];
      for (let k = 0; k < numClasses; k++) result[r * numClasses + k] = total > 0 ? batch.raw[r * batch.numOutputs + k] / total : 0;
    } else {
      for (let k = 0; k < numClasses; k++) result[r * numClasses + k] = batch.prediction[r * width + k];
    }
  }
  return result;
}

/** Why a row is left out of the metrics. */
export interface SkippedRow {
  row: number;
  reason: string;
}

/** Classification report. Counts and rates are over `rows` (scored rows with a known label). */
export interface ClassificationMetrics {
  kind: 'classification';
  classes: string[];
  rows: number;
  accuracy: number;
  /** Undefined when the model gives no probabilities. */
  logLoss?: number;
  /** Binary AUC, or one-vs-rest macro AUC for more classes; undefined without probabilities. */
  rocAuc?: number;
  rocAucPerClass?: number[];
  /** `confusion[label][predicted]`. */
  confusion: number[][];
  /** Per scored row: label index and predicted class (aligned with `rowIndices`). */
  labels: Int32Array;
  predicted: Int32Array;
  rowIndices: Int32Array;
  skipped: SkippedRow[];
}

/** Regression report. */
export interface RegressionMetrics {
  kind: 'regression';
  rows: number;
  rmse: number;
  meanAbsoluteError: number;
  labels: Float64Array;
  predictions: Float64Array;
  rowIndices: Int32Array;
  skipped: SkippedRow[];
}

/**
 * Metrics of a scored batch against label cell texts (one per batch row). Rows with no prediction
 * (`batch.errors`) or a label that is blank or unknown (see `labelReader`; for regression, not a
 * number) are skipped and listed. Regression uses prediction output `output` (default 0).
 */
export function computeMetrics(model: TreeModel, batch: BatchPrediction, labelTexts: readonly string[], options: { output?: number } = {}): ClassificationMetrics | RegressionMetrics {
  const classes = classNames(model);
  const skipped: SkippedRow[] = [];
  const kept: number[] = [];
  if (!classes) {
    const labels: number[] = [];
    const output = options.output ?? 0;
    const width = batch.predictionWidth ?? batch.numOutputs;
    for (let r = 0; r < batch.rows; r++) {
      const text = labelTexts[r]?.trim() ?? '';
      const error = batch.errors.get(r);
      if (error) skipped.push({ row: r, reason: error });
      else if (!DECIMAL.test(text)) skipped.push({ row: r, reason: text === '' ? 'no label' : `label ${JSON.stringify(text)} is not a number` });
      else {
        kept.push(r);
        labels.push(Number(text));
      }
    }
    const predictions = Float64Array.from(kept, (r) => batch.prediction[r * width + output]);
    return {
      kind: 'regression',
      rows: kept.length,
      rmse: rmse(labels, predictions),
      meanAbsoluteError: meanAbsoluteError(labels, predictions),
      labels: Float64Array.from(labels),
      predictions,
      rowIndices: Int32Array.from(kept),
      skipped,
    };
  }
  const read = labelReader(classes);
  const labels: number[] = [];
  for (let r = 0; r < batch.rows; r++) {
    const error = batch.errors.get(r);
    const text = labelTexts[r] ?? '';
    const label = read(text);
    if (error) skipped.push({ row: r, reason: error });
    else if (label === undefined) skipped.push({ row: r, reason: text.trim() === '' ? 'no label' : `label ${JSON.stringify(text)} is not a class of the model (${classes.join(', ')})` });
    else {
      kept.push(r);
      labels.push(label);
    }
  }
  const numClasses = classes.length;
  const predicted = Int32Array.from(kept, (r) => batch.predictedClass[r]);
  const all = classProbabilities(model, batch, numClasses);
  const report: ClassificationMetrics = {
    kind: 'classification',
    classes,
    rows: kept.length,
    accuracy: accuracy(labels, predicted),
    confusion: confusionMatrix(labels, predicted, numClasses),
    labels: Int32Array.from(labels),
    predicted,
    rowIndices: Int32Array.from(kept),
    skipped,
  };
  if (all) {
    const probabilities = new Float64Array(kept.length * numClasses);
    kept.forEach((r, i) => probabilities.set(all.subarray(r * numClasses, (r + 1) * numClasses), i * numClasses));
    report.logLoss = logLoss(labels, probabilities, numClasses);
    if (numClasses === 2) {
      report.rocAuc = rocAuc(
        labels.map((label) => label === 1),
        Float64Array.from(kept, (_, i) => probabilities[i * 2 + 1]),
      );
    } else {
      const auc = rocAucOneVsRest(labels, probabilities, numClasses);
      report.rocAuc = auc.macro;
      report.rocAucPerClass = auc.perClass;
    }
  }
  return report;
}

/**
 * Rows the model gets wrong, as batch row indices: for a classifier, rows whose predicted class
 * differs from the label; for regression, rows with |prediction − label| > tolerance (default 0),
 * largest error first. Feed them to `nodeTraffic` to see where the errors flow.
 */
export function wrongRows(metrics: ClassificationMetrics | RegressionMetrics, tolerance = 0): Int32Array {
  if (metrics.kind === 'classification') {
    const wrong: number[] = [];
    for (let i = 0; i < metrics.rows; i++) if (metrics.labels[i] !== metrics.predicted[i]) wrong.push(metrics.rowIndices[i]);
    return Int32Array.from(wrong);
  }
  const wrong: { row: number; error: number }[] = [];
  for (let i = 0; i < metrics.rows; i++) {
    const error = Math.abs(metrics.predictions[i] - metrics.labels[i]);
    if (error > tolerance) wrong.push({ row: metrics.rowIndices[i], error });
  }
  return Int32Array.from(wrong.sort((a, b) => b.error - a.error || a.row - b.row), (entry) => entry.row);
}
