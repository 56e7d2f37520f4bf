import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../app/eval';
import { encodeExactJson, responseNumber } from '../../app/export/exactJson';
import { queryText } from '../../app/export/names';
import { outputShape, rowJson, type OutputShape } from '../../app/export/response';
import { parseModelText } from '../../app/formats';
import { corpus, REFERENCE_DIR } from '../../app/testing/shared';
import { createConfiguredService } from '../../runtime/server';
import { COMPILE_AFTER_ROWS, createService, type ServiceRequest } from '../../runtime/service';
import { InputReader, parseQuery, splitCsvLine } from '../../runtime/input';

const path = corpus('spark/mllib_dt_banknote_depth5.txt');
const model = parseModelText(readFileSync(path, 'utf8'), path);
const compiled = compileModel(model);
const service = createService(model, { checksum: 'sha256:test', modelSource: 'embedded', exportedBy: 'test' }, { maxBodyBytes: 10_000, maxRows: 5 });

function call(request: Partial<ServiceRequest>) {
  const response = service.handle({ method: 'GET', path: '/predict', query: '', headers: {}, ...request });
  return { ...response, json: response.headers['content-type'].startsWith('application/json') ? JSON.parse(response.body) : undefined };
}

describe('the service API without a transport', () => {
  it('reads missing values as NaN in every input form', () => {
    const row = [NaN, 1.5, NaN, -2];
    const expected = compiled.predictRow(row).leaves;
    const forms: Partial<ServiceRequest>[] = [
      { query: 'features=,1.5,nan,-2&explain=1' },
      { query: 'feature%201=1.5&feature%203=-2&explain=true' },
      { method: 'POST', body: '{"features":[null,1.5,"NaN",-2],"explain":true}' },
      { method: 'POST', body: '{"records":[{"feature 1":1.5,"feature 3":"-2"}],"explain":1}' },
      { method: 'POST', query: 'explain=1', headers: { 'content-type': 'text/csv' }, body: '"",1.5,,-2\r\n' },
    ];
    for (const form of forms) {
      const answer = call(form);
      expect(answer.status, JSON.stringify(form)).toBe(200);
      expect(answer.json.predictions[0].leaves, JSON.stringify(form)).toEqual(expected);
    }
  });

  it('answers CSV when asked, routes exact paths only, and counts rows against the limit', () => {
    const csv = call({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/csv' }, body: '{"instances":[[1,2,3,4],[0,0,0,0]]}' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.trim().split('\n')).toHaveLength(2);
    expect(call({ path: '/model' }).json.checksum).toBe('sha256:test');
    expect(call({ path: '/model/' }).json.checksum).toBe('sha256:test');
    for (const path of ['/prod/model', '/x/y/ping', 'ping', '/pingx', '//ping']) expect(call({ path }).json.error.code, path).toBe('E_NOT_FOUND');
    const tooMany = call({ method: 'POST', body: JSON.stringify({ instances: Array.from({ length: 6 }, () => [1, 2, 3, 4]) }) });
    expect(tooMany.status).toBe(413);
    expect(tooMany.json.error.code).toBe('E_TOO_MANY_ROWS');
    expect(call({ method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' }).status).toBe(415);
    expect(call({ method: 'POST', body: 'x'.repeat(10_001) }).status).toBe(413);
  });

  it('never throws on hostile input', () => {
    const bodies = ['', 'null', '[]', '[[]]', '{"features":{}}', '{"instances":[1,2]}', '{"records":[[1]]}', '{"features":[1,2,3,4],"records":[]}', '\u0000', '{"features":[1e999,2,3,4]}', '"text"'];
    for (const body of bodies) {
      const answer = call({ method: 'POST', body });
      expect([200, 400], body).toContain(answer.status);
      if (answer.status === 400) expect(answer.json.error.message.length, body).toBeGreaterThan(10);
    }
    expect(call({ query: 'features=1,2,3,4&features=1,2,3,4' }).status).toBe(400);
    expect(call({ query: '' }).json.error.message).toMatch(/no features given/);
  });

  it('splits quoted CSV fields', () => {
    expect(splitCsvLine('"a,b","c""d",e', 1)).toEqual(['a,b', 'c"d', 'e']);
    expect(() => splitCsvLine('"open', 3)).toThrow(/line 3: a quoted field is not closed/);
  });
});

describe('a request of many rows goes through one batch', () => {
  /** Each row of the response, as the row-by-row path (`predictRow`) writes it. */
  const rowByRow = (subject: ReturnType<typeof compileModel>, shape: OutputShape, rows: number[][]) => rows.map((row) => JSON.parse(rowJson(shape, subject.predictRow(row), false)));
  /** Rows spread over every feature's thresholds, with missing values, tiny values and -0 among them. */
  const rowsFor = (numFeatures: number, count: number) =>
    Array.from({ length: count }, (_, r) => Array.from({ length: numFeatures }, (_, j) => [NaN, -0, 1e-40, -1e-40][(r + j) % 9] ?? ((((r + 1) * 7919 + j * 104729) % 2000) / 100 - 10)));

  for (const [label, file] of [
    ['LightGBM binary with missing values', join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt')],
    ['LightGBM multiclass', join(REFERENCE_DIR, 'lgb_multiclass_iris', 'model.txt')],
    ['scikit-learn with truncated branches', corpus('sklearn/attrition_show_weights_with_header_footer.txt')],
  ] as const) {
    it(`${label}: the same answers as row by row, through the interpreter and through the compiled trees`, () => {
      const subject = parseModelText(readFileSync(file, 'utf8'), file);
      const rowCount = 300;
      for (const isCompiled of [false, true]) {
        const served = createService(subject, { checksum: 'sha256:test', modelSource: 'embedded', exportedBy: 'test' });
        if (isCompiled) served.compiled.prepare();
        const rows = rowsFor(served.compiled.numFeatures, rowCount);
        const expected = rowByRow(compileModel(subject, { kernel: 'interpreter' }), outputShape(subject), rows);
        const answer = served.handle({ method: 'POST', path: '/predict', query: '', headers: { 'content-type': 'application/json' }, body: `{"instances":[${rows.map((row) => `[${row.map((value) => (value !== value ? 'null' : responseNumber(value))).join(',')}]`).join(',')}]}` });
        expect(answer.status, answer.body.slice(0, 300)).toBe(200);
        expect(JSON.parse(answer.body).predictions).toEqual(expected);
        if (label.startsWith('scikit')) expect(expected.some((row) => row.error !== undefined)).toBe(true);
        // A single row (GET) answers as its row of the batch.
        const single = served.handle({ method: 'GET', path: '/predict', query: `features=${encodeURIComponent(queryText(rows[5]))}`, headers: {} });
        expect(JSON.parse(single.body).predictions[0]).toEqual(expected[5]);
      }
    });
  }

  it(`a service compiles its trees once it has answered ${COMPILE_AFTER_ROWS} rows one at a time, and answers as before`, () => {
    const file = join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt');
    const subject = parseModelText(readFileSync(file, 'utf8'), file);
    const served = createService(subject, { checksum: 'sha256:test', modelSource: 'embedded', exportedBy: 'test' });
    const rows = rowsFor(served.compiled.numFeatures, COMPILE_AFTER_ROWS + 50);
    const expected = rowByRow(compileModel(subject, { kernel: 'interpreter' }), outputShape(subject), rows);
    const kinds: string[] = [];
    const answers = rows.map((row) => {
      kinds.push(served.compiled.kernel.kind);
      const answer = served.handle({ method: 'GET', path: '/predict', query: `features=${encodeURIComponent(queryText(row))}`, headers: {} });
      return JSON.parse(answer.body).predictions[0];
    });
    expect(kinds[COMPILE_AFTER_ROWS - 1]).toBe('interpreter');
    expect(kinds[COMPILE_AFTER_ROWS]).toBe('wasm');
    expect(answers).toEqual(expected);
  });

  it('the Docker server compiles the trees before it serves (here: an override model from MODEL_PATH)', () => {
    const file = join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt');
    const folder = mkdtempSync(join(tmpdir(), 'splitscope-serve-'));
    const saved = process.env.MODEL_PATH;
    try {
      process.env.MODEL_PATH = join(folder, 'model.json');
      writeFileSync(process.env.MODEL_PATH, encodeExactJson(parseModelText(readFileSync(file, 'utf8'), file)));
      const served = createConfiguredService();
      expect(served.compiled.kernel.kind).toBe('wasm');
    } finally {
      if (saved === undefined) delete process.env.MODEL_PATH;
      else process.env.MODEL_PATH = saved;
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('GET /predict?features=… read in place', () => {
  const xgboostPath = join(REFERENCE_DIR, 'xgb_binary_missing', 'model.json');
  const xgboost = parseModelText(readFileSync(xgboostPath, 'utf8'), xgboostPath);
  const numFeatures = compileModel(xgboost).numFeatures;
  const values = Array.from({ length: numFeatures }, (_, i) => ['1.5', '-0', '', '0.1', '-2.25e3', '0.52350000000000008', '1e-7', '123456789.125', '.5', '3.'][i % 10]);
  /** Queries the in-place reader takes, and ones it leaves to the general reader (which then answers or says why not). */
  const queries = [
    `features=${values.join(',')}`,
    `features=${encodeURIComponent(values.join(','))}`,
    `features=${values.join('%2c')}`,
    `features=${values.map((value) => encodeURIComponent(value)).join('%2C').replace('1.5', '%31.5')}`,
    `features=${values.join(',').replace('1.5', 'nan')}`,
    `features=${values.join(',').replace('1.5', ' 1.5')}`,
    `features=${values.join(',').replace('1.5', '1.50000000000000000000000001')}`,
    `features=${values.join(',').replace('1.5', '1.500000000000000000001')}`,
    `features=${values.join(',').replace('1.5', 'Infinity')}`,
    `features=${values.join(',').replace('1.5', '1+5')}`,
    `features=${values.join(',').replace('1.5', '1.5x')}`,
    `features=${values.join(',').replace('1.5', '1%2G')}`,
    `features=${values.slice(1).join(',')}`,
    `features=${values.join(',')},`,
    `features=${values.join(',')},1`,
    `features=${values.join('%2C')}%2C`,
    `features=${values.join(',').replace(',', '%2D')}`,
    'features=',
    `features=${values.join(',')}&explain=1`,
  ];

  it('reads the same row as the general query reader, or leaves the query to it', () => {
    const reader = new InputReader(xgboost, numFeatures, { maxRows: 10 });
    const taken: number[] = [];
    for (const [index, query] of queries.entries()) {
      const row = reader.plainQueryRow(query);
      if (!row) continue;
      taken.push(index);
      const general = reader.query(parseQuery(query));
      expect(Array.from(row), query).toEqual(general.values[0]);
      expect(Object.is(row[1], -0), query).toBe(true);
    }
    // The plain, escaped and lower-case-escaped rows, and the one with another escape (decoded first).
    expect(taken).toEqual([0, 1, 2, 3]);
  });

  it('answers every query as the general path does, through the interpreter and through the compiled trees', () => {
    for (const isCompiled of [false, true]) {
      const served = createService(xgboost, { checksum: 'sha256:test', modelSource: 'embedded', exportedBy: 'test' });
      if (isCompiled) served.compiled.prepare();
      for (const query of queries) {
        const answer = served.handle({ method: 'GET', path: '/predict', query, headers: {} });
        // `explain=0` sends the same row through the general reader and scorer.
        const general = served.handle({ method: 'GET', path: '/predict', query: query.includes('&') ? query : `${query}&explain=0`, headers: {} });
        expect(answer.status, query).toBe(general.status);
        expect(answer.body, query).toBe(general.body);
        const csv = served.handle({ method: 'GET', path: '/predict', query, headers: { accept: 'text/csv' } });
        expect(csv.body, query).toBe(served.handle({ method: 'GET', path: '/predict', query: `${query}&explain=no`, headers: { accept: 'text/csv' } }).body);
      }
    }
  });

  it('leaves a model with category labels to the general reader, which maps them', () => {
    const file = corpus('lightgbm/lleaves_mtpl2_regression_1000trees_pandas_categorical_v3.txt');
    const labelled = parseModelText(readFileSync(file, 'utf8'), file);
    const count = compileModel(labelled).numFeatures;
    const reader = new InputReader(labelled, count, { maxRows: 10 });
    expect(labelled.features.some((feature) => (feature.categoryLabels?.length ?? 0) > 0)).toBe(true);
    expect(reader.plainQueryRow(`features=${Array.from({ length: count }, () => '1').join(',')}`)).toBeUndefined();
  });
});
