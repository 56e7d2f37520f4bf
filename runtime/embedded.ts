import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeExactJson } from '../app/export/exactJson';
import { packModel } from '../app/model/forestBuilder';
import type { PackedModel } from '../app/model/packed';
import { decodePackedModel } from '../app/model/packedCodec';
import type { TreeModel } from '../app/model/types';

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

export interface EmbeddedInfo {
  /** Absolute path of the packed model file. */
  path: string;
  checksum: string;
  version: string;
}

/** Where the exporter put the model, or undefined when this code runs unexported (tests). */
export function embeddedInfo(): EmbeddedInfo | undefined {
  if (typeof SPLITSCOPE_MODEL_FILE !== 'string') return undefined;
  return {
    path: fileURLToPath(new URL(SPLITSCOPE_MODEL_FILE, import.meta.url)),
    checksum: typeof SPLITSCOPE_MODEL_CHECKSUM === 'string' ? SPLITSCOPE_MODEL_CHECKSUM : '',
    version: typeof SPLITSCOPE_VERSION === 'string' ? SPLITSCOPE_VERSION : 'unknown',
  };
}

/**
 * Reads the packed model file and checks its sha256 against the one the exporter wrote, so a
 * damaged or swapped file refuses to serve instead of answering with another model's predictions.
 */
export function readEmbeddedModel(info: EmbeddedInfo): PackedModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(info.path);
  } catch (error) {
    throw new Error(`cannot read the model file ${info.path}: ${(error as Error).message}`);
  }
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual !== info.checksum) {
    throw new Error(`the model file ${info.path} has checksum ${actual}, but this bundle was exported with ${info.checksum}: the file was changed or damaged`);
  }
  // The bytes are the ones the exporter wrote from a validated model (same sha256): no second walk.
  return decodePackedModel(bytes, { checksumVerified: true });
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
