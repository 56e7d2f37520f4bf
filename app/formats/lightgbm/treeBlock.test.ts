import { describe, expect, it } from 'vitest';
import { readBitsetWords } from './numbers';
import { categoricalSplit } from './treeBlock';

describe('LightGBM categorical sets', () => {
  it('holds the categories of the set bits of words [start, end), lowest first (bit 31 and all-ones words included)', () => {
    let state = 5;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
    const words = Array.from({ length: 400 }, (_, index) => (index % 7 === 0 ? 0 : index % 11 === 0 ? 0xffffffff : index % 13 === 0 ? 0x80000000 : next()));
    const text = words.join(' ');
    const bitset = readBitsetWords(text, 0, text.length);
    for (const [start, end] of [[0, 1], [0, 400], [3, 10], [13, 14], [77, 78], [100, 350], [399, 400], [20, 20]]) {
      const expected: number[] = [];
      for (let word = start; word < end; word++) for (let bit = 0; bit < 32; bit++) if (Math.floor(words[word] / 2 ** bit) % 2 === 1) expected.push((word - start) * 32 + bit);
      expect(categoricalSplit(bitset, start, end)).toMatchObject({ kind: 'categorical', categories: expected, inSetGoes: 'left', missingGoes: 'right', match: 'truncate' });
    }
  });
});
