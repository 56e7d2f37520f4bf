import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expFloat } from './transform';

describe('expFloat (glibc expf, as XGBoost calls it)', () => {
  it('matches glibc on inputs where correct rounding would differ (fixture made by fixtures/make_expf_glibc.py)', () => {
    const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'expf_glibc.txt'), 'utf8');
    const cases = text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.split(' ').map(Number));
    expect(cases.length).toBeGreaterThan(500);
    const wrong = cases.filter(([x, expected]) => expFloat(x) !== expected).map(([x, expected]) => `${x}: ${expFloat(x)} vs ${expected}`);
    expect(wrong).toEqual([]);
    // The fixture really holds inputs where the naive recipe fails.
    expect(cases.filter(([x, expected]) => Math.fround(Math.exp(x)) !== expected).length).toBeGreaterThan(100);
  });

  it('handles the special values', () => {
    expect(expFloat(NaN)).toBeNaN();
    expect(expFloat(-Infinity)).toBe(0);
    expect(expFloat(Infinity)).toBe(Infinity);
    expect(expFloat(0)).toBe(1);
    expect(expFloat(89)).toBe(Infinity);
    expect(expFloat(-104)).toBe(0);
  });
});
