import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel, predictPath } from '../eval/index';
import { CORPUS_DIR, REFERENCE_DIR } from '../testing/shared';
import { loadModel, rowMajor, rowsForModel } from './models.testkit';
import { nodeTraffic, trafficFromLeafCounts, trafficPlan } from './traffic';

describe('nodeTraffic', () => {
  for (const [relative, options] of [
    ['lgb_multiclass_iris/model.txt', {}],
    ['xgb_binary_missing/model.json', {}],
    ['skl_dtc_iris/tree.txt', {}],
  ] as const) {
    it(`${relative}: every node counts the rows whose path passes through it`, () => {
      const model = loadModel(readFileSync(join(REFERENCE_DIR, relative), 'utf8'), relative, options);
      const compiled = compileModel(model);
      const rows = rowsForModel(model, readFileSync(join(REFERENCE_DIR, relative.split('/')[0], 'input_main.csv'), 'utf8'), 300);
      const batch = compiled.predictBatch(rowMajor(rows, compiled.numFeatures), rows.length, { leafNodes: true });
      const plan = trafficPlan(model);
      const traffic = nodeTraffic(plan, batch.leafNodes!, rows.length);
      // Independent: walk every row down every tree and count each node on its path.
      const expected = model.trees.map((tree) => new Int32Array(tree.nodes.length));
      rows.forEach((row) => model.trees.forEach((_, t) => predictPath(model, t, row).forEach((node) => expected[t][node]++)));
      model.trees.forEach((tree, t) => {
        expect(Array.from(traffic.counts.subarray(traffic.offsets[t], traffic.offsets[t + 1]))).toEqual(Array.from(expected[t]));
        expect(traffic.counts[traffic.offsets[t]]).toBe(rows.length);
      });
      // Counted while scoring (leafCounts, in two blocks as the page's workers do): the same traffic.
      const leafCounts = new Int32Array(traffic.counts.length);
      const half = Math.floor(rows.length / 2);
      compiled.predictBatch(rowMajor(rows.slice(0, half), compiled.numFeatures), half, { leafCounts });
      compiled.predictBatch(rowMajor(rows.slice(half), compiled.numFeatures), rows.length - half, { leafCounts });
      expect(Array.from(trafficFromLeafCounts(plan, leafCounts, rows.length).counts)).toEqual(Array.from(traffic.counts));
      // A subset of rows (as `wrongRows` gives) counts only those.
      const subset = [0, 5, 5, 17];
      const partial = nodeTraffic(plan, batch.leafNodes!, rows.length, subset);
      expect(partial.rows).toBe(4);
      for (let t = 0; t < model.trees.length; t++) expect(partial.counts[partial.offsets[t]]).toBe(4);
    });
  }

  it('is fast on a 1000-tree model (figure printed, not asserted)', () => {
    const model = loadModel(readFileSync(join(CORPUS_DIR, 'lightgbm/keiba_binary_nan_missing_v4.txt'), 'utf8'), 'keiba.txt');
    const compiled = compileModel(model);
    const rows = 2000;
    const values = new Float64Array(rows * compiled.numFeatures);
    let seed = 1;
    for (let i = 0; i < values.length; i++) values[i] = ((seed = (seed * 48271) % 2147483647) / 2147483647) * 20 - 5;
    const batch = compiled.predictBatch(values, rows, { leafNodes: true });
    const plan = trafficPlan(model);
    const start = performance.now();
    const traffic = nodeTraffic(plan, batch.leafNodes!, rows);
    console.log(`traffic: ${model.trees.length} trees × ${rows} rows in ${(performance.now() - start).toFixed(1)} ms`);
    expect(traffic.counts[0]).toBe(rows);
  });
});
