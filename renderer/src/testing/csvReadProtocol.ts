import type { TablePart } from '../../../app/data/csvTable';

/** A stretch of a dropped CSV for one reading worker: whole lines after the header, read with the header's columns. */
export interface CsvPartRequest {
  file: Blob;
  /** Byte range: `start` is a line's first byte, `end` one past a line break (or the file's end). */
  start: number;
  end: number;
  /** The header's cells. */
  header: string[];
  delimiter: string;
  linebreak: '\n' | '\r\n';
  /** Columns kept as text from their first cell (a second read, see `columnsToReadAsText`). */
  textColumns: number[];
  /** Start the numeric columns in one slab (`TableSink.usesSlab`): a part to be joined, whose memory then scores its rows. */
  usesSlab: boolean;
}

/** Messages from a reading worker. */
export type CsvPartResponse =
  | { kind: 'progress'; bytes: number }
  | { kind: 'done'; part: TablePart }
  /** The stretch holds a quote: the file is read by papaparse instead. */
  | { kind: 'has-quotes' }
  | { kind: 'error'; message: string };
