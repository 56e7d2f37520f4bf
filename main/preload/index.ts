import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_CHANNELS, type SplitscopeBridge } from '../../app/bridge';

/**
 * Exposes exactly the bridge methods, one wrapper per channel, and never `ipcRenderer` itself.
 * Sandboxed preloads cannot import, so the build inlines the channel map.
 */
const bridge: SplitscopeBridge = {
  openStartupModel: () => ipcRenderer.invoke(BRIDGE_CHANNELS.openStartupModel),
  openModelDialog: () => ipcRenderer.invoke(BRIDGE_CHANNELS.openModelDialog),
  parseModelText: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.parseModelText, request),
  reparseModel: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.reparseModel, request),
  getHostInfo: () => ipcRenderer.invoke(BRIDGE_CHANNELS.getHostInfo),
};

contextBridge.exposeInMainWorld('splitscope', bridge);
contextBridge.exposeInMainWorld('splitscopeMenu', {
  onCommand: (listener: (command: string) => void) => {
    const handler = (_event: unknown, command: string) => listener(command);
    ipcRenderer.on('menu:command', handler);
    return () => ipcRenderer.removeListener('menu:command', handler);
  },
});
