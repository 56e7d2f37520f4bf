/**
 * Docker entry (bundled as `server.mjs`): the common prediction API plus the Amazon SageMaker
 * hosting contract on Node's own `http` module. `node server.mjs serve` (what `docker run IMAGE
 * serve` runs) listens on port 8080, or `PORT`; `GET /ping` answers 200 at once; `POST
 * /invocations` takes `text/csv` or `application/json`. A model in `/opt/ml/model/model.json`
 * (or `SM_MODEL_DIR`, or the file `MODEL_PATH`) replaces the embedded one. SIGTERM closes the
 * listener, lets requests in flight finish, then exits.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KernelState } from '../app/eval/types';
import { embeddedInfo, readEmbeddedModel, readModelText } from './embedded';
import { createService, DEFAULT_LIMITS, errorResponse, type Service, type ServiceLimits } from './service';

function limitFromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Limits from `MAX_BODY_BYTES` and `MAX_ROWS`, else the defaults. */
export function limitsFromEnvironment(): ServiceLimits {
  return {
    maxBodyBytes: limitFromEnvironment('MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
    maxRows: limitFromEnvironment('MAX_ROWS', DEFAULT_LIMITS.maxRows),
  };
}

/** How long a client may take to send its headers, and then its body: `REQUEST_TIMEOUT_MS`, else 10 s. */
export function requestTimeoutFromEnvironment(): number {
  return limitFromEnvironment('REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MILLIS);
}

export const DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;

/** How much of a body past the limit is read and dropped (so the client can read its 413) before it is cut off. */
const DROP_BYTES_AFTER_LIMIT = 64 * 1024 * 1024;

/**
 * A server runs for long: it compiles the trees before it listens (~60 ms for 500 × 255 leaves), so
 * every request, a single row included, takes them (that model's single row: 12.6 µs with varied
 * rows, instead of 80–110 µs). A Lambda does not: its cold start counts; it compiles once it has
 * answered 4,096 rows, one request or many (COMPILE_AFTER_ROWS in service.ts).
 */
function compiledForServing(service: Service): Service {
  service.compiled.prepare();
  return service;
}

/** How the service scores, for its start-up line: the compiled trees, or the interpreter and why. */
export function scoringText(kernel: KernelState): string {
  return kernel.kind === 'wasm' ? `trees compiled to WebAssembly (${kernel.moduleBytes} bytes)` : `interpreter, ${kernel.reason}`;
}

/** The service of the model embedded in this file, its trees compiled. */
export function createEmbeddedService(limits: ServiceLimits = limitsFromEnvironment()): Service {
  const embedded = embeddedInfo();
  if (!embedded) throw new Error('this bundle holds no model (it was not produced by `splitscope export`)');
  const { packed, layout } = readEmbeddedModel(embedded);
  return compiledForServing(createService(packed, { checksum: embedded.checksum, modelSource: 'embedded', exportedBy: `splitscope ${embedded.version}` }, limits, layout));
}

/** The override model file, if one is present: `MODEL_PATH`, else `model.json` in `SM_MODEL_DIR` or /opt/ml/model. */
export function overrideModelPath(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  if (environment.MODEL_PATH) return resolve(environment.MODEL_PATH);
  const path = join(environment.SM_MODEL_DIR ?? '/opt/ml/model', 'model.json');
  return existsSync(path) ? path : undefined;
}

/** The service to run: the override model when there is one, else the embedded model. */
export function createConfiguredService(): Service {
  const limits = limitsFromEnvironment();
  const path = overrideModelPath();
  if (!path) return createEmbeddedService(limits);
  const text = readFileSync(path, 'utf8');
  const embedded = embeddedInfo();
  const info = { checksum: `sha256:${createHash('sha256').update(text).digest('hex')}`, modelSource: path, exportedBy: `splitscope ${embedded?.version ?? 'unknown'}` };
  return compiledForServing(createService(readModelText(text), info, limits));
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string, isHead: boolean): void {
  if (response.headersSent) return;
  // Headers as a flat array: cheaper than a merged object on the hot path.
  response.writeHead(status, ['content-type', headers['content-type'] ?? 'application/json', 'content-length', String(Buffer.byteLength(body)), ...(headers.connection ? ['connection', headers.connection] : [])]);
  response.end(isHead ? undefined : body);
}

/** Answers an error and closes the connection: what is left of the request is not worth reading. */
function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  const answer = errorResponse(status, code, message);
  send(response, answer.status, { ...answer.headers, connection: 'close' }, answer.body, false);
}

/** The Accept header of raw headers (name, value, name, value…), several joined as Node joins them; undefined without one. */
function acceptOf(rawHeaders: readonly string[]): string | undefined {
  let accept: string | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length !== 6 || name.toLowerCase() !== 'accept') continue;
    accept = accept === undefined ? rawHeaders[i + 1] : `${accept}, ${rawHeaders[i + 1]}`;
  }
  return accept;
}

/** Answers one HTTP request with the service; reads the body up to the size limit and the deadline. */
function handleRequest(service: Service, request: IncomingMessage, response: ServerResponse, timeoutMillis: number): void {
  const url = request.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = mark < 0 ? '' : url.slice(mark + 1);
  const method = request.method ?? 'GET';
  const isHead = method === 'HEAD';
  if (method === 'GET' || method === 'HEAD') {
    // Fast path: no body to wait for, and of the headers only Accept matters (Node builds
    // `request.headers` when it is first read).
    const answer = service.handle({ method: isHead ? 'GET' : method, path, query, headers: { accept: acceptOf(request.rawHeaders) } });
    send(response, answer.status, answer.headers, answer.body, isHead);
    return;
  }
  request.on('error', () => response.destroy());
  const limit = service.limits.maxBodyBytes;
  let isDone = false;
  let isDropping = false;
  // A client that trickles its body gets 408 at the deadline, not a connection held for minutes.
  const deadline = setTimeout(() => {
    if (isDone) return;
    if (isDropping) return tooLarge(true);
    isDone = true;
    refuse(response, 408, 'E_REQUEST_TIMEOUT', `the body did not arrive within ${timeoutMillis / 1000} s`);
    response.once('finish', () => request.destroy());
  }, timeoutMillis);
  deadline.unref();
  // Past the limit the rest of the body is read and dropped before the 413, so the client (still
  // sending) can read the answer; beyond this much more, or at the deadline, it is cut off.
  const dropLimit = limit + DROP_BYTES_AFTER_LIMIT;
  const tooLarge = (isCutOff: boolean) => {
    isDone = true;
    clearTimeout(deadline);
    refuse(response, 413, 'E_BODY_TOO_LARGE', `the body exceeds ${limit} bytes`);
    if (isCutOff) response.once('finish', () => request.destroy());
  };
  const declared = Number(request.headers['content-length']);
  if (declared > dropLimit) return tooLarge(true);
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    if (isDone) return;
    size += chunk.length;
    if (size > dropLimit) return tooLarge(true);
    if (size > limit) {
      isDropping = true;
      chunks.length = 0;
    }
    if (!isDropping) chunks.push(chunk);
  });
  request.on('end', () => {
    clearTimeout(deadline);
    if (isDone) return;
    if (isDropping) return tooLarge(false);
    isDone = true;
    const body = Buffer.concat(chunks, size).toString('utf8');
    const answer = service.handle({ method, path, query, headers: request.headers as Record<string, string | undefined>, body });
    send(response, answer.status, answer.headers, answer.body, false);
  });
  request.on('close', () => clearTimeout(deadline));
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops accepting connections, waits for requests in flight (at most `graceMillis`), then resolves. */
  close(graceMillis?: number): Promise<void>;
}

/**
 * Starts the HTTP server on `host:port` (port 0 picks a free one). A client has `timeoutMillis` for
 * its headers and again for its body; slower ones get 408 and are disconnected.
 */
export function startServer(service: Service, port: number, host = '0.0.0.0', timeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS): Promise<RunningServer> {
  const server = createServer(
    {
      keepAliveTimeout: 65_000,
      headersTimeout: timeoutMillis,
      // A backstop behind the body deadline of handleRequest; Node checks both every interval.
      requestTimeout: 2 * timeoutMillis,
      connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(timeoutMillis / 4))),
    },
    (request, response) => {
      try {
        handleRequest(service, request, response, timeoutMillis);
      } catch (error) {
        const answer = errorResponse(500, 'E_INTERNAL', `internal error: ${(error as Error)?.message ?? String(error)}`);
        send(response, answer.status, answer.headers, answer.body, false);
      }
    },
  );
  // A malformed or too slow request line or headers: answer with a JSON error, not a silent drop.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, code, message] =
      // Node refuses request lines and headers over 16 KiB: a GET with thousands of features belongs in a POST.
      error.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', 'E_REQUEST_TOO_LONG', 'the request line or headers exceed 16 KiB; send many features with POST /predict instead of GET']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['408 Request Timeout', 'E_REQUEST_TIMEOUT', `the request did not arrive within ${timeoutMillis / 1000} s`]
          : ['400 Bad Request', 'E_BAD_REQUEST', 'malformed HTTP request'];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    // A client that stops reading must not keep the socket either.
    setTimeout(() => socket.destroy(), timeoutMillis).unref();
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        server,
        port: actualPort,
        close: (graceMillis = 10_000) =>
          new Promise<void>((done) => {
            const timer = setTimeout(() => {
              server.closeAllConnections();
              done();
            }, graceMillis);
            timer.unref();
            server.close(() => {
              clearTimeout(timer);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  if (command !== 'serve') {
    process.stderr.write(`usage: node server.mjs [serve]   (got ${JSON.stringify(command)})\n`);
    process.exit(2);
  }
  let service: Service;
  try {
    service = createConfiguredService();
  } catch (error) {
    process.stderr.write(`splitscope service: cannot load the model: ${(error as Error).message}\n`);
    process.exit(1);
  }
  // PORT=0 picks a free port (tests); the log line says which.
  const requested = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    process.stderr.write(`splitscope service: PORT=${JSON.stringify(process.env.PORT)} is not a port number\n`);
    process.exit(2);
  }
  const port = requested;
  const host = process.env.HOST ?? '0.0.0.0';
  const running = await startServer(service, port, host, requestTimeoutFromEnvironment());
  const info = service.describe() as { checksum: string; modelSource: string; trees: number };
  process.stdout.write(
    `splitscope service listening on http://${host}:${running.port} (model ${info.modelSource}, ${info.trees} trees, ${info.checksum}; scoring: ${scoringText(service.compiled.kernel)})\n`,
  );
  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    process.stdout.write(`splitscope service: ${signal}, finishing requests in flight\n`);
    running.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

// Serve only when run as a program, so the selftest and tests can import this file.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`splitscope service: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
