import { BRIDGE_CHANNELS, type BridgeMethod, type SplitscopeBridge } from '../../app/bridge';
import { NO_ARGUMENT_METHODS } from '../host/schemas';

/** What an IPC handler learns about its caller; a subset of Electron's IpcMainInvokeEvent. */
export interface BridgeCaller {
  senderFrame: unknown;
}

/**
 * The IPC handler of one bridge method. Only the app window's top frame may call (not a subframe,
 * not another window); methods that take no argument refuse one; every other method validates its
 * argument with its zod schema inside the host (main/host/schemas.ts), so nothing reaches file or
 * parser code unchecked. main/electron/ipcPolicy.test.ts checks every channel of the bridge.
 */
export function bridgeHandler(
  host: SplitscopeBridge,
  method: BridgeMethod,
  trustedFrame: () => unknown,
): (caller: BridgeCaller, argument: unknown) => Promise<unknown> {
  const call = host[method] as (argument?: unknown) => Promise<unknown>;
  const takesNoArgument = (NO_ARGUMENT_METHODS as readonly string[]).includes(method);
  return async (caller, argument) => {
    if (caller.senderFrame == null || caller.senderFrame !== trustedFrame()) throw new Error(`${method}: bridge call from an unknown frame`);
    if (takesNoArgument) {
      if (argument !== undefined) throw new Error(`${method} takes no argument`);
      return call.call(host);
    }
    return call.call(host, argument);
  };
}

/** Every bridge method with its channel, as main registers them. */
export function bridgeChannels(): Array<[BridgeMethod, string]> {
  return Object.entries(BRIDGE_CHANNELS) as Array<[BridgeMethod, string]>;
}
