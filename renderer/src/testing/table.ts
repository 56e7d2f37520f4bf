import type { CsvColumn, CsvTable } from '../../../app/bridge';
import { createCellReader, parseNumberCell } from '../../../app/data/cells';
import { matchColumns } from '../../../app/data/columns';
import { DataError } from '../../../app/data/errors';
import type { TreeModel } from '../../../app/model/types';

/** A cell that could not be read as its feature needs, by file row and column. */
export interface CellProblem {
  row: number;
  column: string;
  text: string;
  kind: 'not-a-number' | 'unknown-category' | 'ragged' | 'out-of-range';
  reason: string;
}

/** Problems listed one by one; past this only the counts grow. */
const MAX_LISTED_PROBLEMS = 500;

/**
 * A CSV matched to a model: each feature's values, and what did not fit. The CSV is held once: a
 * numeric column is its feature's values as it came from the host (the same array, no copy); only
 * columns read as category labels or holding bad cells get an array of their own.
 */
export interface PreparedTable {
  rows: number;
  /** Per feature, the rows' doubles (NaN = missing). */
  featureValues: Float64Array[];
  /** File row number of data row i. */
  rowNumber: (index: number) => number;
  /** CSV column index of each feature. */
  featureColumns: number[];
  matchedBy: 'name' | 'default-name' | 'position';
  /** Columns no feature reads: offered as label columns, listed as "not used". */
  unusedColumns: string[];
  problems: CellProblem[];
  /** Problem counts by kind, over all rows (not only the listed ones). */
  counts: { notANumber: number; unknownCategory: number; ragged: number; outOfRange: number };
  /** Rows with at least one problem (read with those cells missing, never dropped). */
  problemRows: number;
}

export type PrepareOutcome = { ok: true; table: PreparedTable } | { ok: false; code: string; message: string };

/** Cell text of row `index` of a column, as in the file (doubles written back in shortest form). */
export function cellText(column: CsvColumn, index: number): string {
  if (column.kind === 'texts') return column.texts[index] ?? '';
  const value = column.numbers[index];
  return value === value ? String(value) : '';
}

/**
 * Matches a read CSV to the model's features (app/data `matchColumns`, unknown columns allowed) and
 * builds the matrix to score. Cells that are not numbers, category labels the model does not know and
 * ragged rows are read as missing and reported by row and column; no row is dropped.
 */
export function prepareTable(model: TreeModel, csv: CsvTable): PrepareOutcome {
  const header = csv.columns.map((column) => column.name);
  let mapping;
  try {
    mapping = matchColumns(header, model.features, csv.fileName, { ignoreUnknownColumns: true });
  } catch (error) {
    if (error instanceof DataError) return { ok: false, code: error.info.code, message: error.message };
    throw error;
  }
  const rows = csv.rows;
  const featureValues: Float64Array[] = [];
  const problems: CellProblem[] = [];
  const counts = { notANumber: 0, unknownCategory: 0, ragged: csv.raggedCount, outOfRange: csv.outOfRange?.count ?? 0 };
  const badRows = new Set<number>();
  const rowNumber = (index: number) => (csv.rowNumbers ? csv.rowNumbers[index] : csv.firstRow + index);
  const rowIndexOfFileRow = new Map<number, number>();
  for (const ragged of csv.ragged) {
    problems.push({ row: ragged.row, column: '', text: '', kind: 'ragged', reason: `has ${ragged.cells} cells, the header has ${header.length}` });
  }
  if (csv.outOfRange) {
    const { row, column, text, count } = csv.outOfRange;
    problems.push({
      row,
      column,
      text,
      kind: 'out-of-range',
      reason: `${JSON.stringify(text)} is beyond the range of a double and reads as ${Number(text) === 0 ? '0' : String(Number(text))}${count > 1 ? ` (${count} such cells in the file)` : ''}`,
    });
  }
  if (csv.raggedCount > 0) {
    for (let index = 0; index < rows; index++) rowIndexOfFileRow.set(rowNumber(index), index);
    for (const ragged of csv.ragged) {
      const index = rowIndexOfFileRow.get(ragged.row);
      if (index !== undefined) badRows.add(index);
    }
  }
  mapping.featureColumns.forEach((columnIndex, feature) => {
    const column = csv.columns[columnIndex];
    if (column.kind === 'numbers' && !model.features[feature].categoryLabels?.length) {
      featureValues[feature] = column.numbers;
      return;
    }
    const read = createCellReader(model.features[feature]);
    const values = (featureValues[feature] = new Float64Array(rows));
    for (let index = 0; index < rows; index++) {
      const text = cellText(column, index);
      const cell = read(text);
      values[index] = cell.value;
      if (cell.problem === undefined && !cell.unknownLabel) continue;
      badRows.add(index);
      const kind = cell.unknownLabel ? 'unknown-category' : 'not-a-number';
      if (kind === 'unknown-category') counts.unknownCategory++;
      else counts.notANumber++;
      if (problems.length < MAX_LISTED_PROBLEMS) {
        problems.push({
          row: rowNumber(index),
          column: column.name,
          text,
          kind,
          reason: cell.problem ?? `${JSON.stringify(text)} is not a category the model knows (read as missing)`,
        });
      }
    }
  });
  problems.sort((a, b) => a.row - b.row);
  const used = new Set(mapping.featureColumns);
  return {
    ok: true,
    table: {
      rows,
      featureValues,
      rowNumber,
      featureColumns: mapping.featureColumns,
      matchedBy: mapping.matchedBy,
      unusedColumns: header.filter((_, index) => !used.has(index)),
      problems,
      counts,
      problemRows: badRows.size,
    },
  };
}

/** Row `row` of a prepared table as the model reads it: one double per feature. */
export function rowValues(table: PreparedTable, row: number): Float64Array {
  return Float64Array.from(table.featureValues, (values) => values[row]);
}

/**
 * Rows `start` to `start + count` as the row-major matrix `predictBatch` scores, handed to a scoring
 * worker: in `room` when it is big enough, else a new array.
 */
export function featureMatrix(table: PreparedTable, start: number, count: number, room?: ArrayBuffer): Float64Array {
  const width = table.featureValues.length;
  // Memory already touched, when the caller has some big enough (a read part's slab): filling fresh memory costs far more.
  const matrix = room && room.byteLength >= count * width * 8 ? new Float64Array(room, 0, count * width) : new Float64Array(count * width);
  table.featureValues.forEach((values, feature) => {
    for (let row = 0; row < count; row++) matrix[row * width + feature] = values[start + row];
  });
  return matrix;
}

/** Label cell texts of one column for `computeMetrics` (numbers written back in shortest form). */
export function labelTexts(csv: CsvTable, columnName: string): string[] | undefined {
  const column = csv.columns.find((candidate) => candidate.name === columnName);
  if (!column) return undefined;
  return Array.from({ length: csv.rows }, (_, index) => cellText(column, index));
}

/**
 * True when the model's feature order is the order of its training columns, so a line of values
 * without a header can be read by position. Unnamed features carry their column index (`f3`,
 * `feature 3`, `feature_3`, `Column_3`), and LightGBM and XGBoost model files list their names in
 * column order. Named features of a scikit-learn `export_text` dump or of an XGBoost dump without a
 * feature map are numbered in the order they first appear in the file (`metadata.featureOrder`
 * says so for XGBoost): their column order is unknown. Names the user gave an unnamed model keep its order.
 */
export function knowsColumnOrder(model: TreeModel): boolean {
  if (!model.features.some((feature) => feature.isNamed)) return true;
  // Names the user gave follow the feature indices, which are the columns (app/model/featureNames.ts).
  if (model.metadata.featureNames !== undefined) return true;
  if (model.format === 'sklearn') return false;
  return model.metadata.featureOrder !== 'first appearance in the dump';
}

export type PastedVector =
  | { values: Float64Array; unknown: string[] }
  | { error: string }
  /** A line without a header for a model that does not know its column order: ask which columns these are. */
  | { needsColumns: true };

/**
 * Reads a pasted feature vector: a JSON object (`{"age": 41, …}`), a header line plus a values
 * line, or a values line alone. A values line alone is read in `columns` (a header the user gave
 * once) when set, else by position when the model knows its column order (`knowsColumnOrder`),
 * else not at all: it never guesses. Returns values in feature order (NaN = missing or absent)
 * and the names that matched no feature.
 */
export function parseVectorText(model: TreeModel, text: string, columns?: readonly string[]): PastedVector {
  const names = model.features.map((feature) => feature.name);
  const values = new Float64Array(names.length).fill(NaN);
  const unknown: string[] = [];
  const readCell = (feature: number, cell: string) => {
    const read = createCellReader(model.features[feature])(cell.trim());
    values[feature] = read.value;
  };
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let object: Record<string, unknown>;
    try {
      object = JSON.parse(trimmed) as Record<string, unknown>;
    } catch (error) {
      return { error: `Not valid JSON: ${(error as Error).message}` };
    }
    for (const [key, value] of Object.entries(object)) {
      const feature = names.indexOf(key);
      if (feature < 0) unknown.push(key);
      else if (value === null) values[feature] = NaN;
      else readCell(feature, String(value));
    }
    return { values, unknown };
  }
  const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '');
  const readByHeader = (header: readonly string[], cells: string[]): PastedVector => {
    let featureColumns: number[];
    try {
      featureColumns = matchColumns(header, model.features, 'pasted text', { ignoreUnknownColumns: true }).featureColumns;
    } catch (error) {
      if (error instanceof DataError) return { error: error.message };
      throw error;
    }
    featureColumns.forEach((column, feature) => readCell(feature, cells[column] ?? ''));
    const used = new Set(featureColumns);
    header.forEach((name, index) => !used.has(index) && unknown.push(name));
    return { values, unknown };
  };
  if (lines.length === 0) return { error: 'Nothing to read' };
  if (lines.length >= 2) return readByHeader(splitPastedLine(lines[0]), splitCells(lines[1]));
  const cells = splitCells(lines[0]);
  // A single line of names only (no numbers at all) is a header without values.
  if (cells.every((cell) => parseNumberCell(cell.trim()) === undefined) && cells.length > 1) return { error: 'Only a header line: paste the values line too' };
  if (columns) {
    if (cells.length !== columns.length) return { error: `${cells.length} values, your column order has ${columns.length} columns` };
    return readByHeader(columns, cells);
  }
  if (!knowsColumnOrder(model)) return { needsColumns: true };
  if (cells.length !== names.length) return { error: `${cells.length} values, the model has ${names.length} features` };
  cells.forEach((cell, feature) => readCell(feature, cell));
  return { values, unknown };
}

function splitCells(line: string): string[] {
  return line.split(line.includes('\t') ? '\t' : ',');
}

/** Column names of a pasted header line (comma- or tab-separated, the first line only), trimmed. */
export function splitPastedLine(text: string): string[] {
  const line = text.trim().split(/\r?\n/)[0];
  return line === '' ? [] : splitCells(line).map((name) => name.trim());
}

/** Why `header` cannot serve as the column order of pasted lines (a feature without a column, a repeated name), or undefined. */
export function columnOrderProblem(model: TreeModel, header: readonly string[]): string | undefined {
  if (header.length === 0) return 'Paste the header line: the column names of your data, in order';
  try {
    matchColumns(header, model.features, 'column order', { ignoreUnknownColumns: true });
    return undefined;
  } catch (error) {
    if (error instanceof DataError) return error.message;
    throw error;
  }
}
