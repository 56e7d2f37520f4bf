import type { Tree, TreeModel, TreeNode } from './types';
import { NODE_LEAF, type PackedForest, type PackedModel } from './packed';
import { walkTree } from './materialize';
import { packModel } from './forestBuilder';

/** Adds to `into` each feature a categorical split of `nodes` tests (what readers tell the header, to mark those features categorical). */
export function addCategoricalFeatures(nodes: readonly TreeNode[], into: Set<number>): void {
  for (const node of nodes) if (node.type === 'split' && node.split.kind === 'categorical') into.add(node.feature);
}

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

/**
 * Depth of every node of every tree (root 0), by global row of the packed forest: `treeShape` of
 * each tree laid end to end (no node objects). Rows a tree's root does not reach keep -1.
 */
export function forestDepths(forest: PackedForest): Int32Array {
  const depth = new Int32Array(forest.nodeCount).fill(-1);
  let largest = 0;
  for (let t = 0; t < forest.treeCount; t++) largest = Math.max(largest, forest.treeNodeStart[t + 1] - forest.treeNodeStart[t]);
  const stack = new Int32Array(largest);
  for (let t = 0; t < forest.treeCount; t++) walkTree(forest, t, depth, forest.treeNodeStart[t], undefined, stack);
  return depth;
}

/** The packed form of a model: itself, the packed model behind a view, or (tools, tests) node objects packed. */
export function packedFormOf(model: TreeModel | PackedModel): PackedModel {
  return 'forest' in model ? model : packModel(model);
}

/**
 * Counts nodes, leaves and depth, and ranks features by split count and total gain. Reads the
 * packed columns (one pass), so a million-node model is summarised without making its trees.
 */
export function summarizeModel(model: TreeModel | PackedModel): ModelSummary {
  const { header, forest } = packedFormOf(model);
  const tally = new ForestTally();
  tally.add(forest);
  return tally.summary(header.features.length);
}

/**
 * `summarizeModel`'s figures, added up over a forest that comes in parts (trees in order, each part a
 * forest of its own): a reader can summarise a model without ever holding all of it.
 */
export class ForestTally {
  private trees = 0;
  private nodes = 0;
  private leaves = 0;
  private maxDepth = 0;
  private readonly splits: number[] = [];
  private readonly gains: number[] = [];
  private hasGain = false;

  add(forest: PackedForest): void {
    const depth = forestDepths(forest);
    const { splits, gains } = this;
    const gain = forest.gain;
    for (let row = 0; row < forest.nodeCount; row++) {
      if (depth[row] > this.maxDepth) this.maxDepth = depth[row];
      if (forest.kind[row] === NODE_LEAF) {
        this.leaves++;
        continue;
      }
      const feature = forest.feature[row];
      splits[feature] = (splits[feature] ?? 0) + 1;
      if (gain && !Number.isNaN(gain[row])) {
        this.hasGain = true;
        gains[feature] = (gains[feature] ?? 0) + gain[row];
      }
    }
    this.trees += forest.treeCount;
    this.nodes += forest.nodeCount;
  }

  summary(featureCount: number): ModelSummary {
    const importance: FeatureImportance[] = [];
    for (let feature = 0; feature < Math.max(featureCount, this.splits.length); feature++) {
      const count = this.splits[feature] ?? 0;
      if (count > 0) importance.push({ feature, splits: count, gain: this.hasGain ? (this.gains[feature] ?? 0) : undefined });
    }
    importance.sort((a, b) => b.splits - a.splits || a.feature - b.feature);
    return { trees: this.trees, nodes: this.nodes, leaves: this.leaves, maxDepth: this.maxDepth, importance };
  }
}
