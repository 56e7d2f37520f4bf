import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, rowMajor, rowsForModel } from '../analysis/models.testkit';
import { corpus, REFERENCE_DIR } from '../testing/shared';
import { compileModel, joinBatches } from './index';

describe('joinBatches', () => {
  for (const relative of ['lgb_multiclass_iris/model.txt', 'skl_dtc_iris/tree.txt']) {
    it(`${relative}: blocks scored apart and joined equal the rows scored in one batch`, () => {
      const model = loadModel(readFileSync(join(REFERENCE_DIR, relative), 'utf8'), relative);
      const compiled = compileModel(model);
      const rows = rowsForModel(model, readFileSync(join(REFERENCE_DIR, relative.split('/')[0], 'input_main.csv'), 'utf8'), 100);
      const whole = compiled.predictBatch(rowMajor(rows, compiled.numFeatures), rows.length, { leafNodes: true });
      const starts = [0, 7, 40];
      const parts = starts.map((start, index) => {
        const end = starts[index + 1] ?? rows.length;
        return compiled.predictBatch(rowMajor(rows.slice(start, end), compiled.numFeatures), end - start, { leafNodes: true });
      });
      expect(joinBatches(parts, starts, rows.length)).toEqual(whole);
      // One batch of every row is given back as it is.
      expect(joinBatches([whole], [0], rows.length)).toBe(whole);
    });
  }
});

describe('a compiled model keeps its working arrays from batch to batch', () => {
  // Float32 inputs (XGBoost), tiny inputs read as zero (LightGBM), distributions (scikit-learn),
  // through the interpreter and the compiled trees.
  for (const relative of ['xgb_binary_missing/model.json', 'lgb_binary_nan/model.txt', 'skl_dtc_iris/tree.txt', 'lgb_multiclass_iris/model.txt']) {
    for (const kernel of ['interpreter', 'wasm'] as const) {
      it(`${relative}, ${kernel}: batches of 1, many and 1 rows, one after the other, score as fresh models do`, () => {
        const model = loadModel(readFileSync(join(REFERENCE_DIR, relative), 'utf8'), relative);
        const rows = rowsForModel(model, readFileSync(join(REFERENCE_DIR, relative.split('/')[0], 'input_edge.csv'), 'utf8'));
        const reused = compileModel(model, { kernel });
        const numFeatures = reused.numFeatures;
        // Sizes that grow and shrink: a later, smaller batch works in the bigger arrays of an earlier one.
        for (const [start, count] of [[0, 1], [1, rows.length - 1], [3, 1], [2, 5], [rows.length - 1, 1]]) {
          const part = rows.slice(start, start + count);
          const batch = reused.predictBatch(rowMajor(part, numFeatures), part.length, { leafNodes: true });
          const fresh = compileModel(model, { kernel }).predictBatch(rowMajor(part, numFeatures), part.length, { leafNodes: true });
          expect(batch, `rows ${start}…${start + count - 1}`).toEqual(fresh);
        }
      });
    }
  }

  it('a model of 5,057 features scores blocks of 1 and 256 rows with arrays made per batch, as fresh models do', () => {
    const file = corpus('lightgbm/treelite_sparse_categorical_binary_5057feat_v2.txt');
    const model = loadModel(readFileSync(file, 'utf8'), file);
    const reused = compileModel(model, { kernel: 'interpreter' });
    const numFeatures = reused.numFeatures;
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows = Array.from({ length: 300 }, () => Array.from({ length: numFeatures }, () => (random() < 0.1 ? NaN : Math.floor(random() * 40) - 5)));
    for (const [start, count] of [[0, 1], [0, 300], [7, 1], [10, 256]]) {
      const part = rows.slice(start, start + count);
      const fresh = compileModel(model, { kernel: 'interpreter' }).predictBatch(rowMajor(part, numFeatures), part.length);
      expect(reused.predictBatch(rowMajor(part, numFeatures), part.length), `rows ${start}…${start + count - 1}`).toEqual(fresh);
    }
  });
});
