import {
  FLAG_DEFAULT_LEFT,
  FLAG_IN_SET_LEFT,
  FLAG_MATCH_EXACT,
  FLAG_MISSING_LEFT,
  FLAG_OP_LESS,
  FLAG_PRESENT_LEFT,
  MISSING_AS_ZERO,
  MISSING_DEFAULT,
  MISSING_MASK,
  MISSING_SHIFT,
  MISSING_ZERO,
  NODE_CATEGORICAL,
  NODE_LEAF,
  NODE_NUMERIC,
  type PackedForest,
} from '../model/packed';
import { CATEGORY_LIMIT, ZERO_THRESHOLD, sortedHas } from './decide';

/*
 * Flat layout (PERFORMANCE.md): every split node of every tree lives in parallel typed arrays indexed
 * by a global split index; every leaf in parallel arrays indexed by a global leaf index. A child
 * reference is the split index (≥ 0) or the bitwise complement of the leaf index (< 0), so the walk
 * is a tight `while (node >= 0)` loop over numbers.
 */

// Split kinds. NaN never reaches the kind switch: every split has a precomputed `missing` child.
export const NUMERIC_LE = 0;
export const NUMERIC_LT = 1;
export const NUMERIC_LE_ZERO = 2;
export const NUMERIC_LT_ZERO = 3;
export const CATEGORY_TRUNCATE = 4;
export const CATEGORY_EXACT = 5;
export const INDICATOR = 6;

// Leaf kinds.
export const LEAF_CONSTANT = 0;
export const LEAF_LINEAR = 1;
export const LEAF_TRUNCATED = 2;

/** Some leaf is not a constant: every kind but LEAF_CONSTANT is named here (native searches, no per-leaf callback). */
export function hasSpecialLeaf(leafKind: Uint8Array): boolean {
  return leafKind.indexOf(LEAF_LINEAR) >= 0 || leafKind.indexOf(LEAF_TRUNCATED) >= 0;
}


export interface FlatModel {
  // Splits.
  kind: Uint8Array;
  feature: Int32Array;
  threshold: Float64Array;
  /**
   * `[left, right]` per split (split s's children at `2s` and `2s + 1`), so the common step is one
   * indexed load with no branch.
   */
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
  /** The model's declared features, or more when a split names a feature beyond them. */
  numFeatures: number;
}

/**
 * The walk's layout from the packed model's columns: split rows and leaf rows get their own global
 * indices, children become encoded references. One pass over the forest; no node objects.
 */
export function flatten(forest: PackedForest, declaredFeatures: number): FlatModel {
  const nodeCount = forest.nodeCount;
  let leafCount = 0;
  for (let row = 0; row < nodeCount; row++) if (forest.kind[row] === NODE_LEAF) leafCount++;
  const splitCount = nodeCount - leafCount;
  const treeCount = forest.treeCount;
  const flat: FlatModel = {
    kind: new Uint8Array(splitCount),
    feature: new Int32Array(splitCount),
    threshold: new Float64Array(splitCount),
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
    linearFeatures: forest.linearFeatures,
    linearCoefficients: forest.linearCoefficients,
    vectorStart: new Int32Array(leafCount),
    vectorLength: new Int32Array(leafCount),
    // Extras' value lists first, then every plain leaf's one value, so each leaf has a vector.
    vectors: new Float64Array(forest.leafValues.length + leafCount),
    leafClass: new Int32Array(leafCount).fill(-1),
    leafTruncatedDepth: new Int32Array(leafCount),
    roots: new Int32Array(treeCount),
    treeOutput: Int32Array.from(forest.treeOutput),
    treeWeight: Float64Array.from(forest.treeWeight),
    numFeatures: declaredFeatures,
  };
  const categories: number[] = [];
  // Encoded reference of every row: split index (≥ 0) or ~leaf index.
  const reference = new Int32Array(nodeCount);
  let splits = 0;
  let leaves = 0;
  let maxFeature = -1;
  const kind = forest.kind;
  const feature = forest.feature;
  for (let row = 0; row < nodeCount; row++) {
    if (kind[row] === NODE_LEAF) reference[row] = ~leaves++;
    else {
      reference[row] = splits++;
      if (feature[row] > maxFeature) maxFeature = feature[row];
    }
  }
  flat.numFeatures = Math.max(declaredFeatures, maxFeature + 1);
  const treeNodeStart = forest.treeNodeStart;
  for (let tree = 0; tree < treeCount; tree++) {
    const start = treeNodeStart[tree];
    const end = treeNodeStart[tree + 1];
    flat.roots[tree] = reference[start];
    for (let row = start; row < end; row++) {
      const ref = reference[row];
      if (ref >= 0) addSplit(flat, ref, forest, row, start, reference, categories, tree);
      else addLeaf(flat, ~ref, forest, row, start);
    }
  }
  flat.vectors.set(forest.leafValues);
  flat.categories = Float64Array.from(categories);
  flat.isAllNumeric = flat.kind.every((kind) => kind === NUMERIC_LE);
  return flat;
}

function addSplit(
  flat: FlatModel,
  index: number,
  forest: PackedForest,
  row: number,
  treeStart: number,
  reference: Int32Array,
  categories: number[],
  treeIndex: number,
): void {
  const feature = forest.feature[row];
  if (!(feature >= 0)) throw new RangeError(`tree ${treeIndex} node ${forest.sourceId[row]} splits on feature ${feature}, a negative feature index`);
  const left = reference[treeStart + forest.left[row]];
  const right = reference[treeStart + forest.right[row]];
  flat.feature[index] = feature;
  flat.children[2 * index] = left;
  flat.children[2 * index + 1] = right;
  flat.splitIrId[index] = row - treeStart;
  const flags = forest.flags[row];
  const kind = forest.kind[row];
  if (kind === NODE_NUMERIC) {
    const threshold = forest.value[row];
    const isLess = (flags & FLAG_OP_LESS) !== 0;
    const mode = (flags & MISSING_MASK) >> MISSING_SHIFT;
    const defaultLeft = (flags & FLAG_DEFAULT_LEFT) !== 0;
    flat.threshold[index] = threshold;
    flat.kind[index] = mode === MISSING_ZERO ? (isLess ? NUMERIC_LT_ZERO : NUMERIC_LE_ZERO) : isLess ? NUMERIC_LT : NUMERIC_LE;
    // For doubles, x < t ⇔ x <= (the double below t), so XGBoost's `<` runs on the `<=` fast path.
    if (flat.kind[index] === NUMERIC_LT && threshold !== -Infinity) {
      flat.kind[index] = NUMERIC_LE;
      flat.threshold[index] = nextDown(threshold);
    }
    if (mode === MISSING_DEFAULT || mode === MISSING_ZERO) flat.missing[index] = defaultLeft ? left : right;
    // LightGBM missing type None: NaN becomes 0.0, so its side is fixed by the threshold alone.
    else if (mode === MISSING_AS_ZERO) flat.missing[index] = (isLess ? 0 < threshold : 0 <= threshold) ? left : right;
    // A NaN comparison is false: right.
    else flat.missing[index] = right;
    flat.missingRight[index] = flat.missing[index] === right ? 1 : 0;
  } else if (kind === NODE_CATEGORICAL) {
    flat.kind[index] = flags & FLAG_MATCH_EXACT ? CATEGORY_EXACT : CATEGORY_TRUNCATE;
    flat.missing[index] = flags & FLAG_MISSING_LEFT ? left : right;
    flat.inSet[index] = flags & FLAG_IN_SET_LEFT ? left : right;
    const set = forest.extra[row];
    const sorted = Array.from(forest.categories.subarray(forest.categoryStart[set], forest.categoryStart[set + 1])).sort((a, b) => a - b);
    flat.categoryStart[index] = categories.length;
    for (const category of sorted) categories.push(category);
    flat.categoryEnd[index] = categories.length;
  } else {
    flat.kind[index] = INDICATOR;
    flat.inSet[index] = flags & FLAG_PRESENT_LEFT ? left : right;
    flat.missing[index] = flags & FLAG_PRESENT_LEFT ? right : left;
  }
}

// A double's two 32-bit halves, for nextDown (typed arrays use the platform's byte order).
const scratchDouble = new Float64Array(1);
const scratchWords = new Uint32Array(scratchDouble.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * The largest double below t (t not −∞); NaN stays NaN. One step of the bits' magnitude, in two
 * 32-bit halves (an XGBoost model folds every `<` split through here: no allocation per call).
 */
function nextDown(t: number): number {
  if (t !== t || t === Infinity) return t === Infinity ? Number.MAX_VALUE : t;
  if (t === 0) return -Number.MIN_VALUE;
  scratchDouble[0] = t;
  if (t > 0) {
    // Smaller magnitude: bits − 1.
    if (scratchWords[LOW] === 0) scratchWords[HIGH]--;
    scratchWords[LOW]--;
  } else {
    // Larger magnitude: bits + 1.
    if (scratchWords[LOW] === 0xffffffff) scratchWords[HIGH]++;
    scratchWords[LOW]++;
  }
  return scratchDouble[0];
}

function addLeaf(flat: FlatModel, index: number, forest: PackedForest, row: number, treeStart: number): void {
  flat.leafSourceId[index] = forest.sourceId[row];
  flat.leafIrId[index] = row - treeStart;
  const extra = forest.extra[row];
  if (extra < 0) {
    const at = forest.leafValues.length + index;
    flat.leafValue[index] = forest.value[row];
    flat.vectors[at] = forest.value[row];
    flat.vectorStart[index] = at;
    flat.vectorLength[index] = 1;
    return;
  }
  const start = forest.leafValueStart[extra];
  const length = forest.leafValueStart[extra + 1] - start;
  flat.leafValue[index] = length > 0 ? forest.leafValues[start] : NaN;
  flat.vectorStart[index] = start;
  flat.vectorLength[index] = length;
  if (forest.leafClass[extra] >= 0) flat.leafClass[index] = forest.leafClass[extra];
  if (forest.leafTruncatedDepth[extra] >= 0) {
    flat.leafKind[index] = LEAF_TRUNCATED;
    flat.leafTruncatedDepth[index] = forest.leafTruncatedDepth[extra];
  } else if (forest.isLinear[extra]) {
    flat.leafKind[index] = LEAF_LINEAR;
    flat.linearConstant[index] = forest.linearConstant[extra];
    flat.linearStart[index] = forest.linearStart[extra];
    flat.linearEnd[index] = forest.linearStart[extra + 1];
  }
}

/** The decision for the rare split kinds (zero-threshold numeric, categorical, indicator); x is not NaN. */
export function decideSlow(flat: FlatModel, node: number, x: number, float32Input: boolean): number {
  switch (flat.kind[node]) {
    case NUMERIC_LT:
      return x < flat.threshold[node] ? flat.children[2 * node] : flat.children[2 * node + 1];
    case NUMERIC_LE_ZERO:
      if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) return flat.missing[node];
      return x <= flat.threshold[node] ? flat.children[2 * node] : flat.children[2 * node + 1];
    case NUMERIC_LT_ZERO:
      if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) return flat.missing[node];
      return x < flat.threshold[node] ? flat.children[2 * node] : flat.children[2 * node + 1];
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
  return child === flat.children[2 * node] ? flat.children[2 * node + 1] : flat.children[2 * node];
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

