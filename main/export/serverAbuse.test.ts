import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelText } from '../../app/formats';
import { corpus } from '../../app/testing/shared';
import { exportBundle } from './index';
import { buildRuntimeForTests, startServerProcess, type ServerProcess } from './testkit';

// The exported Docker server (its own server.mjs, a child process on 127.0.0.1) under bad requests
// of every kind: each gets a 4xx JSON error, and the server keeps serving.

const MODEL_PATH = corpus('spark/mllib_dt_banknote_depth5.txt');
const TIMEOUT_MILLIS = 500;
let server: ServerProcess;

beforeAll(async () => {
  const model = parseModelText(readFileSync(MODEL_PATH, 'utf8'), MODEL_PATH);
  const outDir = join(mkdtempSync(join(tmpdir(), 'splitscope-abuse-')), 'bundle');
  const result = await exportBundle({ model, target: 'docker', outDir, runtimeDir: buildRuntimeForTests() });
  if (result.status !== 'ok') throw new Error(`${result.code}: ${result.message}`);
  // The default body limit (5 MiB); a short request deadline so slow clients are cut quickly here.
  server = await startServerProcess(result.folder, { REQUEST_TIMEOUT_MS: String(TIMEOUT_MILLIS) });
}, 60_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
});

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  return body.error.message;
}

interface RawAnswer {
  status: number;
  body: { error: { code: string; message: string } };
}

/** Opens a raw TCP connection, lets `talk` write to it, and resolves with the answer once the server closes it. */
function raw(talk: (socket: Socket) => void): Promise<RawAnswer> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => talk(socket));
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    // The server closes the connection after its answer; a client still writing then may see a
    // reset, which is fine once the answer is in.
    const settle = (error?: Error) => {
      const [head, body = ''] = text.split('\r\n\r\n', 2);
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1];
      const length = /\r\ncontent-length: (\d+)/i.exec(head)?.[1];
      if (!status || !length || Buffer.byteLength(body) < Number(length)) {
        return reject(error ?? new Error(`no HTTP answer before the server closed the connection: ${JSON.stringify(text.slice(0, 300))}`));
      }
      resolve({ status: Number(status), body: JSON.parse(body) });
    };
    socket.on('error', settle);
    socket.on('close', () => settle());
  });
}

describe('the exported Docker server under bad requests', () => {
  it('answers a wrong feature count, text in numbers, malformed JSON and a wrong content type with 4xx JSON', async () => {
    const post = (body: string, type = 'application/json') => fetch(`${server.url}/invocations`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(await expectError(await post('{"instances": [[1, 2, 3]]}'), 400, 'E_FEATURE_COUNT')).toMatch(/instances\[0\] has 3 values; the model has 4 features/);
    expect(await expectError(await post('1,2,3\n', 'text/csv'), 400, 'E_FEATURE_COUNT')).toMatch(/CSV line 1 has 3 values/);
    expect(await expectError(await post('{"features": [1, "two", 3, 4]}'), 400, 'E_NOT_A_NUMBER')).toMatch(/feature 1 .*"two"/);
    expect(await expectError(await post('1,2,three,4\n', 'text/csv'), 400, 'E_NOT_A_NUMBER')).toMatch(/CSV line 1, feature 2/);
    expect(await expectError(await post('{"features": [1, 2,'), 400, 'E_BAD_JSON')).toMatch(/not valid JSON/);
    expect(await expectError(await post('<features/>', 'application/xml'), 415, 'E_UNSUPPORTED_MEDIA_TYPE')).toMatch(/application\/xml/);
  });

  it('answers a 10 MB body with 413, declared or streamed', async () => {
    const body = '1,2,3,4\n'.repeat(1_310_720);
    expect(body.length).toBe(10 * 1024 * 1024);
    const declared = await fetch(`${server.url}/invocations`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    expect(await expectError(declared, 413, 'E_BODY_TOO_LARGE')).toMatch(/exceeds 5242880 bytes/);
    // Chunked, without a content-length: the limit is counted while reading.
    const chunk = new TextEncoder().encode('1,2,3,4\n'.repeat(131_072));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/invocations`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: stream, duplex: 'half' } as RequestInit);
    await expectError(streamed, 413, 'E_BODY_TOO_LARGE');
  });

  it('answers headers over 16 KiB with 431 and a malformed request line with 400', async () => {
    const huge = await fetch(`${server.url}/ping`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
    expect(await expectError(huge, 431, 'E_REQUEST_TOO_LONG')).toMatch(/16 KiB/);
    const malformed = await raw((socket) => socket.write('NOT A REQUEST\r\n\r\n'));
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'E_BAD_REQUEST' } } });
  });

  it('cuts a client that trickles its body with 408 at the deadline', async () => {
    let timer: NodeJS.Timeout | undefined;
    const answer = await raw((socket) => {
      socket.write(`POST /invocations HTTP/1.1\r\nhost: localhost\r\ncontent-type: text/csv\r\ncontent-length: 100000\r\n\r\n1`);
      // One byte every 50 ms: never idle, never done (until the answer starts).
      timer = setInterval(() => socket.writable && socket.write(','), 50);
      socket.once('data', () => clearInterval(timer));
      socket.on('close', () => clearInterval(timer));
    });
    expect(answer).toMatchObject({ status: 408, body: { error: { code: 'E_REQUEST_TIMEOUT' } } });
    expect(answer.body.error.message).toMatch(/did not arrive within 0.5 s/);
  });

  it('cuts a client that never finishes its headers with 408', async () => {
    const answer = await raw((socket) => socket.write('GET /ping HTTP/1.1\r\nhost: localhost\r\nx-slow: '));
    expect(answer).toMatchObject({ status: 408, body: { error: { code: 'E_REQUEST_TIMEOUT' } } });
  });

  it('answers only its exact routes: /x/y/ping is 404', async () => {
    for (const path of ['/x/y/ping', '/prod/predict?features=1,2,3,4', '/pingx', '/', '/model/extra']) {
      expect(await expectError(await fetch(`${server.url}${path}`), 404, 'E_NOT_FOUND'), path).toMatch(/the routes are/);
    }
    expect((await fetch(`${server.url}/ping/`)).status).toBe(200);
  });

  it('is still up and serving after all of it', async () => {
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/ping`)).status).toBe(200);
    const answer = await fetch(`${server.url}/predict?features=1,2,3,4`);
    expect(answer.status).toBe(200);
  });
});
