import type { Tree, TreeModel, TreeNode } from './types';

/**
 * Sets `depth` and `parent` on every node from the root (node 0) down, and checks the structure:
 * every node reached exactly once, children in range. Returns a description of the first problem,
 * or undefined when the tree is sound. Iterative, so 30-deep Spark trees and 50k-node trees are fine.
 */
export function linkTree(nodes: TreeNode[]): string | undefined {
  if (nodes.length === 0) return 'the tree has no nodes';
  const seen = new Uint8Array(nodes.length);
  const stack = [0];
  nodes[0].depth = 0;
  nodes[0].parent = -1;
  seen[0] = 1;
  let reached = 1;
  while (stack.length > 0) {
    const node = nodes[stack.pop()!];
    if (node.type !== 'split') continue;
    for (const child of [node.left, node.right]) {
      if (!(child >= 0 && child < nodes.length)) return `node ${node.sourceId} points to a missing child`;
      if (seen[child]) return `node ${nodes[child].sourceId} is reached twice`;
      seen[child] = 1;
      reached++;
      nodes[child].depth = node.depth + 1;
      nodes[child].parent = node.id;
      stack.push(child);
    }
  }
  if (reached !== nodes.length) {
    const orphan = nodes.find((_, index) => !seen[index])!;
    return `node ${orphan.sourceId} is not reachable from the root`;
  }
  return undefined;
}

/** Depth of the tree: number of edges on the longest root-to-leaf path (a single leaf has depth 0). */
export function treeDepth(tree: Tree): number {
  let depth = 0;
  for (const node of tree.nodes) if (node.depth > depth) depth = node.depth;
  return depth;
}

/** Number of leaves of a tree. */
export function leafCount(tree: Tree): number {
  let count = 0;
  for (const node of tree.nodes) if (node.type === 'leaf') count++;
  return count;
}

/** Importance of one feature: how often it splits and the total gain of those splits (when the format has gains). */
export interface FeatureImportance {
  feature: number;
  splits: number;
  gain: number | undefined;
}

/** Figures a model overview shows. */
export interface ModelSummary {
  trees: number;
  nodes: number;
  leaves: number;
  maxDepth: number;
  importance: FeatureImportance[];
}

/** Counts nodes, leaves and depth, and ranks features by split count and total gain. */
export function summarizeModel(model: TreeModel): ModelSummary {
  let nodes = 0;
  let leaves = 0;
  let maxDepth = 0;
  const splits = new Array<number>(model.features.length).fill(0);
  const gains = new Array<number>(model.features.length).fill(0);
  let hasGain = false;
  for (const tree of model.trees) {
    nodes += tree.nodes.length;
    for (const node of tree.nodes) {
      if (node.depth > maxDepth) maxDepth = node.depth;
      if (node.type === 'leaf') {
        leaves++;
        continue;
      }
      splits[node.feature] = (splits[node.feature] ?? 0) + 1;
      if (node.stats?.gain !== undefined) {
        hasGain = true;
        gains[node.feature] = (gains[node.feature] ?? 0) + node.stats.gain;
      }
    }
  }
  const importance = splits
    .map((count, feature) => ({ feature, splits: count, gain: hasGain ? gains[feature] : undefined }))
    .filter((entry) => entry.splits > 0)
    .sort((a, b) => b.splits - a.splits || a.feature - b.feature);
  return { trees: model.trees.length, nodes, leaves, maxDepth, importance };
}
