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

// The Python bundles' selftests need numpy and pandas (Spark) or Python 3.10+ (Lambda): Debian's
// python3, which .ci/run installs; the first python3 on PATH may be another interpreter.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const TARGET_TITLES = { 'lambda-python': 'AWS Lambda (Python)', spark: 'PySpark batch scoring (pandas UDF)', onnx: 'ONNX (TreeEnsemble)' } as const;

test.describe('the scale-out targets export from the dialog, each proven by its own selftest', () => {
  for (const { target, file, selftest } of [
    { target: 'lambda-python', file: 'handler.py', selftest: 'python' },
    { target: 'spark', file: 'score.py', selftest: 'python' },
    { target: 'onnx', file: 'model.onnx', selftest: 'onnx' },
  ] as const) {
    test(target, async ({ page }) => {
      folder = mkdtempSync(join(tmpdir(), 'splitscope-export-'));
      const out = join(folder, `banknote-${target}`);
      host = await startWebHost(corpusPath('spark/mllib_dt_banknote_depth5.txt'), [], { SPLITSCOPE_PYTHON: PYTHON });
      const app = new AppPage(page);
      await app.open(host.url);
      await page.getByTestId('open-export').click();
      const dialog = page.getByTestId('export-dialog');
      // As a user picks it: a click on its card (the radio inside is visually hidden).
      await dialog.getByText(TARGET_TITLES[target]).click();
      await expect(dialog.getByTestId(`export-target-${target}`)).toBeChecked();
      await dialog.getByTestId('export-folder-input').fill(out);
      await dialog.getByTestId('export-run').click();
      await expect(dialog.getByTestId('export-result')).toHaveAttribute('data-status', 'ok', { timeout: 90_000 });
      expect(existsSync(join(out, file))).toBe(true);
      const golden = JSON.parse(readFileSync(join(out, 'golden.json'), 'utf8')) as { rows: unknown[]; target: string };
      expect(golden.target).toBe(target);
      if (selftest === 'python') {
        await expect(dialog.getByTestId('export-selftest')).toContainText('every prediction identical');
        // The bundle's own selftest, run here by a separate Python, agrees.
        const run = spawnSync(PYTHON, ['-B', 'selftest.py'], { cwd: out, encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toMatchObject({ ok: true, rows: golden.rows.length });
      } else {
        // A decision tree's class distribution is copied, not computed: ONNX Runtime gives it exactly, and the dialog says so.
        const shown = dialog.getByTestId('export-selftest');
        await expect(shown).toHaveAttribute('data-exact', 'true');
        await expect(shown).toContainText(`proven equal: ONNX Runtime matched the app bit for bit on all ${golden.rows.length} golden rows`);
        expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain(`matched the app bit for bit on all ${golden.rows.length} golden rows`);
      }
    });
  }
});
