import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath, startWebHost, type RunningHost } from './host';
import { AppPage } from './pages/AppPage';

let host: RunningHost | undefined;
let folder: string | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

test('exports a Docker bundle in one click, proves it, and asks before replacing it', async ({ page }) => {
  folder = mkdtempSync(join(tmpdir(), 'splitscope-export-'));
  const target = join(folder, 'banknote-docker');
  host = await startWebHost(corpusPath('spark/mllib_dt_banknote_depth5.txt'));
  const app = new AppPage(page);
  await app.open(host.url);

  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-target-docker').check({ force: true });
  await dialog.getByTestId('export-folder-input').fill(target);
  await dialog.getByTestId('export-run').click();

  const result = dialog.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(dialog.getByTestId('export-result-folder')).toHaveText(target);
  await expect(dialog.getByTestId('export-selftest')).toContainText('every prediction identical');
  await expect(dialog.getByTestId('export-next-commands')).toContainText('docker build');
  expect(existsSync(join(target, 'server.mjs'))).toBe(true);
  const golden = JSON.parse(readFileSync(join(target, 'golden.json'), 'utf8'));
  expect(Array.isArray(golden.rows) ? golden.rows.length : Object.keys(golden).length).toBeGreaterThan(0);

  // The same folder again: refused until the user confirms.
  await dialog.getByTestId('export-run').click();
  await expect(result).toHaveAttribute('data-error-code', 'E_EXPORT_FOLDER_NOT_EMPTY');
  await dialog.getByTestId('export-overwrite').click();
  await expect(result).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
});
