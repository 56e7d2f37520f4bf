/**
 * The packed model: the one form a model takes from the parser to the screen and the service.
 *
 * A production model is 500–5,000 trees of ~500 nodes. As an object graph (one object per node, see
 * `types.ts`) it costs 5–8× its file in memory and 4–5× its file as JSON. Packed, every node of every
 * tree is one row across a few typed-array columns, the whole forest is a handful of `ArrayBuffer`s
 * (transferable over IPC, one binary body over HTTP, one file in a bundle), and reading it is reading
 * arrays. The readable node objects of `types.ts` remain, made on demand (`treeAt` in `materialize.ts`)
 * only for what a person looks at: the tree on screen, node details, a path.
 *
 * Layout
 * - The model-level facts (format, task, features, classes, aggregation, transform, arithmetic,
 *   warnings, metadata, assumptions) are `ModelHeader`: `TreeModel` without `trees`, plain data.
 * - Tree `t` owns the global node rows `[treeNodeStart[t], treeNodeStart[t + 1])`. A node's *local id*
 *   is its row minus `treeNodeStart[t]` and equals `TreeNode.id` of the materialised tree; the root
 *   is local id 0. Children are local ids, so a tree's rows can be copied or sliced without rewriting.
 * - Split nodes: `kind` says which split, `feature` the feature index, `left`/`right` the children,
 *   `value` the threshold (numeric splits; 0 otherwise), `flags` the comparison, missing-value rule
 *   and sides (bit layout below), `extra` the categorical set's index (categorical splits).
 * - Leaves: `kind = LEAF`, `feature = left = right = -1`, `value` the leaf's single output
 *   (`LeafNode.value[0]`); a leaf whose value is not exactly one number, or that has a linear model,
 *   a class index or a truncated branch, has `extra` ≥ 0: its row in the leaf-extras table.
 *   Otherwise `extra = -1`.
 * - `depth` and `parent` are not stored: one pass over a tree's children recomputes them.
 * - Optional columns (training statistics, source positions) are absent when no node has them;
 *   within a present statistics column, NaN means "this node has no such figure".
 *
 * Every column is a typed array over its own buffer or a view into one shared buffer
 * (`packedCodec.ts` decodes a whole model without copying). Nothing here is a class: the packed
 * model crosses structured clone (Electron IPC, worker `postMessage`) as it is.
 */
import type { TreeModel } from './types';

/** A model's facts besides its trees: `TreeModel` without `trees`. */
export type ModelHeader = Omit<TreeModel, 'trees'>;

/** Node kinds (`PackedForest.kind`). */
export const NODE_LEAF = 0;
export const NODE_NUMERIC = 1;
export const NODE_CATEGORICAL = 2;
export const NODE_INDICATOR = 3;

/*
 * `flags` bits.
 * Numeric split:   bits 0      op: 0 `<=`, 1 `<`
 *                  bits 1–2    missing mode: 0 compare, 1 default, 2 zero, 3 asZero
 *                  bit  3      default side is left (modes default and zero)
 * Categorical:     bit  0      values in the set go left (else right)
 *                  bit  1      missing (NaN) goes left (else right)
 *                  bit  2      match: 0 truncate, 1 exact
 * Indicator:       bit  0      a present value goes left (else right)
 * Leaf:            0
 */
export const FLAG_OP_LESS = 1;
export const MISSING_SHIFT = 1;
export const MISSING_MASK = 0b110;
export const MISSING_COMPARE = 0;
export const MISSING_DEFAULT = 1;
export const MISSING_ZERO = 2;
export const MISSING_AS_ZERO = 3;
export const FLAG_DEFAULT_LEFT = 8;
export const FLAG_IN_SET_LEFT = 1;
export const FLAG_MISSING_LEFT = 2;
export const FLAG_MATCH_EXACT = 4;
export const FLAG_PRESENT_LEFT = 1;

/** Every node of every tree, as columns. */
export interface PackedForest {
  treeCount: number;
  nodeCount: number;

  // Trees (length treeCount; treeNodeStart has treeCount + 1 entries).
  treeNodeStart: Int32Array;
  /** The output (class) each tree adds to. */
  treeOutput: Int32Array;
  /** Multiplier of the tree's output (Spark GBT weights); 1 elsewhere. */
  treeWeight: Float64Array;

  // Nodes (length nodeCount, indexed by global row).
  kind: Uint8Array;
  flags: Uint8Array;
  /** Split feature; -1 for leaves. */
  feature: Int32Array;
  /** Local ids of the children; -1 for leaves. */
  left: Int32Array;
  right: Int32Array;
  /** Numeric split: threshold. Leaf: its single output, NaN when it has none. Otherwise 0. */
  value: Float64Array;
  /** The library's own id of the node (see `types.ts`). */
  sourceId: Int32Array;
  /** Categorical split: index into `categoryStart`; leaf: row of the leaf-extras table or -1. */
  extra: Int32Array;

  // Category sets: set s is `categories[categoryStart[s] .. categoryStart[s + 1])`, sorted ascending.
  categoryStart: Int32Array;
  categories: Float64Array;

  // Leaf extras (one row per leaf with `extra` ≥ 0).
  /** `LeafNode.value` in full: `leafValues[leafValueStart[e] .. leafValueStart[e + 1])` (may be empty). */
  leafValueStart: Int32Array;
  leafValues: Float64Array;
  /** `LeafNode.classIndex`, or -1. */
  leafClass: Int32Array;
  /** `LeafNode.truncatedDepth`, or -1. */
  leafTruncatedDepth: Int32Array;
  /** Linear leaf: terms `linearStart[e] .. linearStart[e + 1]` of the two arrays below, or an empty range when not linear. */
  linearStart: Int32Array;
  linearFeatures: Int32Array;
  linearCoefficients: Float64Array;
  /** The linear leaf's constant (0 when not linear). */
  linearConstant: Float64Array;
  /** 1 when the leaf has a linear model (an empty term list is still linear). */
  isLinear: Uint8Array;

  // Optional node columns (absent when no node has the figure; NaN = this node has none).
  gain?: Float64Array;
  count?: Float64Array;
  cover?: Float64Array;
  internalValue?: Float64Array;
  /** 1-based line and column of the node in the source file; 0 when unknown. */
  line?: Int32Array;
  column?: Int32Array;
}

/** A whole model, packed. This is what adapters produce, the evaluator compiles, and the bridge and bundles carry. */
export interface PackedModel {
  header: ModelHeader;
  forest: PackedForest;
}

/** Names of the typed-array columns of a forest, in the order the binary codec writes them. */
export const FOREST_COLUMNS = [
  'treeNodeStart',
  'treeOutput',
  'treeWeight',
  'kind',
  'flags',
  'feature',
  'left',
  'right',
  'value',
  'sourceId',
  'extra',
  'categoryStart',
  'categories',
  'leafValueStart',
  'leafValues',
  'leafClass',
  'leafTruncatedDepth',
  'linearStart',
  'linearFeatures',
  'linearCoefficients',
  'linearConstant',
  'isLinear',
  'gain',
  'count',
  'cover',
  'internalValue',
  'line',
  'column',
] as const satisfies ReadonlyArray<keyof PackedForest>;

/** The optional columns: training statistics and source positions (absent when no node has them). */
export const OPTIONAL_FOREST_COLUMNS = ['gain', 'count', 'cover', 'internalValue', 'line', 'column'] as const satisfies ReadonlyArray<(typeof FOREST_COLUMNS)[number]>;

/** Number of trees. */
export function treeCountOf(model: PackedModel): number {
  return model.forest.treeCount;
}

/** Number of nodes of tree `index`. */
export function treeNodeCount(forest: PackedForest, index: number): number {
  return forest.treeNodeStart[index + 1] - forest.treeNodeStart[index];
}

/**
 * The part of a packed model that scoring reads: without the optional columns (training statistics
 * and source positions), about 40 of a node's 70 bytes. What bundles ship (a 500 × 255-leaf model's
 * file drops from 17.8 to 7.7 MB, and every cold start reads and hashes the whole file) and what the
 * page's scoring workers are sent.
 */
export function scoringPart(packed: PackedModel): PackedModel {
  const forest = { ...packed.forest };
  for (const name of OPTIONAL_FOREST_COLUMNS) delete forest[name];
  return { header: packed.header, forest };
}
