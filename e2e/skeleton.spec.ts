import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { corpusPath, e2eData, startWebHost, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('opens on the bundled sample and draws it as a tree', async ({ page }) => {
  host = await startWebHost();
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.error).toHaveCount(0);
  await expect(app.modelTitle).toContainText('wine_decision_tree.txt');
  await expect(page.getByTestId('model-format')).toHaveText('sklearn');
  const nodeCount = Number(await page.getByTestId('model-nodes').textContent());
  expect(nodeCount).toBeGreaterThan(10);
  await expect(app.treeNodes).toHaveCount(nodeCount);
  await expect(app.node(0)).toContainText('<=');
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
