import type { TreeModel } from '../model/types';
import { responseNumber } from './exactJson';

/**
 * The JSON the exported services answer with, one object per row:
 *
 * - `prediction`: the class label (a string, from the model's classes) or class index (a number, when
 *   the model names no classes) for classifiers; the value for single-output regression and ranking;
 *   an array of values otherwise; `null` when the row has no prediction.
 * - `class`: the predicted class index (classifiers).
 * - `probabilities`: per class (classifiers whose transform gives probabilities): the evaluator's
 *   outputs, or `[1 − p, p]` for a single-output binary model (in float32 for XGBoost, as
 *   `XGBClassifier.predict_proba` computes it).
 * - `votes`: per class, for voting forests (Spark), instead of probabilities.
 * - `raw` and `leaves` (with `explain=1`): raw scores per output, and the reached leaf of every tree
 *   numbered as the library numbers it.
 * - `error`: why the row has no prediction (a truncated scikit-learn branch).
 *
 * Numbers are exact: the shortest text that reads back as the same double, `-0` for −0, and the
 * strings `"NaN"`, `"Infinity"`, `"-Infinity"` for non-finite values.
 */
export interface OutputShape {
  isClassifier: boolean;
  classes?: string[];
  numOutputs: number;
  predictionWidth: number;
  scores: 'probabilities' | 'binary' | 'votes' | 'none';
  isFloat32: boolean;
}

/**
 * What a response row is written from: a `RowPrediction`, or one row of a batch (`predictBatch`),
 * which has no `leaves`: those rows are never explained.
 */
export interface RowAnswer {
  raw: ArrayLike<number>;
  prediction: ArrayLike<number> & Iterable<number>;
  predictedClass?: number;
  /** The reached leaf of every tree as the library numbers it (`RowPrediction.leaves`), for `explain`. */
  leaves?: ArrayLike<number>;
  error?: string;
}

/** What the rows of a model's responses hold (see the module comment). */
export function outputShape(model: Omit<TreeModel, 'trees'>): OutputShape {
  const isClassifier = (model.classes?.length ?? 0) > 0 || model.task === 'binary' || model.task === 'multiclass';
  const predictionWidth = model.transform.kind === 'argmax' ? 1 : model.numOutputs;
  let scores: OutputShape['scores'] = 'none';
  if (isClassifier && model.transform.kind !== 'argmax' && model.transform.kind !== 'hinge') {
    if (model.aggregation.kind === 'vote') scores = 'votes';
    else if (model.numOutputs > 1) scores = 'probabilities';
    else if (model.transform.kind === 'sigmoid') scores = 'binary';
  }
  return {
    isClassifier,
    classes: model.classes && model.classes.length > 0 ? model.classes : undefined,
    numOutputs: model.numOutputs,
    predictionWidth,
    scores,
    isFloat32: model.arithmetic.accumulate === 'float32',
  };
}

/** `[1 − p, p]` as the library's `predict_proba` computes it (float32 for XGBoost). */
export function binaryProbabilities(p: number, isFloat32: boolean): [number, number] {
  return [isFloat32 ? Math.fround(1 - p) : 1 - p, p];
}

function numberList(values: ArrayLike<number>): string {
  let text = '[';
  for (let i = 0; i < values.length; i++) text += (i > 0 ? ',' : '') + responseNumber(values[i]);
  return text + ']';
}

/** One row of a response as JSON text (see the module comment). */
export function rowJson(shape: OutputShape, row: RowAnswer, explain: boolean): string {
  let text: string;
  if (row.error !== undefined) {
    text = `{"prediction":null,"error":${JSON.stringify(row.error)}`;
  } else if (shape.isClassifier && row.predictedClass !== undefined) {
    const k = row.predictedClass;
    const label = shape.classes?.[k];
    text = `{"prediction":${label !== undefined ? JSON.stringify(label) : responseNumber(k)},"class":${responseNumber(k)}`;
    if (shape.scores === 'probabilities') text += `,"probabilities":${numberList(row.prediction)}`;
    else if (shape.scores === 'votes') text += `,"votes":${numberList(row.prediction)}`;
    else if (shape.scores === 'binary') text += `,"probabilities":${numberList(binaryProbabilities(row.prediction[0], shape.isFloat32))}`;
  } else {
    text = `{"prediction":${row.prediction.length === 1 ? responseNumber(row.prediction[0]) : numberList(row.prediction)}`;
  }
  if (explain) text += `,"raw":${numberList(row.raw)},"leaves":${numberList(row.leaves ?? [])}`;
  return text + '}';
}

/** One row as CSV cells (for `Accept: text/csv`): the prediction, then the probabilities or votes. */
export function rowCsv(shape: OutputShape, row: RowAnswer): string {
  if (row.error !== undefined) return '';
  const cells: string[] = [];
  if (shape.isClassifier && row.predictedClass !== undefined) {
    const label = shape.classes?.[row.predictedClass];
    cells.push(label !== undefined ? csvCell(label) : String(row.predictedClass));
    if (shape.scores === 'probabilities' || shape.scores === 'votes') for (const value of row.prediction) cells.push(String(value));
    else if (shape.scores === 'binary') for (const value of binaryProbabilities(row.prediction[0], shape.isFloat32)) cells.push(String(value));
  } else {
    for (const value of row.prediction) cells.push(String(value));
  }
  return cells.join(',');
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
