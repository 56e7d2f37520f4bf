import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
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
  // The folder holds what the dialog reports: its golden rows and model checksum, and its own
  // selftest, run here by a separate Node, passes on the same number of rows.
  const golden = JSON.parse(readFileSync(join(target, 'golden.json'), 'utf8')) as { rows: unknown[]; expected: unknown[]; modelChecksum: string };
  const shown = (await dialog.getByTestId('export-selftest').textContent()) ?? '';
  const rowsShown = Number(/Selftest: (\d+) /.exec(shown)?.[1]);
  expect(rowsShown).toBeGreaterThan(0);
  expect(golden.rows).toHaveLength(rowsShown);
  expect(golden.expected).toHaveLength(rowsShown);
  expect(shown).toContain(golden.modelChecksum.slice(0, 19));
  const selftest = spawnSync(process.execPath, ['selftest.mjs'], { cwd: target, encoding: 'utf8' });
  expect(selftest.status, selftest.stderr).toBe(0);
  expect(JSON.parse(selftest.stdout.trim().split('\n').pop()!)).toMatchObject({ ok: true, target: 'docker', rows: rowsShown });

  // The same folder again: refused until the user confirms.
  await dialog.getByTestId('export-run').click();
  await expect(result).toHaveAttribute('data-error-code', 'E_EXPORT_FOLDER_NOT_EMPTY');
  await dialog.getByTestId('export-overwrite').click();
  await expect(result).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
});
