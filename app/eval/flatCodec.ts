import { decodeUtf8, encodeUtf8 } from '../util/utf8';
import type { FlatModel } from './flat';

/*
 * The evaluator's own layout (flat.ts) as one binary file, so an exported service starts by reading
 * arrays instead of laying the forest out again (issue 10: a cold start is reading arrays). It is
 * derived data: the exporter writes it beside the packed model, with its own sha256 in the service
 * file, and the service reads it only after that checksum matched; the bundle's selftest proves the
 * service's answers through it. Other readers should use the packed model (packedCodec.ts).
 *
 *   bytes 0–3   "SPFL"
 *   bytes 4–7   format version (uint32, little-endian)
 *   bytes 8–11  length H of the directory JSON (uint32)
 *   bytes 12–   directory JSON (UTF-8): { numFeatures, isAllNumeric, columns: [entry, …] }
 *   then        each stored column's bytes, little-endian, at an offset that is a multiple of 8
 *
 * An entry is `[name, type, offset, length]` for a stored column, or one of three without bytes
 * (many of the layout's columns hold one value, count up, or repeat another column, and every byte
 * here is read and hashed on each cold start):
 *   [name, type, "fill", length, value]              every entry is `value`
 *   [name, type, "step", length, [first, step]]      entry i is `first + i * step` (i32 only)
 *   [name, type, "of", length, [source, start, stride]]  entry i is `source[start + i * stride]`,
 *                                                    `source` a stored column of the same type
 * A fill or step column may hold at most 8 entries per byte of the file, so what the reader
 * allocates stays proportional to what it read.
 */

const MAGIC = [0x53, 0x50, 0x46, 0x4c]; // "SPFL"
const VERSION = 2;
const PREFIX_BYTES = 12;

type ArrayKeys = { [K in keyof FlatModel]: FlatModel[K] extends Uint8Array | Int32Array | Float64Array ? K : never }[keyof FlatModel];
type ColumnType = 'u8' | 'i32' | 'f64';

const COLUMNS: Record<ArrayKeys, ColumnType> = {
  kind: 'u8',
  feature: 'i32',
  threshold: 'f64',
  children: 'i32',
  missingRight: 'i32',
  missing: 'i32',
  inSet: 'i32',
  categoryStart: 'i32',
  categoryEnd: 'i32',
  categories: 'f64',
  splitIrId: 'i32',
  leafKind: 'u8',
  leafValue: 'f64',
  leafSourceId: 'i32',
  leafIrId: 'i32',
  linearStart: 'i32',
  linearEnd: 'i32',
  linearConstant: 'f64',
  linearFeatures: 'i32',
  linearCoefficients: 'f64',
  vectorStart: 'i32',
  vectorLength: 'i32',
  vectors: 'f64',
  leafClass: 'i32',
  leafTruncatedDepth: 'i32',
  roots: 'i32',
  treeOutput: 'i32',
  treeWeight: 'f64',
};
const NAMES = Object.keys(COLUMNS) as ArrayKeys[];
const ELEMENT_BYTES: Record<ColumnType, number> = { u8: 1, i32: 4, f64: 8 };

type StoredEntry = [name: string, type: ColumnType, offset: number, length: number];
type FillEntry = [name: string, type: ColumnType, how: 'fill', length: number, value: number];
type StepEntry = [name: string, type: ColumnType, how: 'step', length: number, firstAndStep: [number, number]];
type OfEntry = [name: string, type: ColumnType, how: 'of', length: number, source: [string, number, number]];
type Entry = StoredEntry | FillEntry | StepEntry | OfEntry;

interface Directory {
  numFeatures: number;
  isAllNumeric: boolean;
  columns: Entry[];
}

/** Columns that usually repeat part of another: `[source, start, stride]` to try. */
const DERIVED_FROM: Partial<Record<ArrayKeys, [ArrayKeys, number, number]>> = {
  // Plain leaves' one value each, when no leaf has a list of values: exactly `leafValue`.
  vectors: ['leafValue', 0, 1],
};

/** Entries allowed per byte of the file in a fill or step column (see the module comment). */
const ENTRIES_PER_BYTE = 8;
/** Columns shorter than this are stored: an entry without bytes would save next to nothing. */
const MIN_COMPACT_LENGTH = 16;

/** A layout file that cannot be read: `message` says what. */
export class FlatLayoutError extends Error {
  constructor(message: string) {
    super(`evaluator layout: ${message}`);
    this.name = 'FlatLayoutError';
  }
}

function align8(offset: number): number {
  return (offset + 7) & ~7;
}

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The layout as one buffer (see the module comment). */
export function encodeFlatModel(flat: FlatModel): Uint8Array {
  if (!IS_LITTLE_ENDIAN) throw new FlatLayoutError('this host is big-endian');
  const columns: Entry[] = NAMES.map((name) => constantEntry(flat, name) ?? [name, COLUMNS[name], 0, flat[name].length]);
  // A column that repeats another refers to it only where that one is stored (so the reader has it).
  const isStored = (name: string) => columns.some((entry) => entry[0] === name && typeof entry[2] === 'number');
  for (let i = 0; i < columns.length; i++) {
    const name = columns[i][0] as ArrayKeys;
    const derived = DERIVED_FROM[name];
    if (typeof columns[i][2] === 'number' && derived && isStored(derived[0])) columns[i] = repeatEntry(flat, name, derived) ?? columns[i];
  }
  // Offsets depend on the directory's length and its length on the offsets' digits: a fixed width settles both.
  const directoryOf = (start: number) => {
    let offset = start;
    for (const column of columns) {
      if (typeof column[2] !== 'number') continue;
      column[2] = offset;
      offset = align8(offset + column[3] * ELEMENT_BYTES[column[1]]);
    }
    return { text: encodeUtf8(JSON.stringify({ numFeatures: flat.numFeatures, isAllNumeric: flat.isAllNumeric, columns } satisfies Directory)), end: offset };
  };
  const settle = () => {
    let start = align8(PREFIX_BYTES);
    let directory = directoryOf(start);
    while (align8(PREFIX_BYTES + directory.text.length) !== start) {
      start = align8(PREFIX_BYTES + directory.text.length);
      directory = directoryOf(start);
    }
    return directory;
  };
  let directory = settle();
  // A small file may not hold a long fill or step (the reader's bound): store those columns.
  const overBound = (entry: Entry) => (entry[2] === 'fill' || entry[2] === 'step') && entry[3] > ENTRIES_PER_BYTE * directory.end;
  while (columns.some(overBound)) {
    for (let i = 0; i < columns.length; i++) if (overBound(columns[i])) columns[i] = [columns[i][0], columns[i][1], 0, columns[i][3]];
    directory = settle();
  }
  const bytes = new Uint8Array(directory.end);
  bytes.set(MAGIC, 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, directory.text.length, true);
  bytes.set(directory.text, PREFIX_BYTES);
  for (const [name, , offset] of columns) {
    if (typeof offset !== 'number') continue;
    const array = flat[name as ArrayKeys];
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
  }
  return bytes;
}

/** A fill or step entry that reproduces `flat[name]` exactly, if there is one. */
function constantEntry(flat: FlatModel, name: ArrayKeys): Entry | undefined {
  const array = flat[name];
  const type = COLUMNS[name];
  const length = array.length;
  if (length < MIN_COMPACT_LENGTH) return undefined;
  const first = array[0];
  // JSON has no NaN, infinities or -0: such a fill is stored instead.
  if (Number.isFinite(first) && !Object.is(first, -0) && sameBits(array, new (array.constructor as Float64ArrayConstructor)([first]), 0, 0)) return [name, type, 'fill', length, first];
  if (type === 'i32') {
    const step = array[1] - array[0];
    let isStep = true;
    for (let i = 2; i < length && isStep; i++) isStep = array[i] - array[i - 1] === step;
    if (isStep) return [name, type, 'step', length, [first, step]];
  }
  return undefined;
}

/** An "of" entry when `flat[name]` repeats part of the column `derived` names, exactly. */
function repeatEntry(flat: FlatModel, name: ArrayKeys, [sourceName, start, stride]: [ArrayKeys, number, number]): Entry | undefined {
  const array = flat[name];
  const source = flat[sourceName];
  const length = array.length;
  if (length < MIN_COMPACT_LENGTH || COLUMNS[sourceName] !== COLUMNS[name] || start + (length - 1) * stride >= source.length) return undefined;
  return sameBits(array, source, start, stride) ? [name, COLUMNS[name], 'of', length, [sourceName, start, stride]] : undefined;
}

/** `array[i]` has the same bits as `source[start + i * stride]` for every i (NaN payloads and -0 included). */
function sameBits(array: Uint8Array | Int32Array | Float64Array, source: Uint8Array | Int32Array | Float64Array, start: number, stride: number): boolean {
  if (array instanceof Float64Array) {
    const a = new Int32Array(array.buffer, array.byteOffset, array.length * 2);
    const b = new Int32Array(source.buffer, source.byteOffset, source.length * 2);
    for (let i = 0; i < array.length; i++) {
      const at = 2 * (start + i * stride);
      if (a[2 * i] !== b[at] || a[2 * i + 1] !== b[at + 1]) return false;
    }
    return true;
  }
  for (let i = 0; i < array.length; i++) if (array[i] !== source[start + i * stride]) return false;
  return true;
}

/**
 * Reads a buffer made by `encodeFlatModel`: views into `bytes` (copied once when not 8-byte aligned).
 * Checks the container (magic, version, every column present, in bounds and of its type), not the
 * walk's references: call it only on bytes whose checksum matched the exporter's.
 */
export function decodeFlatModel(input: Uint8Array): FlatModel {
  if (!IS_LITTLE_ENDIAN) throw new FlatLayoutError('this host is big-endian');
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  if (bytes.length < PREFIX_BYTES || MAGIC.some((byte, index) => bytes[index] !== byte)) throw new FlatLayoutError('not an evaluator layout (no "SPFL" at the start)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new FlatLayoutError(`format version ${version} is not supported (this build reads version ${VERSION})`);
  const length = view.getUint32(8, true);
  if (PREFIX_BYTES + length > bytes.length) throw new FlatLayoutError('the directory runs past the end of the file');
  let directory: Directory;
  try {
    directory = JSON.parse(decodeUtf8(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + length))) as Directory;
  } catch (error) {
    throw new FlatLayoutError(`the directory is not valid JSON (${(error as Error).message})`);
  }
  if (!Number.isInteger(directory?.numFeatures) || typeof directory.isAllNumeric !== 'boolean' || !Array.isArray(directory.columns)) {
    throw new FlatLayoutError('the directory lacks numFeatures, isAllNumeric or columns');
  }
  const flat: Partial<FlatModel> = { numFeatures: directory.numFeatures, isAllNumeric: directory.isAllNumeric };
  const deferred = new Set<string>();
  const later: Entry[] = [];
  for (const entry of directory.columns) {
    const [name, type, offset, count] = (Array.isArray(entry) ? entry : []) as Partial<StoredEntry>;
    if (!(typeof name === 'string' && name in COLUMNS) || COLUMNS[name as ArrayKeys] !== type || flat[name as ArrayKeys] !== undefined || deferred.has(name)) {
      throw new FlatLayoutError(`unknown or repeated column ${JSON.stringify(name)}`);
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new FlatLayoutError(`column ${name} has a bad length`);
    if (typeof offset !== 'number') {
      // Columns without bytes are made once every stored column is read (an "of" entry reads one).
      deferred.add(name);
      later.push(entry);
      continue;
    }
    if (!Number.isInteger(offset) || offset % 8 !== 0 || offset < PREFIX_BYTES + length || offset + count * ELEMENT_BYTES[type] > bytes.length) {
      throw new FlatLayoutError(`column ${name} lies outside the file`);
    }
    const at = bytes.byteOffset + offset;
    (flat as Record<string, unknown>)[name] = type === 'u8' ? new Uint8Array(bytes.buffer, at, count) : type === 'i32' ? new Int32Array(bytes.buffer, at, count) : new Float64Array(bytes.buffer, at, count);
  }
  // Stored columns only: an "of" entry never reads another entry without bytes.
  const storedColumns: Partial<FlatModel> = { ...flat };
  for (const entry of later) {
    const name = entry[0] as ArrayKeys;
    const make = maker(entry, storedColumns, bytes.length);
    if (WALKED_COLUMNS.has(name)) {
      (flat as Record<string, unknown>)[name] = make();
      continue;
    }
    // Read only by linear, truncated, categorical or vector leaves and splits: made when first read,
    // so a service of a plain forest never pays for them (a column counting up costs a loop at start).
    let made: ReturnType<typeof make> | undefined;
    Object.defineProperty(flat, name, { enumerable: true, get: () => (made ??= make()) });
  }
  const missing = NAMES.find((name) => !(name in flat));
  if (missing) throw new FlatLayoutError(`column ${missing} is missing`);
  return flat as FlatModel;
}

const ARRAY_OF: Record<ColumnType, Uint8ArrayConstructor | Int32ArrayConstructor | Float64ArrayConstructor> = { u8: Uint8Array, i32: Int32Array, f64: Float64Array };

/** Columns every walk reads, node by node: the decoded layout holds them as plain arrays, never behind a getter. */
const WALKED_COLUMNS = new Set<ArrayKeys>(['kind', 'feature', 'threshold', 'children', 'missingRight', 'missing', 'leafKind', 'leafValue', 'roots', 'treeOutput']);

/**
 * Checks an entry without bytes against the module comment's rules, and gives what makes the array
 * it stands for.
 */
function maker(entry: Entry, stored: Partial<FlatModel>, fileBytes: number): () => Uint8Array | Int32Array | Float64Array {
  const [name, type, how, count, argument] = entry as [string, ColumnType, unknown, number, unknown];
  const make = ARRAY_OF[type];
  if (how === 'of') {
    const [sourceName, start, stride] = (Array.isArray(argument) ? argument : []) as unknown[];
    const source = typeof sourceName === 'string' && sourceName in COLUMNS ? stored[sourceName as ArrayKeys] : undefined;
    const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
    if (!source || COLUMNS[sourceName as ArrayKeys] !== type || !isIndex(start) || !isIndex(stride) || stride < 1 || (count > 0 && start + (count - 1) * stride >= source.length)) {
      throw new FlatLayoutError(`column ${name} repeats ${JSON.stringify(sourceName)}, which is not a stored column of type ${type} long enough`);
    }
    if (stride === 1) return () => source.subarray(start, start + count);
    return () => {
      const array = new make(count);
      for (let i = 0; i < count; i++) array[i] = source[start + i * stride];
      return array;
    };
  }
  if (how !== 'fill' && how !== 'step') throw new FlatLayoutError(`column ${name} has an unknown kind of entry ${JSON.stringify(how)}`);
  if (count > ENTRIES_PER_BYTE * fileBytes) throw new FlatLayoutError(`column ${name} has ${count} entries, more than ${ENTRIES_PER_BYTE} per byte of the file`);
  const [low, high] = type === 'u8' ? [0, 255] : type === 'i32' ? [-0x80000000, 0x7fffffff] : [-Infinity, Infinity];
  const fits = (value: unknown): value is number => typeof value === 'number' && value >= low && value <= high && (type === 'f64' || Number.isInteger(value));
  if (how === 'fill') {
    if (!fits(argument)) throw new FlatLayoutError(`column ${name} fills with ${JSON.stringify(argument)}, not a ${type} value`);
    // A new array is zeros already; filling it would touch every page for nothing.
    return () => (argument === 0 ? new make(count) : new make(count).fill(argument));
  }
  const [first, step] = (Array.isArray(argument) ? argument : []) as unknown[];
  if (type !== 'i32' || !fits(first) || typeof step !== 'number' || !Number.isInteger(step) || (count > 0 && !fits(first + (count - 1) * step))) {
    throw new FlatLayoutError(`column ${name} has a bad step ${JSON.stringify(argument)}`);
  }
  return () => {
    const array = new Int32Array(count);
    for (let i = 0; i < count; i++) array[i] = first + i * step;
    return array;
  };
}
