import type { BatchPrediction } from '../eval/types';
import type { TreeModel } from '../model/types';
import { packedOf } from '../model/modelView';
import { csvField, formatNumber } from './format';

/** Which columns a scored table has besides `prediction`. */
export interface OutputOptions {
  /** `raw` (one output) or `raw_<k>`: the raw scores before the output transform. */
  raw?: boolean;
  /**
   * The raw scores instead of `prediction` and `prob…` (implies `raw`): what LightGBM's
   * `predict_raw_score` and XGBoost's `output_margin` give, for a caller that applies its own transform.
   */
  rawOnly?: boolean;
  /** `leaf_<t>` for every tree: the reached leaf as the library numbers it (`LeafNode.sourceId`). */
  leaves?: boolean;
  /** An `error` column saying why a row has no prediction. */
  errorColumn?: boolean;
}

/** True for binary and multiclass models. */
export function isClassifier(model: TreeModel): boolean {
  return model.task === 'binary' || model.task === 'multiclass';
}

/**
 * Whether the transformed predictions of a classifier are class probabilities. They are not for
 * XGBoost `multi:softmax` (the class itself), `binary:hinge` (0 or 1) and raw-margin objectives
 * such as `binary:logitraw` (an identity transform over summed trees).
 */
export function hasProbabilities(model: TreeModel): boolean {
  if (!isClassifier(model)) return false;
  const transform = model.transform.kind;
  if (transform === 'argmax' || transform === 'hinge') return false;
  return !(transform === 'identity' && (model.aggregation.kind === 'sum' || model.aggregation.kind === 'mean'));
}

/** True when some leaf is a scikit-learn `truncated branch`, so some rows may have no prediction. */
export function canFailRows(model: TreeModel): boolean {
  // A packed model answers from its leaf-extras column, without making every tree's node objects.
  const packed = packedOf(model);
  if (packed) return packed.forest.leafTruncatedDepth.some((depth) => depth >= 0);
  return model.trees.some((tree) => tree.nodes.some((node) => node.type === 'leaf' && node.truncatedDepth !== undefined));
}

/** The label of class `index`: the model's class name, else the index. */
export function classLabel(model: TreeModel, index: number): string {
  return model.classes?.[index] ?? String(index);
}

/**
 * Column layout of a scored table, in order: `prediction` (`prediction_<k>` for a multi-output
 * regressor), `prob` (binary: P(second class)) or `prob_<class>` per class, `raw`/`raw_<k>`,
 * `leaf_<t>`, `error`; with `rawOnly`, `raw`/`raw_<k>` in place of the first three.
 */
export class OutputLayout {
  readonly columns: string[] = [];
  private readonly probabilityOutputs: number[] = [];
  private readonly isClassifier: boolean;
  private readonly leafSourceIds: Int32Array[];
  private readonly leafTrees: number;
  /** `raw` or `rawOnly`: the raw columns are written. */
  private readonly hasRaw: boolean;

  constructor(
    private readonly model: TreeModel,
    readonly options: OutputOptions,
  ) {
    this.isClassifier = isClassifier(model);
    const outputs = model.numOutputs;
    // With rawOnly, the raw columns alone stand where these are.
    if (!options.rawOnly) {
      if (this.isClassifier || outputs === 1) this.columns.push('prediction');
      else for (let k = 0; k < outputs; k++) this.columns.push(`prediction_${k}`);
      if (hasProbabilities(model)) {
        if (model.task === 'binary') {
          this.columns.push('prob');
          // One output is P(class 1); two outputs are a distribution whose second entry is P(class 1).
          this.probabilityOutputs.push(outputs === 1 ? 0 : 1);
        } else {
          for (let k = 0; k < outputs; k++) {
            this.columns.push(`prob_${classLabel(model, k)}`);
            this.probabilityOutputs.push(k);
          }
        }
      }
    }
    this.hasRaw = options.raw === true || options.rawOnly === true;
    if (this.hasRaw) {
      if (outputs === 1) this.columns.push('raw');
      else for (let k = 0; k < outputs; k++) this.columns.push(`raw_${k}`);
    }
    // One leaf column per tree as the library counts them (a multi-output scikit-learn tree is one).
    this.leafTrees = model.sourceTreeCount ?? model.trees.length;
    this.leafSourceIds = options.leaves
      ? model.trees.slice(0, this.leafTrees).map((tree) => Int32Array.from(tree.nodes, (node) => node.sourceId))
      : [];
    if (options.leaves) for (let t = 0; t < this.leafTrees; t++) this.columns.push(`leaf_${t}`);
    if (options.errorColumn) this.columns.push('error');
  }

  /**
   * Row `row` of `batch` as one CSV line with its `\n` (cells in `columns` order; the same line as
   * `csvLine` of the cells). `rowError`, when given, replaces the prediction (a row whose cells could
   * not be read); the batch's own errors do the same. Written straight into one string: numbers never
   * need quotes, so only a class label and the error text go through `csvField`. On 100k rows of an
   * XGBoost binary model with `--raw`, about half the time of an array of cells per row joined by `csvLine`.
   */
  formatLine(batch: BatchPrediction, row: number, rowError?: string): string {
    let line = '';
    // The separator before the next cell: none before the first.
    let comma = '';
    const outputs = batch.numOutputs;
    const error = rowError ?? batch.errors.get(row);
    const base = row * outputs;
    if (error !== undefined) {
      const empty = this.columns.length - (this.options.leaves ? this.leafTrees : 0) - (this.options.errorColumn ? 1 : 0);
      for (let index = 0; index < empty; index++) {
        line += comma;
        comma = ',';
      }
    } else {
      if (!this.options.rawOnly) {
        if (this.isClassifier) {
          const predicted = batch.predictedClass[row];
          line = predicted >= 0 ? csvField(classLabel(this.model, predicted)) : formatNumber(batch.prediction[base]);
        } else {
          line = formatNumber(batch.prediction[base]);
          for (let k = 1; k < outputs; k++) line += ',' + formatNumber(batch.prediction[base + k]);
        }
        comma = ',';
        for (const k of this.probabilityOutputs) line += ',' + formatNumber(batch.prediction[base + k]);
      }
      if (this.hasRaw) {
        for (let k = 0; k < outputs; k++) {
          line += comma + formatNumber(batch.raw[base + k]);
          comma = ',';
        }
      }
    }
    if (this.options.leaves) {
      const trees = batch.numTrees;
      const leafNodes = batch.leafNodes;
      for (let t = 0; t < this.leafTrees; t++) {
        const node = rowError === undefined && leafNodes ? leafNodes[row * trees + t] : -1;
        line += node >= 0 ? comma + this.leafSourceIds[t][node] : comma;
        comma = ',';
      }
    }
    if (this.options.errorColumn) line += comma + csvField(error ?? '');
    return line + '\n';
  }
}
