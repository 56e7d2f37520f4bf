import type { CategoricalSplit, LeafNode, NumericMissing, Split, Tree, TreeModel, TreeNode } from '../model/types';
import { decodeExactJson, encodeExactJson } from './exactJson';

/**
 * The compact form of the IR embedded in exported services. The plain IR JSON of a 75,000-node
 * model is 11 MB and takes ~300 ms to decode (a reviver restores non-finite numbers), which ruins
 * a Lambda cold start. Here every node field is a column of plain numbers, so `JSON.parse` reads
 * it at full speed, and the few values JSON cannot hold (NaN, ±Infinity, −0) are listed apart.
 *
 * What is dropped: source positions and training statistics of nodes (the evaluator does not read
 * them). `depth` and `parent` are recomputed. Everything the evaluator reads survives exactly:
 * `unpackModel(packModel(m))` scores every row bit for bit like `m` (tested).
 */
export interface PackedModel {
  /** Format marker and version. */
  packed: 1;
  /** `encodeExactJson` of the model without `trees`. */
  header: string;
  /** Per tree: node count, output index, weight. */
  nodeCounts: number[];
  outputs: number[];
  weights: number[];
  /** Per node: 0 leaf, 1 numeric `<=`, 2 numeric `<`, 3 categorical, 4 indicator. */
  kinds: number[];
  sourceIds: number[];
  /** Per split node, in node order. */
  features: number[];
  lefts: number[];
  rights: number[];
  /** Numeric: threshold; others: 0. */
  thresholds: number[];
  /** Numeric: MISSING_CODES index; indicator: 0 present goes left, 1 right; categorical: index in `categorical`. */
  codes: number[];
  /** `encodeExactJson` of the categorical splits, in order of appearance. */
  categorical: string;
  /** Per leaf node: `value[0]` (0 when the leaf has no value). */
  values: number[];
  /** `encodeExactJson` of `[leafOrdinal, leafFields][]` for leaves that are not one plain value. */
  leafExtras: string;
  /** Values of number columns that JSON cannot hold: `[column, index, String(value)]`. */
  special: [string, number, string][];
  /**
   * Which of `header`, `categorical`, `leafExtras` hold no NaN, ±Infinity or −0 and so are plain
   * JSON: they are read without a reviver, which is several times faster (cold starts).
   */
  plain?: string[];
}

/** True when `value` holds a number plain JSON cannot carry (NaN, ±Infinity, −0). */
function hasSpecialNumber(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value) || Object.is(value, -0);
  if (Array.isArray(value)) return value.some(hasSpecialNumber);
  if (value && typeof value === 'object') return Object.values(value).some(hasSpecialNumber);
  return false;
}

const MISSING_CODES = ['compare', 'default-left', 'default-right', 'zero-left', 'zero-right', 'asZero'] as const;

function missingCode(missing: NumericMissing): number {
  switch (missing.mode) {
    case 'compare':
      return 0;
    case 'default':
      return missing.defaultLeft ? 1 : 2;
    case 'zero':
      return missing.defaultLeft ? 3 : 4;
    case 'asZero':
      return 5;
  }
}

/** One shared object per missing-value mode: tens of thousands of nodes need no copies of their own. */
const MISSING_OBJECTS: readonly NumericMissing[] = MISSING_CODES.map((_, code) => Object.freeze(createMissing(code)));

function missingOf(code: number): NumericMissing {
  const missing = MISSING_OBJECTS[code];
  if (!missing) throw new RangeError(`packed model: unknown missing-value code ${code}`);
  return missing;
}

function createMissing(code: number): NumericMissing {
  switch (MISSING_CODES[code]) {
    case 'compare':
      return { mode: 'compare' };
    case 'default-left':
      return { mode: 'default', defaultLeft: true };
    case 'default-right':
      return { mode: 'default', defaultLeft: false };
    case 'zero-left':
      return { mode: 'zero', defaultLeft: true };
    case 'zero-right':
      return { mode: 'zero', defaultLeft: false };
    case 'asZero':
      return { mode: 'asZero' };
    default:
      throw new RangeError(`packed model: unknown missing-value code ${code}`);
  }
}

type LeafFields = Pick<LeafNode, 'value' | 'linear' | 'truncatedDepth' | 'classIndex'>;

/** Packs a model for embedding (see `PackedModel`); returns the JSON text. */
export function packModel(model: TreeModel): string {
  const { trees, ...rest } = model;
  const packed: PackedModel = {
    packed: 1,
    header: '',
    nodeCounts: [],
    outputs: [],
    weights: [],
    kinds: [],
    sourceIds: [],
    features: [],
    lefts: [],
    rights: [],
    thresholds: [],
    codes: [],
    categorical: '',
    values: [],
    leafExtras: '',
    special: [],
  };
  const categorical: CategoricalSplit[] = [];
  const leafExtras: [number, LeafFields][] = [];
  const push = (column: 'weights' | 'thresholds' | 'values', value: number) => {
    const array = packed[column];
    if (Number.isFinite(value) && !Object.is(value, -0)) array.push(value);
    else {
      packed.special.push([column, array.length, Object.is(value, -0) ? '-0' : String(value)]);
      array.push(0);
    }
  };
  for (const tree of trees) {
    packed.nodeCounts.push(tree.nodes.length);
    packed.outputs.push(tree.outputIndex);
    push('weights', tree.weight);
    for (const [position, node] of tree.nodes.entries()) {
      if (node.id !== position) throw new RangeError(`tree ${tree.index}: node ${position} has id ${node.id}; ids must be array indices`);
      packed.sourceIds.push(node.sourceId);
      if (node.type === 'leaf') {
        packed.kinds.push(0);
        push('values', node.value.length > 0 ? node.value[0] : 0);
        if (node.value.length !== 1 || node.linear || node.truncatedDepth !== undefined || node.classIndex !== undefined) {
          const fields: LeafFields = { value: node.value };
          if (node.linear) fields.linear = node.linear;
          if (node.truncatedDepth !== undefined) fields.truncatedDepth = node.truncatedDepth;
          if (node.classIndex !== undefined) fields.classIndex = node.classIndex;
          leafExtras.push([packed.values.length - 1, fields]);
        }
        continue;
      }
      packed.features.push(node.feature);
      packed.lefts.push(node.left);
      packed.rights.push(node.right);
      const split = node.split;
      if (split.kind === 'numeric') {
        packed.kinds.push(split.op === '<=' ? 1 : 2);
        push('thresholds', split.threshold);
        packed.codes.push(missingCode(split.missing));
      } else if (split.kind === 'categorical') {
        packed.kinds.push(3);
        push('thresholds', 0);
        packed.codes.push(categorical.length);
        categorical.push(split);
      } else {
        packed.kinds.push(4);
        push('thresholds', 0);
        packed.codes.push(split.presentGoes === 'left' ? 0 : 1);
      }
    }
  }
  packed.plain = [];
  const encode = (name: 'header' | 'categorical' | 'leafExtras', value: unknown) => {
    if (hasSpecialNumber(value)) return encodeExactJson(value);
    packed.plain!.push(name);
    return JSON.stringify(value);
  };
  packed.header = encode('header', rest);
  packed.categorical = encode('categorical', categorical);
  packed.leafExtras = encode('leafExtras', leafExtras);
  return JSON.stringify(packed);
}

/** True when a parsed JSON value is a `PackedModel` (rather than the plain IR). */
export function isPackedModel(value: unknown): value is PackedModel {
  return typeof value === 'object' && value !== null && (value as { packed?: unknown }).packed === 1;
}

/** Rebuilds the IR from `packModel`'s output (already parsed with `JSON.parse`). */
export function unpackModel(packed: PackedModel): TreeModel {
  for (const [column, index, text] of packed.special) {
    if (column !== 'weights' && column !== 'thresholds' && column !== 'values') throw new RangeError(`packed model: unknown column ${column}`);
    packed[column][index] = Number(text);
  }
  const plain = new Set(packed.plain ?? []);
  const decode = <T>(name: string, text: string): T => (plain.has(name) ? (JSON.parse(text) as T) : decodeExactJson<T>(text));
  const header = decode<Omit<TreeModel, 'trees'>>('header', packed.header);
  const categorical = decode<CategoricalSplit[]>('categorical', packed.categorical);
  const leafExtras = new Map(decode<[number, LeafFields][]>('leafExtras', packed.leafExtras));
  const trees: Tree[] = [];
  let nodeIndex = 0;
  let splitIndex = 0;
  let leafIndex = 0;
  for (let t = 0; t < packed.nodeCounts.length; t++) {
    const count = packed.nodeCounts[t];
    // Filled in order with push, so V8 keeps a packed array.
    const nodes: TreeNode[] = [];
    for (let id = 0; id < count; id++, nodeIndex++) {
      const kind = packed.kinds[nodeIndex];
      const sourceId = packed.sourceIds[nodeIndex];
      if (kind === 0) {
        const extra = leafExtras.get(leafIndex);
        const leaf: LeafNode = extra
          ? { id, sourceId, depth: 0, parent: -1, type: 'leaf', ...extra }
          : { id, sourceId, depth: 0, parent: -1, type: 'leaf', value: [packed.values[leafIndex]] };
        leafIndex++;
        nodes.push(leaf);
        continue;
      }
      const code = packed.codes[splitIndex];
      let split: Split;
      if (kind === 1 || kind === 2) split = { kind: 'numeric', op: kind === 1 ? '<=' : '<', threshold: packed.thresholds[splitIndex], missing: missingOf(code) };
      else if (kind === 3) split = categorical[code];
      else split = { kind: 'indicator', presentGoes: code === 0 ? 'left' : 'right' };
      nodes.push({
        id,
        sourceId,
        depth: 0,
        parent: -1,
        type: 'split',
        feature: packed.features[splitIndex],
        split,
        left: packed.lefts[splitIndex],
        right: packed.rights[splitIndex],
      });
      splitIndex++;
    }
    // Parents, then depths from the root down (children may come before parents in XGBoost numbering).
    for (const node of nodes) {
      if (node.type === 'split') {
        nodes[node.left].parent = node.id;
        nodes[node.right].parent = node.id;
      }
    }
    const stack = count > 0 ? [0] : [];
    while (stack.length > 0) {
      const node = nodes[stack.pop()!];
      if (node.type !== 'split') continue;
      nodes[node.left].depth = node.depth + 1;
      nodes[node.right].depth = node.depth + 1;
      stack.push(node.left, node.right);
    }
    trees.push({ index: t, outputIndex: packed.outputs[t], weight: packed.weights[t], nodes });
  }
  return { ...header, trees } as TreeModel;
}
