/**
 * The double nearest a decimal of 16 to 18 significant digits, without making its string and
 * calling `Number()`. Model writers print doubles with 17 significant digits (LightGBM's `%.17g`,
 * Java's `Double.toString` up to 17): `0.52350000000000008` has a mantissa above 2^53, so Clinger's
 * fast path (one exact division) no longer applies.
 *
 * The value is `(high · 10^lowDigits + low) / 10^fraction`. `high · 10^lowDigits` and `10^fraction` are exact
 * doubles, their sum is kept exactly as a rounded sum and its error (TwoSum), the quotient `q` is
 * rounded once, and the rest `M − q · 10^fraction` is computed exactly but for a few rounding errors
 * far below the last place (Dekker's TwoProduct, no fused multiply-add needed). That rest says on
 * which side of the midpoints next to `q` the decimal lies, so the answer is `q` or one of its
 * neighbours. When the rest lies so close to a midpoint that those rounding errors could decide it
 * (about once in 10^9 numbers), or the answer would be tiny, huge or a power of two, the result is
 * NaN and the caller asks `Number()`, which always rounds correctly.
 */

/** Exact powers of ten: every 10^k up to 10^22 is a double. */
export const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** Veltkamp's splitter for doubles: 2^27 + 1. */
const SPLITTER = 134217729;
/** How far from a midpoint the computed rest must be, as a share of the half gap: far above its rounding errors (about 2^-50 of it). */
const SLACK = 2 ** -30;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// The high word of a double is the second 32-bit word on little-endian machines, the first on big-endian ones.
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/**
 * The correctly rounded double of `(high · 10^lowDigits + low) / 10^fraction`, or NaN where it
 * cannot tell (then use `Number()`): a decimal's first nine significant digits and the rest. `high`
 * and `low` are integers, `0 ≤ high < 10^9`, `0 ≤ low < 10^lowDigits`, `0 ≤ lowDigits ≤ 9` (so the
 * decimal has at most 18 significant digits), `0 ≤ fraction ≤ 22`.
 */
export function decimalQuotient(high: number, low: number, lowDigits: number, fraction: number): number {
  // high < 10^9 and lowDigits ≤ 9: high · 5^lowDigits < 2^53, so high · 10^lowDigits is exact.
  const scaled = high * POWERS_OF_TEN[lowDigits];
  const sum = scaled + low;
  // TwoSum: sum + sumError = high · 10^9 + low exactly.
  const virtualLow = sum - scaled;
  const sumError = scaled - (sum - virtualLow) + (low - virtualLow);
  const power = POWERS_OF_TEN[fraction];
  const quotient = sum / power;
  // TwoProduct: product + productError = quotient · power exactly.
  const product = quotient * power;
  const quotientSplit = SPLITTER * quotient;
  const quotientHigh = quotientSplit - (quotientSplit - quotient);
  const quotientLow = quotient - quotientHigh;
  const powerSplit = SPLITTER * power;
  const powerHigh = powerSplit - (powerSplit - power);
  const powerLow = power - powerHigh;
  const productError = quotientHigh * powerHigh - product + quotientHigh * powerLow + quotientLow * powerHigh + quotientLow * powerLow;
  // sum − product is exact (the two are within a few units of each other: Sterbenz).
  const rest = sum - product - productError + sumError;

  scratch[0] = quotient;
  const highWord = words[HIGH];
  const exponent = (highWord >>> 20) & 0x7ff;
  // Leave subnormal-adjacent, infinite and NaN results to Number().
  if (exponent <= 53 || exponent >= 0x7fe) return NaN;
  const isPowerOfTwo = (highWord & 0xfffff) === 0 && words[LOW] === 0;
  // The gap to the next double up, 2^(exponent − 1075), as a double.
  words[HIGH] = (exponent - 52) << 20;
  words[LOW] = 0;
  const gap = scratch[0];
  // Half the gap, scaled as `rest` is (rest / power is the distance from quotient): exact, a power of two times power.
  const half = (gap / 2) * power;
  const slack = half * SLACK;
  const distance = Math.abs(rest);
  if (rest >= 0) {
    if (distance < half - slack) return quotient;
    if (distance > half + slack && distance < 3 * half - slack) return quotient + gap;
    return NaN;
  }
  // Below a power of two the doubles are twice as close: leave that case to Number().
  if (isPowerOfTwo) return NaN;
  if (distance < half - slack) return quotient;
  if (distance > half + slack && distance < 3 * half - slack) return quotient - gap;
  return NaN;
}

/**
 * The magnitude of a plain decimal read as two integers, as LightGBM's number reader gathers its
 * digits (app/formats/lightgbm/numbers.ts): `high`, its first nine significant digits
 * (0 ≤ high < 10^9), and `low`, the `lowDigits` after them, over 10^fraction. Exact: up to 15
 * significant digits it is one division of exact doubles (Clinger's fast path), 16 to 18 go to
 * `decimalQuotient`. NaN for more than 18 significant digits, more than 22 after the point, or
 * where `decimalQuotient` cannot decide: then use `Number()`.
 *
 * Gathering the digits with integer steps (`high * 10 + digit` while high < 10^8, then into `low`)
 * rather than a double's `mantissa * 10 + digit` made that reader's loop 1.3× faster on 17-digit
 * numbers: a double's multiply and add wait on each other digit after digit. (On CSV cells of about
 * seven digits it made no difference, so the CSV readers keep their own loop.)
 */
export function joinedDecimal(high: number, low: number, lowDigits: number, fraction: number): number {
  if (lowDigits > 9 || fraction > 22) return NaN;
  if (lowDigits === 0) return high / POWERS_OF_TEN[fraction];
  if (lowDigits <= 6) return (high * POWERS_OF_TEN[lowDigits] + low) / POWERS_OF_TEN[fraction];
  return decimalQuotient(high, low, lowDigits, fraction);
}

/**
 * A decimal with an exponent, from its digits already read: `mantissa` (an integer of at most 15
 * significant digits, so exact) × 10^(exponent − fraction), where `text[start, end)` is the
 * exponent after the `e` (an optional sign, then one to three digits). Exact in one IEEE operation
 * while that power of ten is within 10^±22 (Clinger's fast path); NaN otherwise, for the general path.
 */
export function exactWithExponent(text: string, start: number, end: number, mantissa: number, fraction: number): number {
  let index = start;
  if (index >= end) return NaN;
  let exponentSign = 1;
  const first = text.charCodeAt(index);
  if (first === 45 || first === 43) {
    if (first === 45) exponentSign = -1;
    index++;
  }
  if (index >= end || end - index > 3) return NaN;
  let exponent = 0;
  for (; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return NaN;
    exponent = exponent * 10 + (code - 48);
  }
  return timesPowerOfTen(mantissa, exponentSign * exponent - fraction);
}

/**
 * `mantissa × 10^power` for an exact `mantissa` (at most 15 significant digits), in one correctly
 * rounded IEEE operation while 10^|power| is exact (|power| ≤ 22, Clinger's fast path); NaN
 * otherwise. The exponent readers of text (`exactWithExponent`) and of bytes (the CSV cell reader) end here.
 */
export function timesPowerOfTen(mantissa: number, power: number): number {
  if (power > 22 || power < -22) return NaN;
  return power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
}

/**
 * The plain decimal `text[start, end)` (an optional sign, digits, at most one dot, `fraction` digits
 * after it) read by `decimalQuotient`: its first nine significant digits and the ones after them
 * (a decimal of nine or fewer is all "after"). The magnitude: the caller applies the sign. NaN
 * beyond 18 significant digits, or where `decimalQuotient` cannot decide. Readers call it only for
 * the numbers their own fast path cannot take, so their loop over short numbers carries nothing for
 * the long ones.
 */
export function readLongDecimal(text: string, start: number, end: number, fraction: number): number {
  let high = 0;
  let low = 0;
  let significant = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57 || (significant === 0 && code === 48)) continue;
    if (significant < 9) high = high * 10 + (code - 48);
    else low = low * 10 + (code - 48);
    significant++;
  }
  return significant > 18 ? NaN : significant > 9 ? decimalQuotient(high, low, significant - 9, fraction) : decimalQuotient(0, high, significant, fraction);
}

/** `readLongDecimal` of UTF-8 bytes. */
export function readLongDecimalBytes(bytes: Uint8Array, start: number, end: number, fraction: number): number {
  let high = 0;
  let low = 0;
  let significant = 0;
  for (let index = start; index < end; index++) {
    const code = bytes[index];
    if (code < 48 || code > 57 || (significant === 0 && code === 48)) continue;
    if (significant < 9) high = high * 10 + (code - 48);
    else low = low * 10 + (code - 48);
    significant++;
  }
  return significant > 18 ? NaN : significant > 9 ? decimalQuotient(high, low, significant - 9, fraction) : decimalQuotient(0, high, significant, fraction);
}
