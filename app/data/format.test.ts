import { describe, expect, it } from 'vitest';
import { parseNumberCell } from './cells';
import { csvField, csvLine, formatNumber } from './format';

describe('formatNumber', () => {
  it('prints the shortest text that reads back to the same double', () => {
    const values = [0.1 + 0.2, 1 / 3, 4.091105937957764, Math.fround(0.9835542), 5e-324, 1.7976931348623157e308, 1e21, -0, 0, Infinity, -Infinity];
    for (const value of values) {
      const text = formatNumber(value);
      expect(Object.is(parseNumberCell(text), value), `${value} → ${text}`).toBe(true);
    }
    expect(formatNumber(-0)).toBe('-0');
    expect(formatNumber(0.30000000000000004)).toBe('0.30000000000000004');
  });
});

describe('csvField', () => {
  it('quotes only when needed', () => {
    expect(csvField('prob_setosa')).toBe('prob_setosa');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('trailing ')).toBe('"trailing "');
    expect(csvLine(['x', 'y,z', ''])).toBe('x,"y,z",\n');
  });
});
