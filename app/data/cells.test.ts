import { describe, expect, it } from 'vitest';
import type { Feature } from '../model/types';
import { createCellReader, numberRangeIssue, parseNumberCell, scanShortDecimal, scanShortDecimalBytes, scannedBytesEnd, scannedEnd } from './cells';

const numeric: Feature = { index: 0, name: 'age', isNamed: true, kind: 'numeric' };

describe('parseNumberCell', () => {
  it('reads decimals to the correctly rounded double', () => {
    expect(parseNumberCell('0.038075906433423026')).toBe(0.038075906433423026);
    expect(parseNumberCell('-1.5e-3')).toBe(-0.0015);
    expect(parseNumberCell('+2')).toBe(2);
    expect(parseNumberCell('.5')).toBe(0.5);
    expect(parseNumberCell('7.')).toBe(7);
    expect(parseNumberCell(' 3.25 ')).toBe(3.25);
    expect(Object.is(parseNumberCell('-0.0'), -0)).toBe(true);
    expect(parseNumberCell('1e-36')).toBe(1e-36);
  });

  it('gives exactly the double Number() gives, on 100,000 random decimals with and without exponents (the fast path is exact)', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const samples = ['0', '-0', '+5', '000123.4500', '123456789012345', '1234567890123456', '0.0000000000000000000001', '9007199254740993'];
    for (let i = 0; i < 100_000; i++) {
      const count = 1 + Math.floor(random() * 18);
      let digits = '';
      for (let d = 0; d < count; d++) digits += Math.floor(random() * 10);
      const point = Math.floor(random() * (count + 1));
      const exponent = random() < 0.4 ? `${random() < 0.5 ? 'e' : 'E'}${['', '+', '-'][Math.floor(random() * 3)]}${Math.floor(random() * 40)}` : '';
      samples.push(`${random() < 0.5 ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}${exponent}`);
    }
    // What JavaScript's toPrecision and Python's repr write, and edges of the exponent fast path.
    samples.push('1.23457e+6', '-4.5e-7', '1e22', '1e23', '1e-22', '1e-23', '123456789012345e7', '0e5', '-0e1', '5E+003', '2.5e+22', '9.999999999999999e22');
    for (let i = 0; i < 5_000; i++) samples.push((random() * 10 ** Math.floor(random() * 30 - 12)).toPrecision(1 + Math.floor(random() * 17)));
    const wrong = samples.filter((text) => !Object.is(parseNumberCell(text), Number(text)));
    expect(wrong).toEqual([]);
  });

  it('reads empty cells and NaN-like tokens as missing', () => {
    for (const text of ['', '  ', 'NaN', 'nan', 'NA', 'N/A', 'null', 'None']) expect(parseNumberCell(text)).toBeNaN();
  });

  it('reads infinities in numpy, Java and JavaScript spelling', () => {
    expect(parseNumberCell('inf')).toBe(Infinity);
    expect(parseNumberCell('-inf')).toBe(-Infinity);
    expect(parseNumberCell('Infinity')).toBe(Infinity);
    expect(parseNumberCell('-Infinity')).toBe(-Infinity);
  });

  it('rejects text that Number() would accept but is not a decimal', () => {
    for (const text of ['0x10', '0b1', '1_000', 'abc', '1,5', '12abc', 'e5']) expect(parseNumberCell(text)).toBeUndefined();
  });
});

describe('createCellReader', () => {
  it('reports non-numbers in numeric columns', () => {
    const read = createCellReader(numeric);
    expect(read('4.5')).toEqual({ value: 4.5 });
    expect(read('forty')).toEqual({ value: NaN, problem: '"forty" is not a number' });
  });

  it('maps pandas category labels to their codes, unknown labels to missing', () => {
    const area: Feature = { index: 1, name: 'Area', isNamed: true, kind: 'categorical', categoryLabels: ['R11', 'None', 'R21'] };
    const read = createCellReader(area);
    expect(read('R21')).toEqual({ value: 2 });
    expect(read('None')).toEqual({ value: 1 });
    expect(read('')).toEqual({ value: NaN });
    expect(read('R99')).toEqual({ value: NaN, unknownLabel: true });
    // With --category-codes the cells are the codes themselves.
    expect(createCellReader(area, { categoryCodes: true })('2')).toEqual({ value: 2 });
  });

  it('matches numeric labels by value', () => {
    const rooms: Feature = { index: 2, name: 'rooms', isNamed: true, kind: 'categorical', categoryLabels: ['1', '2.5', '4'] };
    const read = createCellReader(rooms);
    expect(read('1.0')).toEqual({ value: 0 });
    expect(read('2.50')).toEqual({ value: 1 });
    expect(read('3')).toEqual({ value: NaN, unknownLabel: true });
    expect(read('NaN')).toEqual({ value: NaN });
  });
});

describe('numberRangeIssue', () => {
  it('flags decimals a double cannot hold, and nothing else', () => {
    const cases: [string, 'overflow' | 'underflow' | undefined][] = [
      ['1e400', 'overflow'],
      ['-1.5E+309', 'overflow'],
      ['1e-400', 'underflow'],
      ['-0.000001e-330', 'underflow'],
      ['0', undefined],
      ['-0.0', undefined],
      ['0e999', undefined],
      ['inf', undefined],
      ['-Infinity', undefined],
      ['5e-324', undefined],
      ['1.7976931348623157e308', undefined],
    ];
    for (const [text, expected] of cases) expect(numberRangeIssue(text, parseNumberCell(text)!), text).toBe(expected);
  });
});

describe('scanShortDecimalBytes', () => {
  it('reads every cell as scanShortDecimal reads its text: the same double (or NaN) and the same end', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const alphabet = '0123456789.-+eE,x ';
    const cells = ['', '0', '-0', '+1', '.5', '5.', '1e5', '1e-5', '1e+22', '1e23', '1E-22', '123456789012345', '1234567890123456', '0.0000000000000000000001', '1e', 'e1', '1e5,2', '-', '.', '1,2', '1.2.3'];
    // 16 to 18 significant digits (Python's repr): read exactly by decimalQuotient, in both readers.
    cells.push('0.30000000000000004', '-123456789.012345678', '1234567890123456.7', '00000.12345678901234567', '0.49999999999999999', '-9007199254740993', '0.1234567890123456789');
    for (let index = 0; index < 50_000; index++) {
      let cell = '';
      const length = random(26);
      for (let at = 0; at < length; at++) cell += alphabet[random(alphabet.length)];
      cells.push(cell);
    }
    for (const cell of cells) {
      const bytes = new TextEncoder().encode(cell);
      for (const stop of [44, -1]) {
        const text = scanShortDecimal(cell, 0, cell.length, stop);
        const textEnd = scannedEnd;
        const fromBytes = scanShortDecimalBytes(bytes, 0, bytes.length, stop);
        expect(Object.is(fromBytes, text), `${JSON.stringify(cell)} stop ${stop}`).toBe(true);
        if (text === text) expect(scannedBytesEnd, JSON.stringify(cell)).toBe(textEnd);
      }
    }
  });
});
