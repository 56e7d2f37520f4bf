/**
 * The forest view (issue 15) in headless Debian Chromium against the real built host, on generated
 * LightGBM models of 1,000 and 5,000 trees (bench/bigLightgbm.ts, 63 leaves each, written to a temp
 * folder and deleted afterwards):
 * 1. First paint: from the click on "Forest" to the second animation frame after the glyph canvas
 *    first drew (the frame that shows it); the first open of a model (per-tree figures computed)
 *    and the median of the later ones. Beside it, in the same run and page: the single-tree view's
 *    first paint of the same model, from the click on "Tree" to the painted root node.
 * 2. Frame rate while panning (a drag around a circle) and zooming (wheel in and out), about two
 *    seconds each, with the whole forest in view; beside the same gestures on the single-tree view
 *    of the same model. Goal: ≥ 50 fps with 5,000 trees. Headless Chromium's animation frames are
 *    not tied to a display, so fast pages can pass 60 per second.
 * Run: node scripts/bench.mjs forest (needs `npm run build`). BENCH_RUNS sets the paint runs (5).
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigLightgbm } from './bigLightgbm';
import { CHROMIUM_ARGS, mb, median, requireBuilt, startBrowserHost, verdict } from './common';
import { fps, measureFrames, pan, timeSwitch, zoom } from './gestures';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FPS_GOAL = 50;

const FOREST_PAINTED = `document.querySelector('[data-testid="forest-view"][data-painted="true"]') !== null`;
const TREE_PAINTED = `(() => { const flow = document.querySelector('[data-testid="canvas-flow"][data-layout-ready="true"]'); const root = flow && flow.querySelector('[data-testid="tree-node"][data-node-id="0"]'); return !!root && root.getBoundingClientRect().width > 0; })()`;

interface Figures {
  forestFirst: number;
  forestWarm: number;
  treeWarm: number;
  forestPan: { fps: number; p95: number };
  forestZoom: { fps: number; p95: number };
  treePan: { fps: number; p95: number };
  treeZoom: { fps: number; p95: number };
  drawn: string;
}

async function measureModel(path: string): Promise<Figures> {
  const host = await startBrowserHost(path);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 180_000 });
    // The whole model is read (a big model shows its first tree early, with the forest switch disabled).
    await page.locator('[data-testid="view-forest"]:not([disabled])').waitFor({ timeout: 180_000 });
    await page.locator('[data-testid="canvas-flow"][data-layout-ready="true"]').waitFor();
    const forestTimes: number[] = [];
    const treeTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      forestTimes.push(await timeSwitch(page, 'view-forest', FOREST_PAINTED));
      treeTimes.push(await timeSwitch(page, 'view-tree', TREE_PAINTED));
    }
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400);
    const treePan = await measureFrames(page, () => pan(page, 'canvas-flow'));
    const treeZoom = await measureFrames(page, () => zoom(page, 'canvas-flow'));
    await timeSwitch(page, 'view-forest', FOREST_PAINTED);
    const drawn = (await page.getByTestId('forest-view').getAttribute('data-drawn-glyphs')) ?? '?';
    const forestPan = await measureFrames(page, () => pan(page, 'forest-canvas'));
    await page.getByTestId('forest-fit').click();
    const forestZoom = await measureFrames(page, () => zoom(page, 'forest-canvas'));
    return { forestFirst: forestTimes[0], forestWarm: median(forestTimes.slice(1)), treeWarm: median(treeTimes), forestPan, forestZoom, treePan, treeZoom, drawn };
  } finally {
    await browser.close();
    await host.stop();
  }
}

async function main(): Promise<void> {
  requireBuilt('dist/main/web.mjs', 'dist/main/parseWorker.mjs', 'dist/renderer/index.html');
  const scratch = mkdtempSync(join(tmpdir(), 'splitscope-forest-bench-'));
  try {
    const verdicts: string[] = [];
    for (const trees of [1000, 5000]) {
      const model = writeBigLightgbm(join(scratch, `lightgbm_${trees}x63.txt`), { trees, leaves: 63 });
      const figures = await measureModel(model.path);
      const label = `LightGBM ${trees.toLocaleString('en')} trees × 63 leaves (${mb(model.bytes)})`;
      console.log(`\n${label}:`);
      console.log(
        `  forest view first paint: first open ${figures.forestFirst.toFixed(0)} ms, later opens ${figures.forestWarm.toFixed(0)} ms (median of ${RUNS - 1}); ` +
          `reference, single-tree view of the same model: ${figures.treeWarm.toFixed(0)} ms (median of ${RUNS}) → ${(figures.forestFirst / figures.treeWarm).toFixed(2)}× / ${(figures.forestWarm / figures.treeWarm).toFixed(2)}×`,
      );
      console.log(`  forest view, ${figures.drawn} glyphs drawn:   pan ${fps(figures.forestPan)}   zoom ${fps(figures.forestZoom)}`);
      console.log(`  reference, single-tree view fitted:   pan ${fps(figures.treePan)}   zoom ${fps(figures.treeZoom)}`);
      console.log(`  ratio forest / tree: pan ${(figures.forestPan.fps / figures.treePan.fps).toFixed(2)}×, zoom ${(figures.forestZoom.fps / figures.treeZoom.fps).toFixed(2)}×`);
      verdicts.push(`${trees.toLocaleString('en')} trees: pan ${verdict(figures.forestPan.fps >= FPS_GOAL)}, zoom ${verdict(figures.forestZoom.fps >= FPS_GOAL)} (goal ≥ ${FPS_GOAL} fps)`);
      rmSync(model.path, { force: true });
    }
    console.log(`\nverdicts:\n  ${verdicts.join('\n  ')}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
