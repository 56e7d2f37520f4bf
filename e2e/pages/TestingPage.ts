import { expect, type Locator, type Page } from '@playwright/test';

/** Locators and actions of the Test tab (feature vector, prediction, CSV), so specs speak in user terms. */
export class TestingPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly prediction: Locator;
  readonly predictionClass: Locator;
  readonly predictionValue: Locator;
  readonly predictionRaw: Locator;
  readonly probabilities: Locator;
  readonly treeLeaves: Locator;
  readonly onPathNodes: Locator;
  readonly pathLeaf: Locator;
  readonly paste: Locator;
  readonly pasteMessage: Locator;
  readonly columnOrderPrompt: Locator;
  readonly columnOrderInput: Locator;
  readonly columnOrderApply: Locator;
  readonly columnOrderNote: Locator;
  readonly focusPath: Locator;
  readonly csvInput: Locator;
  readonly csvSummary: Locator;
  readonly csvRows: Locator;
  readonly csvError: Locator;
  readonly csvProblems: Locator;
  readonly labelColumn: Locator;
  readonly wrongOnly: Locator;
  readonly findFlip: Locator;
  readonly flips: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('panel-tab-testing');
    this.panel = page.getByTestId('testing-panel');
    this.prediction = page.getByTestId('prediction');
    this.predictionClass = page.getByTestId('prediction-class');
    this.predictionValue = page.getByTestId('prediction-value');
    this.predictionRaw = page.getByTestId('prediction-raw');
    this.probabilities = page.getByTestId('prediction-probability');
    this.treeLeaves = page.getByTestId('tree-leaf');
    this.onPathNodes = page.locator('[data-testid="tree-node"][data-on-path="true"]');
    this.pathLeaf = page.locator('[data-testid="tree-node"][data-path-leaf="true"]');
    this.paste = page.getByTestId('vector-paste');
    this.pasteMessage = page.getByTestId('paste-message');
    this.columnOrderPrompt = page.getByTestId('column-order-prompt');
    this.columnOrderInput = page.getByTestId('column-order-input');
    this.columnOrderApply = page.getByTestId('column-order-apply');
    this.columnOrderNote = page.getByTestId('column-order-note');
    this.focusPath = page.getByTestId('focus-path');
    this.csvInput = page.getByTestId('csv-input');
    this.csvSummary = page.getByTestId('csv-summary');
    this.csvRows = page.getByTestId('csv-row');
    this.csvError = page.getByTestId('csv-error');
    this.csvProblems = page.getByTestId('csv-problem');
    this.labelColumn = page.getByTestId('label-column');
    this.wrongOnly = page.getByTestId('wrong-only');
    this.findFlip = page.getByTestId('find-flip');
    this.flips = page.getByTestId('flip');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.panel).toBeVisible();
  }

  /** Pastes text into the paste box as a user does (Enter reads it). */
  async pasteLine(text: string): Promise<void> {
    await this.paste.fill(text);
    await this.paste.press('Enter');
  }

  featureInput(name: string): Locator {
    return this.page.locator(`[data-testid="feature-input"][data-feature="${name}"]`);
  }

  slider(name: string): Locator {
    return this.page.locator(`[data-testid="feature-slider"][data-feature="${name}"]`);
  }

  csvRow(index: number): Locator {
    return this.page.locator(`[data-testid="csv-row"][data-row-index="${index}"]`);
  }

  metric(name: string): Locator {
    return this.page.getByTestId(`metric-${name}`);
  }

  /** Node ids of the drawn tree on the tested vector's path, ascending. */
  async pathNodeIds(): Promise<number[]> {
    const ids = await this.onPathNodes.evaluateAll((nodes) => nodes.map((node) => Number((node as HTMLElement).dataset.nodeId)));
    return ids.sort((a, b) => a - b);
  }

  /** Per tree: the reached leaf as the library numbers it, and its IR node id. */
  async leaves(): Promise<Array<{ leaf: number; node: number }>> {
    const toggle = this.page.getByTestId('leaf-values-toggle');
    if ((await toggle.getAttribute('open')) === null) await toggle.locator('summary').click();
    await expect(this.treeLeaves.first()).toBeAttached();
    return this.treeLeaves.evaluateAll((items) =>
      items.map((item) => ({ leaf: Number((item as HTMLElement).dataset.leaf), node: Number((item as HTMLElement).dataset.leafNode) })),
    );
  }

  /** Waits until the loaded CSV is scored. */
  async waitScored(): Promise<void> {
    await expect(this.csvSummary).toHaveAttribute('data-scored', 'true', { timeout: 30_000 });
  }
}
