import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_CHANNELS } from '../../app/bridge';
import { ModelHost } from '../host/modelHost';
import { workerParser } from '../host/modelParser';
import { PARSE_WORKER_SCRIPT, PROJECT_ROOT, RENDERER_DIR, SAMPLE_CSV, SAMPLE_MODEL, VERSION } from '../paths';
import { bridgeChannels, bridgeHandler } from './ipcPolicy';
import { buildMenuTemplate, OPEN_PENDING_CSV, openRecentCommand } from './menuTemplate';
import { unpackedPath } from './packaging';
import { fileKind, filesFromArgv, isExternalUrlAllowed, isNavigationAllowed, isPermissionGranted } from './policies';
import { RecentFiles } from './recentFiles';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './windowOptions';
import { clampToDisplays, readWindowState, writeWindowState, type WindowState } from './windowState';

/**
 * Thin Electron shell: one window, the menu, the bridge over IPC, and the OS hooks (open with,
 * second instance, recent files, window state). Policies and templates are pure functions beside
 * this file, unit-tested without the Electron binary; the work itself lives in app/ and main/host/.
 */

// A second launch (Windows/Linux "open with") hands its files to the running app (its
// `second-instance` event) and quits without opening a window.
const isPrimaryInstance = app.requestSingleInstanceLock();
if (!isPrimaryInstance) app.quit();

const startupFiles = filesFromArgv(process.argv, app.isPackaged, process.cwd());
const recentFiles = new RecentFiles(join(app.getPath('userData'), 'recent-files.json'));
const windowStatePath = join(app.getPath('userData'), 'window-state.json');
const pageUrl = pathToFileURL(join(RENDERER_DIR, 'index.html')).href;
let window: BrowserWindow | undefined;
/** Commands that arrived before the renderer could hear them (macOS open-file at launch). */
const pendingCommands: string[] = [];
let isRendererReady = false;

const send = (command: string) => {
  if (window && isRendererReady) window.webContents.send(EVENT_CHANNELS.command, command);
  else pendingCommands.push(command);
};

function markRendererReady(): void {
  isRendererReady = true;
  for (const command of pendingCommands.splice(0)) send(command);
}

const fileFilters = {
  model: [
    { name: 'Tree model dumps', extensions: ['txt', 'json', 'model', 'dump'] },
    { name: 'All files', extensions: ['*'] },
  ],
  csv: [
    { name: 'CSV files', extensions: ['csv', 'tsv'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

const hostOptions: ConstructorParameters<typeof ModelHost>[0] = {
  kind: 'electron',
  version: VERSION,
  startupPath: startupFiles.model,
  startupCsvPath: startupFiles.csv,
  // The sample and the worker are unpacked from the asar archive: worker_threads cannot read inside it.
  samplePath: unpackedPath(SAMPLE_MODEL),
  sampleCsvPath: unpackedPath(SAMPLE_CSV),
  parser: workerParser(unpackedPath(PARSE_WORKER_SCRIPT)),
  onProgress: (event) => window?.webContents.send(EVENT_CHANNELS.progress, event),
  onError: (message) => console.error(`splitscope: ${message}`),
  onOpenedPath: (path) => {
    recentFiles.add(path);
    buildMenu();
  },
  recentFiles,
  showFolderDialog: async () => {
    const result = await dialog.showOpenDialog(window!, { title: 'Export bundle to folder', properties: ['openDirectory', 'createDirectory'] });
    return result.canceled ? undefined : result.filePaths[0];
  },
  showOpenDialog: async () => {
    const result = await dialog.showOpenDialog(window!, { title: 'Open tree model', properties: ['openFile'], filters: fileFilters.model });
    return result.canceled ? undefined : result.filePaths[0];
  },
  showOpenCsvDialog: async () => {
    const result = await dialog.showOpenDialog(window!, { title: 'Open CSV of feature vectors', properties: ['openFile'], filters: fileFilters.csv });
    return result.canceled ? undefined : result.filePaths[0];
  },
  showSaveDialog: async (fileName, format) => {
    const result = await dialog.showSaveDialog(window!, {
      title: 'Export image',
      defaultPath: join(app.getPath('documents'), fileName),
      filters: [{ name: format === 'png' ? 'PNG image' : 'SVG image', extensions: [format] }],
    });
    return result.canceled ? undefined : result.filePath;
  },
};
const host = new ModelHost(hostOptions);
// The startup model parses while the window loads; the renderer's first ask takes the result over.
host.prefetchStartupModel();

/**
 * A file the OS gave us (open-file, second instance). Models go first in the recent list and the
 * renderer reopens entry 0, so even here the renderer names an entry, never a path.
 */
function openFromOs(path: string): void {
  if (fileKind(path) === 'csv') {
    // The CSV becomes the host's pending one, read like `--csv` when the renderer asks for it.
    host.queueCsvPath(path);
    send(OPEN_PENDING_CSV);
  } else {
    recentFiles.add(path);
    buildMenu();
    send(openRecentCommand(0));
  }
  if (window?.isMinimized()) window.restore();
  window?.focus();
}

function registerBridge(): void {
  for (const [method, channel] of bridgeChannels()) {
    const handler = bridgeHandler(host, method, () => window?.webContents.mainFrame);
    ipcMain.handle(channel, (event, argument) => {
      // The renderer asks for its startup model in the same step as it starts hearing commands.
      if (method === 'openStartupModel') setTimeout(markRendererReady, 0);
      return handler(event, argument);
    });
  }
}

function buildMenu(): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    recent: recentFiles.list(),
    isPackaged: app.isPackaged,
    send,
    clearRecent: () => {
      recentFiles.clear();
      buildMenu();
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  if (process.platform === 'darwin') {
    app.clearRecentDocuments();
    for (const file of recentFiles.list()) app.addRecentDocument(file.path);
  }
}

function restoreWindowState(): { state: WindowState | undefined; bounds: ReturnType<typeof clampToDisplays> } {
  const state = readWindowState(windowStatePath);
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  return { state, bounds: clampToDisplays(state?.bounds, workAreas) };
}

function rememberWindowState(target: BrowserWindow): void {
  const save = () => {
    if (target.isDestroyed()) return;
    writeWindowState(windowStatePath, { bounds: target.getNormalBounds(), isMaximized: target.isMaximized() });
  };
  let timer: NodeJS.Timeout | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  target.on('resize', saveSoon);
  target.on('move', saveSoon);
  target.on('close', () => {
    clearTimeout(timer);
    save();
  });
}

async function createWindow(): Promise<void> {
  const { state, bounds } = restoreWindowState();
  window = new BrowserWindow({ ...mainWindowOptions(join(PROJECT_ROOT, 'dist', 'main', 'preload.cjs')), ...bounds });
  if (state?.isMaximized) window.maximize();
  rememberWindowState(window);
  window.once('ready-to-show', () => window?.show());
  window.webContents.on('did-start-loading', () => (isRendererReady = false));
  window.on('closed', () => (window = undefined));
  await window.loadURL(pageUrl);
}

app.on('second-instance', (_event, argv, workingDirectory) => {
  const files = filesFromArgv(argv, app.isPackaged, workingDirectory);
  const path = files.model ?? files.csv;
  if (path) openFromOs(path);
  else if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

// macOS "open with" and drops on the Dock icon; it can fire before the app is ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (app.isReady()) openFromOs(path);
  else if (fileKind(path) === 'csv') hostOptions.startupCsvPath = path;
  else hostOptions.startupPath = path;
});

// Security checklist, for every web contents that could ever exist (not only the main window).
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, pageUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, pageUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalUrlAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

app.whenReady().then(async () => {
  if (!isPrimaryInstance) return;
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  // file:// pages get no response headers, so index.html carries the same policy in a meta tag
  // (windowOptions.test.ts checks they agree); this header covers anything served otherwise.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  registerBridge();
  buildMenu();
  await createWindow();
});

app.on('window-all-closed', () => app.quit());
