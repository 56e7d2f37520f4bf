import { expect, type Locator, type Page } from '@playwright/test';

/** Locators and actions of the main window, so specs speak in user terms. */
export class AppPage {
  readonly treeNodes: Locator;
  readonly error: Locator;
  readonly warnings: Locator;
  readonly modelTitle: Locator;
  readonly fileInput: Locator;

  constructor(readonly page: Page) {
    this.treeNodes = page.getByTestId('tree-node');
    this.error = page.getByTestId('error');
    this.warnings = page.getByTestId('warning');
    this.modelTitle = page.getByTestId('model-title');
    this.fileInput = page.getByTestId('file-input');
  }

  /** Opens the app and waits for its ready signal (the first model or its error is on screen). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('body[data-ready="true"]')).toHaveCount(1);
  }

  /** File → Open in browser mode: the file input. */
  async openModelFile(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
  }

  node(id: number): Locator {
    return this.page.locator(`[data-testid="tree-node"][data-node-id="${id}"]`);
  }
}
