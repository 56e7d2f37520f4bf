import type { Tree } from '../model/types';

/**
 * Which nodes of a tree are drawn. A tree is drawn from the root down; a split in `collapsed` hides
 * everything below it. React Flow checks every node it holds on each pan and zoom, so the views
 * built here keep the number of drawn nodes near a budget whatever the size of the tree
 * (PERFORMANCE.md: about 1,000 held nodes stays smooth; 50,000 does not).
 */

/**
 * Trees up to this size open whole and fitted to the view, however wide: the whole shape of a
 * LightGBM tree with the default 31 leaves (61 nodes) is worth more at first sight than the
 * labels of its top levels (one click on a node zooms in).
 */
export const FIT_TREE_NODES = 63;
/** Trees up to this size open whole, unless they are wider than `SMALL_TREE_WIDTH` leaves. */
export const SMALL_TREE_NODES = 127;
/**
 * A small tree wider than this (a depth-6 XGBoost tree has up to 64 leaves) would open either too
 * small to read or with most of it off screen; it opens down to the readable frontier instead.
 */
export const SMALL_TREE_WIDTH = 24;
/**
 * Bigger trees open down to the deepest level whose layout is at most this many nodes wide, so the
 * first view is readable in an ordinary window (a tidy layout of depth 8 of a 13,000-node tree is
 * 20,000 px wide: unreadable at any zoom that shows it).
 */
export const OPEN_FRONTIER_WIDTH = 12;
/** Nodes drawn when a tree opens, at most: keeps the first paint well under a second. */
export const OPEN_NODE_BUDGET = 600;
/** New nodes one click on "expand" may reveal; deeper levels stay collapsed. */
export const EXPAND_NODE_BUDGET = 30;
/** Most nodes "expand to depth N" will draw: React Flow slows past about a thousand held nodes (PERFORMANCE.md). */
export const MAX_DRAWN_NODES = 1000;

/** Number of nodes at each depth (index = depth). */
export function nodesPerDepth(tree: Tree): number[] {
  const counts: number[] = [];
  for (const node of tree.nodes) counts[node.depth] = (counts[node.depth] ?? 0) + 1;
  for (let depth = 0; depth < counts.length; depth++) counts[depth] ??= 0;
  return counts;
}

/** Nodes drawn when the tree is expanded exactly to `depth` (all nodes at depth ≤ `depth`). */
export function nodesUpToDepth(tree: Tree, depth: number): number {
  let total = 0;
  for (const node of tree.nodes) if (node.depth <= depth) total++;
  return total;
}

/**
 * The deepest depth whose nodes, with all above it, fit in `budget`; at least 1 so a split shows its
 * children. Infinity when the whole tree fits.
 */
export function depthForBudget(tree: Tree, budget: number): number {
  const counts = nodesPerDepth(tree);
  let total = 0;
  for (let depth = 0; depth < counts.length; depth++) {
    total += counts[depth];
    if (total > budget) return Math.max(1, depth - 1);
  }
  return Infinity;
}

/** The splits to collapse so that the tree shows down to `depth` (root is depth 0). */
export function collapsedAtDepth(tree: Tree, depth: number): Set<number> {
  const collapsed = new Set<number>();
  if (!Number.isFinite(depth)) return collapsed;
  for (const node of tree.nodes) if (node.type === 'split' && node.depth === depth) collapsed.add(node.id);
  return collapsed;
}

/**
 * How wide (in nodes) the layout is when the tree shows down to each depth: the nodes at that depth
 * plus the leaves above it (index = depth).
 */
export function frontierWidths(tree: Tree): number[] {
  const counts = nodesPerDepth(tree);
  const leavesAt = new Array<number>(counts.length).fill(0);
  for (const node of tree.nodes) if (node.type === 'leaf') leavesAt[node.depth]++;
  const widths: number[] = [];
  let leavesAbove = 0;
  for (let depth = 0; depth < counts.length; depth++) {
    widths.push(counts[depth] + leavesAbove);
    leavesAbove += leavesAt[depth];
  }
  return widths;
}

/**
 * The view a tree opens with: whole when it is small and narrow, else down to the deepest level at most
 * `frontierWidth` nodes wide and within `budget` nodes (at least depth 1).
 */
export function initialCollapsed(tree: Tree, frontierWidth = OPEN_FRONTIER_WIDTH, budget = OPEN_NODE_BUDGET): Set<number> {
  if (tree.nodes.length <= FIT_TREE_NODES) return new Set();
  const widths = frontierWidths(tree);
  if (tree.nodes.length <= SMALL_TREE_NODES && widths[widths.length - 1] <= SMALL_TREE_WIDTH) return new Set();
  let depth = 1;
  while (depth + 1 < widths.length && widths[depth + 1] <= frontierWidth) depth++;
  return collapsedAtDepth(tree, Math.min(depth, depthForBudget(tree, budget)));
}

/** Ids of the drawn nodes in pre-order (a node before its subtree, left before right). */
export function visibleNodeIds(tree: Tree, collapsed: ReadonlySet<number>): number[] {
  const visible: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const id = stack.pop()!;
    visible.push(id);
    const node = tree.nodes[id];
    if (node.type === 'split' && !collapsed.has(id)) stack.push(node.right, node.left);
  }
  return visible;
}

/** Number of nodes in the subtree under each node, itself included (index = node id). */
export function subtreeSizes(tree: Tree): Int32Array {
  const sizes = new Int32Array(tree.nodes.length).fill(1);
  // In pre-order every child comes after its parent, so walking it backwards adds children first.
  const preorder = visibleNodeIds(tree, new Set());
  for (let index = preorder.length - 1; index > 0; index--) {
    const node = tree.nodes[preorder[index]];
    sizes[node.parent] += sizes[node.id];
  }
  return sizes;
}

/**
 * Expands one split: its children show, and levels below them open while the new nodes fit in
 * `budget`; the splits at the first level that does not fit stay collapsed.
 */
export function expandNode(tree: Tree, collapsed: ReadonlySet<number>, id: number, budget = EXPAND_NODE_BUDGET): Set<number> {
  const next = new Set(collapsed);
  const node = tree.nodes[id];
  if (node.type !== 'split') return next;
  next.delete(id);
  // Anything already marked below `id` is stale: the level walk below decides afresh.
  let level = [node.left, node.right];
  let shown = 2;
  for (;;) {
    const below: number[] = [];
    for (const child of level) {
      const childNode = tree.nodes[child];
      if (childNode.type === 'split') below.push(childNode.left, childNode.right);
    }
    if (below.length === 0 || shown + below.length > budget) {
      for (const child of level) if (tree.nodes[child].type === 'split') next.add(child);
      break;
    }
    for (const child of level) next.delete(child);
    shown += below.length;
    level = below;
  }
  return next;
}

/** Collapses one split (its subtree hides). */
export function collapseNode(collapsed: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(collapsed);
  next.add(id);
  return next;
}

/** Ids from the root to `id`, both included. */
export function pathToNode(tree: Tree, id: number): number[] {
  const path: number[] = [];
  for (let current = id; current >= 0; current = tree.nodes[current].parent) path.push(current);
  return path.reverse();
}

/**
 * Makes a node visible: each collapsed ancestor opens, and the sibling subtrees that open with it
 * stay collapsed, so revealing a node deep in a 50,000-node tree adds only its path and siblings.
 */
export function revealNode(tree: Tree, collapsed: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(collapsed);
  const path = pathToNode(tree, id);
  let hidden = false;
  for (let step = 0; step < path.length; step++) {
    const current = tree.nodes[path[step]];
    if (hidden && current.type === 'split') next.add(current.id);
    if (step === path.length - 1 || current.type !== 'split') break;
    if (hidden || next.has(current.id)) {
      hidden = true;
      next.delete(current.id);
      const sibling = current.left === path[step + 1] ? current.right : current.left;
      if (tree.nodes[sibling].type === 'split') next.add(sibling);
    }
  }
  return next;
}

/** Result of asking for "expand to depth N" under the drawn-node limit. */
export interface DepthExpansion {
  /** The depth actually shown (smaller than asked when the asked depth would draw too many nodes). */
  depth: number;
  collapsed: Set<number>;
  /** Nodes drawn. */
  drawn: number;
  /** Nodes the asked depth would have drawn. */
  asked: number;
}

/** "Expand to depth N", limited to `limit` drawn nodes. */
export function expandToDepth(tree: Tree, depth: number, limit = MAX_DRAWN_NODES): DepthExpansion {
  const asked = nodesUpToDepth(tree, depth);
  let shown = Math.max(0, Math.floor(depth));
  if (asked > limit) shown = Math.min(shown, depthForBudget(tree, limit));
  return { depth: shown, collapsed: collapsedAtDepth(tree, shown), drawn: nodesUpToDepth(tree, shown), asked };
}
