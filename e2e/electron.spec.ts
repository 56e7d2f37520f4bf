import { _electron as electron, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { findElectronBinary } from '../main/electron/findElectron';
import { corpusPath, ROOT } from './host';

const binary = findElectronBinary(ROOT);
if ('reason' in binary) console.log(`[electron e2e] SKIPPED: ${binary.reason}. The desktop tests run where the Electron binary exists.`);

test.describe('desktop app (Electron)', () => {
  test.skip('reason' in binary, `Electron binary not available, desktop e2e skipped: ${'reason' in binary ? binary.reason : ''}`);

  test('opens the model named on the command line', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'splitscope-e2e-'));
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [join(ROOT, 'dist', 'main', 'electron.mjs'), `--user-data-dir=${userData}`, corpusPath('spark/mllib_dt_banknote_depth5.txt')],
    });
    try {
      const window = await app.firstWindow();
      await expect(window.locator('body[data-ready="true"]')).toHaveCount(1);
      await expect(window.getByTestId('tree-node')).toHaveCount(37);
      const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
      expect(isolated).toBe(true);
    } finally {
      await app.close();
    }
  });
});
