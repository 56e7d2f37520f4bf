import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, type BridgeMethod } from '../../app/bridge';
import { ModelHost } from '../host/modelHost';
import { NO_ARGUMENT_METHODS } from '../host/schemas';
import { SAMPLE_MODEL } from '../paths';
import { bridgeChannels, bridgeHandler } from './ipcPolicy';
import { RecentFiles } from './recentFiles';

const folder = mkdtempSync(join(tmpdir(), 'splitscope-ipc-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const recentFiles = new RecentFiles(join(folder, 'recent-files.json'));
recentFiles.add(SAMPLE_MODEL);
const dialogsShown: string[] = [];
const host = new ModelHost({
  kind: 'electron',
  version: 'test',
  samplePath: SAMPLE_MODEL,
  recentFiles,
  showOpenDialog: async () => void dialogsShown.push('open') as undefined,
  showOpenCsvDialog: async () => void dialogsShown.push('csv') as undefined,
  showFolderDialog: async () => void dialogsShown.push('folder') as undefined,
  showSaveDialog: async () => void dialogsShown.push('save') as undefined,
});
const mainFrame = { name: 'main frame' };
const handlerOf = (method: BridgeMethod) => bridgeHandler(host, method, () => mainFrame);
const trusted = { senderFrame: mainFrame };

/** Arguments a compromised renderer might send: wrong types, extra keys, paths it must not name. */
const junkArguments: unknown[] = [
  'model.txt',
  42,
  [],
  { path: '/etc/passwd' },
  { jobId: 'a', path: '/etc/passwd' },
  { jobId: 7 },
  { index: -1 },
  { index: 0, path: '/etc/passwd' },
  { documentId: 'x', options: { format: 'pickle' } },
  { fileName: '../../.bashrc', format: 'svg', content: '<svg/>' },
  { fileName: 'a.png', format: 'png', content: 'not a data url' },
  { text: 1, fileName: 'm.txt' },
  { __proto__: { polluted: true }, jobId: 'x', extra: 1 },
];

describe('every ipcMain handler validates its input', () => {
  it('covers every bridge channel', () => {
    expect(bridgeChannels().map(([method]) => method).sort()).toEqual(Object.keys(BRIDGE_CHANNELS).sort());
  });

  for (const [method] of bridgeChannels()) {
    const takesNoArgument = (NO_ARGUMENT_METHODS as readonly string[]).includes(method);
    it(`${method}: rejects malformed arguments before doing anything`, async () => {
      dialogsShown.length = 0;
      for (const argument of junkArguments) {
        // Some junk is valid for some method (e.g. {jobId:'a'}); only shapes no schema accepts are sent.
        const rejection = await handlerOf(method)(trusted, argument).then(
          () => undefined,
          (error: Error) => error,
        );
        if (takesNoArgument) expect(rejection?.message, `${method}(${JSON.stringify(argument)})`).toMatch(/takes no argument/);
        else expect(rejection?.name, `${method}(${JSON.stringify(argument)})`).toBe('ZodError');
      }
      expect(dialogsShown).toEqual([]);
    });

    it(`${method}: refuses callers other than the app window's top frame`, async () => {
      await expect(handlerOf(method)({ senderFrame: { name: 'subframe' } }, undefined)).rejects.toThrow(/unknown frame/);
      await expect(handlerOf(method)({ senderFrame: null }, undefined)).rejects.toThrow(/unknown frame/);
    });
  }

  it('opens recent files by index only, never by a path from the renderer', async () => {
    const listed = (await handlerOf('listRecentFiles')(trusted, undefined)) as Array<{ index: number; path: string }>;
    expect(listed).toEqual([{ index: 0, fileName: basename(SAMPLE_MODEL), path: SAMPLE_MODEL }]);
    const opened = (await handlerOf('openRecentFile')(trusted, { index: 0 })) as { status: string; document?: { path?: string } };
    expect(opened.status).toBe('ok');
    expect(opened.document?.path).toBe(SAMPLE_MODEL);
    const missing = (await handlerOf('openRecentFile')(trusted, { index: 5 })) as { status: string };
    expect(missing.status).toBe('error');
  });

  it('main.ts registers IPC only through bridgeHandler, for the bridge channels', () => {
    const source = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(source.match(/ipcMain\.(handle|on|once|handleOnce)\(/g)).toEqual(['ipcMain.handle(']);
    expect(source).toMatch(/for \(const \[method, channel\] of bridgeChannels\(\)\)/);
    expect(source).toMatch(/bridgeHandler\(host, method/);
  });
});
