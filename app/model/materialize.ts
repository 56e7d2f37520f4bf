import {
  FLAG_DEFAULT_LEFT,
  FLAG_IN_SET_LEFT,
  FLAG_MATCH_EXACT,
  FLAG_MISSING_LEFT,
  FLAG_OP_LESS,
  FLAG_PRESENT_LEFT,
  MISSING_AS_ZERO,
  MISSING_COMPARE,
  MISSING_DEFAULT,
  MISSING_MASK,
  MISSING_SHIFT,
  NODE_CATEGORICAL,
  NODE_LEAF,
  NODE_NUMERIC,
  type PackedForest,
  type PackedModel,
} from './packed';
import type { LeafNode, NodeStats, NumericMissing, Split, Tree, TreeModel, TreeNode } from './types';

/*
 * From packed columns back to readable node objects, one tree at a time, for what a person looks
 * at (the tree on screen, node details, a path) and for tests. Nothing here walks a whole model.
 */

/** The split of global row `row` (a split node). */
export function splitOf(forest: PackedForest, row: number): Split {
  const flags = forest.flags[row];
  const kind = forest.kind[row];
  if (kind === NODE_NUMERIC) {
    const mode = (flags & MISSING_MASK) >> MISSING_SHIFT;
    const defaultLeft = (flags & FLAG_DEFAULT_LEFT) !== 0;
    const missing: NumericMissing =
      mode === MISSING_COMPARE
        ? { mode: 'compare' }
        : mode === MISSING_DEFAULT
          ? { mode: 'default', defaultLeft }
          : mode === MISSING_AS_ZERO
            ? { mode: 'asZero' }
            : { mode: 'zero', defaultLeft };
    return { kind: 'numeric', op: flags & FLAG_OP_LESS ? '<' : '<=', threshold: forest.value[row], missing };
  }
  if (kind === NODE_CATEGORICAL) {
    const set = forest.extra[row];
    return {
      kind: 'categorical',
      categories: Array.from(forest.categories.subarray(forest.categoryStart[set], forest.categoryStart[set + 1])),
      inSetGoes: flags & FLAG_IN_SET_LEFT ? 'left' : 'right',
      missingGoes: flags & FLAG_MISSING_LEFT ? 'left' : 'right',
      match: flags & FLAG_MATCH_EXACT ? 'exact' : 'truncate',
    };
  }
  return { kind: 'indicator', presentGoes: flags & FLAG_PRESENT_LEFT ? 'left' : 'right' };
}

/** The training statistics of global row `row`, or undefined when it has none. */
export function statsOf(forest: PackedForest, row: number): NodeStats | undefined {
  let stats: NodeStats | undefined;
  const gain = forest.gain?.[row];
  const count = forest.count?.[row];
  const cover = forest.cover?.[row];
  const internalValue = forest.internalValue?.[row];
  if (gain !== undefined && gain === gain) (stats ??= {}).gain = gain;
  if (count !== undefined && count === count) (stats ??= {}).count = count;
  if (cover !== undefined && cover === cover) (stats ??= {}).cover = cover;
  if (internalValue !== undefined && internalValue === internalValue) (stats ??= {}).internalValue = internalValue;
  return stats;
}

/** The output values of a leaf row (`LeafNode.value`). */
export function leafValuesOf(forest: PackedForest, row: number): number[] {
  const extra = forest.extra[row];
  if (extra < 0) return [forest.value[row]];
  return Array.from(forest.leafValues.subarray(forest.leafValueStart[extra], forest.leafValueStart[extra + 1]));
}

function leafOf(forest: PackedForest, row: number, base: LeafNode): LeafNode {
  const extra = forest.extra[row];
  base.value = leafValuesOf(forest, row);
  if (extra < 0) return base;
  if (forest.isLinear[extra]) {
    const start = forest.linearStart[extra];
    const end = forest.linearStart[extra + 1];
    base.linear = {
      constant: forest.linearConstant[extra],
      features: Array.from(forest.linearFeatures.subarray(start, end)),
      coefficients: Array.from(forest.linearCoefficients.subarray(start, end)),
    };
  }
  if (forest.leafTruncatedDepth[extra] >= 0) base.truncatedDepth = forest.leafTruncatedDepth[extra];
  if (forest.leafClass[extra] >= 0) base.classIndex = forest.leafClass[extra];
  return base;
}

/** Readable node objects of tree `index`, with `depth` and `parent` recomputed (equal to the adapter's own). */
export function treeAt(model: PackedModel, index: number): Tree {
  return treeOf(model.forest, index);
}

/** `treeAt` on a bare forest. */
export function treeOf(forest: PackedForest, index: number): Tree {
  if (!(index >= 0 && index < forest.treeCount)) throw new RangeError(`tree ${index} is not in this model (${forest.treeCount} trees)`);
  const start = forest.treeNodeStart[index];
  const size = forest.treeNodeStart[index + 1] - start;
  const { depth, parent } = treeShape(forest, index);
  const nodes: TreeNode[] = new Array(size);
  for (let id = 0; id < size; id++) {
    const row = start + id;
    let node: TreeNode;
    if (forest.kind[row] === NODE_LEAF) {
      node = leafOf(forest, row, { type: 'leaf', id, sourceId: forest.sourceId[row], depth: depth[id], parent: parent[id], value: [] });
    } else {
      node = {
        type: 'split',
        id,
        sourceId: forest.sourceId[row],
        depth: depth[id],
        parent: parent[id],
        feature: forest.feature[row],
        split: splitOf(forest, row),
        left: forest.left[row],
        right: forest.right[row],
      };
    }
    const stats = statsOf(forest, row);
    if (stats) node.stats = stats;
    if (forest.line && forest.column && forest.line[row] > 0) node.position = { line: forest.line[row], column: forest.column[row] };
    nodes[id] = node;
  }
  return { index, outputIndex: forest.treeOutput[index], weight: forest.treeWeight[index], nodes };
}

/**
 * Depth and parent of every node of tree `index`, by local id (root: depth 0, parent -1), from an
 * explicit stack (no recursion whose depth the file decides). Unreached nodes keep depth -1.
 */
export function treeShape(forest: PackedForest, index: number): { depth: Int32Array; parent: Int32Array } {
  const size = forest.treeNodeStart[index + 1] - forest.treeNodeStart[index];
  const depth = new Int32Array(size).fill(-1);
  const parent = new Int32Array(size).fill(-1);
  walkTree(forest, index, depth, 0, parent, new Int32Array(size));
  return { depth, parent };
}

/**
 * `treeShape`'s walk, writing tree `index`'s depths (and parents, when given) at `offset` + local id
 * of arrays the caller filled with -1; `stack` holds at least the tree's node count. Allocates
 * nothing, so a walk over every tree of a big model (`forestDepths`) costs only its reads.
 */
export function walkTree(forest: PackedForest, index: number, depth: Int32Array, offset: number, parent: Int32Array | undefined, stack: Int32Array): void {
  const start = forest.treeNodeStart[index];
  const size = forest.treeNodeStart[index + 1] - start;
  if (size === 0) return;
  const { kind, left, right } = forest;
  depth[offset] = 0;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const id = stack[--top];
    const row = start + id;
    if (kind[row] === NODE_LEAF) continue;
    const below = depth[offset + id] + 1;
    const leftChild = left[row];
    if (leftChild >= 0 && leftChild < size && depth[offset + leftChild] < 0) {
      depth[offset + leftChild] = below;
      if (parent) parent[offset + leftChild] = id;
      stack[top++] = leftChild;
    }
    const rightChild = right[row];
    if (rightChild >= 0 && rightChild < size && depth[offset + rightChild] < 0) {
      depth[offset + rightChild] = below;
      if (parent) parent[offset + rightChild] = id;
      stack[top++] = rightChild;
    }
  }
}

/** Size, leaves and depth of one tree, read from the columns. */
export interface TreeFacts {
  nodes: number;
  leaves: number;
  depth: number;
}

/** `TreeFacts` of tree `index` without making node objects. */
export function treeFacts(forest: PackedForest, index: number): TreeFacts {
  const start = forest.treeNodeStart[index];
  const end = forest.treeNodeStart[index + 1];
  let leaves = 0;
  for (let row = start; row < end; row++) if (forest.kind[row] === NODE_LEAF) leaves++;
  const { depth } = treeShape(forest, index);
  let maxDepth = 0;
  for (let id = 0; id < depth.length; id++) if (depth[id] > maxDepth) maxDepth = depth[id];
  return { nodes: end - start, leaves, depth: maxDepth };
}

/** The whole model as node objects (tests and small tools only: this is the form big models avoid). */
export function unpackModel(model: PackedModel): TreeModel {
  const trees: Tree[] = [];
  for (let index = 0; index < model.forest.treeCount; index++) trees.push(treeAt(model, index));
  return { ...model.header, trees };
}
