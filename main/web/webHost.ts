import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { BRIDGE_CHANNELS, type BridgeMethod, type SplitscopeBridge } from '../../app/bridge';
import { encodeBridgeJson } from '../../app/bridgeJson';
import { encodeModelReply, encodeValueReply, MODEL_REPLY_CONTENT_TYPE, VALUE_REPLY_CONTENT_TYPE } from '../../app/bridgeBinary';
import { decodeTextFile } from '../host/decodeText';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Largest request body the API takes: big enough for a 100+ MB model text. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

const METHOD_OF_CHANNEL = new Map<string, BridgeMethod>(
  Object.entries(BRIDGE_CHANNELS).map(([method, channel]) => [channel, method as BridgeMethod]),
);

export interface WebHostOptions {
  bridge: SplitscopeBridge;
  /** Folder of the built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token (tests); random otherwise. */
  token?: string;
}

export interface RunningWebHost {
  server: Server;
  url: string;
  token: string;
  /** Sends an event to every open page (server-sent events on `/api/events`). */
  broadcast(channel: string, payload: unknown): void;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

/** The request body's chunks as they arrive; past MAX_BODY_BYTES, an error the handler answers with 413. */
async function* bodyChunks(request: IncomingMessage): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('request body too large'), { status: 413 });
    yield chunk as Buffer;
  }
}

async function readBody(request: IncomingMessage, decode: (bytes: Buffer) => string = (bytes) => bytes.toString('utf8')): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of bodyChunks(request)) chunks.push(chunk);
  return decode(Buffer.concat(chunks));
}

/**
 * An uploaded text file as UTF-8 decoded while it arrives, in pieces of about a megabyte (a reader
 * takes them in order): never the whole body as bytes and again as one string.
 */
async function readTextPieces(request: IncomingMessage): Promise<string[]> {
  const decoder = new StringDecoder('utf8');
  const pieces: string[] = [];
  let pending: string[] = [];
  let pendingLength = 0;
  const add = (text: string) => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength < TEXT_PIECE_LENGTH) return;
    pieces.push(pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  for await (const chunk of bodyChunks(request)) add(decoder.write(chunk));
  add(decoder.end());
  if (pendingLength > 0) pieces.push(pending.join(''));
  return pieces;
}

/** About the size of the chunks a CSV file is read in (csvReader.ts), so both read alike. */
const TEXT_PIECE_LENGTH = 1 << 20;

/**
 * JSON for events, which are text (server-sent events): typed arrays (a model preview's bytes) travel
 * as base64, `{"$f64":"…"}` / `{"$i32":"…"}` / `{"$u8":"…"}`; non-finite numbers as in
 * `encodeBridgeJson`. Replies with typed arrays are binary instead (`encodeValueReply`).
 */
export function encodeBinaryJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) => {
    if (item instanceof Float64Array) return { $f64: Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('base64') };
    if (item instanceof Int32Array) return { $i32: Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('base64') };
    if (item instanceof Uint8Array) return { $u8: Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('base64') };
    if (typeof item === 'number' && !Number.isFinite(item)) return { $num: String(item) };
    return item;
  });
}

/** Bridge methods whose results carry typed arrays: answered as a binary value reply. */
const BINARY_METHODS: ReadonlySet<BridgeMethod> = new Set(['openStartupCsv', 'openCsvDialog', 'loadCsvText']);

/** Bridge methods that answer with an opened model: a success is sent as binary (`app/bridgeBinary.ts`). */
const MODEL_METHODS: ReadonlySet<BridgeMethod> = new Set(['openStartupModel', 'openModelDialog', 'parseModelText', 'reparseModel', 'openRecentFile']);

/** A request the host refuses before reading it: answered with `status` and a JSON error. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `decodeURIComponent` that answers 400 for a malformed escape or a NUL, instead of throwing a URIError. */
function decodeComponent(text: string, what: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    throw new RequestError(400, `malformed percent-escape in the ${what}`);
  }
  if (decoded.includes('\0')) throw new RequestError(400, `NUL character in the ${what}`);
  return decoded;
}

/**
 * DNS rebinding: a page on an attacker's name that resolves to 127.0.0.1 reaches this port with
 * its own name in `Host` and its own origin in `Origin`. Only this host's own names pass, and a
 * request that carries an Origin must come from this host's own page.
 */
function checkHostAndOrigin(request: IncomingMessage, port: number): void {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = (request.headers.host ?? '').toLowerCase();
  if (!allowed.includes(host)) throw new RequestError(403, 'this host answers only to 127.0.0.1 and localhost (Host header refused)');
  const origin = request.headers.origin;
  if (origin !== undefined && !allowed.some((name) => origin.toLowerCase() === `http://${name}`)) {
    throw new RequestError(403, 'cross-origin request refused (Origin header)');
  }
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode: serves the built renderer and the bridge over HTTP on 127.0.0.1 only. Every API call
 * must carry the random token from the printed URL (header `X-Splitscope-Token`), so other local
 * pages and users cannot read the models.
 */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = normalize(options.rendererDir);

  const eventClients = new Set<ServerResponse>();
  let isClosing = false;

  let port = 0;
  const server = createServer(async (request, response) => {
    try {
      checkHostAndOrigin(request, port);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/api/events') {
        // EventSource cannot send headers, so this one stream takes the token from the query.
        if (!tokenMatches(url.searchParams.get('token'), token)) return send(response, 403, JSON.stringify({ error: 'missing or wrong token' }));
        // A page's EventSource reconnects by itself; once closing, a new stream would hold the server open.
        if (isClosing) return send(response, 503, JSON.stringify({ error: 'the host is shutting down' }));
        response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        response.write(': connected\n\n');
        eventClients.add(response);
        request.on('close', () => eventClients.delete(response));
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        if (request.method !== 'POST') return send(response, 405, JSON.stringify({ error: 'use POST' }));
        if (!tokenMatches(request.headers['x-splitscope-token'] as string | undefined, token)) {
          return send(response, 403, JSON.stringify({ error: 'missing or wrong token' }));
        }
        const method = METHOD_OF_CHANNEL.get(decodeComponent(url.pathname.slice('/api/'.length), 'path'));
        if (!method) return send(response, 404, JSON.stringify({ error: 'no such API method' }));
        // A model file uploaded raw may be UTF-16 (decodeText.ts); JSON bodies and CSVs are UTF-8.
        // A model or CSV file can also arrive as the raw request body (the browser streams the File
        // itself, much faster than wrapping 100 MB of text in JSON). That form is announced by the
        // X-File-Name header, and its job id rides in X-Job-Id; any other body is the JSON argument.
        const isRawText = (method === 'parseModelText' || method === 'loadCsvText') && request.headers['x-file-name'] !== undefined;
        const isModelUpload = isRawText && method === 'parseModelText';
        // A CSV upload is read in pieces as it arrives; a model is parsed from one string.
        const body = isRawText && !isModelUpload ? await readTextPieces(request) : await readBody(request, isModelUpload ? decodeTextFile : undefined);
        const argument = isRawText
          ? {
              text: body,
              fileName: decodeComponent(String(request.headers['x-file-name']), 'X-File-Name header'),
              ...(request.headers['x-job-id'] ? { jobId: String(request.headers['x-job-id']) } : {}),
            }
          : body
            ? JSON.parse(body as string)
            : undefined;
        const handler = options.bridge[method] as (argument: unknown) => Promise<unknown>;
        const result = await handler.call(options.bridge, argument);
        if (MODEL_METHODS.has(method) && (result as { status?: string }).status === 'ok') {
          // The file info, then the model's parts (views of its columns): written as they are, never joined.
          const chunks = encodeModelReply(result as Parameters<typeof encodeModelReply>[0]);
          response.writeHead(200, {
            'Content-Type': MODEL_REPLY_CONTENT_TYPE,
            'Content-Length': chunks.reduce((total, chunk) => total + chunk.length, 0),
            'Cache-Control': 'no-store',
            'X-Content-Type-Options': 'nosniff',
          });
          for (const chunk of chunks) response.write(chunk);
          return response.end();
        }
        if (BINARY_METHODS.has(method)) {
          // Typed arrays as their own bytes after a JSON head (app/bridgeBinary.ts): no base64, no copy.
          const chunks = encodeValueReply(result, (text) => Buffer.from(text, 'utf8'));
          response.writeHead(200, {
            'Content-Type': VALUE_REPLY_CONTENT_TYPE,
            'Content-Length': chunks.reduce((sum, chunk) => sum + chunk.length, 0),
            'Cache-Control': 'no-store',
            'X-Content-Type-Options': 'nosniff',
          });
          for (const chunk of chunks.slice(0, -1)) response.write(chunk);
          return response.end(chunks[chunks.length - 1]);
        }
        return send(response, 200, encodeBridgeJson(result));
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, '');
      const relative = url.pathname === '/' ? 'index.html' : decodeComponent(url.pathname.slice(1), 'path');
      const file = normalize(join(rendererDir, relative));
      if (!file.startsWith(rendererDir + sep)) return send(response, 404, 'not found', 'text/plain');
      const content = await readFile(file).catch(() => undefined);
      if (!content) return send(response, 404, 'not found', 'text/plain');
      response.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      response.end(content);
    } catch (error) {
      const status =
        error instanceof RequestError ? error.status : ((error as { status?: number }).status ?? (error instanceof SyntaxError || (error as Error).name === 'ZodError' ? 400 : 500));
      if (status === 500) console.error(error);
      send(response, status, JSON.stringify({ error: (error as Error).message }));
    }
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    broadcast(channel, payload) {
      // Events may carry bytes (a model preview): base64, as in CSV results.
      const frame = `event: ${channel}\ndata: ${encodeBinaryJson(payload)}\n\n`;
      for (const client of eventClients) client.write(frame);
    },
    close: () =>
      new Promise((resolveClose) => {
        isClosing = true;
        for (const client of eventClients) client.end();
        server.close(() => resolveClose());
        // Open pages keep keep-alive sockets (and may reconnect their event stream on one): without
        // this, close waited for them and a stopped host could hang for as long as a page stayed open.
        server.closeAllConnections();
      }),
  };
}
