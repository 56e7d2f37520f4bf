/**
 * What the three XGBoost readers (text dump, JSON dump, model JSON) share about trees and features:
 * the node records they produce, turning those records into IR trees, feature maps and naming.
 * Objectives and outputs are in `xgboostOutputs.ts`.
 */
import { countProblem } from '../limits';
import { linkTree } from '../../model/tree';
import type { Feature, ImportWarning, SourcePosition, Split, TreeNode } from '../../model/types';
import { ModelParseError, sourceLineAt } from '../errors';
import { largestOf } from '../../util/extremes';

/** One XGBoost node as a reader found it, before the tree is assembled. Child fields hold XGBoost node ids. */
export interface XgbNodeRecord {
  nodeId: number;
  position?: SourcePosition;
  kind: 'leaf' | 'numeric' | 'indicator' | 'categorical';
  /** Resolved feature index (splits only). */
  feature?: number;
  /** float32 threshold of a numeric split. */
  threshold?: number;
  /** Categories that go right (categorical splits). */
  categories?: number[];
  left?: number;
  right?: number;
  /** Numeric and categorical splits: NaN goes left. */
  defaultLeft?: boolean;
  /** Indicator splits: the side a present value takes. */
  presentGoes?: 'left' | 'right';
  /** float32 leaf output. */
  value?: number;
  gain?: number;
  cover?: number;
}

/** Builds a `ModelParseError` for the XGBoost readers. */
export function xgbError(
  code: 'E_PARSE_SYNTAX' | 'E_PARSE_STRUCTURE' | 'E_PARSE_UNSUPPORTED',
  fileName: string,
  detail: string,
  position?: SourcePosition,
  text?: string,
): ModelParseError {
  return new ModelParseError({
    code,
    fileName,
    format: 'xgboost',
    position,
    sourceLine: position && text !== undefined ? sourceLineAt(text, position.line) : undefined,
    detail,
  });
}

/**
 * Turns one tree's node records into IR nodes in pre-order (left subtree first, as XGBoost prints),
 * starting from XGBoost node 0, so `nodes[0]` is the root and `sourceId` is XGBoost's node id (what
 * `pred_leaf` reports). Nodes not reachable from the root (XGBoost's deleted nodes in model JSON)
 * are dropped when `dropUnreachable` is set, otherwise they are an error.
 */
export function assembleTree(
  records: Map<number, XgbNodeRecord>,
  treeLabel: string,
  fail: (detail: string, position?: SourcePosition) => never,
  dropUnreachable = false,
): TreeNode[] {
  const root = records.get(0);
  if (!root) fail(`${treeLabel} has no node 0 (its root)`, records.values().next().value?.position);
  const order: XgbNodeRecord[] = [];
  const indexOf = new Map<number, number>();
  const stack = [0];
  while (stack.length > 0) {
    const nodeId = stack.pop()!;
    const record = records.get(nodeId)!;
    indexOf.set(nodeId, order.length);
    order.push(record);
    if (record.kind === 'leaf') continue;
    for (const child of [record.right!, record.left!]) {
      if (!records.has(child)) fail(`node ${nodeId} of ${treeLabel} points to node ${child}, which the tree does not have`, record.position);
      if (indexOf.has(child) || stack.includes(child)) fail(`node ${child} of ${treeLabel} is reached twice`, record.position);
      stack.push(child);
    }
  }
  if (!dropUnreachable && order.length !== records.size) {
    const orphan = [...records.values()].find((record) => !indexOf.has(record.nodeId))!;
    fail(`node ${orphan.nodeId} of ${treeLabel} is not reachable from the root`, orphan.position);
  }
  const nodes = order.map((record, id): TreeNode => {
    // One fixed object shape (no spreads or deletes; absent stats/position are undefined): 75k-node dumps are linked
    // and walked many times, and objects that change shape fall back to slow dictionary mode.
    let stats: TreeNode['stats'];
    if (record.gain !== undefined && record.cover !== undefined) stats = { gain: record.gain, cover: record.cover };
    else if (record.cover !== undefined) stats = { cover: record.cover };
    else if (record.gain !== undefined) stats = { gain: record.gain };
    if (record.kind === 'leaf') {
      return { type: 'leaf', id, sourceId: record.nodeId, depth: 0, parent: -1, stats, position: record.position, value: [record.value!] };
    }
    let split: Split;
    if (record.kind === 'numeric') {
      split = { kind: 'numeric', op: '<', threshold: record.threshold!, missing: { mode: 'default', defaultLeft: record.defaultLeft! } };
    } else if (record.kind === 'categorical') {
      split = {
        kind: 'categorical',
        categories: [...new Set(record.categories!)].sort((a, b) => a - b),
        inSetGoes: 'right',
        missingGoes: record.defaultLeft ? 'left' : 'right',
        match: 'truncate',
      };
    } else {
      split = { kind: 'indicator', presentGoes: record.presentGoes! };
    }
    return {
      type: 'split',
      id,
      sourceId: record.nodeId,
      depth: 0,
      parent: -1,
      stats,
      position: record.position,
      feature: record.feature!,
      split,
      left: indexOf.get(record.left!)!,
      right: indexOf.get(record.right!)!,
    };
  });
  const problem = linkTree(nodes);
  if (problem) fail(`${treeLabel}: ${problem}`, root!.position);
  return nodes;
}

/** One line of a feature map: `index<TAB>name<TAB>type`. */
export interface FeatureMapEntry {
  index: number;
  name: string;
  type: string;
}

const FEATURE_TYPES = new Set(['i', 'q', 'int', 'float', 'c']);

/**
 * Reads a feature map (`fmap`) as XGBoost writes and reads it (FORMATS.md C.2). Blank lines are
 * skipped; a line that does not hold an index, a name and a known type is an error with its line.
 */
export function parseFeatureMap(text: string, fileName: string): FeatureMapEntry[] {
  const entries: FeatureMapEntry[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, lineIndex) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    // Names may hold spaces, so fields are split on tabs; files typed by hand with spaces fall back to the last space-separated field as the type.
    let fields = line.split('\t');
    if (fields.length < 3) {
      const match = /^\s*(\d+)\s+(.+?)\s+(\S+)\s*$/.exec(line);
      fields = match ? [match[1], match[2], match[3]] : fields;
    }
    const [indexText, name, type] = fields.map((field) => field.trim());
    const position = { line: lineIndex + 1, column: 1 };
    const where = `${fileName} (feature map)`;
    if (fields.length < 3 || !/^\d+$/.test(indexText) || !name) {
      throw xgbError('E_PARSE_STRUCTURE', where, `expected 'index<TAB>name<TAB>type', found '${line}'`, position, text);
    }
    if (!FEATURE_TYPES.has(type)) {
      throw xgbError('E_PARSE_STRUCTURE', where, `unknown feature type '${type}' (expected i, q, int, float or c)`, position, text);
    }
    entries.push({ index: Number(indexText), name, type });
  });
  return entries;
}

/** A split's feature as written in a dump, before names become indices. */
export interface NamedUse {
  name: string;
  /** The name exactly as printed, when it differs from `name` (JSON escapes); tried against a feature map too. */
  printed?: string;
  position?: SourcePosition;
}

/** The features of a dump and how each name used by a split maps to an index. */
export interface FeatureResolution {
  features: Feature[];
  indexOf: (name: string) => number;
  warnings: ImportWarning[];
  /** How the feature order was decided, for metadata. */
  order: string;
}

const DEFAULT_NAME = /^f(\d+)$/;

/**
 * Decides feature indices for a dump, which prints names but not always indices (FORMATS.md C.2):
 * - with a feature map, names are looked up in it (indices beyond it print as `f<i>`);
 * - with only `f<i>` names, the index is the number;
 * - with other names and no map, the column order is unknown: features are numbered in order of
 *   first appearance and a warning says so, because scoring a CSV by position would be wrong.
 */
export function resolveFeatures(
  uses: NamedUse[],
  featureMap: FeatureMapEntry[] | undefined,
  fileName: string,
  text: string | undefined,
): FeatureResolution {
  const warnings: ImportWarning[] = [];
  if (featureMap) {
    const byName = new Map<string, number>();
    let count = 0;
    for (const entry of featureMap) {
      if (!byName.has(entry.name)) byName.set(entry.name, entry.index);
      count = Math.max(count, entry.index + 1);
    }
    const indexOf = (name: string): number => byName.get(name) ?? Number(DEFAULT_NAME.exec(name)?.[1] ?? NaN);
    for (const use of uses) {
      // Dumps before 2.1.0 print names raw, so a backslash in a name may or may not be an escape: accept either reading.
      if (use.printed !== undefined && !byName.has(use.name) && byName.has(use.printed)) byName.set(use.name, byName.get(use.printed)!);
      const index = indexOf(use.name);
      if (Number.isNaN(index)) {
        throw xgbError('E_PARSE_STRUCTURE', fileName, `feature '${use.name}' is not in the feature map`, use.position, text);
      }
      const problem = countProblem(index + 1, 'feature count', text?.length ?? 0);
      if (problem) throw xgbError('E_PARSE_STRUCTURE', fileName, `feature '${use.name.slice(0, 40)}': ${problem}`, use.position, text);
      count = Math.max(count, index + 1);
    }
    const features: Feature[] = Array.from({ length: count }, (_, index) => ({ index, name: `f${index}`, isNamed: false, kind: 'numeric' }));
    for (const entry of featureMap) {
      features[entry.index] = {
        index: entry.index,
        name: entry.name,
        isNamed: true,
        kind: entry.type === 'c' ? 'categorical' : 'numeric',
        featureType: entry.type,
      };
    }
    return { features, indexOf, warnings, order: 'feature map' };
  }
  const names: string[] = [];
  const seen = new Map<string, NamedUse>();
  for (const use of uses) {
    if (!seen.has(use.name)) {
      seen.set(use.name, use);
      names.push(use.name);
    }
  }
  if (names.every((name) => DEFAULT_NAME.test(name))) {
    const indices = names.map((name) => Number(DEFAULT_NAME.exec(name)![1]));
    for (const [position, index] of indices.entries()) {
      const problem = countProblem(index + 1, 'feature count', text?.length ?? 0);
      const use = seen.get(names[position])!;
      if (problem) throw xgbError('E_PARSE_STRUCTURE', fileName, `feature '${names[position].slice(0, 40)}': ${problem}`, use.position, text);
    }
    const count = largestOf(indices, -1) + 1;
    const features: Feature[] = Array.from({ length: count }, (_, index) => ({ index, name: `f${index}`, isNamed: false, kind: 'numeric' }));
    // Names were collected above: every split's lookup is a map hit, not a regex run.
    const indexOfName = new Map(names.map((name, position) => [name, indices[position]]));
    return { features, indexOf: (name) => indexOfName.get(name) ?? Number(DEFAULT_NAME.exec(name)![1]), warnings, order: 'f<index> names' };
  }
  const order = new Map(names.map((name, index) => [name, index]));
  warnings.push({
    code: 'W_XGB_FEATURE_ORDER',
    message:
      `The dump names its ${names.length} features but does not say their column order; they are numbered in the order they first ` +
      'appear in the dump, and features the trees never use are not listed. Score CSVs by column name, or supply the feature map ' +
      '(index<TAB>name<TAB>type, e.g. written from the training columns) to fix the order.',
  });
  const features: Feature[] = names.map((name, index) => ({ index, name, isNamed: true, kind: 'numeric' }));
  return { features, indexOf: (name) => order.get(name)!, warnings, order: 'first appearance in the dump' };
}

/** Names inside dumps are JSON-escaped since XGBoost 2.1.0 (`EscapeU8`); older dumps print them raw. */
export function unescapeName(name: string): string {
  if (!name.includes('\\')) return name;
  try {
    return JSON.parse(`"${name}"`) as string;
  } catch {
    return name;
  }
}
