import type { TreeModel } from './types';

const NON_FINITE_KEY = '$num';

/**
 * JSON for the IR. JSON has no Infinity or NaN, and LightGBM writes `inf` thresholds, so non-finite
 * numbers become `{"$num":"Infinity"}` and come back as numbers in `deserializeModel`.
 */
export function serializeModel(model: TreeModel, indent?: number): string {
  return JSON.stringify(
    model,
    (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE_KEY]: String(value) } : value),
    indent,
  );
}

/** Reverses `serializeModel`. */
export function deserializeModel(json: string): TreeModel {
  return JSON.parse(json, (_key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === NON_FINITE_KEY) return Number(value[NON_FINITE_KEY]);
    }
    return value;
  }) as TreeModel;
}
