import { hierarchy, tree as tidyTree } from 'd3-hierarchy';
import type { Tree } from '../model/types';

/** Box size of a drawn node, declared up front so React Flow need not measure (PERFORMANCE.md). */
export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 72;
const HORIZONTAL_GAP = 20;
const VERTICAL_GAP = 76;

/**
 * The structure of a tree as flat arrays (`-1` for a leaf's children): all the layout needs, cheap
 * to send to a worker (transferable) and to keep there for the next re-layout.
 */
export interface TreeShape {
  left: Int32Array;
  right: Int32Array;
}

/** The shape of a tree. */
export function treeShape(tree: Tree): TreeShape {
  const left = new Int32Array(tree.nodes.length).fill(-1);
  const right = new Int32Array(tree.nodes.length).fill(-1);
  for (const node of tree.nodes) {
    if (node.type !== 'split') continue;
    left[node.id] = node.left;
    right[node.id] = node.right;
  }
  return { left, right };
}

/** Positions of the drawn nodes, as flat arrays (index = drawn order, pre-order). */
export interface ShapeLayout {
  ids: Int32Array;
  /** Top-left corner of each node's box. */
  x: Float64Array;
  y: Float64Array;
  /** Parent id of each drawn node (-1 for the root). */
  parents: Int32Array;
  /** 1 when the node has children that are hidden (collapsed). */
  isCollapsed: Uint8Array;
  width: number;
  height: number;
}

interface LayoutDatum {
  id: number;
  children?: LayoutDatum[];
  isCollapsed: boolean;
}

/**
 * Top-down tidy layout (Reingold–Tilford, d3-hierarchy) of the drawn part of a tree: a split in
 * `collapsed` hides its subtree. Pure and DOM-free, so it runs in a Web Worker.
 */
export function layoutShape(shape: TreeShape, collapsed: ReadonlySet<number>): ShapeLayout {
  // Built iteratively: 30-deep Spark trees are fine recursively, but degenerate 5,000-deep chains are not.
  const rootDatum: LayoutDatum = { id: 0, isCollapsed: false };
  const stack: LayoutDatum[] = [rootDatum];
  while (stack.length > 0) {
    const datum = stack.pop()!;
    const left = shape.left[datum.id];
    if (left < 0) continue;
    if (collapsed.has(datum.id)) {
      datum.isCollapsed = true;
      continue;
    }
    const leftDatum: LayoutDatum = { id: left, isCollapsed: false };
    const rightDatum: LayoutDatum = { id: shape.right[datum.id], isCollapsed: false };
    datum.children = [leftDatum, rightDatum];
    stack.push(leftDatum, rightDatum);
  }
  const placed = tidyTree<LayoutDatum>()
    .nodeSize([NODE_WIDTH + HORIZONTAL_GAP, NODE_HEIGHT + VERTICAL_GAP])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.12))(hierarchy(rootDatum));
  const count = placed.descendants().length;
  const result: ShapeLayout = {
    ids: new Int32Array(count),
    x: new Float64Array(count),
    y: new Float64Array(count),
    parents: new Int32Array(count),
    isCollapsed: new Uint8Array(count),
    width: 0,
    height: 0,
  };
  let index = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  placed.eachBefore((item) => {
    result.ids[index] = item.data.id;
    result.x[index] = item.x - NODE_WIDTH / 2;
    result.y[index] = item.y;
    result.parents[index] = item.parent ? item.parent.data.id : -1;
    result.isCollapsed[index] = item.data.isCollapsed ? 1 : 0;
    minX = Math.min(minX, item.x);
    maxX = Math.max(maxX, item.x);
    maxY = Math.max(maxY, item.y);
    index++;
  });
  result.width = maxX - minX + NODE_WIDTH;
  result.height = maxY + NODE_HEIGHT;
  return result;
}

/** Options of {@link layoutTree}. */
export interface LayoutOptions {
  /** Node ids whose subtrees are hidden. */
  collapsed?: ReadonlySet<number>;
}

/** {@link layoutShape} straight from a tree (tests, and the fallback when no worker can start). */
export function layoutTree(tree: Tree, options: LayoutOptions = {}): ShapeLayout {
  return layoutShape(treeShape(tree), options.collapsed ?? new Set());
}
