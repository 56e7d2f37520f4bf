import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../eval';
import { parseModelText } from '../formats';
import { REFERENCE_DIR } from '../testing/shared';
import { DataError } from './errors';
import { createTableScorer, type TableScorer } from './scoring';

function readTable(path: string): string[][] {
  return Papa.parse<string[]>(readFileSync(path, 'utf8'), { delimiter: ',', skipEmptyLines: true }).data;
}

const CASE = join(REFERENCE_DIR, 'xgb_multiclass_softprob');
const model = parseModelText(readFileSync(join(CASE, 'model.json'), 'utf8'), 'model.json');
const [header, ...rows] = readTable(join(CASE, 'input_main.csv'));

describe('createTableScorer (XGBoost multi:softprob reference case)', () => {
  it('gives the columns and, chunk by chunk, the library predictions', () => {
    const scorer = createTableScorer(model, compileModel(model), header, { fileName: 'input_main.csv', raw: true, leaves: true });
    expect(scorer.columns.slice(0, 7)).toEqual(['prediction', 'prob_0', 'prob_1', 'prob_2', 'raw_0', 'raw_1', 'raw_2']);
    expect(scorer.columns).toHaveLength(7 + model.trees.length);
    expect(scorer.mapping.matchedBy).toBe('name');
    // Two chunks with a blank line between them, as a streamed file delivers them.
    const text = scorer.scoreRows(rows.slice(0, 20), 2) + scorer.scoreRows([[''], ...rows.slice(20)], 22);
    const output = Papa.parse<string[]>(text.trimEnd(), { delimiter: ',' }).data;
    expect(output).toHaveLength(rows.length);
    expect(scorer.stats).toMatchObject({ rows: rows.length, blankRows: 1, errorRows: 0 });
    const [, ...probabilities] = readTable(join(CASE, 'expected_main_pred.csv'));
    const [, ...raws] = readTable(join(CASE, 'expected_main_raw.csv'));
    const [, ...leaves] = readTable(join(CASE, 'expected_main_leaf.csv'));
    output.forEach((row, index) => {
      // XGBoost's outputs are float32 values printed as the shortest double: the same text exactly.
      expect(row.slice(1, 4).map(Number)).toEqual(probabilities[index].map(Number));
      expect(row.slice(4, 7).map(Number)).toEqual(raws[index].map(Number));
      expect(row.slice(7)).toEqual(leaves[index]);
      const best = probabilities[index].map(Number).indexOf(Math.max(...probabilities[index].map(Number)));
      expect(row[0]).toBe(String(best));
    });
  });

  it('writes CSV lines that read back as the cells: quoted labels and errors, empty cells for a row without a prediction', () => {
    // The same model with class labels that need quotes.
    const labels = ['a,b', 'say "hi"', ' lead'];
    const labelled = { ...model, classes: labels };
    const scorer = createTableScorer(labelled, compileModel(labelled), header, { fileName: 'a.csv', raw: true, leaves: true, badValues: 'row' });
    expect(scorer.columns.at(-1)).toBe('error');
    const bad = rows.slice(0, 6).map((row) => row.slice());
    bad[2][header.indexOf('hue')] = '1,05';
    const text = scorer.scoreRows(bad, 2);
    expect(text.endsWith('\n')).toBe(true);
    const lines = Papa.parse<string[]>(text.trimEnd(), { delimiter: ',' }).data;
    expect(lines).toHaveLength(6);
    const leafColumns = scorer.columns.filter((name) => name.startsWith('leaf_')).length;
    for (const [index, cells] of lines.entries()) {
      expect(cells).toHaveLength(scorer.columns.length);
      if (index === 2) {
        // Prediction, probabilities, raw scores and leaves empty; the reason, quoted, in the error column.
        expect(cells.slice(0, -1).every((cell) => cell === '')).toBe(true);
        expect(cells.at(-1)).toBe('column "hue": "1,05" is not a number');
      } else {
        expect(labels).toContain(cells[0]);
        expect(cells.slice(1, 7).every((cell) => Number.isFinite(Number(cell)) && cell !== '')).toBe(true);
        expect(cells.slice(7, 7 + leafColumns).every((cell) => /^\d+$/.test(cell))).toBe(true);
        expect(cells.at(-1)).toBe('');
      }
    }
    expect(scorer.stats).toMatchObject({ rows: 6, errorRows: 1, firstError: { row: 4 } });
  });

  it('names the row of a bad cell counting the header as row 1', () => {
    const scorer = createTableScorer(model, compileModel(model), header, { fileName: 'wine.csv' });
    const bad = rows.slice(0, 3).map((row) => row.slice());
    bad[2][header.indexOf('hue')] = '1,05';
    expect(() => scorer.scoreRows(bad, 2)).toThrow(DataError);
    expect(() => scorer.scoreRows(bad, 2)).toThrow('wine.csv: row 4, column "hue": "1,05" is not a number (row 1 is the header)');
  });
});

describe('TableScorer.readLines (the CLI reads quote-free lines in place, from the bytes)', () => {
  /** `readLines` of all of `text`'s UTF-8 bytes, lines ended by \n. */
  const readText = (scorer: TableScorer, text: string, delimiter: string, firstRow: number) => {
    const bytes = new TextEncoder().encode(text);
    return scorer.readLines(bytes, 0, bytes.length, delimiter, '\n', firstRow);
  };

  const CELLS = ['', 'nan', 'NA', ' 1.5 ', '1e5', '-0', 'inf', '-Infinity', '1e400', '1e-400', 'abc', '+.5', '1.', '3.14159265358979323846', '0.1e-3', ' ', '12345678901234567890',
    // Edges of the one-pass parse: 24 and 25 characters, leading zeros, cut exponents and signs.
    '123456789012.34567890123', '123456789012.345678901234', '0000000000000000000000001.5', '1e', '1e+', '-', '.', '+', '1.2.3', '0x10', '\u22121', '1e+5', '-.5e-2'];

  /** The reference rows four times over, with one cell in six replaced by an odd one, and some blank lines. */
  function oddLines(seed: number): string[] {
    let state = seed;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const lines: string[] = [];
    for (const row of [...rows, ...rows, ...rows, ...rows]) {
      if (next() < 0.05) lines.push(next() < 0.5 ? '' : '   ');
      lines.push(row.map((cell) => (next() < 1 / 6 ? CELLS[Math.floor(next() * CELLS.length)] : cell)).join(','));
    }
    return lines;
  }

  function expectSameRead(text: string, linebreak: '\n' | '\r\n', policy: 'missing' | 'row'): void {
    const byRows = createTableScorer(model, compileModel(model), header, { fileName: 'a.csv', badValues: policy });
    const byLines = createTableScorer(model, compileModel(model), header, { fileName: 'a.csv', badValues: policy });
    const expected = byRows.readRows(Papa.parse<string[]>(text, { delimiter: ',', newline: linebreak as '\n' }).data, 2);
    // Read from the middle of a longer string, as the CLI reads a chunk.
    const padded = new TextEncoder().encode(`x${linebreak}${text}${linebreak}tail`);
    const start = 1 + linebreak.length;
    const actual = byLines.readLines(padded, start, start + new TextEncoder().encode(text).length, ',', linebreak, 2);
    expect(actual.kept).toEqual(expected.kept);
    expect(actual.values.length).toBe(expected.values.length);
    expect(Array.from(actual.values).every((value, i) => Object.is(value, expected.values[i]))).toBe(true);
    expect([...actual.rowErrors]).toEqual([...expected.rowErrors]);
    expect(byLines.stats).toEqual(byRows.stats);
  }

  it('gives the values, kept rows, row errors and stats readRows gives for papaparse’s rows, with \\n and \\r\\n', () => {
    for (const seed of [1, 2, 3]) {
      const lines = oddLines(seed);
      for (const linebreak of ['\n', '\r\n'] as const) {
        expectSameRead(lines.join(linebreak), linebreak, 'missing');
        expectSameRead(lines.join(linebreak), linebreak, 'row');
      }
    }
    const scorer = createTableScorer(model, compileModel(model), header, { fileName: 'a.csv', badValues: 'missing' });
    // The odd cells are there: bad ones, out of range ones, blank lines.
    const text = oddLines(1).join('\n');
    expect(readText(scorer, text, ',', 2).kept.length).toBe(rows.length * 4);
    expect(scorer.stats.badValues?.count).toBeGreaterThan(10);
    expect(scorer.stats.outOfRange?.count).toBeGreaterThan(10);
    expect(scorer.stats.blankRows).toBeGreaterThan(3);
  });

  it('reads columns in another order than the features, and reports the first bad cell in feature order, as readRows does', () => {
    const order = header.map((_, index) => header.length - 1 - index);
    const reversed = order.map((index) => header[index]);
    const lines = rows.slice(0, 30).map((row) => order.map((index) => row[index]));
    const scorer = () => createTableScorer(model, compileModel(model), reversed, { fileName: 'a.csv', badValues: 'missing' });
    const text = lines.map((cells) => cells.join(',')).join('\n');
    const byRows = scorer().readRows(lines, 2);
    const byLines = readText(scorer(), text, ',', 2);
    expect(Array.from(byLines.values)).toEqual(Array.from(byRows.values));
    // Two bad cells in one row: the lower feature (the later column here) is the one named.
    const bad = lines.map((cells) => cells.slice());
    bad[3][0] = 'x';
    bad[3][reversed.length - 1] = 'y';
    const badText = bad.map((cells) => cells.join(',')).join('\n');
    const strict = () => createTableScorer(model, compileModel(model), reversed, { fileName: 'a.csv' });
    const message = `a.csv: row 5, column ${JSON.stringify(reversed[reversed.length - 1])}: "y" is not a number (row 1 is the header)`;
    expect(() => strict().readRows(bad, 2)).toThrow(message);
    expect(() => readText(strict(), badText, ',', 2)).toThrow(message);
    // A bad cell in a row of the wrong length: the length is what is reported.
    const ragged = badText.split('\n');
    ragged[3] += ',1';
    const raggedText = ragged.join('\n');
    expect(() => readText(strict(), raggedText, ',', 2)).toThrow(`a.csv: row 5: the row has ${header.length + 1} cells but the header has ${header.length}`);
  });

  it('splits cells at any one-character delimiter, a character of numbers included', () => {
    for (const delimiter of [';', '\t', '.', 'e', '-', '5', '\u{1D11E}']) {
      // Integer cells, some negative, empty or in exponent form, so a delimiter such as "." or "e" stays a delimiter.
      const cells = rows.slice(0, 20).map((row, line) => row.map((cell, column) => ((line + column) % 7 === 0 ? '' : String(Math.round(Number(cell) * 10)))));
      const safe = cells.map((row) => row.map((cell) => (cell.includes(delimiter) ? '3' : cell)));
      const text = safe.map((row) => row.join(delimiter)).join('\n');
      const byRows = createTableScorer(model, compileModel(model), header, { fileName: 'a.csv' }).readRows(safe, 2);
      const byLines = readText(createTableScorer(model, compileModel(model), header, { fileName: 'a.csv' }), text, delimiter, 2);
      expect(Array.from(byLines.values).every((value, i) => Object.is(value, byRows.values[i])), `delimiter ${JSON.stringify(delimiter)}`).toBe(true);
    }
  });

  it('stops at a bad cell or a row of the wrong length with the same message, counting lines from the first row given', () => {
    const lines = rows.slice(0, 30).map((row) => row.join(','));
    const badCell = lines.slice();
    badCell[17] = 'oops' + badCell[17].slice(badCell[17].indexOf(','));
    const short = lines.slice();
    short[9] = short[9].slice(0, short[9].lastIndexOf(','));
    const long = lines.slice();
    long[4] += ',1';
    for (const [variant, message] of [
      [badCell, 'a.csv: row 24, column "alcohol": "oops" is not a number (row 1 is the header)'],
      [short, `a.csv: row 16: the row has ${header.length - 1} cells but the header has ${header.length}`],
      [long, `a.csv: row 11: the row has ${header.length + 1} cells but the header has ${header.length}`],
    ] as const) {
      const text = ['', ...variant].join('\n');
      const byRows = createTableScorer(model, compileModel(model), header, { fileName: 'a.csv' });
      const byLines = createTableScorer(model, compileModel(model), header, { fileName: 'a.csv' });
      expect(() => byRows.readRows(Papa.parse<string[]>(text, { delimiter: ',' }).data, 6)).toThrow(message);
      expect(() => readText(byLines, text, ',', 6)).toThrow(message);
    }
  });
});
