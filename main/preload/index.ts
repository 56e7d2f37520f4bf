import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_CHANNELS, EVENT_CHANNELS, type ProgressEvent, type SplitscopeBridge, type SplitscopeEvents } from '../../app/bridge';

/**
 * Exposes exactly the bridge methods and events, one wrapper per channel, and never `ipcRenderer`
 * itself. Sandboxed preloads cannot import at run time, so the build inlines the channel maps.
 */
const bridge: SplitscopeBridge = {
  openStartupModel: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.openStartupModel, request),
  openModelDialog: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.openModelDialog, request),
  parseModelText: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.parseModelText, request),
  reparseModel: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.reparseModel, request),
  cancelJob: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.cancelJob, request),
  chooseExportFolder: () => ipcRenderer.invoke(BRIDGE_CHANNELS.chooseExportFolder),
  exportBundle: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.exportBundle, request),
  getHostInfo: () => ipcRenderer.invoke(BRIDGE_CHANNELS.getHostInfo),
  listRecentFiles: () => ipcRenderer.invoke(BRIDGE_CHANNELS.listRecentFiles),
  openRecentFile: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.openRecentFile, request),
  saveImageFile: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.saveImageFile, request),
  openStartupCsv: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.openStartupCsv, request),
  openCsvDialog: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.openCsvDialog, request),
  loadCsvText: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.loadCsvText, request),
};

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

const events: SplitscopeEvents = {
  onProgress: (listener) => subscribe<ProgressEvent>(EVENT_CHANNELS.progress, listener),
  onCommand: (listener) => subscribe<string>(EVENT_CHANNELS.command, listener),
};

contextBridge.exposeInMainWorld('splitscope', bridge);
contextBridge.exposeInMainWorld('splitscopeEvents', events);
