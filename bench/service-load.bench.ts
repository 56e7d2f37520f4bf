/**
 * Exported Docker server under sustained load (issue 14), printed not asserted: 60 s of loopback
 * load with autocannon on `node server.mjs serve` of the XGBoost reference model (100 trees), a mix
 * of single-row GET /predict, 10-row JSON and 10-row CSV POST /invocations; requests per second,
 * p99, errors, and the server's resident memory before and after (it should stay flat). Reference:
 * a bare Node http server answering a constant, in its own process, under the same load in the same
 * run. Run: node scripts/bench.mjs service-load
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { jsonRow, queryText } from '../app/export/names';
import { parseModelText } from '../app/formats';
import { exportBundle } from '../main/export';
import { buildRuntimeForTests, startServerProcess } from '../main/export/testkit';
import { megabytes } from './common';

const SHARED = join(process.cwd(), '..', 'shared');
const DURATION_SECONDS = 60;
const WARM_UP_SECONDS = 5;
const CONNECTIONS = 10;
const SAMPLE_EVERY_MILLIS = 10_000;

/** Resident memory of a process, from /proc (Linux); undefined elsewhere. */
function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const showMemory = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : megabytes(bytes));

interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  rssBefore?: number;
  rssAfter?: number;
  rssPeak?: number;
}

/** Warms up, then loads `url` for DURATION_SECONDS while sampling the server's memory. */
async function load(url: string, pid: number, requests: autocannon.Request[]): Promise<LoadFigures> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, requests });
  const rssBefore = residentBytes(pid);
  let rssPeak = rssBefore ?? 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, residentBytes(pid) ?? 0)), SAMPLE_EVERY_MILLIS);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, requests });
  clearInterval(sampler);
  const rssAfter = residentBytes(pid);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rssBefore,
    rssAfter,
    rssPeak: Math.max(rssPeak, rssAfter ?? 0),
  };
}

/** A bare Node http server answering a constant, in its own process like the service. */
async function startBareServer(): Promise<{ url: string; child: ChildProcess }> {
  const code = `const http=require('node:http');const s=http.createServer((q,r)=>{q.resume();q.on('end',()=>{r.writeHead(200,{'content-type':'application/json'});r.end('{"predictions":[{"prediction":0.5}]}')})});s.listen(0,'127.0.0.1',()=>console.log('port '+s.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(Number(/port (\d+)/.exec(chunk.toString())![1]))));
  return { url: `http://127.0.0.1:${port}`, child };
}

function report(label: string, figures: LoadFigures): void {
  const growth = figures.rssBefore !== undefined && figures.rssAfter !== undefined ? `${figures.rssAfter >= figures.rssBefore ? '+' : ''}${megabytes(figures.rssAfter - figures.rssBefore)}` : 'n/a';
  console.log(
    `  ${label}: ${figures.rps.toFixed(0)} req/s (${figures.requests} requests), p50 ${figures.p50} ms, p99 ${figures.p99} ms; ` +
      `errors ${figures.errors}, timeouts ${figures.timeouts}, non-2xx ${figures.non2xx}; ` +
      `RSS before ${showMemory(figures.rssBefore)}, after ${showMemory(figures.rssAfter)} (${growth}), peak ${showMemory(figures.rssPeak)}`,
  );
}

const modelPath = join(SHARED, 'reference', 'xgb_binary_missing', 'model.json');
const model = parseModelText(readFileSync(modelPath, 'utf8'), modelPath);
const bundle = await exportBundle({ model, target: 'docker', outDir: join(mkdtempSync(join(tmpdir(), 'splitscope-bench-load-')), 'bundle'), runtimeDir: buildRuntimeForTests() });
if (bundle.status !== 'ok') throw new Error(`${bundle.code}: ${bundle.message}`);
const golden = JSON.parse(readFileSync(join(bundle.folder, 'golden.json'), 'utf8')) as { rows: unknown[][] };
const rows = (golden.rows.filter((row) => row.every((value) => typeof value === 'number')) as number[][]).slice(0, 10);
const requests: autocannon.Request[] = [
  { method: 'GET', path: `/predict?features=${encodeURIComponent(queryText(rows[0]))}` },
  { method: 'POST', path: '/invocations', headers: { 'content-type': 'application/json' }, body: `{"instances":[${rows.map(jsonRow).join(',')}]}` },
  { method: 'POST', path: '/invocations', headers: { 'content-type': 'text/csv' }, body: rows.map(queryText).join('\n') + '\n' },
];

const server = await startServerProcess(bundle.folder);
const bare = await startBareServer();
try {
  for (const request of requests) {
    const check = await fetch(`${server.url}${request.path}`, { method: request.method, headers: request.headers as Record<string, string> | undefined, body: request.body as string | undefined });
    if (check.status !== 200) throw new Error(`${request.method} ${request.path} answered ${check.status}: ${await check.text()}`);
  }
  const rssAtStart = residentBytes(server.child.pid!);
  console.log(
    `service under load: xgb_binary_missing (100 trees, 20 features), Docker bundle server.mjs; ${CONNECTIONS} connections, ` +
      `${DURATION_SECONDS} s after a ${WARM_UP_SECONDS} s warm-up, loopback; requests cycle GET /predict (1 row), POST JSON (10 rows), POST CSV (10 rows)`,
  );
  console.log(`  server.mjs RSS right after start: ${showMemory(rssAtStart)}`);
  const service = await load(server.url, server.child.pid!, requests);
  report('Docker bundle server.mjs  ', service);
  const reference = await load(bare.url, bare.child.pid!, requests);
  report('bare Node http (constant) ', reference);
  console.log(`  ratio service / bare: ${(service.rps / reference.rps).toFixed(2)}; errors + timeouts + non-2xx: ${service.errors + service.timeouts + service.non2xx} (goal 0)`);
  const alive = await fetch(`${server.url}/ping`);
  console.log(`  after the run: GET /ping ${alive.status}`);
} finally {
  bare.child.kill('SIGTERM');
  await server.stop();
}
