import type { BatchPrediction, CompiledModel } from '../eval/types';
import type { TreeModel } from '../model/types';
import { createCellReader, isBlankText, numberRangeIssue, parseNumberCell, parseShortDecimalIn, type CellOptions, type CellReader } from './cells';
import { matchColumns, type ColumnMapping, type ColumnMatchOptions } from './columns';
import { DataError } from './errors';
import { canFailRows, OutputLayout, type OutputOptions } from './output';

/**
 * What to do with a cell that is neither a number nor a missing-value token:
 * - `error` (default): stop with `E_DATA_VALUE` naming the row and column;
 * - `missing`: read it as a missing value, count it and go on;
 * - `row`: give that row no prediction and say why in the `error` column.
 */
export type BadValuePolicy = 'error' | 'missing' | 'row';

/** How to read the table (column matching, cells, bad values) and which output columns to make. */
export interface TableScorerOptions extends ColumnMatchOptions, CellOptions, OutputOptions {
  /** Shown in messages. */
  fileName: string;
  badValues?: BadValuePolicy;
}

/** A cell problem remembered for the summary: where it first happened and how often. */
export interface CellIssue {
  count: number;
  firstRow: number;
  firstColumn: string;
  firstText: string;
}

/** Counts gathered while scoring, for the summary the caller prints. */
export interface ScoringStats {
  /** Data rows scored (blank lines excluded). */
  rows: number;
  /** Blank lines skipped. */
  blankRows: number;
  /** Rows with no prediction (truncated branch or unreadable cell with `badValues: 'row'`). */
  errorRows: number;
  /** First row with no prediction and why. */
  firstError?: { row: number; reason: string };
  /** Cells that were not numbers, read as missing or reported per row. */
  badValues?: CellIssue;
  /** Numeric cells beyond a double's range (`1e400` read as Infinity, `1e-400` as 0). */
  outOfRange?: CellIssue;
  /** Category labels the model does not know, read as missing, by column. */
  unknownLabels: Map<string, CellIssue>;
}

/** Scores the rows of one table whose header is known; call `scoreRows` once per chunk. */
export interface TableScorer {
  /** Output column names. */
  readonly columns: readonly string[];
  readonly mapping: ColumnMapping;
  readonly stats: ScoringStats;
  /**
   * Scores data rows (cells in header order). `firstRow` is the file row number of `rows[0]`,
   * counting the header as row 1. Blank lines (one empty cell) are skipped and give no output row.
   * Throws `DataError` for a row of the wrong length or, with `badValues: 'error'`, a bad cell.
   */
  scoreRows(rows: readonly (readonly string[])[], firstRow: number): string[][];
  /**
   * `scoreRows` in two halves, for a caller that reads rows in chunks and scores them elsewhere or in
   * batches (the CLI): reads the cells into a matrix (same checks and stats as `scoreRows`), then
   * `scoreRead` scores it here, or `formatRows` formats a batch scored from it.
   * Call `formatRows` in the order `readRows` was called, so the stats name the first problem.
   */
  readRows(rows: readonly (readonly string[])[], firstRow: number): ReadRows;
  /**
   * `readRows` of whole lines of a quote-free file, read from the text itself: the lines of `text`
   * from `start` to `end`, each ended by `linebreak` (the last may end at `end` instead), the first
   * being file row `firstRow`. The same checks, values and stats as `readRows` of papaparse's rows
   * of those lines, without a string for each cell (most cells are short decimals, parsed in place).
   */
  readLines(text: string, start: number, end: number, delimiter: string, linebreak: string, firstRow: number): ReadRows;
  formatRows(read: ReadRows, batch: BatchPrediction): string[][];
  /** Scores rows read by `readRows` or `readLines` here, and formats them. */
  scoreRead(read: ReadRows): string[][];
}

/** Rows read by `TableScorer.readRows`: the matrix to score and what `formatRows` needs. */
export interface ReadRows {
  /** Rows × features, row-major (NaN = missing). */
  values: Float64Array;
  /** Index in the chunk of each row in `values` (blank lines have none). */
  kept: number[];
  /** Position in `values` → why that row gets no prediction (`badValues: 'row'`). */
  rowErrors: Map<number, string>;
  firstRow: number;
  /** File rows read, blank lines included: the rows after them start at `firstRow + lines`. */
  lines: number;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.length === 1 && cells[0].trim() === '';
}

function note(issue: CellIssue | undefined, row: number, column: string, text: string): CellIssue {
  if (issue) {
    issue.count++;
    return issue;
  }
  return { count: 1, firstRow: row, firstColumn: column, firstText: text };
}

/**
 * Prepares scoring of a table (a CSV's header and rows) with one model: matches the header to the
 * features (`matchColumns`), builds one cell reader per feature and the output layout. Pure: the
 * CLI feeds it chunks of a streamed file, the UI a whole parsed table.
 */
export function createTableScorer(
  model: TreeModel,
  compiled: CompiledModel,
  header: readonly string[],
  options: TableScorerOptions,
): TableScorer {
  const mapping = matchColumns(header, model.features, options.fileName, options);
  const policy = options.badValues ?? 'error';
  const layout = new OutputLayout(model, {
    raw: options.raw,
    leaves: options.leaves,
    errorColumn: options.errorColumn ?? (canFailRows(model) || policy === 'row'),
  });
  const featureCount = model.features.length;
  // Plain numeric features skip the reader closure: they are nearly every cell of a big file.
  const readers: (CellReader | undefined)[] = model.features.map((feature) =>
    feature.categoryLabels?.length && !options.categoryCodes ? createCellReader(feature, options) : undefined,
  );
  const stats: ScoringStats = { rows: 0, blankRows: 0, errorRows: 0, unknownLabels: new Map() };

  /**
   * Feature `feature`'s value from its cell's text (in column `column`): a number, NaN for a
   * missing or (unless the policy stops) unreadable cell. Notes problems in the stats and `rowErrors`.
   */
  function readCell(feature: number, column: number, text: string, row: number, position: number, rowErrors: Map<number, string>): number {
    const reader = readers[feature];
    let value: number | undefined;
    let problem: string | undefined;
    if (reader) {
      const result = reader(text);
      value = result.value;
      problem = result.problem;
      if (result.unknownLabel) {
        const name = header[column];
        stats.unknownLabels.set(name, note(stats.unknownLabels.get(name), row, name, text));
      }
    } else {
      value = parseNumberCell(text);
      if (value === undefined) {
        problem = `${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)} is not a number`;
        value = NaN;
      } else if ((value === 0 || value === Infinity || value === -Infinity) && numberRangeIssue(text, value)) {
        stats.outOfRange = note(stats.outOfRange, row, header[column], text);
      }
    }
    if (problem !== undefined) {
      if (policy === 'error') {
        throw new DataError({ code: 'E_DATA_VALUE', fileName: options.fileName, row, column: header[column], detail: problem });
      }
      stats.badValues = note(stats.badValues, row, header[column], text);
      if (policy === 'row' && !rowErrors.has(position)) rowErrors.set(position, `column ${JSON.stringify(header[column])}: ${problem}`);
    }
    return value;
  }

  function rowLengthError(row: number, cells: number): DataError {
    return new DataError({
      code: 'E_DATA_ROW_LENGTH',
      fileName: options.fileName,
      row,
      detail: `the row has ${cells} cell${cells === 1 ? '' : 's'} but the header has ${header.length}`,
    });
  }

  function readRows(rows: readonly (readonly string[])[], firstRow: number): ReadRows {
    const kept: number[] = [];
    for (let index = 0; index < rows.length; index++) {
      if (isBlank(rows[index])) stats.blankRows++;
      else kept.push(index);
    }
    const values = new Float64Array(kept.length * featureCount);
    const rowErrors = new Map<number, string>();
    kept.forEach((rowIndex, position) => {
      const cells = rows[rowIndex];
      const row = firstRow + rowIndex;
      if (cells.length !== header.length) throw rowLengthError(row, cells.length);
      const offset = position * featureCount;
      for (let feature = 0; feature < featureCount; feature++) {
        const column = mapping.featureColumns[feature];
        values[offset + feature] = readCell(feature, column, cells[column], row, position, rowErrors);
      }
    });
    return { values, kept, rowErrors, firstRow, lines: rows.length };
  }

  // Where each cell of the current line starts, and one past the last cell's end (readLines).
  const cellStarts = new Int32Array(header.length + 1);

  function readLines(text: string, start: number, end: number, delimiter: string, linebreak: string, firstRow: number): ReadRows {
    let lines = 0;
    for (let at = text.indexOf(linebreak, start); at >= 0 && at < end; at = text.indexOf(linebreak, at + linebreak.length)) lines++;
    if (!text.endsWith(linebreak, end)) lines++;
    let values = new Float64Array(lines * featureCount);
    const kept: number[] = [];
    const rowErrors = new Map<number, string>();
    const width = header.length;
    let lineStart = start;
    for (let index = 0; lineStart < end; index++) {
      let lineEnd = text.indexOf(linebreak, lineStart);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const row = firstRow + index;
      // The cells' bounds; a line with more cells than the header is refused below.
      let cells = 0;
      let cellStart = lineStart;
      for (;;) {
        if (cells < width) cellStarts[cells] = cellStart;
        cells++;
        const next = text.indexOf(delimiter, cellStart);
        if (next < 0 || next >= lineEnd) break;
        cellStart = next + 1;
      }
      if (cells === 1 && isBlankText(text, lineStart, lineEnd)) {
        stats.blankRows++;
      } else {
        if (cells !== width) throw rowLengthError(row, cells);
        cellStarts[width] = lineEnd + 1;
        const position = kept.length;
        kept.push(index);
        const offset = position * featureCount;
        for (let feature = 0; feature < featureCount; feature++) {
          const column = mapping.featureColumns[feature];
          const from = cellStarts[column];
          const to = cellStarts[column + 1] - 1;
          if (!readers[feature]) {
            const value = parseShortDecimalIn(text, from, to);
            if (value === value) {
              values[offset + feature] = value;
              continue;
            }
          }
          values[offset + feature] = readCell(feature, column, text.slice(from, to), row, position, rowErrors);
        }
      }
      lineStart = lineEnd + linebreak.length;
    }
    if (kept.length < lines) values = values.slice(0, kept.length * featureCount);
    return { values, kept, rowErrors, firstRow, lines };
  }

  function formatRows({ kept, rowErrors, firstRow }: ReadRows, batch: BatchPrediction): string[][] {
    const output: string[][] = [];
    kept.forEach((rowIndex, position) => {
      const rowError = rowErrors.get(position);
      const reason = rowError ?? batch.errors.get(position);
      if (reason !== undefined) {
        stats.errorRows++;
        stats.firstError ??= { row: firstRow + rowIndex, reason };
      }
      output.push(layout.formatRow(batch, position, rowError));
    });
    stats.rows += kept.length;
    return output;
  }

  function scoreRead(read: ReadRows): string[][] {
    if (read.kept.length === 0) return [];
    return formatRows(read, compiled.predictBatch(read.values, read.kept.length, { leafNodes: options.leaves }));
  }

  function scoreRows(rows: readonly (readonly string[])[], firstRow: number): string[][] {
    return scoreRead(readRows(rows, firstRow));
  }

  return { columns: layout.columns, mapping, stats, scoreRows, readRows, readLines, formatRows, scoreRead };
}
