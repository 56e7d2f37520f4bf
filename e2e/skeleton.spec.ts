import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath, e2eData, ROOT, startWebHost, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('opens on the bundled sample: a boosted XGBoost ensemble with feature names, its labelled rows scored in the Test tab', async ({ page }) => {
  host = await startWebHost();
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.error).toHaveCount(0);
  await expect(app.modelTitle).toContainText('breast_cancer_xgboost.json');
  await expect(page.getByTestId('model-format')).toHaveText('xgboost');
  // Facts read from the files themselves: 60 boosted trees, 30 named features, no import warnings.
  const model = JSON.parse(readFileSync(join(ROOT, 'assets', 'samples', 'breast_cancer_xgboost.json'), 'utf8'));
  expect(Number(await page.getByTestId('model-trees').textContent())).toBe(model.learner.gradient_booster.model.trees.length);
  await expect(page.getByTestId('warnings')).toHaveCount(0);
  await expect(app.treeNodes.first()).toBeVisible();
  await expect(app.node(0)).toContainText(model.learner.feature_names[model.learner.gradient_booster.model.trees[0].split_indices[0]]);

  // The sample's rows are in the Test tab, scored, with the label column picked and the metrics shown.
  const csv = readFileSync(join(ROOT, 'assets', 'samples', 'breast_cancer_xgboost.csv'), 'utf8').trim().split('\n');
  await expect(page.getByTestId('csv-summary')).toHaveAttribute('data-rows', String(csv.length - 1));
  await expect(page.getByTestId('label-column')).toHaveValue('label');
  // Accuracy from XGBoost's own probabilities (written by scripts/make_sample_xgboost.py) and the labels.
  const probabilities = readFileSync(join(ROOT, 'assets', 'samples', 'breast_cancer_xgboost.expected_pred.csv'), 'utf8').trim().split('\n').slice(1).map(Number);
  const labels = csv.slice(1).map((line) => Number(line.split(',').pop()));
  const correct = labels.filter((label, index) => (probabilities[index] > 0.5 ? 1 : 0) === label).length;
  await expect(page.getByTestId('metric-accuracy')).toHaveAttribute('data-value', String(correct / labels.length));
});

test('draws the 37 nodes of the banknote Spark tree given on the command line', async ({ page }) => {
  host = await startWebHost(corpusPath('spark/mllib_dt_banknote_depth5.txt'));
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.treeNodes).toHaveCount(37);
  await expect(app.node(0)).toHaveText('feature 0 <= 0.23874');
  await expect(app.node(5)).toHaveText('Predict: 1.0');
  // The edge under the root is labelled with its condition.
  await expect(page.locator('.react-flow__edge-text', { hasText: '> 0.23874' })).toHaveCount(1);
});

test('File → Open loads another model', async ({ page }) => {
  host = await startWebHost();
  const app = new AppPage(page);
  await app.open(host.url);
  await app.openModelFile(corpusPath('spark/mllib_dt_banknote_depth5.txt'));
  await expect(app.modelTitle).toContainText('mllib_dt_banknote_depth5.txt');
  await expect(app.treeNodes).toHaveCount(37);
});

test('a broken file shows the error with its line and column, in the UI and the console', async ({ page }) => {
  host = await startWebHost(corpusPath('spark/mllib_dt_banknote_depth5.txt'));
  const app = new AppPage(page);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await app.open(host.url);
  await app.openModelFile(e2eData('broken_spark_missing_paren.txt'));
  await expect(app.error).toContainText('broken_spark_missing_paren.txt: line 6, column 5:');
  await expect(app.error).toContainText("expected ')'");
  await expect(app.error).toHaveAttribute('data-error-code', 'E_PARSE_SYNTAX');
  // Console messages reach the test as events of their own: wait for it rather than read the list once.
  await expect.poll(() => consoleErrors.some((text) => text.includes('line 6, column 5'))).toBe(true);
  // The previous model stays on screen: no blank window.
  await expect(app.treeNodes).toHaveCount(37);
});

test('the API refuses calls without the token', async ({ request }) => {
  host = await startWebHost();
  const origin = new URL(host.url).origin;
  const denied = await request.post(`${origin}/api/model:openStartup`, { data: '' });
  expect(denied.status()).toBe(403);
  const token = new URL(host.url).searchParams.get('token')!;
  const allowed = await request.post(`${origin}/api/host:info`, { headers: { 'X-Splitscope-Token': token }, data: '' });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ kind: 'web' });
});
