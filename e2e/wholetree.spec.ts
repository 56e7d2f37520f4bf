import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { TestingPage } from './pages/TestingPage';
import { startWebHost, type RunningHost } from './host';

// Issue 15: the whole of a 50,000-node tree at once on one canvas, with the vector's path on it.

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** A random full binary tree as a Spark debug string, with what a test needs to know about it. */
interface SyntheticTree {
  text: string;
  nodeCount: number;
  features: number;
  /** Pre-order id (Spark's node numbering) of the leaf a vector reaches: `x <= threshold` goes left. */
  leafFor: (vector: readonly number[]) => number;
}

/** Seeded, so every run draws the same tree (the bench's generator, bench/canvas.bench.ts, with its structure kept). */
function syntheticSparkTree(leaves: number, seed: number, features = 60): SyntheticTree {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const lines: string[] = [];
  const split: Array<{ feature: number; threshold: number; left: number; right: number } | undefined> = [];
  let maxDepth = 0;
  const build = (count: number, depth: number): number => {
    const id = split.length;
    const indent = ' '.repeat(depth + 2);
    maxDepth = Math.max(maxDepth, depth);
    if (count === 1) {
      split.push(undefined);
      lines.push(`${indent}Predict: ${random() < 0.5 ? '0.0' : '1.0'}`);
      return id;
    }
    const node = { feature: Math.floor(random() * features), threshold: Math.round(random() * 20000) / 100 - 100, left: -1, right: -1 };
    split.push(node);
    const left = Math.max(1, Math.min(count - 1, Math.round(count * (0.25 + 0.5 * random()))));
    lines.push(`${indent}If (feature ${node.feature} <= ${node.threshold})`);
    node.left = build(left, depth + 1);
    lines.push(`${indent}Else (feature ${node.feature} > ${node.threshold})`);
    node.right = build(count - left, depth + 1);
    return id;
  };
  build(leaves, 0);
  const header = `DecisionTreeClassificationModel: uid=e2e_synthetic, depth=${maxDepth}, numNodes=${2 * leaves - 1}, numClasses=2, numFeatures=${features}`;
  return {
    text: `${header}\n${lines.join('\n')}\n`,
    nodeCount: split.length,
    features,
    leafFor: (vector) => {
      let id = 0;
      for (let node = split[id]; node; node = split[id]) id = vector[node.feature] <= node.threshold ? node.left : node.right;
      return id;
    },
  };
}

/** Writes a synthetic tree into a fresh temp folder (never the repo) and returns its path. */
function writeSynthetic(tree: SyntheticTree, name: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'splitscope-everyday-'));
  scratch.push(folder);
  const path = join(folder, name);
  writeFileSync(path, tree.text);
  return path;
}
const scratch: string[] = [];
test.afterAll(() => {
  for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A vector of `count` values in [-100, 100), seeded. */
function vectorOf(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => Math.round(((state = (state * 22695477 + 1) >>> 0) / 2 ** 32) * 20000) / 100 - 100);
}

/** Screen boxes of the drawn nodes (also those hidden far out), relative to the canvas, from React Flow's transforms. */
async function drawnNodeBoxes(page: Page): Promise<Array<{ id: number; left: number; top: number; right: number; bottom: number }>> {
  return page.evaluate(() => {
    const viewport = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    return Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node')).map((element) => {
      const position = new DOMMatrixReadOnly(getComputedStyle(element).transform);
      const left = viewport.e + position.e * viewport.a;
      const top = viewport.f + position.f * viewport.d;
      return { id: Number(element.dataset.id), left, top, right: left + element.offsetWidth * viewport.a, bottom: top + element.offsetHeight * viewport.d };
    });
  });
}

/** True when a box (relative to the canvas) lies inside the canvas. */
async function isInsideCanvas(page: Page, box: { left: number; top: number; right: number; bottom: number }): Promise<boolean> {
  const canvas = (await page.getByTestId('canvas-flow').boundingBox())!;
  return box.left >= 0 && box.top >= 0 && box.right <= canvas.width && box.bottom <= canvas.height;
}

/** Pixels of the path colour (#e8590c) in the whole-tree canvas: how many, and where the lowest ones are (the leaf's ring). */
async function pathPixels(page: Page): Promise<{ count: number; ringX: number; ringBottom: number }> {
  return page.getByTestId('whole-tree-canvas').evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const ratio = canvas.width / canvas.clientWidth;
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const points: Array<[number, number]> = [];
    // The lowest path pixel, found in the loop: zoomed in, the path can cover hundreds of thousands
    // of pixels, and `Math.max(...list)` of that many arguments overflows the call stack.
    let bottom = -Infinity;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = (y * width + x) * 4;
        if (Math.abs(data[at] - 232) < 12 && Math.abs(data[at + 1] - 89) < 12 && Math.abs(data[at + 2] - 12) < 12 && data[at + 3] > 240) {
          points.push([x, y]);
          bottom = y;
        }
      }
    }
    const lowest = points.filter(([, y]) => y >= bottom - 2);
    const ringX = lowest.reduce((sum, [x]) => sum + x, 0) / Math.max(1, lowest.length);
    return { count: points.length, ringX: ringX / ratio, ringBottom: bottom / ratio };
  });
}

test.describe('the whole tree', () => {
  test('a 50,000-node tree shows whole on a canvas with the vector\'s path; a click on its leaf opens the drawing there', async ({ page }) => {
    const tree = syntheticSparkTree(25_000, 7);
    const path = writeSynthetic(tree, 'synthetic_50k_nodes.txt');
    host = await startWebHost(path);
    const app = new AppPage(page);
    const testing = new TestingPage(page);
    await app.open(host.url);
    await expect(app.error).toHaveCount(0);

    // Opened from the canvas controls (beside zoom and fit); Escape and its own button close it; 'w' opens it.
    const whole = page.getByTestId('whole-tree');
    await page.getByTestId('view-whole-tree').click();
    await expect(whole).toHaveAttribute('data-painted', 'true');
    await page.keyboard.press('Escape');
    await expect(whole).toHaveCount(0);
    await page.keyboard.press('w');
    await expect(whole).toHaveAttribute('data-painted', 'true');
    await page.getByTestId('whole-tree-close').click();
    await expect(whole).toHaveCount(0);
    await page.getByTestId('view-whole-tree').click();
    await expect(whole).toHaveAttribute('data-painted', 'true');
    await expect(whole).toHaveAttribute('data-node-count', String(tree.nodeCount));
    expect((await pathPixels(page)).count).toBe(0);

    // A vector: its path is drawn over the tree, ending at the leaf the tree's own rules reach.
    const vector = vectorOf(tree.features, 11);
    const leaf = tree.leafFor(vector);
    await testing.open();
    await testing.pasteLine(vector.join(','));
    await expect(whole).toHaveAttribute('data-path-leaf', String(leaf));
    await expect.poll(async () => (await pathPixels(page)).count).toBeGreaterThan(50);

    // Zoom in around the leaf's ring until leaves are far apart, then click the ring's centre.
    const canvasBox = (await page.getByTestId('whole-tree-canvas').boundingBox())!;
    for (let step = 0; step < 60; step++) {
      const ring = await pathPixels(page);
      await page.mouse.move(canvasBox.x + ring.ringX, canvasBox.y + ring.ringBottom - 8);
      await page.mouse.wheel(0, -120);
    }
    await page.waitForTimeout(300); // the sharp paint after the gesture rests
    const ring = await pathPixels(page);
    await page.mouse.click(canvasBox.x + ring.ringX, canvasBox.y + ring.ringBottom - 11);
    await expect(whole).toHaveCount(0);
    await page.getByTestId('panel-tab-node').click();
    await expect(app.nodeDetails).toHaveAttribute('data-node-id', String(leaf));
    await expect.poll(async () => {
      const box = (await drawnNodeBoxes(page)).find((candidate) => candidate.id === leaf);
      return box !== undefined && (await isInsideCanvas(page, box));
    }).toBe(true);
  });
});

