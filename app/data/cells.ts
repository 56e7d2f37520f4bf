import type { Feature } from '../model/types';
import { exactWithExponent, POWERS_OF_TEN, readLongDecimal, readLongDecimalBytes, timesPowerOfTen } from '../util/decimal';

/** A plain decimal number: optional sign, digits with an optional point, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Cell texts (compared trimmed and lower-cased) that mean "missing": what pandas, R, numpy and
 * hand-written files put where a value is absent. An empty cell is the common case.
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'nan', '-nan', 'na', 'n/a', 'null', 'none']);

/** Infinity spellings of numpy (`inf`), Java and JavaScript (`Infinity`). `Number('inf')` is NaN in JS. */
const INFINITIES: ReadonlyMap<string, number> = new Map([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);


/**
 * Clinger's fast path: a decimal with at most 15 significant digits and at most 22 after the point
 * is mantissa / 10^k with both operands exact doubles, so the one IEEE division is correctly
 * rounded, the same double `Number()` gives. Covers nearly every cell of real files at a fraction
 * of `Number()`'s cost. NaN means "not that shape": the caller takes the general path.
 */
function parseShortDecimal(text: string): number {
  return parseShortDecimalIn(text, 0, text.length);
}

/**
 * `parseShortDecimal` of `text.slice(start, end)` without making that string: a fast CSV reader
 * parses most cells straight from the line.
 */
export function parseShortDecimalIn(text: string, start: number, end: number): number {
  if (end - start > 24) return NaN;
  const value = scanShortDecimal(text, start, end);
  return scannedEnd === end ? value : NaN;
}

/**
 * Papaparse's blank line, for a line already known to be one cell (no delimiter): `text` from
 * `start` to `end` is empty or whitespace only. Both CSV readers that read lines in place use it.
 */
export function isBlankText(text: string, start: number, end: number): boolean {
  if (start === end) return true;
  const first = text.charCodeAt(start);
  // A visible first character (JavaScript's whitespace is 9–13, 32, U+00A0, U+1680 and up): not blank.
  if (first > 32 && first !== 0xa0 && first < 0x1680) return false;
  return text.slice(start, end).trim() === '';
}

/** Where the last `scanShortDecimal` that found a number stopped: `end`, or the stop character. */
export let scannedEnd = 0;

/**
 * The short decimal starting at `start`, read up to `end` or to the first `stopCode` character
 * (a CSV reader finds a cell's end in the same pass; `scannedEnd` tells where); NaN when the text
 * is not that shape (then `scannedEnd` is unchanged), for the general path. Plain decimals of 16
 * to 18 significant digits without an exponent (pandas writes doubles as Python's repr) are read
 * exactly too (`decimalQuotient`).
 */
export function scanShortDecimal(text: string, start: number, end: number, stopCode = -1): number {
  let index = start;
  let sign = 1;
  const first = index < end ? text.charCodeAt(index) : -1;
  if (first === 45 /* - */ || first === 43 /* + */) {
    if (first === 45) sign = -1;
    index++;
  }
  // The loop only gathers digits and finds the point: the counts come from positions after it
  // (a counter per digit made the loop 1.15-1.3x slower on a 100k-row CSV).
  const digitsStart = index;
  let mantissa = 0;
  let dot = -1;
  let code = -1;
  for (; index < end; index++) {
    code = text.charCodeAt(index);
    const digit = code - 48;
    if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
    else if (code === 46 /* . */ && dot < 0) dot = index;
    else break;
  }
  const digits = index - digitsStart - (dot < 0 ? 0 : 1);
  const fraction = dot < 0 ? 0 : index - dot - 1;
  if (index < end && code !== stopCode) {
    if ((code === 101 || code === 69) /* e E */ && digits > 0 && digits <= 15) {
      let stop = index + 1;
      while (stop < end && text.charCodeAt(stop) !== stopCode) stop++;
      // At most 15 digits: the mantissa is exact.
      const value = exactWithExponent(text, index + 1, stop, sign * mantissa, fraction);
      if (value === value) scannedEnd = stop;
      return value;
    }
    return NaN;
  }
  if (digits === 0 || fraction > 22) return NaN;
  if (digits > 15) {
    // 16 to 18 significant digits (what pandas and Python's repr write for many doubles), or fewer
    // after leading zeros; NaN beyond 18.
    const value = readLongDecimal(text, digitsStart, index, fraction);
    if (value === value) scannedEnd = index;
    return sign * value;
  }
  scannedEnd = index;
  return (sign * mantissa) / POWERS_OF_TEN[fraction];
}

/**
 * Reads one numeric cell as a double: NaN for a missing value, `undefined` when the text is not a
 * number. Only decimal notation is accepted (`Number()` alone would also take `0x1F`, `0b1` and
 * whitespace-only text). The double is the correctly rounded value of the decimal text; rounding
 * to float32 (XGBoost, scikit-learn) is the evaluator's job, from that double.
 */
export function parseNumberCell(text: string): number | undefined {
  const fast = parseShortDecimal(text);
  if (fast === fast) return fast;
  const value = Number(text);
  if (value === value && text.length > 0 && DECIMAL.test(text)) return value;
  const trimmed = text.trim();
  if (trimmed !== text && trimmed.length > 0 && DECIMAL.test(trimmed)) return Number(trimmed);
  const lower = trimmed.toLowerCase();
  if (MISSING_TOKENS.has(lower)) return NaN;
  return INFINITIES.get(lower);
}

/**
 * Whether a numeric cell's text lies beyond what a double holds: `overflow` when a finite decimal
 * such as `1e400` read as ±Infinity, `underflow` when a non-zero decimal such as `1e-400` read as 0.
 * Such a cell is scored as read, but the user is told (row and column), since the file meant
 * something else. Cheap: only ±Infinity and 0 are looked at.
 */
export function numberRangeIssue(text: string, value: number): 'overflow' | 'underflow' | undefined {
  if (value === Infinity || value === -Infinity) {
    return INFINITIES.has(text.trim().toLowerCase()) ? undefined : 'overflow';
  }
  if (value === 0) {
    const mantissa = text.trim().split(/[eE]/)[0];
    return /[1-9]/.test(mantissa) ? 'underflow' : undefined;
  }
  return undefined;
}

/** Options for reading cells. */
export interface CellOptions {
  /**
   * For features with category labels (LightGBM `pandas_categorical`): read cells as the numeric
   * category codes instead of the labels.
   */
  categoryCodes?: boolean;
}

/**
 * The outcome of reading a cell. `value` is the double to score (NaN = missing); `problem` says why
 * the cell could not be read (not a number) and `unknownLabel` flags a category label the model
 * does not know (read as missing, like pandas does).
 */
export interface CellResult {
  value: number;
  problem?: string;
  unknownLabel?: boolean;
}

/** Turns cell text into the double the evaluator expects for one feature. */
export type CellReader = (text: string) => CellResult;

const MISSING_RESULT: CellResult = Object.freeze({ value: NaN });

function notANumber(text: string, feature: Feature): CellResult {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const kind = feature.kind === 'categorical' ? 'a category code' : 'a number';
  return { value: NaN, problem: `${JSON.stringify(shown)} is not ${kind}` };
}

/**
 * Builds the cell reader of one feature. Numeric features and categorical features without labels
 * take numbers. Features with `categoryLabels` take the label text and map it to its code, as
 * LightGBM's Python package does with pandas categories; a number is matched against numeric
 * labels (`1.0` finds the label `1`); an unknown label becomes missing and is flagged.
 */
export function createCellReader(feature: Feature, options: CellOptions = {}): CellReader {
  const labels = feature.categoryLabels;
  if (!labels || labels.length === 0 || options.categoryCodes) {
    return (text) => {
      const value = parseNumberCell(text);
      return value === undefined ? notANumber(text, feature) : { value };
    };
  }
  const codeOfLabel = new Map<string, number>();
  const codeOfNumber = new Map<number, number>();
  labels.forEach((label, code) => {
    if (!codeOfLabel.has(label)) codeOfLabel.set(label, code);
    const trimmed = label.trim();
    if (!codeOfLabel.has(trimmed)) codeOfLabel.set(trimmed, code);
    if (DECIMAL.test(trimmed) && !codeOfNumber.has(Number(trimmed))) codeOfNumber.set(Number(trimmed), code);
  });
  return (text) => {
    // Labels first: a category may well be called `None` or `NA`.
    const code = codeOfLabel.get(text) ?? codeOfLabel.get(text.trim());
    if (code !== undefined) return { value: code };
    if (text.trim() === '') return MISSING_RESULT;
    const number = parseNumberCell(text);
    if (number !== undefined && number === number) {
      const numericCode = codeOfNumber.get(number);
      if (numericCode !== undefined) return { value: numericCode };
    } else if (number !== undefined) {
      return MISSING_RESULT;
    }
    return { value: NaN, unknownLabel: true };
  };
}

/** Where the last `scanShortDecimalBytes` that found a number stopped: `end`, or the stop byte. */
export let scannedBytesEnd = 0;

/**
 * `scanShortDecimal` of UTF-8 bytes: the same number, or NaN, and the same end, for the same cell
 * (a test holds the two to each other). A reader of a file's bytes parses most cells with no text made.
 */
export function scanShortDecimalBytes(bytes: Uint8Array, start: number, end: number, stopCode = -1): number {
  let index = start;
  let sign = 1;
  const first = index < end ? bytes[index] : -1;
  if (first === 45 /* - */ || first === 43 /* + */) {
    if (first === 45) sign = -1;
    index++;
  }
  const digitsStart = index;
  let mantissa = 0;
  let dot = -1;
  let code = -1;
  for (; index < end; index++) {
    code = bytes[index];
    const digit = code - 48;
    if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
    else if (code === 46 /* . */ && dot < 0) dot = index;
    else break;
  }
  const digits = index - digitsStart - (dot < 0 ? 0 : 1);
  const fraction = dot < 0 ? 0 : index - dot - 1;
  if (index < end && code !== stopCode) {
    if ((code === 101 || code === 69) /* e E */ && digits > 0 && digits <= 15) {
      let stop = index + 1;
      while (stop < end && bytes[stop] !== stopCode) stop++;
      const value = withExponentBytes(bytes, index + 1, stop, sign * mantissa, fraction);
      if (value === value) scannedBytesEnd = stop;
      return value;
    }
    return NaN;
  }
  if (digits === 0 || fraction > 22) return NaN;
  if (digits > 15) {
    const value = readLongDecimalBytes(bytes, digitsStart, index, fraction);
    if (value === value) scannedBytesEnd = index;
    return sign * value;
  }
  scannedBytesEnd = index;
  return (sign * mantissa) / POWERS_OF_TEN[fraction];
}

/** `exactWithExponent` (app/util/decimal.ts) of UTF-8 bytes. */
function withExponentBytes(bytes: Uint8Array, index: number, end: number, mantissa: number, fraction: number): number {
  if (index >= end) return NaN;
  let exponentSign = 1;
  const first = bytes[index];
  if (first === 45 || first === 43) {
    if (first === 45) exponentSign = -1;
    index++;
  }
  if (index >= end || end - index > 3) return NaN;
  let exponent = 0;
  for (; index < end; index++) {
    const code = bytes[index];
    if (code < 48 || code > 57) return NaN;
    exponent = exponent * 10 + (code - 48);
  }
  return timesPowerOfTen(mantissa, exponentSign * exponent - fraction);
}
