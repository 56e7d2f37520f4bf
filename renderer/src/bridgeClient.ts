import { BRIDGE_CHANNELS, type BridgeMethod, type SplitscopeBridge } from '../../app/bridge';
import { decodeBridgeJson } from '../../app/bridgeJson';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    splitscope?: SplitscopeBridge;
    splitscopeMenu?: { onCommand(listener: (command: string) => void): () => void };
  }
}

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
    openStartupModel: () => call('openStartupModel'),
    openModelDialog: async () => ({ status: 'cancelled' }),
    parseModelText: (request) => call('parseModelText', request),
    reparseModel: (request) => call('reparseModel', request),
    getHostInfo: () => call('getHostInfo'),
  };
}

/** The bridge of this window: Electron's preload when present, else the browser-mode HTTP host. */
export function connectBridge(): SplitscopeBridge {
  if (window.splitscope) return window.splitscope;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return httpBridge(token);
}

/** True when the native Open dialog is available (Electron); the browser uses a file input. */
export const hasNativeDialog = (): boolean => window.splitscope !== undefined;
