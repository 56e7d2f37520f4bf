/**
 * Traffic: how many scored rows pass through every node of every tree, from the leaves the
 * evaluator reports (`BatchPrediction.leafNodes`). A node's count is the sum of its leaves' counts.
 */
import type { TreeModel } from '../model/types';
import type { PackedModel } from '../model/packed';
import { treeShape } from '../model/materialize';
import { packedFormOf } from '../model/tree';

/** Row counts per node, flat: tree t's node n is at `counts[offsets[t] + n]`. */
export interface NodeTraffic {
  /** Start of each tree's nodes in `counts` (length trees + 1). */
  offsets: Int32Array;
  counts: Int32Array;
  /** Rows counted. */
  rows: number;
}

/** Per tree, each node's parent in bottom-up order (children before parents), built once per model. */
export interface TrafficPlan {
  offsets: Int32Array;
  /** Flat node indices (offset + id) of split-or-leaf children, deepest first. */
  order: Int32Array;
  /** Flat index of each entry's parent in `order`, aligned with it. */
  parentOf: Int32Array;
  numTrees: number;
}

/** Prepares the bottom-up order once per model (O(nodes)); reuse it for every `nodeTraffic` call. */
export function trafficPlan(model: TreeModel | PackedModel): TrafficPlan {
  // From the packed columns: a big model's trees are never made for this.
  const { forest } = packedFormOf(model);
  const offsets = Int32Array.from(forest.treeNodeStart);
  const order: number[] = [];
  const parentOf: number[] = [];
  for (let t = 0; t < forest.treeCount; t++) {
    const base = offsets[t];
    const { depth, parent } = treeShape(forest, t);
    // Nodes by depth, deepest first (ties in id order), so a child's count is final before it is added to its parent.
    const byDepth: number[] = [];
    for (let id = 0; id < parent.length; id++) if (parent[id] >= 0) byDepth.push(id);
    byDepth.sort((a, b) => depth[b] - depth[a]);
    for (const id of byDepth) {
      order.push(base + id);
      parentOf.push(base + parent[id]);
    }
  }
  return { offsets, order: Int32Array.from(order), parentOf: Int32Array.from(parentOf), numTrees: forest.treeCount };
}

/**
 * Counts rows through every node. `leafNodes` is rows × trees IR leaf ids, as `predictBatch(…,
 * { leafNodes: true })` returns; `rowIndices` restricts the count to some rows (for instance
 * `wrongRows`). O(rows · trees + nodes), typed arrays only.
 */
export function nodeTraffic(plan: TrafficPlan, leafNodes: Int32Array, rows: number, rowIndices?: ArrayLike<number>): NodeTraffic {
  const { offsets, numTrees } = plan;
  if (leafNodes.length < rows * numTrees) throw new RangeError(`leafNodes holds ${leafNodes.length} ids, expected ${rows} rows × ${numTrees} trees`);
  const counts = new Int32Array(offsets[numTrees]);
  const countRow = (r: number) => {
    const base = r * numTrees;
    for (let t = 0; t < numTrees; t++) counts[offsets[t] + leafNodes[base + t]]++;
  };
  let counted = 0;
  if (rowIndices) {
    for (let i = 0; i < rowIndices.length; i++) {
      const r = rowIndices[i];
      if (r >= 0 && r < rows) {
        countRow(r);
        counted++;
      }
    }
  } else {
    for (let r = 0; r < rows; r++) countRow(r);
    counted = rows;
  }
  return trafficFromLeafCounts(plan, counts, counted);
}

/**
 * Traffic from rows counted per leaf (`predictBatch(…, { leafCounts })`, summed over blocks or
 * workers): adds every node's count to its parent, bottom-up, in place. O(nodes).
 */
export function trafficFromLeafCounts(plan: TrafficPlan, leafCounts: Int32Array, rows: number): NodeTraffic {
  const { offsets, order, parentOf, numTrees } = plan;
  if (leafCounts.length !== offsets[numTrees]) throw new RangeError(`leafCounts holds ${leafCounts.length} counts, the model has ${offsets[numTrees]} nodes`);
  for (let i = 0; i < order.length; i++) leafCounts[parentOf[i]] += leafCounts[order[i]];
  return { offsets, counts: leafCounts, rows };
}
