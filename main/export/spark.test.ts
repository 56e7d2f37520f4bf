/**
 * The Spark bundle (`--target spark`), run with Debian's Python (numpy, pandas, dask, distributed):
 * its selftest must pass for every reference case and the export tests' fixtures; its
 * `predict_pandas`, job.py's scoring function and a Dask LocalCluster of several worker processes
 * must give `splitscope predict`'s numbers row for row. Spark itself cannot be installed here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModelText, type ParseOptions } from '../../app/formats';
import { linkTree } from '../../app/model/tree';
import type { TreeModel, TreeNode } from '../../app/model/types';
import { corpus, REFERENCE_DIR } from '../../app/testing/shared';
import { exportBundle } from './index';
import { buildRuntimeForTests, expectOk } from './testkit';
import { cli, readCsvText } from '../cli/testing';
import { PROJECT_ROOT } from '../paths';
import { expFloat } from '../../app/eval/transform';

export const PYTHON = process.env.SPLITSCOPE_PYTHON || '/usr/bin/python3';
const FIXTURE_REFERENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'reference');

let runtimeDir: string;
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-spark-test-'));
let folderCount = 0;
const newFolder = () => join(scratch, `bundle-${++folderCount}`);

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
    { label: 'hand-built regression_l1 sqrt (signed square)', load: (): TreeModel => ({ ...linearLeafModel(), task: 'regression', objective: 'regression_l1 sqrt', transform: { kind: 'signedSquare' } }) },
    { label: 'hand-built cross_entropy_lambda (log1p of exp)', load: (): TreeModel => ({ ...linearLeafModel(), task: 'regression', objective: 'cross_entropy_lambda', transform: { kind: 'log1pExp' } }) },
  ];
  it.each(cases)('$label', async ({ load }) => {
    const result = expectOk(await exportBundle({ model: load(), target: 'spark', outDir: newFolder(), runtimeDir, python: PYTHON }));
    expect(result.selftest.rows).toBeGreaterThan(1);
    expect(result.files).toEqual(expect.arrayContaining(['score.py', 'job.py', 'selftest.py', 'README.md', 'model.spkm', 'golden.json']));
  }, 60_000);
});

/**
 * Runs Python in a bundle folder (it imports the bundle's score.py and job.py) and returns what it
 * printed. The script prints one JSON object: `{ columns, rows }` with every float as Python's repr.
 */
function runPython(folder: string, script: string, args: string[] = [], timeout = 120_000): string {
  const result = spawnSync(PYTHON, ['-B', '-c', script, ...args], {
    cwd: folder,
    encoding: 'utf8',
    timeout,
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, PYTHONPATH: folder, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (result.status !== 0) throw new Error(`python failed (${result.status ?? result.signal}): ${result.stderr.slice(-3000)}`);
  return result.stdout;
}

/** Python that turns a scored frame into JSON text with exact floats (repr) and null for missing. */
const TABLE_JSON = `
import json, math
def table_json(frame):
    def cell(value):
        if value is None:
            return None
        if isinstance(value, float):
            return None if value != value else repr(value)
        return str(value)
    return json.dumps({"columns": [str(c) for c in frame.columns], "rows": [[cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]})
`;

interface Table {
  columns: string[];
  rows: (string | null)[][];
}

/** A number cell from either side: the CLI's JavaScript text or Python's repr. */
function numberOf(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (lower === 'nan') return NaN;
  return Number(text);
}

/**
 * `splitscope predict --raw`'s CSV equals the Python table row for row: same columns, class labels
 * equal as text, every number the same double (−0 and 0 differ), empty cells missing on both sides.
 */
function expectSameTable(cliCsv: string, python: Table, textColumns: readonly string[]): void {
  const cli = readCsvText(cliCsv);
  expect(python.columns).toEqual(cli.header);
  expect(python.rows.length).toBe(cli.rows.length);
  for (let row = 0; row < cli.rows.length; row++) {
    for (let column = 0; column < cli.header.length; column++) {
      const want = cli.rows[row][column];
      const got = python.rows[row][column];
      const where = `row ${row + 1}, column ${cli.header[column]}`;
      if (want === '') {
        if (got !== null) throw new Error(`${where}: the CLI has no value, Python has ${got}`);
      } else if (textColumns.includes(cli.header[column])) {
        if (got !== want) throw new Error(`${where}: the CLI says ${want}, Python ${got}`);
      } else if (got === null || !Object.is(numberOf(want), numberOf(got))) {
        throw new Error(`${where}: the CLI says ${want}, Python ${got}`);
      }
    }
  }
}

const PREDICT_CSV = `
import sys, pandas as pd, score
${TABLE_JSON}
path, mode = sys.argv[1], sys.argv[2]
if mode == "text":
    # Every cell as text, read by score.py the way the CLI reads cells.
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
else:
    frame = pd.read_csv(path, float_precision="round_trip")
print(table_json(score.predict_pandas(frame)))
`;

describe('predict_pandas gives splitscope predict --raw, row for row', () => {
  const cases = [
    { name: 'LightGBM binary with NaN', folder: 'lgb_binary_nan', model: 'model.txt' },
    { name: 'XGBoost multi:softprob (float32, expf)', folder: 'xgb_multiclass_softprob', model: 'model.json' },
    { name: 'XGBoost binary:logistic, unnamed features', folder: 'xgb_binary_missing', model: 'model.json' },
    { name: 'scikit-learn DecisionTreeClassifier', folder: 'skl_dtc_iris', model: 'tree.txt' },
  ];
  it.each(cases)('$name', async ({ folder, model }) => {
    const modelPath = join(REFERENCE_DIR, folder, model);
    const out = newFolder();
    expectOk(await exportBundle({ model: parseModelText(readFileSync(modelPath, 'utf8'), model), target: 'spark', outDir: out, runtimeDir, python: PYTHON }));
    for (const input of ['input_main.csv', 'input_edge.csv']) {
      const csv = join(REFERENCE_DIR, folder, input);
      const predicted = await cli('predict', modelPath, '--csv', csv, '--raw');
      expect(predicted.code, predicted.stderr).toBe(0);
      for (const mode of ['text', 'numbers']) {
        const table = JSON.parse(runPython(out, PREDICT_CSV, [csv, mode])) as Table;
        expectSameTable(predicted.stdout, table, ['prediction']);
      }
    }
  }, 120_000);
});

const DASK_SCRIPT = `
import os, sys, json
import dask.dataframe as dd
from distributed import Client, LocalCluster
import score
${TABLE_JSON}

def scored(part):
    out = score.predict_pandas(part)
    out["worker_pid"] = float(os.getpid())
    return out

if __name__ == "__main__":
    path, workers = sys.argv[1], int(sys.argv[2])
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        frame = dd.read_csv(path, blocksize=2_000_000, float_precision="round_trip")
        result = frame.map_partitions(scored, meta=scored(frame._meta)).compute()
        pids = sorted({int(pid) for pid in result.pop("worker_pid")})
        worker_pids = sorted(client.run(os.getpid).values())
        print(json.dumps({"partitions": frame.npartitions, "pids": pids, "workerPids": worker_pids, "table": json.loads(table_json(result))}))
`;

/** A CSV of `rows` rows for the features `names`: seeded values, about 5% empty (missing) cells, a few ±0 and tiny ones. */
function syntheticCsv(path: string, names: readonly string[], rows: number): void {
  let state = 20261205;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const lines = [names.join(',')];
  for (let row = 0; row < rows; row++) {
    const cells = names.map(() => {
      const roll = next();
      if (roll < 0.05) return '';
      if (roll < 0.06) return next() < 0.5 ? '0' : '-0';
      if (roll < 0.065) return '1e-36';
      return ((next() - 0.5) * 6).toPrecision(1 + Math.floor(next() * 9));
    });
    lines.push(cells.join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

describe('score.py under Dask distributed', () => {
  it('a LocalCluster of 3 worker processes scores a partitioned 100k-row CSV exactly as splitscope predict does', async () => {
    const modelPath = join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt');
    const model = parseModelText(readFileSync(modelPath, 'utf8'), 'model.txt');
    const out = newFolder();
    expectOk(await exportBundle({ model, target: 'spark', outDir: out, runtimeDir, python: PYTHON }));
    const csv = join(scratch, 'dask-100k.csv');
    syntheticCsv(csv, model.features.map((feature) => feature.name), 100_000);
    const predicted = await cli('predict', modelPath, '--csv', csv, '--raw');
    expect(predicted.code, predicted.stderr).toBe(0);
    const answer = JSON.parse(runPython(out, DASK_SCRIPT, [csv, '3'], 180_000)) as { partitions: number; pids: number[]; workerPids: number[]; table: Table };
    expect(answer.partitions).toBeGreaterThanOrEqual(4);
    expect(answer.workerPids).toHaveLength(3);
    // The partitions were scored in more than one worker process, none of them the client's.
    expect(answer.pids.length).toBeGreaterThanOrEqual(2);
    for (const pid of answer.pids) expect(answer.workerPids).toContain(pid);
    expect(answer.table.rows).toHaveLength(100_000);
    expectSameTable(predicted.stdout, answer.table, ['prediction']);
  }, 180_000);
});

const JOB_SCRIPT = `
import sys, pandas as pd, job
${TABLE_JSON}
path = sys.argv[1]
arguments = job.parse_arguments(["--input", path, "--output", "unused.parquet", "--ignore-columns", "row_id", "--keep", "row_id"])
assert job.input_format(arguments) == "csv", job.input_format(arguments)
options = job.scoring_options(arguments)
# Spark's CSV reader hands every cell over as text, in Arrow batches of any size.
frame = pd.read_csv(path, dtype=str, keep_default_na=False)
batches = [frame.iloc[i:i + 113] for i in range(0, len(frame), 113)]
result = pd.concat(list(job.score_batches(iter(batches), options, keep=["row_id"])), ignore_index=True)
fields = job.score_fields(options)
print(json.dumps({"fields": fields, "ids": result.pop("row_id").tolist(), "table": json.loads(table_json(result))}))
`;

describe("job.py's scoring function (what mapInPandas runs), without Spark", () => {
  it('keeps the asked input columns, then gives splitscope predict --raw row for row; the schema names the same columns', async () => {
    const folder = join(REFERENCE_DIR, 'xgb_multiclass_softprob');
    const modelPath = join(folder, 'model.json');
    const out = newFolder();
    expectOk(await exportBundle({ model: parseModelText(readFileSync(modelPath, 'utf8'), 'model.json'), target: 'spark', outDir: out, runtimeDir, python: PYTHON }));
    // The edge rows with an id column first (a column the model does not know).
    const lines = readFileSync(join(folder, 'input_edge.csv'), 'utf8').trim().split('\n');
    const csv = join(scratch, 'job-input.csv');
    writeFileSync(csv, lines.map((line, index) => `${index === 0 ? 'row_id' : `r${index}`},${line}`).join('\n') + '\n');
    const predicted = await cli('predict', modelPath, '--csv', csv, '--raw', '--ignore-columns', 'row_id');
    expect(predicted.code, predicted.stderr).toBe(0);
    const answer = JSON.parse(runPython(out, JOB_SCRIPT.replace('import sys,', 'import sys, json,'), [csv])) as { fields: [string, string][]; ids: string[]; table: Table };
    expect(answer.ids).toEqual(lines.slice(1).map((_, index) => `r${index + 1}`));
    expectSameTable(predicted.stdout, answer.table, ['prediction']);
    expect(answer.fields.map(([name]) => name)).toEqual(readCsvText(predicted.stdout).header);
    expect(answer.fields[0]).toEqual(['prediction', 'string']);
    expect(answer.fields.slice(1).every(([, type]) => type === 'double')).toBe(true);
  }, 60_000);
});

const EXP_SCRIPT = `
import sys, numpy as np, score
x = np.fromfile(sys.argv[1])
score.exp_double(x).tofile(sys.argv[2])
score.exp_float(score._f32(x / 8)).tofile(sys.argv[3])
score.log1p_double(score.exp_double(x / 16)).tofile(sys.argv[4])
`;

describe("score.py's exponentials are the app's", () => {
  it("exp_double is V8's Math.exp, log1p_double V8's Math.log1p and exp_float the app's glibc expf, on 1M arguments (numpy's are not)", () => {
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const scales = [2, 60, 1500, 1e-6, 800];
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => (next() - 0.5) * scales[i % scales.length]);
    values.set([0, -0, 1, -1, 0.5 * Math.LN2, 1.5 * Math.LN2, 709.78, 709.79, -745.1, -745.2, Infinity, -Infinity, NaN, 1e-300, -1e-9, 88.72, -103.9, -104]);
    const input = join(scratch, 'exp-in.bin');
    writeFileSync(input, new Uint8Array(values.buffer));
    const doubles = join(scratch, 'exp-double.bin');
    const floats = join(scratch, 'exp-float.bin');
    const log1p = join(scratch, 'log1p.bin');
    runPython(join(PROJECT_ROOT, 'runtime', 'python'), EXP_SCRIPT, [input, doubles, floats, log1p]);
    const gotLog1p = new Float64Array(readFileSync(log1p).buffer.slice(0));
    const gotDouble = new Float64Array(readFileSync(doubles).buffer.slice(0));
    const gotFloat = new Float64Array(readFileSync(floats).buffer.slice(0));
    let doubleMismatches = 0;
    let floatMismatches = 0;
    let log1pMismatches = 0;
    for (let i = 0; i < values.length; i++) {
      if (!Object.is(gotLog1p[i], Math.log1p(Math.exp(values[i] / 16)))) log1pMismatches++;
      if (!Object.is(gotDouble[i], Math.exp(values[i]))) doubleMismatches++;
      if (!Object.is(gotFloat[i], expFloat(Math.fround(values[i] / 8)))) floatMismatches++;
    }
    expect({ doubleMismatches, floatMismatches, log1pMismatches }).toEqual({ doubleMismatches: 0, floatMismatches: 0, log1pMismatches: 0 });
  }, 60_000);
});

describe('the Spark selftest fails on any difference', () => {
  it('a score.py that computes the sigmoid with numpy.exp reports the first differing row; a swapped model.spkm is refused', async () => {
    const modelPath = join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt');
    const out = newFolder();
    expectOk(await exportBundle({ model: parseModelText(readFileSync(modelPath, 'utf8'), 'model.txt'), target: 'spark', outDir: out, runtimeDir, python: PYTHON }));
    const source = readFileSync(join(out, 'score.py'), 'utf8');
    const sigmoid = 'return 1 / (1 + exp_double(-scale * raw))';
    expect(source).toContain(sigmoid);
    writeFileSync(join(out, 'score.py'), source.replace(sigmoid, 'return 1 / (1 + np.exp(-scale * raw))'));
    const run = spawnSync(PYTHON, ['-B', 'selftest.py'], { cwd: out, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ok: boolean; mismatch?: { field: string; expected: string; actual: string } };
    expect(report.ok).toBe(false);
    expect(report.mismatch?.field).toMatch(/^probabilities\[0\]$/);
    expect(report.mismatch?.expected).not.toBe(report.mismatch?.actual);

    writeFileSync(join(out, 'score.py'), source);
    const other = newFolder();
    expectOk(await exportBundle({ model: parseModelText(readFileSync(join(REFERENCE_DIR, 'lgb_multiclass_iris', 'model.txt'), 'utf8'), 'model.txt'), target: 'spark', outDir: other, runtimeDir, python: PYTHON }));
    writeFileSync(join(out, 'model.spkm'), readFileSync(join(other, 'model.spkm')));
    const swapped = spawnSync(PYTHON, ['-B', 'selftest.py'], { cwd: out, encoding: 'utf8' });
    expect(swapped.status).toBe(1);
    expect(JSON.parse(swapped.stdout.trim()).problem).toMatch(/model\.spkm: checksum sha256:[0-9a-f]{64} is not the exported model's sha256:/);
  }, 60_000);
});

describe('splitscope export --target spark', () => {
  it('writes the bundle, runs its Python selftest and prints the next commands', async () => {
    const out = join(scratch, 'cli-export');
    const result = await cli('export', join(REFERENCE_DIR, 'xgb_binary_missing', 'model.json'), '--target', 'spark', '--out', out, '--python', PYTHON);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wrote a spark bundle/);
    expect(result.stdout).toMatch(/selftest passed: \d+ generated rows scored by the bundle matched the app bit for bit/);
    expect(result.stdout).toContain('spark-submit --py-files score.py --files model.spkm job.py');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/Spark itself was \*\*not\*\* run/);
  }, 60_000);
});

const BAD_INPUT_SCRIPT = `
import json, sys
import numpy as np, pandas as pd
import score
data = open("model.spkm", "rb").read()
length = int.from_bytes(data[8:12], "little")
columns = {name: (offset, count) for name, kind, offset, count in json.loads(data[12:12 + length])["columns"]}
kind = np.frombuffer(data, np.uint8, columns["kind"][1], columns["kind"][0])
split = int(np.flatnonzero(kind != 0)[1])  # a split below the root of tree 0
def patched(name, index, value):
    out = bytearray(data)
    offset = columns[name][0] + 4 * index
    out[offset:offset + 4] = int(value).to_bytes(4, "little", signed=True)
    return bytes(out)
damaged = {"cycle": patched("left", split, 0), "outside": patched("right", split, 10**6), "truncated": data[: len(data) // 2]}
messages = {}
for label, content in damaged.items():
    open(label + ".spkm", "wb").write(content)
    try:
        score.load_model(label + ".spkm", checksum=None)
        messages[label] = "loaded"
    except score.ModelFileError as error:
        messages[label] = str(error)
m = score.load_model()
names = [feature["name"] for feature in m.features]
frame = pd.DataFrame({name: ["1.5"] * 3 for name in names})
frame.iloc[2, 4] = "abc"
for label, call in {"cell": lambda: score.predict_pandas(frame), "column": lambda: score.predict_pandas(frame.drop(columns=[names[3]]))}.items():
    try:
        call()
        messages[label] = "scored"
    except score.ScoringError as error:
        messages[label] = str(error)
print(json.dumps(messages))
`;

describe('score.py refuses bad input with a clear message', () => {
  it('a damaged model.spkm (a cycle, a child outside its tree, a cut file), a cell that is not a number, a missing column', async () => {
    const out = newFolder();
    expectOk(await exportBundle({ model: parseModelText(readFileSync(join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt'), 'utf8'), 'model.txt'), target: 'spark', outDir: out, runtimeDir, python: PYTHON }));
    const messages = JSON.parse(runPython(out, BAD_INPUT_SCRIPT)) as Record<string, string>;
    expect(messages.cycle).toBe('cycle.spkm: packed model: a node is reached twice in its tree');
    expect(messages.outside).toBe("outside.spkm: packed model: a split's child is not a node of its tree");
    expect(messages.truncated).toMatch(/^truncated\.spkm: packed model: column \w+ \(bytes \d+–\d+\) lies outside the file/);
    expect(messages.cell).toBe(`E_DATA_VALUE: row 3 (position in the frame), column 'f04': 'abc' is not a number`);
    expect(messages.column).toMatch(/^E_DATA_COLUMN_MISSING: no column for model feature 'f03'/);
  }, 60_000);
});

describe('a Python without numpy and pandas', () => {
  it('fails the export with a message naming the Python and what it lacks', async () => {
    // Debian's Python with -S does not see its dist-packages: as if numpy and pandas were not installed.
    const wrapper = join(scratch, 'python-without-packages');
    writeFileSync(wrapper, `#!/bin/sh\nexec ${PYTHON} -S "$@"\n`, { mode: 0o755 });
    const result = await exportBundle({ model: parseModelText(readFileSync(join(REFERENCE_DIR, 'skl_dtc_iris', 'tree.txt'), 'utf8'), 'tree.txt'), target: 'spark', outDir: newFolder(), runtimeDir, python: wrapper });
    expect(result.status).toBe('error');
    if (result.status !== 'error') return;
    expect(result.code).toBe('E_EXPORT_SELFTEST_FAILED');
    expect(result.message).toMatch(/cannot import (numpy|pandas): the Spark bundle needs numpy and pandas \(name another Python with SPLITSCOPE_PYTHON, or --python in the CLI\)/);
  }, 60_000);
});
