import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeExactJson } from '../app/export/exactJson';
import { packModel } from '../app/model/forestBuilder';
import type { PackedModel } from '../app/model/packed';
import { decodePackedModel } from '../app/model/packedCodec';
import type { FlatModel } from '../app/eval/flat';
import { decodeFlatModel } from '../app/eval/flatCodec';
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
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual !== checksum) {
    throw new Error(`the ${what} ${path} has checksum ${actual}, but this bundle was exported with ${checksum}: the file was changed or damaged`);
  }
  return bytes;
}

/**
 * Reads the packed model file and the evaluator's layout of it, each checked against the sha256 the
 * exporter wrote, so a damaged or swapped file refuses to serve instead of answering with another
 * model's predictions.
 */
export function readEmbeddedModel(info: EmbeddedInfo): EmbeddedModel {
  // The bytes are the ones the exporter wrote from a validated model (same sha256): no second walk.
  const packed = decodePackedModel(readChecked(info.path, info.checksum, 'model file'), { checksumVerified: true });
  const layout = info.layout ? decodeFlatModel(readChecked(info.layout.path, info.layout.checksum, 'model layout file')) : undefined;
  return { packed, layout };
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
