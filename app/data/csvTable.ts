import type { CsvColumn, CsvTable, RaggedRow } from '../bridge';
import { isBlankText, numberRangeIssue, parseNumberCell, scanShortDecimalBytes, scannedBytesEnd } from './cells';

/**
 * A CSV read into columns for the app's testing panel. Both readers of a quote-free file use it: the
 * browser-mode and Electron host (a file streamed from disk) and the page's reading workers (a
 * dropped file read in parts, one per worker, joined by `joinTableParts`). Files with a quote are
 * read by papaparse into the same `TableSink`.
 */

/** A part's slab is at most this big (the columns of a bigger part start in buffers of their own). */
const MAX_SLAB_BYTES = 1 << 30;

/** Ragged rows listed one by one; past this only the count grows. */
const MAX_LISTED_RAGGED = 1_000;

/** A column being filled: doubles while every cell is a number, texts from the first cell that is not. */
class ColumnBuilder {
  numbers: Float64Array;
  texts: string[] | undefined;
  length = 0;

  /**
   * `capacity`: rows expected (the buffer still grows past it); `isText`: every cell is kept as text;
   * `room`: where the numbers go until they outgrow it (a stretch of the part's slab, see `TableSink.slab`).
   */
  constructor(
    readonly name: string,
    capacity = 1024,
    isText = false,
    room?: Float64Array,
  ) {
    this.numbers = room ?? new Float64Array(isText ? 0 : Math.max(16, capacity));
    if (isText) this.texts = [];
  }

  /** Adds a cell; true when it is a number beyond a double's range (read as ±Infinity or 0). */
  push(text: string): boolean {
    if (this.texts) {
      this.texts.push(text);
      this.length++;
      return false;
    }
    const value = parseNumberCell(text);
    if (value === undefined) {
      // The first cell that is not a number: keep every cell as text from now on (the renderer
      // reports each bad cell by row and column, or reads the column as category labels or labels).
      this.texts = new Array<string>(this.length);
      for (let index = 0; index < this.length; index++) this.texts[index] = formatBack(this.numbers[index]);
      this.texts.push(text);
      this.length++;
      return false;
    }
    this.pushNumber(value);
    return (value === 0 || value === Infinity || value === -Infinity) && numberRangeIssue(text, value) !== undefined;
  }

  /** Adds a cell read as a number (a short decimal is never out of range); only while the column holds numbers. */
  pushNumber(value: number): void {
    if (this.length === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.length++] = value;
  }

  finish(): CsvColumn {
    if (this.texts) return { name: this.name, kind: 'texts', texts: this.texts };
    // A buffer sized from the file's first chunk is nearly full: kept as it is rather than copied.
    const numbers = this.length >= this.numbers.length * 0.9 ? this.numbers.subarray(0, this.length) : this.numbers.slice(0, this.length);
    return { name: this.name, kind: 'numbers', numbers };
  }
}

/** A double back as cell text: the shortest round-trip form, empty for missing. */
function formatBack(value: number): string {
  return value === value ? String(value) : '';
}

/** The header's cells as column names (a byte-order mark before a name is dropped). */
function columnNames(cells: readonly string[]): string[] {
  return cells.map((name) => name.replace(/^\uFEFF/, ''));
}

/**
 * The rows of one stretch of a CSV's lines: its columns, and where its rows, blank lines, ragged
 * rows and out-of-range numbers are. Line numbers count from 1 at the part's first line; the part
 * that reads the header counts it as line 1, like the file.
 */
export interface TablePart {
  columns: CsvColumn[];
  /** Lines read (the header, data rows and blank lines). */
  lines: number;
  rows: number;
  blankRows: number;
  /** Each row's line, when the part has blank lines; without them, row i is on line `lines − rows + 1 + i`. */
  rowLines?: Int32Array;
  ragged: RaggedRow[];
  raggedCount: number;
  outOfRange?: { count: number; row: number; column: string; text: string };
  /** The buffer the numeric columns started in (`TableSink.usesSlab`); some may have outgrown it. */
  slab?: ArrayBuffer;
}

/** A data row's cells and the bookkeeping of every reader: blank lines, ragged rows, line numbers. */
export class TableSink {
  builders: ColumnBuilder[] | undefined;
  /** Lines read so far (the line being read once a row ends). */
  line = 0;
  blankRows = 0;
  rows = 0;
  readonly ragged: RaggedRow[] = [];
  raggedCount = 0;
  outOfRange: TablePart['outOfRange'];
  private readonly rowLines: number[] = [];

  /**
   * Rows the file is expected to hold, when a reader can tell, and the file's size: columns start at
   * that many rows, never more than the file can hold (a row of n cells takes at least n bytes), so a
   * misleading first chunk cannot make the columns bigger than the file's own numbers could fill.
   */
  expected: { rows: number; fileBytes: number } | undefined;

  /**
   * Sets `expected` from the first bytes read, `sample`, of `totalBytes` to read: their lines per byte,
   * with 2% to spare (their line count, when they are all there is). Nothing when they hold no line break.
   */
  expectLike(sample: Uint8Array, totalBytes: number): void {
    let lines = 0;
    for (let at = sample.indexOf(10); at >= 0; at = sample.indexOf(10, at + 1)) lines++;
    if (lines === 0) return;
    const rows = sample.length < totalBytes ? Math.ceil((totalBytes / sample.length) * lines * 1.02) : lines + 1;
    this.expected = { rows, fileBytes: totalBytes };
  }

  /**
   * Starts the columns from the header's cells. `isHeaderLine`: the header is this part's line 1
   * (false for a part after it, whose header another reader read); `textColumns`: indices of
   * columns kept as text from their first cell.
   */
  header(cells: readonly string[], isHeaderLine = true, textColumns: ReadonlySet<number> = new Set()): void {
    if (isHeaderLine) this.line++;
    const names = columnNames(cells);
    const capacity = this.expected && Math.min(this.expected.rows, Math.floor(this.expected.fileBytes / Math.max(1, names.length)) + 1);
    const rows = Math.max(16, capacity ?? 0);
    if (this.usesSlab && capacity !== undefined && names.length * rows * 8 <= MAX_SLAB_BYTES) {
      const slab = (this.slab = new ArrayBuffer(names.length * rows * 8));
      this.builders = names.map((name, index) => new ColumnBuilder(name, rows, textColumns.has(index), textColumns.has(index) ? undefined : new Float64Array(slab, index * rows * 8, rows)));
    } else {
      this.builders = names.map((name, index) => new ColumnBuilder(name, capacity, textColumns.has(index)));
    }
  }

  /**
   * Set before `header` (with `expected`): the numeric columns start as stretches of one buffer, the
   * slab, which the part hands on. Once its columns are joined into the table, a page reuses that
   * memory for the rows' scoring matrix: memory already touched costs a fraction of fresh memory to
   * fill (on this project's machine, 9 ms against 390 ms for 148 MB).
   */
  usesSlab = false;
  slab: ArrayBuffer | undefined;

  blank(): void {
    this.line++;
    this.blankRows++;
  }

  /** Cell `column` (< the header's width) of the row being read, as text. */
  cell(column: number, text: string): void {
    const builder = this.builders![column];
    if (builder.push(text)) {
      if (this.outOfRange) this.outOfRange.count++;
      else this.outOfRange = { count: 1, row: this.line + 1, column: builder.name, text };
    }
  }

  /** Ends the row being read, which had `cellCount` cells: short rows get missing cells, and ragged rows are listed. */
  endRow(cellCount: number): void {
    const builders = this.builders!;
    this.line++;
    for (let column = cellCount; column < builders.length; column++) builders[column].push('');
    if (cellCount !== builders.length) {
      this.raggedCount++;
      if (this.ragged.length < MAX_LISTED_RAGGED) this.ragged.push({ row: this.line, cells: cellCount });
    }
    this.rowLines.push(this.line);
    this.rows++;
  }

  /** What was read; undefined when not even a header was. */
  part(): TablePart | undefined {
    if (!this.builders) return undefined;
    return {
      columns: this.builders.map((builder) => builder.finish()),
      lines: this.line,
      rows: this.rows,
      blankRows: this.blankRows,
      rowLines: this.blankRows > 0 ? Int32Array.from(this.rowLines) : undefined,
      ragged: this.ragged,
      raggedCount: this.raggedCount,
      outOfRange: this.outOfRange,
      slab: this.slab,
    };
  }
}

/**
 * Reads the lines of a quote-free CSV's UTF-8 bytes, fed in chunks in order, into a `TableSink`, without
 * decoding the file to text. A line cut between two chunks is carried to the next. Numbers are
 * parsed from the bytes; only cells that are not short decimals, and lines that may be blank, are
 * decoded (by `decode`, the platform's UTF-8 decoder, which never drops a byte-order mark), each on
 * its own: no byte of a longer UTF-8 character is ASCII, so a cell's text is the same as in the
 * decoded file. The delimiter (one ASCII character) and line break are the caller's (papaparse's
 * guess on the file's first chunk); a quote stops the read, since only papaparse reads quotes as
 * the libraries' CSV readers do. A quote is looked for only where it can be: in the header, and in
 * cells that are not numbers (a short decimal holds none), so the bytes are not scanned a second time
 * for it (a 1 MiB chunk's scan cost 0.5 ms in Node; about 70 ms over the keiba bench's 149 MB file).
 */
export class QuoteFreeBytes {
  private carry: Uint8Array | undefined;
  private readonly delimiterCode: number;
  private readonly isCrLf: boolean;

  constructor(
    readonly sink: TableSink,
    readonly delimiter: string,
    linebreak: '\n' | '\r\n',
    private readonly decode: (bytes: Uint8Array) => string,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    if (delimiter.length !== 1 || this.delimiterCode > 127) throw new Error('QuoteFreeBytes: the delimiter must be one ASCII character');
    this.isCrLf = linebreak === '\r\n';
  }

  /**
   * Reads the chunk's whole lines; false when a line holds a quote: the read stops there, and what
   * was read is for papaparse to read again from the start.
   */
  push(chunk: Uint8Array): boolean {
    let start = 0;
    if (this.carry) {
      const carry = this.carry;
      if (this.isCrLf && carry[carry.length - 1] === 13 && chunk[0] === 10) {
        this.carry = undefined;
        if (!this.readLine(carry, 0, carry.length - 1)) return false;
        start = 1;
      } else {
        const lineEnd = this.lineEnd(chunk, 0);
        if (lineEnd < 0) {
          this.carry = joinBytes(carry, chunk);
          return true;
        }
        this.carry = undefined;
        const line = joinBytes(carry, chunk.subarray(0, lineEnd));
        if (!this.readLine(line, 0, line.length)) return false;
        start = lineEnd + (this.isCrLf ? 2 : 1);
      }
    }
    const breakLength = this.isCrLf ? 2 : 1;
    for (let end = this.lineEnd(chunk, start); end >= 0; end = this.lineEnd(chunk, start)) {
      if (!this.readLine(chunk, start, end)) return false;
      start = end + breakLength;
    }
    // A copy whatever the chunk is: a Node Buffer's `slice` is a view, and a reader may reuse its buffer.
    if (start < chunk.length) this.carry = new Uint8Array(chunk.subarray(start));
    return true;
  }

  /** Reads the last line, when the bytes do not end with a line break; false when it holds a quote (see `push`). */
  end(): boolean {
    const carry = this.carry;
    this.carry = undefined;
    return carry ? this.readLine(carry, 0, carry.length) : true;
  }

  /** Where the line starting at `from` ends (its line break's first byte), or −1. */
  private lineEnd(bytes: Uint8Array, from: number): number {
    return lineBreakAt(bytes, from, bytes.length, this.isCrLf);
  }

  /** One line: the header, a blank line, or a data row. False (and the line not read) when it holds a quote. */
  private readLine(bytes: Uint8Array, start: number, end: number): boolean {
    const sink = this.sink;
    const delimiterCode = this.delimiterCode;
    if (!sink.builders) {
      if (hasQuote(bytes, start, end)) return false;
      sink.header(this.decode(bytes.subarray(start, end)).split(this.delimiter));
      return true;
    }
    // A blank line is whitespace only, without a delimiter: a line starting with a visible ASCII
    // character is not one; any other is decided on its text.
    const first = bytes[start];
    if (start === end || !(first > 32 && first < 128)) {
      // Papaparse's blank line: one cell (no delimiter) of whitespace only.
      const text = this.decode(bytes.subarray(start, end));
      if (isBlankText(text, 0, text.length) && text.indexOf(this.delimiter) < 0) {
        sink.blank();
        return true;
      }
    }
    const builders = sink.builders;
    const width = builders.length;
    let column = 0;
    let cellStart = start;
    for (;;) {
      const builder = column < width ? builders[column] : undefined;
      const value = builder && !builder.texts ? scanShortDecimalBytes(bytes, cellStart, end, delimiterCode) : NaN;
      let cellEnd: number;
      if (value === value) {
        cellEnd = scannedBytesEnd;
        builder!.pushNumber(value);
      } else {
        cellEnd = bytes.indexOf(delimiterCode, cellStart);
        if (cellEnd < 0 || cellEnd > end) cellEnd = end;
        // Not a number: the one kind of cell that can hold a quote (a cell past the header's too).
        if (cellEnd > cellStart && hasQuote(bytes, cellStart, cellEnd)) return false;
        // An empty cell of a numeric column is missing, as `parseNumberCell('')` reads it.
        if (cellEnd === cellStart && builder && !builder.texts) builder.pushNumber(NaN);
        else if (builder) sink.cell(column, cellEnd === cellStart ? '' : this.text(bytes, cellStart, cellEnd));
      }
      column++;
      if (cellEnd >= end) break;
      cellStart = cellEnd + 1;
    }
    sink.endRow(column);
    return true;
  }

  /** A cell's text: short ASCII cells made here, the rest decoded. */
  private text(bytes: Uint8Array, start: number, end: number): string {
    if (end - start <= 32) {
      let isAscii = true;
      for (let index = start; index < end; index++) if (bytes[index] > 127) isAscii = false;
      if (isAscii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
    return this.decode(bytes.subarray(start, end));
  }
}

/**
 * Where the next line break (`\n`, or `\r\n` when `isCrlf`) in `bytes[from, end)` starts, or −1: the
 * line end of every reader of a quote-free file's bytes (the page's, the host's and the CLI's).
 */
export function lineBreakAt(bytes: Uint8Array, from: number, end: number, isCrlf: boolean): number {
  for (let at = bytes.indexOf(10, from); at >= 0 && at < end; at = bytes.indexOf(10, at + 1)) {
    if (!isCrlf) return at;
    if (at > from && bytes[at - 1] === 13) return at - 1;
  }
  return -1;
}

/** Whether `bytes` from `start` to `end` hold a quote (`"`). */
function hasQuote(bytes: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (bytes[index] === 34) return true;
  return false;
}

function joinBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

/** `bytes` without a leading UTF-8 byte-order mark (Excel's "CSV UTF-8" starts with one; it is not part of the first cell). */
export function withoutByteOrderMark(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/**
 * The delimiter and line break papaparse guessed, when `QuoteFreeBytes` can read with them (one ASCII
 * delimiter, `\n` or `\r\n`); undefined when the file is papaparse's to read.
 */
export function quoteFreeLayout(guess: { delimiter: string; linebreak: string }): { delimiter: string; linebreak: '\n' | '\r\n' } | undefined {
  const { delimiter, linebreak } = guess;
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || (linebreak !== '\n' && linebreak !== '\r\n')) return undefined;
  return { delimiter, linebreak };
}

/**
 * Columns that must be read again as text for the parts to join as one read would have made them:
 * for each part, the columns that stayed numbers there although an earlier part turned them to text.
 * (One read keeps every cell after a column's first non-number as it is written, `007` included;
 * a part read on its own would have written it back as `7`.)
 */
export function columnsToReadAsText(parts: readonly TablePart[]): Set<number>[] {
  const width = parts[0]?.columns.length ?? 0;
  const result = parts.map(() => new Set<number>());
  for (let column = 0; column < width; column++) {
    let isText = false;
    parts.forEach((part, index) => {
      if (isText && part.columns[column].kind === 'numbers') result[index].add(column);
      if (part.columns[column].kind === 'texts') isText = true;
    });
  }
  return result;
}

/**
 * One table from the parts of a file read in order (see `columnsToReadAsText` first). `linesBefore`:
 * the lines before the first part (1 when another reader read the header, 0 when the first part did).
 */
export function joinTableParts(parts: readonly TablePart[], linesBefore: number, file: { fileName: string; path?: string; sizeBytes: number; readMillis: number }): CsvTable {
  const rows = parts.reduce((sum, part) => sum + part.rows, 0);
  const columns = parts[0].columns.map((first, column): CsvColumn => {
    if (parts.length === 1) return first;
    if (parts.every((part) => part.columns[column].kind === 'numbers')) {
      const numbers = new Float64Array(rows);
      let at = 0;
      for (const part of parts) {
        const piece = part.columns[column] as Extract<CsvColumn, { kind: 'numbers' }>;
        numbers.set(piece.numbers, at);
        at += piece.numbers.length;
      }
      return { name: first.name, kind: 'numbers', numbers };
    }
    const texts: string[] = [];
    for (const part of parts) {
      const piece = part.columns[column];
      if (piece.kind === 'texts') for (const text of piece.texts) texts.push(text);
      else for (const value of piece.numbers) texts.push(formatBack(value));
    }
    return { name: first.name, kind: 'texts', texts };
  });

  // File rows: each part's lines follow the lines before it.
  const rowNumbers = new Int32Array(rows);
  const ragged: RaggedRow[] = [];
  let raggedCount = 0;
  let blankRows = 0;
  let outOfRange: CsvTable['outOfRange'];
  let offset = linesBefore;
  let at = 0;
  for (const part of parts) {
    for (let row = 0; row < part.rows; row++) rowNumbers[at + row] = offset + (part.rowLines ? part.rowLines[row] : part.lines - part.rows + row + 1);
    at += part.rows;
    for (const entry of part.ragged) if (ragged.length < MAX_LISTED_RAGGED) ragged.push({ row: offset + entry.row, cells: entry.cells });
    raggedCount += part.raggedCount;
    blankRows += part.blankRows;
    if (part.outOfRange) {
      if (outOfRange) outOfRange.count += part.outOfRange.count;
      else outOfRange = { ...part.outOfRange, row: offset + part.outOfRange.row };
    }
    offset += part.lines;
  }
  const firstRow = 2;
  const isConsecutive = rowNumbers.every((line, index) => line === firstRow + index);
  return {
    fileName: file.fileName,
    path: file.path,
    sizeBytes: file.sizeBytes,
    rows,
    firstRow,
    rowNumbers: isConsecutive ? undefined : rowNumbers,
    blankRows,
    columns,
    ragged,
    raggedCount,
    outOfRange,
    readMillis: file.readMillis,
  };
}

/** The table part of a file that is only a header line: its columns, no rows. */
export function headerPart(header: readonly string[]): TablePart {
  const sink = new TableSink();
  sink.header(header);
  return sink.part()!;
}

/** The result for a file without even a header row (both readers give it). */
export function emptyFileError(fileName: string): { status: 'error'; error: { code: string; message: string; fileName: string; row: number } } {
  return { status: 'error', error: { code: 'E_CSV_EMPTY', message: `${fileName}: the file is empty (no header row)`, fileName, row: 1 } };
}

/** Reads bytes `start` to `end` of a file (fewer at its end). */
export type ReadBytes = (start: number, end: number) => Promise<Uint8Array>;

/** Bytes looked at per read while looking for a line break. */
const SEARCH_BYTES = 1 << 16;

/**
 * Where the first line that starts at or after byte `from` starts: just past the first line break
 * found from there (`size` when there is none). A `\n` inside a `\r\n` file's line is not a line break,
 * as `QuoteFreeLines` reads it; in UTF-8 no byte of a longer character is a `\r` or `\n`.
 */
export async function lineStartFrom(from: number, size: number, linebreak: '\n' | '\r\n', read: ReadBytes): Promise<number> {
  for (let at = from; at < size; at += SEARCH_BYTES) {
    // One byte before the window, for a `\r` just before it.
    const base = Math.max(0, at - 1);
    const bytes = await read(base, Math.min(size, at + SEARCH_BYTES));
    for (let index = at - base; index < bytes.length; index++) {
      if (bytes[index] === 10 && (linebreak === '\n' || (index > 0 && bytes[index - 1] === 13))) return base + index + 1;
    }
  }
  return size;
}

/**
 * Cuts the lines from byte `bodyStart` to `size` into at most `count` stretches of whole lines, about
 * equal in bytes, for readers working side by side.
 */
export async function planCsvParts(bodyStart: number, size: number, count: number, linebreak: '\n' | '\r\n', read: ReadBytes): Promise<{ start: number; end: number }[]> {
  const parts: { start: number; end: number }[] = [];
  let start = bodyStart;
  for (let index = 1; index <= count && start < size; index++) {
    const end = index === count ? size : await lineStartFrom(Math.max(start, bodyStart + Math.floor(((size - bodyStart) * index) / count)), size, linebreak, read);
    if (end > start) parts.push({ start, end });
    start = end;
  }
  return parts;
}
