import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../app/analysis/models.testkit';
import { REFERENCE_DIR } from '../../../app/testing/shared';
import { visibleNodeIds } from '../../../app/graph/visibility';
import type { CsvTable } from '../../../app/bridge';
import { compileModel } from '../../../app/eval';
import { packModel } from '../../../app/model/forestBuilder';
import { viewOfPacked } from '../../../app/model/modelView';
import { featureMatrix, prepareTable } from '../testing/table';
import { createAppStore } from './store';
import { isOnPath, nodeTrafficCount } from './testingSlice';

function openedStore(folder: string) {
  const store = createAppStore();
  // As the renderer holds a model: packed, with the lazy view of its trees.
  const packed = packModel(loadModel(readFileSync(join(REFERENCE_DIR, folder, 'model.txt'), 'utf8'), 'model.txt'));
  const model = viewOfPacked(packed);
  store.getState().applyOpenResult({ status: 'ok', document: { id: 'doc', fileName: 'model.txt', sizeBytes: 0, parseMillis: 0, options: {}, packed, model } });
  return { store, model };
}

function firstRow(folder: string): number[] {
  const [, line] = readFileSync(join(REFERENCE_DIR, folder, 'input_main.csv'), 'utf8').split('\n');
  return line.split(',').map((cell) => (cell === '' ? NaN : Number(cell)));
}

describe('testing slice', () => {
  it('scores the vector with paths ending at the library leaf, and tree outputs follow', () => {
    const { store, model } = openedStore('lgb_binary_nan');
    store.getState().setVector(firstRow('lgb_binary_nan'));
    const state = store.getState();
    const expectedLeaves = readFileSync(join(REFERENCE_DIR, 'lgb_binary_nan', 'expected_main_leaf.csv'), 'utf8').split('\n')[1].split(',').map(Number);
    expect(state.rowPrediction!.leaves).toEqual(expectedLeaves);
    const path = state.rowPrediction!.paths![0];
    expect(path[0]).toBe(0);
    expect(model.trees[0].nodes[path[path.length - 1]].type).toBe('leaf');
    expect(isOnPath(state, path[path.length - 1])).toBe(true);
    store.getState().setFeatureValue(1, 1e6);
    expect(store.getState().vector![1]).toBe(1e6);
    expect(store.getState().rowPrediction).not.toBe(state.rowPrediction);
  });

  it('focus path draws only the path and its siblings; switching trees keeps the leaf drawn', () => {
    const { store, model } = openedStore('lgb_regression_diabetes');
    store.getState().setVector(firstRow('lgb_regression_diabetes'));
    store.getState().selectTree(3);
    store.getState().focusPath();
    const path = store.getState().rowPrediction!.paths![3];
    const drawn = visibleNodeIds(model.trees[3], store.getState().collapsed);
    expect(drawn.length).toBe(2 * path.length - 1);
    for (const id of path) expect(drawn).toContain(id);
  });

  it('counts traffic and metrics once a CSV is scored', () => {
    const { store, model } = openedStore('lgb_multiclass_iris');
    const rows = 4;
    const columns = model.features.map((feature, f) => ({ name: feature.name, kind: 'numbers' as const, numbers: Float64Array.from({ length: rows }, (_, r) => [5.1, 6.0, 6.9, 5.8][r] * (f + 1) * 0.5) }));
    const table: CsvTable = { fileName: 'x.csv', sizeBytes: 0, rows, firstRow: 2, blankRows: 0, ragged: [], raggedCount: 0, readMillis: 0, columns: [...columns, { name: 'label', kind: 'texts', texts: ['0', '1', '2', '9'] }] };
    const prepared = prepareTable(model, table);
    if (!prepared.ok) throw new Error(prepared.message);
    store.getState().setCsv({ table, prepared: prepared.table, batch: undefined, scoreMillis: undefined, traffic: undefined, labelColumn: undefined, metrics: undefined, wrong: undefined });
    const batch = compileModel(model).predictBatch(featureMatrix(prepared.table, 0, rows), rows, { leafNodes: true });
    store.getState().setCsvBatch({ batch, millis: 1 });
    expect(nodeTrafficCount(store.getState(), 0)).toBe(rows);
    store.getState().setLabelColumn('label');
    const metrics = store.getState().csv!.metrics!;
    expect(metrics.kind).toBe('classification');
    expect(metrics.rows).toBe(3); // label 9 is no class: skipped and listed
    expect(metrics.skipped.length).toBe(1);
    let correct = 0;
    for (let row = 0; row < 3; row++) if (batch.predictedClass[row] === row) correct++;
    if (metrics.kind === 'classification') expect(metrics.accuracy).toBe(correct / 3);
  });
});

describe('pasting a line without a header', () => {
  // skl_dtr_diabetes: a scikit-learn export_text regression tree naming its 10 features; its file does
  // not say their column order. Oracle: scikit-learn's own predictions of the held-out rows.
  const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'reference', 'skl_dtr_diabetes');
  const packed = packModel(loadModel(readFileSync(join(folder, 'tree.txt'), 'utf8'), 'tree.txt'));
  const model = viewOfPacked(packed);
  const [header, ...rows] = readFileSync(join(folder, 'input_main.csv'), 'utf8').trim().split('\n');
  const expected = readFileSync(join(folder, 'expected_main_pred.csv'), 'utf8').trim().split('\n').slice(1).map(Number);
  const open = (store = createAppStore(), id = 'doc') => {
    store.getState().applyOpenResult({ status: 'ok', document: { id, fileName: 'tree.txt', sizeBytes: 0, parseMillis: 0, options: {}, packed, model } });
    return store;
  };
  const predicted = (store: ReturnType<typeof open>) => store.getState().rowPrediction?.prediction[0];
  const isScikitLearns = (value: number | undefined, row: number) => Math.abs(value! - expected[row]) <= 1e-12 * Math.max(1, Math.abs(expected[row]));

  // A held-out row that reading in the model's internal order (first use in the file) gets wrong.
  const probe = open();
  const wrongRow = rows.findIndex((line, row) => {
    probe.getState().setVector(line.split(',').map(Number));
    return !isScikitLearns(predicted(probe), row);
  });

  it('asks for the column order instead of guessing, then predicts what scikit-learn predicts', () => {
    expect(wrongRow).toBeGreaterThanOrEqual(0);
    const store = open();
    store.getState().pasteVector(rows[wrongRow]);
    expect(store.getState().pendingPasteLine).toBe(rows[wrongRow]);
    expect(store.getState().vector).toBeUndefined();
    expect(store.getState().rowPrediction).toBeUndefined();

    store.getState().setPasteColumns(header);
    expect(store.getState().pendingPasteLine).toBeUndefined();
    expect(store.getState().pasteMessage).toBeUndefined();
    expect(isScikitLearns(predicted(store), wrongRow)).toBe(true);

    // Later lines use the order given once, also after the same file is read again (a new document id).
    open(store, 'reparsed');
    for (const row of [0, 1, rows.length - 1]) {
      store.getState().pasteVector(rows[row]);
      expect(store.getState().pendingPasteLine).toBeUndefined();
      expect(isScikitLearns(predicted(store), row)).toBe(true);
    }
  });

  it('keeps asking when the header does not name every feature; reads by the model order only when chosen', () => {
    const store = open();
    store.getState().pasteVector(rows[wrongRow]);
    store.getState().setPasteColumns('age,sex,bmi');
    expect(store.getState().pasteMessage).toMatch(/no column for model feature/);
    expect(store.getState().pasteColumns).toBeUndefined();
    expect(store.getState().pendingPasteLine).toBe(rows[wrongRow]);

    store.getState().setPasteColumns('model');
    expect(store.getState().pendingPasteLine).toBeUndefined();
    expect(Array.from(store.getState().vector!)).toEqual(rows[wrongRow].split(',').map(Number));
    store.getState().setPasteColumns(undefined);
    store.getState().pasteVector(rows[0]);
    expect(store.getState().pendingPasteLine).toBe(rows[0]);
    store.getState().dismissPendingPaste();
    expect(store.getState().pendingPasteLine).toBeUndefined();
  });

  it('reads a header line plus values, and a model that knows its order, as before', () => {
    const store = open();
    store.getState().pasteVector(`${header}\n${rows[wrongRow]}`);
    expect(isScikitLearns(predicted(store), wrongRow)).toBe(true);
    const { store: lightgbm } = openedStore('lgb_binary_nan');
    lightgbm.getState().pasteVector(firstRow('lgb_binary_nan').map((value) => (value === value ? String(value) : '')).join(','));
    expect(lightgbm.getState().pendingPasteLine).toBeUndefined();
    expect(Array.from(lightgbm.getState().vector!)).toEqual(firstRow('lgb_binary_nan'));
  });
});
