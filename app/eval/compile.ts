/*
 * compileModel: plans a model (aggregation, arithmetic, transform) over the flat arrays of flat.ts and
 * scores rows one at a time (with leaves and paths) or in blocks with the walkers of walk.ts.
 */
import { packModel } from '../model/forestBuilder';
import { NODE_LEAF, type ModelHeader, type PackedModel } from '../model/packed';
import type { TreeModel } from '../model/types';
import type { BatchPrediction, CompiledModel, PredictOptions, RowPredictionWithPaths } from './types';
import { ZERO_THRESHOLD } from './decide';
import { LEAF_CONSTANT, LEAF_LINEAR, LEAF_TRUNCATED, NUMERIC_LE, decideSlow, findLeaf, flatten, linearOutput, truncatedMessage, type FlatModel } from './flat';
import { applyTransform, argmax } from './transform';
import { numericWalkOf, walkBlock, walkCompleteBlock, type NumericWalk } from './walk';

// Aggregation modes.
const SUM_DOUBLE = 0;
const SUM_FLOAT = 1;
const MEAN = 2;
const VOTE = 3;
const DISTRIBUTION = 4;

/** Rows scored together, one tree at a time, so each tree stays in cache (PERFORMANCE.md). */
const BLOCK_ROWS = 256;

/** Everything `compileModel` needs besides the flat arrays. */
interface Plan {
  flat: FlatModel;
  /**
   * The lock-step block walk's layouts (only when every split is a plain `<=`), made by `walkFor`
   * the first time a batch is big enough to use them: a service answering its first single row, or
   * a page scoring one vector, never pays for them.
   */
  walk?: NumericWalk | null;
  numFeatures: number;
  numOutputs: number;
  numTrees: number;
  mode: number;
  base: Float64Array;
  /** Trees per output, for `mean`. */
  treesPerOutput: Float64Array;
  averageOver: number;
  float32Input: boolean;
  /** LightGBM reads |x| ≤ kZeroThreshold as 0.0 (Arithmetic.zeroTinyInputs). */
  zeroTiny: boolean;
  isFloat32: boolean;
  hasClasses: boolean;
  predictionWidth: number;
  model: ModelHeader;
  /** Where each tree's nodes start in the packed forest (the index space of `leafCounts`). */
  treeNodeStart: ArrayLike<number>;
}

function planOf(packed: PackedModel, layout?: FlatModel): Plan {
  const model = packed.header;
  const forest = packed.forest;
  const numOutputs = model.numOutputs;
  const aggregation = model.aggregation;
  const isFloat32 = model.arithmetic.accumulate === 'float32';
  const base = new Float64Array(numOutputs);
  let averageOver = 1;
  let mode: number;
  if (aggregation.kind === 'sum') {
    mode = isFloat32 ? SUM_FLOAT : SUM_DOUBLE;
    for (let k = 0; k < numOutputs; k++) {
      const value = aggregation.base[k] ?? aggregation.base[0] ?? 0;
      base[k] = isFloat32 ? Math.fround(value) : value;
    }
    averageOver = aggregation.averageOver ?? 1;
  } else if (aggregation.kind === 'mean') mode = MEAN;
  else if (aggregation.kind === 'vote') mode = VOTE;
  else mode = DISTRIBUTION;
  const numTrees = forest.treeCount;
  if (mode === DISTRIBUTION && numTrees !== 1) {
    throw new RangeError(`a 'distribution' model must hold exactly one tree, found ${numTrees}`);
  }
  if (mode === VOTE) {
    for (let index = 0; index < numTrees; index++) {
      for (let row = forest.treeNodeStart[index]; row < forest.treeNodeStart[index + 1]; row++) {
        if (forest.kind[row] !== NODE_LEAF) continue;
        const extra = forest.extra[row];
        const vote = extra < 0 ? forest.value[row] : forest.leafValueStart[extra + 1] > forest.leafValueStart[extra] ? forest.leafValues[forest.leafValueStart[extra]] : NaN;
        if (!(Number.isInteger(vote) && vote >= 0 && vote < numOutputs)) {
          throw new RangeError(`tree ${index} leaf ${forest.sourceId[row]} votes for class ${vote}, but a vote must be a class index below ${numOutputs}`);
        }
      }
    }
  }
  const treesPerOutput = new Float64Array(numOutputs);
  for (let index = 0; index < numTrees; index++) {
    const output = forest.treeOutput[index];
    if (!(output >= 0 && output < numOutputs)) {
      throw new RangeError(`tree ${index} adds to output ${output}, but the model has ${numOutputs} outputs`);
    }
    treesPerOutput[output]++;
  }
  const hasClasses = (model.classes?.length ?? 0) > 0 || model.task === 'binary' || model.task === 'multiclass';
  if (layout && layout.roots.length !== numTrees) throw new RangeError(`the evaluator layout holds ${layout.roots.length} trees, the model ${numTrees}`);
  const flat = layout ?? flatten(forest, model.features.length);
  const numFeatures = flat.numFeatures;
  return {
    flat,
    walk: flat.isAllNumeric ? undefined : null,
    numFeatures,
    numOutputs,
    numTrees,
    mode,
    base,
    treesPerOutput,
    averageOver,
    float32Input: model.arithmetic.input === 'float32',
    zeroTiny: model.arithmetic.zeroTinyInputs === true,
    isFloat32,
    hasClasses,
    predictionWidth: model.transform.kind === 'argmax' ? 1 : numOutputs,
    model,
    treeNodeStart: forest.treeNodeStart,
  };
}

/** Batches smaller than this walk each row on its own: the block walk's layouts would cost more than they save. */
const MIN_BLOCK_WALK_ROWS = 32;

/** The block walk for a batch of `rows`, made once per model when first worth it; undefined: walk rows one by one. */
function walkFor(plan: Plan, rows: number): NumericWalk | undefined {
  if (plan.walk === null || rows < MIN_BLOCK_WALK_ROWS) return plan.walk ?? undefined;
  plan.walk ??= numericWalkOf(plan.flat);
  return plan.walk;
}

/** Adds one tree's leaf output to a row's accumulator, the way the library does. */
function accumulate(plan: Plan, accumulator: Float64Array, offset: number, tree: number, value: number): void {
  const flat = plan.flat;
  switch (plan.mode) {
    case SUM_DOUBLE:
    case MEAN:
      accumulator[offset + flat.treeOutput[tree]] += flat.treeWeight[tree] * value;
      return;
    case SUM_FLOAT: {
      const weight = flat.treeWeight[tree];
      const index = offset + flat.treeOutput[tree];
      accumulator[index] = Math.fround(accumulator[index] + (weight === 1 ? value : Math.fround(weight * value)));
      return;
    }
    case VOTE:
      if (value >= 0 && value < plan.numOutputs && Number.isInteger(value)) accumulator[offset + value] += 1;
      return;
    default:
      return; // DISTRIBUTION is resolved from the leaf in `finishRow`.
  }
}

/**
 * Turns a row's accumulator into raw scores, predictions and the class. `leaf` is the reached leaf
 * of the single tree for `distribution` models. Returns the class index or -1.
 */
function finishRow(
  plan: Plan,
  accumulator: Float64Array,
  offset: number,
  leaf: number,
  raw: Float64Array | number[],
  rawOffset: number,
  prediction: Float64Array | number[],
  predictionOffset: number,
  scratch: Float64Array,
): number {
  const numOutputs = plan.numOutputs;
  const model = plan.model;
  if (plan.mode === MEAN) {
    for (let k = 0; k < numOutputs; k++) raw[rawOffset + k] = accumulator[offset + k] / plan.treesPerOutput[k];
  } else if (plan.mode === DISTRIBUTION) {
    const flat = plan.flat;
    const length = flat.vectorLength[leaf];
    if (length === numOutputs && (numOutputs > 1 || flat.leafClass[leaf] < 0)) {
      let sum = 0;
      const start = flat.vectorStart[leaf];
      for (let k = 0; k < numOutputs; k++) sum += flat.vectors[start + k];
      // scikit-learn's predict_proba: a zero total divides by 1.
      const divisor = sum === 0 ? 1 : sum;
      for (let k = 0; k < numOutputs; k++) raw[rawOffset + k] = flat.vectors[start + k] / divisor;
    } else {
      const classIndex = flat.leafClass[leaf];
      for (let k = 0; k < numOutputs; k++) raw[rawOffset + k] = k === classIndex ? 1 : 0;
    }
  } else {
    for (let k = 0; k < numOutputs; k++) raw[rawOffset + k] = accumulator[offset + k];
  }
  // `average_output`: the prediction divides by the iteration count, the raw score does not.
  let source: ArrayLike<number> = raw;
  let sourceOffset = rawOffset;
  if (plan.averageOver !== 1) {
    for (let k = 0; k < numOutputs; k++) scratch[k] = raw[rawOffset + k] / plan.averageOver;
    source = scratch;
    sourceOffset = 0;
  }
  applyTransform(model.transform, source, sourceOffset, numOutputs, prediction, predictionOffset, plan.isFloat32);
  if (!plan.hasClasses) return -1;
  if (model.transform.kind === 'argmax') return prediction[predictionOffset];
  if (numOutputs > 1) return argmax(prediction, predictionOffset, numOutputs);
  const kind = model.transform.kind;
  if (kind === 'hinge') return prediction[predictionOffset];
  // Double-precision sigmoid models (Spark GBT: label 1 iff margin > 0) decide on the margin, which
  // agrees with P > 0.5 except below ~1e-16 where the double sigmoid rounds to 0.5. XGBoost's float32
  // sigmoid reaches 0.5f already at margins ~3e-8, and XGBClassifier then says class 0: use P > 0.5.
  if (kind === 'sigmoid' && !plan.isFloat32) return source[sourceOffset] > 0 ? 1 : 0;
  return prediction[predictionOffset] > 0.5 ? 1 : 0;
}

/** Copies a row (padding with NaN, rounding to float32 when the library does) into `target`. */
function loadRow(plan: Plan, values: ArrayLike<number>, sourceOffset: number, target: Float64Array, targetOffset: number): void {
  const count = plan.numFeatures;
  const available = Math.min(count, values.length - sourceOffset);
  if (plan.float32Input) {
    for (let j = 0; j < available; j++) target[targetOffset + j] = Math.fround(values[sourceOffset + j]);
  } else {
    for (let j = 0; j < available; j++) target[targetOffset + j] = values[sourceOffset + j];
  }
  for (let j = Math.max(available, 0); j < count; j++) target[targetOffset + j] = NaN;
  if (plan.zeroTiny) zeroTinyValues(target, targetOffset, targetOffset + count);
}

/** LightGBM's row readers keep a value only if |x| > kZeroThreshold (or NaN); the rest is 0.0. */
function zeroTinyValues(data: Float64Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const x = data[i];
    if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) data[i] = 0;
  }
}

function predictRowWith(plan: Plan, values: ArrayLike<number>, options?: PredictOptions): RowPredictionWithPaths {
  const { flat, numOutputs, numTrees } = plan;
  const row = new Float64Array(plan.numFeatures);
  loadRow(plan, values, 0, row, 0);
  const accumulator = Float64Array.from(plan.base);
  const leaves = new Array<number>(numTrees);
  const leafNodes = new Array<number>(numTrees);
  const leafValues = new Array<number>(numTrees);
  const paths: number[][] | undefined = options?.paths ? [] : undefined;
  let error: string | undefined;
  let lastLeaf = -1;
  for (let tree = 0; tree < numTrees; tree++) {
    const leaf = findLeaf(flat, flat.roots[tree], row, 0, plan.float32Input);
    lastLeaf = leaf;
    leaves[tree] = flat.leafSourceId[leaf];
    leafNodes[tree] = flat.leafIrId[leaf];
    const leafKind = flat.leafKind[leaf];
    let value = flat.leafValue[leaf];
    if (leafKind === LEAF_LINEAR) value = linearOutput(flat, leaf, row, 0);
    else if (leafKind === LEAF_TRUNCATED) {
      value = NaN;
      error ??= truncatedMessage(flat, tree, leaf);
    }
    if (plan.mode === DISTRIBUTION) value = flat.leafClass[leaf] >= 0 ? flat.leafClass[leaf] : argmax(flat.vectors, flat.vectorStart[leaf], flat.vectorLength[leaf]);
    leafValues[tree] = value;
    accumulate(plan, accumulator, 0, tree, value);
    if (paths) paths.push(pathOf(flat, flat.roots[tree], row, plan.float32Input));
  }
  const raw = new Array<number>(numOutputs);
  const prediction = new Array<number>(plan.predictionWidth);
  const predictedClass = finishRow(plan, accumulator, 0, lastLeaf, raw, 0, prediction, 0, new Float64Array(numOutputs));
  const result: RowPredictionWithPaths = { raw, prediction, leaves, leafNodes, leafValues };
  if (error !== undefined) {
    result.error = error;
    raw.fill(NaN);
    prediction.fill(NaN);
  } else if (predictedClass >= 0) result.predictedClass = predictedClass;
  if (paths) result.paths = paths;
  return result;
}

function pathOf(flat: FlatModel, root: number, row: Float64Array, float32Input: boolean): number[] {
  const path: number[] = [];
  let node = root;
  while (node >= 0) {
    path.push(flat.splitIrId[node]);
    const x = row[flat.feature[node]];
    if (x !== x) node = flat.missing[node];
    else if (flat.kind[node] === NUMERIC_LE) node = x <= flat.threshold[node] ? flat.left[node] : flat.right[node];
    else node = decideSlow(flat, node, x, float32Input);
  }
  path.push(flat.leafIrId[~node]);
  return path;
}

function predictBatchWith(plan: Plan, values: Float64Array, rows: number, wantLeafNodes: boolean, leafCounts: Int32Array | undefined): BatchPrediction {
  const { flat, numOutputs, numTrees, numFeatures, mode } = plan;
  if (values.length < rows * numFeatures) {
    throw new RangeError(`predictBatch needs ${rows} × ${numFeatures} values, got ${values.length}`);
  }
  const treeNodeStart = plan.treeNodeStart;
  if (leafCounts && leafCounts.length < treeNodeStart[numTrees]) throw new RangeError(`leafCounts holds ${leafCounts.length} counts, the model has ${treeNodeStart[numTrees]} nodes`);
  const raw = new Float64Array(rows * numOutputs);
  const prediction = new Float64Array(rows * plan.predictionWidth);
  const predictedClass = new Int32Array(rows);
  const leafNodes = wantLeafNodes ? new Int32Array(rows * numTrees) : undefined;
  const errors = new Map<number, string>();
  const accumulator = new Float64Array(BLOCK_ROWS * numOutputs);
  const blockLeaves = new Int32Array(BLOCK_ROWS);
  const distributionLeaves = new Int32Array(BLOCK_ROWS);
  // Leaf ids of a block, tree by tree (sequential writes), copied to the rows × trees result once
  // per block: writing that result tree by tree touched a cache line per row and tree, which cost
  // more than the walk on a 1,000-tree model and kept two threads from scaling.
  const blockLeafNodes = leafNodes ? new Int32Array(BLOCK_ROWS * numTrees) : undefined;
  const walk = walkFor(plan, rows);
  const scratch = new Float64Array(numOutputs);
  // XGBoost and scikit-learn compare float32 inputs: round a block once, not at every node.
  // LightGBM's tiny-to-zero rule also needs a private copy of the block.
  const rounded = plan.float32Input || plan.zeroTiny ? new Float64Array(BLOCK_ROWS * numFeatures) : undefined;
  const float32Block = plan.float32Input ? new Float32Array(BLOCK_ROWS * numFeatures) : undefined;
  const float32Input = plan.float32Input;
  const leafKind = flat.leafKind;
  const leafValue = flat.leafValue;
  const treeOutput = flat.treeOutput;
  const treeWeight = flat.treeWeight;
  const hasSpecialLeaves = leafKind.some((kind) => kind !== LEAF_CONSTANT);

  for (let first = 0; first < rows; first += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, rows - first);
    let data = values;
    let dataBase = first * numFeatures;
    if (rounded) {
      const end = (first + count) * numFeatures;
      if (float32Block) {
        // Typed-array conversion rounds to nearest like C's (float) cast, and runs as native code.
        const part = float32Block.subarray(0, end - first * numFeatures);
        part.set(values.subarray(first * numFeatures, end));
        rounded.set(part);
      } else rounded.set(values.subarray(first * numFeatures, end));
      if (plan.zeroTiny) zeroTinyValues(rounded, 0, count * numFeatures);
      data = rounded;
      dataBase = 0;
    }
    for (let r = 0; r < count; r++) for (let k = 0; k < numOutputs; k++) accumulator[r * numOutputs + k] = plan.base[k];

    for (let tree = 0; tree < numTrees; tree++) {
      const root = flat.roots[tree];
      const output = treeOutput[tree];
      const weight = treeWeight[tree];
      if (walk && walk.completeOffset[tree] >= 0) walkCompleteBlock(walk, tree, data, dataBase, numFeatures, count, blockLeaves);
      else if (walk) walkBlock(walk, tree, data, dataBase, numFeatures, count, blockLeaves);
      else for (let r = 0, base = dataBase; r < count; r++, base += numFeatures) blockLeaves[r] = root >= 0 ? findLeaf(flat, root, data, base, float32Input) : ~root;
      if (blockLeafNodes) for (let r = 0, at = tree * count; r < count; r++, at++) blockLeafNodes[at] = flat.leafIrId[blockLeaves[r]];
      if (leafCounts) for (let r = 0, start = treeNodeStart[tree]; r < count; r++) leafCounts[start + flat.leafIrId[blockLeaves[r]]]++;
      // Plain boosting sums get tight loops of their own; everything else takes the general one.
      if (!hasSpecialLeaves && mode === SUM_FLOAT && weight === 1) {
        for (let r = 0, index = output; r < count; r++, index += numOutputs) accumulator[index] = Math.fround(accumulator[index] + leafValue[blockLeaves[r]]);
        continue;
      }
      if (!hasSpecialLeaves && mode === SUM_DOUBLE) {
        for (let r = 0, index = output; r < count; r++, index += numOutputs) accumulator[index] += weight * leafValue[blockLeaves[r]];
        continue;
      }
      for (let r = 0, base = dataBase; r < count; r++, base += numFeatures) {
        const leaf = blockLeaves[r];
        let value = leafValue[leaf];
        if (hasSpecialLeaves && leafKind[leaf] !== LEAF_CONSTANT) {
          if (leafKind[leaf] === LEAF_LINEAR) value = linearOutput(flat, leaf, data, base);
          else {
            value = NaN;
            if (!errors.has(first + r)) errors.set(first + r, truncatedMessage(flat, tree, leaf));
          }
        }
        // The common modes inline; the rest go through `accumulate`.
        const index = r * numOutputs + output;
        if (mode === SUM_DOUBLE) accumulator[index] += weight * value;
        else if (mode === SUM_FLOAT) accumulator[index] = Math.fround(accumulator[index] + (weight === 1 ? value : Math.fround(weight * value)));
        else if (mode === DISTRIBUTION) distributionLeaves[r] = leaf;
        else accumulate(plan, accumulator, r * numOutputs, tree, value);
      }
    }

    if (leafNodes && blockLeafNodes) {
      for (let r = 0, at = first * numTrees; r < count; r++) for (let tree = 0, from = r; tree < numTrees; tree++, from += count) leafNodes[at++] = blockLeafNodes[from];
    }
    for (let r = 0; r < count; r++) {
      const row = first + r;
      predictedClass[row] = finishRow(plan, accumulator, r * numOutputs, distributionLeaves[r], raw, row * numOutputs, prediction, row * plan.predictionWidth, scratch);
      if (errors.has(row)) {
        raw.fill(NaN, row * numOutputs, (row + 1) * numOutputs);
        prediction.fill(NaN, row * plan.predictionWidth, (row + 1) * plan.predictionWidth);
        predictedClass[row] = -1;
      }
    }
  }
  const result: BatchPrediction = { rows, numOutputs, numTrees, raw, prediction, predictedClass, errors, predictionWidth: plan.predictionWidth };
  if (leafNodes) result.leafNodes = leafNodes;
  return result;
}

export interface CompileOptions {
  /**
   * The model's layout from `layoutOf` (an exported service reads it from its file, see
   * flatCodec.ts), instead of laying the forest out again.
   */
  layout?: FlatModel;
}

/** The evaluator's layout of a model (what `compileModel` makes first), for `CompileOptions.layout`. */
export function layoutOf(model: PackedModel): FlatModel {
  return flatten(model.forest, model.header.features.length);
}

/**
 * Prepares a model for scoring: flattens every tree into typed arrays once. The result scores single
 * rows (with leaves and optional decision paths) and row-major batches, exactly as the IR's rules say.
 * Throws RangeError when the IR is inconsistent (a feature or output index out of range).
 */
export function compileModel(model: PackedModel | TreeModel, options: CompileOptions = {}): CompiledModel {
  const plan = planOf('forest' in model ? model : packModel(model), options.layout);
  return {
    numFeatures: plan.numFeatures,
    numOutputs: plan.numOutputs,
    numTrees: plan.numTrees,
    predictRow: (values, options) => predictRowWith(plan, values, options),
    predictBatch: (values, rows, options) => predictBatchWith(plan, values, rows, options?.leafNodes ?? false, options?.leafCounts),
  };
}
