import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CsvTable } from '../bridge';
import { REFERENCE_DIR } from '../testing/shared';
import { columnsToReadAsText, headerPart, joinTableParts, lineStartFrom, planCsvParts, QuoteFreeBytes, TableSink, type TablePart } from './csvTable';

/*
 * The page reads a dropped CSV in parts, side by side, and joins them (renderer/src/testing/csvRead.ts):
 * the joined table must be the table one read of the whole file makes (the host's read, itself held to
 * papaparse's rows by main/host/csvReader.test.ts), whatever the cuts.
 */

const FILE = { fileName: 'x.csv', sizeBytes: 0, readMillis: 0 };

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const decode = (bytes: Uint8Array) => decoder.decode(bytes);

/** Feeds `bytes` to `lines` in pieces cut at the given sizes (cycled), through UTF-8 characters too. */
function feedBytes(lines: QuoteFreeBytes, bytes: Uint8Array, pieces: readonly number[]): void {
  let at = 0;
  for (let index = 0; at < bytes.length; index++) {
    const size = pieces[index % pieces.length];
    lines.push(bytes.subarray(at, at + size));
    at += size;
  }
  lines.end();
}

/** One read of the whole file, from its header (the host's read), in pieces of the given sizes. */
function readWhole(text: string, linebreak: '\n' | '\r\n', pieces: readonly number[] = [1 << 20]): CsvTable {
  return readWholeBytes(new TextEncoder().encode(text), linebreak, pieces);
}

function readWholeBytes(bytes: Uint8Array, linebreak: '\n' | '\r\n', pieces: readonly number[] = [1 << 20]): CsvTable {
  const sink = new TableSink();
  feedBytes(new QuoteFreeBytes(sink, ',', linebreak, decode), bytes, pieces);
  return joinTableParts([sink.part()!], 0, FILE);
}

/** One stretch after the header, as a reading worker reads it: its bytes, never decoded whole. */
function readPart(bytes: Uint8Array, header: string[], linebreak: '\n' | '\r\n', textColumns: Set<number>, pieces: readonly number[]): TablePart {
  const sink = new TableSink();
  // As a reader of several parts does: the numeric columns start in one slab, sized from the part's
  // lines; every other part's estimate is short, so its columns outgrow the slab as they fill.
  const lines = bytes.reduce((count, byte) => count + (byte === 10 ? 1 : 0), 0);
  sink.usesSlab = true;
  sink.expected = { rows: bytes[0] % 2 === 0 ? lines + 1 : 1, fileBytes: bytes.length };
  sink.header(header, false, textColumns);
  feedBytes(new QuoteFreeBytes(sink, ',', linebreak, decode), bytes, pieces);
  return sink.part()!;
}

/** The page's way: header, cuts planned on the bytes, parts read, columns read again as text where needed, joined. */
async function readInParts(text: string, linebreak: '\n' | '\r\n', count: number, pieces: readonly number[]): Promise<{ table: CsvTable; parts: number }> {
  const bytes = new TextEncoder().encode(text);
  const read = async (start: number, end: number) => bytes.subarray(start, end);
  const headerEnd = text.indexOf(linebreak);
  const header = text.slice(0, headerEnd).split(',');
  const bodyStart = new TextEncoder().encode(text.slice(0, headerEnd)).length + linebreak.length;
  const ranges = await planCsvParts(bodyStart, bytes.length, count, linebreak, read);
  if (ranges.length === 0) return { table: joinTableParts([headerPart(header)], 0, FILE), parts: 0 };
  const stretch = (range: { start: number; end: number }) => bytes.subarray(range.start, range.end);
  let parts = ranges.map((range) => readPart(stretch(range), header, linebreak, new Set(), pieces));
  const asText = columnsToReadAsText(parts);
  parts = parts.map((part, index) => (asText[index].size > 0 ? readPart(stretch(ranges[index]), header, linebreak, asText[index], pieces) : part));
  const table = joinTableParts(parts, 1, FILE);
  // The joined columns are the table's own: a part's slab can be written over (it becomes a scoring matrix).
  if (parts.length > 1) for (const part of parts) if (part.slab) new Float64Array(part.slab).fill(-1);
  return { table, parts: parts.length };
}

/** The table as plain data, doubles compared bit for bit (NaN included). */
function plain(table: CsvTable): unknown {
  return {
    ...table,
    rowNumbers: table.rowNumbers && Array.from(table.rowNumbers),
    columns: table.columns.map((column) => (column.kind === 'numbers' ? { ...column, numbers: Array.from(column.numbers, (value) => (Object.is(value, -0) ? '-0' : value === value ? value : 'NaN')) } : column)),
  };
}

/** Tricky files: every case the joining has to get right. */
const CASES: Record<string, string> = {
  plain: 'a,b,c\n1,2,3\n4.5,-6,7e3\n8,9,10\n11,12,13\n',
  'blank lines (leading, inside, trailing) and whitespace-only lines': 'a,b\n\n1,2\n \n3,4\n\n\n5,6\n7,8\n\n\t\n',
  'ragged rows': 'a,b,c\n1,2\n3,4,5,6\n7,8,9\n1\n2,3,4,5,6,7\n',
  'a column that turns to text late (leading zeros kept once it has)': 'id,x,label\n007,1,0\n008,2,1\n009,3,0\nabc,4,1\n010,5,0\n0011,6,1\n012,7,x\n013,8,1\n',
  'a column that turns to text early': 'a,b\nno,1\n007,2\n1.50,3\n-0,4\n1e5,5\n',
  'numbers beyond a double': 'a,b\n1,2\n1e400,3\n4,1e-400\n-1e999,5\n6,7\n1e-999,8\n',
  'missing tokens and odd cells': 'a,b,c\n,NaN,nan\nNA,null,inf\n-inf,+1,.5\n5.,0x10,1_000\n',
  'no line break at the end': 'a,b\n1,2\n3,4\n5,6',
  'Unicode cells and names': 'größe,名前\n1,x\n2,ÿ\n3,日本\n4,5\n',
  'Unicode blanks and marks': 'a,b\n1,2\n\u00a0\n\u3000 \n\ufeff\n3,\u2003x\n\u00a0,4\n5,6\u00a0\n\u1680\n7,8\n',
  'only a header and a line break': 'a,b\n',
  'one-column file with blank lines': 'a\n1\n\n2\n \n3\n',
};

describe('reading a CSV in parts (the page) gives the table of one read (the host)', () => {
  for (const [name, text] of Object.entries(CASES)) {
    for (const linebreak of ['\n', '\r\n'] as const) {
      it(`${name}, ${JSON.stringify(linebreak)}, cut at every line and into 2–5 parts`, async () => {
        const source = linebreak === '\n' ? text : text.replace(/\n/g, '\r\n');
        const whole = plain(readWhole(source, linebreak));
        // Pieces of 1, 2 and 3 bytes carry lines across every kind of cut (a `\r\n` or a character split included).
        expect(plain(readWhole(source, linebreak, [1, 2, 3]))).toEqual(whole);
        expect(plain(readWhole(source, linebreak, [1, 3, 2]))).toEqual(whole);
        const lineCount = source.split(linebreak).length;
        for (let count = 1; count <= Math.max(5, lineCount); count++) {
          for (const pieces of [[1 << 20], [3, 1, 2]]) {
            const { table } = await readInParts(source, linebreak, count, pieces);
            expect(plain(table), `${count} parts, pieces ${pieces.join('/')}`).toEqual(whole);
          }
        }
      });
    }
  }

  it('bytes that are not UTF-8 read as the decoder reads them, in any cut', async () => {
    const parts = ['a,b\n1,', [0xe2, 0x82], ',x\n', [0xff], '2,3\n4,', [0xc3], '\n', [0xe6, 0x97, 0xa5], ',5\n6,7\n'];
    const bytes = Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));
    const whole = readWholeBytes(bytes, '\n');
    // Each cell as the decoder reads the file: a cut sequence and a stray byte become U+FFFD.
    const cells = decode(bytes).split('\n').slice(1, -1).map((line) => line.split(','));
    expect(whole.columns[0]).toEqual({ name: 'a', kind: 'texts', texts: cells.map((row) => row[0]) });
    expect(whole.columns[1]).toEqual({ name: 'b', kind: 'texts', texts: cells.map((row) => row[1]) });
    for (const pieces of [[1], [2, 1], [5, 3]]) expect(plain(readWholeBytes(bytes, '\n', pieces))).toEqual(plain(whole));
  });

  it('a `\\r\\n` file whose lines hold a bare `\\n` is cut only at `\\r\\n`', async () => {
    const source = 'a,b\r\n1,x\ny\r\n2,3\r\n4,z\nw\r\n5,6\r\n';
    const whole = readWhole(source, '\r\n');
    expect(whole.columns[1]).toEqual({ name: 'b', kind: 'texts', texts: ['x\ny', '3', 'z\nw', '6'] });
    for (let count = 2; count <= 6; count++) expect(plain((await readInParts(source, '\r\n', count, [1 << 20])).table)).toEqual(plain(whole));
  });

  it('reference inputs, in up to 7 parts', async () => {
    for (const folder of readdirSync(REFERENCE_DIR).filter((name) => !name.includes('.'))) {
      for (const file of ['input_main.csv', 'input_edge.csv']) {
        const source = readFileSync(join(REFERENCE_DIR, folder, file), 'utf8');
        const whole = plain(readWhole(source, '\n'));
        for (let count = 2; count <= 7; count++) {
          const { table, parts } = await readInParts(source, '\n', count, [4096]);
          expect(parts).toBe(count);
          expect(plain(table), `${folder}/${file} in ${count} parts`).toEqual(whole);
        }
      }
    }
  });

  it('finds the next line start from any byte, past a window of search', async () => {
    const long = 'x'.repeat(200_000);
    const text = `a\n${long}\r\n1\n2\r\n`;
    const bytes = new TextEncoder().encode(text);
    const read = async (start: number, end: number) => bytes.subarray(start, end);
    expect(await lineStartFrom(2, bytes.length, '\n', read)).toBe(2 + long.length + 2);
    expect(await lineStartFrom(2, bytes.length, '\r\n', read)).toBe(2 + long.length + 2);
    // From the `\n` of a `\r\n` whose `\r` lies before the window.
    expect(await lineStartFrom(2 + long.length + 1, bytes.length, '\r\n', read)).toBe(2 + long.length + 2);
    expect(await lineStartFrom(2 + long.length + 2, bytes.length, '\n', read)).toBe(2 + long.length + 4);
    expect(await lineStartFrom(2 + long.length + 2, bytes.length, '\r\n', read)).toBe(bytes.length);
    expect(await lineStartFrom(bytes.length, bytes.length, '\n', read)).toBe(bytes.length);
  });
});

describe('QuoteFreeBytes stops at a quote wherever it is', () => {
  /** Whether the whole text reads without a quote stopping it, fed in pieces of `size` bytes. */
  function readsThrough(text: string, size: number): boolean {
    const lines = new QuoteFreeBytes(new TableSink(), ',', '\n', decode);
    const bytes = new TextEncoder().encode(text);
    for (let at = 0; at < bytes.length; at += size) if (!lines.push(bytes.subarray(at, at + size))) return false;
    return lines.end();
  }

  const quoted: Record<string, string> = {
    'in the header': '"a",b\n1,2\n',
    'in a text cell': 'a,b\nx"y,2\n',
    'right after a number': 'a,b\n1",2\n',
    'as an empty quoted cell': 'a,b\n"",2\n',
    'in a cell past the header': 'a,b\n1,2,"3"\n',
    'in a line of spaces': 'a,b\n  "\n',
    'in the last line, without a line break': 'a,b\n1,2\n3,"4"',
    'in a row after many': `a,b\n${Array.from({ length: 5000 }, (_, row) => `${row},${row / 7}`).join('\n')}\n5,"6"\n7,8\n`,
  };

  for (const [where, text] of Object.entries(quoted)) {
    it(where, () => {
      for (const size of [1, 3, 7, 64, 1 << 20]) expect({ size, reads: readsThrough(text, size) }).toEqual({ size, reads: false });
      // The same text without its quotes reads through.
      for (const size of [1, 7, 1 << 20]) expect({ size, reads: readsThrough(text.replaceAll('"', ''), size) }).toEqual({ size, reads: true });
    });
  }
});

describe('QuoteFreeBytes keeps a copy of a line cut between pieces', () => {
  it('reads the same table when the reader reuses one Node Buffer for every piece (its slice is a view)', () => {
    const text = `a,b,c\n${Array.from({ length: 300 }, (_, row) => `${row},${row / 7},${row % 3 === 0 ? '' : row * 1.5}`).join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    for (const size of [5, 64, 1000]) {
      const sink = new TableSink();
      const lines = new QuoteFreeBytes(sink, ',', '\n', decode);
      // One buffer, filled again for each piece, as a reader that reads a file through one buffer does.
      const buffer = Buffer.alloc(size);
      for (let at = 0; at < bytes.length; at += size) {
        const piece = bytes.subarray(at, at + size);
        buffer.set(piece);
        expect(lines.push(buffer.subarray(0, piece.length))).toBe(true);
      }
      lines.end();
      expect({ size, table: joinTableParts([sink.part()!], 0, FILE) }).toEqual({ size, table: readWhole(text, '\n') });
    }
  });
});
