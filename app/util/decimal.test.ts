import { describe, expect, it } from 'vitest';
import { decimalQuotient } from './decimal';
import { seededRandom } from './random';

/** `digits` (no leading zeros, 10 to 18 of them) over 10^fraction, as text and as decimalQuotient reads it. */
function read(digits: string, fraction: number): { text: string; value: number } {
  const padded = digits.padStart(fraction + 1, '0');
  const text = fraction > 0 ? `${padded.slice(0, padded.length - fraction)}.${padded.slice(padded.length - fraction)}` : padded;
  const lowDigits = digits.length - 9;
  return { text, value: decimalQuotient(Number(digits.slice(0, 9)), Number(digits.slice(9)), lowDigits, fraction) };
}

describe('decimalQuotient', () => {
  it('reads 16- to 18-digit decimals exactly as Number() does, or leaves them to it', () => {
    const next = seededRandom(20261207);
    let decided = 0;
    for (let count = 0; count < 200_000; count++) {
      let digits = String(1 + Math.floor(next() * 9));
      const length = 16 + Math.floor(next() * 3);
      while (digits.length < length) digits += String(Math.floor(next() * 10));
      const { text, value } = read(digits, Math.floor(next() * 23));
      if (value !== value) continue;
      decided++;
      if (!Object.is(value, Number(text))) expect.fail(`${text}: ${value}, Number() gives ${Number(text)}`);
    }
    // Undecided cases are rare: nearly every number takes the fast way.
    expect(decided).toBeGreaterThan(199_000);
  });

  it('decides decimals a hair either side of the midpoint between two doubles correctly, or not at all', () => {
    const next = seededRandom(7);
    const bits = new BigUint64Array(1);
    const double = new Float64Array(bits.buffer);
    let decided = 0;
    let checked = 0;
    for (let count = 0; count < 20_000; count++) {
      double[0] = 10 ** (-4 + next() * 21) * (1 + next());
      const exponent = Number((bits[0] >> 52n) & 0x7ffn) - 1075;
      const mantissa = (bits[0] & ((1n << 52n) - 1n)) | (1n << 52n);
      // The midpoint between the double and the next one up, (2m + 1) · 2^(e − 1), as an exact decimal.
      const power = exponent - 1;
      const numerator = power >= 0 ? (2n * mantissa + 1n) << BigInt(power) : (2n * mantissa + 1n) * 5n ** BigInt(-power);
      const fraction = power >= 0 ? 0 : -power;
      const exact = numerator.toString();
      for (const kept of [17, 18]) {
        const cut = exact.length - kept;
        if (cut <= 0 || fraction - cut < 0 || fraction - cut > 22) continue;
        for (const step of [-1n, 0n, 1n, 2n]) {
          const { text, value } = read((BigInt(exact.slice(0, kept)) + step).toString(), fraction - cut);
          checked++;
          if (value !== value) continue;
          decided++;
          if (!Object.is(value, Number(text))) expect.fail(`${text}: ${value}, Number() gives ${Number(text)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
    expect(decided).toBeGreaterThan(checked * 0.95);
  });

  it('leaves a quotient that is a power of two approached from below to Number() (the doubles below are twice as close)', () => {
    // 0.49999999999999999 lies below 0.5; the rounded sum and quotient land on 0.5 itself.
    expect(decimalQuotient(499999999, 99999999, 8, 17)).toBeNaN();
    expect(Number('0.49999999999999999')).toBe(0.5);
    // From above, the same power of two is decided: 0.50000000000000001 is 0.5.
    expect(decimalQuotient(500000000, 1, 8, 17)).toBe(0.5);
  });
});
