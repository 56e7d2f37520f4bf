import type { Feature } from '../model/types';
import { DataError } from './errors';

/** How CSV columns are matched to model features. */
export interface ColumnMatchOptions {
  /** Header names of columns that are not features (a label, an id): they are skipped. */
  ignoreColumns?: readonly string[];
  /**
   * Skip every column that is not a feature instead of failing. For models without feature names
   * matched by position, the first columns (after `ignoreColumns`) are the features and the rest are skipped.
   */
  ignoreUnknownColumns?: boolean;
  /**
   * Columns matched by name that are not features (a label, an id) are an error instead of being
   * skipped. By default they are skipped: most users' files carry a label or an id column.
   * Position matching cannot tell which columns are unused, so there extra columns always need
   * `ignoreUnknownColumns` (or `ignoreColumns`).
   */
  strictColumns?: boolean;
}

/** Where each model feature is found in the CSV. */
export interface ColumnMapping {
  /** `featureColumns[f]` is the index of the CSV column holding feature `f`. */
  featureColumns: number[];
  /** `name`: by the model's feature names; `default-name`: by `f0`/`feature 0`-style names; `position`: in order. */
  matchedBy: 'name' | 'default-name' | 'position';
  /** Indices of the CSV columns that are not read. */
  skippedColumns: number[];
}

/** Names an unnamed feature `i` goes by in the libraries' defaults: `f3`, `feature 3`, `feature_3`, `Column_3`. */
function defaultNames(feature: Feature): string[] {
  const i = feature.index;
  return [feature.name, `f${i}`, `feature ${i}`, `feature_${i}`, `Column_${i}`];
}

function findColumns(header: readonly string[], names: readonly string[], skip: ReadonlySet<number>): number[] {
  const exact: number[] = [];
  header.forEach((column, index) => {
    if (!skip.has(index) && names.includes(column)) exact.push(index);
  });
  if (exact.length > 0) return exact;
  // A CSV written by hand often has spaces after the commas; accept them when nothing matches exactly.
  const trimmedNames = names.map((name) => name.trim());
  const trimmed: number[] = [];
  header.forEach((column, index) => {
    if (!skip.has(index) && trimmedNames.includes(column.trim())) trimmed.push(index);
  });
  return trimmed;
}

function ignoredIndices(header: readonly string[], fileName: string, options: ColumnMatchOptions): Set<number> {
  const ignored = new Set<number>();
  for (const name of options.ignoreColumns ?? []) {
    const found = findColumns(header, [name], new Set());
    if (found.length === 0) {
      throw new DataError({
        code: 'E_DATA_COLUMN_MISSING',
        fileName,
        row: 1,
        detail: `no column ${JSON.stringify(name)} to ignore; the columns are ${listColumns(header)}`,
      });
    }
    for (const index of found) ignored.add(index);
  }
  return ignored;
}

function listColumns(header: readonly string[]): string {
  const shown = header.slice(0, 12).map((name) => JSON.stringify(name));
  return shown.join(', ') + (header.length > 12 ? `, … (${header.length} in all)` : '');
}

function matchByNames(
  header: readonly string[],
  features: readonly Feature[],
  fileName: string,
  options: ColumnMatchOptions,
  ignored: ReadonlySet<number>,
  namesOf: (feature: Feature) => string[],
): { featureColumns: number[]; missing: Feature[] } {
  const featureColumns: number[] = [];
  const owner = new Map<number, Feature>();
  const missing: Feature[] = [];
  for (const feature of features) {
    const found = findColumns(header, namesOf(feature), ignored);
    if (found.length === 0) {
      missing.push(feature);
      featureColumns.push(-1);
      continue;
    }
    if (found.length > 1) {
      throw new DataError({
        code: 'E_DATA_COLUMN_DUPLICATE',
        fileName,
        row: 1,
        column: header[found[1]],
        detail: `feature ${JSON.stringify(feature.name)} has ${found.length} columns (${found.map((i) => `column ${i + 1}`).join(', ')})`,
      });
    }
    const previous = owner.get(found[0]);
    if (previous) {
      throw new DataError({
        code: 'E_DATA_COLUMN_DUPLICATE',
        fileName,
        row: 1,
        column: header[found[0]],
        detail: `the column matches two features, ${JSON.stringify(previous.name)} and ${JSON.stringify(feature.name)}`,
      });
    }
    owner.set(found[0], feature);
    featureColumns.push(found[0]);
  }
  if (missing.length === 0 && options.strictColumns && !options.ignoreUnknownColumns) {
    const unknown = header.map((_, index) => index).filter((index) => !ignored.has(index) && !owner.has(index));
    if (unknown.length > 0) {
      const names = unknown.map((index) => header[index]);
      throw new DataError({
        code: 'E_DATA_COLUMN_UNKNOWN',
        fileName,
        row: 1,
        column: names[0],
        detail:
          `${unknown.length === 1 ? 'the column is' : `${unknown.length} columns (${listColumns(names)}) are`} not a feature of the model; ` +
          `skip ${unknown.length === 1 ? 'it' : 'them'} with --ignore-columns ${names.map(quoteForShell).join(',')} or --ignore-unknown-columns`,
      });
    }
  }
  return { featureColumns, missing };
}

function quoteForShell(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

/**
 * Finds the CSV column of every model feature.
 * - A model with feature names (any `Feature.isNamed`) is matched by name; every feature needs a
 *   column, and every other column is an error unless ignored.
 * - A model without names is matched by its default names (`f0`, `feature 0`, `feature_0`,
 *   `Column_0`) when the header carries all of them, else by position: the columns left after
 *   `ignoreColumns`, in order, are the features.
 * Throws `DataError` naming the missing, unknown or duplicated column.
 */
export function matchColumns(
  header: readonly string[],
  features: readonly Feature[],
  fileName: string,
  options: ColumnMatchOptions = {},
): ColumnMapping {
  const ignored = ignoredIndices(header, fileName, options);
  const isNamed = features.some((feature) => feature.isNamed);
  const byName = matchByNames(header, features, fileName, options, ignored, (feature) =>
    isNamed ? [feature.name] : defaultNames(feature),
  );
  if (byName.missing.length === 0 || isNamed) {
    if (byName.missing.length > 0) {
      const names = byName.missing.map((feature) => JSON.stringify(feature.name));
      throw new DataError({
        code: 'E_DATA_COLUMN_MISSING',
        fileName,
        row: 1,
        detail:
          `no column for model feature ${names.slice(0, 8).join(', ')}${names.length > 8 ? `, … (${names.length} missing)` : ''}; ` +
          `the model has named features, matched by header name`,
      });
    }
    return {
      featureColumns: byName.featureColumns,
      matchedBy: isNamed ? 'name' : 'default-name',
      skippedColumns: header.map((_, index) => index).filter((index) => !byName.featureColumns.includes(index)),
    };
  }
  // By position.
  const available = header.map((_, index) => index).filter((index) => !ignored.has(index));
  if (available.length < features.length) {
    const first = features[available.length];
    throw new DataError({
      code: 'E_DATA_COLUMN_MISSING',
      fileName,
      row: 1,
      detail:
        `no column for model feature ${JSON.stringify(first.name)}: the model has ${features.length} unnamed features, ` +
        `matched by position, but the file has ${available.length} column${available.length === 1 ? '' : 's'} to read`,
    });
  }
  if (available.length > features.length && !options.ignoreUnknownColumns) {
    const extra = available.slice(features.length).map((index) => header[index]);
    throw new DataError({
      code: 'E_DATA_COLUMN_UNKNOWN',
      fileName,
      row: 1,
      column: extra[0],
      detail:
        `the model has ${features.length} unnamed features, matched by position, but the file has ${available.length} columns to read; ` +
        `skip the extra ${extra.length === 1 ? 'column' : 'columns'} with --ignore-columns ${extra.map(quoteForShell).join(',')} or --ignore-unknown-columns`,
    });
  }
  const featureColumns = available.slice(0, features.length);
  return {
    featureColumns,
    matchedBy: 'position',
    skippedColumns: header.map((_, index) => index).filter((index) => !featureColumns.includes(index)),
  };
}
