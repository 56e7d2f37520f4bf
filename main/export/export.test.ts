import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, type Tags } from 'yaml';
import { compileModel } from '../../app/eval';
import type { CompiledModel } from '../../app/eval/types';
import { decodeExactJson, readResponseNumber } from '../../app/export/exactJson';
import type { GoldenFile } from '../../app/export/golden';
import type { TreeModel } from '../../app/model/types';
import { corpus, REFERENCE_DIR } from '../../app/testing/shared';
import { scoringText } from '../../runtime/server';
import { exportBundle, type ExportSuccess } from './index';
import { buildRuntimeForTests, expectOk, loadModelFile as load, startServerProcess, type ServerProcess } from './testkit';

// Docker itself cannot run here (no engine): the Docker bundle is tested by running its server.mjs
// with Node, its Dockerfile by the dockerfile-utils linter.

const BANKNOTE = corpus('spark/mllib_dt_banknote_depth5.txt');
const XGB_BINARY = join(REFERENCE_DIR, 'xgb_binary_missing', 'model.json');
const LGB_IRIS = join(REFERENCE_DIR, 'lgb_multiclass_iris', 'model.txt');

let runtimeDir: string;
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-export-test-'));
let folderCount = 0;
const newFolder = () => join(scratch, `bundle-${++folderCount}`);

/** Reads a CSV of numbers (empty cell = missing) with a header. */
function readNumberCsv(path: string): { header: string[]; rows: number[][] } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) => line.split(',').map((cell) => (cell === '' ? NaN : Number(cell))));
  return { header, rows };
}

/** The fields a response row must carry for `row`, straight from the app's evaluator. */
function expectRowMatches(model: TreeModel, compiled: CompiledModel, row: number[], answer: Record<string, unknown>): void {
  const expected = compiled.predictRow(row);
  if (expected.predictedClass !== undefined) {
    expect(answer.class).toBe(expected.predictedClass);
    expect(answer.prediction).toBe(model.classes?.[expected.predictedClass] ?? expected.predictedClass);
  } else {
    expect(readResponseNumber(answer.prediction)).toBe(expected.prediction[0]);
  }
  if (answer.raw !== undefined) expect((answer.raw as unknown[]).map(readResponseNumber)).toEqual(expected.raw);
  if (answer.leaves !== undefined) expect(answer.leaves).toEqual(expected.leaves);
}

beforeAll(() => {
  runtimeDir = buildRuntimeForTests();
});

describe('Docker bundle of the Spark banknote tree, served by node server.mjs', () => {
  const model = load(BANKNOTE);
  const compiled = compileModel(model);
  const rows = readNumberCsv(corpus('spark/mllib_dt_banknote_depth5.csv'));
  // The CSV's first four columns are the features (variance, skewness, curtosis, entropy), then the label.
  const userRows = rows.rows.map((row) => row.slice(0, 4));
  let result: ExportSuccess;
  let server: ServerProcess;

  beforeAll(async () => {
    const steps: string[] = [];
    result = expectOk(
      await exportBundle({ model, target: 'docker', outDir: newFolder(), rows: userRows, runtimeDir, onProgress: (step) => steps.push(step) }),
    );
    expect(steps[0]).toBe('checking the folder');
    expect(steps.at(-1)).toBe('done');
    server = await startServerProcess(result.folder, { MAX_BODY_BYTES: '4096' });
  });
  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
  });

  it('writes the files and proves parity on the user rows', () => {
    expect(result.files).toEqual(
      expect.arrayContaining(['server.mjs', 'selftest.mjs', 'golden.json', 'Dockerfile', '.dockerignore', 'README.md', 'k8s/deployment.yaml', 'k8s/service.yaml', 'k8s/hpa.yaml']),
    );
    expect(result.selftest.source).toBe('csv');
    expect(result.selftest.rows).toBe(userRows.length);
    expect(result.nextCommands).toContain('node selftest.mjs');
    expect(result.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    // One JavaScript file, no imports but Node's own modules.
    const code = readFileSync(join(result.folder, 'server.mjs'), 'utf8');
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(imports.every((name) => name.startsWith('node:'))).toBe(true);
  });

  it('answers /ping and /model', async () => {
    const ping = await fetch(`${server.url}/ping`);
    expect(ping.status).toBe(200);
    const description = (await (await fetch(`${server.url}/model`)).json()) as Record<string, unknown>;
    expect(description.checksum).toBe(result.checksum);
    expect(description.task).toBe(model.task);
    expect(description.classes).toEqual(model.classes);
    expect((description.features as { name: string }[]).map((feature) => feature.name)).toEqual(model.features.map((feature) => feature.name));
    // The start-up line says how the server scores: as the app's model compiler decides for this model.
    const asServed = compileModel(model);
    asServed.prepare();
    expect(server.output()).toContain(`; scoring: ${scoringText(asServed.kernel)})`);
  });

  it('scores /invocations CSV and JSON like the app', async () => {
    const sample = userRows.slice(0, 50);
    const csv = await fetch(`${server.url}/invocations`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: sample.map((row) => row.join(',')).join('\n') + '\n' });
    expect(csv.status).toBe(200);
    const fromCsv = ((await csv.json()) as { predictions: Record<string, unknown>[] }).predictions;
    expect(fromCsv).toHaveLength(sample.length);
    sample.forEach((row, i) => expectRowMatches(model, compiled, row, fromCsv[i]));

    const json = await fetch(`${server.url}/invocations?explain=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instances: sample.slice(0, 20) }) });
    const fromJson = ((await json.json()) as { predictions: Record<string, unknown>[] }).predictions;
    sample.slice(0, 20).forEach((row, i) => expectRowMatches(model, compiled, row, fromJson[i]));
    expect(fromJson[0].leaves).toBeDefined();
  });

  it('answers GET /predict by position and by name, and CSV with a header', async () => {
    const row = userRows[3];
    const positional = (await (await fetch(`${server.url}/predict?features=${row.join(',')}&explain=1`)).json()) as { predictions: Record<string, unknown>[] };
    expectRowMatches(model, compiled, row, positional.predictions[0]);
    const query = model.features.map((feature, i) => `${encodeURIComponent(feature.name)}=${row[i]}`).join('&');
    const named = (await (await fetch(`${server.url}/predict?${query}`)).json()) as { predictions: Record<string, unknown>[] };
    expectRowMatches(model, compiled, row, named.predictions[0]);
    // Default names work too for unnamed features (Spark dumps name none).
    const aliased = (await (await fetch(`${server.url}/predict?f0=${row[0]}&f1=${row[1]}&f2=${row[2]}&f3=${row[3]}`)).json()) as { predictions: Record<string, unknown>[] };
    expectRowMatches(model, compiled, row, aliased.predictions[0]);
    const header = model.features.map((feature) => feature.name).join(',');
    const csv = await fetch(`${server.url}/predict`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `${header}\n${row.join(',')}\n` });
    expectRowMatches(model, compiled, row, ((await csv.json()) as { predictions: Record<string, unknown>[] }).predictions[0]);
    const records = await fetch(`${server.url}/predict`, { method: 'POST', body: JSON.stringify({ records: [Object.fromEntries(model.features.map((feature, i) => [feature.name, row[i]]))] }) });
    expectRowMatches(model, compiled, row, ((await records.json()) as { predictions: Record<string, unknown>[] }).predictions[0]);
    // The single row a client sends most (commas escaped, no other parameter), as JSON and as CSV.
    const plain = await fetch(`${server.url}/predict?features=${encodeURIComponent(row.join(','))}`);
    expectRowMatches(model, compiled, row, ((await plain.json()) as { predictions: Record<string, unknown>[] }).predictions[0]);
    const expected = compiled.predictRow(row);
    expect(expected.predictedClass).toBeDefined();
    for (const accept of ['text/csv', 'TEXT/CSV; q=1', 'text/csv, application/json']) {
      const asCsv = await fetch(`${server.url}/predict?features=${encodeURIComponent(row.join(','))}`, { headers: { accept } });
      expect(asCsv.headers.get('content-type'), accept).toMatch(/^text\/csv/);
      expect((await asCsv.text()).split(',')[0], accept).toBe(String(model.classes?.[expected.predictedClass!] ?? expected.predictedClass));
    }
  });

  it('rejects bad input with 400 and a message naming the problem, big bodies with 413, and keeps serving', async () => {
    const cases: [string, RequestInit | undefined, string, RegExp][] = [
      ['/predict?features=1,2,3', undefined, 'E_FEATURE_COUNT', /has 3 values; the model has 4 features/],
      ['/predict?nosuch=1', undefined, 'E_UNKNOWN_FEATURE', /unknown feature "nosuch"/],
      ['/predict?features=1,abc,3,4', undefined, 'E_NOT_A_NUMBER', /feature 1 \("feature 1"\): "abc" is not a number/],
      ['/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"features": [1, 2,' }, 'E_BAD_JSON', /not valid JSON/],
      ['/predict', { method: 'POST', body: '{"features": [1, true, 3, 4]}' }, 'E_NOT_A_NUMBER', /true is not a number/],
      ['/predict', { method: 'POST', body: '{"rows": [[1, 2, 3, 4]]}' }, 'E_BAD_REQUEST', /unknown key "rows"/],
      ['/invocations', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: '1,2,3,4\n1,2,x,4\n' }, 'E_NOT_A_NUMBER', /CSV line 2, feature 2/],
      ['/predict?features=1%ZZ', undefined, 'E_BAD_REQUEST', /malformed escape/],
    ];
    for (const [path, init, code, message] of cases) {
      const response = await fetch(`${server.url}${path}`, init);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, path).toBe(code);
      expect(body.error.message, path).toMatch(message);
    }
    const big = await fetch(`${server.url}/invocations`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: '1,2,3,4\n'.repeat(1000) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('E_BODY_TOO_LARGE');
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${server.url}/model`, { method: 'DELETE' })).status).toBe(405);
    const long = await fetch(`${server.url}/predict?features=${'1,'.repeat(20_000)}1`);
    expect(long.status).toBe(431);
    expect(((await long.json()) as { error: { code: string } }).error.code).toBe('E_REQUEST_TOO_LONG');
    expect((await fetch(`${server.url}/ping`)).status).toBe(200);
  });

  it('agrees with `splitscope predict` on the same rows', async () => {
    const { runCli } = await import('../cli/run');
    const csvPath = join(scratch, 'banknote-features.csv');
    const header = model.features.map((feature) => feature.name).join(',');
    const sample = userRows.slice(0, 100);
    writeFileSync(csvPath, `${header}\n${sample.map((row) => row.join(',')).join('\n')}\n`);
    let stdout = '';
    const io = { stdout: { write: (chunk: string) => ((stdout += chunk), true) }, stderr: { write: () => true } };
    expect(await runCli(['predict', BANKNOTE, '--csv', csvPath, '--leaves'], io)).toBe(0);
    const lines = stdout.trim().split('\n');
    const columns = lines[0].split(',');
    const response = await fetch(`${server.url}/invocations?explain=1`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `${header}\n${sample.map((row) => row.join(',')).join('\n')}\n` });
    const predictions = ((await response.json()) as { predictions: { prediction: string; leaves: number[] }[] }).predictions;
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      expect(predictions[i].prediction).toBe(cells[columns.indexOf('prediction')]);
      expect(String(predictions[i].leaves[0])).toBe(cells[columns.indexOf('leaf_0')]);
    });
  });

  it('lints the Dockerfile and parses the Kubernetes manifests', () => {
    const dockerfile = readFileSync(join(result.folder, 'Dockerfile'), 'utf8');
    const errors = validate(dockerfile).filter((diagnostic) => diagnostic.severity === 1);
    expect(errors).toEqual([]);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    const deployment = parseYaml(readFileSync(join(result.folder, 'k8s/deployment.yaml'), 'utf8'));
    const container = deployment.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe('/ping');
    expect(container.livenessProbe.httpGet.path).toBe('/ping');
    expect(parseYaml(readFileSync(join(result.folder, 'k8s/service.yaml'), 'utf8')).kind).toBe('Service');
    const hpa = parseYaml(readFileSync(join(result.folder, 'k8s/hpa.yaml'), 'utf8'));
    expect(hpa.kind).toBe('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef.name).toBe(deployment.metadata.name);
  });
});

describe('server.mjs lifecycle', () => {
  it('refuses to serve a model file whose sha256 is not the exported one', async () => {
    const result = expectOk(await exportBundle({ model: load(BANKNOTE), target: 'docker', outDir: newFolder(), runtimeDir }));
    const path = join(result.folder, 'model.spkm');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(path, bytes);
    const run = spawnSync(process.execPath, ['server.mjs', 'serve'], { cwd: result.folder, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SM_MODEL_DIR: join(result.folder, 'none') }, encoding: 'utf8', timeout: 15_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(`this bundle was exported with ${result.checksum}: the file was changed or damaged`);
  });

  it('refuses to serve with an evaluator layout file whose sha256 is not the exported one', async () => {
    const result = expectOk(await exportBundle({ model: load(BANKNOTE), target: 'docker', outDir: newFolder(), runtimeDir }));
    const path = join(result.folder, 'model.layout');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(path, bytes);
    const expected = readFileSync(join(result.folder, 'server.mjs'), 'utf8').match(/SPLITSCOPE_LAYOUT_CHECKSUM = "(sha256:[0-9a-f]{64})"/)![1];
    const run = spawnSync(process.execPath, ['server.mjs', 'serve'], { cwd: result.folder, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SM_MODEL_DIR: join(result.folder, 'none') }, encoding: 'utf8', timeout: 15_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(`model layout file ${path} has checksum`);
    expect(run.stdout + run.stderr).toContain(`this bundle was exported with ${expected}: the file was changed or damaged`);
  });

  it('serves an override model from SM_MODEL_DIR and stops on SIGTERM', async () => {
    const result = expectOk(await exportBundle({ model: load(BANKNOTE), target: 'docker', outDir: newFolder(), runtimeDir }));
    const modelDir = join(result.folder, 'override');
    mkdirSync(modelDir);
    // The plain IR JSON that `splitscope inspect --json` writes, of another model.
    const { serializeModel } = await import('../../app/model/serialize');
    const other = load(corpus('spark/mllib_dt_handwritten_nested.txt'));
    writeFileSync(join(modelDir, 'model.json'), serializeModel(other));
    const server = await startServerProcess(result.folder, { SM_MODEL_DIR: modelDir });
    const description = (await (await fetch(`${server.url}/model`)).json()) as { modelSource: string; features: unknown[]; checksum: string };
    expect(description.modelSource).toBe(join(modelDir, 'model.json'));
    expect(description.features).toHaveLength(compileModel(other).numFeatures);
    expect(description.checksum).not.toBe(result.checksum);
    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/SIGTERM/);
  });
});

describe('Lambda bundle', () => {
  const model = load(BANKNOTE);
  const compiled = compileModel(model);
  let result: ExportSuccess;
  let handler: (event: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

  beforeAll(async () => {
    result = expectOk(await exportBundle({ model, target: 'lambda', outDir: newFolder(), runtimeDir }));
    ({ handler } = await import(pathToFileURL(join(result.folder, 'index.mjs')).href));
  });

  it('handles the v1 and v2 sample events from events/', async () => {
    for (const name of ['get-v1', 'post-v1', 'get-v2', 'post-v2']) {
      const event = JSON.parse(readFileSync(join(result.folder, 'events', `${name}.json`), 'utf8'));
      const response = await handler(event);
      expect(response.statusCode, name).toBe(200);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      const predictions = (JSON.parse(response.body) as { predictions: Record<string, unknown>[] }).predictions;
      const rows: number[][] = name.startsWith('get')
        ? [(name === 'get-v1' ? event.queryStringParameters.features : new URLSearchParams(event.rawQueryString).get('features')).split(',').map(Number)]
        : (JSON.parse(event.body) as { instances: number[][] }).instances;
      expect(predictions).toHaveLength(rows.length);
      rows.forEach((row, i) => expectRowMatches(model, compiled, row, predictions[i]));
    }
  });

  it('answers errors, base64 bodies, stage prefixes and direct invocations', async () => {
    const postV2 = JSON.parse(readFileSync(join(result.folder, 'events', 'post-v2.json'), 'utf8'));
    const encoded = await handler({ ...postV2, body: Buffer.from(postV2.body).toString('base64'), isBase64Encoded: true });
    expect(encoded.statusCode).toBe(200);
    const bad = await handler({ ...postV2, body: '{"instances": [[1,2]]}' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('E_FEATURE_COUNT');
    const malformed = await handler({ ...postV2, body: 'not json' });
    expect(JSON.parse(malformed.body).error.code).toBe('E_BAD_JSON');
    const huge = await handler({ ...postV2, body: 'x'.repeat(6 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    // HTTP API keeps a named stage in rawPath; only that stage is stripped, never any prefix.
    const staged = await handler({ ...postV2, rawPath: '/prod/model', requestContext: { stage: 'prod', http: { method: 'GET', path: '/prod/model' } }, body: undefined });
    expect(JSON.parse(staged.body).checksum).toBe(result.checksum);
    const prefixed = await handler({ ...postV2, rawPath: '/x/y/ping', requestContext: { stage: 'prod', http: { method: 'GET', path: '/x/y/ping' } }, body: undefined });
    expect(prefixed.statusCode).toBe(404);
    expect(JSON.parse(prefixed.body).error.code).toBe('E_NOT_FOUND');
    const direct = await handler({ features: [1, 2, 3, 4] });
    expect(direct.statusCode).toBe(200);
    expectRowMatches(model, compiled, [1, 2, 3, 4], JSON.parse(direct.body).predictions[0]);
  });

  it('answers a null or malformed event with 400 JSON, not 500', async () => {
    const getV1 = JSON.parse(readFileSync(join(result.folder, 'events', 'get-v1.json'), 'utf8'));
    const postV2 = JSON.parse(readFileSync(join(result.folder, 'events', 'post-v2.json'), 'utf8'));
    const events: [string, unknown, RegExp][] = [
      ['null', null, /got null/],
      ['undefined', undefined, /got undefined/],
      ['a number', 42, /got number/],
      ['a string', 'features=1,2,3,4', /got string/],
      ['a body that is an object', { ...postV2, body: { instances: [[1, 2, 3, 4]] } }, /"body" must be a string/],
      ['headers that are text', { ...postV2, headers: 'content-type: text/csv' }, /"headers" must be an object/],
      ['a rawPath that is a number', { ...postV2, rawPath: 7 }, /"rawPath" must be a string/],
      ['query parameters of the wrong type', { ...getV1, queryStringParameters: { features: [1, 2] } }, /queryStringParameters/],
      ['a requestContext.http that is not an object', { ...postV2, requestContext: { http: 'POST' } }, /requestContext\.http/],
      ['an empty object', {}, /exactly one of "features", "instances" or "records"/],
    ];
    for (const [label, event, message] of events) {
      const response = await handler(event);
      expect(response.statusCode, label).toBe(400);
      expect(response.headers['content-type'], label).toMatch(/application\/json/);
      const error = JSON.parse(response.body).error;
      expect(error.code, label).toMatch(/^E_BAD_REQUEST$/);
      expect(error.message, label).toMatch(message);
    }
    // A direct invocation with a bare array is a prediction body, as documented.
    expect((await handler([1, 2, 3, 4])).statusCode).toBe(200);
  });

  it('writes a SAM template, a Serverless v3 file and a Lambda Dockerfile that check out', () => {
    // SAM's short-form intrinsics (!Sub, !Ref) are YAML tags: read them as plain values.
    const intrinsics: Tags = ['!Sub', '!Ref', '!GetAtt'].map((tag) => ({ tag, resolve: (value: string) => ({ [tag]: value }) }));
    const template = parseYaml(readFileSync(join(result.folder, 'template.yaml'), 'utf8'), { customTags: intrinsics });
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    const fn = template.Resources.PredictFunction;
    expect(fn.Type).toBe('AWS::Serverless::Function');
    expect(fn.Properties.Runtime).toBe('nodejs22.x');
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(256);
    const eventTypes = Object.values(fn.Properties.Events as Record<string, { Type: string; Properties: { Path: string; Method: string } }>);
    expect(eventTypes.filter((event) => event.Type === 'Api').map((event) => `${event.Properties.Method} ${event.Properties.Path}`)).toContain('POST /predict');
    expect(eventTypes.filter((event) => event.Type === 'HttpApi').map((event) => `${event.Properties.Method} ${event.Properties.Path}`)).toContain('GET /predict');

    const serverless = parseYaml(readFileSync(join(result.folder, 'serverless.yml'), 'utf8'));
    expect(serverless.frameworkVersion).toBe('3');
    expect(serverless.provider.runtime).toBe('nodejs22.x');
    expect(serverless.provider.architecture).toBe('arm64');
    const events = serverless.functions.predict.events as Record<string, { path: string; method: string }>[];
    expect(events.some((event) => event.http?.method === 'post')).toBe(true);
    expect(events.some((event) => event.httpApi?.path === '/predict')).toBe(true);
    expect(serverless.functions.predict.handler).toBe('index.handler');

    const dockerfile = readFileSync(join(result.folder, 'Dockerfile.lambda'), 'utf8');
    expect(validate(dockerfile).filter((diagnostic) => diagnostic.severity === 1)).toEqual([]);
    expect(dockerfile).toMatch(/^FROM public\.ecr\.aws\/lambda\/nodejs:22$/m);
    const readme = readFileSync(join(result.folder, 'README.md'), 'utf8');
    for (const command of ['sam local invoke', 'sam deploy --guided', 'serverless deploy', 'curl ']) expect(readme).toContain(command);
  });
});

/**
 * What a deployment would hold: only the files its recipe (a Dockerfile's COPY, serverless.yml's
 * package patterns) takes from the bundle, plus the selftest and its golden rows, in a new folder.
 * The selftest run there proves the recipe takes every file the service reads.
 */
function deployedCopy(folder: string, files: string[]): string {
  const deployed = newFolder();
  mkdirSync(deployed);
  for (const file of [...files, 'selftest.mjs', 'golden.json']) writeFileSync(join(deployed, file), readFileSync(join(folder, file)));
  return deployed;
}

function copiedFiles(dockerfile: string): string[] {
  const copy = dockerfile.split('\n').find((line) => line.startsWith('COPY '))!;
  return copy.split(/\s+/).slice(1, -1).filter((word) => !word.startsWith('--'));
}

describe('every deployment recipe takes every file the service reads', () => {
  it('Docker: the Dockerfile COPY and the .dockerignore whitelist', async () => {
    const result = expectOk(await exportBundle({ model: load(LGB_IRIS), target: 'docker', outDir: newFolder(), runtimeDir }));
    const copied = copiedFiles(readFileSync(join(result.folder, 'Dockerfile'), 'utf8'));
    const allowed = readFileSync(join(result.folder, '.dockerignore'), 'utf8').split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1));
    expect(allowed.sort()).toEqual([...copied].sort());
    const run = spawnSync(process.execPath, ['selftest.mjs'], { cwd: deployedCopy(result.folder, copied), encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toContain('"ok":true');
  });

  it('Lambda: serverless.yml package patterns and Dockerfile.lambda COPY', async () => {
    const result = expectOk(await exportBundle({ model: load(LGB_IRIS), target: 'lambda', outDir: newFolder(), runtimeDir }));
    const patterns = (parseYaml(readFileSync(join(result.folder, 'serverless.yml'), 'utf8')).package.patterns as string[]).filter((pattern) => !pattern.startsWith('!'));
    const copied = copiedFiles(readFileSync(join(result.folder, 'Dockerfile.lambda'), 'utf8'));
    expect([...patterns].sort()).toEqual([...copied].sort());
    const run = spawnSync(process.execPath, ['selftest.mjs'], { cwd: deployedCopy(result.folder, patterns), encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toContain('"ok":true');
  });
});

describe('folder safety and the parity check', () => {
  it('refuses a non-empty folder unless overwrite is set, then replaces its earlier export', async () => {
    const model = load(BANKNOTE);
    const folder = newFolder();
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const refused = await exportBundle({ model, target: 'lambda', outDir: folder, runtimeDir });
    expect(refused.status).toBe('error');
    if (refused.status === 'error') {
      expect(refused.code).toBe('E_EXPORT_FOLDER_NOT_EMPTY');
      expect(refused.entries).toEqual(['notes.txt']);
    }
    expect(existsSync(join(folder, 'index.mjs'))).toBe(false);
    expectOk(await exportBundle({ model, target: 'lambda', outDir: folder, runtimeDir, overwrite: true }));
    expect(existsSync(join(folder, 'events', 'get-v1.json'))).toBe(true);
    // A Docker export over the Lambda one removes the Lambda files but keeps the user's.
    expectOk(await exportBundle({ model, target: 'docker', outDir: folder, runtimeDir, overwrite: true }));
    expect(existsSync(join(folder, 'index.mjs'))).toBe(false);
    expect(existsSync(join(folder, 'events'))).toBe(false);
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('the selftest catches a prediction that differs by one ulp', async () => {
    const result = expectOk(await exportBundle({ model: load(XGB_BINARY), target: 'lambda', outDir: newFolder(), runtimeDir }));
    const path = join(result.folder, 'golden.json');
    const golden = decodeExactJson<GoldenFile>(readFileSync(path, 'utf8'));
    const { encodeExactJson } = await import('../../app/export/exactJson');
    const { nextFloat32 } = await import('../../app/export/golden');
    const target = 7;
    golden.expected[target].prediction[0] = nextFloat32(golden.expected[target].prediction[0], true);
    writeFileSync(path, encodeExactJson(golden));
    const run = spawnSync(process.execPath, ['selftest.mjs'], { cwd: result.folder, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(report.ok).toBe(false);
    expect(report.mismatch.row).toBe(target);
    // Both probabilities move: [1 − p, p], and the first one is reported.
    expect(report.mismatch.field).toBe('probabilities[0]');
    expect(report.mismatch.expected).not.toBe(report.mismatch.actual);
  });
});

describe('reference models: the exported service predicts what the library predicted', () => {
  it('XGBoost binary:logistic with missing values (model.json), Docker', async () => {
    const model = load(XGB_BINARY);
    const { rows } = readNumberCsv(join(REFERENCE_DIR, 'xgb_binary_missing', 'input_main.csv'));
    const expected = readNumberCsv(join(REFERENCE_DIR, 'xgb_binary_missing', 'expected_main_pred.csv')).rows.map((row) => row[0]);
    const result = expectOk(await exportBundle({ model, target: 'docker', outDir: newFolder(), runtimeDir, rows }));
    expect(result.selftest.rows).toBe(rows.length);
    const server = await startServerProcess(result.folder);
    try {
      const response = await fetch(`${server.url}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instances: rows.map((row) => row.map((value) => (Number.isNaN(value) ? null : value))) }),
      });
      const predictions = ((await response.json()) as { predictions: { probabilities: number[] }[] }).predictions;
      predictions.forEach((prediction, i) => expect(prediction.probabilities[1], `row ${i + 1}`).toBe(expected[i]));
    } finally {
      await server.stop();
    }
  });

  it('LightGBM multiclass iris (model.txt), Lambda', async () => {
    const model = load(LGB_IRIS);
    const { rows } = readNumberCsv(join(REFERENCE_DIR, 'lgb_multiclass_iris', 'input_main.csv'));
    const expected = readNumberCsv(join(REFERENCE_DIR, 'lgb_multiclass_iris', 'expected_main_pred.csv')).rows;
    const result = expectOk(await exportBundle({ model, target: 'lambda', outDir: newFolder(), runtimeDir }));
    expect(result.selftest.source).toBe('generated');
    const { handler } = await import(pathToFileURL(join(result.folder, 'index.mjs')).href);
    const response = await handler({ version: '2.0', rawPath: '/predict', rawQueryString: '', headers: { 'content-type': 'application/json' }, requestContext: { http: { method: 'POST', path: '/predict' } }, body: JSON.stringify({ instances: rows.map((row) => row.map((value) => (Number.isNaN(value) ? null : value))) }) });
    const predictions = (JSON.parse(response.body) as { predictions: { probabilities: number[] }[] }).predictions;
    predictions.forEach((prediction, i) => {
      prediction.probabilities.forEach((p, k) => expect(Math.abs(p - expected[i][k])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[i][k]))));
    });
  });
});

describe('a LightGBM model whose categories have pandas labels', () => {
  it('exports to Lambda: the selftest sends single-row GETs with the label text a user sends, and they score as the app', async () => {
    const model = load(corpus('lightgbm/lleaves_mtpl2_regression_1000trees_pandas_categorical_v3.txt'));
    const labelled = model.features.filter((feature) => feature.categoryLabels?.length);
    expect(labelled.length).toBeGreaterThan(0);
    const result = expectOk(await exportBundle({ model, target: 'lambda', outDir: newFolder(), runtimeDir }));
    // GET /model, the POST batches, then 25 GETs (before the fix the GETs sent codes as numbers and the export failed).
    const batches = Math.ceil(result.selftest.rows / 250);
    expect(result.selftest.requests).toBe(1 + batches + 25);
    // And a GET by label text, built here from the model's own labels, answers what the app predicts for the codes.
    const compiled = compileModel(model);
    const codes = model.features.map((feature) => (feature.categoryLabels?.length ? feature.categoryLabels.length - 1 : 1.5));
    const text = model.features.map((feature, index) => (feature.categoryLabels?.length ? feature.categoryLabels[codes[index]] : String(codes[index]))).join(',');
    const { handler } = await import(pathToFileURL(join(result.folder, 'index.mjs')).href);
    const response = await handler({ version: '2.0', rawPath: '/predict', rawQueryString: `features=${encodeURIComponent(text)}`, headers: {}, requestContext: { http: { method: 'GET', path: '/predict' } } });
    expect(response.statusCode).toBe(200);
    const answer = (JSON.parse(response.body) as { predictions: Record<string, unknown>[] }).predictions[0];
    expect(readResponseNumber(answer.prediction)).toBe(compiled.predictRow(codes).prediction[0]);
  }, 120_000);
});

describe('cancelling an export', () => {
  it('stops before writing anything when cancelled at once', async () => {
    const outDir = join(newFolder(), 'never-written');
    const controller = new AbortController();
    controller.abort();
    const result = await exportBundle({ model: load(BANKNOTE), target: 'docker', outDir, runtimeDir, signal: controller.signal });
    expect(result).toMatchObject({ status: 'error', code: 'E_EXPORT_CANCELLED' });
    expect(existsSync(outDir)).toBe(false);
  });

  it('terminates the running selftest and reports the export as cancelled', async () => {
    const controller = new AbortController();
    const outDir = newFolder();
    const result = await exportBundle({
      model: load(BANKNOTE),
      target: 'lambda',
      outDir,
      runtimeDir,
      signal: controller.signal,
      // Without a working cancel this selftest would hold the export for the full hour.
      selftestTimeoutMillis: 3_600_000,
      onProgress: (step) => {
        if (step !== 'running the selftest') return;
        // The bundle is written: swap in a selftest that never finishes, then cancel once its worker runs it.
        writeFileSync(join(outDir, 'selftest.mjs'), `import { writeFileSync } from 'node:fs';\nexport function runSelftest(folder) { writeFileSync(folder + '/started', ''); setInterval(() => {}, 1000); return new Promise(() => {}); }\n`);
        const waitForStart = () => (existsSync(join(outDir, 'started')) ? controller.abort() : setImmediate(waitForStart));
        waitForStart();
      },
    });
    expect(result).toMatchObject({ status: 'error', code: 'E_EXPORT_CANCELLED' });
    expect(existsSync(join(outDir, 'started'))).toBe(true);
  });
});
