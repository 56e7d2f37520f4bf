import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repeatLightgbmTrees } from '../app/testing/bigModels';
import { AppPage } from './pages/AppPage';
import { corpusPath, startWebHost, type RunningHost } from './host';

let host: RunningHost | undefined;
let folder: string | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A 60 MB LightGBM model made from a real one: big enough that parsing takes seconds. */
function writeBigModel(): string {
  folder = mkdtempSync(join(tmpdir(), 'splitscope-big-'));
  const path = join(folder, 'big_model.txt');
  const { text } = repeatLightgbmTrees(readFileSync(corpusPath('lightgbm/keiba_binary_nan_missing_v4.txt'), 'utf8'), 60e6);
  writeFileSync(path, text);
  return path;
}

test('opening a big model shows progress and can be cancelled; the previous model stays', async ({ page }) => {
  const bigModel = writeBigModel();
  host = await startWebHost();
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.modelTitle).toContainText('wine_decision_tree.txt');
  // The start-up model's finished bar lingers a moment; wait until it is gone.
  await expect(page.getByTestId('progress')).toHaveCount(0);

  await app.openModelFile(bigModel);
  const progress = page.getByTestId('progress').filter({ hasText: 'big_model.txt' });
  await expect(progress).toHaveAttribute('data-task', 'open-model', { timeout: 20_000 });
  await progress.getByTestId('cancel-job').click();
  await expect(progress).toHaveAttribute('data-state', 'cancelled');
  await expect(progress).toHaveCount(0);
  await expect(app.error).toHaveCount(0);
  await expect(app.modelTitle).toContainText('wine_decision_tree.txt');
  await expect(app.treeNodes.first()).toBeVisible();
});
