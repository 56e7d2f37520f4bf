import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Locators and actions of the main window, so specs speak in user terms. */
export class AppPage {
  readonly treeNodes: Locator;
  readonly error: Locator;
  readonly warnings: Locator;
  readonly modelTitle: Locator;
  readonly fileInput: Locator;
  readonly canvasFlow: Locator;
  readonly treeList: Locator;
  readonly treeRows: Locator;
  readonly treeTitle: Locator;
  readonly nodeDetails: Locator;
  readonly nodeRule: Locator;
  readonly searchInput: Locator;
  readonly searchCount: Locator;
  readonly importanceRows: Locator;

  constructor(readonly page: Page) {
    this.treeNodes = page.getByTestId('tree-node');
    this.error = page.getByTestId('error');
    this.warnings = page.getByTestId('warning');
    this.modelTitle = page.getByTestId('model-title');
    this.fileInput = page.getByTestId('file-input');
    this.canvasFlow = page.getByTestId('canvas-flow');
    this.treeList = page.getByTestId('tree-list');
    this.treeRows = page.getByTestId('tree-row');
    this.treeTitle = page.getByTestId('tree-title');
    this.nodeDetails = page.getByTestId('node-details');
    this.nodeRule = page.getByTestId('node-rule');
    this.searchInput = page.getByTestId('search-input');
    this.searchCount = page.getByTestId('search-count');
    this.importanceRows = page.getByTestId('importance-row');
  }

  /** A fact of the model overview by its test id suffix: `format`, `task`, `trees`, `nodes`, `depth`… */
  fact(name: string): Locator {
    return this.page.getByTestId(`model-${name}`);
  }

  treeRow(index: number): Locator {
    return this.page.locator(`[data-testid="tree-row"][data-tree-index="${index}"]`);
  }

  /** Types a search and jumps to the first match (Enter), as a user does. */
  async search(query: string): Promise<void> {
    await this.searchInput.fill(query);
    await this.searchInput.press('Enter');
  }

  /** Selects a node wherever it is: searching `#id` reveals it (expanding its ancestors) and selects it. */
  async selectNode(id: number): Promise<void> {
    await this.search(`#${id}`);
    await expect(this.nodeDetails).toHaveAttribute('data-node-id', String(id));
  }

  /** Clicks a drawn split's collapse/expand button. */
  async toggleNode(id: number): Promise<void> {
    await this.node(id).getByTestId('node-toggle').click();
  }

  async expandToDepth(depth: number): Promise<void> {
    await this.page.getByTestId('expand-depth').fill(String(depth));
    await this.page.getByTestId('expand-depth-apply').click();
  }

  /** Nodes React Flow holds for the drawn tree (not only those on screen). */
  async heldNodeCount(): Promise<number> {
    await expect(this.canvasFlow).toHaveAttribute('data-layout-ready', 'true');
    return Number(await this.canvasFlow.getAttribute('data-drawn-nodes'));
  }

  /** Clicks an export button and returns the download it starts. */
  async exportView(format: 'png' | 'svg'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`export-${format}`).click();
    return download;
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

  /**
   * Starts watching for the job whose progress bar contains `text` to finish, and returns a function
   * that resolves with its final state (`done`, `cancelled`, `failed`). A finished bar lingers only
   * briefly, so the watch is a MutationObserver in the page that cannot miss it; start it before the
   * action that ends the job.
   */
  async watchJobOutcome(text: string): Promise<() => Promise<string>> {
    const key = `${text}#${Math.random()}`;
    await this.page.evaluate(
      ({ key, text }) => {
        const outcomes = ((globalThis as unknown as { e2eJobOutcomes?: Record<string, Promise<string>> }).e2eJobOutcomes ??= {});
        outcomes[key] = new Promise<string>((resolve) => {
          const check = () => {
            for (const bar of Array.from(document.querySelectorAll('[data-testid="progress"]'))) {
              const state = bar.getAttribute('data-state');
              if (state && state !== 'running' && bar.textContent?.includes(text)) {
                observer.disconnect();
                resolve(state);
                return;
              }
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          check();
        });
      },
      { key, text },
    );
    return () => this.page.evaluate((key) => (globalThis as unknown as { e2eJobOutcomes: Record<string, Promise<string>> }).e2eJobOutcomes[key], key);
  }

  node(id: number): Locator {
    return this.page.locator(`[data-testid="tree-node"][data-node-id="${id}"]`);
  }
}
