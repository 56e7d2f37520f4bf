import { describe, expect, it } from 'vitest';
import { largestOf } from './extremes';

describe('largestOf', () => {
  it('is Math.max(floor, ...values), NaN and empty lists included', () => {
    for (const values of [[], [3, 1, 2], [-5, -7], [1, NaN, 2], [-0], [0, -0]]) {
      expect(Object.is(largestOf(values), Math.max(...values))).toBe(true);
      expect(Object.is(largestOf(values, 0), Math.max(0, ...values))).toBe(true);
    }
  });

  it('takes more values than a call takes arguments', () => {
    const values = Array.from({ length: 1_000_000 }, (_, index) => (index * 7919) % 1_000_003);
    expect(largestOf(values)).toBe(1_000_002);
    expect(largestOf(Float64Array.from(values), 2e6)).toBe(2e6);
  });
});
