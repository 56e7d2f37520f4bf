import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CsvTable } from '../../../app/bridge';
import { loadModel } from '../../../app/analysis/models.testkit';
import { compileModel } from '../../../app/eval';
import { REFERENCE_DIR } from '../../../app/testing/shared';
import { JobRegistry } from '../../../main/host/jobs';
import { readCsv } from '../../../main/host/csvReader';
import { featureMatrix, knowsColumnOrder, labelTexts, parseVectorText, prepareTable, rowValues } from './table';

const reference = (name: string) => join(REFERENCE_DIR, name);
const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'reference', name);

async function read(path: string): Promise<CsvTable> {
  const result = await readCsv({ path, fileName: path.split('/').pop()! }, new JobRegistry(() => {}).start(undefined, 'load-csv', 'test'));
  if (result.status !== 'ok') throw new Error(JSON.stringify(result));
  return result.table;
}

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => line.split(','));
}

describe('prepareTable', () => {
  it('builds the matrix whose scores are the library leaves (lgb_binary_nan, NaN cells), in blocks as the scoring workers get it', async () => {
    const model = loadModel(readFileSync(reference('lgb_binary_nan/model.txt'), 'utf8'), 'model.txt');
    const table = await read(reference('lgb_binary_nan/input_main.csv'));
    const prepared = prepareTable(model, table);
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.table.problems).toEqual([]);
    expect(prepared.table.unusedColumns).toEqual([]);
    const compiled = compileModel(model);
    const expected = csvRows(reference('lgb_binary_nan/expected_main_leaf.csv')).slice(1);
    expect(prepared.table.rows).toBe(expected.length);
    // A numeric column is its feature's values as read, not a copy.
    expect(prepared.table.featureValues[0]).toBe(table.columns[prepared.table.featureColumns[0]].kind === 'numbers' ? (table.columns[prepared.table.featureColumns[0]] as { numbers: Float64Array }).numbers : undefined);
    const split = Math.floor(expected.length / 3);
    for (const [start, count] of [[0, split], [split, expected.length - split]]) {
      // Built in memory a read part leaves (filled with other numbers, and bigger than needed), the matrix is the same.
      const room = new Float64Array(count * prepared.table.featureValues.length + 100).fill(-7.5).buffer;
      const inRoom = featureMatrix(prepared.table, start, count, room);
      expect(inRoom.buffer).toBe(room);
      expect(Array.from(inRoom)).toEqual(Array.from(featureMatrix(prepared.table, start, count)));
      expect(featureMatrix(prepared.table, start, count, new ArrayBuffer(8)).buffer.byteLength).toBe(inRoom.length * 8); // too small: fresh memory
      const batch = compiled.predictBatch(inRoom, count, { leafNodes: true });
      for (let row = 0; row < count; row++) {
        for (let tree = 0; tree < batch.numTrees; tree++) {
          const node = batch.leafNodes![row * batch.numTrees + tree];
          expect(model.trees[tree].nodes[node].sourceId).toBe(Number(expected[start + row][tree]));
        }
      }
      // One row read on its own (a click on it in the table) is the same row.
      expect(compiled.predictRow(rowValues(prepared.table, start)).raw).toEqual(Array.from(batch.raw.subarray(0, batch.numOutputs)));
    }
  });

  it('reports cells that are not numbers by row and column, keeps every row, offers extra columns as labels', () => {
    const model = loadModel(readFileSync(reference('lgb_multiclass_iris/model.txt'), 'utf8'), 'model.txt');
    const names = model.features.map((feature) => feature.name);
    const table: CsvTable = {
      fileName: 'hand.csv',
      sizeBytes: 0,
      rows: 3,
      firstRow: 2,
      blankRows: 0,
      ragged: [{ row: 4, cells: 2 }],
      raggedCount: 1,
      readMillis: 0,
      columns: [
        { name: names[0], kind: 'numbers', numbers: Float64Array.from([5.1, 4.9, NaN]) },
        { name: names[1], kind: 'texts', texts: ['3.5', 'oops', ''] },
        { name: names[2], kind: 'numbers', numbers: Float64Array.from([1.4, 1.4, NaN]) },
        { name: names[3], kind: 'numbers', numbers: Float64Array.from([0.2, 0.2, NaN]) },
        { name: 'label', kind: 'numbers', numbers: Float64Array.from([0, 0, 1]) },
      ],
    };
    const prepared = prepareTable(model, table);
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.table.rows).toBe(3);
    expect(prepared.table.unusedColumns).toEqual(['label']);
    expect(prepared.table.problems).toEqual([
      { row: 3, column: names[1], text: 'oops', kind: 'not-a-number', reason: '"oops" is not a number' },
      { row: 4, column: '', text: '', kind: 'ragged', reason: 'has 2 cells, the header has 5' },
    ]);
    expect(prepared.table.problemRows).toBe(2);
    expect(Number.isNaN(rowValues(prepared.table, 1)[1])).toBe(true);
    expect(rowValues(prepared.table, 0)[1]).toBe(3.5);
    expect(labelTexts(table, 'label')).toEqual(['0', '0', '1']);
  });

  it('says which named feature has no column', () => {
    const model = loadModel(readFileSync(reference('lgb_multiclass_iris/model.txt'), 'utf8'), 'model.txt');
    const table: CsvTable = { fileName: 'few.csv', sizeBytes: 0, rows: 0, firstRow: 2, blankRows: 0, ragged: [], raggedCount: 0, readMillis: 0, columns: [{ name: 'x', kind: 'numbers', numbers: new Float64Array() }] };
    const prepared = prepareTable(model, table);
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) {
      expect(prepared.code).toBe('E_DATA_COLUMN_MISSING');
      expect(prepared.message).toContain(model.features[0].name);
    }
  });
});

describe('parseVectorText', () => {
  const model = loadModel(readFileSync(reference('lgb_binary_nan/model.txt'), 'utf8'), 'model.txt');
  const [header, first] = csvRows(reference('lgb_binary_nan/input_main.csv'));
  const expected = first.map((cell) => (cell === '' ? NaN : Number(cell)));

  it('reads a values line, a header plus values, and a JSON object alike', () => {
    const line = parseVectorText(model, first.join(','));
    const withHeader = parseVectorText(model, `${header.join(',')}\n${first.join(',')}`);
    const json = parseVectorText(model, JSON.stringify(Object.fromEntries(header.map((name, index) => [name, first[index] === '' ? null : Number(first[index])]))));
    for (const parsed of [line, withHeader, json]) {
      if (!('values' in parsed)) throw new Error(JSON.stringify(parsed));
      expect(Array.from(parsed.values)).toEqual(expected);
      expect(parsed.unknown).toEqual([]);
    }
  });

  it('names keys that are not features and rejects a line of the wrong length', () => {
    const parsed = parseVectorText(model, '{"f01": 1, "colour": 2}');
    if (!('values' in parsed)) throw new Error(JSON.stringify(parsed));
    expect(parsed.unknown).toEqual(['colour']);
    expect(parsed.values[1]).toBe(1);
    expect(Number.isNaN(parsed.values[0])).toBe(true);
    expect(parseVectorText(model, '1,2,3')).toEqual({ error: `3 values, the model has ${model.features.length} features` });
  });
});

describe('knowsColumnOrder', () => {
  const load = (path: string) => loadModel(readFileSync(path, 'utf8'), path.split('/').pop()!);

  it('is false where the file numbers named features by first use, true where it lists them or they are unnamed', () => {
    // scikit-learn export_text with feature names, and an XGBoost text dump naming features without a feature map:
    expect(knowsColumnOrder(load(fixture('skl_dtr_diabetes/tree.txt')))).toBe(false);
    expect(knowsColumnOrder(load(fixture('xgb_softmax_named_missing/model.dump.txt')))).toBe(false);
    // The same XGBoost model's model.json lists its feature names in column order.
    expect(knowsColumnOrder(load(fixture('xgb_softmax_named_missing/model.json')))).toBe(true);
    // Default names carry the column index; LightGBM lists feature_names.
    expect(knowsColumnOrder(load(fixture('skl_dtc_deep_digits/tree.txt')))).toBe(true);
    expect(knowsColumnOrder(load(reference('xgb_binary_missing/model.dump.txt')))).toBe(true);
    expect(knowsColumnOrder(load(reference('lgb_binary_nan/model.txt')))).toBe(true);
  });

  it('a header-less line for such a model is not read; with the header or a column order it is', () => {
    const model = load(fixture('skl_dtr_diabetes/tree.txt'));
    const [header, row] = csvRows(fixture('skl_dtr_diabetes/input_main.csv'));
    expect(parseVectorText(model, row.join(','))).toEqual({ needsColumns: true });
    const byHeader = parseVectorText(model, `${header.join(',')}\n${row.join(',')}`);
    const byColumns = parseVectorText(model, row.join(','), header);
    for (const parsed of [byHeader, byColumns]) {
      if (!('values' in parsed)) throw new Error(JSON.stringify(parsed));
      expect(model.features.map((feature) => parsed.values[feature.index])).toEqual(model.features.map((feature) => Number(row[header.indexOf(feature.name)])));
    }
    expect(parseVectorText(model, row.slice(1).join(','), header)).toEqual({ error: `9 values, your column order has 10 columns` });
  });
});
