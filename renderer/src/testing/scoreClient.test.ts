import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../app/eval';
import { parsePackedModel } from '../../../app/formats';
import { OPTIONAL_FOREST_COLUMNS } from '../../../app/model/packed';
import { decodePackedModel, encodePackedModel } from '../../../app/model/packedCodec';
import { viewOfPacked } from '../../../app/model/modelView';
import { CORPUS_DIR, REFERENCE_DIR } from '../../../app/testing/shared';
import { scoringBytes, scoringBytesWhenIdle } from './scoreClient';

const csvRows = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));

describe('scoringBytes (the model a scoring worker gets)', () => {
  it('holds only the columns scoring reads, and the worker scores with it as LightGBM does (lgb_binary_nan)', () => {
    const folder = join(REFERENCE_DIR, 'lgb_binary_nan');
    const packed = parsePackedModel(readFileSync(join(folder, 'model.txt'), 'utf8'), 'model.txt');
    // As the page holds an opened model: a view of the packed model.
    const bytes = scoringBytes(viewOfPacked(packed));
    // Its own buffer, so it can be transferred without taking the page's model away.
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
    expect(bytes.length).toBeLessThan(encodePackedModel(packed).length);
    const received = decodePackedModel(bytes);
    for (const name of OPTIONAL_FOREST_COLUMNS) expect(received.forest[name], name).toBeUndefined();
    expect(received.header).toEqual(packed.header);

    const inputs = csvRows(join(folder, 'input_main.csv'));
    const expected = csvRows(join(folder, 'expected_main_raw.csv')).map((row) => Number(row[0]));
    const width = packed.header.features.length;
    const values = new Float64Array(inputs.length * width);
    inputs.forEach((row, index) => row.forEach((cell, feature) => (values[index * width + feature] = cell === '' ? NaN : Number(cell))));
    const batch = compileModel(received, { kernel: 'wasm' }).predictBatch(values, inputs.length);
    expect(Array.from(batch.raw)).toEqual(expected);
  });

  it('is made the same a step at a time in idle time, and given up when the model is no longer current', async () => {
    // keiba: 7 MB of scoring columns, many steps.
    const packed = parsePackedModel(readFileSync(join(CORPUS_DIR, 'lightgbm', 'keiba_binary_nan_missing_v4.txt'), 'utf8'), 'keiba.txt');
    const view = viewOfPacked(packed);
    const whole = scoringBytes(view);
    const stepped = await scoringBytesWhenIdle(view, () => true);
    expect(stepped).toBeInstanceOf(Uint8Array);
    expect(stepped!.length).toBe(whole.length);
    expect(Buffer.from(stepped!).equals(Buffer.from(whole))).toBe(true);
    let steps = 0;
    expect(await scoringBytesWhenIdle(view, () => ++steps < 3)).toBeUndefined();
    expect(steps).toBe(3);
  });
});
