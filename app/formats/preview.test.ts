import { describe, expect, it } from 'vitest';
import { parseModelText } from '.';
import { readCorpus } from '../testing/shared';
import { lightgbmFirstTreeText } from './preview';

describe('lightgbmFirstTreeText (progressive open)', () => {
  for (const name of ['keiba_binary_nan_missing_v4.txt', 'leaves_kddcup99_multiclass13_categorical_v2.txt', 'lleaves_airline_binary_categorical_v3.txt']) {
    it(`${name}: the first tree alone reads as the whole model's tree 0, with the same header`, () => {
      const text = readCorpus(`lightgbm/${name}`);
      const whole = parseModelText(text, name);
      const first = lightgbmFirstTreeText(text)!;
      expect(first.treeCount).toBe(whole.trees.length);
      const preview = parseModelText(first.text, name);
      expect(preview.trees).toHaveLength(1);
      expect(preview.trees[0]).toEqual(whole.trees[0]);
      const { trees: _a, warnings: _b, ...previewHeader } = preview;
      const { trees: _c, warnings: _d, ...wholeHeader } = whole;
      expect(previewHeader).toEqual(wholeHeader);
    });
  }

  it('is undefined for text that is not a model.txt with trees', () => {
    expect(lightgbmFirstTreeText('tree\nversion=v4\n')).toBeUndefined();
  });
});
