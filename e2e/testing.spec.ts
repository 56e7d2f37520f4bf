import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { AppPage } from './pages/AppPage';
import { TestingPage } from './pages/TestingPage';
import { corpusPath, referencePath, ROOT, startWebHost, type RunningHost } from './host';

/*
 * Issue 5 end to end on the reference models. The oracle is the built CLI (`splitscope predict
 * --raw --leaves`) and the libraries' own predictions in /work/shared/reference. A highlighted path
 * must be a chain of drawn edges from the root to a leaf whose library number is the CLI's leaf.
 */

let host: RunningHost | undefined;
let folder: string | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

const tempDir = () => (folder ??= mkdtempSync(join(tmpdir(), 'splitscope-testing-')));

function readCsv(path: string): string[][] {
  return Papa.parse<string[]>(readFileSync(path, 'utf8').trim()).data;
}

/**
 * Cells where an exported results table differs from the CLI's: leaves, classes and raw scores must
 * be equal, probabilities within 1e-15 (the browser's Math.exp may differ from Node's by an ulp in
 * the softmax). One list to assert: thousands of single expects take a minute.
 */
function differencesFromCli(table: string[][], cli: string[][]): string[] {
  const differences: string[] = [];
  if (table[0].join() !== cli[0].join()) differences.push(`header: ${table[0].join()} (CLI ${cli[0].join()})`);
  for (let row = 1; row < cli.length; row++) {
    cli[0].forEach((name, column) => {
      const isEqual = name.startsWith('prob') ? Math.abs(Number(table[row]?.[column]) - Number(cli[row][column])) <= 1e-15 : table[row]?.[column] === cli[row][column];
      if (!isEqual) differences.push(`row ${row} ${name}: ${table[row]?.[column]} (CLI ${cli[row][column]})`);
    });
  }
  return differences;
}

async function openApp(page: Page, modelPath: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<{ app: AppPage; testing: TestingPage }> {
  host = await startWebHost(modelPath, extraArgs, env);
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.error).toHaveCount(0);
  const testing = new TestingPage(page);
  await testing.open();
  return { app, testing };
}

/** `splitscope predict MODEL --csv FILE --raw --leaves [extra]` as parsed CSV rows (header first). */
function cliPredict(modelPath: string, csvPath: string, extra: string[] = []): string[][] {
  const output = execFileSync(process.execPath, [join(ROOT, 'dist', 'main', 'cli.mjs'), 'predict', modelPath, '--csv', csvPath, '--raw', '--leaves', ...extra], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return Papa.parse<string[]>(output.trim()).data;
}

/**
 * Checks the drawn highlight: the on-path nodes are joined by highlighted edges into one chain from
 * the root to the marked leaf, and that leaf (selected, its details read) is the library's `sourceId`.
 * Returns the chain's node ids.
 */
async function expectPathToLeaf(page: Page, app: AppPage, testing: TestingPage, sourceId: number): Promise<number[]> {
  const drawnChain = async () => {
    const ids = await testing.pathNodeIds();
    const leafId = Number(await testing.pathLeaf.getAttribute('data-node-id'));
    const edges = await page.locator('.react-flow__edge').evaluateAll((items) =>
      items.filter((item) => item.querySelector('.branch-edge.is-on-path')).map((item) => item.getAttribute('data-id') ?? item.getAttribute('data-testid')?.replace('rf__edge-', '') ?? ''),
    );
    const parentOf = new Map(edges.map((edge) => edge.split('-').map(Number)).map(([parent, child]) => [child, parent]));
    const chain = [leafId];
    while (parentOf.has(chain[0])) chain.unshift(parentOf.get(chain[0])!);
    return { ids, leafId, chain };
  };
  // Nodes and edges of the drawn tree may arrive in separate frames: wait until the chain is whole.
  await expect
    .poll(async () => {
      const { ids, chain } = await drawnChain();
      return chain[0] === 0 && JSON.stringify([...chain].sort((a, b) => a - b)) === JSON.stringify(ids);
    })
    .toBe(true);
  const { ids, leafId, chain } = await drawnChain();
  expect(chain[0]).toBe(0);
  expect([...chain].sort((a, b) => a - b)).toEqual(ids);
  await app.page.getByTestId('panel-tab-node').click();
  await app.selectNode(leafId);
  const text = await app.nodeDetails.innerText();
  const source = /source id (\d+)/.exec(text);
  expect(source ? Number(source[1]) : leafId).toBe(sourceId);
  await testing.open();
  return chain;
}

test('a typed vector highlights the path and predicts what `splitscope predict` does, in every tree', async ({ page }) => {
  const modelPath = referencePath('lgb_binary_nan/model.txt');
  const input = readCsv(referencePath('lgb_binary_nan/input_main.csv'));
  const header = input[0];
  const row = input[1]; // f00 is empty: a missing value decides the first branch of some trees
  const oneRow = join(tempDir(), 'one_row.csv');
  writeFileSync(oneRow, `${header.join(',')}\n${row.join(',')}\n`);
  const oracle = cliPredict(modelPath, oneRow);
  const expected = Object.fromEntries(oracle[0].map((name, index) => [name, oracle[1][index]]));
  const { app, testing } = await openApp(page, modelPath);
  for (let f = 0; f < header.length; f++) await testing.featureInput(header[f]).fill(row[f]);

  await expect(testing.predictionClass).toHaveText(expected.prediction);
  await expect(testing.prediction.locator('[data-testid="prediction-probability"][data-class="1"]')).toHaveAttribute('data-value', String(Number(expected.prob)));
  await expect(testing.predictionRaw).toHaveAttribute('data-values', String(Number(expected.raw)));
  const leaves = await testing.leaves();
  const leafColumns = oracle[0].filter((name) => name.startsWith('leaf_'));
  expect(leaves.map((leaf) => leaf.leaf)).toEqual(leafColumns.map((name) => Number(expected[name])));

  // The highlighted nodes of tree 0 are one chain to the CLI's leaf.
  await expect(testing.pathLeaf).toHaveCount(1);
  await expectPathToLeaf(page, app, testing, Number(expected.leaf_0));
  // f00 is missing in this row and tree 0's path tests it: that branch is marked as decided by the missing value.
  await expect(page.locator('.branch-label[data-decided-by="missing"]')).not.toHaveCount(0);

  // Another tree of the ensemble keeps the highlight, on its own path.
  await app.treeRow(7).click();
  await expect(app.treeTitle).toContainText('Tree 7');
  await expect(testing.pathLeaf).toHaveCount(1);
  const path = await expectPathToLeaf(page, app, testing, Number(expected.leaf_7));
  // The tree list shows each tree's leaf value.
  await expect(app.treeRow(7).locator('.tree-row-output')).not.toHaveText('');

  // Focus path hides every subtree off the path: only path nodes and their direct siblings stay drawn.
  await testing.focusPath.click();
  await expect.poll(() => app.heldNodeCount()).toBe(2 * path.length - 1);
});

test('dragging a slider across the root threshold moves the path to the other side', async ({ page }) => {
  const modelPath = referencePath('lgb_regression_diabetes/model.txt');
  const input = readCsv(referencePath('lgb_regression_diabetes/input_main.csv'));
  const { app, testing } = await openApp(page, modelPath);
  const featureName = (await app.node(0).locator('.node-feature').innerText()).trim();
  const rootChild = async () => (await testing.pathNodeIds()).filter((id) => id !== 0).sort((a, b) => a - b)[0];
  await testing.paste.fill(`${input[0].join(',')}\n${input[1].join(',')}`);
  await testing.paste.press('Enter');
  await expect(testing.predictionValue).toBeVisible();

  const slider = testing.slider(featureName);
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  // Slider minimum is below every threshold, maximum above: the root sends them to different children.
  await page.mouse.move(box.x + 1, y);
  await page.mouse.down();
  await expect.poll(() => testing.pathNodeIds().then((ids) => ids.length)).toBeGreaterThan(1);
  const atMinimum = await rootChild();
  const before = await testing.predictionValue.getAttribute('data-value');
  await page.mouse.move(box.x + box.width / 2, y, { steps: 5 });
  await page.mouse.move(box.x + box.width - 1, y, { steps: 5 });
  await page.mouse.up();
  // The root's child on the path is now the other one.
  await expect.poll(rootChild).not.toBe(atMinimum);
  expect(await testing.pathNodeIds()).not.toContain(atMinimum);
  expect(await testing.predictionValue.getAttribute('data-value')).not.toBe(before);
});

for (const isBig of [false, true]) {
  test(`a CSV from --csv${isBig ? ' too big to keep every row’s leaves' : ''}: rows, predictions, metrics, traffic and exported results`, async ({ page }) => {
    // Big: the page keeps only rows per leaf (its budget lowered to none); traffic comes from those
    // counts, and the export scores the rows again for its leaf columns. The workers also compile
    // the model to WebAssembly at once, as they do by themselves for thousands of rows, so every
    // check below holds the compiled model to the library and the CLI in a real browser. Small: the
    // interpreter is asked for, so the same checks hold it too (left to itself, a worker compiles a
    // model as it opens, and whether that happens before this CSV arrives is a matter of timing).
    await page.addInitScript((isBigRun) => {
      if (isBigRun) (globalThis as { splitscopeLeafNodesBudget?: number }).splitscopeLeafNodesBudget = 0;
      (globalThis as { splitscopeKernel?: string }).splitscopeKernel = isBigRun ? 'wasm' : 'interpreter';
    }, isBig);
    const modelPath = referencePath('lgb_multiclass_iris/model.txt');
    const input = readCsv(referencePath('lgb_multiclass_iris/input_main.csv'));
    const probabilities = readCsv(referencePath('lgb_multiclass_iris/expected_main_pred.csv')).slice(1).map((cells) => cells.map(Number));
    const labels = readCsv(join(ROOT, 'app/analysis/fixtures/labels_iris.csv')).slice(1).map((cells) => Number(cells[0]));
    const csvPath = join(tempDir(), 'iris_labelled.csv');
    writeFileSync(csvPath, input.map((cells, index) => [...cells, index === 0 ? 'label' : String(labels[index - 1])].join(',')).join('\n') + '\n');
    const rows = input.length - 1;

    const { app, testing } = await openApp(page, modelPath, ['--csv', csvPath]);
    await testing.waitScored();
    await expect(testing.csvSummary).toHaveAttribute('data-rows', String(rows));
    await expect(page.getByTestId('csv-unused')).toContainText('label');
    if (isBig) await expect(testing.csvSummary).toContainText('compiled to WebAssembly');
    else await expect(testing.csvSummary).not.toContainText('WebAssembly');

    // Predictions of a few rows are the library's argmax.
    const argmax = (values: number[]) => values.indexOf(Math.max(...values));
    for (const index of [0, 3]) await expect(testing.csvRow(index).getByTestId('csv-prediction')).toHaveText(String(argmax(probabilities[index])));
    await testing.csvRow(3).click();
    await expect(testing.predictionClass).toHaveText(String(argmax(probabilities[3])));

    // Metrics, computed here from the library's probabilities and the true labels.
    await expect(testing.labelColumn).toHaveValue('label');
    const correct = labels.filter((label, index) => argmax(probabilities[index]) === label).length;
    const logLoss = -labels.reduce((sum, label, index) => sum + Math.log(Math.min(1 - 1e-15, Math.max(1e-15, probabilities[index][label]))), 0) / rows;
    expect(Number(await testing.metric('accuracy').getAttribute('data-value'))).toBe(correct / rows);
    expect(Number(await testing.metric('logloss').getAttribute('data-value'))).toBeCloseTo(logLoss, 9);
    await expect(testing.metric('rows')).toHaveText(String(rows));

    // Root traffic is every row.
    await expect(app.node(0)).toHaveAttribute('data-traffic', String(rows));

    // Export: the same table `splitscope predict --raw --leaves` writes for the file.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-results').click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    const cli = cliPredict(modelPath, csvPath, ['--ignore-columns', 'label']);
    const table = Papa.parse<string[]>(exported.trim()).data;
    expect(table[0]).toEqual(cli[0]);
    expect(table.length).toBe(cli.length);
    expect(differencesFromCli(table, cli)).toEqual([]);
  });
}

test('a categorical model (LightGBM bitsets) compiled in the page scores a CSV as LightGBM did and as the CLI\'s interpreter does', async ({ page }) => {
  // The workers compile the model to WebAssembly (categorical sets as bitsets) at once; the CLI is
  // asked for its interpreter, so the two paths are independent, and LightGBM's own raw scores
  // (corpus SOURCES.md) hold both.
  await page.addInitScript(() => void ((globalThis as { splitscopeKernel?: string }).splitscopeKernel = 'wasm'));
  const modelPath = corpusPath('lightgbm/leaves_kddcup99_multiclass13_categorical_v2.txt');
  const rows = readFileSync(corpusPath('lightgbm/leaves_kddcup99_multiclass13_categorical_v2.test.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split('\t'));
  const csvPath = join(tempDir(), 'kddcup99.csv');
  writeFileSync(csvPath, [rows[0].map((_, index) => `Column_${index}`), ...rows].map((cells) => cells.join(',')).join('\n') + '\n');

  const { testing } = await openApp(page, modelPath, ['--csv', csvPath]);
  await testing.waitScored();
  await expect(testing.csvSummary).toHaveAttribute('data-rows', String(rows.length));
  await expect(testing.csvSummary).toContainText('compiled to WebAssembly');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-results').click();
  const table = Papa.parse<string[]>(readFileSync(await (await download).path(), 'utf8').trim()).data;
  const cli = cliPredict(modelPath, csvPath, ['--engine', 'interpreter']);
  expect(table.length).toBe(rows.length + 1);
  expect(differencesFromCli(table, cli)).toEqual([]);
  const expected = readFileSync(corpusPath('lightgbm/leaves_kddcup99_multiclass13_categorical_v2.true_raw_predictions.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const rawColumns = table[0].flatMap((name, column) => (name.startsWith('raw_') ? [column] : []));
  expect(rawColumns.length).toBe(13);
  const off: string[] = [];
  for (let row = 0; row < rows.length; row++) {
    rawColumns.forEach((column, k) => {
      const value = Number(table[row + 1][column]);
      if (!(Math.abs(value - expected[row][k]) <= 1e-12 * Math.max(1, Math.abs(expected[row][k])))) off.push(`row ${row} raw_${k}: ${value}, LightGBM ${expected[row][k]}`);
    });
  }
  expect(off.slice(0, 10)).toEqual([]);
});

test('a dropped CSV is read in the page by workers side by side, joined in file order, and scores as the CLI does', async ({ page }) => {
  // Parts of about 256 kB (`splitscopeCsvPartBytes`): the 1.4 MB file is read by four workers, whatever
  // the machine's cores, and joined here. Blank lines fall in every part, so each part's file rows
  // follow from the lines before it; the id column turns to text in the last part only, so the parts
  // before it read it as numbers and the ones after it must keep `0042`-style cells as written.
  await page.addInitScript(() => void ((globalThis as { splitscopeCsvPartBytes?: number }).splitscopeCsvPartBytes = 256 * 1024));
  const modelPath = referencePath('lgb_multiclass_iris/model.txt');
  const input = readCsv(referencePath('lgb_multiclass_iris/input_main.csv'));
  const lines = [[...input[0], 'id'].join(',')];
  let blanks = 0;
  for (let copy = 0; copy < 400; copy++) {
    input.slice(1).forEach((cells, index) => lines.push([...cells, String(copy * 1000 + index).padStart(6, '0')].join(',')));
    if (copy % 37 === 5) {
      lines.push('');
      blanks++;
    }
  }
  const rows = lines.length - 1 - blanks;
  lines[lines.length - 3] = lines[lines.length - 3].replace(/,[^,]*$/, ',id-x');
  // A bad cell in the third part, listed by its file row (line) as one read of the file numbers it.
  const badLine = 41_234;
  lines[badLine - 1] = lines[badLine - 1].replace(/^([^,]*),[^,]*/, '$1,abc');
  const csvPath = join(tempDir(), 'dropped.csv');
  writeFileSync(csvPath, lines.join('\n') + '\n');

  const { testing } = await openApp(page, modelPath);
  await testing.csvInput.setInputFiles(csvPath);
  await testing.waitScored();
  await expect(testing.csvSummary).toHaveAttribute('data-read-parts', '4');
  await expect(testing.csvSummary).toHaveAttribute('data-rows', String(rows));
  await expect(testing.csvSummary).toContainText(`${blanks} blank lines skipped; read in the page by 4 workers`);
  await expect(page.getByTestId('csv-unused')).toContainText('id');
  await expect(page.locator(`[data-testid="csv-problem"][data-row="${badLine}"][data-column="${input[0][1]}"][data-kind="not-a-number"]`)).toContainText('"abc" is not a number');

  // The same table `splitscope predict --raw --leaves` writes for the file, row for row.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-results').click();
  const exported = Papa.parse<string[]>(readFileSync(await (await download).path(), 'utf8').trim()).data;
  const cli = cliPredict(modelPath, csvPath, ['--ignore-columns', 'id', '--bad-values', 'missing']);
  expect(exported.length).toBe(rows + 1);
  expect(differencesFromCli(exported, cli)).toEqual([]);
});

test('regression metrics against the true targets', async ({ page }) => {
  const modelPath = referencePath('lgb_regression_diabetes/model.txt');
  const input = readCsv(referencePath('lgb_regression_diabetes/input_main.csv'));
  const predictions = readCsv(referencePath('lgb_regression_diabetes/expected_main_pred.csv')).slice(1).map((cells) => Number(cells[0]));
  const labels = readCsv(join(ROOT, 'app/analysis/fixtures/labels_diabetes.csv')).slice(1).map((cells) => Number(cells[0]));
  const csvPath = join(tempDir(), 'diabetes_labelled.csv');
  writeFileSync(csvPath, input.map((cells, index) => [...cells, index === 0 ? 'target' : String(labels[index - 1])].join(',')).join('\n') + '\n');
  const { testing } = await openApp(page, modelPath);
  await testing.csvInput.setInputFiles(csvPath);
  await testing.waitScored();
  await expect(testing.labelColumn).toHaveValue('target');
  const rows = labels.length;
  const rmse = Math.sqrt(labels.reduce((sum, label, index) => sum + (predictions[index] - label) ** 2, 0) / rows);
  const mae = labels.reduce((sum, label, index) => sum + Math.abs(predictions[index] - label), 0) / rows;
  expect(Number(await testing.metric('rmse').getAttribute('data-value'))).toBeCloseTo(rmse, 8);
  expect(Number(await testing.metric('mae').getAttribute('data-value'))).toBeCloseTo(mae, 8);
});

test('bad cells and ragged rows are reported by row and column, and every row is kept', async ({ page }) => {
  const modelPath = referencePath('lgb_multiclass_iris/model.txt');
  const input = readCsv(referencePath('lgb_multiclass_iris/input_main.csv'));
  const lines = input.slice(0, 8).map((cells) => cells.join(','));
  const column = input[0][2];
  lines[3] = lines[3].split(',').map((cell, index) => (index === 2 ? 'abc' : cell)).join(','); // file row 4
  lines[5] = lines[5].split(',').slice(0, 2).join(','); // file row 6, two cells
  const csvPath = join(tempDir(), 'bad.csv');
  writeFileSync(csvPath, lines.join('\n') + '\n');
  const { testing } = await openApp(page, modelPath);
  await testing.csvInput.setInputFiles(csvPath);
  await testing.waitScored();
  await expect(testing.csvSummary).toHaveAttribute('data-rows', '7');
  await expect(page.locator(`[data-testid="csv-problem"][data-row="4"][data-column="${column}"][data-kind="not-a-number"]`)).toContainText('"abc" is not a number');
  await expect(page.locator('[data-testid="csv-problem"][data-row="6"][data-kind="ragged"]')).toContainText('2 cells');
  await expect(page.getByTestId('csv-problem-rows')).toHaveAttribute('data-count', '2');
  await expect(testing.csvRows).toHaveCount(7);
});

test('reading a CSV shows progress and can be cancelled', async ({ page }) => {
  const modelPath = referencePath('lgb_multiclass_iris/model.txt');
  const input = readCsv(referencePath('lgb_multiclass_iris/input_main.csv'));
  const body = input.slice(1).map((cells) => cells.join(',')).join('\n') + '\n';
  const csvPath = join(tempDir(), 'big.csv');
  writeFileSync(csvPath, input[0].join(',') + '\n' + body.repeat(200)); // 30,000 rows
  // The host holds the first read of big.csv until it is cancelled (SPLITSCOPE_TEST_HOLD): no race with the reading.
  const { app, testing } = await openApp(page, modelPath, ['--csv', csvPath], { SPLITSCOPE_TEST_HOLD: 'big.csv' });
  const progress = page.locator('[data-testid="progress"][data-task="load-csv"]', { hasText: 'big.csv' });
  await expect(progress).toHaveAttribute('data-state', 'running');
  const outcome = await app.watchJobOutcome('big.csv');
  await progress.getByTestId('cancel-job').click();
  expect(await outcome()).toBe('cancelled');
  await expect(progress).toHaveCount(0);
  await expect(testing.csvSummary).toHaveCount(0);
  await expect(testing.csvError).toHaveCount(0);
});

test('reading a dropped CSV in the page shows progress and can be cancelled; the CSV shown before stays', async ({ page }) => {
  const modelPath = referencePath('lgb_multiclass_iris/model.txt');
  const input = readCsv(referencePath('lgb_multiclass_iris/input_main.csv'));
  const body = input.slice(1).map((cells) => cells.join(',')).join('\n') + '\n';
  const smallPath = join(tempDir(), 'small.csv');
  writeFileSync(smallPath, input[0].join(',') + '\n' + body);
  const heldPath = join(tempDir(), 'held.csv');
  writeFileSync(heldPath, input[0].join(',') + '\n' + body.repeat(500)); // 75,000 rows, 1.2 MB: read by workers
  // The page holds the first read of held.csv before its workers start, until it is cancelled
  // (`splitscopeTestHold`, see renderer/src/testing/scoreClient.ts): no race with the reading.
  await page.addInitScript(() => void ((globalThis as { splitscopeTestHold?: string[] }).splitscopeTestHold = ['reading held.csv']));
  const { app, testing } = await openApp(page, modelPath);
  await testing.csvInput.setInputFiles(smallPath);
  await testing.waitScored();
  await expect(testing.csvSummary).toHaveAttribute('data-rows', String(input.length - 1));

  await testing.csvInput.setInputFiles(heldPath);
  const reading = page.locator('[data-testid="progress"][data-task="load-csv"]', { hasText: 'Reading held.csv' });
  await expect(reading).toHaveAttribute('data-state', 'running');
  const outcome = await app.watchJobOutcome('Reading held.csv');
  await reading.getByTestId('cancel-job').click();
  expect(await outcome()).toBe('cancelled');
  await expect(testing.csvSummary).toContainText('small.csv');
  await expect(testing.csvSummary).toHaveAttribute('data-rows', String(input.length - 1));
  await expect(testing.csvError).toHaveCount(0);

  // Dropped again, it is read (the hold was for the first read only).
  await testing.csvInput.setInputFiles(heldPath);
  await expect(testing.csvSummary).toContainText('held.csv');
  await testing.waitScored();
  await expect(testing.csvSummary).toHaveAttribute('data-rows', String((input.length - 1) * 500));
});

test('a dropped CSV with quotes is read by the host’s papaparse reader, with the same rows', async ({ page }) => {
  const modelPath = referencePath('lgb_multiclass_iris/model.txt');
  const input = readCsv(referencePath('lgb_multiclass_iris/input_main.csv'));
  const quoted = [[...input[0], 'note'].map((cell) => `"${cell}"`).join(','), ...input.slice(1).map((cells, index) => [...cells, `"row ${index}, ""quoted"""`].join(','))];
  const csvPath = join(tempDir(), 'quoted.csv');
  writeFileSync(csvPath, quoted.join('\n') + '\n');
  const { testing } = await openApp(page, modelPath);
  await testing.csvInput.setInputFiles(csvPath);
  await testing.waitScored();
  await expect(testing.csvSummary).toHaveAttribute('data-rows', String(input.length - 1));
  await expect(testing.csvSummary).not.toHaveAttribute('data-read-parts');
  await expect(testing.csvSummary).not.toContainText('in the page');
  await expect(page.getByTestId('csv-unused')).toContainText('note');
  const probabilities = readCsv(referencePath('lgb_multiclass_iris/expected_main_pred.csv')).slice(1).map((cells) => cells.map(Number));
  const argmax = (values: number[]) => values.indexOf(Math.max(...values));
  for (const index of [0, 7]) await expect(testing.csvRow(index).getByTestId('csv-prediction')).toHaveText(String(argmax(probabilities[index])));
});

test('scoring a CSV in the page shows progress and can be cancelled', async ({ page }) => {
  const modelPath = referencePath('lgb_multiclass_iris/model.txt');
  const input = readCsv(referencePath('lgb_multiclass_iris/input_main.csv'));
  const body = input.slice(1).map((cells) => cells.join(',')).join('\n') + '\n';
  const csvPath = join(tempDir(), 'scored.csv');
  writeFileSync(csvPath, input[0].join(',') + '\n' + body.repeat(100)); // 15,000 rows: more than one scoring block
  // The page holds the first scoring of scored.csv after its first block until it is cancelled
  // (`splitscopeTestHold`, see renderer/src/testing/scoreClient.ts): no race with the scoring.
  await page.addInitScript(() => void ((globalThis as { splitscopeTestHold?: string[] }).splitscopeTestHold = ['scored.csv']));
  const { app, testing } = await openApp(page, modelPath, ['--csv', csvPath]);
  const scoring = page.locator('[data-testid="progress"][data-task="load-csv"]', { hasText: 'Scoring 15,000 rows' });
  await expect(scoring).toHaveAttribute('data-state', 'running');
  const outcome = await app.watchJobOutcome('Scoring 15,000 rows');
  await scoring.getByTestId('cancel-job').click();
  expect(await outcome()).toBe('cancelled');
  await expect(testing.csvError).toContainText('Scoring of scored.csv was cancelled');
});

test('what flips it: the smallest single-feature change is found and one click applies it', async ({ page }) => {
  const modelPath = referencePath('lgb_multiclass_iris/model.txt');
  const input = readCsv(referencePath('lgb_multiclass_iris/input_main.csv'));
  const { testing } = await openApp(page, modelPath);
  await testing.paste.fill(`${input[0].join(',')}\n${input[1].join(',')}`);
  await testing.paste.press('Enter');
  const before = await testing.predictionClass.innerText();
  await testing.findFlip.click();
  const best = testing.flips.first();
  await expect(best).toBeVisible();
  const feature = (await best.getAttribute('data-feature'))!;
  const to = (await best.getAttribute('data-to'))!;
  await best.getByTestId('apply-flip').click();
  await expect(testing.predictionClass).not.toHaveText(before);
  await expect(testing.featureInput(feature)).toHaveValue(String(Number(to)));
  // The CLI agrees on the flipped row.
  const flipped = input[1].map((cell, index) => (input[0][index] === feature ? to : cell));
  const oneRow = join(tempDir(), 'flipped.csv');
  writeFileSync(oneRow, `${input[0].join(',')}\n${flipped.join(',')}\n`);
  await expect(testing.predictionClass).toHaveText(cliPredict(modelPath, oneRow)[1][0]);
});

test('a line without a header for a model that does not say its column order asks for the header, then predicts as scikit-learn does', async ({ page }) => {
  // skl_dtr_diabetes: export_text of a regression tree naming its 10 features, first used in the order
  // s5, bmi, s3, age…; the held-out row 0 read in that order would show 99.57 instead of 292.2.
  const folder = join(ROOT, 'fixtures', 'reference', 'skl_dtr_diabetes');
  const [header, ...rows] = readCsv(join(folder, 'input_main.csv'));
  const [, ...expected] = readCsv(join(folder, 'expected_main_pred.csv'));
  const { testing } = await openApp(page, join(folder, 'tree.txt'));

  await testing.pasteLine(rows[0].join(','));
  await expect(testing.columnOrderPrompt).toBeVisible();
  await expect(testing.columnOrderPrompt).toContainText('tree.txt does not say in which order its 10 features come as columns');
  await expect(testing.predictionValue).toHaveCount(0);
  await expect(testing.featureInput('age')).toHaveValue('');

  await testing.columnOrderInput.fill(header.join(','));
  await testing.columnOrderApply.click();
  await expect(testing.columnOrderPrompt).toHaveCount(0);
  await expect(testing.predictionValue).toHaveAttribute('data-value', String(Number(expected[0][0])));
  await expect(testing.featureInput('age')).toHaveValue(String(Number(rows[0][0])));
  await expect(testing.columnOrderNote).toContainText('10 columns');

  // The next line without a header is read in the order given once.
  await testing.pasteLine(rows[1].join(','));
  await expect(testing.columnOrderPrompt).toHaveCount(0);
  await expect(testing.predictionValue).toHaveAttribute('data-value', String(Number(expected[1][0])));
});

test('the contributions chart names every bar with its feature, and bars grow with |contribution| on their side of zero', async ({ page }) => {
  const modelPath = referencePath('lgb_binary_nan/model.txt');
  // The names as the model file writes them: the oracle for the labels.
  const names = /^feature_names=(.*)$/m.exec(readFileSync(modelPath, 'utf8'))![1].trim().split(' ');
  const input = readCsv(referencePath('lgb_binary_nan/input_main.csv'));
  const { testing } = await openApp(page, modelPath);
  await testing.paste.fill(`${input[0].join(',')}\n${input[1].join(',')}`);
  await testing.paste.press('Enter');
  const bars = page.getByTestId('contribution-bar');
  await expect(bars.first()).toBeVisible();
  const shown = await bars.evaluateAll((rows) =>
    rows.map((row) => {
      const label = row.querySelector('.contribution-name') as HTMLElement;
      const fill = row.querySelector('.contribution-fill') as HTMLElement;
      return {
        feature: row.getAttribute('data-feature')!,
        value: Number(row.getAttribute('data-value')),
        label: label.textContent,
        labelFits: label.scrollWidth <= label.clientWidth && label.getBoundingClientRect().width > 0,
        isUp: fill.classList.contains('up'),
        width: fill.getBoundingClientRect().width,
      };
    }),
  );
  expect(shown.length).toBeGreaterThan(1);
  expect(shown.length).toBeLessThanOrEqual(15);
  for (const bar of shown) {
    expect(names).toContain(bar.label);
    expect(bar.label).toBe(bar.feature);
    expect(bar.labelFits, bar.feature).toBe(true);
    expect(bar.isUp).toBe(bar.value >= 0);
  }
  // Largest |contribution| first, and the drawn widths keep that order.
  for (let i = 1; i < shown.length; i++) {
    expect(Math.abs(shown[i].value)).toBeLessThanOrEqual(Math.abs(shown[i - 1].value));
    expect(shown[i].width).toBeLessThanOrEqual(shown[i - 1].width + 0.5);
  }
  // The list beside the chart holds the same features.
  await expect(page.getByTestId('contributions').locator('li')).toHaveCount(shown.length);
});

/** Whether `inner` lies inside `outer` (both page boxes), to a pixel. */
function isInside(inner: { x: number; y: number; width: number; height: number }, outer: { x: number; y: number; width: number; height: number }): boolean {
  return inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
}

test('a small tree opens whole and fitted to the view', async ({ page }) => {
  const modelPath = referencePath('lgb_binary_nan/model.txt');
  // Tree 0's size as the file says: 2 × num_leaves − 1 nodes.
  const leaves = Number(/^Tree=0\nnum_leaves=(\d+)$/m.exec(readFileSync(modelPath, 'utf8'))![1]);
  const { app } = await openApp(page, modelPath);
  await expect(app.treeNodes).toHaveCount(2 * leaves - 1);
  // Where React Flow puts every node on screen (its viewport transform applied to each node's
  // position and size), also when far out the nodes are painted by the overview layer instead.
  const allInside = () =>
    page.getByTestId('canvas-flow').evaluate((canvas) => {
      const viewport = canvas.querySelector('.react-flow__viewport') as HTMLElement;
      const matrix = new DOMMatrix(getComputedStyle(viewport).transform);
      const { width, height } = canvas.getBoundingClientRect();
      return Array.from(canvas.querySelectorAll<HTMLElement>('.react-flow__node')).every((node) => {
        const position = new DOMMatrix(getComputedStyle(node).transform);
        const left = matrix.e + position.e * matrix.a;
        const top = matrix.f + position.f * matrix.d;
        // Declared sizes (React Flow writes them as styles); the box when drawn.
        const right = left + (parseFloat(node.style.width) || node.offsetWidth) * matrix.a;
        const bottom = top + (parseFloat(node.style.height) || node.offsetHeight) * matrix.d;
        return left >= -1 && top >= -1 && right <= width + 1 && bottom <= height + 1 && node.style.visibility !== 'hidden';
      });
    });
  await expect.poll(allInside).toBe(true);
});

test('when the vector changes, the reached leaf of a deep tree is brought on screen', async ({ page }) => {
  // The 13,641-node, depth-30 Spark tree opens on its top levels; a row of zeros ends deep in it.
  const modelPath = join(ROOT, '..', 'shared', 'corpus', 'spark', 'ml_dt_classifier_spark3x_depth30_13641nodes.txt');
  const features = Number(/numFeatures=(\d+)/.exec(readFileSync(modelPath, 'utf8'))![1]);
  const { testing } = await openApp(page, modelPath);
  await testing.pasteLine(new Array(features).fill('0').join(','));
  await expect(testing.pathLeaf).toHaveCount(1);
  const canvas = (await page.getByTestId('canvas-flow').boundingBox())!;
  await expect.poll(async () => isInside((await testing.pathLeaf.boundingBox())!, canvas), { timeout: 10_000 }).toBe(true);
});
