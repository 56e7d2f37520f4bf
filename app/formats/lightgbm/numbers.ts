/**
 * Splitting and reading the space-separated arrays of a LightGBM `model.txt` value straight from the
 * file text (start/end offsets), without `split` and without a string per number where it can be helped.
 *
 * Doubles are read exactly: plain decimals of up to 18 significant digits (LightGBM's `%.17g`
 * thresholds and leaf values among them) by `joinedDecimal`, everything else (exponents, longer
 * numbers, the rare undecided case) by `Number()`, which rounds correctly.
 */
import { exactWithExponent, joinedDecimal, POWERS_OF_TEN } from '../../util/decimal';


const SPACE = 32;
const TAB = 9;
const CARRIAGE_RETURN = 13;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;
const ZERO = 48;
const NINE = 57;

/** A value that is not a number; `index` is the position of the bad item in its array, `start` its offset. */
export class BadNumberError extends Error {
  constructor(
    readonly index: number,
    readonly start: number,
    readonly text: string,
    readonly expected: 'number' | 'integer',
  ) {
    super(`'${text}' is not ${expected === 'integer' ? 'an integer' : 'a number'}`);
  }
}

function isSeparator(code: number): boolean {
  return code === SPACE || code === TAB || code === CARRIAGE_RETURN;
}

/**
 * Non-finite spellings: C++ streams and printf write `inf`, `-inf`, `nan` (LightGBM ≤ 3 wrote
 * infinite thresholds), Java/JavaScript write `Infinity`/`NaN`. `Number('inf')` is NaN, so map them here.
 */
function nonFinite(text: string): number | undefined {
  const lower = text.toLowerCase();
  const unsigned = lower.charCodeAt(0) === MINUS || lower.charCodeAt(0) === PLUS ? lower.slice(1) : lower;
  const sign = lower.charCodeAt(0) === MINUS ? -1 : 1;
  if (unsigned === 'inf' || unsigned === 'infinity') return sign * Infinity;
  if (unsigned === 'nan') return NaN;
  return undefined;
}

function isDecimalText(token: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token);
}

/**
 * Exponents, 17-digit numbers, and anything odd: the correctly rounding parser decides. `isPlain`:
 * the token is only a sign, digits and one dot (so Number() cannot be reading something else).
 */
function readDoubleSlowly(text: string, start: number, end: number, isPlain: boolean): number {
  const token = text.slice(start, end);
  const value = Number(token);
  if (Number.isNaN(value) || value === Infinity || value === -Infinity) {
    // `inf`/`nan` are NaN for Number(); `Infinity`/`NaN` are accepted as written.
    const special = nonFinite(token);
    if (special !== undefined) return special;
    throw new BadNumberError(-1, start, token, 'number');
  }
  // Number() also accepts hex, binary and octal literals and ignores blanks; a model file holds none of them.
  if (!isPlain && !isDecimalText(token)) throw new BadNumberError(-1, start, token, 'number');
  return value;
}

/** The last number `readDoubles` left to `Number()`, and its value. */
const lastSlow = { text: '', value: NaN };

/** The text of the item starting at `start` (up to the next blank), for messages. */
function itemText(text: string, start: number, end: number): string {
  let position = start;
  while (position < end && !isSeparator(text.charCodeAt(position))) position++;
  return text.slice(start, position);
}

/** Above this, `new Array(n)` makes a slow dictionary-mode array: bigger lists grow as they are read. */
const MAX_PRESIZED = 65_536;

/**
 * An empty list with room for the `expected` items of `text[start, end)`: never more than the text
 * can hold (an item and a blank take two characters), so a number in a file cannot size memory.
 */
function presized(expected: number, start: number, end: number): number[] {
  const size = Math.min(expected, (end - start + 1) >> 1, MAX_PRESIZED);
  return size > 0 ? new Array(size) : [];
}

/**
 * The doubles of `text[start, end)`, separated by any run of spaces or tabs. One pass: each token's
 * digits are gathered as `joinedDecimal` takes them while its end is found, and only tokens off
 * that path are sliced.
 */
export function readDoubles(text: string, start: number, end: number, expected = 0): number[] {
  // A plain array: V8 allocates many small typed arrays far more slowly. Sized for the items the
  // caller expects (a tree's node count), it takes them without growing; more still fit.
  const values = presized(expected, start, end);
  let count = 0;
  let position = start;
  while (position < end) {
    let code = text.charCodeAt(position);
    if (code === SPACE || code === TAB || code === CARRIAGE_RETURN) {
      position++;
      continue;
    }
    const tokenStart = position;
    const negative = code === MINUS;
    if (negative || code === PLUS) position++;
    // `high` takes digits until it holds nine (leading zeros leave it at 0: they are not significant), `low` the rest.
    let high = 0;
    let low = 0;
    let lowDigits = 0;
    let dot = -1;
    let ended = true;
    const digitsStart = position;
    for (; position < end; position++) {
      code = text.charCodeAt(position);
      const digit = code - ZERO;
      if (digit >= 0 && digit <= 9) {
        if (high < 100_000_000) {
          high = high * 10 + digit;
        } else {
          low = low * 10 + digit;
          lowDigits++;
        }
      } else if (code === DOT && dot < 0) {
        dot = position;
      } else {
        ended = code === SPACE || code === TAB || code === CARRIAGE_RETURN;
        break;
      }
    }
    const fractionDigits = dot < 0 ? 0 : position - dot - 1;
    const digits = position - digitsStart - (dot < 0 ? 0 : 1);
    if (ended && digits > 0) {
      const value = joinedDecimal(high, low, lowDigits, fractionDigits);
      if (value === value) {
        values[count++] = negative ? -value : value;
        continue;
      }
    } else if ((code === LOWER_E || code === UPPER_E) && digits > 0 && lowDigits <= 6) {
      // `%g` writes large weights and counts as `1.63842e+06`.
      const exponentStart = position + 1;
      while (position < end && !isSeparator(text.charCodeAt(position))) position++;
      const value = exactWithExponent(text, exponentStart, position, lowDigits === 0 ? high : high * POWERS_OF_TEN[lowDigits] + low, fractionDigits);
      if (value === value) {
        values[count++] = negative ? -value : value;
        continue;
      }
    }
    // More than 18 significant digits, other exponents, `inf`: the correctly rounding parser decides.
    const isPlain = ended;
    while (position < end && !isSeparator(text.charCodeAt(position))) position++;
    let value: number;
    if (position - tokenStart === lastSlow.text.length && text.startsWith(lastSlow.text, tokenStart)) {
      // LightGBM writes some such numbers over and over (1.0000000180025095e-35, its zero threshold).
      value = lastSlow.value;
    } else {
      try {
        value = readDoubleSlowly(text, tokenStart, position, isPlain);
      } catch (error) {
        if (error instanceof BadNumberError) throw new BadNumberError(count, error.start, error.text, error.expected);
        throw error;
      }
      lastSlow.text = text.slice(tokenStart, position);
      lastSlow.value = value;
    }
    values[count++] = value;
  }
  if (count < values.length) values.length = count;
  return values;
}

/**
 * The integers of `text[start, end)`, separated by any run of spaces or tabs (uint32 words fit exactly).
 * A tight loop of its own: `cat_threshold` lines of sparse categorical models hold millions of words.
 */
export function readIntegers(text: string, start: number, end: number, expected = 0): number[] {
  const values = presized(expected, start, end);
  let count = 0;
  let position = start;
  while (position < end) {
    let code = text.charCodeAt(position);
    if (code === SPACE || code === TAB || code === CARRIAGE_RETURN) {
      position++;
      continue;
    }
    const tokenStart = position;
    const negative = code === MINUS;
    if (negative || code === PLUS) position++;
    let value = 0;
    const digitsStart = position;
    for (; position < end; position++) {
      code = text.charCodeAt(position);
      if (code < ZERO || code > NINE) break;
      value = value * 10 + (code - ZERO);
    }
    if (position === digitsStart || (position < end && !isSeparator(code))) {
      throw new BadNumberError(count, tokenStart, itemText(text, tokenStart, end), 'integer');
    }
    values[count++] = negative ? -value : value;
  }
  if (count < values.length) values.length = count;
  return values;
}

/** One double from `text[start, end)` after trimming blanks. */
export function readOneDouble(text: string, start: number, end: number): number {
  const values = readDoubles(text, start, end);
  if (values.length !== 1) throw new BadNumberError(-1, start, text.slice(start, end).trim(), 'number');
  return values[0];
}

/** One integer from `text[start, end)` after trimming blanks. */
export function readOneInteger(text: string, start: number, end: number): number {
  const values = readIntegers(text, start, end);
  if (values.length !== 1) throw new BadNumberError(-1, start, text.slice(start, end).trim(), 'integer');
  return values[0];
}

/** Parses one number written by LightGBM or a user (`inf`, `nan`, `Infinity` included); NaN for junk. */
export function parseLightgbmNumber(token: string): number {
  const trimmed = token.trim();
  if (trimmed === '') return NaN;
  try {
    const values = readDoubles(trimmed, 0, trimmed.length);
    return values.length === 1 ? values[0] : NaN;
  } catch {
    return NaN;
  }
}

/** Offset of the `index`-th blank-separated item of `text[start, end)` (for error columns), or `start`. */
export function offsetOfItem(text: string, start: number, end: number, index: number): number {
  let position = start;
  let current = -1;
  while (position < end) {
    while (position < end && isSeparator(text.charCodeAt(position))) position++;
    if (position >= end) break;
    current++;
    if (current === index) return position;
    while (position < end && !isSeparator(text.charCodeAt(position))) position++;
  }
  return position;
}

/** The words of a `cat_threshold` line, stored sparsely: most words of wide categorical splits are 0. */
export interface BitsetWords {
  /** Number of words on the line. */
  count: number;
  /** Positions of the non-zero words, ascending. */
  indices: number[];
  /** The non-zero words, parallel to `indices`. */
  words: number[];
}

// Runs of `0 ` (LightGBM's own spacing) are skipped by the regular-expression engine, which scans
// in native code (measured: `startsWith` on 1,024-character chunks was 4× slower); anything else goes
// through `readIntegers` one word at a time.
const ZERO_RUN = /(?:0 )+/y;

/**
 * Reads a `cat_threshold` value. A sparse 5,057-feature model in the corpus has 1.8 million words on
 * this line, nearly all `0`; skipping them natively makes that line about as cheap as the rest of the file.
 */
export function readBitsetWords(text: string, start: number, end: number): BitsetWords {
  const indices: number[] = [];
  const words: number[] = [];
  let count = 0;
  let position = start;
  while (position < end) {
    const code = text.charCodeAt(position);
    if (code === SPACE || code === TAB || code === CARRIAGE_RETURN) {
      position++;
      continue;
    }
    if (code === ZERO) {
      ZERO_RUN.lastIndex = position;
      if (ZERO_RUN.test(text) && ZERO_RUN.lastIndex <= end) {
        count += (ZERO_RUN.lastIndex - position) / 2;
        position = ZERO_RUN.lastIndex;
        continue;
      }
    }
    let itemEnd = position;
    while (itemEnd < end && !isSeparator(text.charCodeAt(itemEnd))) itemEnd++;
    // The word, as `readIntegers` reads an item (a sign, then only digits), without a list per word.
    const negative = code === MINUS;
    let index = negative || code === PLUS ? position + 1 : position;
    const digitsStart = index;
    let value = 0;
    for (; index < itemEnd; index++) {
      const digit = text.charCodeAt(index) - ZERO;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (index === digitsStart || index < itemEnd) throw new BadNumberError(count, position, text.slice(position, itemEnd), 'integer');
    if (negative) value = -value;
    if (value !== 0) {
      indices.push(count);
      words.push(value);
    }
    count++;
    position = itemEnd;
  }
  return { count, indices, words };
}
