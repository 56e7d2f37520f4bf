import { describe, expect, it } from 'vitest';
import type { Feature } from '../model/types';
import { matchColumns } from './columns';
import { DataError } from './errors';

function features(names: string[], isNamed: boolean): Feature[] {
  return names.map((name, index) => ({ index, name, isNamed, kind: 'numeric' }));
}

function errorOf(action: () => unknown): DataError {
  try {
    action();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}

const named = features(['age', 'income', 'zip code'], true);
const unnamed = features(['feature 0', 'feature 1', 'feature 2', 'feature 3'], false);

describe('matchColumns, named features', () => {
  it('matches by name in any order', () => {
    const mapping = matchColumns(['zip code', 'age', 'income'], named, 'in.csv');
    expect(mapping).toEqual({ featureColumns: [1, 2, 0], matchedBy: 'name', skippedColumns: [] });
  });

  it('accepts spaces around header names when nothing matches exactly', () => {
    expect(matchColumns([' age', ' income ', 'zip code '], named, 'in.csv').featureColumns).toEqual([0, 1, 2]);
  });

  it('names a missing feature', () => {
    const error = errorOf(() => matchColumns(['age', 'zip code'], named, 'in.csv'));
    expect(error.info.code).toBe('E_DATA_COLUMN_MISSING');
    expect(error.message).toBe(
      'in.csv: row 1 (the header): no column for model feature "income"; the model has named features, matched by header name',
    );
  });

  it('names an unknown column and says how to skip it', () => {
    const error = errorOf(() => matchColumns(['age', 'income', 'zip code', 'label'], named, 'in.csv', { strictColumns: true }));
    expect(error.info).toMatchObject({ code: 'E_DATA_COLUMN_UNKNOWN', row: 1, column: 'label' });
    expect(error.message).toContain('--ignore-columns label');
  });

  it('skips ignored and, on request, unknown columns', () => {
    expect(matchColumns(['id', 'age', 'income', 'zip code', 'label'], named, 'in.csv', { ignoreColumns: ['id', 'label'] })).toEqual({
      featureColumns: [1, 2, 3],
      matchedBy: 'name',
      skippedColumns: [0, 4],
    });
    expect(matchColumns(['id', 'age', 'income', 'zip code'], named, 'in.csv', { ignoreUnknownColumns: true }).skippedColumns).toEqual([0]);
    expect(errorOf(() => matchColumns(['age'], named, 'in.csv', { ignoreColumns: ['nope'] })).info.code).toBe('E_DATA_COLUMN_MISSING');
  });

  it('refuses a feature with two columns', () => {
    const error = errorOf(() => matchColumns(['age', 'income', 'zip code', 'age'], named, 'in.csv'));
    expect(error.info.code).toBe('E_DATA_COLUMN_DUPLICATE');
  });
});

describe('matchColumns, unnamed features', () => {
  it('matches default names (f3, feature_3, Column_3) wherever they are', () => {
    expect(matchColumns(['f3', 'f2', 'f1', 'f0'], unnamed, 'in.csv')).toMatchObject({ featureColumns: [3, 2, 1, 0], matchedBy: 'default-name' });
    expect(matchColumns(['feature_0', 'feature_1', 'feature_2', 'feature_3'], unnamed, 'in.csv').matchedBy).toBe('default-name');
  });

  it('falls back to position for any other header', () => {
    expect(matchColumns(['variance', 'skewness', 'curtosis', 'entropy'], unnamed, 'in.csv')).toEqual({
      featureColumns: [0, 1, 2, 3],
      matchedBy: 'position',
      skippedColumns: [],
    });
  });

  it('names the extra column of a positional match (a label column)', () => {
    const error = errorOf(() => matchColumns(['variance', 'skewness', 'curtosis', 'entropy', 'class'], unnamed, 'in.csv'));
    expect(error.info).toMatchObject({ code: 'E_DATA_COLUMN_UNKNOWN', column: 'class' });
    expect(error.message).toContain('--ignore-columns class');
    const mapping = matchColumns(['variance', 'class', 'skewness', 'curtosis', 'entropy'], unnamed, 'in.csv', { ignoreColumns: ['class'] });
    expect(mapping.featureColumns).toEqual([0, 2, 3, 4]);
    expect(matchColumns(['a', 'b', 'c', 'd', 'e'], unnamed, 'in.csv', { ignoreUnknownColumns: true }).skippedColumns).toEqual([4]);
  });

  it('names the first feature without a column', () => {
    const error = errorOf(() => matchColumns(['a', 'b'], unnamed, 'in.csv'));
    expect(error.message).toContain('no column for model feature "feature 2"');
  });
});
