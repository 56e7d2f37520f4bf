import { decodeExactJson } from '../app/export/exactJson';
import { isPackedModel, unpackModel } from '../app/export/pack';
import type { TreeModel } from '../app/model/types';

/*
 * The exporter writes these constants at the top of every bundle file, before this code:
 *   const SPLITSCOPE_MODEL_JSON = "<packModel text>";  const SPLITSCOPE_MODEL_CHECKSUM = "sha256:…";
 *   const SPLITSCOPE_VERSION = "0.1.0";
 */
declare const SPLITSCOPE_MODEL_JSON: string | undefined;
declare const SPLITSCOPE_MODEL_CHECKSUM: string | undefined;
declare const SPLITSCOPE_VERSION: string | undefined;

export interface EmbeddedModel {
  text: string;
  checksum: string;
  version: string;
}

/** The model text the exporter embedded, or undefined when this code runs unexported (tests). */
export function embeddedModel(): EmbeddedModel | undefined {
  if (typeof SPLITSCOPE_MODEL_JSON !== 'string') return undefined;
  return {
    text: SPLITSCOPE_MODEL_JSON,
    checksum: typeof SPLITSCOPE_MODEL_CHECKSUM === 'string' ? SPLITSCOPE_MODEL_CHECKSUM : '',
    version: typeof SPLITSCOPE_VERSION === 'string' ? SPLITSCOPE_VERSION : 'unknown',
  };
}

/**
 * Reads model text: the packed form the exporter embeds, or the plain IR JSON that
 * `splitscope inspect --json` writes (for an override model). Throws with a readable message.
 */
export function readModelText(text: string): TreeModel {
  const parsed: unknown = JSON.parse(text);
  if (isPackedModel(parsed)) return unpackModel(parsed);
  if (typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as TreeModel).trees)) return decodeExactJson<TreeModel>(text);
  throw new Error('not a Splitscope model: expected the JSON of `splitscope inspect --json` or a packed model from an export');
}
