import { decodeBridgeJson } from '../bridgeJson';

/**
 * JSON that keeps every double exactly, for the golden file and the override model: NaN, ±Infinity
 * and −0 (which `JSON.stringify` writes as `0`) become `{"$num":"…"}`, the convention of
 * app/bridgeJson.ts, so `decodeExactJson` (= `decodeBridgeJson`) restores them bit for bit.
 */
export function encodeExactJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_key, item) => {
      if (typeof item !== 'number') return item;
      if (!Number.isFinite(item)) return { $num: String(item) };
      return Object.is(item, -0) ? { $num: '-0' } : item;
    },
    indent,
  );
}

/** Reverses `encodeExactJson`. */
export function decodeExactJson<T>(json: string): T {
  return decodeBridgeJson<T>(json);
}

/**
 * One number as a JSON value in a service response: finite numbers as JSON numbers (−0 as `-0`,
 * which JSON allows and `JSON.parse` reads back as −0), non-finite ones as the strings `"NaN"`,
 * `"Infinity"` and `"-Infinity"` (JSON has no such numbers).
 */
export function responseNumber(value: number): string {
  if (value === value && value !== Infinity && value !== -Infinity) return Object.is(value, -0) ? '-0' : String(value);
  return `"${String(value)}"`;
}

/** Reads a number written by `responseNumber` back (after `JSON.parse`); undefined for anything else. */
export function readResponseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return undefined;
}
