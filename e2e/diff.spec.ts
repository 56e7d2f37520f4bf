import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { ComparePage } from './pages/ComparePage';
import { ROOT, startWebHost, type RunningHost } from './host';

/*
 * Issue 12 in the app, on the committed pairs (fixtures/diff, made with Debian's XGBoost and
 * scikit-learn). Oracles: the libraries' own counts (expected.json) and the built CLI's diff.
 */

const pair = (name: string, file: string) => join(ROOT, 'fixtures', 'diff', name, file);
const expected = (name: string) => JSON.parse(readFileSync(pair(name, 'expected.json'), 'utf8')) as { rows: number; predictionChanged: number };

function cliDiff(oldPath: string, newPath: string): { trees: Record<string, number>; nodes: { changed: number; added: number; removed: number } } {
  return JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'main', 'cli.mjs'), 'diff', oldPath, newPath, '--json'], { encoding: 'utf8' }));
}

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('Compare with… a deeper scikit-learn tree: summary, changes stepped one by one, prediction diff and a row', async ({ page }) => {
  host = await startWebHost(pair('skl_wine', 'old.txt'));
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.error).toHaveCount(0);
  const compare = new ComparePage(page);
  await compare.compareWith(pair('skl_wine', 'new.txt'));
  await expect(compare.view).toBeVisible();
  const cli = cliDiff(pair('skl_wine', 'old.txt'), pair('skl_wine', 'new.txt'));
  await expect(compare.treeCounts).toHaveText('trees: 0 same, 1 changed, 0 added, 0 removed');
  await expect(compare.nodeCounts).toHaveText(`nodes: ${cli.nodes.changed} changed, ${cli.nodes.added} added, ${cli.nodes.removed} removed`);
  await expect(compare.changePosition).toHaveText(`change 1 of ${cli.nodes.changed}`);
  await expect(compare.currentNode).toHaveAttribute('data-change-index', '0');
  await compare.nextChange.click();
  await expect(compare.changePosition).toHaveText(`change 2 of ${cli.nodes.changed}`);
  await expect(compare.currentNode).toHaveAttribute('data-change-index', '1');
  await expect(page.locator('[data-testid="compare-side-new"] .compare-node.is-added')).toHaveCount(cli.nodes.added);

  const truth = expected('skl_wine');
  await compare.csvInput.setInputFiles(pair('skl_wine', 'rows.csv'));
  await expect(compare.rowCounts).toContainText(`${truth.rows} rows compared · ${truth.predictionChanged} changed class`);
  await expect(compare.classTable).toBeVisible();
  await expect(page.getByTestId('compare-metrics')).toContainText('accuracy');
  await compare.largestRows.first().click();
  await expect(compare.contributions).toBeVisible();
});

test('Compare with… the same XGBoost run trained 30 rounds more: 50 trees the same, 30 added, no class changed', async ({ page }) => {
  host = await startWebHost(pair('xgb_binary', 'old.json'));
  const app = new AppPage(page);
  await app.open(host.url);
  const compare = new ComparePage(page);
  await compare.compareWith(pair('xgb_binary', 'new.json'));
  await expect(compare.treeCounts).toHaveText('trees: 50 same, 0 changed, 30 added, 0 removed');
  await expect(compare.treeItems).toHaveCount(30);
  const truth = expected('xgb_binary');
  await compare.csvInput.setInputFiles(pair('xgb_binary', 'rows.csv'));
  await expect(compare.rowCounts).toContainText(`${truth.rows} rows compared · ${truth.predictionChanged} changed class`);
});

test('Compare with… a file that does not parse says so in the Compare view with its line; the open model stays', async ({ page }, testInfo) => {
  host = await startWebHost(pair('skl_wine', 'old.txt'));
  const app = new AppPage(page);
  await app.open(host.url);
  const broken = testInfo.outputPath('broken.txt');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(broken, readFileSync(pair('skl_wine', 'new.txt'), 'utf8').replace('|   |--- proline <=', '|   |--- proline <!'));
  const compare = new ComparePage(page);
  await compare.compareWith(broken);
  await expect(compare.error).toContainText(/new model: E_PARSE_\w+: .*line \d+, column \d+/);
  await expect(app.modelTitle).toContainText('old.txt');
});
