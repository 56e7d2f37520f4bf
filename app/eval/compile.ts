import type { LeafNode, SplitNode, TreeModel } from '../model/types';
import type { BatchPrediction, CompiledModel, PredictOptions, RowPredictionWithPaths } from './types';
import { CATEGORY_LIMIT, ZERO_THRESHOLD, sortedHas } from './decide';
import { applyTransform, argmax } from './transform';

/*
 * Flat layout (PERFORMANCE.md): every split node of every tree lives in parallel typed arrays indexed
 * by a global split index; every leaf in parallel arrays indexed by a global leaf index. A child
 * reference is the split index (≥ 0) or the bitwise complement of the leaf index (< 0), so the walk
 * is a tight `while (node >= 0)` loop over numbers.
 */

// Split kinds. NaN never reaches the kind switch: every split has a precomputed `missing` child.
const NUMERIC_LE = 0;
const NUMERIC_LT = 1;
const NUMERIC_LE_ZERO = 2;
const NUMERIC_LT_ZERO = 3;
const CATEGORY_TRUNCATE = 4;
const CATEGORY_EXACT = 5;
const INDICATOR = 6;

// Leaf kinds.
const LEAF_CONSTANT = 0;
const LEAF_LINEAR = 1;
const LEAF_TRUNCATED = 2;

// Aggregation modes.
const SUM_DOUBLE = 0;
const SUM_FLOAT = 1;
const MEAN = 2;
const VOTE = 3;
const DISTRIBUTION = 4;

/** Rows scored together, one tree at a time, so each tree stays in cache (PERFORMANCE.md). */
const BLOCK_ROWS = 256;

interface FlatModel {
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

function flatten(model: TreeModel, numFeatures: number): FlatModel {
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

/**
 * For models whose splits are all plain `<=` (after folding `<`): splits and leaves in one numbering
 * (leaves after the splits, leaf l at `splitCount + l`), where a leaf is a node that steps to itself.
 * Several rows can then walk a tree in lock-step with no branch but the loop test.
 */
interface NumericWalk {
  splitCount: number;
  feature: Int32Array;
  threshold: Float64Array;
  children: Int32Array;
  missingRight: Int32Array;
  roots: Int32Array;
  /** Per tree: offset of its complete-tree layout in `complete*` arrays, or -1 (too deep or lopsided). */
  completeOffset: Int32Array;
  completeDepth: Int32Array;
  /** Per tree: offset of its 2^depth leaf slots in `completeLeaves`. */
  completeLeafOffset: Int32Array;
  /** Complete layout: node i has children 2i+1 and 2i+2; `feature << 1 | missingRight` and threshold. */
  completePacked: Int32Array;
  completeThreshold: Float64Array;
  /** Global leaf index reached at each bottom slot. */
  completeLeaves: Int32Array;
  /** Per tree: views of its part of `completePacked`/`completeThreshold`, so the walk indexes from 0. */
  treePacked: Int32Array[];
  treeThreshold: Float64Array[];
}

/** Trees up to this depth may be padded to complete trees (2^(depth+1) − 1 nodes). */
const COMPLETE_MAX_DEPTH = 10;

/**
 * Pads balanced trees into complete binary trees stored heap-style, so a step needs no child load:
 * a leaf above the bottom becomes a chain of "always left" nodes (threshold +∞, NaN left) ending in
 * copies of itself. Worth it when rows would mostly walk to the bottom anyway: the average leaf depth
 * must be at least 70% of the maximum (XGBoost's depth-wise trees), not for LightGBM's lopsided ones.
 */
function addCompleteLayouts(walk: NumericWalk, flat: FlatModel): void {
  const trees = walk.roots.length;
  walk.completeOffset = new Int32Array(trees).fill(-1);
  walk.completeDepth = new Int32Array(trees);
  walk.completeLeafOffset = new Int32Array(trees);
  const packed: number[] = [];
  const thresholds: number[] = [];
  const leaves: number[] = [];
  const { splitCount, children } = walk;
  for (let tree = 0; tree < trees; tree++) {
    const root = walk.roots[tree];
    if (root >= splitCount) continue; // A single leaf: the general walk handles it at no cost.
    let maxDepth = 0;
    let depthSum = 0;
    let leafCount = 0;
    const stack: number[] = [root, 0];
    while (stack.length > 0) {
      const depth = stack.pop()!;
      const node = stack.pop()!;
      if (node >= splitCount) {
        maxDepth = Math.max(maxDepth, depth);
        depthSum += depth;
        leafCount++;
      } else stack.push(children[2 * node], depth + 1, children[2 * node + 1], depth + 1);
    }
    if (maxDepth > COMPLETE_MAX_DEPTH || depthSum / leafCount < 0.7 * maxDepth) continue;
    const offset = packed.length;
    const size = 2 ** (maxDepth + 1) - 1;
    const firstBottom = 2 ** maxDepth - 1;
    walk.completeOffset[tree] = offset;
    walk.completeDepth[tree] = maxDepth;
    walk.completeLeafOffset[tree] = leaves.length;
    for (let i = 0; i < size; i++) {
      packed.push(0);
      thresholds.push(Infinity);
    }
    for (let i = 0; i <= firstBottom; i++) leaves.push(-1);
    const fill = (slot: number, node: number) => {
      if (slot >= firstBottom) {
        leaves[walk.completeLeafOffset[tree] + slot - firstBottom] = node - splitCount;
        return;
      }
      if (node < splitCount) {
        packed[offset + slot] = (flat.feature[node] << 1) | flat.missingRight[node];
        thresholds[offset + slot] = flat.threshold[node];
        fill(2 * slot + 1, children[2 * node]);
        fill(2 * slot + 2, children[2 * node + 1]);
      } else {
        fill(2 * slot + 1, node);
        fill(2 * slot + 2, node);
      }
    };
    fill(0, root);
    leaves.length = walk.completeLeafOffset[tree] + firstBottom + 1;
  }
  walk.completePacked = Int32Array.from(packed);
  walk.completeThreshold = Float64Array.from(thresholds);
  walk.completeLeaves = Int32Array.from(leaves);
  walk.treePacked = [];
  walk.treeThreshold = [];
  for (let tree = 0; tree < trees; tree++) {
    const offset = walk.completeOffset[tree];
    const size = offset < 0 ? 0 : 2 ** (walk.completeDepth[tree] + 1) - 1;
    walk.treePacked.push(walk.completePacked.subarray(Math.max(offset, 0), Math.max(offset, 0) + size));
    walk.treeThreshold.push(walk.completeThreshold.subarray(Math.max(offset, 0), Math.max(offset, 0) + size));
  }
}

/** The complete-tree walk (see addCompleteLayouts): a fixed number of steps, eight rows at a time. */
function walkCompleteBlock(walk: NumericWalk, tree: number, data: Float64Array, base: number, numFeatures: number, count: number, leaves: Int32Array): void {
  const offset = walk.completeOffset[tree];
  const packed = walk.treePacked[tree];
  const threshold = walk.treeThreshold[tree];
  const depth = walk.completeDepth[tree];
  const bottom = walk.completeLeafOffset[tree] - (2 ** depth - 1);
  const slots = walk.completeLeaves;
  let r = 0;
  for (; r + 8 <= count; r += 8) {
    const base0 = base + r * numFeatures;
    const base1 = base0 + numFeatures;
    const base2 = base1 + numFeatures;
    const base3 = base2 + numFeatures;
    const base4 = base3 + numFeatures;
    const base5 = base4 + numFeatures;
    const base6 = base5 + numFeatures;
    const base7 = base6 + numFeatures;
    let node0 = 0;
    let node1 = 0;
    let node2 = 0;
    let node3 = 0;
    let node4 = 0;
    let node5 = 0;
    let node6 = 0;
    let node7 = 0;
    for (let level = 0; level < depth; level++) {
      const packed0 = packed[node0];
      const packed1 = packed[node1];
      const packed2 = packed[node2];
      const packed3 = packed[node3];
      const packed4 = packed[node4];
      const packed5 = packed[node5];
      const packed6 = packed[node6];
      const packed7 = packed[node7];
      const x0 = data[base0 + (packed0 >> 1)];
      const x1 = data[base1 + (packed1 >> 1)];
      const x2 = data[base2 + (packed2 >> 1)];
      const x3 = data[base3 + (packed3 >> 1)];
      const x4 = data[base4 + (packed4 >> 1)];
      const x5 = data[base5 + (packed5 >> 1)];
      const x6 = data[base6 + (packed6 >> 1)];
      const x7 = data[base7 + (packed7 >> 1)];
      node0 = 2 * node0 + 1 + (((x0 > threshold[node0]) as unknown as number) | (((x0 !== x0) as unknown as number) & packed0));
      node1 = 2 * node1 + 1 + (((x1 > threshold[node1]) as unknown as number) | (((x1 !== x1) as unknown as number) & packed1));
      node2 = 2 * node2 + 1 + (((x2 > threshold[node2]) as unknown as number) | (((x2 !== x2) as unknown as number) & packed2));
      node3 = 2 * node3 + 1 + (((x3 > threshold[node3]) as unknown as number) | (((x3 !== x3) as unknown as number) & packed3));
      node4 = 2 * node4 + 1 + (((x4 > threshold[node4]) as unknown as number) | (((x4 !== x4) as unknown as number) & packed4));
      node5 = 2 * node5 + 1 + (((x5 > threshold[node5]) as unknown as number) | (((x5 !== x5) as unknown as number) & packed5));
      node6 = 2 * node6 + 1 + (((x6 > threshold[node6]) as unknown as number) | (((x6 !== x6) as unknown as number) & packed6));
      node7 = 2 * node7 + 1 + (((x7 > threshold[node7]) as unknown as number) | (((x7 !== x7) as unknown as number) & packed7));
    }
    leaves[r + 0] = slots[bottom + node0];
    leaves[r + 1] = slots[bottom + node1];
    leaves[r + 2] = slots[bottom + node2];
    leaves[r + 3] = slots[bottom + node3];
    leaves[r + 4] = slots[bottom + node4];
    leaves[r + 5] = slots[bottom + node5];
    leaves[r + 6] = slots[bottom + node6];
    leaves[r + 7] = slots[bottom + node7];
  }
  for (; r < count; r++) {
    const rowBase = base + r * numFeatures;
    let node = 0;
    for (let level = 0; level < depth; level++) {
      const bits = packed[node];
      const x = data[rowBase + (bits >> 1)];
      node = 2 * node + 1 + (((x > threshold[node]) as unknown as number) | (((x !== x) as unknown as number) & bits));
    }
    leaves[r] = slots[bottom + node];
  }
}

function numericWalkOf(flat: FlatModel): NumericWalk {
  const splitCount = flat.kind.length;
  const total = splitCount + flat.leafKind.length;
  const unified = (reference: number) => (reference >= 0 ? reference : splitCount + ~reference);
  const walk: NumericWalk = {
    splitCount,
    feature: new Int32Array(total),
    threshold: new Float64Array(total).fill(NaN),
    children: new Int32Array(2 * total),
    missingRight: new Int32Array(total),
    roots: flat.roots.map(unified),
    completeOffset: new Int32Array(0),
    completeDepth: new Int32Array(0),
    completeLeafOffset: new Int32Array(0),
    completePacked: new Int32Array(0),
    completeThreshold: new Float64Array(0),
    completeLeaves: new Int32Array(0),
    treePacked: [],
    treeThreshold: [],
  };
  walk.feature.set(flat.feature);
  walk.threshold.set(flat.threshold);
  walk.missingRight.set(flat.missingRight);
  for (let node = 0; node < splitCount; node++) {
    walk.children[2 * node] = unified(flat.left[node]);
    walk.children[2 * node + 1] = unified(flat.right[node]);
  }
  // A leaf: feature 0, threshold NaN (x > NaN is false), missingRight 0: both ways lead back to itself.
  for (let node = splitCount; node < total; node++) walk.children[2 * node] = walk.children[2 * node + 1] = node;
  addCompleteLayouts(walk, flat);
  return walk;
}

/**
 * Finds the leaf of `count` rows (row r at `base + r·numFeatures`) in one tree, four rows at a
 * time in lock-step (PERFORMANCE.md: the CPU overlaps their loads). Writes global leaf indices.
 */
function walkBlock(walk: NumericWalk, tree: number, data: Float64Array, base: number, numFeatures: number, count: number, leaves: Int32Array): void {
  const { splitCount, feature, threshold, children, missingRight } = walk;
  const root = walk.roots[tree];
  let r = 0;
  for (; r + 4 <= count; r += 4) {
    const base0 = base + r * numFeatures;
    const base1 = base0 + numFeatures;
    const base2 = base1 + numFeatures;
    const base3 = base2 + numFeatures;
    let node0 = root;
    let node1 = root;
    let node2 = root;
    let node3 = root;
    while (Math.min(node0, node1, node2, node3) < splitCount) {
      const x0 = data[base0 + feature[node0]];
      const x1 = data[base1 + feature[node1]];
      const x2 = data[base2 + feature[node2]];
      const x3 = data[base3 + feature[node3]];
      node0 = children[(node0 << 1) | ((x0 > threshold[node0]) as unknown as number) | (((x0 !== x0) as unknown as number) & missingRight[node0])];
      node1 = children[(node1 << 1) | ((x1 > threshold[node1]) as unknown as number) | (((x1 !== x1) as unknown as number) & missingRight[node1])];
      node2 = children[(node2 << 1) | ((x2 > threshold[node2]) as unknown as number) | (((x2 !== x2) as unknown as number) & missingRight[node2])];
      node3 = children[(node3 << 1) | ((x3 > threshold[node3]) as unknown as number) | (((x3 !== x3) as unknown as number) & missingRight[node3])];
    }
    leaves[r] = node0 - splitCount;
    leaves[r + 1] = node1 - splitCount;
    leaves[r + 2] = node2 - splitCount;
    leaves[r + 3] = node3 - splitCount;
  }
  for (; r < count; r++) {
    const rowBase = base + r * numFeatures;
    let node = root;
    while (node < splitCount) {
      const x = data[rowBase + feature[node]];
      node = children[(node << 1) | ((x > threshold[node]) as unknown as number) | (((x !== x) as unknown as number) & missingRight[node])];
    }
    leaves[r] = node - splitCount;
  }
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
function decideSlow(flat: FlatModel, node: number, x: number, float32Input: boolean): number {
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
function findLeaf(flat: FlatModel, root: number, data: Float64Array, base: number, float32Input: boolean): number {
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
function linearOutput(flat: FlatModel, leaf: number, data: Float64Array, base: number): number {
  let output = flat.linearConstant[leaf];
  for (let j = flat.linearStart[leaf]; j < flat.linearEnd[leaf]; j++) {
    const x = data[base + flat.linearFeatures[j]];
    if (x !== x) return flat.leafValue[leaf];
    output += flat.linearCoefficients[j] * x;
  }
  return output;
}

function truncatedMessage(flat: FlatModel, tree: number, leaf: number): string {
  return `tree ${tree} reaches node ${flat.leafSourceId[leaf]}, a branch the dump truncated (depth ${flat.leafTruncatedDepth[leaf]} not printed), so this row has no prediction`;
}

/** Everything `compileModel` needs besides the flat arrays. */
interface Plan {
  flat: FlatModel;
  /** Present when every split is a plain `<=`: the lock-step block walk applies. */
  walk?: NumericWalk;
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
  model: TreeModel;
}

function planOf(model: TreeModel): Plan {
  let maxFeature = -1;
  for (const tree of model.trees) for (const node of tree.nodes) if (node.type === 'split' && node.feature > maxFeature) maxFeature = node.feature;
  const numFeatures = Math.max(model.features.length, maxFeature + 1);
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
  if (mode === DISTRIBUTION && model.trees.length !== 1) {
    throw new RangeError(`a 'distribution' model must hold exactly one tree, found ${model.trees.length}`);
  }
  const treesPerOutput = new Float64Array(numOutputs);
  for (const [index, tree] of model.trees.entries()) {
    if (!(tree.outputIndex >= 0 && tree.outputIndex < numOutputs)) {
      throw new RangeError(`tree ${index} adds to output ${tree.outputIndex}, but the model has ${numOutputs} outputs`);
    }
    treesPerOutput[tree.outputIndex]++;
  }
  const hasClasses = (model.classes?.length ?? 0) > 0 || model.task === 'binary' || model.task === 'multiclass';
  const flat = flatten(model, numFeatures);
  return {
    flat,
    walk: flat.isAllNumeric ? numericWalkOf(flat) : undefined,
    numFeatures,
    numOutputs,
    numTrees: model.trees.length,
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
  };
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
    else if (flat.kind[node] === NUMERIC_LT) node = x < flat.threshold[node] ? flat.left[node] : flat.right[node];
    else node = decideSlow(flat, node, x, float32Input);
  }
  path.push(flat.leafIrId[~node]);
  return path;
}

function predictBatchWith(plan: Plan, values: Float64Array, rows: number, wantLeafNodes: boolean): BatchPrediction {
  const { flat, numOutputs, numTrees, numFeatures, mode } = plan;
  if (values.length < rows * numFeatures) {
    throw new RangeError(`predictBatch needs ${rows} × ${numFeatures} values, got ${values.length}`);
  }
  const raw = new Float64Array(rows * numOutputs);
  const prediction = new Float64Array(rows * plan.predictionWidth);
  const predictedClass = new Int32Array(rows);
  const leafNodes = wantLeafNodes ? new Int32Array(rows * numTrees) : undefined;
  const errors = new Map<number, string>();
  const accumulator = new Float64Array(BLOCK_ROWS * numOutputs);
  const blockLeaves = new Int32Array(BLOCK_ROWS);
  const distributionLeaves = new Int32Array(BLOCK_ROWS);
  const walk = plan.walk;
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
      if (leafNodes) for (let r = 0; r < count; r++) leafNodes[(first + r) * numTrees + tree] = flat.leafIrId[blockLeaves[r]];
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

/**
 * Prepares a model for scoring: flattens every tree into typed arrays once. The result scores single
 * rows (with leaves and optional decision paths) and row-major batches, exactly as the IR's rules say.
 * Throws RangeError when the IR is inconsistent (a feature or output index out of range).
 */
export function compileModel(model: TreeModel): CompiledModel {
  const plan = planOf(model);
  return {
    numFeatures: plan.numFeatures,
    numOutputs: plan.numOutputs,
    numTrees: plan.numTrees,
    predictRow: (values, options) => predictRowWith(plan, values, options),
    predictBatch: (values, rows, options) => predictBatchWith(plan, values, rows, options?.leafNodes ?? false),
  };
}
