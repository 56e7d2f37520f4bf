/*
 * Structural diff of two models, read straight from their packed columns one tree pair at a time:
 * trees matched by position within each output (boosting order), nodes matched by their path from
 * the root (L/R steps). Nothing here makes node objects for a whole model.
 */
import { leafValuesOf } from '../model/materialize';
import {
  FLAG_DEFAULT_LEFT,
  FLAG_IN_SET_LEFT,
  FLAG_MATCH_EXACT,
  FLAG_MISSING_LEFT,
  FLAG_OP_LESS,
  FLAG_PRESENT_LEFT,
  MISSING_MASK,
  MISSING_SHIFT,
  NODE_CATEGORICAL,
  NODE_INDICATOR,
  NODE_LEAF,
  NODE_NUMERIC,
  type ModelHeader,
  type PackedForest,
  type PackedModel,
} from '../model/packed';
import type { ImportWarning } from '../model/types';

/** What changed at a node matched on both sides. */
export type NodeChangeKind = 'feature' | 'threshold' | 'missing' | 'categories' | 'leaf' | 'split-kind' | 'leaf-to-split' | 'split-to-leaf';

/** One changed attribute of a node, worded old → new. */
export interface NodeChange {
  kind: NodeChangeKind;
  old: string;
  new: string;
}

/** A node whose path exists in both trees and whose split or leaf differs. */
export interface ChangedNode {
  /** Path from the root: '' for the root, then `L`/`R` per step. */
  path: string;
  /** Local node ids (`TreeNode.id`) on each side. */
  oldNode: number;
  newNode: number;
  changes: NodeChange[];
}

/** The diff of one pair of trees, or a tree present on one side only. */
export interface TreeDiff {
  output: number;
  /** Position of the tree among the trees of its output. */
  position: number;
  oldTree?: number;
  newTree?: number;
  status: 'same' | 'changed' | 'added' | 'removed';
  /** Nodes matched by path whose split or leaf changed. */
  changedNodes: number;
  /** Nodes under a path the other tree does not have. */
  addedNodes: number;
  removedNodes: number;
  /** The tree's weight changed (Spark GBT). */
  weightChanged?: { old: number; new: number };
}

/** Full node detail of one tree pair (`diffTreePair`). */
export interface TreePairDetail extends TreeDiff {
  nodes: ChangedNode[];
  /** Local ids of nodes only in the new tree (added) or only in the old tree (removed). */
  added: number[];
  removed: number[];
}

/** A fact of the model (objective, base score, classes…) that differs. */
export interface HeaderChange {
  field: 'format' | 'task' | 'objective' | 'outputs' | 'base score' | 'classes' | 'transform' | 'aggregation' | 'arithmetic';
  old: string;
  new: string;
}

/** Split count and total gain of a feature on each side. */
export interface ImportanceChange {
  feature: string;
  oldSplits: number;
  newSplits: number;
  /** Undefined when a side's dump has no gains. */
  oldGain?: number;
  newGain?: number;
}

/** The whole structural diff. */
export interface StructuralDiff {
  trees: { same: number; changed: number; added: number; removed: number };
  nodes: { changed: number; added: number; removed: number };
  /** Every tree pair, in output then position order (small records: counts only). */
  treeDiffs: TreeDiff[];
  /** The first changed nodes (up to `nodeLimit`), with their tree pair. */
  changedNodes: (ChangedNode & { output: number; position: number; oldTree: number; newTree: number })[];
  header: HeaderChange[];
  features: { added: string[]; removed: string[] };
  /** Features whose split count (then gain) moved most, largest move first. */
  importance: ImportanceChange[];
  warnings: { old: ImportWarning[]; new: ImportWarning[] };
  /** Why tree-by-tree matching does not describe these models (different task or outputs); undefined when it does. */
  notComparable?: string;
}

export interface StructuralDiffOptions {
  /** How many changed nodes to list (all are counted). Default 500. */
  nodeLimit?: number;
  /** How many features to list in `importance`. Default 10. */
  importanceLimit?: number;
}

/** How the two sides name features: by name when both models carry names, else by index. */
export interface FeatureKeys {
  old: string[];
  new: string[];
}

/** Feature identities comparable across the sides (a text dump numbers features differently from its model.json). */
export function featureKeys(oldHeader: ModelHeader, newHeader: ModelHeader): FeatureKeys {
  const byName = oldHeader.features.some((f) => f.isNamed) && newHeader.features.some((f) => f.isNamed);
  const keys = (header: ModelHeader) => header.features.map((f) => (byName ? f.name : `#${f.index}`));
  return { old: keys(oldHeader), new: keys(newHeader) };
}

function featureKey(keys: string[], feature: number): string {
  return keys[feature] ?? `#${feature}`;
}

/** The display name of a feature key (`#3` → `f3`). */
export function featureLabel(key: string): string {
  return key.startsWith('#') ? `f${key.slice(1)}` : key;
}

/** Rounds a number as a model's arithmetic sees it (float32 models compare float32 values). */
type Rounding = (value: number) => number;
const exact: Rounding = (value) => value;

interface PairContext {
  oldForest: PackedForest;
  newForest: PackedForest;
  keys: FeatureKeys;
  threshold: Rounding;
  leaf: Rounding;
}

function contextOf(oldModel: PackedModel, newModel: PackedModel): PairContext {
  const oldArithmetic = oldModel.header.arithmetic;
  const newArithmetic = newModel.header.arithmetic;
  return {
    oldForest: oldModel.forest,
    newForest: newModel.forest,
    keys: featureKeys(oldModel.header, newModel.header),
    threshold: oldArithmetic.input === 'float32' && newArithmetic.input === 'float32' ? Math.fround : exact,
    leaf: oldArithmetic.accumulate === 'float32' && newArithmetic.accumulate === 'float32' ? Math.fround : exact,
  };
}

function numberText(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function missingText(flags: number): string {
  const mode = (flags & MISSING_MASK) >> MISSING_SHIFT;
  const side = flags & FLAG_DEFAULT_LEFT ? 'left' : 'right';
  return ['compared (goes right)', `default ${side}`, `zero, default ${side}`, 'read as 0'][mode];
}

function categoriesOf(forest: PackedForest, row: number): Float64Array {
  const set = forest.extra[row];
  return forest.categories.subarray(forest.categoryStart[set], forest.categoryStart[set + 1]);
}

/** Equal as arithmetic sees them: −0 equals 0 (no comparison or sum tells them apart here), NaN equals NaN. */
function sameNumber(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>, round: Rounding): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameNumber(round(a[i]), round(b[i]))) return false;
  return true;
}

function categoryText(forest: PackedForest, row: number): string {
  const flags = forest.flags[row];
  const set = Array.from(categoriesOf(forest, row)).join(', ');
  return `{${set}} ${flags & FLAG_IN_SET_LEFT ? 'left' : 'right'}, missing ${flags & FLAG_MISSING_LEFT ? 'left' : 'right'}${flags & FLAG_MATCH_EXACT ? ', exact' : ''}`;
}

const KIND_NAMES = ['leaf', 'numeric split', 'categorical split', 'indicator split'];

function leafText(forest: PackedForest, row: number): string {
  if (forest.extra[row] < 0) return numberText(forest.value[row]);
  const values = leafValuesOf(forest, row);
  return values.length === 1 ? numberText(values[0]) : `[${values.map(numberText).join(', ')}]`;
}

function leafExtrasText(forest: PackedForest, row: number): string {
  const extra = forest.extra[row];
  if (extra < 0) return '';
  const start = forest.linearStart[extra];
  const end = forest.linearStart[extra + 1];
  const linear = forest.isLinear[extra]
    ? `${forest.linearConstant[extra]}|${Array.from(forest.linearFeatures.subarray(start, end)).join(',')}|${Array.from(forest.linearCoefficients.subarray(start, end)).join(',')}`
    : '';
  return `${forest.leafClass[extra]}|${forest.leafTruncatedDepth[extra]}|${linear}`;
}

function sameLeaf(context: PairContext, oldRow: number, newRow: number): boolean {
  const { oldForest, newForest, leaf } = context;
  if (oldForest.extra[oldRow] < 0 && newForest.extra[newRow] < 0) return sameNumber(leaf(oldForest.value[oldRow]), leaf(newForest.value[newRow]));
  return sameNumbers(leafValuesOf(oldForest, oldRow), leafValuesOf(newForest, newRow), leaf) && leafExtrasText(oldForest, oldRow) === leafExtrasText(newForest, newRow);
}

/** The changes at a node pair; empty when the nodes are the same in each model's arithmetic. */
function compareNodes(context: PairContext, oldRow: number, newRow: number): NodeChange[] {
  const { oldForest, newForest, keys } = context;
  const oldKind = oldForest.kind[oldRow];
  const newKind = newForest.kind[newRow];
  if (oldKind === NODE_LEAF && newKind === NODE_LEAF) {
    return sameLeaf(context, oldRow, newRow) ? [] : [{ kind: 'leaf', old: leafText(oldForest, oldRow), new: leafText(newForest, newRow) }];
  }
  if (oldKind === NODE_LEAF) return [{ kind: 'leaf-to-split', old: `leaf ${leafText(oldForest, oldRow)}`, new: splitText(context, newForest, newRow, keys.new) }];
  if (newKind === NODE_LEAF) return [{ kind: 'split-to-leaf', old: splitText(context, oldForest, oldRow, keys.old), new: `leaf ${leafText(newForest, newRow)}` }];
  const changes: NodeChange[] = [];
  const oldFeature = featureKey(keys.old, oldForest.feature[oldRow]);
  const newFeature = featureKey(keys.new, newForest.feature[newRow]);
  if (oldFeature !== newFeature) changes.push({ kind: 'feature', old: featureLabel(oldFeature), new: featureLabel(newFeature) });
  if (oldKind !== newKind) {
    changes.push({ kind: 'split-kind', old: splitText(context, oldForest, oldRow, keys.old), new: splitText(context, newForest, newRow, keys.new) });
    return changes;
  }
  const oldFlags = oldForest.flags[oldRow];
  const newFlags = newForest.flags[newRow];
  if (oldKind === NODE_NUMERIC) {
    const oldOp = oldFlags & FLAG_OP_LESS ? '<' : '<=';
    const newOp = newFlags & FLAG_OP_LESS ? '<' : '<=';
    if (oldOp !== newOp || !sameNumber(context.threshold(oldForest.value[oldRow]), context.threshold(newForest.value[newRow]))) {
      changes.push({ kind: 'threshold', old: `${oldOp} ${numberText(oldForest.value[oldRow])}`, new: `${newOp} ${numberText(newForest.value[newRow])}` });
    }
    const oldMissing = missingText(oldFlags);
    const newMissing = missingText(newFlags);
    if (oldMissing !== newMissing) changes.push({ kind: 'missing', old: oldMissing, new: newMissing });
  } else if (oldKind === NODE_CATEGORICAL) {
    if (oldFlags !== newFlags || !sameNumbers(categoriesOf(oldForest, oldRow), categoriesOf(newForest, newRow), exact)) {
      changes.push({ kind: 'categories', old: categoryText(oldForest, oldRow), new: categoryText(newForest, newRow) });
    }
  } else if (oldKind === NODE_INDICATOR && (oldFlags & FLAG_PRESENT_LEFT) !== (newFlags & FLAG_PRESENT_LEFT)) {
    changes.push({ kind: 'missing', old: oldFlags & FLAG_PRESENT_LEFT ? 'present left' : 'present right', new: newFlags & FLAG_PRESENT_LEFT ? 'present left' : 'present right' });
  }
  return changes;
}

function splitText(context: PairContext, forest: PackedForest, row: number, keys: string[]): string {
  const feature = featureLabel(featureKey(keys, forest.feature[row]));
  const kind = forest.kind[row];
  if (kind === NODE_NUMERIC) return `${feature} ${forest.flags[row] & FLAG_OP_LESS ? '<' : '<='} ${numberText(forest.value[row])}`;
  if (kind === NODE_CATEGORICAL) return `${feature} in ${categoryText(forest, row)}`;
  return `${feature} ${KIND_NAMES[kind]}`;
}

/** Counts the nodes of the subtree under local id `node` (iterative). */
function subtreeSize(forest: PackedForest, start: number, node: number, collect?: number[]): number {
  const stack = [node];
  let size = 0;
  while (stack.length > 0) {
    const id = stack.pop()!;
    size++;
    collect?.push(id);
    const row = start + id;
    if (forest.kind[row] !== NODE_LEAF) stack.push(forest.right[row], forest.left[row]);
  }
  return size;
}

/**
 * Compares two trees node by node along matching paths. With `detail`, lists every changed node and
 * every added and removed node id; without, only counts (the summary pass over thousands of trees).
 */
function walkPair(context: PairContext, oldTree: number, newTree: number, detail: TreePairDetail | undefined, onChange?: (node: ChangedNode) => void): { changed: number; added: number; removed: number } {
  const { oldForest, newForest } = context;
  const oldStart = oldForest.treeNodeStart[oldTree];
  const newStart = newForest.treeNodeStart[newTree];
  let changed = 0;
  let added = 0;
  let removed = 0;
  // Paths are built only when someone wants them: the stack carries them as strings, cheap ropes.
  const wantsPaths = detail !== undefined || onChange !== undefined;
  const stack: (number | string)[] = [0, 0, ''];
  while (stack.length > 0) {
    const path = stack.pop() as string;
    const newNode = stack.pop() as number;
    const oldNode = stack.pop() as number;
    const oldRow = oldStart + oldNode;
    const newRow = newStart + newNode;
    const changes = compareNodes(context, oldRow, newRow);
    if (changes.length > 0) {
      changed++;
      if (wantsPaths) {
        const node: ChangedNode = { path, oldNode, newNode, changes };
        detail?.nodes.push(node);
        onChange?.(node);
      }
    }
    const oldIsSplit = oldForest.kind[oldRow] !== NODE_LEAF;
    const newIsSplit = newForest.kind[newRow] !== NODE_LEAF;
    if (oldIsSplit && newIsSplit) {
      stack.push(oldForest.right[oldRow], newForest.right[newRow], wantsPaths ? path + 'R' : '');
      stack.push(oldForest.left[oldRow], newForest.left[newRow], wantsPaths ? path + 'L' : '');
    } else if (oldIsSplit) {
      removed += subtreeSize(oldForest, oldStart, oldForest.left[oldRow], detail?.removed) + subtreeSize(oldForest, oldStart, oldForest.right[oldRow], detail?.removed);
    } else if (newIsSplit) {
      added += subtreeSize(newForest, newStart, newForest.left[newRow], detail?.added) + subtreeSize(newForest, newStart, newForest.right[newRow], detail?.added);
    }
  }
  return { changed, added, removed };
}

/** The trees of each output in boosting order: `byOutput[k]` lists tree indices. */
function treesByOutput(forest: PackedForest, outputs: number): number[][] {
  const byOutput: number[][] = Array.from({ length: Math.max(outputs, 1) }, () => []);
  for (let t = 0; t < forest.treeCount; t++) {
    const output = forest.treeOutput[t];
    while (byOutput.length <= output) byOutput.push([]);
    byOutput[output].push(t);
  }
  return byOutput;
}

/** Pairs trees by output and position: the basis of both the summary and the tree view. */
export function pairTrees(oldModel: PackedModel, newModel: PackedModel): { output: number; position: number; oldTree?: number; newTree?: number }[] {
  const oldByOutput = treesByOutput(oldModel.forest, oldModel.header.numOutputs);
  const newByOutput = treesByOutput(newModel.forest, newModel.header.numOutputs);
  const pairs: { output: number; position: number; oldTree?: number; newTree?: number }[] = [];
  for (let output = 0; output < Math.max(oldByOutput.length, newByOutput.length); output++) {
    const oldTrees = oldByOutput[output] ?? [];
    const newTrees = newByOutput[output] ?? [];
    for (let position = 0; position < Math.max(oldTrees.length, newTrees.length); position++) {
      pairs.push({ output, position, oldTree: oldTrees[position], newTree: newTrees[position] });
    }
  }
  return pairs;
}

function treeDiffOf(context: PairContext, pair: { output: number; position: number; oldTree?: number; newTree?: number }, detail?: TreePairDetail, onChange?: (node: ChangedNode) => void): TreeDiff {
  const { output, position, oldTree, newTree } = pair;
  if (newTree === undefined) {
    const removedNodes = context.oldForest.treeNodeStart[oldTree! + 1] - context.oldForest.treeNodeStart[oldTree!];
    return { output, position, oldTree, status: 'removed', changedNodes: 0, addedNodes: 0, removedNodes };
  }
  if (oldTree === undefined) {
    const addedNodes = context.newForest.treeNodeStart[newTree + 1] - context.newForest.treeNodeStart[newTree];
    return { output, position, newTree, status: 'added', changedNodes: 0, addedNodes, removedNodes: 0 };
  }
  const counts = walkPair(context, oldTree, newTree, detail, onChange);
  const result: TreeDiff = { output, position, oldTree, newTree, status: 'same', changedNodes: counts.changed, addedNodes: counts.added, removedNodes: counts.removed };
  const oldWeight = context.oldForest.treeWeight[oldTree];
  const newWeight = context.newForest.treeWeight[newTree];
  if (!Object.is(oldWeight, newWeight)) result.weightChanged = { old: oldWeight, new: newWeight };
  if (counts.changed + counts.added + counts.removed > 0 || result.weightChanged) result.status = 'changed';
  return result;
}

/**
 * Every changed, added and removed node of one tree pair (for the side-by-side view and stepping
 * from change to change). `oldTree`/`newTree` are tree indices; either may be absent (a tree on one side only).
 */
export function diffTreePair(oldModel: PackedModel, newModel: PackedModel, pair: { output: number; position: number; oldTree?: number; newTree?: number }): TreePairDetail {
  const context = contextOf(oldModel, newModel);
  const detail: TreePairDetail = { ...pair, status: 'same', changedNodes: 0, addedNodes: 0, removedNodes: 0, nodes: [], added: [], removed: [] };
  const summary = treeDiffOf(context, pair, detail);
  if (pair.oldTree === undefined) subtreeSize(context.newForest, context.newForest.treeNodeStart[pair.newTree!], 0, detail.added);
  if (pair.newTree === undefined) subtreeSize(context.oldForest, context.oldForest.treeNodeStart[pair.oldTree!], 0, detail.removed);
  // Pre-order of paths, so stepping goes top-down and left before right.
  detail.nodes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...detail, ...summary };
}

function importanceOf(forest: PackedForest, keys: string[]): Map<string, { splits: number; gain: number }> {
  const result = new Map<string, { splits: number; gain: number }>();
  for (let row = 0; row < forest.nodeCount; row++) {
    if (forest.kind[row] === NODE_LEAF) continue;
    const key = featureKey(keys, forest.feature[row]);
    let entry = result.get(key);
    if (!entry) result.set(key, (entry = { splits: 0, gain: 0 }));
    entry.splits++;
    const gain = forest.gain?.[row];
    if (gain !== undefined && !Number.isNaN(gain)) entry.gain += gain;
  }
  return result;
}

function importanceChanges(oldModel: PackedModel, newModel: PackedModel, keys: FeatureKeys, limit: number): ImportanceChange[] {
  const oldImportance = importanceOf(oldModel.forest, keys.old);
  const newImportance = importanceOf(newModel.forest, keys.new);
  const hasOldGain = oldModel.forest.gain !== undefined;
  const hasNewGain = newModel.forest.gain !== undefined;
  const all = new Set([...oldImportance.keys(), ...newImportance.keys()]);
  const changes: ImportanceChange[] = [];
  for (const key of all) {
    const before = oldImportance.get(key) ?? { splits: 0, gain: 0 };
    const after = newImportance.get(key) ?? { splits: 0, gain: 0 };
    const change: ImportanceChange = { feature: featureLabel(key), oldSplits: before.splits, newSplits: after.splits };
    if (hasOldGain) change.oldGain = before.gain;
    if (hasNewGain) change.newGain = after.gain;
    if (change.oldSplits !== change.newSplits || change.oldGain !== change.newGain) changes.push(change);
  }
  const gainMove = (c: ImportanceChange) => (c.oldGain !== undefined && c.newGain !== undefined ? Math.abs(c.newGain - c.oldGain) : 0);
  changes.sort((a, b) => Math.abs(b.newSplits - b.oldSplits) - Math.abs(a.newSplits - a.oldSplits) || gainMove(b) - gainMove(a) || (a.feature < b.feature ? -1 : 1));
  return changes.slice(0, limit);
}

function baseScoreText(header: ModelHeader): string {
  return header.aggregation.kind === 'sum' ? header.aggregation.base.map(numberText).join(', ') : `(${header.aggregation.kind}: none)`;
}

function headerChanges(oldHeader: ModelHeader, newHeader: ModelHeader): HeaderChange[] {
  const changes: HeaderChange[] = [];
  const add = (field: HeaderChange['field'], before: string, after: string) => {
    if (before !== after) changes.push({ field, old: before, new: after });
  };
  add('format', oldHeader.format, newHeader.format);
  add('task', oldHeader.task, newHeader.task);
  add('objective', oldHeader.objective, newHeader.objective);
  add('outputs', String(oldHeader.numOutputs), String(newHeader.numOutputs));
  add('classes', (oldHeader.classes ?? []).join(', '), (newHeader.classes ?? []).join(', '));
  add('aggregation', oldHeader.aggregation.kind, newHeader.aggregation.kind);
  if (oldHeader.aggregation.kind === 'sum' && newHeader.aggregation.kind === 'sum') {
    const round = oldHeader.arithmetic.accumulate === 'float32' && newHeader.arithmetic.accumulate === 'float32' ? Math.fround : exact;
    if (!sameNumbers(oldHeader.aggregation.base, newHeader.aggregation.base, round)) add('base score', baseScoreText(oldHeader), baseScoreText(newHeader));
  }
  add('transform', JSON.stringify(oldHeader.transform), JSON.stringify(newHeader.transform));
  add('arithmetic', JSON.stringify(oldHeader.arithmetic), JSON.stringify(newHeader.arithmetic));
  return changes;
}

function notComparableReason(oldHeader: ModelHeader, newHeader: ModelHeader): string | undefined {
  if (oldHeader.task !== newHeader.task) return `the models do different tasks (${oldHeader.task} → ${newHeader.task}), so their trees do not compute the same thing`;
  if (oldHeader.numOutputs !== newHeader.numOutputs) return `the models have different numbers of outputs (${oldHeader.numOutputs} → ${newHeader.numOutputs}), so trees are not matched one to one by output`;
  return undefined;
}

/**
 * The structural diff of two models: tree counts, changed nodes (the first `nodeLimit` listed, all
 * counted), header and feature-list changes, importance moves, warnings, and whether the models
 * are comparable tree by tree. Reads the packed columns directly; O(nodes) time.
 */
export function diffStructure(oldModel: PackedModel, newModel: PackedModel, options: StructuralDiffOptions = {}): StructuralDiff {
  const nodeLimit = options.nodeLimit ?? 500;
  const context = contextOf(oldModel, newModel);
  const result: StructuralDiff = {
    trees: { same: 0, changed: 0, added: 0, removed: 0 },
    nodes: { changed: 0, added: 0, removed: 0 },
    treeDiffs: [],
    changedNodes: [],
    header: headerChanges(oldModel.header, newModel.header),
    features: { added: [], removed: [] },
    importance: importanceChanges(oldModel, newModel, context.keys, options.importanceLimit ?? 10),
    warnings: { old: oldModel.header.warnings, new: newModel.header.warnings },
  };
  const reason = notComparableReason(oldModel.header, newModel.header);
  if (reason) result.notComparable = reason;
  const oldKeys = new Set(context.keys.old);
  const newKeys = new Set(context.keys.new);
  result.features.added = context.keys.new.filter((key) => !oldKeys.has(key)).map(featureLabel);
  result.features.removed = context.keys.old.filter((key) => !newKeys.has(key)).map(featureLabel);
  for (const pair of pairTrees(oldModel, newModel)) {
    const listing = result.changedNodes.length < nodeLimit;
    const tree = treeDiffOf(
      context,
      pair,
      undefined,
      listing
        ? (node) => {
            if (result.changedNodes.length < nodeLimit) result.changedNodes.push({ ...node, output: pair.output, position: pair.position, oldTree: pair.oldTree!, newTree: pair.newTree! });
          }
        : undefined,
    );
    result.treeDiffs.push(tree);
    result.trees[tree.status]++;
    result.nodes.changed += tree.changedNodes;
    result.nodes.added += tree.addedNodes;
    result.nodes.removed += tree.removedNodes;
  }
  return result;
}
