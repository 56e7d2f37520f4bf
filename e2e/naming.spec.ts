import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { DesktopPage } from './pages/DesktopPage';
import { TestingPage } from './pages/TestingPage';
import { corpusPath, referencePath, ROOT, startWebHost, WINE_SAMPLE, type RunningHost } from './host';

// Issue 15: a model whose file does not name its features is named by the user, from a names file,
// a CSV header or an XGBoost feature map, and the names are used everywhere and kept with the file.

let host: RunningHost | undefined;
const scratch: string[] = [];
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** `splitscope predict MODEL --csv FILE` (the built CLI) as CSV rows, header first. */
function cliPredict(modelPath: string, csvPath: string): string[][] {
  const output = execFileSync(process.execPath, [join(ROOT, 'dist', 'main', 'cli.mjs'), 'predict', modelPath, '--csv', csvPath, '--ignore-unknown-columns'], { encoding: 'utf8' });
  return output.trim().split('\n').map((line) => line.split(','));
}

test.describe('naming features a file does not name', () => {
  const ECG = corpusPath('sklearn/ecg_default_feature_names_5class.txt');
  const FEATURES = 135; // export_text names them feature_0 … feature_134 (the highest index it uses)
  const NAMES = Array.from({ length: FEATURES }, (_, index) => `ecg_${String(index).padStart(3, '0')}`);

  test('from a names file and a CSV header, with errors by line; then used by the vector, CSV matching and the export', async ({ page }) => {
    const folder = mkdtempSync(join(tmpdir(), 'splitscope-names-'));
    scratch.push(folder);
    const write = (name: string, text: string) => {
      writeFileSync(join(folder, name), text);
      return join(folder, name);
    };
    host = await startWebHost(ECG);
    const app = new AppPage(page);
    const testing = new TestingPage(page);
    await app.open(host.url);
    const naming = page.getByTestId('feature-naming');
    const input = page.getByTestId('feature-names-input');
    const error = page.getByTestId('feature-names-error');

    // Problems name the file and the line.
    await input.setInputFiles(write('short.txt', NAMES.slice(0, -1).join('\n') + '\n'));
    await expect(error).toHaveAttribute('data-error-code', 'E_NAMES_COUNT');
    await expect(error).toHaveText(`short.txt: line ${FEATURES - 1}: ${FEATURES - 1} names (one per line), but the model has ${FEATURES} features: 1 name missing after this line`);
    await input.setInputFiles(write('twice.txt', [...NAMES.slice(0, 9), NAMES[2], ...NAMES.slice(10)].join('\n')));
    await expect(error).toHaveAttribute('data-error-code', 'E_NAMES_DUPLICATE');
    await expect(error).toContainText(`twice.txt: line 10: "${NAMES[2]}" is also the name on line 3`);
    await input.setInputFiles(write('gap.txt', [...NAMES.slice(0, 4), '', ...NAMES.slice(4)].join('\n')));
    await expect(error).toHaveAttribute('data-error-code', 'E_NAMES_BLANK');
    await expect(error).toContainText('gap.txt: line 5: blank line');
    await input.setInputFiles(write('wide.csv', [...NAMES, 'extra', 'label'].join(',') + '\n'));
    await expect(error).toHaveAttribute('data-error-code', 'E_NAMES_COUNT');
    await expect(error).toContainText('wide.csv: line 1: the header has 137 columns (136 once the label column "label" is left out)');
    await expect(app.fact('features')).toHaveText(String(FEATURES)); // nothing renamed

    // A CSV header (with its label column) names them.
    await input.setInputFiles(write('ecg_header.csv', [...NAMES, 'label'].join(',') + '\n'));
    await expect(page.getByTestId('feature-names-status')).toHaveText(`Named ${FEATURES} features from ecg_header.csv (label column label left out).`);
    await expect(page.getByTestId('feature-names-given')).toHaveAttribute('data-count', String(FEATURES));
    await expect(naming.getByTestId('name-features')).toHaveText('Rename features…');

    // The vector editor lists them.
    await testing.open();
    await expect(testing.featureInput(NAMES[87])).toBeVisible();
    await expect(testing.featureInput('feature_87')).toHaveCount(0);

    // CSV columns match by the new names, in any order: shuffled columns score as the CLI scores the
    // same rows in the file's own order under its own names.
    let state = 3;
    const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const rows = Array.from({ length: 25 }, () => NAMES.map(() => (random() * 1.2 - 0.1).toFixed(3)));
    const plainCsv = write('plain.csv', [NAMES.map((_, index) => `feature_${index}`).join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n');
    const order = NAMES.map((_, index) => index).reverse();
    const shuffledCsv = write('shuffled.csv', [[...order.map((index) => NAMES[index]), 'id'].join(','), ...rows.map((row, at) => [...order.map((index) => row[index]), String(at)].join(','))].join('\n') + '\n');
    const expected = cliPredict(ECG, plainCsv);
    const column = expected[0].indexOf('prediction');
    await testing.csvInput.setInputFiles(shuffledCsv);
    await testing.waitScored();
    await expect(page.getByTestId('csv-unused')).toContainText('id');
    for (const index of [0, 3, 7, 11]) await expect(testing.csvRow(index).getByTestId('csv-prediction')).toHaveText(expected[index + 1][column]);

    // The export ships them: its golden rows are keyed by the names.
    const target = join(folder, 'ecg-docker');
    await page.getByTestId('open-export').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-target-docker').check({ force: true });
    await dialog.getByTestId('export-folder-input').fill(target);
    await dialog.getByTestId('export-run').click();
    await expect(dialog.getByTestId('export-result')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
    const golden = JSON.parse(readFileSync(join(target, 'golden.json'), 'utf8')) as { featureNames: string[] };
    expect(golden.featureNames).toEqual(NAMES);
  });

  test('an XGBoost dump without names, named from its feature map: pasted lines read by position, contributions named', async ({ page }) => {
    const model = referencePath('xgb_binary_missing/model.dump.txt');
    const names = Array.from({ length: 20 }, (_, index) => `sensor_${index}`);
    const folder = mkdtempSync(join(tmpdir(), 'splitscope-names-'));
    scratch.push(folder);
    writeFileSync(join(folder, 'featmap.txt'), names.map((name, index) => `${index}\t${name}\tq`).join('\n') + '\n');
    host = await startWebHost(model);
    const app = new AppPage(page);
    const testing = new TestingPage(page);
    await app.open(host.url);
    await page.getByTestId('feature-names-input').setInputFiles(join(folder, 'featmap.txt'));
    await expect(page.getByTestId('feature-names-given')).toHaveAttribute('data-count', '20');
    await testing.open();
    const row = readFileSync(referencePath('xgb_binary_missing/input_main.csv'), 'utf8').split('\n')[1];
    await testing.pasteLine(row);
    await expect(testing.columnOrderPrompt).toHaveCount(0);
    await expect(testing.featureInput('sensor_1')).toHaveValue(String(Number(row.split(',')[1])));
    await expect(page.getByTestId('contribution-bar').first()).toBeVisible();
    const bars = await page.getByTestId('contribution-bar').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.feature!));
    expect(bars.length).toBeGreaterThan(2);
    for (const name of bars) expect(names).toContain(name);
  });

  test('the names stay with the recent file: reopened after a reload, the model is named', async ({ page }) => {
    host = await startWebHost(WINE_SAMPLE);
    const app = new AppPage(page);
    const desktop = new DesktopPage(page);
    await app.open(host.url);
    await app.openModelFile(ECG);
    await expect(app.modelTitle).toContainText('ecg_default_feature_names_5class.txt');
    await page.waitForFunction(() => (localStorage.getItem('splitscope.recent.v1') ?? '').includes('ecg_default_feature_names_5class.txt'));
    const folder = mkdtempSync(join(tmpdir(), 'splitscope-names-'));
    scratch.push(folder);
    // An XGBoost feature map this time.
    writeFileSync(join(folder, 'ecg.fmap'), NAMES.map((name, index) => `${index}\t${name}\tq`).join('\n') + '\n');
    await page.getByTestId('feature-names-input').setInputFiles(join(folder, 'ecg.fmap'));
    await expect(page.getByTestId('feature-names-given')).toHaveAttribute('data-count', String(FEATURES));

    await page.reload();
    await expect(page.locator('body[data-ready="true"]')).toHaveCount(1);
    await expect(app.modelTitle).toContainText('wine_decision_tree.txt');
    await desktop.openPalette();
    await desktop.paletteInput.fill('open recent');
    await desktop.paletteInput.press('Enter');
    await desktop.paletteItems.filter({ hasText: 'ecg_default_feature_names_5class.txt' }).first().click();
    await expect(app.modelTitle).toContainText('ecg_default_feature_names_5class.txt');
    await expect(page.getByTestId('feature-names-given')).toHaveAttribute('data-count', String(FEATURES));
    await new TestingPage(page).open();
    await expect(new TestingPage(page).featureInput(NAMES[87])).toBeVisible();

    // Forgotten, they stay forgotten.
    await page.getByTestId('forget-feature-names').click();
    await expect(page.getByTestId('feature-names-given')).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('splitscope.recent.v1') ?? '[]')[0]?.featureNames ?? null)).toBeNull();
  });
});
