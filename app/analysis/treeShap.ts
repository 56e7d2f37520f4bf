/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution for tree
 * ensembles", Algorithm 2): Shapley values of the features for one row in O(trees · leaves · depth²),
 * with the training weights of `prepareAttribution` (leaf counts, else covers) as the background
 * distribution. Checked against XGBoost's own `pred_contribs` in the tests.
 */
import { goesLeft } from '../eval/index';
import { inputValue } from '../eval/decide';
import { emptyContributions, type AttributionModel, type Contributions, type PreparedTree } from './contributions';

/** TreeSHAP's path element storage, reused across trees. */
interface ShapWorkspace {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

/**
 * Exact TreeSHAP values for one row (`values` in feature order, NaN = missing; rounded to float32
 * first when the library compares in float32). Weights are the training counts/covers of the leaves.
 * O(trees · leaves · depth²). Throws when the model has no weights (`treeShapUnavailable`).
 */
export function treeShapContributions(prepared: AttributionModel, values: ArrayLike<number>): Contributions {
  if (prepared.treeShapUnavailable) throw new Error(`TreeSHAP is unavailable: ${prepared.treeShapUnavailable}`);
  const result = emptyContributions(prepared, 'treeShap');
  const model = prepared.model;
  const float32Input = model.arithmetic.input === 'float32';
  const row = new Float64Array(prepared.numFeatures);
  for (let f = 0; f < row.length; f++) row[f] = inputValue(f < values.length ? values[f] : NaN, model.arithmetic);
  const size = ((prepared.maxDepth + 3) * (prepared.maxDepth + 4)) / 2;
  const workspace: ShapWorkspace = { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), weight: new Float64Array(size) };
  const maxNodes = prepared.trees.reduce((most, tree) => Math.max(most, tree.isLeaf.length), 0);
  const isLeftOf = new Uint8Array(maxNodes);
  for (let t = 0; t < prepared.trees.length; t++) {
    const tree = prepared.trees[t];
    // Where the row goes at every split, decided once per tree (the recursion visits every node).
    for (const node of model.trees[t].nodes) if (node.type === 'split') isLeftOf[node.id] = goesLeft(node, row[node.feature], float32Input) ? 1 : 0;
    const width = tree.width;
    const nodeValues = tree.weightedValues!;
    if (width === 1) result.expected[tree.output] += tree.scale * nodeValues[0];
    else for (let k = 0; k < width; k++) result.expected[k] += tree.scale * nodeValues[k];
    if (tree.isLeaf[0]) continue;
    recurse(tree, 0, workspace, 0, 0, 1, 1, -1, result.values, prepared.numOutputs, isLeftOf);
  }
  return result;
}

function extendPath(path: ShapWorkspace, at: number, depth: number, zero: number, one: number, feature: number): void {
  path.feature[at + depth] = feature;
  path.zero[at + depth] = zero;
  path.one[at + depth] = one;
  path.weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    path.weight[at + i + 1] += (one * path.weight[at + i] * (i + 1)) / (depth + 1);
    path.weight[at + i] = (zero * path.weight[at + i] * (depth - i)) / (depth + 1);
  }
}

function unwindPath(path: ShapWorkspace, at: number, depth: number, index: number): void {
  const one = path.one[at + index];
  const zero = path.zero[at + index];
  let nextOnePortion = path.weight[at + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const saved = path.weight[at + i];
      path.weight[at + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * one);
      nextOnePortion = saved - (path.weight[at + i] * zero * (depth - i)) / (depth + 1);
    } else {
      path.weight[at + i] = (path.weight[at + i] * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    path.feature[at + i] = path.feature[at + i + 1];
    path.zero[at + i] = path.zero[at + i + 1];
    path.one[at + i] = path.one[at + i + 1];
  }
}

function unwoundPathSum(path: ShapWorkspace, at: number, depth: number, index: number): number {
  const one = path.one[at + index];
  const zero = path.zero[at + index];
  const weight = path.weight;
  let nextOnePortion = weight[at + depth];
  let total = 0;
  // The same arithmetic as Lundberg's reference code with the loop-invariant factors hoisted
  // (one division per step instead of two: this loop is TreeSHAP's hot spot).
  const width = depth + 1;
  if (one !== 0) {
    const scale = width / one;
    const back = zero / width;
    for (let i = depth - 1; i >= 0; i--) {
      const share = (nextOnePortion * scale) / (i + 1);
      total += share;
      nextOnePortion = weight[at + i] - share * back * (depth - i);
    }
  } else if (zero !== 0) {
    const scale = width / zero;
    for (let i = depth - 1; i >= 0; i--) total += (weight[at + i] * scale) / (depth - i);
  }
  return total;
}

/**
 * One step of Algorithm 2: `parentAt` is where the parent's path starts in the workspace, `depth` its
 * unique depth. The child's path is a copy placed right after the parent's.
 */
function recurse(
  tree: PreparedTree,
  node: number,
  path: ShapWorkspace,
  parentAt: number,
  depth: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
  phi: Float64Array,
  numOutputs: number,
  isLeftOf: Uint8Array,
): void {
  const at = parentAt + depth + 1;
  // Plain loops: paths are short, and copyWithin's call overhead dominated on 1000-tree models.
  for (let i = 0; i < depth; i++) {
    path.feature[at + i] = path.feature[parentAt + i];
    path.zero[at + i] = path.zero[parentAt + i];
    path.one[at + i] = path.one[parentAt + i];
    path.weight[at + i] = path.weight[parentAt + i];
  }
  extendPath(path, at, depth, parentZero, parentOne, parentFeature);
  if (tree.isLeaf[node]) {
    const width = tree.width;
    const values = tree.weightedValues!;
    for (let i = 1; i <= depth; i++) {
      const share = unwoundPathSum(path, at, depth, i) * (path.one[at + i] - path.zero[at + i]) * tree.scale;
      const base = path.feature[at + i] * numOutputs;
      if (width === 1) phi[base + tree.output] += share * values[node];
      else for (let k = 0; k < width; k++) phi[base + k] += share * values[node * width + k];
    }
    return;
  }
  const feature = tree.feature[node];
  const isLeft = isLeftOf[node] === 1;
  const hot = isLeft ? tree.left[node] : tree.right[node];
  const cold = isLeft ? tree.right[node] : tree.left[node];
  const fraction = tree.fraction!;
  let incomingZero = 1;
  let incomingOne = 1;
  let uniqueDepth = depth;
  let index = 0;
  while (index <= uniqueDepth && path.feature[at + index] !== feature) index++;
  if (index <= uniqueDepth) {
    incomingZero = path.zero[at + index];
    incomingOne = path.one[at + index];
    unwindPath(path, at, uniqueDepth, index);
    uniqueDepth--;
  }
  recurse(tree, hot, path, at, uniqueDepth + 1, fraction[hot] * incomingZero, incomingOne, feature, phi, numOutputs, isLeftOf);
  recurse(tree, cold, path, at, uniqueDepth + 1, fraction[cold] * incomingZero, 0, feature, phi, numOutputs, isLeftOf);
}
