import { describe, expect, it } from 'vitest';
import { parsePackedModel } from '../formats/index';
import { readCorpus } from '../testing/shared';
import { applyFeatureNames, readFeatureNames } from './featureNames';

const names = (result: ReturnType<typeof readFeatureNames>) => (result.ok ? result.names : result.error.message);

describe('reading feature names', () => {
  it('reads one name per line, a final line break or CRLF line ends included', () => {
    expect(readFeatureNames('age\nincome\nzip code\n', 'names.txt', 3)).toEqual({ ok: true, names: ['age', 'income', 'zip code'], source: 'lines', skippedColumns: [] });
    expect(names(readFeatureNames('\ufeffage\r\nincome\r\n', 'names.txt', 2))).toEqual(['age', 'income']);
  });

  it('reads an XGBoost feature map, checking its indices run 0, 1, 2 …', () => {
    expect(readFeatureNames('0\tage\tq\n1\tis_member\ti\n2\tvisits\tint\n', 'featmap.txt', 3)).toMatchObject({ ok: true, names: ['age', 'is_member', 'visits'], source: 'feature-map' });
    expect(readFeatureNames('0\tage\tq\n2\tvisits\tint\n', 'featmap.txt', 2)).toMatchObject({
      ok: false,
      error: { code: 'E_NAMES_FEATMAP', line: 2, message: 'featmap.txt: line 2, column 1: feature index 2; the feature map lists features in order, so this line is feature 1' },
    });
    expect(readFeatureNames('0\tage\tq\n1\tvisits\n', 'featmap.txt', 2)).toMatchObject({ ok: false, error: { code: 'E_NAMES_FEATMAP', line: 2 } });
  });

  it('reads a CSV header, quoted cells included, leaving out a label column when there is one more column than features', () => {
    expect(readFeatureNames('a,"b, c",d\n1,2,3\n', 'data.csv', 3)).toMatchObject({ ok: true, names: ['a', 'b, c', 'd'], source: 'csv-header' });
    expect(readFeatureNames('x1\tx2\tlabel\n', 'data.tsv', 2)).toMatchObject({ ok: true, names: ['x1', 'x2'], skippedColumns: ['label'] });
    // A single line with commas in a names file is a header too.
    expect(names(readFeatureNames('p,q', 'header.txt', 2))).toEqual(['p', 'q']);
  });

  it('says which line (and column) is wrong: count, duplicate, blank', () => {
    expect(readFeatureNames('a\nb\n', 'names.txt', 3)).toMatchObject({
      ok: false,
      error: { code: 'E_NAMES_COUNT', line: 2, message: 'names.txt: line 2: 2 names (one per line), but the model has 3 features: 1 name missing after this line' },
    });
    expect(readFeatureNames('a\nb\nc\nd\n', 'names.txt', 2)).toMatchObject({
      ok: false,
      error: { code: 'E_NAMES_COUNT', line: 3, message: 'names.txt: line 3: 4 names (one per line), but the model has 2 features: this line and those after it name no feature' },
    });
    expect(readFeatureNames('age\nincome\nage\n', 'names.txt', 3)).toMatchObject({
      ok: false,
      error: { code: 'E_NAMES_DUPLICATE', line: 3, message: 'names.txt: line 3: "age" is also the name on line 1; each feature needs its own name' },
    });
    expect(readFeatureNames('age\n\nincome\n', 'names.txt', 3)).toMatchObject({ ok: false, error: { code: 'E_NAMES_BLANK', line: 2 } });
    expect(readFeatureNames('a,b,a\n', 'data.csv', 3)).toMatchObject({ ok: false, error: { code: 'E_NAMES_DUPLICATE', line: 1, column: 3 } });
    expect(readFeatureNames('a,,c\n', 'data.csv', 3)).toMatchObject({ ok: false, error: { code: 'E_NAMES_BLANK', line: 1, column: 2 } });
    expect(readFeatureNames('a,b,label,c\n', 'data.csv', 2)).toMatchObject({
      ok: false,
      error: { code: 'E_NAMES_COUNT', message: 'data.csv: line 1: the header has 4 columns (3 once the label column "label" is left out); the model has 2 features, one column each, in order' },
    });
    expect(readFeatureNames('\n\n', 'names.txt', 2)).toMatchObject({ ok: false, error: { code: 'E_NAMES_EMPTY' } });
    expect(readFeatureNames(`${'x'.repeat(1001)}\n`, 'names.txt', 1)).toMatchObject({ ok: false, error: { code: 'E_NAMES_TOO_LONG', line: 1 } });
  });
});

describe('applying feature names', () => {
  const banknote = 'spark/mllib_dt_banknote_depth5.txt';

  it('names the features of a model whose file does not, in index order, through the parse options', () => {
    const plain = parsePackedModel(readCorpus(banknote), banknote);
    expect(plain.header.features.map((feature) => feature.isNamed)).toEqual([false, false, false, false]);
    const named = parsePackedModel(readCorpus(banknote), banknote, { featureNames: ['variance', 'skewness', 'curtosis', 'entropy'] });
    expect(named.header.features.map((feature) => [feature.index, feature.name, feature.isNamed])).toEqual([
      [0, 'variance', true],
      [1, 'skewness', true],
      [2, 'curtosis', true],
      [3, 'entropy', true],
    ]);
    // The trees are the same trees.
    expect(Array.from(named.forest.feature)).toEqual(Array.from(plain.forest.feature));
    expect(Array.from(named.forest.value)).toEqual(Array.from(plain.forest.value));
  });

  it('refuses names that do not fit, and a file that names its own features', () => {
    const header = parsePackedModel(readCorpus(banknote), banknote).header;
    expect(() => applyFeatureNames(header, ['a', 'b', 'c'])).toThrow(/^E_NAMES_COUNT: 3 names for the 4 features/);
    expect(() => applyFeatureNames(header, ['a', 'b', 'a', 'd'])).toThrow(/^E_NAMES_DUPLICATE/);
    expect(() => applyFeatureNames(header, ['a', 'b', ' ', 'd'])).toThrow(/^E_NAMES_BLANK/);
    expect(() => parsePackedModel(readCorpus(banknote), banknote, { featureNames: ['a'] })).toThrow(/E_NAMES_COUNT/);
    const named = 'sklearn/crop_string_class_names.txt';
    const namedHeader = parsePackedModel(readCorpus(named), named).header;
    expect(() => applyFeatureNames(namedHeader, namedHeader.features.map((_, index) => `x${index}`))).toThrow(/^E_NAMES_MODEL_NAMED/);
  });
});
