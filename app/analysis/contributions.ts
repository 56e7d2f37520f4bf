/**
 * Per-feature contributions to one row's raw scores, for the "why this prediction" bar chart.
 *
 * Two methods, both in raw-score space (margins for boosting, normalised class distributions for a
 * scikit-learn classifier, vote counts for a Spark forest), one value per feature and output:
 * - path attribution (Saabas): along each tree's decision path, the change in node value at every
 *   split is credited to the split's feature. Node values are `NodeStats.internalValue` when the
 *   dump has them (LightGBM), else the training-weighted mean of the leaves below (weights: leaf
 *   `count`, else `cover`; class counts for scikit-learn `show_weights` leaves).
 * - TreeSHAP (Lundberg et al. 2018, Algorithm 2, the exact polynomial-time version), with the same
 *   leaf weights. Local accuracy: expected + Σ contributions = raw score (up to rounding).
 * Both need the training weights or internal values; dumps without them (Spark, XGBoost text without
 * stats, scikit-learn without show_weights) get `{ available: false, reason }`.
 */
import type { TreeModel } from '../model/types';
import { NODE_LEAF } from '../model/packed';
import { packedFormOf } from '../model/tree';

/** Contributions of every feature to every output for one row. */
export interface Contributions {
  method: 'path' | 'treeShap';
  numFeatures: number;
  numOutputs: number;
  /** Row-major features × outputs: the contribution of feature f to output k is `values[f * numOutputs + k]`. */
  values: Float64Array;
  /** Per output: the raw score before any feature is known (the bias); expected + Σ values = raw. */
  expected: Float64Array;
}

/** Why contributions cannot be computed for this model. */
export interface AttributionUnavailable {
  available: false;
  reason: string;
}

/** Where path attribution takes node values from. */
export type NodeValueSource = 'auto' | 'internal' | 'weighted';

/** One tree prepared for attribution (internal to the analysis module). */
export interface PreparedTree {
  /** Outputs each node value has: 1 (boosting, regression forests) or numOutputs (class distributions, votes). */
  width: number;
  /** The output a width-1 tree adds to. */
  output: number;
  /** Multiplier from node value to raw score: tree weight, divided by the tree count for `mean`. */
  scale: number;
  isLeaf: Uint8Array;
  feature: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** Node values for path attribution, nodes × width. */
  pathValues: Float64Array;
  /** Leaf-weighted expected values, nodes × width (undefined without weights). */
  weightedValues?: Float64Array;
  /** Fraction of the parent's training weight that reaches each node (root: 1). */
  fraction?: Float64Array;
  depth: number;
}

/** A model prepared once for many `pathContributions` / `treeShapContributions` calls. */
export interface AttributionModel {
  available: true;
  model: TreeModel;
  numFeatures: number;
  numOutputs: number;
  trees: PreparedTree[];
  /** Raw-score offset per output (`sum` aggregation base). */
  base: Float64Array;
  /** Where path attribution's node values came from: `internal` if every tree used internal values. */
  pathValueSource: 'internal' | 'weighted' | 'mixed';
  /** Why TreeSHAP is unavailable (no training weights), when it is. */
  treeShapUnavailable?: string;
  /** Largest tree depth, for TreeSHAP's workspace. */
  maxDepth: number;
}

/**
 * Prepares a model for attribution: leaf vectors, node values and weights per tree. O(nodes).
 * Returns `{ available: false, reason }` when path attribution is impossible (no internal values and
 * no weights, linear or truncated leaves, a vote model without weights).
 */
export function prepareAttribution(model: TreeModel, options: { nodeValues?: NodeValueSource } = {}): AttributionModel | AttributionUnavailable {
  const source = options.nodeValues ?? 'auto';
  const aggregation = model.aggregation;
  const numOutputs = model.numOutputs;
  // From the columns (a view makes no trees for this); each tree is then made once, in the loop below.
  const { forest } = packedFormOf(model);
  let numFeatures = model.features.length;
  for (let row = 0; row < forest.nodeCount; row++) if (forest.kind[row] !== NODE_LEAF && forest.feature[row] >= numFeatures) numFeatures = forest.feature[row] + 1;
  const treesPerOutput = new Float64Array(numOutputs);
  for (let t = 0; t < forest.treeCount; t++) treesPerOutput[forest.treeOutput[t]]++;
  const base = new Float64Array(numOutputs);
  if (aggregation.kind === 'sum') for (let k = 0; k < numOutputs; k++) base[k] = aggregation.base[k] ?? aggregation.base[0] ?? 0;
  const isVector = aggregation.kind === 'distribution' || aggregation.kind === 'vote';
  const trees: PreparedTree[] = [];
  let internalTrees = 0;
  let weightedTrees = 0;
  let treeShapUnavailable: string | undefined;
  let maxDepth = 0;
  for (const tree of model.trees) {
    const count = tree.nodes.length;
    const width = isVector ? numOutputs : 1;
    const prepared: PreparedTree = {
      width,
      output: tree.outputIndex,
      scale: aggregation.kind === 'mean' ? tree.weight / treesPerOutput[tree.outputIndex] : isVector ? 1 : tree.weight,
      isLeaf: new Uint8Array(count),
      feature: new Int32Array(count).fill(-1),
      left: new Int32Array(count).fill(-1),
      right: new Int32Array(count).fill(-1),
      pathValues: new Float64Array(0),
      depth: 0,
    };
    const leafValues = new Float64Array(count * width);
    const weights = new Float64Array(count);
    let hasWeights = true;
    let hasInternal = true;
    for (const node of tree.nodes) {
      if (node.depth > prepared.depth) prepared.depth = node.depth;
      if (node.type === 'split') {
        prepared.feature[node.id] = node.feature;
        prepared.left[node.id] = node.left;
        prepared.right[node.id] = node.right;
        if (node.stats?.internalValue === undefined || width !== 1) hasInternal = false;
        continue;
      }
      prepared.isLeaf[node.id] = 1;
      if (node.linear) return unavailable(`tree ${tree.index} has linear leaves: their output depends on feature values, not only on the path`);
      if (node.truncatedDepth !== undefined) return unavailable(`tree ${tree.index} has a truncated branch: the dump does not hold its leaves`);
      const offset = node.id * width;
      let weight = node.stats?.count ?? node.stats?.cover;
      if (aggregation.kind === 'distribution') {
        if (node.value.length === numOutputs) {
          let sum = 0;
          for (const value of node.value) sum += value;
          const divisor = sum === 0 ? 1 : sum;
          for (let k = 0; k < numOutputs; k++) leafValues[offset + k] = node.value[k] / divisor;
          weight ??= sum;
        } else if (node.classIndex !== undefined && node.classIndex >= 0 && node.classIndex < numOutputs) leafValues[offset + node.classIndex] = 1;
      } else if (aggregation.kind === 'vote') {
        const vote = node.value[0];
        if (Number.isInteger(vote) && vote >= 0 && vote < numOutputs) leafValues[offset + vote] = 1;
      } else leafValues[offset] = node.value[0];
      if (weight === undefined || !(weight >= 0)) hasWeights = false;
      else weights[node.id] = weight;
    }
    if (prepared.depth > maxDepth) maxDepth = prepared.depth;
    if (count === 1) hasWeights = true; // A lone leaf needs no weights.
    if (hasWeights) {
      const { values, fraction } = weightedNodeValues(prepared, leafValues, weights);
      prepared.weightedValues = values;
      prepared.fraction = fraction;
    } else treeShapUnavailable ??= `tree ${tree.index} has no training counts or covers (the dump was written without statistics)`;
    const useInternal = count > 1 && hasInternal && source !== 'weighted';
    if (useInternal) {
      const values = new Float64Array(count);
      for (const node of tree.nodes) values[node.id] = node.type === 'split' ? node.stats!.internalValue! : leafValues[node.id];
      prepared.pathValues = values;
      internalTrees++;
    } else if (source === 'internal' && count > 1) {
      return unavailable(`tree ${tree.index} has no internal node values`);
    } else if (prepared.weightedValues) {
      prepared.pathValues = prepared.weightedValues;
      // A lone leaf has no split to attribute: it counts for neither source.
      if (count > 1) weightedTrees++;
    } else {
      return unavailable(
        `tree ${tree.index} has neither internal node values nor training counts/covers, so node values (and attribution) are unknown` +
          (model.format === 'xgboost' ? '; dump the model with statistics (with_stats=True) or use model.json' : ''),
      );
    }
    trees.push(prepared);
  }
  return {
    available: true,
    model,
    numFeatures,
    numOutputs,
    trees,
    base,
    pathValueSource: weightedTrees === 0 ? 'internal' : internalTrees === 0 ? 'weighted' : 'mixed',
    treeShapUnavailable,
    maxDepth,
  };
}

function unavailable(reason: string): AttributionUnavailable {
  return { available: false, reason };
}

/**
 * Expected node values from the leaves up: each node's value is its children's values weighted by
 * their share of its training weight. A node whose weight is 0 splits its share evenly, so the values
 * and TreeSHAP's fractions stay consistent (and local accuracy holds) even then.
 */
function weightedNodeValues(tree: PreparedTree, leafValues: Float64Array, leafWeights: Float64Array): { values: Float64Array; fraction: Float64Array } {
  const count = tree.isLeaf.length;
  const width = tree.width;
  const weight = Float64Array.from(leafWeights);
  const values = Float64Array.from(leafValues);
  const fraction = new Float64Array(count);
  fraction[0] = 1;
  // Children first: a post-order from an explicit stack.
  const order: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    if (!tree.isLeaf[node]) stack.push(tree.left[node], tree.right[node]);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (tree.isLeaf[node]) continue;
    const left = tree.left[node];
    const right = tree.right[node];
    const total = weight[left] + weight[right];
    weight[node] = total;
    const leftShare = total > 0 ? weight[left] / total : 0.5;
    const rightShare = total > 0 ? weight[right] / total : 0.5;
    fraction[left] = leftShare;
    fraction[right] = rightShare;
    for (let k = 0; k < width; k++) values[node * width + k] = leftShare * values[left * width + k] + rightShare * values[right * width + k];
  }
  return { values, fraction };
}

/** Zero contributions and the base as expected value, ready to accumulate into. */
export function emptyContributions(prepared: AttributionModel, method: Contributions['method']): Contributions {
  return {
    method,
    numFeatures: prepared.numFeatures,
    numOutputs: prepared.numOutputs,
    values: new Float64Array(prepared.numFeatures * prepared.numOutputs),
    expected: Float64Array.from(prepared.base),
  };
}

/**
 * Path attribution (Saabas) from the decision paths `compiledModel.predictRow(values, { paths: true })`
 * returns (IR node ids, root to leaf, per tree). O(total path length): cheap enough for every
 * slider move. Per tree, contributions sum to scale·(leaf value − root value) exactly.
 */
export function pathContributions(prepared: AttributionModel, paths: readonly (readonly number[])[]): Contributions {
  const result = emptyContributions(prepared, 'path');
  const { values, expected } = result;
  const numOutputs = prepared.numOutputs;
  for (let t = 0; t < prepared.trees.length; t++) {
    const tree = prepared.trees[t];
    const path = paths[t];
    const nodeValues = tree.pathValues;
    const width = tree.width;
    const scale = tree.scale;
    if (width === 1) {
      const output = tree.output;
      expected[output] += scale * nodeValues[0];
      for (let i = 1; i < path.length; i++) {
        const parent = path[i - 1];
        values[tree.feature[parent] * numOutputs + output] += scale * (nodeValues[path[i]] - nodeValues[parent]);
      }
    } else {
      for (let k = 0; k < width; k++) expected[k] += scale * nodeValues[k];
      for (let i = 1; i < path.length; i++) {
        const parent = path[i - 1];
        const child = path[i];
        const at = tree.feature[parent] * numOutputs;
        for (let k = 0; k < width; k++) values[at + k] += scale * (nodeValues[child * width + k] - nodeValues[parent * width + k]);
      }
    }
  }
  return result;
}

/** One bar of the contributions chart. */
export interface ContributionBar {
  feature: number;
  name: string;
  value: number;
}

/**
 * The contributions to one output as bars, largest |value| first; zero contributions are left out
 * (the feature did not matter for this row). Ties keep feature order.
 */
export function sortedContributions(contributions: Contributions, output: number, model: TreeModel): ContributionBar[] {
  const bars: ContributionBar[] = [];
  for (let f = 0; f < contributions.numFeatures; f++) {
    const value = contributions.values[f * contributions.numOutputs + output];
    if (value !== 0) bars.push({ feature: f, name: model.features[f]?.name ?? `f${f}`, value });
  }
  return bars.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.feature - b.feature);
}
