import { app, BrowserWindow, dialog, ipcMain, Menu, session, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { BRIDGE_CHANNELS, EVENT_CHANNELS, type BridgeMethod } from '../../app/bridge';
import { ModelHost } from '../host/modelHost';
import { workerParser } from '../host/modelParser';
import { PROJECT_ROOT, RENDERER_DIR, SAMPLE_MODEL, VERSION } from '../paths';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './windowOptions';

/** Thin Electron shell: a window, a menu, and the bridge over IPC. Everything else lives in app/ and main/host/. */
const startupPath = process.argv.slice(app.isPackaged ? 1 : 2).find((argument) => !argument.startsWith('-'));
let window: BrowserWindow | undefined;

const host = new ModelHost({
  kind: 'electron',
  version: VERSION,
  startupPath,
  samplePath: SAMPLE_MODEL,
  parser: workerParser(join(PROJECT_ROOT, 'dist', 'main', 'parseWorker.mjs')),
  onProgress: (event) => window?.webContents.send(EVENT_CHANNELS.progress, event),
  onError: (message) => console.error(`splitscope: ${message}`),
  showOpenDialog: async () => {
    const result = await dialog.showOpenDialog(window!, {
      title: 'Open tree model',
      properties: ['openFile'],
      filters: [
        { name: 'Tree model dumps', extensions: ['txt', 'json', 'model', 'dump'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    return result.canceled ? undefined : result.filePaths[0];
  },
});

function registerBridge(): void {
  for (const [method, channel] of Object.entries(BRIDGE_CHANNELS)) {
    const handler = host[method as BridgeMethod] as (argument: unknown) => Promise<unknown>;
    ipcMain.handle(channel, (event, argument) => {
      // Only our own window's top frame may call the bridge.
      if (event.senderFrame !== window?.webContents.mainFrame) throw new Error('bridge call from an unknown frame');
      return handler.call(host, argument);
    });
  }
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open Model…', accelerator: 'CmdOrCtrl+O', click: () => window?.webContents.send(EVENT_CHANNELS.command, 'open-model') },
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
  ];
  if (process.platform === 'darwin') template.unshift({ role: 'appMenu' });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function createWindow(): Promise<void> {
  window = new BrowserWindow(mainWindowOptions(join(PROJECT_ROOT, 'dist', 'main', 'preload.cjs')));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window?.show());
  await window.loadFile(join(RENDERER_DIR, 'index.html'));
}

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  registerBridge();
  buildMenu();
  await createWindow();
});

app.on('window-all-closed', () => app.quit());
