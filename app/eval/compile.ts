/*
 * compileModel: plans a model (aggregation, arithmetic, transform) over the flat arrays of flat.ts and
 * scores rows one at a time (with leaves and paths) or in blocks with the walkers of walk.ts.
 */
import { packModel } from '../model/forestBuilder';
import { NODE_LEAF, type ModelHeader, type PackedForest, type PackedModel } from '../model/packed';
import type { TreeModel } from '../model/types';
import type { BatchPrediction, CompiledModel, KernelChoice, KernelState, PredictOptions, RowPredictionWithPaths } from './types';
import { ZERO_THRESHOLD } from './decide';
import { LEAF_CONSTANT, LEAF_LINEAR, LEAF_TRUNCATED, NUMERIC_LE, decideSlow, findLeaf, flatten, hasSpecialLeaf, linearOutput, truncatedMessage, type FlatModel } from './flat';
import { applyTransform, argmax } from './transform';
import { numericWalkOf, walkBlock, walkCompleteBlock, type NumericWalk } from './walk';
import { compileTreeKernel, type KernelRefusal, type KernelSums, type TreeKernel } from './wasm';

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
  /** Which leaf finder batches use: `auto` compiles once enough rows have come (see `kernelFor`). */
  kernelChoice: KernelChoice;
  /** The compiled trees, or why the interpreter scores this model; undefined until first needed. */
  kernel?: TreeKernel | KernelRefusal;
  /** Rows scored in batches so far, for `auto`. */
  rowsSeen: number;
  /** Some leaf is linear or truncated (worked out once: a streamed CSV calls predictBatch per chunk). */
  hasSpecialLeaves: boolean;
  /** The tree of every global leaf (made with the kernel). */
  leafTree?: Int32Array;
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
  /** The packed forest: its `treeNodeStart` is the index space of `leafCounts` (read only when counting). */
  forest: PackedForest;
  /** A batch's working arrays, kept for the next batch (see `blockScratchOf`). */
  blockScratch?: BlockScratch;
}

/**
 * The arrays a batch works in and never returns, for blocks of up to `rows` rows: each is written
 * before it is read in every block, so a batch may take the last one's. A service scoring one row
 * per request then allocates only what it answers with.
 */
interface BlockScratch {
  rows: number;
  blockLeaves: Int32Array;
  distributionLeaves: Int32Array;
  outputs: Float64Array;
  /** The interpreter's private copy of a block (float32 inputs, LightGBM's tiny values), when it needs one. */
  rounded: Float64Array | undefined;
  float32Block: Float32Array | undefined;
}

/** The most block values a compiled model keeps between batches (1 MiB as doubles); a wider block's arrays are made per batch. */
const KEPT_BLOCK_VALUES = 131_072;

function blockScratchOf(plan: Plan, rows: number): BlockScratch {
  const kept = plan.blockScratch;
  if (kept && kept.rows >= rows) return kept;
  const size = plan.numFeatures * rows;
  const scratch: BlockScratch = {
    rows,
    blockLeaves: new Int32Array(rows),
    distributionLeaves: new Int32Array(rows),
    outputs: new Float64Array(plan.numOutputs),
    rounded: plan.float32Input || plan.zeroTiny ? new Float64Array(size) : undefined,
    float32Block: plan.float32Input ? new Float32Array(size) : undefined,
  };
  // A model of thousands of features does not hold its block's copies after scoring.
  if (size <= KEPT_BLOCK_VALUES) plan.blockScratch = scratch;
  return scratch;
}

function planOf(packed: PackedModel, layout: FlatModel | undefined, kernelChoice: KernelChoice): Plan {
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
  if (layout && layout.roots.length !== numTrees) throw new RangeError(`the evaluator layout holds ${layout.roots.length} trees, the model ${numTrees}`);
  // The layout's copy where there is one: an exported service's forest columns are read only when used.
  const treeOutput = layout?.treeOutput ?? forest.treeOutput;
  const treesPerOutput = new Float64Array(numOutputs);
  for (let index = 0; index < numTrees; index++) {
    const output = treeOutput[index];
    if (!(output >= 0 && output < numOutputs)) {
      throw new RangeError(`tree ${index} adds to output ${output}, but the model has ${numOutputs} outputs`);
    }
    treesPerOutput[output]++;
  }
  const hasClasses = (model.classes?.length ?? 0) > 0 || model.task === 'binary' || model.task === 'multiclass';
  const flat = layout ?? flatten(forest, model.features.length);
  const numFeatures = flat.numFeatures;
  return {
    flat,
    walk: flat.isAllNumeric ? undefined : null,
    kernelChoice,
    rowsSeen: 0,
    hasSpecialLeaves: hasSpecialLeaf(flat.leafKind),
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
    forest,
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

/**
 * Rows a model must have been asked to score in batches before `auto` compiles it: compiling costs
 * about as much as scoring a few thousand rows with the interpreter (measured by the scoring bench),
 * so a service answering single rows or a page scoring a few vectors never pays for it.
 */
const KERNEL_MIN_ROWS = 4096;

/** The compiled trees for a batch of `rows`, compiled on first need; undefined: use the interpreter. */
function kernelFor(plan: Plan, rows: number): TreeKernel | undefined {
  plan.rowsSeen += rows;
  if (plan.kernelChoice === 'interpreter') return undefined;
  if (plan.kernel === undefined && (plan.kernelChoice === 'wasm' || plan.rowsSeen >= KERNEL_MIN_ROWS)) compileKernel(plan);
  return plan.kernel?.kind === 'wasm' ? plan.kernel : undefined;
}

function compileKernel(plan: Plan): TreeKernel | KernelRefusal {
  plan.leafTree = leafTreesOf(plan.flat);
  plan.kernel = compileTreeKernel(plan.flat, BLOCK_ROWS, kernelSums(plan, plan.leafTree), plan.float32Input);
  return plan.kernel;
}

/** The tree of every global leaf. */
function leafTreesOf(flat: FlatModel): Int32Array {
  const leafTree = new Int32Array(flat.leafKind.length);
  for (let tree = 0; tree < flat.roots.length; tree++) {
    const stack = [flat.roots[tree]];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node >= 0) stack.push(flat.children[2 * node], flat.children[2 * node + 1]);
      else leafTree[~node] = tree;
    }
  }
  return leafTree;
}

/** Adds the compiled trees' rows per global leaf to `leafCounts` (indexed as `NodeTraffic.counts`) and zeroes them. */
function takeKernelCounts(plan: Plan, kernel: TreeKernel, leafCounts: Int32Array): void {
  const counts = kernel.leafCounts;
  const leafTree = plan.leafTree!;
  const leafIrId = plan.flat.leafIrId;
  const treeNodeStart = plan.forest.treeNodeStart;
  for (let leaf = 0; leaf < counts.length; leaf++) {
    if (counts[leaf] !== 0) leafCounts[treeNodeStart[leafTree[leaf]] + leafIrId[leaf]] += counts[leaf];
  }
  counts.fill(0);
}

/**
 * The sums the compiled trees can do themselves: the plain boosting sums that `addDoubleLeaves` and
 * `addFloatLeaves` do, with each leaf's addend (weight × value) worked out once here.
 */
function kernelSums(plan: Plan, leafTree: Int32Array): KernelSums | undefined {
  const flat = plan.flat;
  if (plan.hasSpecialLeaves) return undefined;
  const isFloat32 = plan.mode === SUM_FLOAT;
  if (!(plan.mode === SUM_DOUBLE || (isFloat32 && flat.treeWeight.every((weight) => weight === 1)))) return undefined;
  const addend = new Float64Array(flat.leafValue.length);
  for (let leaf = 0; leaf < addend.length; leaf++) addend[leaf] = isFloat32 ? flat.leafValue[leaf] : flat.treeWeight[leafTree[leaf]] * flat.leafValue[leaf];
  return { addend, treeOutput: flat.treeOutput, numOutputs: plan.numOutputs, isFloat32 };
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
  // Once the trees are compiled (a big batch, or `prepare`), a single row takes them too: on the
  // 500 × 255-leaf model, 32–36 µs against the interpreter's 80–110 µs. The leaves are the same.
  const kernel = !paths && plan.kernel?.kind === 'wasm' ? plan.kernel : undefined;
  const kernelSums = kernel?.accumulator;
  if (kernel) {
    // The row as a batch's block holds it (`scoreBlock`): `loadRow` already rounded and zeroed it.
    kernel.input.set(row);
    if (kernelSums) kernelSums.set(accumulator);
    kernel.walk(1);
    if (kernelSums) accumulator.set(kernelSums.subarray(0, numOutputs));
  }
  let error: string | undefined;
  let lastLeaf = -1;
  for (let tree = 0; tree < numTrees; tree++) {
    // With one row in the block, tree t's leaf is at index t.
    const leaf = kernel ? kernel.leaves[tree] : findLeaf(flat, flat.roots[tree], row, 0, plan.float32Input);
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
    // The compiled trees added the plain sums already, with the same arithmetic.
    if (!kernelSums) accumulate(plan, accumulator, 0, tree, value);
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
    else if (flat.kind[node] === NUMERIC_LE) node = x <= flat.threshold[node] ? flat.children[2 * node] : flat.children[2 * node + 1];
    else node = decideSlow(flat, node, x, float32Input);
  }
  path.push(flat.leafIrId[~node]);
  return path;
}

/**
 * Everything the blocks of one batch share. The work is split into small functions over this one
 * object shape: one big function with the whole batch loop inside ran unoptimised until V8 replaced
 * it on the stack, then fell back each time a path without type feedback came up (the first pass over
 * 100k rows took 1.4 s longer than the second).
 */
interface BatchRun {
  plan: Plan;
  values: Float64Array;
  raw: Float64Array;
  prediction: Float64Array;
  predictedClass: Int32Array;
  leafNodes: Int32Array | undefined;
  leafCounts: Int32Array | undefined;
  errors: Map<number, string>;
  accumulator: Float64Array;
  /** The interpreter's leaves of one tree for the block. */
  blockLeaves: Int32Array;
  distributionLeaves: Int32Array;
  /**
   * Leaf ids of a block, tree by tree (sequential writes), copied to the rows × trees result once
   * per block: writing that result tree by tree touched a cache line per row and tree, which cost
   * more than the walk on a 1,000-tree model and kept two threads from scaling.
   */
  blockLeafNodes: Int32Array | undefined;
  kernel: TreeKernel | undefined;
  walk: NumericWalk | undefined;
  scratch: Float64Array;
  /** The block's private copy (rounded to float32, tiny values zeroed, or for the compiled trees). */
  rounded: Float64Array | undefined;
  float32Block: Float32Array | undefined;
}

function predictBatchWith(plan: Plan, values: Float64Array, rows: number, wantLeafNodes: boolean, leafCounts: Int32Array | undefined): BatchPrediction {
  const { flat, numOutputs, numTrees, numFeatures } = plan;
  if (values.length < rows * numFeatures) {
    throw new RangeError(`predictBatch needs ${rows} × ${numFeatures} values, got ${values.length}`);
  }
  const nodeCount = plan.forest.nodeCount;
  if (leafCounts && leafCounts.length < nodeCount) throw new RangeError(`leafCounts holds ${leafCounts.length} counts, the model has ${nodeCount} nodes`);
  const leafNodes = wantLeafNodes ? new Int32Array(rows * numTrees) : undefined;
  const kernel = kernelFor(plan, rows);
  // A request of one row (a service, a slider) allocates for one row, not for a whole block.
  const blockRows = Math.min(rows, BLOCK_ROWS);
  const scratch = blockScratchOf(plan, blockRows);
  const run: BatchRun = {
    plan,
    values,
    raw: new Float64Array(rows * numOutputs),
    prediction: new Float64Array(rows * plan.predictionWidth),
    predictedClass: new Int32Array(rows),
    leafNodes,
    leafCounts,
    errors: new Map<number, string>(),
    // The compiled trees that sum keep the running sums in their memory.
    accumulator: kernel?.accumulator ?? new Float64Array(blockRows * numOutputs),
    blockLeaves: scratch.blockLeaves,
    distributionLeaves: scratch.distributionLeaves,
    blockLeafNodes: leafNodes ? new Int32Array(blockRows * numTrees) : undefined,
    kernel,
    walk: kernel ? undefined : walkFor(plan, rows),
    scratch: scratch.outputs,
    // XGBoost and scikit-learn compare float32 inputs: round a block once, not at every node.
    // LightGBM's tiny-to-zero rule also needs a private copy of the block, and the compiled trees
    // read the block from their own memory.
    rounded: kernel ? kernel.input : scratch.rounded,
    float32Block: scratch.float32Block,
  };
  for (let first = 0; first < rows; first += BLOCK_ROWS) scoreBlock(run, first, Math.min(BLOCK_ROWS, rows - first));
  if (kernel && leafCounts) takeKernelCounts(plan, kernel, leafCounts);
  const result: BatchPrediction = { rows, numOutputs, numTrees, raw: run.raw, prediction: run.prediction, predictedClass: run.predictedClass, errors: run.errors, predictionWidth: plan.predictionWidth };
  if (leafNodes) result.leafNodes = leafNodes;
  return result;
}

/** Scores rows `first … first + count − 1` (at most one block). */
function scoreBlock(run: BatchRun, first: number, count: number): void {
  const plan = run.plan;
  const { flat, numOutputs, numTrees, numFeatures, mode } = plan;
  let data = run.values;
  let dataBase = first * numFeatures;
  const rounded = run.rounded;
  if (rounded) {
    const end = (first + count) * numFeatures;
    if (run.float32Block) {
      // Typed-array conversion rounds to nearest like C's (float) cast, and runs as native code.
      const part = run.float32Block.subarray(0, end - first * numFeatures);
      part.set(run.values.subarray(first * numFeatures, end));
      rounded.set(part);
    } else rounded.set(run.values.subarray(first * numFeatures, end));
    if (plan.zeroTiny) zeroTinyValues(rounded, 0, count * numFeatures);
    data = rounded;
    dataBase = 0;
  }
  const accumulator = run.accumulator;
  for (let r = 0; r < count; r++) for (let k = 0; k < numOutputs; k++) accumulator[r * numOutputs + k] = plan.base[k];
  const kernel = run.kernel;
  // The compiled trees count rows per leaf themselves (folded into `leafCounts` once per batch).
  kernel?.walk(count, run.leafCounts !== undefined);
  const treeOutput = flat.treeOutput;
  const treeWeight = flat.treeWeight;
  const hasSums = kernel?.accumulator !== undefined;
  // Compiled trees that sum and count leave only the leaf ids to copy, when they are asked for.
  const treeCount = hasSums && !run.blockLeafNodes ? 0 : numTrees;
  for (let tree = 0; tree < treeCount; tree++) {
    // The compiled trees' leaves are tree by tree in their memory; the interpreter's in `blockLeaves`.
    const leaves = kernel ? kernel.leaves : interpretTree(run, tree, data, dataBase, count);
    const from = kernel ? tree * count : 0;
    if (run.blockLeafNodes) copyLeafIds(flat.leafIrId, leaves, from, count, run.blockLeafNodes, tree * count);
    if (run.leafCounts && !kernel) countLeaves(flat.leafIrId, leaves, from, count, run.leafCounts, plan.forest.treeNodeStart[tree]);
    if (hasSums) continue;
    // Plain boosting sums get tight loops of their own; everything else takes the general one.
    const weight = treeWeight[tree];
    if (!plan.hasSpecialLeaves && mode === SUM_FLOAT && weight === 1) addFloatLeaves(accumulator, flat.leafValue, leaves, from, count, treeOutput[tree], numOutputs);
    else if (!plan.hasSpecialLeaves && mode === SUM_DOUBLE) addDoubleLeaves(accumulator, flat.leafValue, leaves, from, count, treeOutput[tree], numOutputs, weight);
    else addLeaves(run, tree, leaves, from, data, dataBase, first, count);
  }
  if (run.leafNodes && run.blockLeafNodes) {
    const leafNodes = run.leafNodes;
    const blockLeafNodes = run.blockLeafNodes;
    for (let r = 0, at = first * numTrees; r < count; r++) for (let tree = 0, from = r; tree < numTrees; tree++, from += count) leafNodes[at++] = blockLeafNodes[from];
  }
  finishBlock(run, first, count);
}

/** The interpreter's leaves of one tree for the block (into `run.blockLeaves`). */
function interpretTree(run: BatchRun, tree: number, data: Float64Array, dataBase: number, count: number): Int32Array {
  const { flat, numFeatures, float32Input } = run.plan;
  const walk = run.walk;
  const leaves = run.blockLeaves;
  if (walk && walk.completeOffset[tree] >= 0) walkCompleteBlock(walk, tree, data, dataBase, numFeatures, count, leaves);
  else if (walk) walkBlock(walk, tree, data, dataBase, numFeatures, count, leaves);
  else {
    const root = flat.roots[tree];
    for (let r = 0, base = dataBase; r < count; r++, base += numFeatures) leaves[r] = root >= 0 ? findLeaf(flat, root, data, base, float32Input) : ~root;
  }
  return leaves;
}

// The loops below read one tree's leaves of the block at `leaves[from …]`.

function copyLeafIds(leafIrId: Int32Array, leaves: Int32Array, from: number, count: number, target: Int32Array, at: number): void {
  for (let r = 0; r < count; r++, at++) target[at] = leafIrId[leaves[from + r]];
}

function countLeaves(leafIrId: Int32Array, leaves: Int32Array, from: number, count: number, counts: Int32Array, treeStart: number): void {
  for (let r = 0; r < count; r++) counts[treeStart + leafIrId[leaves[from + r]]]++;
}

/** XGBoost's float32 sum of plain leaves (tree weight 1). */
function addFloatLeaves(accumulator: Float64Array, leafValue: Float64Array, leaves: Int32Array, from: number, count: number, output: number, numOutputs: number): void {
  for (let r = 0, index = output; r < count; r++, index += numOutputs) accumulator[index] = Math.fround(accumulator[index] + leafValue[leaves[from + r]]);
}

/** A double sum of plain leaves times the tree's weight (LightGBM, Spark). */
function addDoubleLeaves(accumulator: Float64Array, leafValue: Float64Array, leaves: Int32Array, from: number, count: number, output: number, numOutputs: number, weight: number): void {
  for (let r = 0, index = output; r < count; r++, index += numOutputs) accumulator[index] += weight * leafValue[leaves[from + r]];
}

/** Every other case: linear and truncated leaves, means, votes and distributions. */
function addLeaves(run: BatchRun, tree: number, leaves: Int32Array, from: number, data: Float64Array, dataBase: number, first: number, count: number): void {
  const plan = run.plan;
  const { flat, numOutputs, numFeatures, mode } = plan;
  const output = flat.treeOutput[tree];
  const weight = flat.treeWeight[tree];
  const accumulator = run.accumulator;
  for (let r = 0, base = dataBase; r < count; r++, base += numFeatures) {
    const leaf = leaves[from + r];
    let value = flat.leafValue[leaf];
    if (plan.hasSpecialLeaves && flat.leafKind[leaf] !== LEAF_CONSTANT) {
      if (flat.leafKind[leaf] === LEAF_LINEAR) value = linearOutput(flat, leaf, data, base);
      else {
        value = NaN;
        if (!run.errors.has(first + r)) run.errors.set(first + r, truncatedMessage(flat, tree, leaf));
      }
    }
    // The common modes inline; the rest go through `accumulate`.
    const index = r * numOutputs + output;
    if (mode === SUM_DOUBLE) accumulator[index] += weight * value;
    else if (mode === SUM_FLOAT) accumulator[index] = Math.fround(accumulator[index] + (weight === 1 ? value : Math.fround(weight * value)));
    else if (mode === DISTRIBUTION) run.distributionLeaves[r] = leaf;
    else accumulate(plan, accumulator, r * numOutputs, tree, value);
  }
}

/** Raw scores, predictions and classes of the block's rows from their accumulators. */
function finishBlock(run: BatchRun, first: number, count: number): void {
  const plan = run.plan;
  const { numOutputs, predictionWidth } = plan;
  for (let r = 0; r < count; r++) {
    const row = first + r;
    run.predictedClass[row] = finishRow(plan, run.accumulator, r * numOutputs, run.distributionLeaves[r], run.raw, row * numOutputs, run.prediction, row * predictionWidth, run.scratch);
    if (run.errors.size > 0 && run.errors.has(row)) {
      run.raw.fill(NaN, row * numOutputs, (row + 1) * numOutputs);
      run.prediction.fill(NaN, row * predictionWidth, (row + 1) * predictionWidth);
      run.predictedClass[row] = -1;
    }
  }
}

export interface CompileOptions {
  /** See KernelChoice; default `auto`. */
  kernel?: KernelChoice;
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
  const plan = planOf('forest' in model ? model : packModel(model), options.layout, options.kernel ?? 'auto');
  return {
    get kernel(): KernelState {
      const kernel = plan.kernel;
      if (kernel?.kind === 'wasm') return { kind: 'wasm', moduleBytes: kernel.moduleBytes };
      if (kernel) return kernel;
      return { kind: 'interpreter', reason: plan.kernelChoice === 'interpreter' ? 'the interpreter was asked for' : 'no batch has been big enough to compile the model for', isRefused: false };
    },
    prepare() {
      if (plan.kernelChoice !== 'interpreter' && plan.kernel === undefined) {
        const kernel = compileKernel(plan);
        if (kernel.kind === 'wasm') kernel.warm();
      }
      return this.kernel;
    },
    numFeatures: plan.numFeatures,
    numOutputs: plan.numOutputs,
    numTrees: plan.numTrees,
    predictRow: (values, options) => predictRowWith(plan, values, options),
    predictBatch: (values, rows, options) => predictBatchWith(plan, values, rows, options?.leafNodes ?? false, options?.leafCounts),
  };
}
