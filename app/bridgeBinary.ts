import type { ModelFileInfo, SentModelResult } from './bridge';
import { decodeBridgeJson, encodeBridgeJson } from './bridgeJson';
import { decodeUtf8, encodeUtf8 } from './util/utf8';

/*
 * Browser mode's reply to a model-opening call when it succeeds: one binary body instead of JSON, so
 * the packed model crosses the bridge as its bytes (≈ the model file's size) and the page makes
 * typed-array views into them without copying or parsing.
 *
 *   bytes 0–3   "SPBR"
 *   bytes 4–7   length J of the file-info JSON (uint32, little-endian)
 *   bytes 8–    the file info (`ModelFileInfo`) as bridge JSON, UTF-8, padded with spaces to a multiple of 8
 *   then        the packed model (`encodePackedModel`), starting on an 8-byte boundary, to the end
 *
 * Errors and cancellations stay JSON; the content type tells them apart.
 */

export const MODEL_REPLY_CONTENT_TYPE = 'application/x-splitscope-model';

const MAGIC = [0x53, 0x50, 0x42, 0x52]; // "SPBR"
const PREFIX_BYTES = 8;

/**
 * The reply body of a successful open (see the module comment), as chunks to write one after the
 * other: the framed file info, then the packed model's own bytes or parts (not copied).
 */
export function encodeModelReply(result: Extract<SentModelResult, { status: 'ok' }>): Uint8Array[] {
  const { packedBytes, ...info } = result.document;
  return [framedHead(MAGIC, encodeUtf8(encodeBridgeJson(info))), ...(packedBytes instanceof Uint8Array ? [packedBytes] : packedBytes)];
}

/** Magic, the head's padded length, and the head padded with spaces so what follows starts on an 8-byte boundary. */
function framedHead(magic: readonly number[], head: Uint8Array): Uint8Array {
  const padded = Math.ceil((PREFIX_BYTES + head.length) / 8) * 8;
  const framed = new Uint8Array(padded);
  framed.set(magic, 0);
  new DataView(framed.buffer).setUint32(4, padded - PREFIX_BYTES, true);
  framed.fill(0x20, PREFIX_BYTES, padded);
  framed.set(head, PREFIX_BYTES);
  return framed;
}

/** Reads a body made by `encodeModelReply`; `packedBytes` is a view into `body`. */
export function decodeModelReply(body: ArrayBuffer): SentModelResult {
  const bytes = new Uint8Array(body);
  if (bytes.length < PREFIX_BYTES || MAGIC.some((byte, index) => bytes[index] !== byte)) throw new Error('the host sent a model reply that is not "SPBR" framed');
  const jsonLength = new DataView(body).getUint32(4, true);
  const start = PREFIX_BYTES + jsonLength;
  if (start > bytes.length || start % 8 !== 0) throw new Error('the host sent a damaged model reply (file info runs past the end)');
  const info = decodeBridgeJson<ModelFileInfo>(decodeUtf8(bytes.subarray(PREFIX_BYTES, start)));
  return { status: 'ok', document: { ...info, packedBytes: bytes.subarray(start) } };
}

/*
 * Browser mode's reply for any other result that carries typed arrays (a read CSV's numeric columns):
 * the value as bridge JSON with each typed array replaced by `{"$bin": k}`, then the arrays' own bytes.
 * The page makes views into the one body it received, so a 150 MB CSV's columns are neither base64
 * nor copied (before this they travelled as base64 inside JSON: 6 s for the keiba bench's CSV).
 *
 *   bytes 0–3   "SPBV"
 *   bytes 4–7   length J of the head (uint32, little-endian)
 *   bytes 8–    the head, UTF-8, padded with spaces to a multiple of 8: one line of JSON listing the
 *               arrays, `[[kind, offset, length], …]` (offsets in bytes from the end of the head,
 *               each a multiple of 8; lengths in elements), a newline, then the value's bridge JSON
 *   then        the arrays' bytes, each starting on an 8-byte boundary
 */

export const VALUE_REPLY_CONTENT_TYPE = 'application/x-splitscope-value';

const VALUE_MAGIC = [0x53, 0x50, 0x42, 0x56]; // "SPBV"

const ARRAY_KINDS = { f64: Float64Array, f32: Float32Array, i32: Int32Array, u32: Uint32Array, u8: Uint8Array } as const;
type ArrayKind = keyof typeof ARRAY_KINDS;
type BinArray = InstanceType<(typeof ARRAY_KINDS)[ArrayKind]>;

function kindOf(item: unknown): ArrayKind | undefined {
  if (item instanceof Float64Array) return 'f64';
  if (item instanceof Float32Array) return 'f32';
  if (item instanceof Int32Array) return 'i32';
  if (item instanceof Uint32Array) return 'u32';
  if (item instanceof Uint8Array) return 'u8';
  return undefined;
}

/**
 * The reply body for `value` (see above) as chunks to write one after the other; the arrays' chunks
 * are views of the arrays themselves, not copies. `utf8` encodes the head (the host passes Node's).
 */
export function encodeValueReply(value: unknown, utf8: (text: string) => Uint8Array = encodeUtf8): Uint8Array[] {
  const arrays: BinArray[] = [];
  const bins: [ArrayKind, number, number][] = [];
  let offset = 0;
  const json = encodeBridgeJson(value, undefined, (item) => {
    const kind = kindOf(item);
    if (!kind) return undefined;
    const array = item as BinArray;
    bins.push([kind, offset, array.length]);
    arrays.push(array);
    offset += Math.ceil(array.byteLength / 8) * 8;
    return { $bin: bins.length - 1 };
  });
  const chunks: Uint8Array[] = [framedHead(VALUE_MAGIC, utf8(`${JSON.stringify(bins)}\n${json}`))];
  for (const array of arrays) {
    chunks.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    const gap = Math.ceil(array.byteLength / 8) * 8 - array.byteLength;
    if (gap > 0) chunks.push(new Uint8Array(gap));
  }
  return chunks;
}

/** Reads a body made by `encodeValueReply`; its typed arrays are views into `body`. */
export function decodeValueReply<T>(body: ArrayBuffer, utf8: (bytes: Uint8Array) => string = decodeUtf8): T {
  const bytes = new Uint8Array(body);
  if (bytes.length < PREFIX_BYTES || VALUE_MAGIC.some((byte, index) => bytes[index] !== byte)) throw new Error('the host sent a reply that is not "SPBV" framed');
  const headLength = new DataView(body).getUint32(4, true);
  const start = PREFIX_BYTES + headLength;
  if (start > bytes.length || start % 8 !== 0) throw new Error('the host sent a damaged reply (its head runs past the end)');
  const head = utf8(bytes.subarray(PREFIX_BYTES, start));
  const newline = head.indexOf('\n');
  if (newline < 0) throw new Error('the host sent a damaged reply (no array list in its head)');
  const bins = JSON.parse(head.slice(0, newline)) as [ArrayKind, number, number][];
  const arrays = bins.map(([kind, offset, length]) => {
    const type = Object.hasOwn(ARRAY_KINDS, kind) ? ARRAY_KINDS[kind] : undefined;
    if (!type || !Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset % 8 !== 0 || start + offset + length * type.BYTES_PER_ELEMENT > bytes.length) {
      throw new Error('the host sent a damaged reply (an array runs past the end)');
    }
    return new type(body, start + offset, length);
  });
  return decodeBridgeJson<T>(head.slice(newline + 1), (item) => {
    const index = item.$bin;
    return typeof index === 'number' && Object.keys(item).length === 1 ? arrays[index] : undefined;
  });
}
