/**
 * Stable codes for problems in a data file (a CSV of rows to score). Docs and tests find errors by
 * these codes; the CLI maps every one of them to exit code 4.
 * - E_DATA_EMPTY: the file has no header row.
 * - E_DATA_CSV_SYNTAX: the CSV itself is malformed (an unterminated quote…).
 * - E_DATA_COLUMN_MISSING: a model feature has no column.
 * - E_DATA_COLUMN_UNKNOWN: a column is not a model feature (and was not ignored).
 * - E_DATA_COLUMN_DUPLICATE: two columns claim the same feature.
 * - E_DATA_ROW_LENGTH: a row has more or fewer cells than the header.
 * - E_DATA_VALUE: a cell is not a number (and the feature has no category labels).
 */
export type DataErrorCode =
  | 'E_DATA_EMPTY'
  | 'E_DATA_CSV_SYNTAX'
  | 'E_DATA_COLUMN_MISSING'
  | 'E_DATA_COLUMN_UNKNOWN'
  | 'E_DATA_COLUMN_DUPLICATE'
  | 'E_DATA_ROW_LENGTH'
  | 'E_DATA_VALUE';

/** A data-file problem as data: what and where. */
export interface DataErrorInfo {
  code: DataErrorCode;
  /** One line for people: `in.csv: row 7, column "age": "abc" is not a number (row 1 is the header)`. */
  message: string;
  fileName: string;
  /** 1-based, counting the header row as row 1. */
  row?: number;
  /** The column's header text. */
  column?: string;
}

/** Formats the `file: row N, column "c": ` prefix every data message starts with. */
export function dataLocation(fileName: string, row?: number, column?: string): string {
  const parts: string[] = [];
  if (row !== undefined) parts.push(row === 1 ? 'row 1 (the header)' : `row ${row}`);
  if (column !== undefined) parts.push(`column ${JSON.stringify(column)}`);
  return parts.length > 0 ? `${fileName}: ${parts.join(', ')}: ` : `${fileName}: `;
}

/** Thrown by the data layer for problems the user can fix in the data file or the options. */
export class DataError extends Error {
  readonly info: DataErrorInfo;

  constructor(info: Omit<DataErrorInfo, 'message'> & { detail: string }) {
    // Data rows are numbered like a spreadsheet shows them, so say so once in every row message.
    const note = info.row !== undefined && info.row > 1 ? ' (row 1 is the header)' : '';
    const message = `${dataLocation(info.fileName, info.row, info.column)}${info.detail}${note}`;
    super(message);
    this.name = 'DataError';
    const { detail: _detail, ...rest } = info;
    this.info = { ...rest, message };
  }
}
