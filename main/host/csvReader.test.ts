import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { REFERENCE_DIR } from '../../app/testing/shared';
import { JobRegistry } from './jobs';
import { readCsv } from './csvReader';

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
