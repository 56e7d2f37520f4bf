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
 * The reply body of a successful open (see the module comment), as two chunks to write one after
 * the other: the framed file info, then the packed model's own bytes (not copied).
 */
export function encodeModelReply(result: Extract<SentModelResult, { status: 'ok' }>): [Uint8Array, Uint8Array] {
  const { packedBytes, ...info } = result.document;
  const json = encodeUtf8(encodeBridgeJson(info));
  const padded = Math.ceil((PREFIX_BYTES + json.length) / 8) * 8;
  const head = new Uint8Array(padded);
  head.set(MAGIC, 0);
  new DataView(head.buffer).setUint32(4, padded - PREFIX_BYTES, true);
  head.fill(0x20, PREFIX_BYTES, padded);
  head.set(json, PREFIX_BYTES);
  return [head, packedBytes];
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
