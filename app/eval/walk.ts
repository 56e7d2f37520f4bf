/*
 * Branch-free block walkers for models whose splits are all plain `<=` (PERFORMANCE.md: score a block
 * of rows one tree at a time; step several rows together so the CPU overlaps their loads).
 */
import type { FlatModel } from './flat';

/**
 * For models whose splits are all plain `<=` (after folding `<`): splits and leaves in one numbering
 * (leaves after the splits, leaf l at `splitCount + l`), where a leaf is a node that steps to itself.
 * Several rows can then walk a tree in lock-step with no branch but the loop test.
 */
export interface NumericWalk {
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
export function walkCompleteBlock(walk: NumericWalk, tree: number, data: Float64Array, base: number, numFeatures: number, count: number, leaves: Int32Array): void {
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

export function numericWalkOf(flat: FlatModel): NumericWalk {
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
    walk.children[2 * node] = unified(flat.children[2 * node]);
    walk.children[2 * node + 1] = unified(flat.children[2 * node + 1]);
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
export function walkBlock(walk: NumericWalk, tree: number, data: Float64Array, base: number, numFeatures: number, count: number, leaves: Int32Array): void {
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

