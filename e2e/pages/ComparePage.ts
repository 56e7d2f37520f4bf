import type { Locator, Page } from '@playwright/test';

/** Locators of the Compare view (renderer/src/diff). */
export class ComparePage {
  readonly button: Locator;
  readonly fileInput: Locator;
  readonly view: Locator;
  readonly treeCounts: Locator;
  readonly nodeCounts: Locator;
  readonly treeItems: Locator;
  readonly nextChange: Locator;
  readonly changePosition: Locator;
  readonly currentNode: Locator;
  readonly csvInput: Locator;
  readonly rowCounts: Locator;
  readonly classTable: Locator;
  readonly largestRows: Locator;
  readonly contributions: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('compare-with');
    this.fileInput = page.getByTestId('compare-file-input');
    this.view = page.getByTestId('compare-view');
    this.treeCounts = page.getByTestId('compare-tree-counts');
    this.nodeCounts = page.getByTestId('compare-node-counts');
    this.treeItems = page.getByTestId('compare-tree-item');
    this.nextChange = page.getByTestId('compare-next-change');
    this.changePosition = page.getByTestId('compare-change-position');
    this.currentNode = page.locator('[data-testid="compare-side-new"] .compare-node.is-current');
    this.csvInput = page.getByTestId('compare-csv-input');
    this.rowCounts = page.getByTestId('compare-row-counts');
    this.classTable = page.getByTestId('compare-class-table');
    this.largestRows = page.getByTestId('compare-largest-row');
    this.contributions = page.getByTestId('compare-contributions');
    this.error = page.getByTestId('compare-error');
  }

  /** Compare with… a file, as the browser's file input takes it. */
  async compareWith(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
  }
}
