import { hierarchy, tree as tidyTree } from 'd3-hierarchy';
import type { Tree } from '../model/types';

/** Box size of a drawn node, declared up front so React Flow need not measure (PERFORMANCE.md). */
export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 58;
const HORIZONTAL_GAP = 24;
const VERTICAL_GAP = 70;

export interface PlacedNode {
  id: number;
  x: number;
  y: number;
  /** Has children that are hidden because the node is collapsed (or below the depth limit). */
  isCollapsed: boolean;
}

export interface TreeLayout {
  nodes: PlacedNode[];
  /** [parent, child] pairs of drawn nodes. */
  edges: Array<[number, number]>;
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Node ids whose subtrees are hidden. */
  collapsed?: ReadonlySet<number>;
  /** Hide everything deeper than this depth (root is 0). */
  maxDepth?: number;
}

interface LayoutDatum {
  id: number;
  children?: LayoutDatum[];
  isCollapsed: boolean;
}

/**
 * Top-down tidy layout (Reingold–Tilford, d3-hierarchy) of the visible part of a tree: collapsed
 * nodes and nodes below `maxDepth` hide their subtrees. Pure and DOM-free, so it runs in a worker.
 */
export function layoutTree(tree: Tree, options: LayoutOptions = {}): TreeLayout {
  const maxDepth = options.maxDepth ?? Infinity;
  const build = (id: number): LayoutDatum => {
    const node = tree.nodes[id];
    if (node.type === 'leaf') return { id, isCollapsed: false };
    const hidden = options.collapsed?.has(id) || node.depth >= maxDepth;
    if (hidden) return { id, isCollapsed: true };
    return { id, isCollapsed: false, children: [build(node.left), build(node.right)] };
  };
  const root = hierarchy(build(0));
  const placed = tidyTree<LayoutDatum>()
    .nodeSize([NODE_WIDTH + HORIZONTAL_GAP, NODE_HEIGHT + VERTICAL_GAP])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.15))(root);
  const nodes: PlacedNode[] = [];
  const edges: Array<[number, number]> = [];
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  placed.each((item) => {
    nodes.push({ id: item.data.id, x: item.x - NODE_WIDTH / 2, y: item.y, isCollapsed: item.data.isCollapsed });
    if (item.parent) edges.push([item.parent.data.id, item.data.id]);
    minX = Math.min(minX, item.x);
    maxX = Math.max(maxX, item.x);
    maxY = Math.max(maxY, item.y);
  });
  return { nodes, edges, width: maxX - minX + NODE_WIDTH, height: maxY + NODE_HEIGHT };
}
