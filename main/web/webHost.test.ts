import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelHost } from '../host/modelHost';
import { startWebHost, type RunningWebHost } from './webHost';
import { decodeBridgeJson } from '../../app/bridgeJson';
import { corpus } from '../../app/testing/shared';
import type { SentModelResult } from '../../app/bridge';
import { decodeModelReply, decodeValueReply, MODEL_REPLY_CONTENT_TYPE, VALUE_REPLY_CONTENT_TYPE } from '../../app/bridgeBinary';
import type { CsvLoadResult } from '../../app/bridge';
import { parseModelText } from '../../app/formats';
import { treeAt, unpackModel } from '../../app/model/materialize';
import { decodePackedModel, joinedBytes } from '../../app/model/packedCodec';

const SAMPLE_PATH = corpus('spark/mllib_dt_banknote_depth5.txt');

let running: RunningWebHost | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(startupPath?: string) {
  const rendererDir = mkdtempSync(join(tmpdir(), 'splitscope-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Splitscope</title>');
  const bridge = new ModelHost({ kind: 'web', version: 'test', startupPath, samplePath: SAMPLE_PATH });
  running = await startWebHost({ bridge, rendererDir });
  const origin = new URL(running.url).origin;
  const call = (channel: string, body: unknown, token: string | null = running!.token) =>
    fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: token ? { 'X-Splitscope-Token': token } : {},
      body: body === undefined ? '' : JSON.stringify(body),
    });
  return { origin, call };
}

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 and prints a URL with a random token', async () => {
    await start();
    expect(running!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect((running!.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const { call } = await start();
    expect((await call('model:openStartup', undefined, null)).status).toBe(403);
    expect((await call('model:openStartup', undefined, 'x'.repeat(32))).status).toBe(403);
    expect((await call('model:openStartup', undefined)).status).toBe(200);
  });

  it('opens the startup model through the same handlers as Electron', async () => {
    const { call } = await start();
    const response = await call('model:openStartup', undefined);
    // The model crosses as binary: the packed model's bytes, not JSON of nodes.
    expect(response.headers.get('Content-Type')).toBe(MODEL_REPLY_CONTENT_TYPE);
    const result = decodeModelReply(await response.arrayBuffer());
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.document.fileName).toBe('mllib_dt_banknote_depth5.txt');
    const packed = decodePackedModel(joinedBytes(result.document.packedBytes));
    expect(treeAt(packed, 0).nodes).toHaveLength(37);
    expect(unpackModel(packed)).toEqual(parseModelText(readFileSync(SAMPLE_PATH, 'utf8'), 'mllib_dt_banknote_depth5.txt'));
  });

  it('returns parse errors as data with line and column', async () => {
    const { call } = await start();
    const response = await call('model:parseText', { text: 'DecisionTreeModel classifier of depth 1 with 3 nodes\n  If (feature 0 <= x)\n', fileName: 'bad.txt' });
    const result = decodeBridgeJson<SentModelResult>(await response.text());
    expect(result).toMatchObject({ status: 'error', error: { code: 'E_PARSE_SYNTAX', position: { line: 2, column: 20 } } });
  });

  it('rejects malformed arguments with 400', async () => {
    const { call } = await start();
    expect((await call('model:parseText', { text: 42 })).status).toBe(400);
    expect((await call('model:nope', {})).status).toBe(404);
  });

  it('serves the renderer but nothing outside it', async () => {
    const { origin } = await start();
    expect(await (await fetch(`${origin}/`)).text()).toContain('<title>Splitscope</title>');
    expect((await fetch(`${origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  /** One raw request, so Host, Origin and malformed paths go out exactly as written. */
  function raw(path: string, headers: Record<string, string>, method = 'GET', body = ''): Promise<{ status: number; body: string }> {
    const { port } = new URL(running!.url);
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: Number(port), path, method, headers, setHost: false }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  it('answers only to its own names: a rebound DNS name in Host or a foreign Origin is refused', async () => {
    await start();
    const { host } = new URL(running!.url);
    const port = host.split(':')[1];
    const api = (headers: Record<string, string>) => raw('/api/model:openStartup', { 'X-Splitscope-Token': running!.token, ...headers }, 'POST');
    expect((await api({ Host: host })).status).toBe(200);
    expect((await api({ Host: `localhost:${port}` })).status).toBe(200);
    expect((await api({ Host: host, Origin: `http://${host}` })).status).toBe(200);
    const rebound = await api({ Host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error).toMatch(/Host header/);
    // Node's HTTP parser itself refuses an HTTP/1.1 request without Host (400).
    expect([400, 403]).toContain((await api({})).status);
    expect((await api({ Host: `127.0.0.1:${Number(port) + 1}` })).status).toBe(403);
    const foreign = await api({ Host: host, Origin: 'http://attacker.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error).toMatch(/Origin/);
    expect((await raw('/', { Host: `attacker.example:${port}` })).status).toBe(403);
  });

  it('sends a read CSV as binary: numeric columns as their own bytes, read back as the same doubles', async () => {
    const { origin } = await start();
    const text = 'a,b,label\n1.5,,yes\n-0,1e308,no\n2,NaN,yes\n';
    const response = await fetch(`${origin}/api/csv:loadText`, {
      method: 'POST',
      headers: { 'X-Splitscope-Token': running!.token, 'X-File-Name': 'small.csv' },
      body: text,
    });
    expect(response.headers.get('content-type')).toBe(VALUE_REPLY_CONTENT_TYPE);
    const body = await response.arrayBuffer();
    // The doubles are in the body as bytes: no base64, and the body is not JSON.
    expect(new TextDecoder().decode(body)).not.toContain('$f64');
    const result = decodeValueReply<CsvLoadResult>(body);
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    const [a, b, label] = result.table.columns;
    expect(a).toMatchObject({ name: 'a', kind: 'numbers' });
    expect(a.kind === 'numbers' && Array.from(a.numbers)).toEqual([1.5, -0, 2]);
    expect(a.kind === 'numbers' && Object.is(a.numbers[1], -0)).toBe(true);
    expect(b.kind === 'numbers' && Array.from(b.numbers)).toEqual([NaN, 1e308, NaN]);
    expect(label).toEqual({ name: 'label', kind: 'texts', texts: ['yes', 'no', 'yes'] });
    expect(result.table.rows).toBe(3);
  });

  for (const hasQuote of [false, true]) {
    it(`reads a CSV upload of many pieces as the same file read from disk: characters split between chunks${hasQuote ? ', and a quote near the end' : ''}`, async () => {
      const { origin } = await start();
      const folder = mkdtempSync(join(tmpdir(), 'splitscope-upload-'));
      // 3 MB: several pieces of about 1 MB, with two-, three- and four-byte characters everywhere
      // (the network's chunks cut some of them). With a quoted cell in the last rows, the quote-free
      // reader gives way to papaparse, which reads the pieces again from the start.
      const cities = ['Zürich', '東京', '🌲x', 'Oslo'];
      const lines = ['x,y,city'];
      for (let row = 0; lines.length * 24 < 3e6; row++) lines.push(`${row % 97},${(row * 0.37).toFixed(2)},${cities[row % 4]}`);
      lines.push(hasQuote ? '1,2,"New, York"' : '1,2,New York', '3,4,Åre');
      const path = join(folder, 'cities.csv');
      writeFileSync(path, lines.join('\n') + '\n');
      const response = await fetch(`${origin}/api/csv:loadText`, {
        method: 'POST',
        headers: { 'X-Splitscope-Token': running!.token, 'X-File-Name': 'cities.csv' },
        body: readFileSync(path),
      });
      const uploaded = decodeValueReply<CsvLoadResult>(await response.arrayBuffer());
      const fromDisk = await new ModelHost({ kind: 'web', version: 'test', samplePath: SAMPLE_PATH }).openCsvPath(path);
      if (uploaded.status !== 'ok' || fromDisk.status !== 'ok') throw new Error(JSON.stringify([uploaded, fromDisk]).slice(0, 500));
      expect(uploaded.table.rows).toBe(lines.length - 1);
      expect(uploaded.table.columns).toEqual(fromDisk.table.columns);
      const city = uploaded.table.columns[2];
      if (city.kind !== 'texts') throw new Error('city is not a text column');
      expect(city.texts.slice(0, 4)).toEqual(cities);
      expect(city.texts.slice(-2)).toEqual([hasQuote ? 'New, York' : 'New York', 'Åre']);
    });
  }

  it('answers 400, not 500, to malformed escapes in a path or the upload header', async () => {
    await start();
    const { host } = new URL(running!.url);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const page = await raw('/%E0%A4%A', { Host: host });
      expect(page.status).toBe(400);
      expect(JSON.parse(page.body).error).toMatch(/malformed percent-escape in the path/);
      expect((await raw('/api/model:%zz', { Host: host, 'X-Splitscope-Token': running!.token }, 'POST')).status).toBe(400);
      const upload = await raw('/api/model:parseText', { Host: host, 'X-Splitscope-Token': running!.token, 'X-File-Name': 'a%zzb.txt' }, 'POST', 'tree\n');
      expect(upload.status).toBe(400);
      expect(JSON.parse(upload.body).error).toMatch(/X-File-Name header/);
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([]);
  });

  it('serves no file outside the renderer folder, however the path is encoded', async () => {
    await start();
    const { host } = new URL(running!.url);
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%252e%252e%252fetc%252fpasswd', '/..%5c..%5cetc%5cpasswd', '/index.html%00.png', '/%2fetc%2fpasswd']) {
      const response = await raw(path, { Host: host });
      expect([400, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain('root:');
    }
    expect((await raw('/index.html', { Host: host })).status).toBe(200);
  });

  it('closes while a page holds its event stream and a keep-alive socket open', async () => {
    await start();
    const { host } = new URL(running!.url);
    const { port } = new URL(running!.url);
    // An open event stream, as every page has.
    const stream = new Promise<void>((resolve) => {
      const request = httpRequest({ host: '127.0.0.1', port: Number(port), path: `/api/events?token=${running!.token}`, headers: { Host: host } }, (response) => {
        response.once('data', () => resolve());
        response.resume();
      });
      request.on('error', () => {});
      request.end();
    });
    await stream;
    const closing = running!.close();
    running = undefined;
    await closing;
  });
});

