import type { BatchPrediction, CompiledModel } from '../eval/types';
import type { TreeModel } from '../model/types';
import { decodeUtf8, encodeUtf8 } from '../util/utf8';
import { createCellReader, isBlankText, numberRangeIssue, parseNumberCell, scanShortDecimalBytes, scannedBytesEnd, type CellOptions, type CellReader } from './cells';
import { matchColumns, type ColumnMapping, type ColumnMatchOptions } from './columns';
import { lineBreakAt } from './csvTable';
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
   * Scores data rows (cells in header order) into output CSV lines (`columns` order, each ended by
   * `\n`). `firstRow` is the file row number of `rows[0]`, counting the header as row 1. Blank lines
   * (one empty cell) are skipped and give no output row. Throws `DataError` for a row of the wrong
   * length or, with `badValues: 'error'`, a bad cell.
   */
  scoreRows(rows: readonly (readonly string[])[], firstRow: number): string;
  /**
   * `scoreRows` in two halves, for a caller that reads rows in chunks and scores them elsewhere or in
   * batches (the CLI): reads the cells into a matrix (same checks and stats as `scoreRows`), then
   * `scoreRead` scores it here, or `formatLines` formats a batch scored from it.
   * Call `formatLines` in the order `readRows` was called, so the stats name the first problem.
   */
  readRows(rows: readonly (readonly string[])[], firstRow: number): ReadRows;
  /**
   * `readRows` of whole lines of a quote-free file, read from its UTF-8 bytes: the lines of `bytes`
   * from `start` to `end`, each ended by `linebreak` (the last may end at `end` instead), the first
   * being file row `firstRow`. The same checks, values and stats as `readRows` of papaparse's rows
   * of those lines, without a string for each cell (most cells are short decimals, parsed in place;
   * only the others are decoded). `bytes` is not kept: the caller may reuse it once this returns.
   */
  readLines(bytes: Uint8Array, start: number, end: number, delimiter: string, linebreak: '\n' | '\r\n', firstRow: number): ReadRows;
  /** The output CSV lines of rows read by `readRows` or `readLines`, from their scored batch. */
  formatLines(read: ReadRows, batch: BatchPrediction): string;
  /** Scores rows read by `readRows` or `readLines` here, and formats them (`formatLines`). */
  scoreRead(read: ReadRows): string;
}

/** Rows read by `TableScorer.readRows`: the matrix to score and what `formatLines` needs. */
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
    rawOnly: options.rawOnly,
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

  // For readLines: the feature each column holds (−1: a column not read), and the cells of the
  // current line left to the general reader (feature, start, end; in column order).
  const featureOfColumn = new Int32Array(header.length).fill(-1);
  mapping.featureColumns.forEach((column, feature) => (featureOfColumn[column] = feature));
  const generalCells = new Int32Array(3 * featureCount);
  // The delimiter's UTF-8 bytes, made once per delimiter string.
  let delimiterText = '';
  let delimiterBytes: Uint8Array = new Uint8Array(0);

  function readLines(bytes: Uint8Array, start: number, end: number, delimiter: string, linebreak: '\n' | '\r\n', firstRow: number): ReadRows {
    if (delimiter !== delimiterText) {
      delimiterText = delimiter;
      delimiterBytes = encodeUtf8(delimiter);
    }
    const separator = delimiterBytes;
    const isCrlf = linebreak === '\r\n';
    const breakLength = linebreak.length;
    let lines = 0;
    for (let at = lineBreakAt(bytes, start, end, isCrlf); at >= 0; at = lineBreakAt(bytes, at + breakLength, end, isCrlf)) lines++;
    if (!endsWithBreak(bytes, start, end, isCrlf)) lines++;
    let values = new Float64Array(lines * featureCount);
    const kept: number[] = [];
    const rowErrors = new Map<number, string>();
    const width = header.length;
    // Numbers are scanned to the delimiter, unless it is not one ASCII byte or could be part of a
    // number (`--delimiter .`): then each cell's end is found first and its text read.
    const stopCode = separator.length === 1 && separator[0] < 128 && !/[\d.eE+-]/.test(delimiter) ? separator[0] : -1;
    let lineStart = start;
    for (let index = 0; lineStart < end; index++) {
      let lineEnd = lineBreakAt(bytes, lineStart, end, isCrlf);
      if (lineEnd < 0) lineEnd = end;
      const row = firstRow + index;
      const offset = kept.length * featureCount;
      // One pass over the line: a plain numeric feature's short decimal (or empty, missing) cell is
      // read as its end is found; other cells of features wait until the row's length is checked.
      let cells = 0;
      let general = 0;
      let cellStart = lineStart;
      for (;;) {
        const feature = cells < width ? featureOfColumn[cells] : -1;
        cells++;
        let cellEnd = -1;
        if (feature >= 0 && stopCode >= 0 && !readers[feature]) {
          if (cellStart === lineEnd || bytes[cellStart] === stopCode) {
            values[offset + feature] = NaN;
            cellEnd = cellStart;
          } else {
            const value = scanShortDecimalBytes(bytes, cellStart, lineEnd, stopCode);
            if (value === value) {
              values[offset + feature] = value;
              cellEnd = scannedBytesEnd;
            }
          }
        }
        if (cellEnd < 0) {
          cellEnd = sequenceAt(bytes, separator, cellStart, lineEnd);
          if (cellEnd < 0) cellEnd = lineEnd;
          if (feature >= 0) {
            generalCells[3 * general] = feature;
            generalCells[3 * general + 1] = cellStart;
            generalCells[3 * general + 2] = cellEnd;
            general++;
          }
        }
        if (cellEnd >= lineEnd) break;
        cellStart = cellEnd + separator.length;
      }
      if (cells === 1 && isBlankBytes(bytes, lineStart, lineEnd)) {
        stats.blankRows++;
      } else {
        if (cells !== width) throw rowLengthError(row, cells);
        const position = kept.length;
        kept.push(index);
        // In feature order, as readRows reads them (the first refused cell is the one reported).
        if (general > 1) sortCellsByFeature(generalCells, general);
        for (let cell = 0; cell < general; cell++) {
          const feature = generalCells[3 * cell];
          const column = mapping.featureColumns[feature];
          const text = decodeUtf8(bytes.subarray(generalCells[3 * cell + 1], generalCells[3 * cell + 2]));
          values[offset + feature] = readCell(feature, column, text, row, position, rowErrors);
        }
      }
      lineStart = lineEnd + breakLength;
    }
    if (kept.length < lines) values = values.slice(0, kept.length * featureCount);
    return { values, kept, rowErrors, firstRow, lines };
  }

  function formatLines({ kept, rowErrors, firstRow }: ReadRows, batch: BatchPrediction): string {
    let text = '';
    for (let position = 0; position < kept.length; position++) {
      const rowError = rowErrors.get(position);
      const reason = rowError ?? batch.errors.get(position);
      if (reason !== undefined) {
        stats.errorRows++;
        stats.firstError ??= { row: firstRow + kept[position], reason };
      }
      text += layout.formatLine(batch, position, rowError);
    }
    stats.rows += kept.length;
    return text;
  }

  function scoreRead(read: ReadRows): string {
    if (read.kept.length === 0) return '';
    return formatLines(read, compiled.predictBatch(read.values, read.kept.length, { leafNodes: options.leaves }));
  }

  function scoreRows(rows: readonly (readonly string[])[], firstRow: number): string {
    return scoreRead(readRows(rows, firstRow));
  }

  return { columns: layout.columns, mapping, stats, scoreRows, readRows, readLines, formatLines, scoreRead };
}

/** Sorts the first `count` (feature, start, end) triples of `cells` by feature: few, so by insertion. */
function sortCellsByFeature(cells: Int32Array, count: number): void {
  for (let next = 1; next < count; next++) {
    const feature = cells[3 * next];
    const from = cells[3 * next + 1];
    const to = cells[3 * next + 2];
    let at = next - 1;
    for (; at >= 0 && cells[3 * at] > feature; at--) {
      cells[3 * at + 3] = cells[3 * at];
      cells[3 * at + 4] = cells[3 * at + 1];
      cells[3 * at + 5] = cells[3 * at + 2];
    }
    cells[3 * at + 3] = feature;
    cells[3 * at + 4] = from;
    cells[3 * at + 5] = to;
  }
}

/** `isBlankText` of the UTF-8 bytes `bytes[start, end)`. */
function isBlankBytes(bytes: Uint8Array, start: number, end: number): boolean {
  if (start === end) return true;
  const text = decodeUtf8(bytes.subarray(start, end));
  return isBlankText(text, 0, text.length);
}

/** True when `bytes[start, end)` ends with its line break. */
function endsWithBreak(bytes: Uint8Array, start: number, end: number, isCrlf: boolean): boolean {
  if (end - start < (isCrlf ? 2 : 1) || bytes[end - 1] !== 10) return false;
  return !isCrlf || bytes[end - 2] === 13;
}

/** Where `sequence` (one or more bytes) next starts in `bytes[from, end)`, or -1. */
function sequenceAt(bytes: Uint8Array, sequence: Uint8Array, from: number, end: number): number {
  const first = sequence[0];
  for (let at = bytes.indexOf(first, from); at >= 0 && at + sequence.length <= end; at = bytes.indexOf(first, at + 1)) {
    let length = 1;
    while (length < sequence.length && bytes[at + length] === sequence[length]) length++;
    if (length === sequence.length) return at;
  }
  return -1;
}
