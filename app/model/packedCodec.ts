import { decodeBridgeJson, encodeBridgeJson } from '../bridgeJson';
import { decodeUtf8, encodeUtf8 } from '../util/utf8';
import { FOREST_COLUMNS, NODE_CATEGORICAL, NODE_INDICATOR, NODE_LEAF, OPTIONAL_FOREST_COLUMNS, type ModelHeader, type PackedForest, type PackedModel } from './packed';

/*
 * One binary file for a packed model: what the browser-mode bridge sends and the exported
 * services load. Decoding makes typed-array views into the bytes (no copy), after checking every
 * offset, length and child reference, so a damaged or hostile file is a typed error, never a crash,
 * an endless walk or an allocation sized by a number in the file.
 *
 *   bytes 0–3   "SPKM"
 *   bytes 4–7   format version (uint32, little-endian)
 *   bytes 8–11  length H of the directory JSON (uint32)
 *   bytes 12–   directory JSON (UTF-8): { header, treeCount, nodeCount, columns: [[name, type, offset, length]] }
 *   then        each column's bytes, little-endian, at an offset that is a multiple of 8
 */

const MAGIC = [0x53, 0x50, 0x4b, 0x4d]; // "SPKM"
const VERSION = 1;
const PREFIX_BYTES = 12;

type ColumnName = (typeof FOREST_COLUMNS)[number];
type ColumnType = 'u8' | 'i32' | 'f64';

const COLUMN_TYPES: Record<ColumnName, ColumnType> = {
  treeNodeStart: 'i32',
  treeOutput: 'i32',
  treeWeight: 'f64',
  kind: 'u8',
  flags: 'u8',
  feature: 'i32',
  left: 'i32',
  right: 'i32',
  value: 'f64',
  sourceId: 'i32',
  extra: 'i32',
  categoryStart: 'i32',
  categories: 'f64',
  leafValueStart: 'i32',
  leafValues: 'f64',
  leafClass: 'i32',
  leafTruncatedDepth: 'i32',
  linearStart: 'i32',
  linearFeatures: 'i32',
  linearCoefficients: 'f64',
  linearConstant: 'f64',
  isLinear: 'u8',
  gain: 'f64',
  count: 'f64',
  cover: 'f64',
  internalValue: 'f64',
  line: 'i32',
  column: 'i32',
};

const OPTIONAL_COLUMNS = new Set<ColumnName>(OPTIONAL_FOREST_COLUMNS);
const ELEMENT_BYTES: Record<ColumnType, number> = { u8: 1, i32: 4, f64: 8 };

/** A packed-model file that cannot be read: `message` says what and where. */
export class PackedModelError extends Error {
  readonly code = 'E_PACKED_MODEL';
  constructor(message: string) {
    super(`packed model: ${message}`);
    this.name = 'PackedModelError';
  }
}

interface Directory {
  header: ModelHeader;
  treeCount: number;
  nodeCount: number;
  columns: [string, string, number, number][];
}

/** Little-endian hosts are all the app runs on; a big-endian one would need byte swaps the views cannot do. */
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The model as one buffer (see the module comment). */
export function encodePackedModel(model: PackedModel): Uint8Array {
  return joinParts(encodePackedParts(model));
}

/**
 * The bytes of `encodePackedModel` as consecutive parts that join into them: the prefix and
 * directory, then each column as a view of its own array (not copied) and the zero padding after
 * it. A host writes the parts one after the other (an HTTP body), so a 100 MB model is never copied
 * into one buffer beside its columns.
 */
export function encodePackedParts(model: PackedModel): Uint8Array[] {
  if (!IS_LITTLE_ENDIAN) throw new PackedModelError('this host is big-endian');
  const forest = model.forest;
  const columns: [string, string, number, number][] = [];
  const present: [ColumnName, Uint8Array | Int32Array | Float64Array][] = [];
  for (const name of FOREST_COLUMNS) {
    const array = forest[name];
    if (array) present.push([name, array]);
  }
  // Offsets depend on the directory's length, which depends on the offsets' digits: settle it in two passes.
  let directoryBytes: Uint8Array = new Uint8Array(0);
  let dataStart = 0;
  for (let pass = 0; pass < 5; pass++) {
    columns.length = 0;
    let offset = align8(PREFIX_BYTES + directoryBytes.length);
    dataStart = offset;
    for (const [name, array] of present) {
      columns.push([name, COLUMN_TYPES[name], offset, array.length]);
      offset = align8(offset + array.byteLength);
    }
    const directory: Directory = { header: model.header, treeCount: forest.treeCount, nodeCount: forest.nodeCount, columns };
    const next = encodeUtf8(encodeBridgeJson(directory));
    if (next.length === directoryBytes.length) {
      directoryBytes = next;
      break;
    }
    directoryBytes = next;
  }
  if (align8(PREFIX_BYTES + directoryBytes.length) !== dataStart) throw new Error('packed model: directory size did not settle');
  const head = new Uint8Array(dataStart);
  head.set(MAGIC, 0);
  const view = new DataView(head.buffer);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, directoryBytes.length, true);
  head.set(directoryBytes, PREFIX_BYTES);
  const parts: Uint8Array[] = [head];
  for (const [, array] of present) {
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    const padding = align8(array.byteLength) - array.byteLength;
    if (padding > 0) parts.push(new Uint8Array(padding));
  }
  return parts;
}

/** A packed model's bytes as one buffer, joining them when they came as parts. */
export function joinedBytes(bytes: Uint8Array | readonly Uint8Array[]): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : joinParts(bytes);
}

/** Parts (`encodePackedParts`) joined into one buffer. */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

function align8(offset: number): number {
  return (offset + 7) & ~7;
}

export interface DecodeOptions {
  /**
   * Skip the walk over every tree (`validateForest`): only for bytes whose sha256 was just checked
   * against the one recorded when this program encoded them (an exported bundle's model file), so
   * they are exactly what was validated then. The directory and column bounds are still checked.
   */
  checksumVerified?: boolean;
}

/**
 * Reads a buffer made by `encodePackedModel`. The columns are views into `bytes` (copied once only
 * when `bytes` does not start on an 8-byte boundary). Throws `PackedModelError` for anything else.
 */
export function decodePackedModel(input: Uint8Array | ArrayBuffer, options: DecodeOptions = {}): PackedModel {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const { directory, columnsStart } = readDirectory(bytes, bytes.length);
  const { treeCount, nodeCount } = directory;
  const forest: Partial<PackedForest> & { treeCount: number; nodeCount: number } = { treeCount, nodeCount };
  const seen = new Set<string>();
  for (const entry of directory.columns) {
    if (!Array.isArray(entry) || entry.length !== 4) throw new PackedModelError('a column entry is not [name, type, offset, length]');
    const [name, type, offset, length] = entry;
    if (!(name in COLUMN_TYPES)) throw new PackedModelError(`unknown column "${String(name).slice(0, 40)}"`);
    const expected = COLUMN_TYPES[name as ColumnName];
    if (type !== expected) throw new PackedModelError(`column ${name} has type ${String(type)}, expected ${expected}`);
    if (seen.has(name)) throw new PackedModelError(`column ${name} appears twice`);
    seen.add(name);
    if (!isCount(offset) || !isCount(length) || offset % 8 !== 0) throw new PackedModelError(`column ${name} has a bad offset or length`);
    const end = offset + length * ELEMENT_BYTES[expected];
    if (offset < columnsStart || end > bytes.length) throw new PackedModelError(`column ${name} (bytes ${offset}–${end}) lies outside the file (${bytes.length} bytes)`);
    const at = bytes.byteOffset + offset;
    const array = expected === 'u8' ? new Uint8Array(bytes.buffer, at, length) : expected === 'i32' ? new Int32Array(bytes.buffer, at, length) : new Float64Array(bytes.buffer, at, length);
    (forest as Record<string, unknown>)[name] = array;
  }
  for (const name of FOREST_COLUMNS) {
    if (!seen.has(name) && !OPTIONAL_COLUMNS.has(name)) throw new PackedModelError(`column ${name} is missing`);
  }
  const checked = forest as PackedForest;
  if (!options.checksumVerified) validateForest(checked);
  return { header: directory.header, forest: checked };
}

/**
 * The prefix and directory at the start of a packed-model file of `fileBytes` bytes: `bytes` holds
 * at least the first `packedHeadLength` of them. Checks the magic, the version, and that the
 * directory and its counts are sound.
 */
function readDirectory(bytes: Uint8Array, fileBytes: number): { directory: Directory; columnsStart: number } {
  if (!IS_LITTLE_ENDIAN) throw new PackedModelError('this host is big-endian');
  if (fileBytes < PREFIX_BYTES || bytes.length < PREFIX_BYTES) throw new PackedModelError(`${fileBytes} bytes is too short for a packed model`);
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new PackedModelError('not a packed model (the file does not start with "SPKM")');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new PackedModelError(`format version ${version} is not supported (this build reads version ${VERSION})`);
  const directoryLength = view.getUint32(8, true);
  if (PREFIX_BYTES + directoryLength > fileBytes) throw new PackedModelError(`the directory (${directoryLength} bytes) runs past the end of the file (${fileBytes} bytes)`);
  if (PREFIX_BYTES + directoryLength > bytes.length) throw new PackedModelError(`the directory (${directoryLength} bytes) runs past the ${bytes.length} bytes read`);
  let directory: Directory;
  try {
    directory = decodeBridgeJson<Directory>(decodeUtf8(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + directoryLength)));
  } catch (error) {
    throw new PackedModelError(`the directory is not valid JSON (${(error as Error).message})`);
  }
  if (!directory || typeof directory !== 'object' || !directory.header || typeof directory.header !== 'object' || !Array.isArray(directory.columns)) {
    throw new PackedModelError('the directory lacks header or columns');
  }
  if (!isCount(directory.treeCount) || !isCount(directory.nodeCount)) throw new PackedModelError('tree or node count is not a non-negative integer');
  return { directory, columnsStart: PREFIX_BYTES + directoryLength };
}

/**
 * How many bytes from the start of a packed-model file hold its prefix and directory, given at
 * least its first 12 bytes (fewer: 12, the prefix's own length). At most the file's length.
 */
export function packedHeadLength(start: Uint8Array, fileBytes: number): number {
  if (start.length < PREFIX_BYTES) return Math.min(PREFIX_BYTES, fileBytes);
  const directoryLength = new DataView(start.buffer, start.byteOffset, PREFIX_BYTES).getUint32(8, true);
  return Math.min(PREFIX_BYTES + directoryLength, fileBytes);
}

/**
 * A packed model whose header and counts are read now, from the first `packedHeadLength` bytes of
 * its file, and whose forest columns are read the first time one is used: `loadBytes` then gives the
 * whole file, checked as `checksumVerified` requires. For an exported service, which scores through
 * the evaluator's own layout and never reads most columns: its cold start need not hold the file.
 */
export function decodePackedModelLazily(head: Uint8Array, fileBytes: number, loadBytes: () => Uint8Array): PackedModel {
  const { header, treeCount, nodeCount } = readDirectory(head, fileBytes).directory;
  let loaded: PackedForest | undefined;
  const load = (): PackedForest => {
    if (loaded) return loaded;
    const forest = decodePackedModel(loadBytes(), { checksumVerified: true }).forest;
    if (forest.treeCount !== treeCount || forest.nodeCount !== nodeCount) {
      throw new PackedModelError(`the file now holds ${forest.treeCount} trees and ${forest.nodeCount} nodes, not the ${treeCount} and ${nodeCount} it held when first read`);
    }
    return (loaded = forest);
  };
  const forest = { treeCount, nodeCount } as PackedForest;
  for (const name of FOREST_COLUMNS) Object.defineProperty(forest, name, { enumerable: true, get: () => load()[name] });
  return { header, forest };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff;
}

function expectLength(name: string, array: { length: number } | undefined, length: number): void {
  if (array && array.length !== length) throw new PackedModelError(`column ${name} has ${array.length} entries, expected ${length}`);
}

/** Offsets `starts[0..n]` rise from 0 to `total`. */
function expectRanges(name: string, starts: Int32Array, total: number): void {
  if (starts.length === 0 || starts[0] !== 0 || starts[starts.length - 1] !== total) throw new PackedModelError(`column ${name} does not run from 0 to ${total}`);
  for (let i = 1; i < starts.length; i++) if (starts[i] < starts[i - 1]) throw new PackedModelError(`column ${name} decreases at entry ${i}`);
}

/**
 * Checks a packed model that came as objects (a worker's answer) as `decodePackedModel` checks one
 * that came as bytes: every column present with its array type, a header, and `validateForest`.
 */
export function checkPackedModel(model: PackedModel): void {
  if (!model || typeof model !== 'object' || !model.header || typeof model.header !== 'object' || !model.forest) throw new PackedModelError('the model lacks header or forest');
  const forest = model.forest as unknown as Record<string, unknown>;
  if (!isCount(forest.treeCount) || !isCount(forest.nodeCount)) throw new PackedModelError('tree or node count is not a non-negative integer');
  for (const name of FOREST_COLUMNS) {
    const column = forest[name];
    if (column === undefined && OPTIONAL_COLUMNS.has(name)) continue;
    const type = COLUMN_TYPES[name];
    const isRight = type === 'u8' ? column instanceof Uint8Array : type === 'i32' ? column instanceof Int32Array : column instanceof Float64Array;
    if (!isRight) throw new PackedModelError(`column ${name} is ${column === undefined ? 'missing' : 'not of type ' + type}`);
  }
  validateForest(model.forest);
}

/**
 * Checks what the evaluator and the views rely on: column lengths, ranges, node kinds, indices into
 * the pools, and that every tree is a tree (each node reached once from its root, no cycles).
 */
export function validateForest(forest: PackedForest): void {
  const { treeCount, nodeCount } = forest;
  expectLength('treeNodeStart', forest.treeNodeStart, treeCount + 1);
  for (const name of ['treeOutput', 'treeWeight'] as const) expectLength(name, forest[name], treeCount);
  for (const name of ['kind', 'flags', 'feature', 'left', 'right', 'value', 'sourceId', 'extra', 'gain', 'count', 'cover', 'internalValue', 'line', 'column'] as const) {
    expectLength(name, forest[name], nodeCount);
  }
  expectRanges('treeNodeStart', forest.treeNodeStart, nodeCount);
  const setCount = forest.categoryStart.length - 1;
  expectRanges('categoryStart', forest.categoryStart, forest.categories.length);
  const extraCount = forest.leafValueStart.length - 1;
  expectRanges('leafValueStart', forest.leafValueStart, forest.leafValues.length);
  expectRanges('linearStart', forest.linearStart, forest.linearFeatures.length);
  expectLength('linearCoefficients', forest.linearCoefficients, forest.linearFeatures.length);
  for (const name of ['leafClass', 'leafTruncatedDepth', 'linearConstant', 'isLinear'] as const) expectLength(name, forest[name], extraCount);
  expectLength('linearStart', forest.linearStart, extraCount + 1);
  // Scratch for one tree's walk, grown to the biggest tree: with arrays of its own for each tree (and
  // for each node's children) the check of 500 × 255 leaves took 16 ms cold in Node; 9 ms so.
  let seen = new Uint8Array(0);
  let stack = new Int32Array(0);
  const { kind: kinds, extra: extras, feature: features, left: lefts, right: rights } = forest;
  for (let tree = 0; tree < treeCount; tree++) {
    const start = forest.treeNodeStart[tree];
    const size = forest.treeNodeStart[tree + 1] - start;
    if (size === 0) throw new PackedModelError(`tree ${tree} has no nodes`);
    if (seen.length < size) {
      seen = new Uint8Array(Math.max(size, 2 * seen.length));
      stack = new Int32Array(seen.length);
    } else {
      seen.fill(0, 0, size);
    }
    let top = 0;
    stack[top++] = 0;
    seen[0] = 1;
    let reached = 1;
    for (let id = 0; id < size; id++) {
      const row = start + id;
      const kind = kinds[row];
      const extra = extras[row];
      if (kind === NODE_LEAF) {
        if (!(extra >= -1 && extra < extraCount)) throw new PackedModelError(`tree ${tree} node ${id}: leaf extra ${extra} out of range`);
      } else if (kind > NODE_INDICATOR) {
        throw new PackedModelError(`tree ${tree} node ${id}: unknown node kind ${kind}`);
      } else {
        if (features[row] < 0) throw new PackedModelError(`tree ${tree} node ${id}: negative feature index`);
        if (kind === NODE_CATEGORICAL && !(extra >= 0 && extra < setCount)) throw new PackedModelError(`tree ${tree} node ${id}: category set ${extra} out of range`);
      }
    }
    while (top > 0) {
      const id = stack[--top];
      const row = start + id;
      if (kinds[row] === NODE_LEAF) continue;
      for (let side = 0; side < 2; side++) {
        const child = side === 0 ? lefts[row] : rights[row];
        if (!(child >= 0 && child < size)) throw new PackedModelError(`tree ${tree} node ${id}: child ${child} is not a node of the tree`);
        if (seen[child]) throw new PackedModelError(`tree ${tree} node ${child} is reached twice`);
        seen[child] = 1;
        reached++;
        stack[top++] = child;
      }
    }
    if (reached !== size) throw new PackedModelError(`tree ${tree} has ${size - reached} nodes its root does not reach`);
  }
}
