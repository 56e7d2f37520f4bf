/**
 * The `lambda-python` target, run with Debian's python3 (SPLITSCOPE_PYTHON overrides it):
 * - every reference case (../shared/reference and fixtures/reference) and corpus models that reach
 *   the evaluator's other rules export, and their bundle's own selftest.py passes;
 * - handler.py answers exactly as the Node bundle's index.mjs does: the same status, headers and
 *   body, byte for byte, for sample events, batches of golden rows and every kind of bad input;
 * - the bundle's answers equal the libraries' own predictions (the reference CSVs);
 * - a tampered model.spkm refuses to serve, and the selftest reports it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, type Tags } from 'yaml';
import { compileModel } from '../../app/eval';
import { decodeExactJson, readResponseNumber } from '../../app/export/exactJson';
import { generateGoldenRows, type GoldenFile } from '../../app/export/golden';
import { jsonRow, queryText } from '../../app/export/names';
import type { LeafNode, TreeModel } from '../../app/model/types';
import { referenceModels } from '../../app/testing/referenceCases';
import { corpus, REFERENCE_DIR } from '../../app/testing/shared';
import { exportBundle, type ExportSuccess } from './index';
import { buildRuntimeForTests, expectOk, loadModelFile as load } from './testkit';

const PYTHON = process.env.SPLITSCOPE_PYTHON || '/usr/bin/python3';
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-pylambda-test-'));
let folderCount = 0;
const newFolder = () => join(scratch, `bundle-${++folderCount}`);
let runtimeDir: string;

beforeAll(() => {
  runtimeDir = buildRuntimeForTests();
});

/** A CSV of numbers with a header row; an empty cell is missing. */
function readNumberCsv(path: string): { header: string[]; rows: number[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  const cell = (text: string) => (text === '' ? NaN : text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text));
  return { header: lines[0].split(','), rows: lines.slice(1).map((line) => line.split(',').map(cell)) };
}

async function exportPython(model: TreeModel, rows?: number[][]): Promise<ExportSuccess> {
  return expectOk(await exportBundle({ model, target: 'lambda-python', outDir: newFolder(), runtimeDir, python: PYTHON, rows }));
}

interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

/** Calls handler.handler of the bundle in `folder` once per event, in one python3 process. */
function pythonHandler(folder: string, events: unknown[], environment: Record<string, string> = {}): LambdaResult[] {
  const driver = 'import json, sys\nimport handler\nevents = json.load(sys.stdin)\nprint(json.dumps([handler.handler(event, None) for event in events]))\n';
  const run = spawnSync(PYTHON, ['-B', '-c', driver], {
    cwd: folder,
    input: JSON.stringify(events),
    env: { ...process.env, PYTHONPATH: folder, ...environment },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python3 handler driver failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as LambdaResult[];
}

// Models that reach the rules the reference cases do not: category bitsets, Spark votes and
// weights, LightGBM average_output, DART, Poisson/gamma (exp), lambdarank, XGBoost indicators and
// text dumps, scikit-learn string classes and truncated branches, wide unicode feature names.
const CORPUS_MODELS = [
  'spark/mllib_dt_banknote_depth5.txt',
  'spark/ml_rf_classifier_spark201_4class_3trees.txt',
  'spark/ml_dt_classifier_spark2x_categorical_with_prefix_line.txt',
  'lightgbm/lleaves_mixed_categorical_v3.txt',
  'lightgbm/leaves_model_simple_categorical_bitset_v2.txt',
  'lightgbm/leaves_rf_iris_binary_average_output_v2.txt',
  'lightgbm/leaves_dart_breast_cancer_binary_v2.txt',
  'lightgbm/leaves_fmtp_poisson_categorical_v3.txt',
  'lightgbm/langrank_lambdarank_v2.txt',
  'lightgbm/lightgbm_pr_single_leaf_only_model_v4.txt',
  'xgboost/mushroom_indicator_fmap_v2x.txt',
  'xgboost/iris_multiclass3_softprob.txt',
  'sklearn/crop_string_class_names.txt',
  'sklearn/attrition_show_weights_with_header_footer.txt',
  'sklearn/slovak_unicode_long_feature_names.txt',
];

/** LightGBM linear leaves (no corpus file has them): the diabetes reference model with a linear model on every leaf. */
function linearModel(): TreeModel {
  const model = load(join(REFERENCE_DIR, 'lgb_regression_diabetes', 'model.txt'));
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type !== 'leaf') continue;
      const leaf = node as LeafNode;
      leaf.linear = { constant: leaf.value[0] / 2, features: [tree.index % 10, 3], coefficients: [0.125 * (tree.index + 1), -0.0625] };
    }
  }
  return { ...model, fileName: 'diabetes_linear_leaves.txt' };
}

describe('every reference case and corpus model exports, and its selftest.py passes', () => {
  for (const reference of referenceModels()) {
    it(`reference ${reference.label}`, async () => {
      const result = await exportPython(reference.load());
      expect(result.selftest.rows).toBeGreaterThan(0);
      expect(result.selftest.requests).toBeGreaterThan(2);
    });
  }
  for (const file of CORPUS_MODELS) {
    it(`corpus ${file}`, async () => {
      const result = await exportPython(load(corpus(file)));
      expect(result.selftest.rows).toBeGreaterThan(0);
    });
  }
  it('linear leaves (LightGBM is_linear)', async () => {
    const model = linearModel();
    expect(compileModel(model).predictRow(new Array(10).fill(0.01)).raw[0]).not.toBe(compileModel(load(join(REFERENCE_DIR, 'lgb_regression_diabetes', 'model.txt'))).predictRow(new Array(10).fill(0.01)).raw[0]);
    await exportPython(model);
  });
  it('category labels (LightGBM pandas_categorical): the GETs send label text', async () => {
    await exportPython(labelledModel());
  });
  it('the user’s rows as golden rows (the banknote CSV)', async () => {
    const rows = readNumberCsv(corpus('spark/mllib_dt_banknote_depth5.csv')).rows.map((row) => row.slice(0, 4));
    const result = await exportPython(load(corpus('spark/mllib_dt_banknote_depth5.txt')), rows);
    expect(result.selftest).toMatchObject({ source: 'csv', rows: rows.length });
  });
});

describe('the bundle predicts what the library predicted', () => {
  const cases: [string, string, number][] = [
    ['xgb_binary_missing', 'model.json', 0],
    ['xgb_multiclass_softprob', 'model.json', 0],
    ['lgb_binary_nan', 'model.txt', 1e-12],
    ['lgb_multiclass_iris', 'model.txt', 1e-12],
    ['lgb_regression_diabetes', 'model.txt', 1e-12],
    ['skl_dtc_iris', 'tree.txt', 1e-12],
  ];
  for (const [name, file, tolerance] of cases) {
    it(`${name}/${file} on input_main and input_edge`, async () => {
      const folder = join(REFERENCE_DIR, name);
      const model = load(join(folder, file));
      const result = await exportPython(model);
      for (const input of ['main', 'edge']) {
        const { header, rows } = readNumberCsv(join(folder, `input_${input}.csv`));
        const expected = readNumberCsv(join(folder, `expected_${input}_pred.csv`)).rows;
        // By name: a dump may list its features in another order, or only those it splits on.
        const known = new Set(model.features.map((feature) => feature.name));
        const cell = (value: number) => (Number.isFinite(value) ? value : value !== value ? null : value > 0 ? 'inf' : '-inf');
        const records = rows.map((row) => Object.fromEntries(header.flatMap((name, i) => (known.has(name) ? [[name, cell(row[i])]] : []))));
        const event = { version: '2.0', rawPath: '/predict', rawQueryString: '', headers: { 'content-type': 'application/json' }, requestContext: { http: { method: 'POST', path: '/predict' } }, body: JSON.stringify({ records }) };
        const [answer] = pythonHandler(result.folder, [event]);
        expect(answer.statusCode).toBe(200);
        const predictions = (JSON.parse(answer.body) as { predictions: Record<string, unknown>[] }).predictions;
        expect(predictions).toHaveLength(rows.length);
        predictions.forEach((prediction, r) => {
          const got = prediction.probabilities !== undefined ? (prediction.probabilities as unknown[]).map(readResponseNumber) : [readResponseNumber(prediction.prediction)];
          // A binary model's one probability column is P(class 1), the second of [1 − p, p].
          const want = expected[r].length === 1 && got.length === 2 ? [expected[r][0]] : expected[r];
          const values = expected[r].length === 1 && got.length === 2 ? [got[1]] : got;
          want.forEach((value, k) => {
            const actual = values[k]!;
            expect(Math.abs(actual - value) <= tolerance * Math.max(1, Math.abs(value)), `${input} row ${r} output ${k}: ${actual} vs ${value}`).toBe(true);
          });
        });
      }
    });
  }
});

type Event = Record<string, unknown> | unknown[] | string | number | null;

/** Every kind of request, built from the model's features and golden rows. */
function apiEvents(model: TreeModel, golden: GoldenFile): [string, Event][] {
  const names = golden.featureNames;
  const n = names.length;
  const rows = golden.rows;
  const row = rows[Math.min(5, rows.length - 1)];
  const v2 = (method: string, path: string, query = '', body?: string, headers: Record<string, string> = { 'content-type': 'application/json' }, extra: Record<string, unknown> = {}) => ({
    version: '2.0',
    rawPath: path,
    rawQueryString: query,
    headers,
    requestContext: { http: { method, path }, stage: '$default' },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
    ...extra,
  });
  const v1 = (method: string, path: string, query: Record<string, string> | null, body: string | null = null, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => ({
    httpMethod: method,
    path,
    headers,
    body,
    isBase64Encoded: false,
    queryStringParameters: query,
    multiValueQueryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([key, value]) => [key, [value]])) : null,
    requestContext: { stage: 'Prod' },
  });
  const batch = `{"instances":[${rows.map(jsonRow).join(',')}]}`;
  const csvLines = rows.slice(0, 50).map((r) => queryText(r)).join('\n') + '\n';
  const quoted = (name: string) => (/[",\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name);
  const header = names.map(quoted).join(',');
  const bad = queryText(row).split(',');
  bad[n - 1] = 'abc';
  const wrongCount = queryText(row).split(',').slice(0, Math.max(0, n - 1)).join(',');
  const named = names.slice(0, 3).map((name, i) => `${encodeURIComponent(name)}=${encodeURIComponent(queryText([row[i]]))}`).join('&');
  const events: [string, Event][] = [
    ['GET /model (v2)', v2('GET', '/model')],
    ['GET /model (v1, stage)', v1('GET', '/Prod/model', null)],
    ['GET /ping', v2('GET', '/ping')],
    ['HEAD /ping', v2('HEAD', '/ping/')],
    ['POST every golden row, explain', v2('POST', '/predict', 'explain=1', batch)],
    ['POST every golden row, v1', v1('POST', '/predict', { explain: 'true' }, batch)],
    ['POST golden rows, Accept text/csv', v2('POST', '/invocations', '', batch, { 'content-type': 'application/json', accept: 'text/csv' })],
    ['POST golden rows as base64', v2('POST', '/predict', '', Buffer.from(batch).toString('base64'), undefined, { isBase64Encoded: true })],
    ['GET features, v2', v2('GET', '/predict', `features=${encodeURIComponent(queryText(row))}&explain=1`)],
    ['GET features, v1', v1('GET', '/predict', { features: queryText(row), explain: '1' })],
    ['GET by name', v2('GET', '/predict', named)],
    ['GET by alias f0', v2('GET', '/predict', `f0=${encodeURIComponent(queryText([row[0]]))}`)],
    ['CSV body', v2('POST', '/predict', '', csvLines, { 'content-type': 'text/csv' })],
    ['CSV body with a header', v2('POST', '/predict', '', `${header}\n${csvLines}`, { 'content-type': 'text/csv; charset=utf-8' })],
    ['text/plain CSV', v2('POST', '/predict', '', csvLines, { 'content-type': 'text/plain' })],
    ['text/plain JSON', v2('POST', '/predict', '', batch, { 'content-type': 'text/plain' })],
    ['records', v2('POST', '/predict', '', JSON.stringify({ records: [Object.fromEntries(names.map((name, i) => [name, Number.isFinite(row[i]) ? row[i] : null]))], explain: 1 }))],
    ['features body', v2('POST', '/predict', '', `{"features":${jsonRow(row)},"explain":"1"}`)],
    ['bare row', v2('POST', '/predict', '', jsonRow(row))],
    ['special numbers', v2('POST', '/predict', 'explain=1', `{"instances":[[${new Array(n).fill('"Infinity"').join(',')}],[${new Array(n).fill('-0').join(',')}],[${new Array(n).fill('"-inf"').join(',')}],[${new Array(n).fill('1e-320').join(',')}],[${new Array(n).fill('"  NA "').join(',')}]]}`)],
    ['direct invocation', { features: row.map((value) => (Number.isFinite(value) ? value : null)) }],
    ['direct bare array', row.map((value) => (Number.isFinite(value) ? value : null))],
    ['direct empty object', {}],
    ['null event', null],
    ['number event', 42],
    ['string event', 'features=1,2,3'],
    ['body that is an object', v2('POST', '/predict', '', undefined, undefined, { body: { instances: [row] } })],
    ['headers that are text', v2('POST', '/predict', '', batch, undefined, { headers: 'content-type: text/csv' })],
    ['rawPath that is a number', v2('POST', '/predict', '', batch, undefined, { rawPath: 7 })],
    ['query parameters of the wrong type', { ...v1('GET', '/predict', null), queryStringParameters: { features: [1, 2] } }],
    ['requestContext.http not an object', { ...v2('POST', '/predict', '', batch), requestContext: { http: 'POST' } }],
    ['too few values', v2('GET', '/predict', `features=${encodeURIComponent(wrongCount)}`)],
    ['not a number', v2('GET', '/predict', `features=${encodeURIComponent(bad.join(','))}`)],
    ['unknown feature', v2('GET', '/predict', 'nosuch=1')],
    ['features twice', v2('GET', '/predict', 'features=1&features=2')],
    ['features and names', v2('GET', '/predict', `features=1&${encodeURIComponent(names[0])}=2`)],
    ['no features', v2('GET', '/predict', 'explain=1')],
    ['malformed escape', v2('GET', '/predict', 'features=1%ZZ')],
    ['escape that is not UTF-8', v2('GET', '/predict', 'features=%C3%28')],
    ['a feature given twice', v2('GET', '/predict', `${encodeURIComponent(names[0])}=1&f0=2`)],
    ['true is not a number', v2('POST', '/predict', '', `{"features":[true${',1'.repeat(n - 1)}]}`)],
    ['a row that is an object', v2('POST', '/predict', '', '{"instances":[{"a":1.50,"b":[1e21,1e-7]}]}')],
    ['unknown key', v2('POST', '/predict', '', '{"rows":[[1]],"2":1}')],
    ['two keys', v2('POST', '/predict', '', '{"features":[1],"instances":[[1]]}')],
    ['instances not an array', v2('POST', '/predict', '', '{"instances":5}')],
    ['records not an array', v2('POST', '/predict', '', '{"records":"x"}')],
    ['a record that is not an object', v2('POST', '/predict', '', '{"records":[5]}')],
    ['a JSON string body', v2('POST', '/predict', '', '"text"')],
    ['CSV with a bad cell on line 2', v2('POST', '/invocations', '', `${queryText(row)}\n${bad.join(',')}\n`, { 'content-type': 'text/csv' })],
    ['CSV with a quote left open', v2('POST', '/invocations', '', `"1,2\n`, { 'content-type': 'text/csv' })],
    ['CSV with a short row under a header', v2('POST', '/invocations', '', `${header}\n1\n`, { 'content-type': 'text/csv' })],
    ['CSV with no rows', v2('POST', '/invocations', '', '\n\n', { 'content-type': 'text/csv' })],
    ['unsupported media type', v2('POST', '/predict', '', batch, { 'content-type': 'application/xml' })],
    ['DELETE /model', v2('DELETE', '/model')],
    ['GET /invocations', v2('GET', '/invocations')],
    ['no such route', v2('GET', '/x/y/ping')],
    ['too many rows', v2('POST', '/predict', '', `{"instances":[${new Array(10_001).fill(jsonRow(row)).join(',')}]}`)],
    ['body over the limit', v2('POST', '/predict', '', 'x'.repeat(5 * 1024 * 1024 + 1))],
  ];
  return events;
}

/** The Node bundle's handler, exported from the same model, is the oracle for every answer. */
async function nodeHandler(model: TreeModel, rows?: number[][]): Promise<(event: unknown) => Promise<LambdaResult>> {
  const result = expectOk(await exportBundle({ model, target: 'lambda', outDir: newFolder(), runtimeDir, rows }));
  return ((await import(pathToFileURL(join(result.folder, 'index.mjs')).href)) as { handler: (event: unknown) => Promise<LambdaResult> }).handler;
}

/** A categorical model whose first features have labels (LightGBM pandas_categorical). */
function labelledModel(): TreeModel {
  const model = load(corpus('lightgbm/lleaves_mixed_categorical_v3.txt'));
  const features = model.features.map((feature) => (feature.kind === 'categorical' ? { ...feature, categoryLabels: ['None', 'b "quoted"', '2', ' spaced ', 'Zürich', 'x,y', '7.0', 'h', 'i', 'j', 'k', 'l'] } : feature));
  return { ...model, features, fileName: 'labelled.txt' };
}

/**
 * Golden rows for a model with category labels: codes of labels, and missing values in the first
 * rows, whose GETs the Node selftest writes as numbers (which its reader would take for unknown labels).
 */
function labelledRows(model: TreeModel): number[][] {
  return generateGoldenRows(model, { maxRows: 400 }).map((row, r) =>
    row.map((value, i) => {
      const labels = model.features[i]?.categoryLabels;
      if (!labels || value !== value) return value;
      return r < 30 ? NaN : Math.trunc(Math.abs(value)) % labels.length;
    }),
  );
}

describe('handler.py answers as the Node handler does, byte for byte', () => {
  const models: [string, () => TreeModel][] = [
    ['Spark banknote tree (class labels, unnamed features)', () => load(corpus('spark/mllib_dt_banknote_depth5.txt'))],
    ['XGBoost binary with missing values (float32)', () => load(join(REFERENCE_DIR, 'xgb_binary_missing', 'model.json'))],
    ['LightGBM multiclass iris', () => load(join(REFERENCE_DIR, 'lgb_multiclass_iris', 'model.txt'))],
    ['LightGBM with category labels', labelledModel],
    ['scikit-learn with truncated branches', () => load(corpus('sklearn/attrition_show_weights_with_header_footer.txt'))],
    ['Spark random forest (votes)', () => load(corpus('spark/ml_rf_classifier_spark201_4class_3trees.txt'))],
  ];
  for (const [label, make] of models) {
    it(label, async () => {
      const model = make();
      const rows = model.features.some((feature) => feature.categoryLabels) ? labelledRows(model) : undefined;
      const python = await exportPython(model, rows);
      const node = await nodeHandler(model, rows);
      const golden = decodeExactJson<GoldenFile>(readFileSync(join(python.folder, 'golden.json'), 'utf8'));
      const events = apiEvents(model, golden);
      if (model.features.some((feature) => feature.categoryLabels)) {
        const labels = ['Zürich', '7', 'nope', ' spaced ', 'b "quoted"', 'None', '2.0'];
        const labelled = golden.featureNames.map((_, i) => (model.features[i]?.categoryLabels ? labels[i % labels.length] : queryText([golden.rows[3][i]])));
        events.push(['category labels', { version: '2.0', rawPath: '/predict', rawQueryString: `features=${labelled.map(encodeURIComponent).join(',')}&explain=1`, requestContext: { http: { method: 'GET', path: '/predict' } } }]);
        const inJson = labelled.map((text, i) => (model.features[i]?.categoryLabels ? (i % 2 ? 'x,y' : text) : Number.isFinite(golden.rows[3][i]) ? golden.rows[3][i] : null));
        events.push(['labels in JSON', { version: '2.0', rawPath: '/predict', requestContext: { http: { method: 'POST', path: '/predict' } }, body: JSON.stringify({ features: inJson, explain: true }) }]);
      }
      const answers = pythonHandler(python.folder, events.map(([, event]) => event));
      const statuses = new Set<number>();
      for (const [index, [name, event]] of events.entries()) {
        const want = await node(event);
        const got = answers[index];
        statuses.add(got.statusCode);
        expect(got.statusCode, name).toBe(want.statusCode);
        expect(got.headers, name).toEqual(want.headers);
        expect(got.isBase64Encoded, name).toBe(false);
        const wantError = want.statusCode === 200 ? undefined : (JSON.parse(want.body).error as { code: string; message: string });
        if (wantError?.code === 'E_BAD_JSON') {
          // Each JSON parser words its own complaint; the code and the prefix are the service's.
          expect(JSON.parse(got.body).error.code, name).toBe('E_BAD_JSON');
          expect(JSON.parse(got.body).error.message, name).toMatch(/^the body is not valid JSON: /);
        } else {
          expect(got.body, name).toBe(want.body);
        }
      }
      expect([...statuses].sort()).toEqual([200, 400, 404, 405, 413, 415]);
    });
  }

  it('answers a body that is not JSON with E_BAD_JSON', async () => {
    const python = await exportPython(load(corpus('spark/mllib_dt_banknote_depth5.txt')));
    const [answer] = pythonHandler(python.folder, [{ version: '2.0', rawPath: '/predict', requestContext: { http: { method: 'POST', path: '/predict' } }, body: '{"features": [1, 2,' }]);
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body).error).toEqual({ code: 'E_BAD_JSON', message: expect.stringMatching(/^the body is not valid JSON: Expecting value: line 1 column 20/) });
  });

  it('reads MAX_BODY_BYTES and MAX_ROWS from the environment, as the Node handler does', async () => {
    const python = await exportPython(load(corpus('spark/mllib_dt_banknote_depth5.txt')));
    const post = (body: string) => ({ version: '2.0', rawPath: '/predict', requestContext: { http: { method: 'POST', path: '/predict' } }, body });
    const [big, many, fine] = pythonHandler(python.folder, [post('x'.repeat(2000)), post(JSON.stringify({ instances: [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]] })), post('[1,2,3,4]')], { MAX_BODY_BYTES: '1000', MAX_ROWS: '2' });
    expect(JSON.parse(big.body).error).toEqual({ code: 'E_BODY_TOO_LARGE', message: 'the body exceeds 1000 bytes' });
    expect(JSON.parse(many.body).error).toEqual({ code: 'E_TOO_MANY_ROWS', message: 'the request holds 3 rows; this service takes at most 2 per request' });
    expect(fine.statusCode).toBe(200);
  });
});

describe('a damaged bundle', () => {
  it('refuses to serve a model.spkm whose sha256 is not the exported one, and its selftest fails', async () => {
    const result = await exportPython(load(corpus('spark/mllib_dt_banknote_depth5.txt')));
    const path = join(result.folder, 'model.spkm');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(path, bytes);
    const [answer] = pythonHandler(result.folder, [{ features: [1, 2, 3, 4] }]);
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(answer.body).error.message).toContain(`but this bundle was exported with ${result.checksum}: the file was changed or damaged`);
    const run = spawnSync(PYTHON, ['-B', 'selftest.py'], { cwd: result.folder, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(report).toMatchObject({ ok: false, target: 'lambda-python', requests: 1 });
    expect(report.problem).toMatch(/^GET \/model\? answered 500: .*"internal error: the model file .*model\.spkm has checksum sha256:[0-9a-f]{64}, but this bundle/);
  });

  it('the selftest catches a prediction that differs by one ulp', async () => {
    const result = await exportPython(load(join(REFERENCE_DIR, 'xgb_binary_missing', 'model.json')));
    const path = join(result.folder, 'golden.json');
    const golden = decodeExactJson<GoldenFile>(readFileSync(path, 'utf8'));
    const { encodeExactJson } = await import('../../app/export/exactJson');
    const { nextFloat32 } = await import('../../app/export/golden');
    golden.expected[7].prediction[0] = nextFloat32(golden.expected[7].prediction[0], true);
    writeFileSync(path, encodeExactJson(golden));
    const run = spawnSync(PYTHON, ['-B', 'selftest.py'], { cwd: result.folder, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(report.mismatch).toMatchObject({ row: 7, field: 'probabilities[0]' });
    expect(report.mismatch.expected).not.toBe(report.mismatch.actual);
  });
});

describe('the Python bundle’s files', () => {
  it('writes a SAM template and a Serverless file for python3.12 that name every module, and sample events the handler answers', async () => {
    const result = await exportPython(load(corpus('spark/mllib_dt_banknote_depth5.txt')));
    expect(result.files).toEqual(expect.arrayContaining(['handler.py', 'service.py', 'evaluator.py', 'spkm.py', 'selftest.py', 'template.yaml', 'serverless.yml', 'README.md', 'model.spkm', 'golden.json', 'events/get-v1.json', 'events/post-v2.json']));
    expect(result.nextCommands).toContain('python3 selftest.py');
    const intrinsics: Tags = ['!Sub', '!Ref', '!GetAtt'].map((tag) => ({ tag, resolve: (value: string) => ({ [tag]: value }) }));
    const fn = parseYaml(readFileSync(join(result.folder, 'template.yaml'), 'utf8'), { customTags: intrinsics }).Resources.PredictFunction;
    expect(fn.Properties).toMatchObject({ Runtime: 'python3.12', Handler: 'handler.handler', Architectures: ['arm64'] });
    const serverless = parseYaml(readFileSync(join(result.folder, 'serverless.yml'), 'utf8'));
    expect(serverless.provider.runtime).toBe('python3.12');
    expect(serverless.functions.predict.handler).toBe('handler.handler');
    expect(serverless.package.patterns).toEqual(['!**', 'handler.py', 'service.py', 'evaluator.py', 'spkm.py', 'model.spkm']);
    // Standard library only: every import is one of the bundle's modules or Python's own.
    const ownModules = new Set(['spkm', 'service', 'evaluator', 'handler']);
    for (const file of ['handler.py', 'service.py', 'evaluator.py', 'spkm.py', 'selftest.py']) {
      const text = readFileSync(join(result.folder, file), 'utf8');
      const modules = [...text.matchAll(/^\s*(?:from (\S+) import|import (\S+))/gm)].map((match) => (match[1] ?? match[2]).split('.')[0]);
      const check = spawnSync(PYTHON, ['-c', 'import sys; print(" ".join(sorted(set(sys.argv[1:]) - set(sys.stdlib_module_names))))', ...modules.filter((name) => !ownModules.has(name))], { encoding: 'utf8' });
      expect(check.stdout.trim(), file).toBe('');
    }
    const events = ['get-v1', 'post-v1', 'get-v2', 'post-v2'].map((name) => JSON.parse(readFileSync(join(result.folder, 'events', `${name}.json`), 'utf8')));
    const answers = pythonHandler(result.folder, events);
    answers.forEach((answer) => expect(answer.statusCode).toBe(200));
    const readme = readFileSync(join(result.folder, 'README.md'), 'utf8');
    for (const text of ['python3 selftest.py', 'sam deploy --guided', 'serverless deploy', 'curl ']) expect(readme).toContain(text);
  });
});
