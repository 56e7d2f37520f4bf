/*
 * Prediction diff: the same rows scored by two models. Classifiers compare the predicted class (by
 * its label), other models compare the prediction with a tolerance.
 */
import { classNames, computeMetrics, type ClassificationMetrics, type RegressionMetrics } from '../analysis/metrics';
import { compileModel } from '../eval';
import type { BatchPrediction, CompiledModel } from '../eval/types';
import type { ModelHeader, PackedModel } from '../model/packed';
import type { TreeModel } from '../model/types';

/** The rows of one CSV, read once per side in that side's feature order (`readDiffRows`). */
export interface DiffRows {
  rows: number;
  /** rows × old model's features, row-major; NaN = missing. */
  oldValues: Float64Array;
  /** rows × new model's features. */
  newValues: Float64Array;
  /** Label cell texts, one per row, when a label column was chosen. */
  labels?: string[];
  /** The CSV's own row number (1 = header) of each row, for messages. */
  rowNumbers?: Int32Array;
}

export interface PredictionDiffOptions {
  /** Non-classifiers: a row changed when |Δ| > tolerance. Default 0. */
  tolerance?: number;
  /** Bins of the delta histogram. Default 20. */
  bins?: number;
  /** How many of the largest deltas to list. Default 20. */
  largest?: number;
  /** Compiled evaluators, when the caller has them already. */
  oldCompiled?: CompiledModel;
  newCompiled?: CompiledModel;
}

/** One of the rows that moved most. */
export interface RowDelta {
  row: number;
  old: number[];
  new: number[];
  /** New − old of the output that moved most. */
  delta: number;
  oldClass?: string;
  newClass?: string;
}

/** Summary metrics of one side against the label column. */
export type SideMetrics =
  | { kind: 'classification'; rows: number; accuracy: number; logLoss?: number; rocAuc?: number }
  | { kind: 'regression'; rows: number; rmse: number; meanAbsoluteError: number };

export interface PredictionDiff {
  rows: {
    compared: number;
    predictionChanged: number;
    /** Largest |new − old| over compared rows and common outputs (probabilities for classifiers). */
    maxAbsDelta: number;
    /** Rows a side could not score (scikit-learn truncated branches), left out of the comparison. */
    unscored: { old: number; new: number };
  };
  /** True when both models are classifiers: a change is a change of class. */
  byClass: boolean;
  tolerance: number;
  /** Row indices (0-based data rows) whose prediction changed, in row order. */
  changedRows: Int32Array;
  /** Per row: new − old of the output that moved most (NaN for rows not compared). */
  deltas: Float64Array;
  histogram: { min: number; max: number; counts: number[] };
  largest: RowDelta[];
  /** Old class × new class counts (classifiers). */
  classTable?: { oldClasses: string[]; newClasses: string[]; counts: number[][] };
  metrics?: { old: SideMetrics; new: SideMetrics };
  /** How many outputs were compared (the smaller of the two prediction widths). */
  comparedOutputs: number;
}

function widthOf(batch: BatchPrediction): number {
  return batch.predictionWidth ?? batch.numOutputs;
}

/** `computeMetrics` reads only the model's facts, never its trees. */
function asMetricsModel(header: ModelHeader): TreeModel {
  return { ...header, trees: [] };
}

function sideMetrics(metrics: ClassificationMetrics | RegressionMetrics): SideMetrics {
  if (metrics.kind === 'regression') return { kind: 'regression', rows: metrics.rows, rmse: metrics.rmse, meanAbsoluteError: metrics.meanAbsoluteError };
  const result: SideMetrics = { kind: 'classification', rows: metrics.rows, accuracy: metrics.accuracy };
  if (metrics.logLoss !== undefined) result.logLoss = metrics.logLoss;
  if (metrics.rocAuc !== undefined) result.rocAuc = metrics.rocAuc;
  return result;
}

function histogramOf(deltas: Float64Array, bins: number): PredictionDiff['histogram'] {
  let min = Infinity;
  let max = -Infinity;
  for (const delta of deltas) {
    if (delta !== delta) continue;
    if (delta < min) min = delta;
    if (delta > max) max = delta;
  }
  const counts = new Array<number>(bins).fill(0);
  if (min > max) return { min: 0, max: 0, counts };
  const span = max - min;
  for (const delta of deltas) {
    if (delta !== delta) continue;
    const bin = span === 0 ? 0 : Math.min(bins - 1, Math.floor(((delta - min) / span) * bins));
    counts[bin]++;
  }
  return { min, max, counts };
}

/** Rows of `width` values laid out for an evaluator that reads `stride` per row (extra features missing). */
function restride(values: Float64Array, rows: number, width: number, stride: number): Float64Array {
  if (width === stride) return values;
  const result = new Float64Array(rows * stride).fill(NaN);
  const copied = Math.min(width, stride);
  for (let r = 0; r < rows; r++) result.set(values.subarray(r * width, r * width + copied), r * stride);
  return result;
}

/**
 * Scores the rows with both models and compares them. Rows that either side cannot score are left
 * out and counted. Classifiers (both sides have classes) compare the class by label; the others
 * count |Δ| > tolerance on any common output.
 */
export function diffPredictions(oldModel: PackedModel, newModel: PackedModel, data: DiffRows, options: PredictionDiffOptions = {}): PredictionDiff {
  const tolerance = options.tolerance ?? 0;
  const oldCompiled = options.oldCompiled ?? compileModel(oldModel);
  const newCompiled = options.newCompiled ?? compileModel(newModel);
  const oldBatch = oldCompiled.predictBatch(restride(data.oldValues, data.rows, oldModel.header.features.length, oldCompiled.numFeatures), data.rows);
  const newBatch = newCompiled.predictBatch(restride(data.newValues, data.rows, newModel.header.features.length, newCompiled.numFeatures), data.rows);
  const oldMetricsModel = asMetricsModel(oldModel.header);
  const newMetricsModel = asMetricsModel(newModel.header);
  const oldClasses = classNames(oldMetricsModel);
  const newClasses = classNames(newMetricsModel);
  const byClass = oldClasses !== undefined && newClasses !== undefined;
  const oldWidth = widthOf(oldBatch);
  const newWidth = widthOf(newBatch);
  const width = Math.min(oldWidth, newWidth);
  const deltas = new Float64Array(data.rows).fill(NaN);
  const changed: number[] = [];
  const classCounts = byClass ? oldClasses.map(() => new Array<number>(newClasses.length).fill(0)) : undefined;
  let compared = 0;
  let maxAbsDelta = 0;
  for (let r = 0; r < data.rows; r++) {
    if (oldBatch.errors.has(r) || newBatch.errors.has(r)) continue;
    compared++;
    let delta = 0;
    let isChanged = false;
    for (let k = 0; k < width; k++) {
      const d = newBatch.prediction[r * newWidth + k] - oldBatch.prediction[r * oldWidth + k];
      if (Math.abs(d) > Math.abs(delta) || d !== d) delta = d;
    }
    deltas[r] = delta;
    const magnitude = Math.abs(delta);
    if (magnitude > maxAbsDelta || magnitude !== magnitude) maxAbsDelta = magnitude;
    if (byClass) {
      const before = oldBatch.predictedClass[r];
      const after = newBatch.predictedClass[r];
      classCounts![before][after]++;
      isChanged = oldClasses[before] !== newClasses[after];
    } else {
      isChanged = magnitude > tolerance || magnitude !== magnitude;
    }
    if (isChanged) changed.push(r);
  }
  const largestCount = options.largest ?? 20;
  const order = Array.from({ length: data.rows }, (_, r) => r).filter((r) => deltas[r] === deltas[r] && deltas[r] !== 0);
  order.sort((a, b) => Math.abs(deltas[b]) - Math.abs(deltas[a]) || a - b);
  const largest = order.slice(0, largestCount).map((r): RowDelta => {
    const entry: RowDelta = {
      row: r,
      old: Array.from(oldBatch.prediction.subarray(r * oldWidth, (r + 1) * oldWidth)),
      new: Array.from(newBatch.prediction.subarray(r * newWidth, (r + 1) * newWidth)),
      delta: deltas[r],
    };
    if (byClass) {
      entry.oldClass = oldClasses[oldBatch.predictedClass[r]];
      entry.newClass = newClasses[newBatch.predictedClass[r]];
    }
    return entry;
  });
  const result: PredictionDiff = {
    rows: { compared, predictionChanged: changed.length, maxAbsDelta, unscored: { old: oldBatch.errors.size, new: newBatch.errors.size } },
    byClass,
    tolerance,
    changedRows: Int32Array.from(changed),
    deltas,
    histogram: histogramOf(deltas, options.bins ?? 20),
    largest,
    comparedOutputs: width,
  };
  if (byClass) result.classTable = { oldClasses, newClasses, counts: classCounts! };
  if (data.labels) {
    result.metrics = {
      old: sideMetrics(computeMetrics(oldMetricsModel, oldBatch, data.labels)),
      new: sideMetrics(computeMetrics(newMetricsModel, newBatch, data.labels)),
    };
  }
  return result;
}
