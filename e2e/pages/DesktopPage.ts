import { expect, type Locator, type Page } from '@playwright/test';

/** The desktop layer of the window: command palette, drop target, theme, recent files, panels. */
export class DesktopPage {
  readonly palette: Locator;
  readonly paletteInput: Locator;
  readonly paletteItems: Locator;
  readonly dropOverlay: Locator;
  readonly themeSwitch: Locator;
  readonly notice: Locator;
  readonly leftPanel: Locator;

  constructor(readonly page: Page) {
    this.palette = page.getByTestId('command-palette');
    this.paletteInput = page.getByTestId('palette-input');
    this.paletteItems = page.getByTestId('palette-item');
    this.dropOverlay = page.getByTestId('drop-overlay');
    this.themeSwitch = page.getByTestId('theme-switch');
    this.notice = page.getByTestId('desktop-notice');
    this.leftPanel = page.locator('.left-panel');
  }

  /** The theme in effect, as the page applies it (`light` or `dark`). */
  theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }

  /** Ctrl+K (Cmd+K on macOS), as a user opens the palette. */
  async openPalette(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+k');
    await expect(this.palette).toBeVisible();
  }

  /** Opens the palette, filters it, and runs the first match with Enter. */
  async runFromPalette(filter: string, expectedTitle: string): Promise<void> {
    await this.openPalette();
    await this.paletteInput.fill(filter);
    await expect(this.paletteItems.first()).toContainText(expectedTitle);
    await this.paletteInput.press('Enter');
    await expect(this.palette).toHaveCount(0);
  }

  /**
   * Drags a file over the window and drops it, with a real DataTransfer holding a File made from
   * `text` (the page cannot read the disk, so the test hands it a file's content).
   */
  async dropFile(fileName: string, text: string, target: Locator): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ([name, content]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], name, { type: 'text/plain' }));
        return transfer;
      },
      [fileName, text] as const,
    );
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await expect(this.dropOverlay).toBeVisible();
    await target.dispatchEvent('drop', { dataTransfer });
    await expect(this.dropOverlay).toHaveCount(0);
  }

  /** How many drawn nodes lie wholly inside the canvas on screen. */
  async nodesInsideCanvas(): Promise<{ inside: number; total: number }> {
    return this.page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="canvas-flow"]')!.getBoundingClientRect();
      const nodes = Array.from(document.querySelectorAll('[data-testid="tree-node"]')).map((node) => node.getBoundingClientRect());
      const inside = nodes.filter((box) => box.left >= canvas.left - 1 && box.right <= canvas.right + 1 && box.top >= canvas.top - 1 && box.bottom <= canvas.bottom + 1);
      return { inside: inside.length, total: nodes.length };
    });
  }
}
