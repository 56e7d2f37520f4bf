import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../eval';
import { parseModelText } from '../formats';
import { REFERENCE_DIR } from '../testing/shared';
import { DataError } from './errors';
import { createTableScorer } from './scoring';

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
    const output = [...scorer.scoreRows(rows.slice(0, 20), 2), ...scorer.scoreRows([[''], ...rows.slice(20)], 22)];
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

  it('names the row of a bad cell counting the header as row 1', () => {
    const scorer = createTableScorer(model, compileModel(model), header, { fileName: 'wine.csv' });
    const bad = rows.slice(0, 3).map((row) => row.slice());
    bad[2][header.indexOf('hue')] = '1,05';
    expect(() => scorer.scoreRows(bad, 2)).toThrow(DataError);
    expect(() => scorer.scoreRows(bad, 2)).toThrow('wine.csv: row 4, column "hue": "1,05" is not a number (row 1 is the header)');
  });
});
