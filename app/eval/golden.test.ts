/**
 * Corpus files that ship the library's own outputs (FORMATS.md section F; inputs described in
 * corpus/SOURCES.md). Each model is read through the real adapter (`parseModelText`) and through the
 * test kit's direct reader, so the evaluator is checked even while an adapter is incomplete.
 */
import { describe, expect, it } from 'vitest';
import { parseModelText, type ParseOptions } from '../formats';
import type { TreeModel } from '../model/types';
import { readCorpus } from '../testing/shared';
import { loadLightgbmText, loadXgboostNumericTextDump } from './directLoaders.testkit';
import { compileModel } from './index';
import { expectKernel } from './kernel.testkit';

interface GoldenCase {
  model: string;
  input: string;
  /** `columns`: whitespace-separated values; `libsvm`: label then 0-based `index:value`, absent = NaN. */
  inputKind: 'columns' | 'libsvm';
  /** The first column is the label (leaves_multiclass5 test.tsv). */
  skipFirstColumn?: boolean;
  expected: string;
  compare: 'raw' | 'prediction' | 'leaf';
  /** Relative tolerance; 0 = bit for bit. */
  tolerance: number;
  options?: ParseOptions;
}

const LIGHTGBM = 'lightgbm/';
const CASES: GoldenCase[] = [
  ...['poisson', 'gamma', 'tweedie'].map(
    (kind): GoldenCase => ({
      model: `${LIGHTGBM}leaves_fmtp_${kind}_categorical_v3.txt`,
      input: `${LIGHTGBM}leaves_fmtp_${kind}_categorical_v3.features.tsv`,
      inputKind: 'columns',
      expected: `${LIGHTGBM}leaves_fmtp_${kind}_categorical_v3.true_predictions.txt`,
      compare: 'prediction',
      tolerance: 1e-12,
    }),
  ),
  {
    model: `${LIGHTGBM}leaves_kddcup99_multiclass13_categorical_v2.txt`,
    input: `${LIGHTGBM}leaves_kddcup99_multiclass13_categorical_v2.test.tsv`,
    inputKind: 'columns',
    expected: `${LIGHTGBM}leaves_kddcup99_multiclass13_categorical_v2.true_raw_predictions.txt`,
    compare: 'raw',
    tolerance: 1e-12,
  },
  {
    model: `${LIGHTGBM}leaves_multiclass5_v2.txt`,
    input: `${LIGHTGBM}leaves_multiclass5_v2.test.tsv`,
    inputKind: 'columns',
    skipFirstColumn: true,
    expected: `${LIGHTGBM}leaves_multiclass5_v2.true_raw_predictions.txt`,
    compare: 'raw',
    tolerance: 1e-12,
  },
  {
    model: `${LIGHTGBM}leaves_multiclass5_v2.txt`,
    input: `${LIGHTGBM}leaves_multiclass5_v2.test.tsv`,
    inputKind: 'columns',
    skipFirstColumn: true,
    expected: `${LIGHTGBM}leaves_multiclass5_v2.true_predictions.txt`,
    compare: 'prediction',
    tolerance: 1e-12,
  },
  {
    model: `${LIGHTGBM}leaves_dart_breast_cancer_binary_v2.txt`,
    input: `${LIGHTGBM}leaves_dart_breast_cancer_binary_v2.test.tsv`,
    inputKind: 'columns',
    expected: `${LIGHTGBM}leaves_dart_breast_cancer_binary_v2.true_predictions.txt`,
    compare: 'prediction',
    tolerance: 1e-12,
  },
  {
    model: `${LIGHTGBM}leaves_breast_cancer_binary_v3.txt`,
    input: `${LIGHTGBM}leaves_breast_cancer_binary_v3.data.txt`,
    inputKind: 'columns',
    expected: `${LIGHTGBM}leaves_breast_cancer_binary_v3.pred_leaves.txt`,
    compare: 'leaf',
    tolerance: 0,
  },
  {
    model: `${LIGHTGBM}treelite_toy_categorical_regression_v2.txt`,
    input: `${LIGHTGBM}treelite_toy_categorical_regression_v2.test.libsvm`,
    inputKind: 'libsvm',
    expected: `${LIGHTGBM}treelite_toy_categorical_regression_v2.test.pred.txt`,
    compare: 'prediction',
    tolerance: 1e-12,
  },
  {
    model: `${LIGHTGBM}treelite_sparse_categorical_binary_5057feat_v2.txt`,
    input: `${LIGHTGBM}treelite_sparse_categorical_binary_5057feat_v2.test.libsvm`,
    inputKind: 'libsvm',
    expected: `${LIGHTGBM}treelite_sparse_categorical_binary_5057feat_v2.test.margin.txt`,
    compare: 'raw',
    tolerance: 1e-12,
  },
  {
    model: `${LIGHTGBM}leaves_rf_iris_binary_average_output_v2.txt`,
    input: `${LIGHTGBM}leaves_rf_iris_binary_average_output_v2.test.libsvm`,
    inputKind: 'libsvm',
    expected: `${LIGHTGBM}leaves_rf_iris_binary_average_output_v2.true_predictions.txt`,
    compare: 'prediction',
    tolerance: 1e-12,
    // Written by LightGBM ≤ 2.2.2: leaves are already transformed, the golden values are their mean.
    options: { lightgbmLegacyRf: true },
  },
  {
    model: 'xgboost/fastforest_binary_5feat.txt',
    input: 'xgboost/fastforest_binary_5feat.X.ssv',
    inputKind: 'columns',
    expected: 'xgboost/fastforest_binary_5feat.preds_margin.txt',
    compare: 'raw',
    tolerance: 0,
    options: { objective: 'binary:logistic', baseScore: 0.5 },
  },
];

function numbersOf(line: string): number[] {
  return line
    .trim()
    .split(/\s+/)
    .map((token) => Number(token));
}

/** Rows of doubles in model feature order; libsvm features a row does not list are missing (NaN), FORMATS.md B.4. */
function readRows(golden: GoldenCase, numFeatures: number): Float64Array[] {
  const lines = readCorpus(golden.input).split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const row = new Float64Array(numFeatures).fill(NaN);
    if (golden.inputKind === 'libsvm') {
      for (const pair of line.trim().split(/\s+/).slice(1)) {
        const [index, value] = pair.split(':');
        row[Number(index)] = Number(value);
      }
    } else {
      const values = numbersOf(line).slice(golden.skipFirstColumn ? 1 : 0);
      values.forEach((value, index) => index < numFeatures && (row[index] = value));
    }
    return row;
  });
}

function loaders(golden: GoldenCase): { label: string; load: () => TreeModel }[] {
  const text = () => readCorpus(golden.model);
  const direct = golden.model.startsWith('xgboost/')
    ? () => loadXgboostNumericTextDump(text(), 5)
    : () => loadLightgbmText(text(), { legacyRf: golden.options?.lightgbmLegacyRf });
  return [
    { label: 'parseModelText', load: () => parseModelText(text(), golden.model.split('/').pop()!, golden.options) },
    { label: 'test kit', load: direct },
  ];
}

describe('corpus golden outputs', () => {
  for (const golden of CASES) {
    // Through the interpreter and through the model compiler (app/eval/wasm.ts): once a batch has
    // compiled the trees, single rows take them too.
    for (const [loader, kernel] of loaders(golden).flatMap((loader) => [[loader, 'interpreter'], [loader, 'wasm']] as const)) {
      it(`${golden.model} ${golden.compare} via ${loader.label} (${kernel})`, () => {
        const model = loader.load();
        const compiled = compileModel(model, { kernel });
        const rows = readRows(golden, compiled.numFeatures);
        if (kernel === 'wasm') {
          const batch = new Float64Array(rows.length * compiled.numFeatures);
          rows.forEach((row, r) => batch.set(row, r * compiled.numFeatures));
          compiled.predictBatch(batch, rows.length);
        }
        expectKernel(compiled.kernel, kernel, model);
        const expected = readCorpus(golden.expected)
          .split(/\r?\n/)
          .filter((line) => line.trim() !== '')
          .map(numbersOf);
        expect(expected.length).toBe(rows.length);
        const problems: string[] = [];
        let worst = 0;
        rows.forEach((row, r) => {
          const result = compiled.predictRow(row);
          const actual = golden.compare === 'raw' ? result.raw : golden.compare === 'prediction' ? result.prediction : result.leaves;
          expect(actual.length).toBe(expected[r].length);
          actual.forEach((value, k) => {
            const target = expected[r][k];
            const difference = Math.abs(value - target) / Math.max(1, Math.abs(target));
            worst = Math.max(worst, difference);
            if (!(difference <= golden.tolerance) && problems.length < 10) problems.push(`row ${r} [${k}]: ${value}, expected ${target}`);
          });
        });
        expect(problems).toEqual([]);
        expect(worst).toBeLessThanOrEqual(golden.tolerance);
      });
    }
  }
});
