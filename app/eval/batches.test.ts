import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, rowMajor, rowsForModel } from '../analysis/models.testkit';
import { REFERENCE_DIR } from '../testing/shared';
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
