const NON_FINITE_KEY = '$num';

/**
 * JSON for bridge results over HTTP (browser mode). JSON has no Infinity or NaN, which models and
 * predictions contain, so they travel as `{"$num":"Infinity"}` and come back as numbers; so does −0
 * (XGBoost's base score of a logit 0.5), which plain JSON would turn into 0.
 */
export function encodeBridgeJson(value: unknown, indent?: number, replace?: (item: unknown) => unknown): string {
  return JSON.stringify(
    value,
    (_key, item) => {
      const replaced = replace?.(item);
      if (replaced !== undefined) return replaced;
      return typeof item === 'number' && (!Number.isFinite(item) || Object.is(item, -0)) ? { [NON_FINITE_KEY]: Object.is(item, -0) ? '-0' : String(item) } : item;
    },
    indent,
  );
}

/** Reverses `encodeBridgeJson`; `revive` turns an object of the caller's own (undefined: not one) back into its value. */
export function decodeBridgeJson<T>(json: string, revive?: (item: Record<string, unknown>) => unknown): T {
  // A reviver costs 5–6× the plain parse on big models; most texts hold no non-finite number at all.
  if (!revive && !json.includes(`"${NON_FINITE_KEY}"`)) return JSON.parse(json) as T;
  return JSON.parse(json, (_key, item) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const revived = revive?.(item);
      if (revived !== undefined) return revived;
      const keys = Object.keys(item);
      if (keys.length === 1 && keys[0] === NON_FINITE_KEY) return Number(item[NON_FINITE_KEY]);
    }
    return item;
  }) as T;
}
