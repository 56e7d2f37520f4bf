import { summarizeModel, type ModelSummary } from '../../../app/model/tree';
import type { Tree, TreeModel } from '../../../app/model/types';
import { summarizeTrees, type TreeRow } from '../../../app/graph/treeSummary';
import { subtreeSizes } from '../../../app/graph/visibility';

/*
 * Figures derived from a model, computed once per model or tree object and kept while it lives.
 * Models never change after parsing (a re-parse makes a new object), so the caches need no invalidation.
 */

function cached<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

export const modelSummary: (model: TreeModel) => ModelSummary = cached(summarizeModel);
export const treeRows: (model: TreeModel) => TreeRow[] = cached(summarizeTrees);

/** What node drawing needs about a whole tree. */
export interface TreeFacts {
  subtreeSizes: Int32Array;
  /** The statistic edges are drawn in proportion to, when the format has one. */
  weightStat: 'count' | 'cover' | undefined;
  /** Its value at the root (the most any node has). */
  rootWeight: number;
  /** Range of single-valued leaves, for colouring regression leaves. */
  minLeaf: number;
  maxLeaf: number;
}

export const treeFacts: (tree: Tree) => TreeFacts = cached((tree) => {
  const root = tree.nodes[0].stats;
  const weightStat = root?.count !== undefined ? 'count' : root?.cover !== undefined ? 'cover' : undefined;
  let minLeaf = Infinity;
  let maxLeaf = -Infinity;
  for (const node of tree.nodes) {
    if (node.type !== 'leaf' || node.value.length !== 1) continue;
    minLeaf = Math.min(minLeaf, node.value[0]);
    maxLeaf = Math.max(maxLeaf, node.value[0]);
  }
  return {
    subtreeSizes: subtreeSizes(tree),
    weightStat,
    rootWeight: weightStat ? (root?.[weightStat] ?? 0) : 0,
    minLeaf,
    maxLeaf,
  };
});
