/**
 * `node selftest.mjs` in an exported bundle: scores every row of golden.json with the bundle's own
 * code — the Lambda handler of index.mjs, or a real HTTP server started from server.mjs on a free
 * loopback port — and compares every number with the app's predictions (bit for bit). Prints one
 * JSON line (`SelftestReport`) and exits 0 when everything matched, 1 otherwise.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compareRow, type RowMismatch } from '../app/export/compare';
import { decodeExactJson, responseNumber } from '../app/export/exactJson';
import type { GoldenFile } from '../app/export/golden';
import type { ExportTarget } from '../app/export/targets';
import type { ExportFidelity } from '../app/export/result';
import type { ServiceResponse } from './service';

/** What the selftest prints (one JSON line) and the exporter reads. */
export interface SelftestReport {
  ok: boolean;
  target: ExportTarget;
  rows: number;
  /** Requests sent (batches plus single-row GETs). */
  requests: number;
  millis: number;
  checksum?: string;
  mismatch?: RowMismatch & { input: (number | string | null)[] };
  /** A failure that is not a row mismatch (a request that errored, a wrong checksum). */
  problem?: string;
  /** ONNX bundles: how close ONNX Runtime came to the app (a difference is measured, not failed). */
  fidelity?: ExportFidelity;
}

const BATCH_ROWS = 250;
const SINGLE_ROWS = 25;

/** A row as JSON the service reads back exactly: null for missing, strings for ±Infinity, -0 kept. */
function rowJson(row: number[]): string {
  return '[' + row.map((value) => (value !== value ? 'null' : responseNumber(value))).join(',') + ']';
}

/**
 * A row as the `features=` text of a GET, or undefined when the text cannot say it. A feature with
 * category labels (LightGBM's pandas categories) reads label text, as a user sends it, so its value
 * must be the code of a label that reads back as that code (lambda_selftest.py does the same).
 */
function rowQuery(row: number[], labels: readonly (readonly string[] | undefined)[]): string | undefined {
  const cells: string[] = [];
  for (let index = 0; index < row.length; index++) {
    const value = row[index];
    const names = labels[index];
    if (value !== value) cells.push('');
    else if (names) {
      const label = Number.isInteger(value) && value >= 0 && value < names.length ? names[value] : undefined;
      if (label === undefined || label === '' || label.includes(',') || label.trim() !== label || names.indexOf(label) !== value) return undefined;
      cells.push(label);
    } else cells.push(Object.is(value, -0) ? '-0' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : String(value));
  }
  return cells.join(',');
}

type Send = (method: string, path: string, query: string, body?: string) => Promise<ServiceResponse>;

async function lambdaSender(folder: string): Promise<Send> {
  const module = (await import(pathToFileURL(join(folder, 'index.mjs')).href)) as { handler: (event: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }> };
  let useV2 = true;
  return async (method, path, query, body) => {
    // Alternate the payload versions so both event shapes are proven.
    useV2 = !useV2;
    const headers = { 'content-type': 'application/json' };
    const event = useV2
      ? { version: '2.0', rawPath: path, rawQueryString: query, headers, body, isBase64Encoded: false, requestContext: { http: { method, path } } }
      : {
          httpMethod: method,
          path,
          headers,
          body: body ?? null,
          isBase64Encoded: false,
          queryStringParameters: query ? Object.fromEntries(new URLSearchParams(query)) : null,
          multiValueQueryStringParameters: null,
        };
    const result = await module.handler(event);
    return { status: result.statusCode, headers: result.headers, body: result.body };
  };
}

async function dockerSender(folder: string): Promise<{ send: Send; close: () => Promise<void> }> {
  const module = (await import(pathToFileURL(join(folder, 'server.mjs')).href)) as typeof import('./server');
  const running = await module.startServer(module.createEmbeddedService(), 0, '127.0.0.1');
  const send: Send = async (method, path, query, body) => {
    const response = await fetch(`http://127.0.0.1:${running.port}${path}${query ? `?${query}` : ''}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { status: response.status, headers, body: await response.text() };
  };
  return { send, close: () => running.close(1000) };
}

/** Runs the selftest of the bundle in `folder`. */
export async function runSelftest(folder: string): Promise<SelftestReport> {
  const started = performance.now();
  const golden = decodeExactJson<GoldenFile>(readFileSync(join(folder, 'golden.json'), 'utf8'));
  const report: SelftestReport = { ok: false, target: golden.target, rows: golden.rows.length, requests: 0, millis: 0 };
  let close = async () => {};
  try {
    let send: Send;
    if (golden.target === 'lambda') send = await lambdaSender(folder);
    else ({ send, close } = await dockerSender(folder));
    const request = async (method: string, path: string, query: string, body?: string) => {
      report.requests++;
      const response = await send(method, path, query, body);
      if (response.status !== 200) throw new Error(`${method} ${path}?${query.slice(0, 80)} answered ${response.status}: ${response.body.slice(0, 300)}`);
      return JSON.parse(response.body) as Record<string, unknown>;
    };
    const description = (await request('GET', '/model', '')) as { checksum: string; features?: { categories?: string[] }[] };
    report.checksum = description.checksum;
    if (description.checksum !== golden.modelChecksum) {
      report.problem = `the bundle's model checksum ${description.checksum} is not the exported model's ${golden.modelChecksum}`;
      return report;
    }
    const shape = golden.shape;
    const check = (index: number, answer: unknown): boolean => {
      const mismatch = compareRow(shape, index, golden.expected[index], answer);
      if (!mismatch) return true;
      report.mismatch = { ...mismatch, input: golden.rows[index].map((value) => (Number.isFinite(value) ? value : String(value))) };
      return false;
    };
    // Keep each body far below the service's body limit, even for models with thousands of features.
    const batchRows = Math.max(1, Math.min(BATCH_ROWS, Math.floor(1_000_000 / (25 * Math.max(1, golden.featureNames.length)))));
    for (let first = 0; first < golden.rows.length; first += batchRows) {
      const batch = golden.rows.slice(first, first + batchRows);
      const path = golden.target === 'docker' ? '/invocations' : '/predict';
      const answer = await request('POST', path, '', `{"instances":[${batch.map(rowJson).join(',')}],"explain":true}`);
      const predictions = answer.predictions as unknown[];
      for (let i = 0; i < batch.length; i++) if (!check(first + i, predictions?.[i])) return report;
    }
    // Single-row GETs go through the query-string reader too (the rows its text can express).
    const labels = (description.features ?? []).map((feature) => feature.categories);
    let sent = 0;
    for (let index = 0; index < golden.rows.length && sent < SINGLE_ROWS; index++) {
      const query = rowQuery(golden.rows[index], labels);
      if (query === undefined) continue;
      sent++;
      const answer = await request('GET', '/predict', `features=${encodeURIComponent(query)}&explain=1`);
      if (!check(index, (answer.predictions as unknown[])?.[0])) return report;
    }
    report.ok = true;
    return report;
  } catch (error) {
    report.problem = (error as Error)?.message ?? String(error);
    return report;
  } finally {
    await close();
    report.millis = Math.round(performance.now() - started);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await runSelftest(dirname(fileURLToPath(import.meta.url)));
  process.stdout.write(JSON.stringify(report) + '\n');
  process.exitCode = report.ok ? 0 : 1;
}
