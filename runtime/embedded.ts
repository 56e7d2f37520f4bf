import type { Hash } from 'node:crypto';
import { decodeExactJson } from '../app/export/exactJson';
import { packModel } from '../app/model/forestBuilder';
import type { PackedModel } from '../app/model/packed';
import { decodePackedModel, decodePackedModelLazily, packedHeadLength } from '../app/model/packedCodec';
import type { FlatModel } from '../app/eval/flat';
import { decodeFlatModel } from '../app/eval/flatCodec';
import type { TreeModel } from '../app/model/types';
import { nodeCrypto, nodeFs, nodeUrl } from './builtins';

const { createHash } = nodeCrypto;
const { closeSync, fstatSync, openSync, readFileSync, readSync } = nodeFs;
const { fileURLToPath } = nodeUrl;

/*
 * The exporter writes these constants at the top of every bundle file, before this code:
 *   const SPLITSCOPE_VERSION = "0.1.0";  const SPLITSCOPE_MODEL_CHECKSUM = "sha256:…";
 *   const SPLITSCOPE_MODEL_FILE = "model.spkm";
 * The model itself is that binary file beside the bundle (app/model/packedCodec.ts): loading it is
 * reading arrays, so a cold start costs little more than Node's own.
 */
declare const SPLITSCOPE_MODEL_FILE: string | undefined;
declare const SPLITSCOPE_MODEL_CHECKSUM: string | undefined;
declare const SPLITSCOPE_VERSION: string | undefined;
declare const SPLITSCOPE_LAYOUT_FILE: string | undefined;
declare const SPLITSCOPE_LAYOUT_CHECKSUM: string | undefined;

export interface EmbeddedInfo {
  /** Absolute path of the packed model file. */
  path: string;
  checksum: string;
  version: string;
  /** The evaluator's layout file and its checksum (bundles exported before it existed have none). */
  layout?: { path: string; checksum: string };
}

/** What a bundle serves: the packed model and, when the bundle has it, the evaluator's layout of it. */
export interface EmbeddedModel {
  packed: PackedModel;
  layout?: FlatModel;
}

/** Where the exporter put the model, or undefined when this code runs unexported (tests). */
export function embeddedInfo(): EmbeddedInfo | undefined {
  if (typeof SPLITSCOPE_MODEL_FILE !== 'string') return undefined;
  return {
    path: fileURLToPath(new URL(SPLITSCOPE_MODEL_FILE, import.meta.url)),
    checksum: typeof SPLITSCOPE_MODEL_CHECKSUM === 'string' ? SPLITSCOPE_MODEL_CHECKSUM : '',
    version: typeof SPLITSCOPE_VERSION === 'string' ? SPLITSCOPE_VERSION : 'unknown',
    layout:
      typeof SPLITSCOPE_LAYOUT_FILE === 'string' && typeof SPLITSCOPE_LAYOUT_CHECKSUM === 'string'
        ? { path: fileURLToPath(new URL(SPLITSCOPE_LAYOUT_FILE, import.meta.url)), checksum: SPLITSCOPE_LAYOUT_CHECKSUM }
        : undefined,
  };
}

/** A file of the bundle whose sha256 must be the one the exporter wrote (else it was changed or damaged). */
function readChecked(path: string, checksum: string, what: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
  expectChecksum(createHash('sha256').update(bytes), path, checksum, what);
  return bytes;
}

/** Refuses a bundle file whose sha256 (`hash`, fed with all of its bytes) is not the one the exporter wrote. */
function expectChecksum(hash: Hash, path: string, checksum: string, what: string): void {
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== checksum) {
    throw new Error(`the ${what} ${path} has checksum ${actual}, but this bundle was exported with ${checksum}: the file was changed or damaged`);
  }
}

/**
 * Bytes hashed at a time when a file is checked without being kept. Small: the buffer is fresh
 * memory, whose first touch costs more than the extra reads (keiba's 1.9 MB model file: 7 ms to
 * check with 1 MiB, 3 ms with 128 KiB).
 */
const CHECK_CHUNK_BYTES = 128 * 1024;

/**
 * Checks a bundle file's sha256 as `readChecked` does, reading it through one small buffer, and
 * keeps only its first bytes: as many as `headLength` asks for once it has seen the first chunk.
 * Holding a big file costs its size in fresh memory, which is most of what reading it costs.
 */
function checkKeepingHead(path: string, checksum: string, what: string, headLength: (start: Uint8Array, fileBytes: number) => number): { head: Uint8Array; fileBytes: number } {
  const hash = createHash('sha256');
  let head: Uint8Array | undefined;
  let offset = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      const fileBytes = fstatSync(fd).size;
      const chunk = Buffer.allocUnsafe(Math.min(CHECK_CHUNK_BYTES, Math.max(fileBytes, 1)));
      for (;;) {
        // A full chunk, or what is left of the file (a short read is not its end).
        let filled = 0;
        for (let read = -1; read !== 0 && filled < chunk.length; filled += read) read = readSync(fd, chunk, filled, chunk.length - filled, offset + filled);
        if (filled === 0) break;
        const bytes = chunk.subarray(0, filled);
        hash.update(bytes);
        head ??= new Uint8Array(headLength(bytes, fileBytes));
        if (offset < head.length) head.set(bytes.subarray(0, head.length - offset), offset);
        offset += filled;
      }
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new Error(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
  expectChecksum(hash, path, checksum, what);
  return { head: head ?? new Uint8Array(0), fileBytes: offset };
}

/**
 * Reads the packed model file and the evaluator's layout of it, each checked against the sha256 the
 * exporter wrote, so a damaged or swapped file refuses to serve instead of answering with another
 * model's predictions. The service scores through the layout: of the model file it keeps the header
 * and reads the forest's columns again (checked again) only if something asks for them.
 */
export function readEmbeddedModel(info: EmbeddedInfo): EmbeddedModel {
  // The bytes are the ones the exporter wrote from a validated model (same sha256): no second walk.
  const readModel = () => readChecked(info.path, info.checksum, 'model file');
  if (!info.layout) return { packed: decodePackedModel(readModel(), { checksumVerified: true }) };
  const layout = decodeFlatModel(readChecked(info.layout.path, info.layout.checksum, 'model layout file'));
  const { head, fileBytes } = checkKeepingHead(info.path, info.checksum, 'model file', packedHeadLength);
  return { packed: decodePackedModelLazily(head, fileBytes, readModel), layout };
}

/**
 * Reads an override model: the plain IR JSON that `splitscope inspect --json` writes. Throws with a
 * readable message.
 */
export function readModelText(text: string): PackedModel {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as TreeModel).trees)) return packModel(decodeExactJson<TreeModel>(text));
  throw new Error('not a Splitscope model: expected the JSON of `splitscope inspect --json`');
}
