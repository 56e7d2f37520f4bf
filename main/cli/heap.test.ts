import { describe, expect, it } from 'vitest';
import { streamsItsInput } from './heap';

describe('streamsItsInput: which commands keep the young generation small', () => {
  it('predict and inspect without --json stream; inspect --json, export, diff and the rest do not', () => {
    expect(streamsItsInput(['predict', 'model.txt', '--csv', 'rows.csv'])).toBe(true);
    expect(streamsItsInput(['inspect', 'model.txt'])).toBe(true);
    expect(streamsItsInput(['inspect', 'model.txt', '--json'])).toBe(false);
    expect(streamsItsInput(['inspect', '--json', 'model.txt'])).toBe(false);
    for (const argv of [['export', 'model.txt', '--target', 'lambda', '--out', 'out'], ['diff', 'a.txt', 'b.txt'], ['--help'], []]) expect(streamsItsInput(argv)).toBe(false);
  });
});
