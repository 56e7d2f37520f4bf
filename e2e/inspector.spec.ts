import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { corpusPath, referencePath, ROOT, startWebHost, type RunningHost } from './host';
import { join } from 'node:path';

/*
 * The tree inspector (issue 4) on real models, driven as a user would. Expected figures are read
 * from the model files themselves (Spark debug strings and scikit-learn text encode depth in their
 * indentation; XGBoost dumps carry gain and cover), never copied from the app's own output.
 */

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function openApp(page: import('@playwright/test').Page, modelPath: string): Promise<AppPage> {
  host = await startWebHost(modelPath);
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.error).toHaveCount(0);
  return app;
}

/** One node line of a Spark debug string: `If (feature 3 <= 0.5)` or `Predict: 1.0`, at a depth. */
interface SparkLine {
  depth: number;
  feature?: number;
  text: string;
}

/** The trees of a Spark debug string as node lines in pre-order (the order Spark numbers them). */
function sparkTrees(relative: string): SparkLine[][] {
  const lines = readFileSync(corpusPath(relative), 'utf8').split('\n');
  const trees: SparkLine[][] = [];
  let current: SparkLine[] | undefined;
  let rootIndent = 0;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    const text = line.trim();
    if (/^Tree \d+/.test(text) || (!current && (text.startsWith('If') || text.startsWith('Predict')))) {
      current = [];
      trees.push(current);
      rootIndent = -1;
      if (/^Tree \d+/.test(text)) continue;
    }
    if (!current || !(text.startsWith('If') || text.startsWith('Predict'))) continue;
    if (rootIndent < 0) rootIndent = indent;
    const feature = /^If \(feature (\d+)/.exec(text);
    current.push({ depth: indent - rootIndent, feature: feature ? Number(feature[1]) : undefined, text });
  }
  return trees;
}

const RANDOM_FOREST = 'spark/ml_rf_classifier_spark201_4class_3trees.txt';
const BANKNOTE = 'spark/mllib_dt_banknote_depth5.txt';
const BIGGEST = 'spark/ml_dt_classifier_spark3x_depth30_13641nodes.txt';
const XGBOOST = 'xgboost/xgbfir_iris_multiclass_with_stats.txt';

test.describe('model overview', () => {
  test('a Spark random forest: format, task, classes, size, depth and features by split count', async ({ page }) => {
    const trees = sparkTrees(RANDOM_FOREST);
    const app = await openApp(page, corpusPath(RANDOM_FOREST));
    await expect(app.fact('format')).toHaveText('spark');
    await expect(app.fact('task')).toHaveText('multiclass');
    // Spark writes class labels as doubles (`Predict: 3.0`), and so names them.
    const labels = [...new Set(trees.flat().map((line) => /^Predict: (.*)$/.exec(line.text)?.[1]).filter((label) => label !== undefined))].sort();
    await expect(app.fact('classes')).toHaveText(labels.join(', '));
    await expect(app.fact('trees')).toHaveText(String(trees.length));
    await expect(app.fact('nodes')).toHaveText(String(trees.flat().length));
    await expect(app.fact('depth')).toHaveText(String(Math.max(...trees.flat().map((line) => line.depth))));
    const splitsByFeature = new Map<number, number>();
    for (const line of trees.flat()) if (line.feature !== undefined) splitsByFeature.set(line.feature, (splitsByFeature.get(line.feature) ?? 0) + 1);
    await page.getByRole('button', { name: `Show all ${splitsByFeature.size} features used` }).click();
    await expect(app.importanceRows).toHaveCount(splitsByFeature.size);
    const most = Math.max(...splitsByFeature.values());
    const first = app.importanceRows.first();
    await expect(first.locator('td').nth(1)).toHaveText(String(most));
    expect(splitsByFeature.get(Number(await first.getAttribute('data-feature')))).toBe(most);
  });

  test('an XGBoost dump with statistics ranks features by total gain too', async ({ page }) => {
    const text = readFileSync(corpusPath(XGBOOST), 'utf8');
    const gains = new Map<string, number>();
    for (const match of text.matchAll(/\[([^<\]]+)<[^\]]*\][^\n]*gain=([-\d.e+]+)/g)) gains.set(match[1], (gains.get(match[1]) ?? 0) + Number(match[2]));
    const top = [...gains.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const app = await openApp(page, corpusPath(XGBOOST));
    await expect(app.fact('format')).toHaveText('xgboost');
    await expect(app.fact('trees')).toHaveText(String(text.match(/^booster\[/gm)!.length));
    await page.getByTestId('importance-by-gain').click();
    await expect(app.importanceRows.first().locator('.feature-name')).toHaveText(top);
    await expect(app.warnings.first()).toBeVisible();
  });
});

test.describe('ensemble navigator', () => {
  test('lists, picks, steps with the keyboard, filters and sorts the trees of a random forest', async ({ page }) => {
    const trees = sparkTrees(RANDOM_FOREST);
    const app = await openApp(page, corpusPath(RANDOM_FOREST));
    await expect(app.treeRows).toHaveCount(trees.length);
    await expect(app.treeRow(0)).toHaveAttribute('aria-selected', 'true');
    await app.treeRow(2).click();
    await expect(app.treeTitle).toContainText('Tree 2');
    await expect(app.treeNodes).toHaveCount(trees[2].length);
    // Keyboard: arrows in the list, and [ ] anywhere outside a text field.
    await app.treeList.focus();
    await page.keyboard.press('ArrowUp');
    await expect(app.treeTitle).toContainText('Tree 1');
    await page.getByTestId('tree-next').click();
    await expect(app.treeTitle).toContainText('Tree 2');
    await app.page.locator('body').press('[');
    await expect(app.treeTitle).toContainText('Tree 1');
    // Sort by size: the biggest tree first.
    await page.getByTestId('tree-sort').selectOption('nodes');
    const biggest = trees.map((tree) => tree.length).indexOf(Math.max(...trees.map((tree) => tree.length)));
    await expect(app.treeRows.first()).toHaveAttribute('data-tree-index', String(biggest));
    await page.getByTestId('tree-filter').fill('0-1');
    await expect(app.treeRows).toHaveCount(2);
  });

  test('virtualises a 300-tree XGBoost ensemble and filters it by class', async ({ page }) => {
    const app = await openApp(page, corpusPath(XGBOOST));
    await expect(app.fact('trees')).toHaveText('300');
    // The virtual list draws its rows once it has measured itself: wait for them, then count.
    await expect(app.treeRows.nth(5)).toBeAttached();
    const rendered = await app.treeRows.count();
    expect(rendered).toBeLessThan(100);
    await app.treeList.focus();
    await page.keyboard.press('End');
    await expect(app.treeTitle).toContainText('Tree 299');
    await expect(app.treeRow(299)).toHaveAttribute('aria-selected', 'true');
    // A 3-class booster writes one tree per class per round: tree i adds to class i mod 3.
    await page.getByTestId('tree-filter-output').selectOption('2');
    const shownIndices = () => app.treeRows.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-tree-index'))));
    await expect.poll(async () => (await shownIndices()).every((index) => index % 3 === 2)).toBe(true);
    expect((await shownIndices()).length).toBeGreaterThan(5);
  });
});

test.describe('tree canvas', () => {
  test('draws splits and leaves with their statistics, edge conditions, and where missing values go', async ({ page }) => {
    const app = await openApp(page, corpusPath(XGBOOST));
    await app.treeRow(1).click();
    // booster[1]: 0:[petal_length_(cm)<2.45] yes=1,no=2,missing=1,gain=18.0742,cover=66.6667, 4 splits, 5 leaves.
    await expect(app.treeNodes).toHaveCount(9);
    await expect(app.node(0)).toContainText('petal_length_(cm) < 2.45');
    await expect(app.node(0)).toContainText('gain 18.07');
    await expect(app.node(0)).toContainText('cover 66.67');
    await expect(app.node(1)).toContainText('value: -0.0717703');
    await expect(page.locator('.react-flow__edge-text', { hasText: '>= 2.45' })).toHaveCount(1);
    // Every split sends missing values one way, by rule: one explicit badge per split.
    await expect(page.locator('[data-testid="missing-badge"][data-missing="explicit"]')).toHaveCount(4);
    await expect(page.locator('.react-flow__edge[data-id="0-1"] [data-testid="missing-badge"]')).toHaveCount(1);
  });

  test('collapses and expands a subtree, and expands to a depth', async ({ page }) => {
    const [tree] = sparkTrees(BANKNOTE);
    const app = await openApp(page, corpusPath(BANKNOTE));
    await expect(app.treeNodes).toHaveCount(tree.length);
    // Node 1 is the left child of the root; its subtree runs until the next line at depth ≤ 1.
    const end = tree.findIndex((line, index) => index > 1 && line.depth <= 1);
    await app.toggleNode(1);
    await expect(app.treeNodes).toHaveCount(tree.length - (end - 2));
    await expect(app.node(1)).toHaveAttribute('data-collapsed', 'true');
    await expect(app.node(2)).toHaveCount(0);
    await app.toggleNode(1);
    await expect(app.node(2)).toHaveCount(1);
    await app.expandToDepth(2);
    await expect(app.treeNodes).toHaveCount(tree.filter((line) => line.depth <= 2).length);
    await page.getByTestId('reset-view').click();
    await expect(app.treeNodes).toHaveCount(tree.length);
  });

  test('search by feature, threshold and id jumps to each match; details show the rule from the root', async ({ page }) => {
    const [tree] = sparkTrees(BANKNOTE);
    const app = await openApp(page, corpusPath(BANKNOTE));
    const onFeature2 = tree.map((line, id) => (line.feature === 2 ? id : -1)).filter((id) => id >= 0);
    await app.search('feature 2');
    await expect(app.searchCount).toHaveText(`1 / ${onFeature2.length}`);
    await expect(app.nodeDetails).toHaveAttribute('data-node-id', String(onFeature2[0]));
    await page.getByTestId('search-next').click();
    await expect(app.nodeDetails).toHaveAttribute('data-node-id', String(onFeature2[1]));
    await expect(page.locator('.tree-node.is-match')).toHaveCount(onFeature2.length);
    await app.search('-0.36279');
    await expect(app.nodeDetails).toHaveAttribute('data-node-id', '2');
    // Node 7: `If (feature 1 <= -4.6145)` under `Else (feature 2 > 6.6779)`.
    await app.selectNode(7);
    await expect(app.nodeRule).toHaveText('feature 0 ≤ 0.23874 and feature 1 ≤ 7.2797 and feature 0 ≤ −0.36279 and feature 2 > 6.6779');
    await expect(app.nodeDetails).toContainText('line 11, column 7');
    await expect(app.nodeDetails).toContainText('missing values fail the comparison, so they go right');
    await expect(app.node(7)).toHaveClass(/is-selected/);
  });

  test('exports the current view as PNG and SVG', async ({ page }) => {
    const app = await openApp(page, corpusPath(BANKNOTE));
    await expect(app.treeNodes).toHaveCount(37);
    const png = await app.exportView('png');
    expect(png.suggestedFilename()).toBe('mllib_dt_banknote_depth5-tree0.png');
    const pngBytes = readFileSync(await png.path());
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngBytes.length).toBeGreaterThan(20_000);
    const svg = await app.exportView('svg');
    expect(svg.suggestedFilename()).toBe('mllib_dt_banknote_depth5-tree0.svg');
    const svgText = readFileSync(await svg.path(), 'utf8');
    expect(svgText).toContain('<svg');
    expect(svgText).toContain('0.23874');
    expect(svgText).toContain('>feature 0<');
    expect(svgText).not.toContain('foreignObject');
  });
});

test.describe('big trees', () => {
  test('the 13,641-node Spark tree opens collapsed, holds few nodes, reveals deep nodes, simplifies at low zoom', async ({ page }) => {
    const [tree] = sparkTrees(BIGGEST);
    expect(tree).toHaveLength(13641);
    const app = await openApp(page, corpusPath(BIGGEST));
    await expect(app.node(0)).toBeVisible();
    const held = await app.heldNodeCount();
    expect(held).toBeGreaterThan(6);
    expect(held).toBeLessThanOrEqual(1000);
    await expect(app.node(0)).toHaveText(`feature ${tree[0].feature} <= 0.5`);
    // The last node in pre-order is the deepest rightmost leaf: revealing it opens only its path.
    const last = tree.length - 1;
    await app.selectNode(last);
    await expect(app.node(last)).toBeVisible();
    expect(await app.heldNodeCount()).toBeLessThanOrEqual(1000);
    await expect(app.nodeDetails).toContainText(`Depth${tree[last].depth}`);
    const conditions = (await app.nodeRule.textContent())!.split(' and ');
    expect(conditions).toHaveLength(tree[last].depth);
    // Expanding past the limit is refused politely.
    await app.expandToDepth(30);
    await expect(page.getByTestId('view-notice')).toContainText('Depth 30 would draw 13,641 nodes');
    expect(await app.heldNodeCount()).toBeLessThanOrEqual(2000);
    // Zoomed far out, nodes draw as plain boxes.
    await page.getByTestId('reset-view').click();
    for (let step = 0; step < 12; step++) await page.locator('.react-flow__controls-zoomout').click();
    await expect(app.canvasFlow).toHaveClass(/detail-low/);
    await page.getByTestId('fit-view').click();
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
  });

  test('a deep scikit-learn tree with spaces in feature names', async ({ page }) => {
    const fixture = join(ROOT, 'fixtures', 'reference', 'skl_dtc_deep_digits', 'tree.txt');
    const churn = corpusPath('sklearn/churn_pt_feature_names_with_spaces.txt');
    const text = readFileSync(churn, 'utf8');
    const app = await openApp(page, churn);
    await expect(app.fact('format')).toHaveText('sklearn');
    const spaced = 'grupo_material hospitalar i';
    const splitLines = text.split('\n').filter((line) => line.includes(`--- ${spaced} <=`));
    await app.search(spaced);
    await expect(app.searchCount).toHaveText(`1 / ${splitLines.length}`);
    await expect(app.nodeDetails).toContainText(`${spaced} <= 0.5`);
    // Open the first match's left branch: its rule ends with that split's condition.
    const details = app.nodeDetails;
    await details.locator('dd', { hasText: `${spaced} ≤ 0.5` }).getByRole('button').click();
    await expect(app.nodeRule).toContainText(`and ${spaced} ≤ 0.5`);
    // The teammate's deep digits tree, when present: every drawn node is in the DOM or bounded.
    if (readFileSync(fixture, { flag: 'r' }).length > 0) {
      await app.openModelFile(fixture);
      await expect(app.modelTitle).toContainText('tree.txt');
      expect(await app.heldNodeCount()).toBeLessThanOrEqual(1000);
      await expect(app.node(0)).toContainText('feature_36');
    }
  });
});

test.describe('LightGBM', () => {
  test('a LightGBM multiclass model: classes, trees per class, gains and split statistics', async ({ page }) => {
    const modelPath = referencePath('lgb_multiclass_iris/model.txt');
    const text = readFileSync(modelPath, 'utf8');
    host = await startWebHost(modelPath);
    const app = new AppPage(page);
    await app.open(host.url);
    await expect(app.modelTitle).toContainText('model.txt');
    await expect(app.error).toHaveCount(0);
    await expect(app.fact('format')).toHaveText('lightgbm');
    await expect(app.fact('trees')).toHaveText(String(text.match(/^Tree=/gm)!.length));
    await expect(page.getByTestId('importance-by-gain')).toBeVisible();
    await page.getByTestId('tree-filter-output').selectOption('1');
    await expect(app.treeRows.first()).toHaveAttribute('data-tree-index', '1');
    await expect(app.node(0)).toContainText('gain');
  });
});

test.describe('categorical splits', () => {
  test('long category sets are shortened on the canvas and listed in full on hover and in the details', async ({ page }) => {
    const modelPath = corpusPath('lightgbm/lleaves_airline_binary_categorical_v3.txt');
    host = await startWebHost(modelPath);
    const app = new AppPage(page);
    await app.open(host.url);
    await expect(app.modelTitle).toContainText('lleaves_airline_binary_categorical_v3.txt');
    await expect(app.error).toHaveCount(0);
    // The 61-node tree opens whole and fitted, too far out for labels: go to a node with a long set
    // by searching for its #id, which zooms in on it.
    const shortened = app.treeNodes.filter({ hasText: /, … \+\d+\}/ }).first();
    await page.getByTestId('search-input').fill(`#${await shortened.getAttribute('data-node-id')}`);
    await page.getByTestId('search-input').press('Enter');
    await expect(shortened).toBeVisible();
    const shown = (await shortened.locator('.node-test').textContent())!;
    const hidden = Number(/\+(\d+)\}/.exec(shown)![1]);
    const title = (await shortened.getAttribute('title'))!;
    const listed = /\{([^}]*)\}/.exec(title)![1].split(', ');
    expect(listed.length).toBe(shown.split(', ').length - 1 + hidden);
    await app.selectNode(Number(await shortened.getAttribute('data-node-id')));
    await expect(app.nodeDetails).toContainText(`${listed.length} in the set`);
    await expect(page.locator('.react-flow__edge-text', { hasText: `in set (${listed.length})` }).first()).toBeVisible();
  });
});

test.describe('the canvas toolbar at the smallest supported window (1280 × 800)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  // A 1,000-tree model ("Tree 999 of 1000") and a 10-class model whose trees show their class chip.
  for (const model of [corpusPath('lightgbm/keiba_binary_nan_missing_v4.txt'), corpusPath('xgboost/digits_multiclass10.txt')]) {
    test(`stays one row: ${model.split('/').pop()}`, async ({ page }) => {
      const app = await openApp(page, model);
      const toolbar = page.getByTestId('canvas-toolbar');
      await expect(toolbar).toBeVisible();
      // A tree with a long number: the longest title the model has.
      await page.getByTestId('tree-filter').fill('999');
      await page.getByTestId('tree-row').first().click();
      await expect(app.treeTitle).toContainText('Tree 999');
      await page.getByTestId('search-input').fill('0.5');
      const rows = await toolbar.locator('.toolbar-group').evaluateAll((groups) => groups.map((group) => group.getBoundingClientRect()).map((box) => [box.top, box.bottom]));
      const tops = new Set(rows.map(([top]) => Math.round(top)));
      // Every group sits on one line, and the toolbar is as tall as its tallest group plus its padding.
      expect(rows.length).toBeGreaterThanOrEqual(4);
      const tallest = Math.max(...rows.map(([top, bottom]) => bottom - top));
      expect([...tops].every((top) => Math.abs(top - Math.min(...tops)) <= 6)).toBe(true);
      expect((await toolbar.boundingBox())!.height).toBeLessThan(tallest + 24);
      // No control is drawn over another: each starts after the one before it ends.
      const controls = await toolbar.locator('.toolbar-group > *').evaluateAll((items) =>
        items.filter((item) => (item as HTMLElement).offsetParent !== null).map((item) => ({ id: item.getAttribute('data-testid') ?? item.className, left: item.getBoundingClientRect().left, right: item.getBoundingClientRect().right })),
      );
      for (let index = 1; index < controls.length; index++) expect(controls[index].left, `${controls[index].id} after ${controls[index - 1].id}`).toBeGreaterThanOrEqual(controls[index - 1].right - 0.5);
    });
  }
});
