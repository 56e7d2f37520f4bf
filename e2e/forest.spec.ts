import { execFileSync } from 'node:child_process';
import { repeatLightgbmTrees } from '../app/testing/bigModels';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { AppPage } from './pages/AppPage';
import { ForestPage } from './pages/ForestPage';
import { TestingPage } from './pages/TestingPage';
import { corpusPath, referencePath, ROOT, startWebHost, type RunningHost } from './host';

/*
 * The forest view (issue 15) on the 1,000-tree keiba LightGBM model of the corpus. Oracles: the tree
 * count of the model file itself (its `Tree=` blocks), the pixels of the canvas, the single-tree
 * view's own title, and the built CLI (`splitscope predict --raw`) on the same row.
 */

const KEIBA = corpusPath('lightgbm/keiba_binary_nan_missing_v4.txt');

let host: RunningHost | undefined;
let folder: string | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

async function openApp(page: Page, modelPath: string): Promise<{ app: AppPage; forest: ForestPage }> {
  host = await startWebHost(modelPath);
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.error).toHaveCount(0);
  return { app, forest: new ForestPage(page) };
}

/** Trees in a LightGBM model.txt, counted from its text. */
function lightgbmTreeCount(path: string): number {
  return (readFileSync(path, 'utf8').match(/^Tree=\d+$/gm) ?? []).length;
}

/**
 * A row for keiba: each feature just above or below a threshold the model splits it at (read from
 * the file), so the row takes varied paths; every ninth feature missing.
 */
function keibaRow(): { header: string[]; cells: string[] } {
  const text = readFileSync(KEIBA, 'utf8');
  const header = /^feature_names=(.*)$/m.exec(text)![1].trim().split(' ');
  const thresholds = new Map<number, number>();
  const features = [...text.matchAll(/^split_feature=(.*)$/gm)].map((match) => match[1].trim().split(' ').map(Number));
  const values = [...text.matchAll(/^threshold=(.*)$/gm)].map((match) => match[1].trim().split(' ').map(Number));
  features.forEach((list, tree) => list.forEach((feature, index) => thresholds.has(feature) || thresholds.set(feature, values[tree][index])));
  const cells = header.map((_, feature) => {
    if (feature % 9 === 4) return '';
    const threshold = thresholds.get(feature) ?? 0;
    const step = Math.max(1e-3, Math.abs(threshold) * 0.01);
    return String(feature % 2 === 0 ? threshold + step : threshold - step);
  });
  return { header, cells };
}

test('every tree of the 1,000-tree keiba model is a glyph; measures redraw; a click opens that tree', async ({ page }) => {
  const { app, forest } = await openApp(page, KEIBA);
  const trees = lightgbmTreeCount(KEIBA);
  expect(trees).toBe(1000);
  await forest.open();
  await expect(forest.view).toHaveAttribute('data-tree-count', String(trees));
  await expect(forest.view).toHaveAttribute('data-glyph-count', String(trees));
  // Fitted on open: every glyph is in view and drawn.
  await expect(forest.view).toHaveAttribute('data-drawn-glyphs', String(trees));

  // Switching the measure changes the drawing (the canvas's own pixels), and back gives the same picture.
  await expect(forest.view).toHaveAttribute('data-measure', 'leaves');
  await forest.settled();
  const byLeaves = await forest.pixels();
  const viewBefore = await forest.view.getAttribute('data-view');
  await forest.measure.selectOption('depth');
  await expect(forest.view).toHaveAttribute('data-measure', 'depth');
  await forest.settled();
  const byDepth = await forest.pixels();
  expect(byDepth).not.toBe(byLeaves);
  await forest.measure.selectOption('rootFeature');
  await expect(forest.view).toHaveAttribute('data-measure', 'rootFeature');
  await forest.settled();
  const byRoot = await forest.pixels();
  expect(byRoot).not.toBe(byDepth);
  await forest.measure.selectOption('leaves');
  await forest.settled();
  expect(await forest.view.getAttribute('data-view')).toBe(viewBefore);
  expect(await forest.pixels()).toBe(byLeaves);
  // Keiba has split gains: the gain measure is offered; the contribution waits for a vector.
  await expect(forest.measure.locator('option[value="gain"]')).toBeEnabled();
  await expect(forest.measure.locator('option[value="contribution"]')).toBeDisabled();

  // Zoom in around a glyph, then hover it: the card names it; click: the single-tree view opens on it.
  const target = 437;
  let point = await forest.glyphPoint(target);
  await page.mouse.move(point.x, point.y);
  for (let step = 0; step < 6; step++) await page.mouse.wheel(0, -120);
  await forest.settled();
  expect(Number(await forest.view.getAttribute('data-drawn-glyphs'))).toBeLessThan(trees);
  point = await forest.glyphPoint(target);
  await page.mouse.move(point.x + 1, point.y + 1);
  await expect(forest.view).toHaveAttribute('data-hover-tree', String(target));
  await expect(forest.card).toContainText(`Tree ${target} ·`);
  await page.mouse.click(point.x + 1, point.y + 1);
  await expect(forest.view).toHaveCount(0);
  await expect(app.treeTitle).toContainText(`Tree ${target}`);
  await expect(app.node(0)).toBeVisible();

  // Back in the forest, the opened tree is the selected one.
  await forest.open();
  await expect(forest.view).toHaveAttribute('data-selected-tree', String(target));
});

test('the score-by-trees curve of a typed row ends at the CLI raw score; a top tree opens with its path', async ({ page }) => {
  folder = mkdtempSync(join(tmpdir(), 'splitscope-forest-'));
  const { header, cells } = keibaRow();
  const rowCsv = join(folder, 'row.csv');
  writeFileSync(rowCsv, `${header.join(',')}\n${cells.join(',')}\n`);
  const output = execFileSync(process.execPath, [join(ROOT, 'dist', 'main', 'cli.mjs'), 'predict', KEIBA, '--csv', rowCsv, '--raw'], { encoding: 'utf8' });
  const oracle = Papa.parse<string[]>(output.trim()).data;
  const raw = Number(oracle[1][oracle[0].indexOf('raw')]);
  expect(Number.isFinite(raw)).toBe(true);

  const { app, forest } = await openApp(page, KEIBA);
  const testing = new TestingPage(page);
  await testing.open();
  await testing.pasteLine(cells.join(','));
  await expect(testing.predictionRaw).toHaveAttribute('data-values', String(raw));

  await forest.open();
  await expect(forest.score).toHaveAttribute('data-points', '1001');
  // The curve's last point is the raw score after all 1,000 trees: the CLI's, to the bit.
  await expect(forest.score).toHaveAttribute('data-final-raw', String(raw));
  // With a vector the contribution measure is offered and colours differently from the leaf count.
  await expect(forest.measure.locator('option[value="contribution"]')).toBeEnabled();
  await forest.settled();
  const byLeaves = await forest.pixels();
  await forest.measure.selectOption('contribution');
  await expect(forest.view).toHaveAttribute('data-measure', 'contribution');
  await forest.settled();
  expect(await forest.pixels()).not.toBe(byLeaves);

  // The tree pushing the score up most: one click opens it, with the row's path drawn to its leaf.
  await expect(forest.topUp.first()).toBeVisible();
  const top = Number(await forest.topUp.first().getAttribute('data-tree'));
  await forest.topUp.first().click();
  await expect(forest.view).toHaveCount(0);
  await expect(app.treeTitle).toContainText(`Tree ${top}`);
  await expect(testing.pathLeaf).toHaveCount(1);
  const leaves = await testing.leaves();
  expect(Number(await testing.pathLeaf.getAttribute('data-node-id'))).toBe(leaves[top].node);
});

for (const isBig of [false, true]) {
  test(`with a labelled CSV${isBig ? ' too big to keep every row’s leaves' : ''}, the metric-by-trees curve ends at scikit-learn’s log loss and AUC of LightGBM’s own predictions`, async ({ page }) => {
    folder = mkdtempSync(join(tmpdir(), 'splitscope-forest-'));
    const lines = readFileSync(referencePath('lgb_binary_nan/input_main.csv'), 'utf8').trim().split('\n');
    const predictions = readFileSync(referencePath('lgb_binary_nan/expected_main_pred.csv'), 'utf8').trim().split('\n').slice(1).map(Number);
    const rows = 600;
    // Labels: the library's class, except every sixth row (so the model is wrong on some rows).
    const labels = predictions.slice(0, rows).map((p, r) => ((p > 0.5) !== (r % 6 === 0) ? 1 : 0));
    const csv = join(folder, 'labelled.csv');
    writeFileSync(csv, [`${lines[0]},label`, ...lines.slice(1, rows + 1).map((line, r) => `${line},${labels[r]}`)].join('\n') + '\n');
    const script = 'import json,sys\nfrom sklearn.metrics import log_loss, roc_auc_score\nd=json.load(sys.stdin)\nprint(json.dumps([log_loss(d["y"], d["p"], eps=1e-15), roc_auc_score(d["y"], d["p"])]))';
    const [logLoss, auc] = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ y: labels, p: predictions.slice(0, rows) }), encoding: 'utf8' })) as number[];

    // Big: the page keeps only rows per leaf (its budget lowered to none), and the panel offers to score again keeping them.
    if (isBig) await page.addInitScript(() => void ((globalThis as { splitscopeLeafNodesBudget?: number }).splitscopeLeafNodesBudget = 0));
    host = await startWebHost(referencePath('lgb_binary_nan/model.txt'), ['--csv', csv]);
    const app = new AppPage(page);
    await app.open(host.url);
    const testing = new TestingPage(page);
    await testing.open();
    await testing.waitScored();
    await testing.labelColumn.selectOption('label');
    const forest = new ForestPage(page);
    await forest.open();
    if (isBig) {
      await expect(page.getByTestId('forest-metric-unavailable')).toContainText('scored without each row’s leaves');
      await page.getByTestId('forest-metric-keep-leaves').click();
    }
    await expect(forest.metric).toHaveAttribute('data-rows', String(rows));
    await expect(forest.metric).toHaveAttribute('data-points', '100');
    const finalLoss = Number(await forest.metric.getAttribute('data-final-log-loss'));
    const finalAuc = Number(await forest.metric.getAttribute('data-final-auc'));
    expect(Math.abs(finalLoss - logLoss)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(finalAuc - auc)).toBeLessThanOrEqual(1e-12);
    // The best point is named with its tree count.
    await expect(forest.page.locator('[data-testid="forest-metric-best"][data-metric="logLoss"]')).toContainText('trees');
    // The heatmap can show the CSV's traffic: the share of rows whose path tests each feature.
    await forest.page.getByTestId('heatmap-traffic').click();
    await expect(forest.heatmap).toHaveAttribute('data-mode', 'traffic');
  });
}

test('while a big model is still being read the forest view is offered but disabled; it opens once every tree is in', async ({ page }) => {
  folder = mkdtempSync(join(tmpdir(), 'splitscope-forest-'));
  const bigModel = join(folder, 'big_model.txt');
  const { text, trees } = repeatLightgbmTrees(readFileSync(KEIBA, 'utf8'), 6e6);
  writeFileSync(bigModel, text);
  // The host holds the first open of big_model.txt after its first tree (see e2e/progress.spec.ts).
  host = await startWebHost(undefined, [], { SPLITSCOPE_TEST_HOLD: 'big_model.txt' });
  const app = new AppPage(page);
  await app.open(host.url);
  const forest = new ForestPage(page);
  await app.openModelFile(bigModel);
  await expect(page.getByTestId('model-trees-reading')).toBeVisible();
  await expect(app.treeNodes.first()).toBeVisible();
  await expect(forest.openButton).toBeDisabled();
  await expect(forest.view).toHaveCount(0);
  await page.getByTestId('progress').filter({ hasText: 'big_model.txt' }).getByTestId('cancel-job').click();
  await expect(page.getByTestId('model-trees-reading')).toHaveCount(0);

  await app.openModelFile(bigModel);
  await expect(page.getByTestId('model-trees')).toHaveText(String(trees));
  await expect(forest.openButton).toBeEnabled();
  await forest.open();
  await expect(forest.view).toHaveAttribute('data-tree-count', String(trees));
  await expect(forest.view).toHaveAttribute('data-glyph-count', String(trees));
});
