import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { join } from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { SplitscopeBridge } from '../app/bridge';
import { findElectronBinary } from '../main/electron/findElectron';
import { corpusPath, ROOT } from './host';

const binary = findElectronBinary(ROOT);
if ('reason' in binary) console.log(`[electron e2e] SKIPPED: ${binary.reason}. The desktop tests run where the Electron binary exists.`);

const BANKNOTE = corpusPath('spark/mllib_dt_banknote_depth5.txt');

/** Launches the desktop app on a fresh user-data folder, with files on its command line. */
async function launch(userData: string, ...files: string[]): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: (binary as { path: string }).path,
    args: [join(ROOT, 'dist', 'main', 'electron.mjs'), `--user-data-dir=${userData}`, ...files],
  });
}

test.describe('desktop app (Electron)', () => {
  test.skip('reason' in binary, `Electron binary not available, desktop e2e skipped: ${'reason' in binary ? binary.reason : ''}`);

  let userData: string;
  test.beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'splitscope-e2e-'));
  });
  test.afterEach(() => rmSync(userData, { recursive: true, force: true }));

  test('opens the model named on the command line', async () => {
    const app = await launch(userData, BANKNOTE);
    try {
      const page = await app.firstWindow();
      await expect(page.locator('body[data-ready="true"]')).toHaveCount(1);
      await expect(page.getByTestId('tree-node')).toHaveCount(37);
      const isolated = await page.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
      expect(isolated).toBe(true);
    } finally {
      await app.close();
    }
  });

  test('has the File, View and Help menu, with the model in Open Recent, kept in the user-data folder', async () => {
    const app = await launch(userData, BANKNOTE);
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('tree-node')).toHaveCount(37);
      const menu = await app.evaluate(({ Menu }) =>
        Menu.getApplicationMenu()!.items.map((item) => ({
          label: item.label.replace('&', ''),
          items: item.submenu?.items.map((child) => child.label) ?? [],
          recent: item.submenu?.items.find((child) => child.id === 'open-recent')?.submenu?.items.map((child) => child.label) ?? [],
        })),
      );
      const labels = menu.map((item) => item.label);
      expect(labels).toEqual(expect.arrayContaining(['File', 'View', 'Help']));
      const file = menu.find((item) => item.label === 'File')!;
      expect(file.items).toEqual(expect.arrayContaining(['Open Model…', 'Open Recent', 'Open CSV…', 'Export Bundle…']));
      expect(file.recent[0]).toContain('mllib_dt_banknote_depth5.txt');
      const stored = JSON.parse(readFileSync(join(userData, 'recent-files.json'), 'utf8'));
      expect(stored.paths).toEqual([BANKNOTE]);
      // The bridge lists it by index; the renderer never sees a way to name a path.
      const listed = await page.evaluate(() => (globalThis as unknown as { splitscope: SplitscopeBridge }).splitscope.listRecentFiles());
      expect(listed).toEqual([{ index: 0, fileName: 'mllib_dt_banknote_depth5.txt', path: BANKNOTE }]);
    } finally {
      await app.close();
    }
    expect(existsSync(join(userData, 'window-state.json'))).toBe(true);
  });

  test('blocks navigation, new windows and bridge calls with unchecked arguments', async () => {
    const app = await launch(userData);
    try {
      const page = await app.firstWindow();
      await expect(page.locator('body[data-ready="true"]')).toHaveCount(1);
      const pageUrl = page.url();
      // window.open asks main synchronously, so it has been refused once the call returns.
      await page.evaluate(() => void globalThis.open('https://example.com/'));
      // Wait for main to see the navigation (the app's own 'will-navigate' handler, registered
      // first, refuses it), not for a while.
      await app.evaluate(({ webContents }) => {
        (globalThis as { e2eNavigation?: Promise<string> }).e2eNavigation = new Promise<string>((resolve) => {
          for (const contents of webContents.getAllWebContents()) contents.once('will-navigate', (_event, url) => setImmediate(() => resolve(url)));
        });
      });
      await page.evaluate(() => {
        globalThis.location.href = 'https://example.com/';
      });
      expect(await app.evaluate(() => (globalThis as { e2eNavigation?: Promise<string> }).e2eNavigation)).toBe('https://example.com/');
      expect(page.url()).toBe(pageUrl);
      expect(app.windows()).toHaveLength(1);
      const rejected = await page.evaluate(() =>
        (globalThis as unknown as { splitscope: SplitscopeBridge }).splitscope.openRecentFile({ index: 0, path: '/etc/passwd' } as never).then(
          () => 'accepted',
          (error: Error) => error.message,
        ),
      );
      expect(rejected).toMatch(/Unrecognized key|unrecognized/i);
    } finally {
      await app.close();
    }
  });
});
