/**
 * The Spark bundle (`--target spark`), run with Debian's Python (numpy, pandas, dask, distributed):
 * its selftest must pass for every reference case and the export tests' fixtures; its
 * `predict_pandas`, job.py's scoring function and a Dask LocalCluster of several worker processes
 * must give `splitscope predict`'s numbers row for row. Spark itself cannot be installed here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModelText, type ParseOptions } from '../../app/formats';
import { linkTree } from '../../app/model/tree';
import type { TreeModel, TreeNode } from '../../app/model/types';
import { corpus, REFERENCE_DIR } from '../../app/testing/shared';
import { exportBundle, type ExportResult, type ExportSuccess } from './index';
import { buildRuntimeForTests } from './testkit';

export const PYTHON = process.env.SPLITSCOPE_PYTHON || '/usr/bin/python3';
const FIXTURE_REFERENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'reference');

let runtimeDir: string;
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-spark-test-'));
let folderCount = 0;
const newFolder = () => join(scratch, `bundle-${++folderCount}`);

function expectOk(result: ExportResult): ExportSuccess {
  if (result.status !== 'ok') throw new Error(`export failed: ${result.code}: ${result.message}\n${result.output ?? ''}`);
  return result;
}

interface Meta {
  case: string;
  objective?: string;
  base_score?: number;
  num_class?: number;
  model_files: Record<string, string>;
}

/** Every model file of every reference case (shared and fixtures), read as the app reads it. */
function referenceModels(): { label: string; load: () => TreeModel }[] {
  const models: { label: string; load: () => TreeModel }[] = [];
  for (const root of [REFERENCE_DIR, FIXTURE_REFERENCE_DIR]) {
    for (const name of readdirSync(root).sort()) {
      const folder = join(root, name);
      if (!existsSync(join(folder, 'meta.json'))) continue;
      const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as Meta;
      for (const [key, file] of Object.entries(meta.model_files)) {
        if (key === 'tree_json') continue; // scikit-learn's arrays: not a format Splitscope reads.
        const options: ParseOptions = {};
        if (key.startsWith('dump')) {
          if (meta.objective) options.objective = meta.objective;
          if (meta.base_score !== undefined) options.baseScore = meta.base_score;
          if (meta.num_class) options.numClass = meta.num_class;
        }
        models.push({ label: `${meta.case}/${file}`, load: () => parseModelText(readFileSync(join(folder, file), 'utf8'), file, options) });
      }
    }
  }
  return models;
}

/** Corpus models the Node export tests use, and ones with the rarer rules (categorical sets, DART, RF averaging, voting forests). */
const CORPUS_MODELS = [
  'spark/mllib_dt_banknote_depth5.txt',
  'spark/mllib_dt_handwritten_nested.txt',
  'spark/ml_rf_classifier_spark201_4class_3trees.txt',
  'spark/ml_dt_classifier_spark2x_categorical_with_prefix_line.txt',
  'lightgbm/leaves_model_simple_categorical_bitset_v2.txt',
  'lightgbm/leaves_kddcup99_multiclass13_categorical_v2.txt',
  'lightgbm/leaves_rf_iris_binary_average_output_v2.txt',
  'lightgbm/leaves_dart_breast_cancer_binary_v2.txt',
  'lightgbm/leaves_fmtp_poisson_categorical_v3.txt',
  'lightgbm/lightgbm_pr_single_leaf_only_model_v4.txt',
  'lightgbm/langrank_lambdarank_v2.txt',
  'sklearn/crop_string_class_names.txt',
  'xgboost/digits_multiclass10.txt',
];

/** A LightGBM-style model whose leaves are linear (LightGBM `linear_tree`): no corpus file has one. */
function linearLeafModel(): TreeModel {
  const nodes: TreeNode[] = [
    { type: 'split', id: 0, sourceId: 0, depth: 0, parent: -1, feature: 0, split: { kind: 'numeric', op: '<=', threshold: 0.5, missing: { mode: 'default', defaultLeft: false } }, left: 1, right: 2 },
    { type: 'leaf', id: 1, sourceId: 0, depth: 1, parent: 0, value: [0.25], linear: { constant: 1.5, features: [0, 1, 2], coefficients: [0.1, -2.75, 3.3] } },
    { type: 'leaf', id: 2, sourceId: 1, depth: 1, parent: 0, value: [-0.5], linear: { constant: -0.125, features: [2], coefficients: [1e-3] } },
  ];
  expect(linkTree(nodes)).toBeUndefined();
  return {
    format: 'lightgbm',
    variant: 'hand-built linear tree',
    fileName: 'linear.txt',
    task: 'binary',
    objective: 'binary sigmoid:1',
    features: Array.from({ length: 3 }, (_, index) => ({ index, name: `x${index}`, isNamed: true, kind: 'numeric' as const })),
    numOutputs: 1,
    trees: [0, 1].map((index) => ({ index, outputIndex: 0, weight: 1, nodes })),
    aggregation: { kind: 'sum', base: [0] },
    transform: { kind: 'sigmoid', scale: 1 },
    arithmetic: { input: 'float64', accumulate: 'float64', zeroTinyInputs: true },
    assumptions: {},
    warnings: [],
    metadata: {},
  };
}

beforeAll(() => {
  runtimeDir = buildRuntimeForTests();
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, pandas, dask, distributed'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`${PYTHON} lacks numpy/pandas/dask/distributed (Debian: apt-get install python3-pandas python3-dask python3-distributed): ${probe.stderr}`);
});

describe('Spark bundle selftest (python3 selftest.py) for every reference case and fixture', () => {
  const cases = [
    ...referenceModels(),
    ...CORPUS_MODELS.map((file) => ({ label: file, load: () => parseModelText(readFileSync(corpus(file), 'utf8'), file) })),
    { label: 'hand-built linear leaves', load: linearLeafModel },
  ];
  it.each(cases)('$label', async ({ load }) => {
    const result = expectOk(await exportBundle({ model: load(), target: 'spark', outDir: newFolder(), runtimeDir, python: PYTHON }));
    expect(result.selftest.rows).toBeGreaterThan(1);
    expect(result.files).toEqual(expect.arrayContaining(['score.py', 'job.py', 'selftest.py', 'README.md', 'model.spkm', 'golden.json']));
  }, 60_000);
});
