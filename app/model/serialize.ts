import { decodeBridgeJson, encodeBridgeJson } from '../bridgeJson';
import type { TreeModel } from './types';

/**
 * JSON for the IR. JSON has no Infinity or NaN, and LightGBM writes `inf` thresholds, so non-finite
 * numbers become `{"$num":"Infinity"}` and come back as numbers in `deserializeModel`.
 */
export function serializeModel(model: TreeModel, indent?: number): string {
  return encodeBridgeJson(model, indent);
}

/** Reverses `serializeModel`. */
export function deserializeModel(json: string): TreeModel {
  return decodeBridgeJson<TreeModel>(json);
}
