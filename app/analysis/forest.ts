/**
 * The whole ensemble at once (issue 15, the forest view): per-tree figures, how a row's score builds
 * up tree by tree, how a labelled CSV's metric moves with the number of trees, and where features
 * are used across the trees. Everything reads the packed columns (`app/model/packed.ts`); no tree is
 * made as node objects, so a 5,000-tree model costs arrays, not objects.
 *
 * Arithmetic: the running raw score adds the trees one at a time exactly as the evaluator does
 * (`app/eval/compile.ts`): XGBoost in float32 (`fround` after every tree), LightGBM and the rest in
 * double, in tree order; so the running score after the last tree IS the evaluator's raw score, bit
 * for bit, and after k trees it is what the library predicts with only its first k trees
 * (XGBoost `iteration_range=(0, k)`, LightGBM `num_iteration` for one-output models).
 */
import { applyTransform } from '../eval/transform';
import type { BatchPrediction, RowPrediction } from '../eval/types';
import { NODE_LEAF, type ModelHeader, type PackedForest, type PackedModel } from '../model/packed';
import { treeShape } from '../model/materialize';
import type { TreeModel } from '../model/types';
import { classProbabilities, logLoss, rmse, rocAuc, rocAucOneVsRest, type ClassificationMetrics, type RegressionMetrics } from './metrics';
import type { NodeTraffic } from './traffic';

/** Figures of every tree, by tree index. */
export interface ForestFacts {
  treeCount: number;
  numOutputs: number;
  /** The output (class) each tree adds to. */
  output: Int32Array;
  nodes: Int32Array;
  leaves: Int32Array;
  /** Deepest leaf (root 0). */
  depth: Int32Array;
  /** Sum of the split gains; undefined when the model has no gains (XGBoost without stats, Spark, scikit-learn text). */
  totalGain: Float64Array | undefined;
  /** Feature split on at the root; -1 for a single-leaf tree. */
  rootFeature: Int32Array;
}

/** Per-tree figures in one pass over the columns. */
export function forestFacts(packed: PackedModel): ForestFacts {
  const forest = packed.forest;
  const count = forest.treeCount;
  const output = Int32Array.from(forest.treeOutput);
  const nodes = new Int32Array(count);
  const leaves = new Int32Array(count);
  const depth = new Int32Array(count);
  const rootFeature = new Int32Array(count);
  const gain = forest.gain;
  let hasGain = false;
  const totalGain = gain ? new Float64Array(count) : undefined;
  let largest = 0;
  for (let t = 0; t < count; t++) largest = Math.max(largest, forest.treeNodeStart[t + 1] - forest.treeNodeStart[t]);
  // One explicit stack for all trees (the depth comes from the file's children, never from recursion).
  const stack = new Int32Array(largest);
  const nodeDepth = new Int32Array(largest);
  for (let t = 0; t < count; t++) {
    const start = forest.treeNodeStart[t];
    const size = forest.treeNodeStart[t + 1] - start;
    nodes[t] = size;
    rootFeature[t] = size > 0 && forest.kind[start] !== NODE_LEAF ? forest.feature[start] : -1;
    let leafCount = 0;
    let sum = 0;
    for (let row = start; row < start + size; row++) {
      if (forest.kind[row] === NODE_LEAF) leafCount++;
      else if (gain && gain[row] === gain[row]) {
        sum += gain[row];
        hasGain = true;
      }
    }
    leaves[t] = leafCount;
    if (totalGain) totalGain[t] = sum;
    if (size === 0) continue;
    nodeDepth.fill(-1, 0, size);
    nodeDepth[0] = 0;
    let top = 0;
    let deepest = 0;
    stack[top++] = 0;
    while (top > 0) {
      const id = stack[--top];
      const row = start + id;
      if (forest.kind[row] === NODE_LEAF) continue;
      const next = nodeDepth[id] + 1;
      const left = forest.left[row];
      const right = forest.right[row];
      if (left >= 0 && left < size && nodeDepth[left] < 0) {
        nodeDepth[left] = next;
        stack[top++] = left;
        if (next > deepest) deepest = next;
      }
      if (right >= 0 && right < size && nodeDepth[right] < 0) {
        nodeDepth[right] = next;
        stack[top++] = right;
        if (next > deepest) deepest = next;
      }
    }
    depth[t] = deepest;
  }
  return { treeCount: count, numOutputs: packed.header.numOutputs, output, nodes, leaves, depth, totalGain: hasGain ? totalGain : undefined, rootFeature };
}

/**
 * A row's score as the trees are added: `raw[k·numOutputs + j]` is output j's raw score after the
 * first k trees (k = 0 is the base score), `prediction[k·predictionWidth + j]` its prediction.
 */
export interface ScoreByTrees {
  treeCount: number;
  numOutputs: number;
  predictionWidth: number;
  /** (treeCount + 1) × numOutputs. */
  raw: Float64Array;
  /** (treeCount + 1) × predictionWidth. NaN where no prediction exists yet (a mean over no trees). */
  prediction: Float64Array;
  /** Per tree: what it adds to its output's raw score (weight × leaf; for a mean, its share; for a vote, 1). */
  contribution: Float64Array;
  /** Per tree: the output its contribution goes to (for a vote, the class it votes for). */
  contributionOutput: Int32Array;
}

/** How a model's trees add up, read from its header (mirrors the evaluator's plan). */
interface Accumulation {
  mode: 'sum' | 'sumFloat' | 'mean' | 'vote' | 'distribution';
  base: Float64Array;
  numOutputs: number;
  predictionWidth: number;
  isFloat32: boolean;
  averageOver: number;
}

function accumulationOf(header: ModelHeader): Accumulation {
  const numOutputs = header.numOutputs;
  const isFloat32 = header.arithmetic.accumulate === 'float32';
  const aggregation = header.aggregation;
  const base = new Float64Array(numOutputs);
  let averageOver = 1;
  let mode: Accumulation['mode'];
  if (aggregation.kind === 'sum') {
    mode = isFloat32 ? 'sumFloat' : 'sum';
    for (let k = 0; k < numOutputs; k++) {
      const value = aggregation.base[k] ?? aggregation.base[0] ?? 0;
      base[k] = isFloat32 ? Math.fround(value) : value;
    }
    averageOver = aggregation.averageOver ?? 1;
  } else mode = aggregation.kind;
  return { mode, base, numOutputs, predictionWidth: header.transform.kind === 'argmax' ? 1 : numOutputs, isFloat32, averageOver };
}

/**
 * The running raw score and prediction of one row over the tree index, from the evaluator's own
 * per-tree leaf outputs (`RowPrediction.leafValues`, from `compileModel(…).predictRow`). The last
 * entry equals `prediction.raw` / `prediction.prediction` exactly.
 */
export function scoreByTrees(packed: PackedModel, prediction: RowPrediction): ScoreByTrees {
  const { header, forest } = packed;
  const plan = accumulationOf(header);
  const { numOutputs, predictionWidth } = plan;
  const count = forest.treeCount;
  if (prediction.leafValues.length !== count) throw new RangeError(`the prediction has ${prediction.leafValues.length} trees, the model ${count}`);
  const raw = new Float64Array((count + 1) * numOutputs);
  const out = new Float64Array((count + 1) * predictionWidth).fill(NaN);
  const contribution = new Float64Array(count);
  const contributionOutput = new Int32Array(count);
  const sums = Float64Array.from(plan.base);
  const seen = new Float64Array(numOutputs);
  const current = new Float64Array(numOutputs);
  const scratch = new Float64Array(numOutputs);
  const write = (k: number) => {
    for (let j = 0; j < numOutputs; j++) current[j] = plan.mode === 'mean' ? (seen[j] > 0 ? sums[j] / seen[j] : NaN) : sums[j];
    raw.set(current, k * numOutputs);
    if (plan.mode === 'distribution' && k === 0) return;
    if (plan.mode === 'mean' && current.some((value) => value !== value)) return;
    transformInto(header, plan, current, 0, iterationsAfter(plan, k, count), out, k * predictionWidth, scratch);
  };
  write(0);
  for (let t = 0; t < count; t++) {
    const value = prediction.leafValues[t];
    const weight = forest.treeWeight[t];
    const output = forest.treeOutput[t];
    contributionOutput[t] = output;
    switch (plan.mode) {
      case 'sum':
        contribution[t] = weight * value;
        sums[output] += weight * value;
        break;
      case 'sumFloat': {
        const added = weight === 1 ? value : Math.fround(weight * value);
        contribution[t] = added;
        sums[output] = Math.fround(sums[output] + added);
        break;
      }
      case 'mean':
        sums[output] += weight * value;
        seen[output]++;
        break;
      case 'vote':
        contribution[t] = 1;
        contributionOutput[t] = value;
        if (value >= 0 && value < numOutputs && Number.isInteger(value)) sums[value] += 1;
        break;
      case 'distribution':
        // One tree: its normalised leaf is the whole score.
        for (let j = 0; j < numOutputs; j++) sums[j] = prediction.raw[j];
        contribution[t] = prediction.raw[output];
        break;
    }
    write(t + 1);
  }
  if (plan.mode === 'mean') {
    // A tree's share of the mean is its output over the number of trees of its output.
    for (let t = 0; t < count; t++) contribution[t] = (forest.treeWeight[t] * prediction.leafValues[t]) / seen[forest.treeOutput[t]];
  }
  return { treeCount: count, numOutputs, predictionWidth, raw, prediction: out, contribution, contributionOutput };
}

/** Boosting iterations in the first k trees, for LightGBM's `average_output` (one tree per output per iteration). */
function iterationsAfter(plan: Accumulation, k: number, count: number): number {
  if (plan.averageOver === 1) return 1;
  // At the last tree this is exactly the model's own count.
  return k === count ? plan.averageOver : Math.max(1, Math.ceil(k / plan.numOutputs));
}

function transformInto(header: ModelHeader, plan: Accumulation, raw: Float64Array, offset: number, averageOver: number, out: Float64Array, outOffset: number, scratch: Float64Array): void {
  let source: Float64Array = raw;
  let sourceOffset = offset;
  if (averageOver !== 1) {
    for (let j = 0; j < plan.numOutputs; j++) scratch[j] = raw[offset + j] / averageOver;
    source = scratch;
    sourceOffset = 0;
  }
  applyTransform(header.transform, source, sourceOffset, plan.numOutputs, out, outOffset, plan.isFloat32);
}

/** The trees that push a row's score most up and most down. */
export interface TopTrees {
  /** Output whose raw score is considered. */
  output: number;
  /** Tree indices, largest positive contribution first. */
  up: number[];
  /** Tree indices, most negative contribution first. */
  down: number[];
}

/**
 * The `count` trees adding the most to and taking the most from output `output`'s raw score (only
 * trees of that output take part: in multiclass boosting each tree adds to one class). Ties keep
 * model order.
 */
export function topTrees(scores: ScoreByTrees, count: number, output = 0): TopTrees {
  const candidates: number[] = [];
  for (let t = 0; t < scores.treeCount; t++) {
    const value = scores.contribution[t];
    if (scores.contributionOutput[t] === output && value === value && value !== 0) candidates.push(t);
  }
  const byValue = (a: number, b: number) => scores.contribution[b] - scores.contribution[a] || a - b;
  const up = candidates.filter((t) => scores.contribution[t] > 0).sort(byValue).slice(0, count);
  const down = candidates
    .filter((t) => scores.contribution[t] < 0)
    .sort((a, b) => byValue(b, a) || a - b)
    .slice(0, count);
  return { output, up, down };
}

/** A metric of the first k trees against k. */
export interface MetricCurve {
  name: 'logLoss' | 'auc' | 'rmse';
  /** Tree counts the metric was computed at, ascending; always ends at the model's tree count. */
  k: Int32Array;
  values: Float64Array;
}

/** Metric curves over the tree count, or why there are none. */
export type MetricsByTrees = { available: true; rows: number; curves: MetricCurve[] } | { available: false; reason: string };

/** Per-k AUC costs a sort of the rows: past this many row-trees, AUC is computed every few trees. */
const AUC_WORK_LIMIT = 2_000_000;

/** Output of leaf `row` of the packed forest as the evaluator adds it (`flat.ts` addLeaf); NaN for a linear or truncated leaf. */
function leafOutput(forest: PackedForest, row: number): number {
  const extra = forest.extra[row];
  if (extra < 0) return forest.value[row];
  if (forest.isLinear[extra] || forest.leafTruncatedDepth[extra] >= 0) return NaN;
  const start = forest.leafValueStart[extra];
  return forest.leafValueStart[extra + 1] > start ? forest.leafValues[start] : NaN;
}

/**
 * Log loss and AUC (classifiers with probabilities) or RMSE (regression) of the first k trees, for
 * every k from 1 to the tree count, on the rows `metrics` kept (scored, with a label). `batch` is
 * the CSV's batch with `leafNodes` (rows × trees, as the traffic overlay already needs): the scores
 * build up one tree at a time, one pass over the kept rows per tree (never k × rows × trees). The
 * last point equals `metrics` (the evaluator's scores through the same metric functions). AUC sorts
 * the rows, so on big inputs it is computed every few trees (and always at the last).
 */
export function metricsByTrees(packed: PackedModel, batch: BatchPrediction, metrics: ClassificationMetrics | RegressionMetrics): MetricsByTrees {
  const { header, forest } = packed;
  const plan = accumulationOf(header);
  const count = forest.treeCount;
  // Reasons of the model first: scoring again for the leaves would not help those.
  if (plan.mode === 'distribution') return { available: false, reason: 'a single tree: there is no curve over the number of trees' };
  if (plan.mode === 'vote') return { available: false, reason: 'a voting forest: its trees give classes, not scores to follow' };
  const leafNodes = batch.leafNodes;
  if (!leafNodes) return { available: false, reason: 'the CSV was scored without each row’s leaves' };
  for (let row = 0; row < forest.nodeCount; row++) {
    const extra = forest.extra[row];
    if (forest.kind[row] === NODE_LEAF && extra >= 0 && forest.isLinear[extra]) return { available: false, reason: 'linear trees: a leaf’s output depends on the row, so the curve is not drawn' };
  }
  const rows = metrics.rows;
  const rowIndices = metrics.rowIndices;
  const numOutputs = plan.numOutputs;
  const width = plan.predictionWidth;
  const sums = new Float64Array(rows * numOutputs);
  for (let i = 0; i < rows; i++) sums.set(plan.base, i * numOutputs);
  const seen = new Float64Array(numOutputs);
  const raw = new Float64Array(rows * numOutputs);
  const prediction = new Float64Array(rows * width);
  const scratch = new Float64Array(numOutputs);
  const model: TreeModel = { ...header, trees: [] };
  const isClassifier = metrics.kind === 'classification';
  const numClasses = isClassifier ? metrics.classes.length : 0;
  const hasProbabilities = isClassifier && metrics.logLoss !== undefined;
  const aucStride = Math.max(1, Math.ceil((count * rows) / AUC_WORK_LIMIT));
  const ks: number[] = [];
  const aucKs: number[] = [];
  const lossValues: number[] = [];
  const aucValues: number[] = [];
  const rmseValues: number[] = [];
  const labels = metrics.labels;
  const partial: BatchPrediction = { rows, numOutputs, numTrees: count, raw, prediction, predictionWidth: width, predictedClass: new Int32Array(rows), errors: new Map() };

  for (let t = 0; t < count; t++) {
    const start = forest.treeNodeStart[t];
    const output = forest.treeOutput[t];
    const weight = forest.treeWeight[t];
    for (let i = 0, index = output; i < rows; i++, index += numOutputs) {
      const value = leafOutput(forest, start + leafNodes[rowIndices[i] * count + t]);
      if (plan.mode === 'sumFloat') sums[index] = Math.fround(sums[index] + (weight === 1 ? value : Math.fround(weight * value)));
      else sums[index] += weight * value;
    }
    if (plan.mode === 'mean') seen[output]++;
    const k = t + 1;
    // A mean needs a tree of every output before it has a prediction.
    if (plan.mode === 'mean' && seen.some((n) => n === 0)) continue;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < numOutputs; j++) raw[i * numOutputs + j] = plan.mode === 'mean' ? sums[i * numOutputs + j] / seen[j] : sums[i * numOutputs + j];
      transformInto(header, plan, raw, i * numOutputs, iterationsAfter(plan, k, count), prediction, i * width, scratch);
    }
    ks.push(k);
    if (!isClassifier) {
      rmseValues.push(rmse(labels, width === 1 ? prediction : strided(prediction, width)));
      continue;
    }
    if (!hasProbabilities) continue;
    const probabilities = classProbabilities(model, partial, numClasses)!;
    lossValues.push(logLoss(labels, probabilities, numClasses));
    if (k % aucStride === 0 || k === count) {
      aucKs.push(k);
      if (numClasses === 2) {
        const positive = Uint8Array.from(labels as Int32Array, (label) => (label === 1 ? 1 : 0));
        const scores = new Float64Array(rows);
        for (let i = 0; i < rows; i++) scores[i] = probabilities[i * 2 + 1];
        aucValues.push(rocAuc(positive, scores));
      } else aucValues.push(rocAucOneVsRest(labels, probabilities, numClasses).macro);
    }
  }
  const curves: MetricCurve[] = [];
  if (!isClassifier) curves.push({ name: 'rmse', k: Int32Array.from(ks), values: Float64Array.from(rmseValues) });
  else if (hasProbabilities) {
    curves.push({ name: 'logLoss', k: Int32Array.from(ks), values: Float64Array.from(lossValues) });
    curves.push({ name: 'auc', k: Int32Array.from(aucKs), values: Float64Array.from(aucValues) });
  } else return { available: false, reason: 'the model gives classes without probabilities: no log loss or AUC to follow' };
  return { available: true, rows, curves };
}

/** Output 0 of a rows × width prediction. */
function strided(values: Float64Array, width: number): Float64Array {
  const out = new Float64Array(values.length / width);
  for (let i = 0; i < out.length; i++) out[i] = values[i * width];
  return out;
}

/** Where features are used across the trees: the top features by total gain (or split count) × every tree. */
export interface FeatureTreeMatrix {
  /** Feature indices, most used first (at most `maxFeatures`). */
  features: Int32Array;
  /** Their totals over all trees (gain, or splits). */
  totals: Float64Array;
  treeCount: number;
  /** What a cell holds: the summed split gain of the feature in the tree, or its split count when the model has no gains. */
  measure: 'gain' | 'splits';
  /** features.length × treeCount, row-major by feature. */
  values: Float32Array;
  /** Largest cell. */
  max: number;
}

/**
 * The feature × tree matrix of split gain (split counts when the model has no gains), for the
 * `maxFeatures` features with the largest totals. Memory is `maxFeatures × trees` whatever the
 * model's feature count.
 */
export function featureTreeMatrix(packed: PackedModel, maxFeatures = 40): FeatureTreeMatrix {
  const forest = packed.forest;
  const gain = forest.gain;
  let hasGain = false;
  // Feature indices are bounded by the model (the evaluator sizes its rows the same way).
  let numFeatures = packed.header.features.length;
  for (let row = 0; row < forest.nodeCount; row++) {
    if (forest.kind[row] === NODE_LEAF) continue;
    if (forest.feature[row] >= numFeatures) numFeatures = forest.feature[row] + 1;
    if (gain && gain[row] === gain[row]) hasGain = true;
  }
  const cellOf = (row: number) => (hasGain ? (gain![row] === gain![row] ? gain![row] : 0) : 1);
  const totals = new Float64Array(numFeatures);
  const isUsed = new Uint8Array(numFeatures);
  for (let row = 0; row < forest.nodeCount; row++) {
    if (forest.kind[row] === NODE_LEAF) continue;
    totals[forest.feature[row]] += cellOf(row);
    isUsed[forest.feature[row]] = 1;
  }
  const used: number[] = [];
  for (let feature = 0; feature < numFeatures; feature++) if (isUsed[feature]) used.push(feature);
  const ranked = used.sort((a, b) => totals[b] - totals[a] || a - b).slice(0, Math.max(0, maxFeatures));
  const slot = new Int32Array(numFeatures).fill(-1);
  ranked.forEach((feature, index) => (slot[feature] = index));
  const count = forest.treeCount;
  const values = new Float32Array(ranked.length * count);
  for (let t = 0; t < count; t++) {
    for (let row = forest.treeNodeStart[t]; row < forest.treeNodeStart[t + 1]; row++) {
      if (forest.kind[row] === NODE_LEAF) continue;
      const at = slot[forest.feature[row]];
      if (at >= 0) values[at * count + t] += cellOf(row);
    }
  }
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return { features: Int32Array.from(ranked), totals: Float64Array.from(ranked, (feature) => totals[feature]), treeCount: count, measure: hasGain ? 'gain' : 'splits', values, max };
}

/**
 * For each matrix feature and tree: the share of the CSV's rows whose path in that tree passes at
 * least one split on the feature (0–1), from the per-node traffic of `nodeTraffic`. Also each tree's
 * share of rows that see any split at all (`trees`: 0 only for a single-leaf tree or an empty CSV).
 * O(leaves × depth), no pass over the rows.
 */
export function featureTreeTraffic(packed: PackedModel, matrix: FeatureTreeMatrix, traffic: NodeTraffic): { cells: Float32Array; trees: Float32Array } {
  const forest = packed.forest;
  const count = forest.treeCount;
  const cells = new Float32Array(matrix.features.length * count);
  const trees = new Float32Array(count);
  if (traffic.rows === 0) return { cells, trees };
  const slot = new Map<number, number>();
  matrix.features.forEach((feature, index) => slot.set(feature, index));
  const mark = new Int32Array(matrix.features.length).fill(-1);
  let stamp = 0;
  for (let t = 0; t < count; t++) {
    const start = forest.treeNodeStart[t];
    const size = forest.treeNodeStart[t + 1] - start;
    const offset = traffic.offsets[t];
    trees[t] = size > 1 ? traffic.counts[offset] / traffic.rows : 0;
    if (size <= 1) continue;
    const { parent } = treeShape(forest, t);
    for (let id = 0; id < size; id++) {
      const row = start + id;
      const reached = traffic.counts[offset + id];
      if (forest.kind[row] !== NODE_LEAF || reached === 0) continue;
      stamp++;
      // Each feature on the leaf's path counts the leaf's rows once, however often it splits there.
      for (let node = parent[id]; node >= 0; node = parent[node]) {
        const at = slot.get(forest.feature[start + node]);
        if (at === undefined || mark[at] === stamp) continue;
        mark[at] = stamp;
        cells[at * count + t] += reached;
      }
    }
  }
  for (let i = 0; i < cells.length; i++) cells[i] /= traffic.rows;
  return { cells, trees };
}
