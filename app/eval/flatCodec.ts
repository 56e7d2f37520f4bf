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
 *   bytes 12–   directory JSON (UTF-8): { numFeatures, isAllNumeric, columns: [[name, type, offset, length]] }
 *   then        each column's bytes, little-endian, at an offset that is a multiple of 8
 */

const MAGIC = [0x53, 0x50, 0x46, 0x4c]; // "SPFL"
const VERSION = 1;
const PREFIX_BYTES = 12;

type ArrayKeys = { [K in keyof FlatModel]: FlatModel[K] extends Uint8Array | Int32Array | Float64Array ? K : never }[keyof FlatModel];
type ColumnType = 'u8' | 'i32' | 'f64';

const COLUMNS: Record<ArrayKeys, ColumnType> = {
  kind: 'u8',
  feature: 'i32',
  threshold: 'f64',
  left: 'i32',
  right: 'i32',
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

interface Directory {
  numFeatures: number;
  isAllNumeric: boolean;
  columns: [string, ColumnType, number, number][];
}

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
  // Offsets depend on the directory's length and its length on the offsets' digits: a fixed width settles both.
  const columns: Directory['columns'] = NAMES.map((name) => [name, COLUMNS[name], 0, flat[name].length]);
  const directoryOf = (start: number) => {
    let offset = start;
    for (const column of columns) {
      column[2] = offset;
      offset = align8(offset + column[3] * ELEMENT_BYTES[column[1]]);
    }
    return { text: encodeUtf8(JSON.stringify({ numFeatures: flat.numFeatures, isAllNumeric: flat.isAllNumeric, columns } satisfies Directory)), end: offset };
  };
  let start = align8(PREFIX_BYTES);
  let directory = directoryOf(start);
  while (align8(PREFIX_BYTES + directory.text.length) !== start) {
    start = align8(PREFIX_BYTES + directory.text.length);
    directory = directoryOf(start);
  }
  const bytes = new Uint8Array(directory.end);
  bytes.set(MAGIC, 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, directory.text.length, true);
  bytes.set(directory.text, PREFIX_BYTES);
  for (const [name, , offset] of columns) {
    const array = flat[name as ArrayKeys];
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
  }
  return bytes;
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
  for (const entry of directory.columns) {
    const [name, type, offset, count] = (Array.isArray(entry) ? entry : []) as Partial<Directory['columns'][number]>;
    if (!(typeof name === 'string' && name in COLUMNS) || COLUMNS[name as ArrayKeys] !== type) throw new FlatLayoutError(`unknown column ${JSON.stringify(name)}`);
    if (typeof offset !== 'number' || typeof count !== 'number' || !Number.isInteger(offset) || !Number.isInteger(count) || offset % 8 !== 0 || count < 0 || offset < PREFIX_BYTES + length || offset + count * ELEMENT_BYTES[type] > bytes.length) {
      throw new FlatLayoutError(`column ${name} lies outside the file`);
    }
    const at = bytes.byteOffset + offset;
    (flat as Record<string, unknown>)[name] = type === 'u8' ? new Uint8Array(bytes.buffer, at, count) : type === 'i32' ? new Int32Array(bytes.buffer, at, count) : new Float64Array(bytes.buffer, at, count);
  }
  const missing = NAMES.find((name) => flat[name] === undefined);
  if (missing) throw new FlatLayoutError(`column ${missing} is missing`);
  return flat as FlatModel;
}
