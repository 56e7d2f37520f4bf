import { expect, type Locator, type Page } from '@playwright/test';

/** Locators and actions of the forest view (issue 15), so specs speak in user terms. */
export class ForestPage {
  readonly openButton: Locator;
  readonly treeButton: Locator;
  readonly view: Locator;
  readonly canvas: Locator;
  readonly card: Locator;
  readonly measure: Locator;
  readonly fit: Locator;
  readonly score: Locator;
  readonly topUp: Locator;
  readonly topDown: Locator;
  readonly metric: Locator;
  readonly heatmap: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByTestId('view-forest');
    this.treeButton = page.getByTestId('view-tree');
    this.view = page.getByTestId('forest-view');
    this.canvas = page.getByTestId('forest-canvas');
    this.card = page.getByTestId('forest-card');
    this.measure = page.getByTestId('forest-measure');
    this.fit = page.getByTestId('forest-fit');
    this.score = page.getByTestId('forest-score');
    this.topUp = page.getByTestId('forest-top-up');
    this.topDown = page.getByTestId('forest-top-down');
    this.metric = page.getByTestId('forest-metric');
    this.heatmap = page.getByTestId('forest-heatmap');
  }

  /** Opens the forest view and waits for its first painted frame. */
  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.view).toHaveAttribute('data-painted', 'true');
    // The heatmap comes a moment after the glyphs.
    await expect(this.heatmap).toBeVisible();
  }

  /** Resolves after the canvas has drawn two more animation frames (whatever was asked is on it). */
  async settled(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  }

  /** The glyph canvas's pixels (its bitmap as a PNG data URL): equal strings, equal drawings. */
  async pixels(): Promise<string> {
    return this.canvas.evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());
  }

  /**
   * Where tree `index`'s glyph is on the page, from the view's transform (`data-view`: scale and
   * offset) and its columns, for a model whose trees all add to one output (one band, model order).
   */
  async glyphPoint(index: number): Promise<{ x: number; y: number }> {
    const [scale, offsetX, offsetY] = ((await this.view.getAttribute('data-view')) ?? '').split(' ').map(Number);
    const columns = Number(await this.view.getAttribute('data-columns'));
    const cell = 24;
    const box = (await this.canvas.boundingBox())!;
    return {
      x: box.x + offsetX + ((index % columns) * cell + cell / 2) * scale,
      y: box.y + offsetY + (Math.floor(index / columns) * cell + cell / 2) * scale,
    };
  }
}
