import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { REFERENCE_DIR } from '../../app/testing/shared';
import { JobRegistry } from './jobs';
import { readCsv, readQuoteFree } from './csvReader';

const jobs = () => new JobRegistry(() => {});

describe('readCsv', () => {
  it('reads a reference input as columns of doubles equal to Number() of each cell', async () => {
    const path = join(REFERENCE_DIR, 'lgb_binary_nan', 'input_main.csv');
    const result = await readCsv({ path, fileName: 'input_main.csv' }, jobs().start(undefined, 'load-csv', 'test'));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8').trim()).data;
    expect(result.table.rows).toBe(parsed.length - 1);
    expect(result.table.columns.map((column) => column.name)).toEqual(parsed[0]);
    for (const row of [0, 1, parsed.length - 2]) {
      parsed[0].forEach((_, column) => {
        const cell = parsed[row + 1][column];
        const read = result.table.columns[column];
        expect(read.kind).toBe('numbers');
        if (read.kind === 'numbers') expect(read.numbers[row]).toBe(cell === '' ? NaN : Number(cell));
      });
    }
    expect(result.table.ragged).toEqual([]);
  });

  it('keeps text columns as text, lists ragged rows by file row and skips blank lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'a,b,label\n1,2,x\n3,oops,y\n\n4,5\n6,7,z,9\n');
    const result = await readCsv({ path, fileName: 'bad.csv' }, jobs().start(undefined, 'load-csv', 'test'));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    const table = result.table;
    expect(table.rows).toBe(4);
    expect(table.blankRows).toBe(1);
    expect(Array.from(table.rowNumbers!)).toEqual([2, 3, 5, 6]);
    expect(table.ragged).toEqual([
      { row: 5, cells: 2 },
      { row: 6, cells: 4 },
    ]);
    expect(table.columns[0]).toMatchObject({ kind: 'numbers' });
    expect(table.columns[1]).toEqual({ name: 'b', kind: 'texts', texts: ['2', 'oops', '5', '7'] });
    expect(table.columns[2]).toEqual({ name: 'label', kind: 'texts', texts: ['x', 'y', '', 'z'] });
  });

  it('stops when the job is cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const path = join(dir, 'big.csv');
    writeFileSync(path, 'a,b\n' + '1.5,2.5\n'.repeat(2_000_000));
    const registry = jobs();
    const job = registry.start('big', 'load-csv', 'test');
    const reading = readCsv({ path, fileName: 'big.csv' }, job);
    setTimeout(() => registry.cancel('big'), 20);
    expect(await reading).toEqual({ status: 'cancelled' });
  });

  it('reads a header quoted after a byte-order mark (Excel "CSV UTF-8")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const path = join(dir, 'excel.csv');
    writeFileSync(path, '\uFEFF"age","income, yearly",label\n31,"52,000",x\n');
    const result = await readCsv({ path, fileName: 'excel.csv' }, jobs().start(undefined, 'load-csv', 'test'));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.table.columns.map((column) => column.name)).toEqual(['age', 'income, yearly', 'label']);
    expect(result.table.columns[0]).toMatchObject({ kind: 'numbers' });
  });

  it('counts numbers beyond a double (1e400, 1e-400) and names the first by row and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const path = join(dir, 'range.csv');
    writeFileSync(path, 'a,b\n1,2\n0,1e-400\n-1e400,0.0e5\ninf,5e-324\n');
    const result = await readCsv({ path, fileName: 'range.csv' }, jobs().start(undefined, 'load-csv', 'test'));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.table.outOfRange).toEqual({ count: 2, row: 3, column: 'b', text: '1e-400' });
    const b = result.table.columns[1];
    expect(b.kind === 'numbers' && Array.from(b.numbers)).toEqual([2, 0, 0, 5e-324]);
  });
});

describe('the quote-free reader', () => {
  /** Both readers on the same text; the table without its timing. */
  async function both(text: string) {
    const read = async (choice: 'auto' | 'papaparse') => {
      const result = await readCsv({ text, fileName: 'x.csv' }, jobs().start(undefined, 'load-csv', 'test'), choice);
      if (result.status === 'ok') return { ...result, table: { ...result.table, readMillis: 0 } };
      return result;
    };
    // The quote-free reader itself takes these files (it does not hand them to papaparse).
    expect(await readQuoteFree({ text, fileName: 'x.csv' }, jobs().start(undefined, 'load-csv', 'test'), text.length, 0)).not.toBe('has-quotes');
    return { fast: await read('auto'), papaparse: await read('papaparse') };
  }

  const cases: Record<string, string> = {
    'trailing newline': 'a,b\n1,2\n3,4\n',
    'no trailing newline': 'a,b\n1,2\n3,4',
    'CRLF line breaks': 'a,b\r\n1.5,2\r\n\r\n3,x\r\n',
    'blank and whitespace-only lines': 'a,b\n\n1,2\n   \n3,4\n\n',
    'ragged rows, short and long': 'a,b,c\n1,2\n1,2,3,4\n5,6,7\n',
    'text, missing tokens and infinities': 'num,label\n1,yes\nNA,no\n,maybe\ninf,x\n-Infinity,y\nnan,z\n',
    'numbers beyond the fast path': 'a,b\n0.1234567890123456789,1e400\n-0,1e-400\n+5,.5\n5.,-.25e3\n 7 ,0x1F\n',
    'tab-separated': 'a\tb\n1\t2\n3\tx\n',
    'semicolon-separated': 'a;b\n1,5;2\n3;4\n',
    'a byte-order mark': '\uFEFFa,b\n1,2\n',
    'one column': 'a\n1\n2\n\n3\n',
    'lines of whitespace and delimiters only': 'a\tb\n1\t2\n\t\n  \n \t \n\u00a0\n3\t4\n',
    'header only': 'a,b\n',
    'empty file': '',
    'a column turning to text late': 'a,b\n1,2\n3,4\nfive,6\n7,8\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`reads ${name} exactly as papaparse does`, async () => {
      const { fast, papaparse } = await both(text);
      expect(fast).toEqual(papaparse);
    });
  }

  it('hands a file with a quote anywhere to papaparse, past the first chunk too', async () => {
    expect(await readQuoteFree({ text: 'a,b\n"1",2\n', fileName: 'q.csv' }, jobs().start(undefined, 'load-csv', 'test'), 0, 0)).toBe('has-quotes');
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const path = join(dir, 'late-quote.csv');
    const rows = Array.from({ length: 120_000 }, (_, index) => `${index},${index * 0.5}`);
    rows[110_000] = '"1,5",2';
    writeFileSync(path, `a,b\n${rows.join('\n')}\n`);
    const result = await readCsv({ path, fileName: 'late-quote.csv' }, jobs().start(undefined, 'load-csv', 'test'));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.table.rows).toBe(120_000);
    const a = result.table.columns[0];
    expect(a.kind).toBe('texts');
    if (a.kind === 'texts') expect(a.texts[110_000]).toBe('1,5');
  });

  it('reads a reference input with the same doubles as papaparse and Number()', async () => {
    const text = readFileSync(join(REFERENCE_DIR, 'xgb_binary_missing', 'input_main.csv'), 'utf8');
    const { fast, papaparse } = await both(text);
    expect(fast.status).toBe('ok');
    expect(fast).toEqual(papaparse);
  });
});

describe('the quote-free reader across chunks', () => {
  it('reads lines split between 1 MB chunks, CRLF split between its two bytes included, as papaparse does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    for (const linebreak of ['\n', '\r\n']) {
      // Lines of varying length, so chunk boundaries fall everywhere in a line and inside "\r\n".
      const lines = ['a,b,c'];
      for (let row = 0, length = 0; length < 3.2e6; row++) {
        lines.push(`${row},${(row * 0.37).toFixed(row % 7)},${'x'.repeat(row % 13)}${row % 11 === 0 ? '' : row}`);
        length += lines[lines.length - 1].length + linebreak.length;
      }
      // One line padded so that its line break starts on the last byte of the first 1 MiB chunk.
      const before = lines.slice(0, 20_000).join(linebreak) + linebreak;
      const filler = `7,${'9'.repeat(2 ** 20 - 1 - before.length - 2)}`;
      expect((before + filler).length).toBe(2 ** 20 - 1);
      const path = join(dir, `long${linebreak.length}.csv`);
      writeFileSync(path, before + filler + linebreak + lines.slice(20_000).join(linebreak) + linebreak);
      lines.splice(20_000, 0, filler);
      const read = async (choice: 'auto' | 'papaparse') => {
        const result = await readCsv({ path, fileName: 'long.csv' }, jobs().start(undefined, 'load-csv', 'test'), choice);
        if (result.status !== 'ok') throw new Error(JSON.stringify(result));
        return { ...result.table, readMillis: 0 };
      };
      const fast = await read('auto');
      expect(fast.rows).toBe(lines.length - 1);
      expect(fast).toEqual(await read('papaparse'));
    }
  });
});

describe('the quote-free reader sizes its columns from the first chunk', () => {
  it('reads right when the first chunk misleads the estimate (short lines first, wide ones after)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-'));
    const path = join(dir, 'misleading.csv');
    const header = Array.from({ length: 10 }, (_, index) => `c${index}`).join(',');
    const wide = (row: number) => Array.from({ length: 10 }, (_, index) => String((row + index) % 10)).join(',');
    const tail = Array.from({ length: 30_000 }, (_, row) => wide(row)).join('\n');
    writeFileSync(path, `${header}\n${'1\n'.repeat(600_000)}${tail}\n`);
    const result = await readCsv({ path, fileName: 'misleading.csv' }, jobs().start(undefined, 'load-csv', 'test'));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.table.rows).toBe(630_000);
    expect(result.table.raggedCount).toBe(600_000);
    const last = result.table.columns[9];
    if (last.kind !== 'numbers') throw new Error('column 9 should be numbers');
    expect(Number.isNaN(last.numbers[0])).toBe(true);
    expect(last.numbers[629_999]).toBe((29_999 + 9) % 10);
    expect(last.numbers.length).toBe(630_000);
  });
});
