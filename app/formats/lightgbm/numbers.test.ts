import { describe, expect, it } from 'vitest';
import { BadNumberError, offsetOfItem, parseLightgbmNumber, readBitsetWords, readDoubles, readIntegers } from './numbers';

/** A deterministic stream of awkward doubles: random bits, short decimals, tiny and huge exponents. */
function* sampleDoubles(count: number): Generator<number> {
  let state = 0x2545f491;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const bits = new DataView(new ArrayBuffer(8));
  for (let index = 0; index < count; index++) {
    bits.setUint32(0, (next() * 2 ** 32) >>> 0);
    bits.setUint32(4, (next() * 2 ** 32) >>> 0);
    const random = bits.getFloat64(0);
    if (Number.isFinite(random)) yield random;
    yield Math.round(next() * 1e6) / 1e3 - 500;
    yield next() * 10 ** Math.floor(next() * 40 - 20);
  }
}

describe('LightGBM number reading', () => {
  it('reads 16- and 17-digit mantissas near 2^53 exactly as Number() does', () => {
    const texts = ['0.9007199254740993', '9007199254740993', '9007199254740992', '9007199254740991', '-0.9007199254740993', '90071992547409.93', '0.09007199254740995'];
    // Random 16–17 digit mantissas around 2^53 with the decimal point anywhere.
    let state = 7;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let index = 0; index < 2000; index++) {
      const digits = String(9007199254740000 + Math.floor(next() * 2000)) + (next() < 0.5 ? String(Math.floor(next() * 10)) : '');
      const point = Math.floor(next() * digits.length);
      texts.push(`${digits.slice(0, point) || '0'}.${digits.slice(point)}`);
    }
    const text = texts.join(' ');
    expect(readDoubles(text, 0, text.length)).toEqual(texts.map(Number));
    for (const token of texts) expect(Object.is(parseLightgbmNumber(token), Number(token)), token).toBe(true);
  });

  it('reads every %.17g, shortest and short decimal form exactly as Number() does', () => {
    const values = [...sampleDoubles(3000), 0, -0, 1.0000000180025095e-35, 0.27500000000000002, 5e-324, 1.7976931348623157e308, 9007199254740993];
    const texts = values.flatMap((value) => [value.toPrecision(17), String(value), value.toFixed(3)]);
    const parsed = readDoubles(texts.join(' '), 0, texts.join(' ').length);
    texts.forEach((text, index) => expect(Object.is(parsed[index], Number(text)), text).toBe(true));
  });

  it('reads decimals of 1 to 22 digits, leading zeros and signs included, exactly as Number() does', () => {
    // The reader splits a token's significant digits into nine and the rest: leading zeros are not
    // among them, a 19th sends the token to Number(), and the point may fall anywhere.
    let state = 11;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const texts = ['0', '-0', '+0', '0.', '.5', '5.', '-.5', '000', '0000123.4500', '123456789', '1234567890', '999999999.999999999', '1000000000000000000', '0.1000000000000000055511151231257827'];
    for (let index = 0; index < 20000; index++) {
      const zeros = '0'.repeat(Math.floor(next() * 4) * Math.floor(next() * 3));
      let digits = String(1 + Math.floor(next() * 9));
      const length = Math.floor(next() * 22);
      while (digits.length <= length) digits += String(Math.floor(next() * 10));
      const whole = zeros + digits;
      const point = Math.floor(next() * (whole.length + 1));
      const sign = next() < 0.3 ? '-' : next() < 0.1 ? '+' : '';
      texts.push(point === whole.length && next() < 0.5 ? sign + whole : `${sign}${whole.slice(0, point)}.${whole.slice(point)}`);
    }
    const text = texts.join(' ');
    const parsed = readDoubles(text, 0, text.length);
    texts.forEach((token, index) => expect(Object.is(parsed[index], Number(token)), token).toBe(true));
  });

  it('reads decimals with exponents (%g) exactly as Number() does, and a number it met before as the first time', () => {
    let state = 3;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const texts = ['1e5', '1.e5', '.5e1', '-0e5', '1E+06', '1.63842e+06', '9.99e-23', '1e22', '1e23', '1e-22', '123456789012345e7', '1234567890123456e-3', '1.0000000180025095e-35'];
    for (let index = 0; index < 20000; index++) {
      let digits = String(1 + Math.floor(next() * 9));
      const length = Math.floor(next() * 17);
      while (digits.length <= length) digits += String(Math.floor(next() * 10));
      const point = Math.floor(next() * (digits.length + 1));
      const mantissa = point === digits.length ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
      const exponent = Math.floor(next() * 90) - 45;
      texts.push(`${next() < 0.3 ? '-' : ''}${mantissa}${next() < 0.2 ? 'E' : 'e'}${exponent >= 0 && next() < 0.5 ? '+' : ''}${exponent}`);
    }
    // The same long token again and again, and then one of the same length that differs.
    texts.push('1.0000000180025095e-35', '1.0000000180025095e-35', '1.0000000180025096e-35', '-1.0000000180025095e-35');
    const text = texts.join(' ');
    const parsed = readDoubles(text, 0, text.length);
    texts.forEach((token, index) => expect(Object.is(parsed[index], Number(token)), token).toBe(true));
    for (const bad of ['1e', '1e+', '1e5x', '1e1234', '1ee5']) expect(() => readDoubles(`1 ${bad}`, 0, bad.length + 2), bad).toThrow(BadNumberError);
  });

  it('maps the non-finite spellings of C++ and JavaScript', () => {
    const text = 'inf -inf +inf nan -nan Infinity -Infinity NaN INF';
    const values = readDoubles(text, 0, text.length);
    expect(values.slice(0, 3)).toEqual([Infinity, -Infinity, Infinity]);
    expect(values.slice(3, 5).every(Number.isNaN)).toBe(true);
    expect(values.slice(5, 7)).toEqual([Infinity, -Infinity]);
    expect(Number.isNaN(values[7])).toBe(true);
    expect(values[8]).toBe(Infinity);
    expect(parseLightgbmNumber(' -inf ')).toBe(-Infinity);
  });

  it('splits on any run of blanks and reports the index and offset of a bad item', () => {
    expect(readDoubles('  1  2\t3 \r', 0, 10)).toEqual([1, 2, 3]);
    for (const bad of ['0x10', '1e', '1.2.3', '--1', '.', '1_0', 'abc']) {
      const text = `1 2 ${bad} 4`;
      try {
        readDoubles(text, 0, text.length);
        expect.unreachable(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(BadNumberError);
        expect(error).toMatchObject({ index: 2, start: 4, text: bad });
      }
    }
    expect(() => readIntegers('1 2.5', 0, 5)).toThrow("'2.5' is not an integer");
    expect(offsetOfItem('a=1  22 333', 2, 11, 2)).toBe(8);
  });

  it('reads uint32 bitset words, skipping runs of zeros without losing count', () => {
    const text = `${'0 '.repeat(1000)}16 0  4294967295 0 0 7`;
    const words = readBitsetWords(text, 0, text.length);
    expect(words).toEqual({ count: 1006, indices: [1000, 1002, 1005], words: [16, 4294967295, 7] });
    expect(readIntegers(text, 0, text.length).length).toBe(1006);
    // Runs that end exactly at a 512-word chunk, at the end of the value, or with odd spacing.
    for (const value of ['0 '.repeat(1024), `${'0 '.repeat(512)}3`, `${'0 '.repeat(600)} 0  0 5 0`, '0', '0 1']) {
      const all = readIntegers(value, 0, value.length);
      const sparse = readBitsetWords(value, 0, value.length);
      expect(sparse.count).toBe(all.length);
      expect(sparse.indices).toEqual(all.flatMap((word, index) => (word === 0 ? [] : [index])));
    }
  });
});
