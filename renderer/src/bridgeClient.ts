import {
  BRIDGE_CHANNELS,
  EVENT_CHANNELS,
  type BridgeMethod,
  type Cancelled,
  type CsvLoadResult,
  type ModelDocument,
  type ModelPreview,
  type OpenModelResult,
  type ProgressEvent,
  type SentModelResult,
  type SplitscopeBridge,
  type SplitscopeEvents,
} from '../../app/bridge';
import { decodeBridgeJson } from '../../app/bridgeJson';
import { decodeModelReply, decodeValueReply, MODEL_REPLY_CONTENT_TYPE, VALUE_REPLY_CONTENT_TYPE } from '../../app/bridgeBinary';

const utf8Decoder = new TextDecoder();
import { decodePackedModel, joinedBytes } from '../../app/model/packedCodec';
import { viewOfPacked } from '../../app/model/modelView';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    splitscope?: SplitscopeBridge;
    splitscopeEvents?: SplitscopeEvents;
  }
}

const pageToken = (): string => new URLSearchParams(window.location.search).get('token') ?? '';

/**
 * A binary reply's bytes, read as they arrive into one buffer of the length the host announced.
 * `arrayBuffer()` gathers a big body at its end in one task of the page's thread (a 17.8 MB model:
 * about 200 ms, before its first tree could be drawn); read a piece at a time, the copying is spread
 * over the arrival, mostly while the app's code is still loading. Where the body is a byte stream
 * (Chromium's), the pieces are read straight into that buffer (`readInto`): no piece of its own is
 * made and copied. A body longer than announced grows the buffer; one without a length (or a
 * stream) is read by `arrayBuffer()`.
 */
export async function readBinaryBody(response: Response): Promise<ArrayBuffer> {
  const announced = Number(response.headers.get('Content-Length'));
  if (!response.body || !Number.isSafeInteger(announced) || announced <= 0) return response.arrayBuffer();
  let byteReader: ReadableStreamBYOBReader | undefined;
  try {
    byteReader = response.body.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream: pieces of its own, copied.
  }
  return byteReader ? readInto(byteReader, announced) : readCopying(response.body.getReader(), announced);
}

/** The pieces of a byte stream read into one buffer of `announced` bytes, grown when more come. */
async function readInto(reader: ReadableStreamBYOBReader, announced: number): Promise<ArrayBuffer> {
  let buffer = new ArrayBuffer(announced);
  let length = 0;
  for (;;) {
    // Once full, a small read of its own tells whether the body goes on.
    const isFull = length === buffer.byteLength;
    const { value, done } = await reader.read(isFull ? new Uint8Array(64 * 1024) : new Uint8Array(buffer, length, buffer.byteLength - length));
    if (value && isFull && value.byteLength > 0) {
      const grown = new Uint8Array(Math.max(2 * buffer.byteLength, length + value.byteLength));
      grown.set(new Uint8Array(buffer));
      grown.set(value, length);
      buffer = grown.buffer;
      length += value.byteLength;
    } else if (value && !isFull) {
      // The read hands the buffer back (it went to the stream and back), with what it filled.
      buffer = value.buffer as ArrayBuffer;
      length += value.byteLength;
    }
    if (done) break;
  }
  return length === buffer.byteLength ? buffer : buffer.slice(0, length);
}

/** The pieces of a stream copied into one buffer of `announced` bytes, grown when more come. */
async function readCopying(reader: ReadableStreamDefaultReader<Uint8Array>, announced: number): Promise<ArrayBuffer> {
  let bytes = new Uint8Array(announced);
  let length = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    const piece = next.value;
    if (length + piece.length > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, length + piece.length));
      grown.set(bytes.subarray(0, length));
      bytes = grown;
    }
    bytes.set(piece, length);
    length += piece.length;
  }
  return length === bytes.length ? bytes.buffer : bytes.slice(0, length).buffer;
}

/** A reply of the browser-mode host: an opened model comes as binary (`app/bridgeBinary.ts`), anything else as JSON. */
async function readReply(method: string, response: Response, decode: (text: string) => unknown = decodeBridgeJson): Promise<never> {
  const type = response.headers.get('Content-Type');
  if (response.ok && type === MODEL_REPLY_CONTENT_TYPE) return decodeModelReply(await readBinaryBody(response)) as never;
  if (response.ok && type === VALUE_REPLY_CONTENT_TYPE) return decodeValueReply(await readBinaryBody(response), (bytes) => utf8Decoder.decode(bytes)) as never;
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} failed (${response.status}): ${text}`);
  return decode(text) as never;
}

/** The startup model's open as the page's first script begins it (`beginStartupOpen`). */
export interface StartupOpen {
  jobId: string;
  result: Promise<OpenModelResult | Cancelled>;
  /** The last first-tree preview (progressive open) that came for the job before the app took it over. */
  preview(): ModelPreview | undefined;
  /** The job's last progress event (its bar) that came before the app took it over. */
  progress(): ProgressEvent | undefined;
  /** Stops noting the job's events: the app listens itself from now on. */
  stopListening(): void;
}

let startupOpen: StartupOpen | undefined;

/**
 * Asks for the startup model at once, from the page's first, small script (`main.tsx`), while the
 * app's code is still loading: the host's answer (read before the page asked, `prefetchStartupModel`)
 * then arrives during that load instead of after it. The app takes it over with `takeStartupOpen`.
 * Waits for the event stream first, as every open does, so the job's preview reaches the page.
 */
export function beginStartupOpen(): void {
  const jobId = crypto.randomUUID();
  let preview: ModelPreview | undefined;
  let progress: ProgressEvent | undefined;
  // Until the app takes the open over, also after its answer came: the job's last event (done) may
  // come after the answer, and the app's progress bar must not miss it.
  const stopListening = connectEvents().onProgress((event) => {
    if (event.jobId !== jobId) return;
    if (event.preview) preview = event.preview;
    else progress = event;
  });
  const result = eventsConnected().then(() => connectBridge().openStartupModel({ jobId }));
  // Its failure is the app's to show (`openWith`), once it takes the open over; not an unhandled rejection before that.
  result.catch(() => undefined);
  startupOpen = { jobId, result, preview: () => preview, progress: () => progress, stopListening };
}

/**
 * The open `beginStartupOpen` began, once (undefined when none was begun or it was already taken).
 * Its events are no longer noted: the caller listens from now on.
 */
export function takeStartupOpen(): StartupOpen | undefined {
  const taken = startupOpen;
  startupOpen = undefined;
  taken?.stopListening();
  return taken;
}

/** Browser mode: the same bridge over HTTP to the local host, carrying the token from the page URL. */
function httpBridge(token: string): SplitscopeBridge {
  const call = async (method: BridgeMethod, argument?: unknown, decode: (text: string) => unknown = decodeBridgeJson): Promise<never> => {
    const response = await fetch(`./api/${BRIDGE_CHANNELS[method]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Splitscope-Token': token },
      body: argument === undefined ? '' : JSON.stringify(argument),
    });
    return readReply(method, response, decode);
  };
  return {
    openStartupModel: (request) => call('openStartupModel', request),
    openModelDialog: async () => ({ status: 'cancelled' }),
    parseModelText: (request) => call('parseModelText', request),
    reparseModel: (request) => call('reparseModel', request),
    cancelJob: (request) => call('cancelJob', request),
    chooseExportFolder: async () => ({ status: 'cancelled' }),
    exportBundle: (request) => call('exportBundle', request),
    getHostInfo: () => call('getHostInfo'),
    // Browser mode keeps recent files in local storage and downloads images (renderer/src/desktop).
    listRecentFiles: async () => [],
    openRecentFile: async () => ({ status: 'cancelled' }),
    saveImageFile: async () => ({ status: 'cancelled' }),
    openStartupCsv: (request) => call('openStartupCsv', request),
    openCsvDialog: async () => ({ status: 'cancelled' }),
    loadCsvText: (request) => call('loadCsvText', request),
  };
}

function base64Bytes(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes.buffer;
}

/** Reverses the host's `encodeBinaryJson` (events): base64 typed arrays and non-finite numbers. */
export function decodeBinaryJson<T>(json: string): T {
  return JSON.parse(json, (_key, item) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      if (typeof item.$f64 === 'string') return new Float64Array(base64Bytes(item.$f64));
      if (typeof item.$i32 === 'string') return new Int32Array(base64Bytes(item.$i32));
      if (typeof item.$u8 === 'string') return new Uint8Array(base64Bytes(item.$u8));
      if (typeof item.$num === 'string' && Object.keys(item).length === 1) return Number(item.$num);
    }
    return item;
  }) as T;
}

/** Resolves once browser mode's event stream is open (at once in Electron, whose events need no connection). */
let eventsOpen: Promise<void> = Promise.resolve();

/** Browser mode events: one server-sent-events stream shared by every subscriber. */
function httpEvents(token: string): SplitscopeEvents {
  let source: EventSource | undefined;
  const connect = () => {
    if (!source) {
      source = new EventSource(`./api/events?token=${encodeURIComponent(token)}`);
      const opened = source;
      eventsOpen = new Promise<void>((resolve) => {
        opened.addEventListener('open', () => resolve(), { once: true });
        opened.addEventListener('error', () => resolve(), { once: true });
      });
    }
    return source;
  };
  const subscribe = <T,>(channel: string, listener: (payload: T) => void) => {
    const handler = (event: MessageEvent<string>) => listener(decodeBinaryJson<T>(event.data));
    connect().addEventListener(channel, handler as EventListener);
    return () => source?.removeEventListener(channel, handler as EventListener);
  };
  // Connect now, while the page is still starting: the first open waits for the stream (`eventsConnected`).
  connect();
  return {
    onProgress: (listener) => subscribe<ProgressEvent>(EVENT_CHANNELS.progress, listener),
    onCommand: (listener) => subscribe<string>(EVENT_CHANNELS.command, listener),
  };
}

/** An opened model as the renderer holds it: the sent bytes read as the packed model (views, no copy) and its lazy tree view. */
type Received<R> = R extends SentModelResult ? OpenModelResult : R;

/** The bridge as the renderer uses it: the same methods, with opened models read from their bytes. */
export type AppBridge = {
  [K in keyof SplitscopeBridge]: SplitscopeBridge[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<Received<R>> : never;
};

/**
 * A packed model's bytes as the renderer holds them: the checked columns (views, no copy) and their
 * lazy tree view. Parts (Electron IPC carries the host's parts as they are) are joined once first.
 */
export function readModelBytes(packedBytes: Uint8Array | readonly Uint8Array[]): Pick<ModelDocument, 'packed' | 'model'> {
  const packed = decodePackedModel(joinedBytes(packedBytes));
  return { packed, model: viewOfPacked(packed) };
}

/** Reads the packed model of an open reply (checked: offsets, lengths, child links). */
export function receiveModel<R extends SentModelResult | Cancelled>(result: R): Received<R> {
  if (result.status !== 'ok') return result as Received<R>;
  const { packedBytes, ...info } = (result as Extract<SentModelResult, { status: 'ok' }>).document;
  return { status: 'ok', document: { ...info, ...readModelBytes(packedBytes) } } as Received<R>;
}

function appBridge(bridge: SplitscopeBridge): AppBridge {
  const opening = <A extends unknown[]>(method: (...args: A) => Promise<SentModelResult | Cancelled>) =>
    (...args: A) => method.apply(bridge, args).then(receiveModel);
  return {
    ...bridge,
    openStartupModel: opening(bridge.openStartupModel),
    openModelDialog: opening(bridge.openModelDialog),
    parseModelText: opening(bridge.parseModelText),
    reparseModel: opening(bridge.reparseModel),
    openRecentFile: opening(bridge.openRecentFile),
  } as AppBridge;
}

/** The bridge of this window: Electron's preload when present, else the browser-mode HTTP host. */
export function connectBridge(): AppBridge {
  return appBridge(window.splitscope ?? httpBridge(pageToken()));
}

let httpEventsOfPage: SplitscopeEvents | undefined;

/** Events from the Node side: Electron IPC, or server-sent events in browser mode. */
export function connectEvents(): SplitscopeEvents {
  return window.splitscopeEvents ?? (httpEventsOfPage ??= httpEvents(pageToken()));
}

/**
 * Resolves when events sent from now on will arrive: browser mode's stream connects after the page
 * subscribes, and a job's first events (the startup model's first tree) must not go out before it.
 * Waits at most `limitMs`, so a stream that never connects delays nothing much.
 */
export function eventsConnected(limitMs = 2000): Promise<void> {
  return Promise.race([eventsOpen, new Promise<void>((resolve) => setTimeout(resolve, limitMs))]);
}

/**
 * Browser mode: sends a File as the raw request body of `method` (streamed by the browser, no JSON
 * wrapping of 100 MB of text on the UI thread); the host reads its name and job from the headers.
 */
async function uploadRaw<T>(method: 'parseModelText' | 'loadCsvText', file: File, jobId: string, decode?: (text: string) => unknown): Promise<T> {
  const response = await fetch(`./api/${BRIDGE_CHANNELS[method]}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Splitscope-Token': pageToken(),
      'X-File-Name': encodeURIComponent(file.name),
      'X-Job-Id': jobId,
    },
    body: file,
  });
  return readReply(method, response, decode);
}

/** Has the host parse a model file the user picked or dropped. */
export async function uploadModelFile(file: File, jobId: string): Promise<OpenModelResult | Cancelled> {
  if (window.splitscope) return receiveModel(await window.splitscope.parseModelText({ text: await file.text(), fileName: file.name, jobId }));
  return receiveModel(await uploadRaw<SentModelResult | Cancelled>('parseModelText', file, jobId));
}

/** Has the host read a CSV the user picked or dropped (numeric columns come back as typed arrays). */
export async function uploadCsvFile(file: File, jobId: string): Promise<CsvLoadResult | Cancelled> {
  if (window.splitscope) return window.splitscope.loadCsvText({ text: await file.text(), fileName: file.name, jobId });
  return uploadRaw('loadCsvText', file, jobId);
}

/** True when the native Open dialog is available (Electron); the browser uses a file input. */
export const hasNativeDialog = (): boolean => window.splitscope !== undefined;
