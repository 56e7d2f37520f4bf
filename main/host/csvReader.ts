import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { CsvColumn, CsvLoadResult, CsvTable, RaggedRow } from '../../app/bridge';
import { numberRangeIssue, parseNumberCell } from '../../app/data/cells';
import type { Job } from './jobs';
import { withoutBom } from './withoutBom';

/** Ragged rows listed one by one; past this only the count grows. */
const MAX_LISTED_RAGGED = 1_000;

/** Where the CSV comes from: a file the user chose, or text the renderer sent. */
export type CsvSource = { path: string; fileName: string } | { text: string; fileName: string };

/** A column being filled: doubles while every cell is a number, texts from the first cell that is not. */
class ColumnBuilder {
  numbers: Float64Array = new Float64Array(1024);
  texts: string[] | undefined;
  length = 0;

  constructor(readonly name: string) {}

  /** Adds a cell; true when it is a number beyond a double's range (read as ±Infinity or 0). */
  push(text: string): boolean {
    let isOutOfRange = false;
    if (this.texts) {
      this.texts.push(text);
    } else {
      const value = parseNumberCell(text);
      if (value === undefined) {
        // The first cell that is not a number: keep every cell as text from now on (the renderer
        // reports each bad cell by row and column, or reads the column as category labels or labels).
        this.texts = new Array<string>(this.length);
        for (let index = 0; index < this.length; index++) this.texts[index] = formatBack(this.numbers[index]);
        this.texts.push(text);
      } else {
        if (this.length === this.numbers.length) {
          const grown = new Float64Array(this.numbers.length * 2);
          grown.set(this.numbers);
          this.numbers = grown;
        }
        this.numbers[this.length] = value;
        if (value === 0 || value === Infinity || value === -Infinity) isOutOfRange = numberRangeIssue(text, value) !== undefined;
      }
    }
    this.length++;
    return isOutOfRange;
  }

  finish(): CsvColumn {
    if (this.texts) return { name: this.name, kind: 'texts', texts: this.texts };
    return { name: this.name, kind: 'numbers', numbers: this.numbers.slice(0, this.length) };
  }
}

/** A double back as cell text: the shortest round-trip form, empty for missing. */
function formatBack(value: number): string {
  return value === value ? String(value) : '';
}

/**
 * Reads a CSV with papaparse (streamed from disk in chunks, so progress is reported and a cancel
 * takes effect between chunks). The first row is the header. Blank lines are skipped and counted;
 * ragged rows are kept (short rows padded with missing cells, long rows cut) and listed by row.
 */
export async function readCsv(source: CsvSource, job: Job): Promise<CsvLoadResult | { status: 'cancelled' }> {
  const started = performance.now();
  const sizeBytes = 'path' in source ? (await stat(source.path)).size : Buffer.byteLength(source.text);
  // An aborted signal never fires 'abort' again: a cancel that came before reading starts is seen here.
  if (job.signal.aborted) return { status: 'cancelled' };
  const input = withoutBom('path' in source ? createReadStream(source.path, { encoding: 'utf8', highWaterMark: 1 << 20 }) : Readable.from([source.text]));
  let builders: ColumnBuilder[] | undefined;
  let fileRow = 0;
  let blankRows = 0;
  let rows = 0;
  const ragged: RaggedRow[] = [];
  let raggedCount = 0;
  let outOfRange: CsvTable['outOfRange'];
  const rowNumbers: number[] = [];
  let hasGaps = false;
  let bytesSeen = 0;

  return new Promise((resolveRead, rejectRead) => {
    let settled = false;
    const settle = (value: CsvLoadResult | { status: 'cancelled' }) => {
      if (settled) return;
      settled = true;
      input.destroy();
      resolveRead(value);
    };
    job.signal.addEventListener('abort', () => settle({ status: 'cancelled' }), { once: true });
    Papa.parse<string[]>(input as unknown as File, {
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        if (settled) return parser.abort();
        for (const cells of results.data) {
          fileRow++;
          if (!builders) {
            builders = cells.map((name) => new ColumnBuilder(name.replace(/^\uFEFF/, '')));
            continue;
          }
          if (cells.length === 1 && cells[0].trim() === '') {
            blankRows++;
            continue;
          }
          if (cells.length !== builders.length) {
            raggedCount++;
            if (ragged.length < MAX_LISTED_RAGGED) ragged.push({ row: fileRow, cells: cells.length });
          }
          for (let column = 0; column < builders.length; column++) {
            const text = column < cells.length ? cells[column] : '';
            if (builders[column].push(text)) {
              if (outOfRange) outOfRange.count++;
              else outOfRange = { count: 1, row: fileRow, column: builders[column].name, text };
            }
          }
          if (fileRow !== (rows === 0 ? 2 : rowNumbers[rows - 1] + 1)) hasGaps = true;
          rowNumbers.push(fileRow);
          rows++;
        }
        bytesSeen = results.meta.cursor;
        job.report(sizeBytes > 0 ? Math.min(0.99, bytesSeen / sizeBytes) : null, `Reading ${source.fileName}: ${rows.toLocaleString('en')} rows`);
      },
      complete() {
        if (settled) return;
        if (!builders) {
          return settle({ status: 'error', error: { code: 'E_CSV_EMPTY', message: `${source.fileName}: the file is empty (no header row)`, fileName: source.fileName, row: 1 } });
        }
        const table: CsvTable = {
          fileName: source.fileName,
          path: 'path' in source ? source.path : undefined,
          sizeBytes,
          rows,
          firstRow: 2,
          rowNumbers: hasGaps ? Int32Array.from(rowNumbers) : undefined,
          blankRows,
          columns: builders.map((builder) => builder.finish()),
          ragged,
          raggedCount,
          outOfRange,
          readMillis: performance.now() - started,
        };
        settle({ status: 'ok', table });
      },
      error(error: Error) {
        if (settled) return;
        settled = true;
        rejectRead(error);
      },
    });
  });
}
