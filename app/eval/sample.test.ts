import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePackedModel } from '../formats';
import { compileModel } from './compile';

const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'samples');

/** The sample the app opens at start (scripts/make_sample_xgboost.py), against XGBoost's own predictions. */
describe('the bundled sample: breast_cancer_xgboost.json', () => {
  const path = join(SAMPLES_DIR, 'breast_cancer_xgboost.json');
  const model = parsePackedModel(readFileSync(path, 'utf8'), path);
  const lines = readFileSync(join(SAMPLES_DIR, 'breast_cancer_xgboost.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const numbers = (name: string) => readFileSync(join(SAMPLES_DIR, `breast_cancer_xgboost.expected_${name}.csv`), 'utf8').trim().split('\n').slice(1).map(Number);

  it('opens without import warnings, with its feature names in the CSV header order', () => {
    expect(model.header.warnings).toEqual([]);
    expect(model.header.features.map((feature) => feature.name)).toEqual(header.slice(0, -1));
    expect(header.at(-1)).toBe('label');
  });

  it('scores every CSV row as XGBoost 1.7.4 did, bit for bit (probability and margin)', () => {
    const compiled = compileModel(model);
    const rows = lines.slice(1).map((line) => line.split(',').slice(0, -1).map(Number));
    const batch = compiled.predictBatch(Float64Array.from(rows.flat()), rows.length);
    expect(Array.from(batch.prediction)).toEqual(numbers('pred'));
    expect(Array.from(batch.raw)).toEqual(numbers('raw'));
  });
});
