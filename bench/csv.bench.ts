/**
 * Issues 5 and 11 in the real UI (browser mode, headless Chromium): load and score a 100k-row CSV,
 * and the latency of one what-if slider update. Run `node scripts/build-main.mjs` and the renderer build first.
 * Printed, not asserted, each with a reference measured in the same run:
 * - CSV: time from dropping the file (the testing panel's file input: its change event) to the frame
 *   that paints the scored table, timed in the page (read in the page's workers, matching, scoring in one worker per core; the median of three
 *   drops, each in a fresh page), against plain papaparse
 *   parsing of the same file in Node and against `splitscope predict` (the CLI) on the same file;
 *   and, beside it, the same file named with --csv (read by the host and sent to the page);
 * - slider: input event to updated prediction in the page, against the evaluator's predictRow alone.
 * Models: corpus LightGBM keiba (1000 trees, 185 features) and HIGGS (28 features).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { chromium } from '@playwright/test';
import { featureDomains } from '../app/analysis/index';
import { loadModel } from '../app/analysis/models.testkit';
import { compileModel } from '../app/eval/index';
import { CHROMIUM_ARGS, recordGoal } from './common';

const ROWS = 100_000;
const root = process.cwd();
const corpus = join(root, '..', 'shared', 'corpus', 'lightgbm');
/** Drops measured per model (the median is the figure). */
const DROP_RUNS = 3;
const folder = mkdtempSync(join(tmpdir(), 'splitscope-csv-bench-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function writeCsv(modelFile: string): { csvPath: string; featureNames: string[]; sliderFeature: string } {
  const model = loadModel(readFileSync(modelFile, 'utf8'), modelFile);
  const domains = featureDomains(model);
  const names = model.features.map((feature) => feature.name);
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const lines = [names.join(',')];
  for (let row = 0; row < ROWS; row++) {
    const cells = domains.map((domain) => {
      if (random() < 0.03) return '';
      if (domain.kind === 'categorical') return String(domain.categories[Math.floor(random() * domain.categories.length)]?.code ?? 0);
      return (domain.min + random() * (domain.max - domain.min)).toPrecision(6);
    });
    lines.push(cells.join(','));
  }
  const csvPath = join(folder, `${model.features.length}f.csv`);
  writeFileSync(csvPath, lines.join('\n') + '\n');
  const slider = domains.reduce((best, domain) => (domain.thresholds.length > domains[best].thresholds.length ? domain.feature : best), 0);
  return { csvPath, featureNames: names, sliderFeature: names[slider] };
}

async function startHost(modelFile: string, csvPath?: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'dist', 'main', 'web.mjs'), modelFile, ...(csvPath ? ['--csv', csvPath] : []), '--port', '0'], { cwd: root });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /open (http\S+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
      if (child.exitCode !== null) reject(new Error(output));
    }, 20);
  });
  return { url, stop: () => child.kill('SIGKILL') };
}

async function benchModel(fileName: string): Promise<void> {
  const modelFile = join(corpus, fileName);
  const { csvPath, sliderFeature } = writeCsv(modelFile);
  const megabytes = statSync(csvPath).size / 1e6;
  console.log(`\n${fileName}: ${ROWS.toLocaleString('en')} rows, ${megabytes.toFixed(1)} MB CSV`);

  // References: papaparse alone, and the CLI.
  let text = readFileSync(csvPath, 'utf8');
  const firstLine = text.slice(0, text.indexOf('\n', text.indexOf('\n') + 1));
  const papaTimes = [0, 1].map(() => {
    const started = performance.now();
    Papa.parse<string[]>(text, { header: false });
    return performance.now() - started;
  });
  const papa = Math.min(...papaTimes);
  // The reference's garbage (149 MB of text and millions of cell strings for keiba) is collected now:
  // left to V8, its collection ran on this machine's second core during the page's measurement.
  text = '';
  (globalThis as { gc?: () => void }).gc?.();
  let started = performance.now();
  execFileSync(process.execPath, [join(root, 'dist', 'main', 'cli.mjs'), 'predict', modelFile, '--csv', csvPath, '-o', join(folder, 'out.csv')]);
  const cli = performance.now() - started;

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    // Issue 11's goals: keiba (1,000 trees) ≤ 3 s, HIGGS (100 trees) ≤ 1 s, from the drop.
    const goal = fileName.includes('keiba') ? 3000 : 1000;

    // A dropped CSV (the file input, as a drop hands the page a File): read in the page's workers,
    // scored. Each drop in a fresh host and page; the median of DROP_RUNS, as one run on this
    // 2-core machine moves by a few hundred ms from one minute to the next.
    const drops: { total: number; summary: string }[] = [];
    for (let run = 0; run < DROP_RUNS; run++) {
      const dropHost = await startHost(modelFile);
      const dropPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // Timed in the page, as the open bench does: from the file input's change event to the second
      // frame after the summary says "scored" (the frame that paints it). Playwright's own wait for
      // a selector queries the whole page every frame on the page's thread (about 190 ms of it in a
      // CPU profile of keiba's drop), which the app's work then waits behind; this wait asks for one
      // variable four times a second.
      await dropPage.addInitScript(() => {
        const bench: { start?: number; end?: number } = {};
        (window as unknown as { benchDrop: typeof bench }).benchDrop = bench;
        document.addEventListener('change', (event) => {
          if ((event.target as HTMLElement | null)?.dataset?.testid === 'csv-input') bench.start ??= performance.now();
        }, true);
        new MutationObserver(() => {
          if (bench.start === undefined || bench.end !== undefined) return;
          if (!document.querySelector('[data-testid="csv-summary"][data-scored="true"]')) return;
          bench.end = -1;
          requestAnimationFrame(() => requestAnimationFrame(() => (bench.end = performance.now())));
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-scored'], childList: true });
      });
      await dropPage.goto(dropHost.url);
      await dropPage.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      await dropPage.getByTestId('panel-tab-testing').click();
      const csvInput = dropPage.getByTestId('csv-input');
      await csvInput.waitFor({ state: 'attached' });
      await csvInput.setInputFiles(csvPath);
      await dropPage.waitForFunction(() => ((window as unknown as { benchDrop: { end?: number } }).benchDrop.end ?? -1) > 0, null, { timeout: 120_000, polling: 250 });
      const timed = await dropPage.evaluate(() => (window as unknown as { benchDrop: { start: number; end: number } }).benchDrop);
      drops.push({ total: timed.end - timed.start, summary: await dropPage.getByTestId('csv-summary').innerText() });
      // Each measurement in a page of its own: a page left open keeps its CSV (hundreds of MB) and workers.
      await dropPage.close();
      dropHost.stop();
    }
    const byTime = [...drops].sort((a, b) => a.total - b.total);
    const { total: dropTotal, summary: dropSummary } = byTime[Math.floor(byTime.length / 2)];
    const runs = `median of ${drops.length}: ${drops.map((drop) => drop.total.toFixed(0)).join(', ')} ms`;
    console.log(`  CSV dropped in the UI → scored table: ${dropTotal.toFixed(0)} ms (${runs}; goal ≤ ${goal} ms: ${dropTotal <= goal ? 'met' : 'not met'}) — ${dropSummary.replace(/\s+/g, ' ')}`);

    // The same CSV named with --csv: the host reads it and sends its columns.
    const host = await startHost(modelFile, csvPath);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    started = performance.now();
    await page.waitForSelector('[data-testid="csv-summary"][data-scored="true"]', { timeout: 120_000 });
    const uiTotal = performance.now() - started;
    const summary = await page.getByTestId('csv-summary').innerText();
    await page.close();
    host.stop();
    console.log(`  CSV from --csv (read by the host, sent to the page), model on screen → scored table: ${uiTotal.toFixed(0)} ms — ${summary.replace(/\s+/g, ' ')}`);
    console.log(`  reference: papaparse alone in Node ${papa.toFixed(0)} ms (drop is ${(dropTotal / papa).toFixed(2)}×); CLI predict (process, parse model, read, score, write) ${cli.toFixed(0)} ms (drop is ${(dropTotal / cli).toFixed(2)}×)`);
    recordGoal({ issue: 11, goal: `${fileName}, 100k rows: CSV drop → scored table ≤ ${goal} ms`, figure: `${dropTotal.toFixed(0)} ms`, reference: `papaparse alone ${papa.toFixed(0)} ms; CLI ${cli.toFixed(0)} ms`, met: dropTotal <= goal });

    // Slider latency in the UI.
    const sliderHost = await startHost(modelFile);
    const sliderPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await sliderPage.goto(sliderHost.url);
    await sliderPage.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await sliderPage.getByTestId('panel-tab-testing').click();
    await sliderPage.getByTestId('vector-paste').fill(firstLine);
    await sliderPage.getByTestId('vector-paste').press('Enter');
    await sliderPage.waitForSelector('[data-testid="prediction"]');
    const samples = await sliderPage.evaluate(async (feature) => {
      const slider = document.querySelector<HTMLInputElement>(`[data-testid="feature-slider"][data-feature="${feature}"]`)!;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const min = Number(slider.min);
      const max = Number(slider.max);
      const times: number[] = [];
      for (let i = 0; i < 160; i++) {
        const value = min + ((max - min) * ((i * 7919) % 1000)) / 999;
        const started = performance.now();
        setter.call(slider, String(value));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        // React renders discrete input updates synchronously; a microtask turn covers any flush left.
        await Promise.resolve();
        times.push(performance.now() - started);
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      }
      return times.slice(10);
    }, sliderFeature);
    await sliderPage.close();
    sliderHost.stop();
    const model = loadModel(readFileSync(modelFile, 'utf8'), fileName);
    const compiled = compileModel(model);
    const row = new Float64Array(model.features.length);
    const evaluatorTimes: number[] = [];
    for (let i = 0; i < 500; i++) {
      row[i % row.length] = i;
      const begin = performance.now();
      compiled.predictRow(row, { paths: true });
      evaluatorTimes.push(performance.now() - begin);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const uiMedian = median(samples);
    const evaluator = median(evaluatorTimes.slice(100));
    console.log(
      `  slider update in the UI (${sliderFeature}, ${model.trees.length} trees): median ${uiMedian.toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(2)} ms (goal ≤ 16 ms)`,
    );
    console.log(`  reference: predictRow with paths alone (Node) median ${evaluator.toFixed(3)} ms (UI update is ${(uiMedian / evaluator).toFixed(0)}×)`);
  } finally {
    await browser.close();
  }
}

try {
  // SPLITSCOPE_CSV_BENCH=higgs runs one model only.
  const only = process.env.SPLITSCOPE_CSV_BENCH;
  for (const file of ['treelite_r_binary_higgs_v2.txt', 'keiba_binary_nan_missing_v4.txt']) if (!only || file.includes(only)) await benchModel(file);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
