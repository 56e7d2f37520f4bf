import { describe, expect, it } from 'vitest';
import { parsePackedModel } from '../formats';
import { compileModel, layoutOf } from './compile';
import { decodeFlatModel, encodeFlatModel, FlatLayoutError } from './flatCodec';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../testing/shared';

const corpusFile = (name: string) => join(CORPUS_DIR, name);

const FILES = ['lightgbm/keiba_binary_nan_missing_v4.txt', 'lightgbm/lleaves_airline_binary_categorical_v3.txt', 'xgboost/missing_goes_right.txt'];

describe('the evaluator layout file (flatCodec)', () => {
  for (const name of FILES) {
    it(`${name}: reads back as the layout it was written from, and scores the same`, () => {
      const packed = parsePackedModel(readFileSync(corpusFile(name), 'utf8'), name);
      const layout = layoutOf(packed);
      const bytes = encodeFlatModel(layout);
      // Reading from an odd offset copies once; the arrays are still the same.
      const shifted = new Uint8Array(bytes.length + 3);
      shifted.set(bytes, 3);
      for (const decoded of [decodeFlatModel(bytes), decodeFlatModel(shifted.subarray(3))]) {
        expect(decoded).toEqual(layout);
        const fromFile = compileModel(packed, { layout: decoded });
        const fresh = compileModel(packed);
        const rows = 40;
        const values = new Float64Array(rows * fresh.numFeatures).map((_, index) => (index % 7 === 0 ? NaN : ((index * 2654435761) % 1000) / 100 - 3));
        const a = fromFile.predictBatch(values, rows, { leafNodes: true });
        const b = fresh.predictBatch(values, rows, { leafNodes: true });
        expect(a.raw).toEqual(b.raw);
        expect(a.leafNodes).toEqual(b.leafNodes);
      }
    });
  }

  it('refuses what is not a layout, another version, a column out of bounds, and a layout of another model', () => {
    const packed = parsePackedModel(readFileSync(corpusFile(FILES[0]), 'utf8'), FILES[0]);
    const bytes = encodeFlatModel(layoutOf(packed));
    expect(() => decodeFlatModel(new TextEncoder().encode('SPKM not this'))).toThrow(FlatLayoutError);
    const version = bytes.slice();
    version[4] = 9;
    expect(() => decodeFlatModel(version)).toThrow(/format version 9 is not supported/);
    expect(() => decodeFlatModel(bytes.subarray(0, bytes.length - 64))).toThrow(/lies outside the file/);
    const other = parsePackedModel(readFileSync(corpusFile(FILES[2]), 'utf8'), FILES[2]);
    expect(() => compileModel(packed, { layout: layoutOf(other) })).toThrow(/the evaluator layout holds 100 trees, the model 1000/);
  });
});
