import type { TreeShape } from './layout';

/**
 * Where every node of a whole tree sits in the overview (issue 15): leaves side by side in reading
 * order (left subtree first), one row per depth, each split centred over its first and last leaf.
 * Unlike the tidy layout of the drawing (`layout.ts`) it has no box sizes and no collapsed parts, and
 * it is one linear pass, so a 50,000-node tree is laid out in a few milliseconds and drawn whole
 * on a canvas.
 */
export interface OverviewLayout {
  /** Column of each node (index = node id), in leaf slots: leaf k is at k, a split between its leaves. */
  x: Float64Array;
  /** Depth of each node (root 0). */
  depth: Int32Array;
  /** Parent id of each node (-1 for the root). */
  parent: Int32Array;
  /** 1 for leaves. */
  isLeaf: Uint8Array;
  /** Number of leaves (the layout spans columns 0 … leafCount − 1). */
  leafCount: number;
  maxDepth: number;
}

/** Lays out every node of a tree given by its shape (children, -1 for a leaf's). */
export function overviewLayout(shape: TreeShape): OverviewLayout {
  const count = shape.left.length;
  const x = new Float64Array(count);
  const depth = new Int32Array(count);
  const parent = new Int32Array(count).fill(-1);
  const isLeaf = new Uint8Array(count);
  // Pre-order with an explicit stack (5,000-deep chains exist); leaves take columns as they come.
  const order = new Int32Array(count);
  const stack = new Int32Array(count + 1);
  let top = 0;
  let visited = 0;
  let leafCount = 0;
  let maxDepth = 0;
  stack[top++] = 0;
  while (top > 0) {
    const id = stack[--top];
    order[visited++] = id;
    const left = shape.left[id];
    if (left < 0) {
      isLeaf[id] = 1;
      x[id] = leafCount++;
      continue;
    }
    const right = shape.right[id];
    parent[left] = id;
    parent[right] = id;
    depth[left] = depth[right] = depth[id] + 1;
    if (depth[left] > maxDepth) maxDepth = depth[left];
    stack[top++] = right;
    stack[top++] = left;
  }
  // Backwards through pre-order every child comes before its parent: centre splits over their leaves.
  const first = new Float64Array(count);
  const last = new Float64Array(count);
  for (let index = visited - 1; index >= 0; index--) {
    const id = order[index];
    if (isLeaf[id]) {
      first[id] = last[id] = x[id];
    } else {
      first[id] = first[shape.left[id]];
      last[id] = last[shape.right[id]];
      x[id] = (first[id] + last[id]) / 2;
    }
  }
  return { x, depth, parent, isLeaf, leafCount, maxDepth };
}

/**
 * The node drawn nearest to a point given in layout units (`column`, `row` = depth), looking only
 * within `reach` columns and half a row: the node a click in the overview means, or -1.
 */
export function nearestOverviewNode(layout: OverviewLayout, column: number, row: number, reach: number): number {
  const depth = Math.round(row);
  if (Math.abs(row - depth) > 0.5 || depth < 0 || depth > layout.maxDepth) return -1;
  let best = -1;
  let bestDistance = reach;
  for (let id = 0; id < layout.x.length; id++) {
    if (layout.depth[id] !== depth) continue;
    const distance = Math.abs(layout.x[id] - column);
    if (distance <= bestDistance) {
      best = id;
      bestDistance = distance;
    }
  }
  return best;
}
