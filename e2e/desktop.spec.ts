import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppPage } from './pages/AppPage';
import { DesktopPage } from './pages/DesktopPage';
import { corpusPath, ROOT, startWebHost, WINE_SAMPLE, type RunningHost } from './host';

/** Issue 7 in browser mode: drag and drop, recent files, theme, command palette, shortcuts. */

const BANKNOTE = corpusPath('spark/mllib_dt_banknote_depth5.txt');

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function openApp(page: import('@playwright/test').Page) {
  host = await startWebHost(WINE_SAMPLE);
  const app = new AppPage(page);
  await app.open(host.url);
  await expect(app.modelTitle).toContainText('wine_decision_tree.txt');
  return { app, desktop: new DesktopPage(page) };
}

test('dropping a model file on the window opens it', async ({ page }) => {
  const { app, desktop } = await openApp(page);
  await desktop.dropFile(basename(BANKNOTE), readFileSync(BANKNOTE, 'utf8'), app.canvasFlow);
  await expect(app.modelTitle).toContainText('mllib_dt_banknote_depth5.txt');
  await expect(app.treeNodes).toHaveCount(37);
  await expect(app.node(0)).toHaveText('feature 0 <= 0.23874');
  await expect(app.error).toHaveCount(0);
});

test('dropping a CSV scores it against the open model, which stays', async ({ page }) => {
  const { app, desktop } = await openApp(page);
  const csv = readFileSync(join(ROOT, 'assets', 'samples', 'wine_decision_tree.csv'), 'utf8');
  const dataRows = csv.trim().split('\n').length - 1;
  await desktop.dropFile('wine_decision_tree.csv', csv, app.canvasFlow);
  await expect(page.getByTestId('csv-summary')).toHaveAttribute('data-rows', String(dataRows));
  await expect(page.getByTestId('csv-error')).toHaveCount(0);
  await expect(app.modelTitle).toContainText('wine_decision_tree.txt');
});

test('dropping a broken model shows its error and keeps the model on screen', async ({ page }) => {
  const { app, desktop } = await openApp(page);
  const broken = readFileSync(BANKNOTE, 'utf8').replace('Predict: 1.0', 'Prdict: 1.0');
  await desktop.dropFile('broken_banknote.txt', broken, page.getByTestId('tree-canvas'));
  await expect(app.error).toContainText('broken_banknote.txt');
  await expect(app.error).toContainText(/line \d+, column \d+/);
  await expect(app.modelTitle).toContainText('wine_decision_tree.txt');
});

test('recent files persist across a reload and reopen from the palette', async ({ page }) => {
  const { app, desktop } = await openApp(page);
  await app.openModelFile(BANKNOTE);
  await expect(app.modelTitle).toContainText('mllib_dt_banknote_depth5.txt');
  // The page stores the file once it has opened (it reads the text again): wait for that write, not
  // for the title, or a reload on a busy machine can come first (seen in CI).
  await page.waitForFunction(() => (localStorage.getItem('splitscope.recent.v1') ?? '').includes('mllib_dt_banknote_depth5.txt'));

  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toHaveCount(1);
  await expect(app.modelTitle).toContainText('wine_decision_tree.txt');

  // "Open recent…" turns the palette into the list of recent files.
  await desktop.openPalette();
  await desktop.paletteInput.fill('open recent');
  await expect(desktop.paletteItems.first()).toContainText('Open recent…');
  await desktop.paletteInput.press('Enter');
  await expect(desktop.palette).toHaveAttribute('data-mode', 'recent');
  await expect(desktop.paletteItems).toHaveCount(1);
  await expect(desktop.paletteItems.first()).toContainText('mllib_dt_banknote_depth5.txt');
  await desktop.paletteItems.first().click();
  await expect(app.modelTitle).toContainText('mllib_dt_banknote_depth5.txt');
  await expect(app.treeNodes).toHaveCount(37);
});

test('the theme follows the OS until the user picks one, and the pick survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const { desktop } = await openApp(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await desktop.themeSwitch.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // A dark page really is dark: the panel background changes colour.
  await expect.poll(() => page.locator('.left-panel').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(23, 28, 38)');

  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(desktop.themeSwitch).toHaveValue('dark');

  await desktop.runFromPalette('theme light', 'Theme: light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await desktop.runFromPalette('theme system', 'Theme: follow the system');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the command palette opens with Ctrl+K, filters, and runs Fit view', async ({ page }) => {
  const { app, desktop } = await openApp(page);
  await expect(app.canvasFlow).toHaveAttribute('data-layout-ready', 'true');

  await desktop.openPalette();
  const all = await desktop.paletteItems.count();
  await desktop.paletteInput.fill('zoom');
  await expect(desktop.paletteItems).toHaveText([/Zoom in/, /Zoom out/]);
  expect(all).toBeGreaterThan(8);
  await desktop.paletteInput.press('Escape');
  await expect(desktop.palette).toHaveCount(0);

  // Zoom in with the shortcut until part of the tree leaves the screen, then fit it back.
  for (let step = 0; step < 4; step++) await page.keyboard.press('ControlOrMeta+Equal');
  await expect.poll(async () => (await desktop.nodesInsideCanvas()).inside).toBeLessThan((await desktop.nodesInsideCanvas()).total);
  await desktop.runFromPalette('fit', 'Fit view');
  await expect.poll(async () => {
    const { inside, total } = await desktop.nodesInsideCanvas();
    return inside === total && total > 0;
  }).toBe(true);
});

test('panels toggle from the keyboard, and help lists the shortcuts', async ({ page }) => {
  const { desktop } = await openApp(page);
  await expect(desktop.leftPanel).toBeVisible();
  await page.keyboard.press('ControlOrMeta+b');
  await expect(desktop.leftPanel).toBeHidden();
  await page.keyboard.press('ControlOrMeta+b');
  await expect(desktop.leftPanel).toBeVisible();

  await desktop.runFromPalette('keyboard', 'Keyboard shortcuts');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toContainText('Show all commands');
  await expect(dialog).toContainText('Fit view');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});
