import type { LeafNode, SplitNode, TreeModel } from '../model/types';
import { CATEGORY_LIMIT, ZERO_THRESHOLD, sortedHas } from './decide';

/*
 * Flat layout (PERFORMANCE.md): every split node of every tree lives in parallel typed arrays indexed
 * by a global split index; every leaf in parallel arrays indexed by a global leaf index. A child
 * reference is the split index (≥ 0) or the bitwise complement of the leaf index (< 0), so the walk
 * is a tight `while (node >= 0)` loop over numbers.
 */

// Split kinds. NaN never reaches the kind switch: every split has a precomputed `missing` child.
export const NUMERIC_LE = 0;
const NUMERIC_LT = 1;
const NUMERIC_LE_ZERO = 2;
const NUMERIC_LT_ZERO = 3;
const CATEGORY_TRUNCATE = 4;
const CATEGORY_EXACT = 5;
const INDICATOR = 6;

// Leaf kinds.
export const LEAF_CONSTANT = 0;
export const LEAF_LINEAR = 1;
export const LEAF_TRUNCATED = 2;


export interface FlatModel {
  // Splits.
  kind: Uint8Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** `[left, right]` per split, so the common step is one indexed load with no branch. */
  children: Int32Array;
  /** 1 when NaN goes right at a NUMERIC_LE split (then `!(x <= t)` already sends it there). */
  missingRight: Int32Array;
  /** Every split is NUMERIC_LE: the walk needs no kind test. */
  isAllNumeric: boolean;
  /** Where NaN goes (and, for `zero` mode, |x| ≤ kZeroThreshold). */
  missing: Int32Array;
  /** For categorical splits: in-set child and range of `categories`. */
  inSet: Int32Array;
  categoryStart: Int32Array;
  categoryEnd: Int32Array;
  categories: Float64Array;
  splitIrId: Int32Array;
  // Leaves.
  leafKind: Uint8Array;
  leafValue: Float64Array;
  leafSourceId: Int32Array;
  leafIrId: Int32Array;
  /** Linear leaves: range into `linearFeatures`/`linearCoefficients`, and the constant. */
  linearStart: Int32Array;
  linearEnd: Int32Array;
  linearConstant: Float64Array;
  linearFeatures: Int32Array;
  linearCoefficients: Float64Array;
  /** Distribution leaves: per-class values (numOutputs each, or none) and the named class. */
  vectorStart: Int32Array;
  vectorLength: Int32Array;
  vectors: Float64Array;
  leafClass: Int32Array;
  leafTruncatedDepth: Int32Array;
  // Trees.
  roots: Int32Array;
  treeOutput: Int32Array;
  treeWeight: Float64Array;
}

export function flatten(model: TreeModel, numFeatures: number): FlatModel {
  let splitCount = 0;
  let leafCount = 0;
  for (const tree of model.trees) for (const node of tree.nodes) node.type === 'split' ? splitCount++ : leafCount++;
  const flat: FlatModel = {
    kind: new Uint8Array(splitCount),
    feature: new Int32Array(splitCount),
    threshold: new Float64Array(splitCount),
    left: new Int32Array(splitCount),
    right: new Int32Array(splitCount),
    children: new Int32Array(2 * splitCount),
    missingRight: new Int32Array(splitCount),
    isAllNumeric: false,
    missing: new Int32Array(splitCount),
    inSet: new Int32Array(splitCount),
    categoryStart: new Int32Array(splitCount),
    categoryEnd: new Int32Array(splitCount),
    categories: new Float64Array(0),
    splitIrId: new Int32Array(splitCount),
    leafKind: new Uint8Array(leafCount),
    leafValue: new Float64Array(leafCount),
    leafSourceId: new Int32Array(leafCount),
    leafIrId: new Int32Array(leafCount),
    linearStart: new Int32Array(leafCount),
    linearEnd: new Int32Array(leafCount),
    linearConstant: new Float64Array(leafCount),
    linearFeatures: new Int32Array(0),
    linearCoefficients: new Float64Array(0),
    vectorStart: new Int32Array(leafCount),
    vectorLength: new Int32Array(leafCount),
    vectors: new Float64Array(0),
    leafClass: new Int32Array(leafCount).fill(-1),
    leafTruncatedDepth: new Int32Array(leafCount),
    roots: new Int32Array(model.trees.length),
    treeOutput: new Int32Array(model.trees.length),
    treeWeight: new Float64Array(model.trees.length),
  };
  const categories: number[] = [];
  const linearFeatures: number[] = [];
  const linearCoefficients: number[] = [];
  const vectors: number[] = [];
  let splitBase = 0;
  let leafBase = 0;
  for (const [treeIndex, tree] of model.trees.entries()) {
    // Map IR ids of this tree to encoded references.
    const reference = new Int32Array(tree.nodes.length);
    let splits = splitBase;
    let leaves = leafBase;
    for (const node of tree.nodes) reference[node.id] = node.type === 'split' ? splits++ : ~leaves++;
    for (const node of tree.nodes) {
      if (node.type === 'split') addSplit(flat, reference[node.id], node, reference, categories, numFeatures, treeIndex);
      else addLeaf(flat, ~reference[node.id], node, linearFeatures, linearCoefficients, vectors);
    }
    flat.roots[treeIndex] = reference[0];
    flat.treeOutput[treeIndex] = tree.outputIndex;
    flat.treeWeight[treeIndex] = tree.weight;
    splitBase = splits;
    leafBase = leaves;
  }
  flat.categories = Float64Array.from(categories);
  flat.linearFeatures = Int32Array.from(linearFeatures);
  flat.linearCoefficients = Float64Array.from(linearCoefficients);
  flat.vectors = Float64Array.from(vectors);
  flat.isAllNumeric = flat.kind.every((kind) => kind === NUMERIC_LE);
  return flat;
}

function addSplit(
  flat: FlatModel,
  index: number,
  node: SplitNode,
  reference: Int32Array,
  categories: number[],
  numFeatures: number,
  treeIndex: number,
): void {
  if (!(node.feature >= 0 && node.feature < numFeatures)) {
    throw new RangeError(`tree ${treeIndex} node ${node.sourceId} splits on feature ${node.feature}, but the model has ${numFeatures} features`);
  }
  const left = reference[node.left];
  const right = reference[node.right];
  flat.feature[index] = node.feature;
  flat.left[index] = left;
  flat.right[index] = right;
  flat.children[2 * index] = left;
  flat.children[2 * index + 1] = right;
  flat.splitIrId[index] = node.id;
  const split = node.split;
  if (split.kind === 'numeric') {
    const isLess = split.op === '<';
    flat.threshold[index] = split.threshold;
    const missing = split.missing;
    flat.kind[index] = missing.mode === 'zero' ? (isLess ? NUMERIC_LT_ZERO : NUMERIC_LE_ZERO) : isLess ? NUMERIC_LT : NUMERIC_LE;
    // For doubles, x < t ⇔ x <= (the double below t), so XGBoost's `<` runs on the `<=` fast path.
    if (flat.kind[index] === NUMERIC_LT && split.threshold !== -Infinity) {
      flat.kind[index] = NUMERIC_LE;
      flat.threshold[index] = nextDown(split.threshold);
    }
    if (missing.mode === 'default' || missing.mode === 'zero') flat.missing[index] = missing.defaultLeft ? left : right;
    // LightGBM missing type None: NaN becomes 0.0, so its side is fixed by the threshold alone.
    else if (missing.mode === 'asZero') flat.missing[index] = (isLess ? 0 < split.threshold : 0 <= split.threshold) ? left : right;
    // A NaN comparison is false: right.
    else flat.missing[index] = right;
    flat.missingRight[index] = flat.missing[index] === right ? 1 : 0;
  } else if (split.kind === 'categorical') {
    flat.kind[index] = split.match === 'exact' ? CATEGORY_EXACT : CATEGORY_TRUNCATE;
    flat.missing[index] = split.missingGoes === 'left' ? left : right;
    flat.inSet[index] = split.inSetGoes === 'left' ? left : right;
    const sorted = [...split.categories].sort((a, b) => a - b);
    flat.categoryStart[index] = categories.length;
    for (const category of sorted) categories.push(category);
    flat.categoryEnd[index] = categories.length;
  } else {
    flat.kind[index] = INDICATOR;
    flat.inSet[index] = split.presentGoes === 'left' ? left : right;
    flat.missing[index] = split.presentGoes === 'left' ? right : left;
  }
}

/** The largest double below t (t not −∞); NaN stays NaN. */
function nextDown(t: number): number {
  if (t !== t || t === Infinity) return t === Infinity ? Number.MAX_VALUE : t;
  if (t === 0) return -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, t);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, t > 0 ? bits - 1n : bits + 1n);
  return view.getFloat64(0);
}

function addLeaf(flat: FlatModel, index: number, node: LeafNode, linearFeatures: number[], linearCoefficients: number[], vectors: number[]): void {
  flat.leafSourceId[index] = node.sourceId;
  flat.leafIrId[index] = node.id;
  flat.leafValue[index] = node.value.length > 0 ? node.value[0] : NaN;
  flat.vectorStart[index] = vectors.length;
  flat.vectorLength[index] = node.value.length;
  for (const value of node.value) vectors.push(value);
  if (node.classIndex !== undefined) flat.leafClass[index] = node.classIndex;
  if (node.truncatedDepth !== undefined) {
    flat.leafKind[index] = LEAF_TRUNCATED;
    flat.leafTruncatedDepth[index] = node.truncatedDepth;
  } else if (node.linear) {
    flat.leafKind[index] = LEAF_LINEAR;
    flat.linearConstant[index] = node.linear.constant;
    flat.linearStart[index] = linearFeatures.length;
    for (const [position, feature] of node.linear.features.entries()) {
      linearFeatures.push(feature);
      linearCoefficients.push(node.linear.coefficients[position]);
    }
    flat.linearEnd[index] = linearFeatures.length;
  }
}

/** The decision for the rare split kinds (zero-threshold numeric, categorical, indicator); x is not NaN. */
export function decideSlow(flat: FlatModel, node: number, x: number, float32Input: boolean): number {
  switch (flat.kind[node]) {
    case NUMERIC_LT:
      return x < flat.threshold[node] ? flat.left[node] : flat.right[node];
    case NUMERIC_LE_ZERO:
      if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) return flat.missing[node];
      return x <= flat.threshold[node] ? flat.left[node] : flat.right[node];
    case NUMERIC_LT_ZERO:
      if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) return flat.missing[node];
      return x < flat.threshold[node] ? flat.left[node] : flat.right[node];
    case CATEGORY_TRUNCATE: {
      let isIn = false;
      // XGBoost rejects negative floats before truncating; LightGBM truncates first (see decide.ts).
      if (!(float32Input && x < 0)) {
        const category = Math.trunc(x);
        isIn = category >= 0 && category < CATEGORY_LIMIT && sortedHas(flat.categories, flat.categoryStart[node], flat.categoryEnd[node], category);
      }
      return isIn ? flat.inSet[node] : otherChild(flat, node, flat.inSet[node]);
    }
    case CATEGORY_EXACT: {
      const isIn = sortedHas(flat.categories, flat.categoryStart[node], flat.categoryEnd[node], x);
      return isIn ? flat.inSet[node] : otherChild(flat, node, flat.inSet[node]);
    }
    default:
      return flat.inSet[node]; // INDICATOR: present.
  }
}

function otherChild(flat: FlatModel, node: number, child: number): number {
  return child === flat.left[node] ? flat.right[node] : flat.left[node];
}

/**
 * Walks one tree for the row at `base` in `data`; returns the global leaf index. The `<=` step is
 * branch-free: `!(x <= t)` is 1 for "right" and for NaN, and NaN is sent left again by masking with
 * `missingRight`, so mispredicted branches (half of all splits go either way) cost nothing.
 */
export function findLeaf(flat: FlatModel, root: number, data: Float64Array, base: number, float32Input: boolean): number {
  const kind = flat.kind;
  const feature = flat.feature;
  const threshold = flat.threshold;
  const children = flat.children;
  const missingRight = flat.missingRight;
  let node = root;
  while (node >= 0) {
    const x = data[base + feature[node]];
    if (kind[node] === NUMERIC_LE) {
      const isAbove = (x > threshold[node]) as unknown as number;
      const isMissing = (x !== x) as unknown as number;
      node = children[(node << 1) | isAbove | (isMissing & missingRight[node])];
    }
    else node = x !== x ? flat.missing[node] : decideSlow(flat, node, x, float32Input);
  }
  return ~node;
}

/** A linear leaf's output; NaN in any of its features falls back to the constant leaf value (LightGBM). */
export function linearOutput(flat: FlatModel, leaf: number, data: Float64Array, base: number): number {
  let output = flat.linearConstant[leaf];
  for (let j = flat.linearStart[leaf]; j < flat.linearEnd[leaf]; j++) {
    const x = data[base + flat.linearFeatures[j]];
    if (x !== x) return flat.leafValue[leaf];
    output += flat.linearCoefficients[j] * x;
  }
  return output;
}

export function truncatedMessage(flat: FlatModel, tree: number, leaf: number): string {
  return `tree ${tree} reaches node ${flat.leafSourceId[leaf]}, a branch the dump truncated (depth ${flat.leafTruncatedDepth[leaf]} not printed), so this row has no prediction`;
}

