import {
  BRIDGE_CHANNELS,
  EVENT_CHANNELS,
  type BridgeMethod,
  type Cancelled,
  type OpenModelResult,
  type ProgressEvent,
  type SplitscopeBridge,
  type SplitscopeEvents,
} from '../../app/bridge';
import { decodeBridgeJson } from '../../app/bridgeJson';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    splitscope?: SplitscopeBridge;
    splitscopeEvents?: SplitscopeEvents;
  }
}

const pageToken = (): string => new URLSearchParams(window.location.search).get('token') ?? '';

/** Browser mode: the same bridge over HTTP to the local host, carrying the token from the page URL. */
function httpBridge(token: string): SplitscopeBridge {
  const call = async (method: BridgeMethod, argument?: unknown): Promise<never> => {
    const response = await fetch(`./api/${BRIDGE_CHANNELS[method]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Splitscope-Token': token },
      body: argument === undefined ? '' : JSON.stringify(argument),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} failed (${response.status}): ${text}`);
    return decodeBridgeJson(text);
  };
  return {
    openStartupModel: (request) => call('openStartupModel', request),
    openModelDialog: async () => ({ status: 'cancelled' }),
    parseModelText: (request) => call('parseModelText', request),
    reparseModel: (request) => call('reparseModel', request),
    cancelJob: (request) => call('cancelJob', request),
    getHostInfo: () => call('getHostInfo'),
  };
}

/** Browser mode events: one server-sent-events stream shared by every subscriber. */
function httpEvents(token: string): SplitscopeEvents {
  let source: EventSource | undefined;
  const connect = () => (source ??= new EventSource(`./api/events?token=${encodeURIComponent(token)}`));
  const subscribe = <T,>(channel: string, listener: (payload: T) => void) => {
    const handler = (event: MessageEvent<string>) => listener(decodeBridgeJson<T>(event.data));
    connect().addEventListener(channel, handler as EventListener);
    return () => source?.removeEventListener(channel, handler as EventListener);
  };
  return {
    onProgress: (listener) => subscribe<ProgressEvent>(EVENT_CHANNELS.progress, listener),
    onCommand: (listener) => subscribe<string>(EVENT_CHANNELS.command, listener),
  };
}

/** The bridge of this window: Electron's preload when present, else the browser-mode HTTP host. */
export function connectBridge(): SplitscopeBridge {
  return window.splitscope ?? httpBridge(pageToken());
}

/** Events from the Node side: Electron IPC, or server-sent events in browser mode. */
export function connectEvents(): SplitscopeEvents {
  return window.splitscopeEvents ?? httpEvents(pageToken());
}

/**
 * Has the host parse a file the user picked or dropped. In browser mode the File itself is the
 * request body (streamed by the browser, no JSON wrapping of 100 MB of text on the UI thread).
 */
export async function uploadModelFile(file: File, jobId: string): Promise<OpenModelResult | Cancelled> {
  if (window.splitscope) return window.splitscope.parseModelText({ text: await file.text(), fileName: file.name, jobId });
  const response = await fetch(`./api/${BRIDGE_CHANNELS.parseModelText}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Splitscope-Token': pageToken(),
      'X-File-Name': encodeURIComponent(file.name),
      'X-Job-Id': jobId,
    },
    body: file,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`parseModelText failed (${response.status}): ${text}`);
  return decodeBridgeJson(text);
}

/** True when the native Open dialog is available (Electron); the browser uses a file input. */
export const hasNativeDialog = (): boolean => window.splitscope !== undefined;
