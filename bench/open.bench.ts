/**
 * Opening production-size models in browser mode (issue 10), in headless Debian Chromium against the
 * real built host (`node dist/main/web.mjs MODEL`), one fresh host and browser context per run:
 * 1. Page load to first interactive tree: from the navigation's start (the page's time origin) to the
 *    second animation frame after the first tree's root node is mounted, laid out and visible (the
 *    frame that paints it). Timed in a page that nothing records, as a user's browser or the
 *    Electron window (bench/pipeChromium.ts: DevTools' pipe without its Network domain); the same
 *    open in the page Playwright drives, which records the network, is taken in turns and printed
 *    beside. Median of several runs, beside the bundled sample's open time measured the same way in
 *    this run. Goals: 500 × 255 ≤ 0.8 s, 2,000 × 255 ≤ 2.5 s, keiba ≤ 0.5 s, the
 *    13,641-node Spark tree ≤ 1.0 s.
 * 2. Bridge payload: the bytes of the response bodies of every `/api/` call of the open (whatever
 *    their content type; the `/api/events` progress stream excluded), until the network is quiet,
 *    against the file size. Goal ≤ 1.5×.
 * 3. Memory against the file size: the host's peak RSS (VmHWM) and the page's memory: V8 heap +
 *    embedder (DOM) heap + ArrayBuffer backing stores (CDP `Runtime.getHeapUsage`; the binary model
 *    lives in ArrayBuffers, outside the JS heap), sampled every 200 ms through the open, at the first
 *    tree and after a forced GC; the largest is compared. Beside the bundled sample's figures.
 *    Goal (2,000 × 255): each ≤ 3× the file.
 * The big models are generated (bench/bigLightgbm.ts) into a temp folder and deleted afterwards.
 * Run: node scripts/bench.mjs open (needs `npm run build`). BENCH_RUNS overrides the run counts; no
 * further run of a model starts after 45 s on it (today's 2,000 × 255 open takes 20–30 s).
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigLightgbm } from './bigLightgbm';
import { PipeChromium } from './pipeChromium';
import { CHROMIUM_ARGS, KEIBA, mb, median, peakRssOf, recordGoal, requireBuilt, SPARK_13641, startBrowserHost, verdict } from './common';

const OPEN_TIMEOUT_MS = 180_000;
const QUIET_MS = 1000;
/** After this long on one model, no further runs of it start. */
const SUBJECT_BUDGET_MS = 45_000;

interface OpenRun {
  /** Navigation start → painted first tree, ms, with nothing recording the network (`PipeChromium`). */
  firstTree: number;
  /** The same, in the page Playwright drives (DevTools records its network). */
  recordedFirstTree: number;
  payloadBytes: number;
  apiCalls: number;
  hostPeakRss: number;
  pageAtFirstTree: number;
  pagePeak: number;
  pageAfterGc: number;
  clickWorks?: boolean;
}

interface Subject {
  label: string;
  /** Undefined: the bundled sample (the host's default). */
  path?: string;
  runs: number;
  goalMs?: number;
  /** The memory goals of the issue apply to this model. */
  memoryGoal?: boolean;
}

declare global {
  interface Window {
    benchFirstTree?: number;
    benchError?: string;
  }
}

/**
 * In the page from its first script on: each animation frame, look for the first tree's root node
 * mounted in a laid-out canvas and visible; the second frame after that is the one painting it.
 */
function firstTreeProbe(): void {
  const check = () => {
    const flow = document.querySelector('[data-testid="canvas-flow"][data-layout-ready="true"]');
    const root = flow?.querySelector('[data-testid="tree-node"][data-node-id="0"]');
    if (root) {
      const box = root.getBoundingClientRect();
      const wrapper = root.closest('.react-flow__node') ?? root;
      if (box.width > 0 && box.bottom > 0 && box.top < innerHeight && getComputedStyle(wrapper).visibility !== 'hidden') {
        requestAnimationFrame(() => requestAnimationFrame(() => (window.benchFirstTree = performance.now())));
        return;
      }
    }
    const error = document.querySelector('[data-testid="error"]');
    if (error?.textContent) {
      window.benchError = error.textContent;
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function openOnce(browser: Browser, subject: Subject, checkClick: boolean): Promise<Omit<OpenRun, 'firstTree'>> {
  const host = await startBrowserHost(subject.path);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await context.addInitScript(firstTreeProbe);
    const page = await context.newPage();
    // Bridge traffic from Chromium's network events: decoded body bytes per /api/ request, counted as
    // they arrive (Playwright's response.body() cannot return bodies past Chromium's buffer limit).
    const cdp = await context.newCDPSession(page);
    const bridgeRequests = new Set<string>();
    const bodyBytes = new Map<string, number>();
    let inFlight = 0;
    let lastActivity = Date.now();
    const isBridgeCall = (url: string) => {
      const path = new URL(url).pathname;
      return path.startsWith('/api/') && path !== '/api/events';
    };
    cdp.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string } }) => {
      if (!isBridgeCall(event.request.url) || bridgeRequests.has(event.requestId)) return;
      bridgeRequests.add(event.requestId);
      bodyBytes.set(event.requestId, 0);
      inFlight++;
      lastActivity = Date.now();
    });
    cdp.on('Network.dataReceived', (event: { requestId: string; dataLength: number }) => {
      if (!bridgeRequests.has(event.requestId)) return;
      bodyBytes.set(event.requestId, bodyBytes.get(event.requestId)! + event.dataLength);
      lastActivity = Date.now();
    });
    const settle = (event: { requestId: string }) => {
      if (!bridgeRequests.has(event.requestId)) return;
      inFlight--;
      lastActivity = Date.now();
    };
    cdp.on('Network.loadingFinished', settle);
    cdp.on('Network.loadingFailed', settle);
    await cdp.send('Network.enable');
    // The page's memory, sampled through the open (a lower bound of its peak while the page is busy).
    const pageMemory = async () => {
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number };
      const total = usage.usedSize + (usage.embedderHeapUsedSize ?? 0) + (usage.backingStorageSize ?? 0);
      pagePeak = Math.max(pagePeak, total);
      return total;
    };
    let pagePeak = 0;
    let isSampling = true;
    const sampler = (async () => {
      while (isSampling) {
        await pageMemory().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    await page.goto(host.url);
    await page.waitForFunction(() => window.benchFirstTree !== undefined || window.benchError !== undefined, null, { timeout: OPEN_TIMEOUT_MS, polling: 200 });
    const outcome = await page.evaluate(() => ({ firstTree: window.benchFirstTree, error: window.benchError }));
    if (outcome.error !== undefined) throw new Error(`${subject.label}: the page shows an error: ${outcome.error.slice(0, 300)}`);
    const pageAtFirstTree = await pageMemory();
    // The rest of the open (a progressive open sends more after the first tree): until the bridge is quiet.
    const quietBy = Date.now() + OPEN_TIMEOUT_MS;
    while (Date.now() < quietBy && (inFlight > 0 || Date.now() - lastActivity < QUIET_MS)) await page.waitForTimeout(100);
    const sizes = [...bodyBytes.values()];
    isSampling = false;
    await sampler;
    await cdp.send('HeapProfiler.collectGarbage');
    const pageAfterGc = await pageMemory();
    const hostPeakRss = peakRssOf(host.child.pid!);
    let clickWorks: boolean | undefined;
    if (checkClick) {
      // Interactive: a click on the root selects it and its details show (in the Node tab: the
      // bundled sample opens with its CSV in the Test tab).
      await page.locator('[data-testid="tree-node"][data-node-id="0"]').click();
      await page.getByTestId('panel-tab-node').click();
      clickWorks = await page
        .locator('[data-testid="node-details"][data-node-id="0"]')
        .waitFor({ timeout: 30_000 })
        .then(() => true, () => false);
    }
    return {
      recordedFirstTree: outcome.firstTree!,
      payloadBytes: sizes.reduce((sum, size) => sum + size, 0),
      apiCalls: sizes.length,
      hostPeakRss,
      pageAtFirstTree,
      pagePeak,
      pageAfterGc,
      clickWorks,
    };
  } finally {
    await context.close();
    await host.stop();
  }
}

/** Navigation start → painted first tree, in a page nothing records (`PipeChromium`), with a fresh host. */
async function openUnrecorded(browser: PipeChromium, subject: Subject): Promise<number> {
  const host = await startBrowserHost(subject.path);
  try {
    const page = await browser.open(host.url, `(${firstTreeProbe.toString()})()`, { width: 1400, height: 900 });
    try {
      const deadline = Date.now() + OPEN_TIMEOUT_MS;
      for (;;) {
        const [firstTree, error] = await page.evaluate<[number | null, string | null]>('[window.benchFirstTree ?? null, window.benchError ?? null]');
        if (error !== null) throw new Error(`${subject.label}: the page shows an error: ${error.slice(0, 300)}`);
        if (firstTree !== null) return firstTree;
        if (Date.now() > deadline) throw new Error(`${subject.label}: no first tree within ${OPEN_TIMEOUT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await page.close();
    }
  } finally {
    await host.stop();
  }
}

/** Medians over the runs of a model. */
type Summary = Omit<OpenRun, 'clickWorks'>;

async function measure(browser: Browser, pipe: PipeChromium, subject: Subject): Promise<{ summary: Summary; times: number[]; recordedTimes: number[]; clickWorks?: boolean }> {
  const runs: OpenRun[] = [];
  const started = Date.now();
  for (let run = 0; run < subject.runs; run++) {
    // The two ways in turns, so a slow minute falls on both.
    const recorded = await openOnce(browser, subject, run === 0);
    runs.push({ ...recorded, firstTree: await openUnrecorded(pipe, subject) });
    // A slow open is far from its goal anyway: fewer runs keep the whole bench within minutes.
    if (Date.now() - started > SUBJECT_BUDGET_MS) break;
  }
  return {
    summary: {
      firstTree: median(runs.map((run) => run.firstTree)),
      recordedFirstTree: median(runs.map((run) => run.recordedFirstTree)),
      payloadBytes: median(runs.map((run) => run.payloadBytes)),
      apiCalls: median(runs.map((run) => run.apiCalls)),
      hostPeakRss: median(runs.map((run) => run.hostPeakRss)),
      pageAtFirstTree: median(runs.map((run) => run.pageAtFirstTree)),
      pagePeak: median(runs.map((run) => run.pagePeak)),
      pageAfterGc: median(runs.map((run) => run.pageAfterGc)),
    },
    times: runs.map((run) => run.firstTree),
    recordedTimes: runs.map((run) => run.recordedFirstTree),
    clickWorks: runs[0].clickWorks,
  };
}

async function main(): Promise<void> {
  requireBuilt('dist/main/web.mjs', 'dist/main/parseWorker.mjs', 'dist/renderer/index.html');
  const runsOverride = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'splitscope-open-bench-'));
  let browser: Browser | undefined;
  let pipe: PipeChromium | undefined;
  try {
    const started = performance.now();
    const big500 = writeBigLightgbm(join(scratch, 'lightgbm_500x255.txt'), { trees: 500, leaves: 255 });
    const big2000 = writeBigLightgbm(join(scratch, 'lightgbm_2000x255.txt'), { trees: 2000, leaves: 255 });
    console.log(`generated ${mb(big500.bytes)} (500 × 255) and ${mb(big2000.bytes)} (2,000 × 255) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    pipe = await PipeChromium.launch(executablePath, CHROMIUM_ARGS);
    const subjects: Subject[] = [
      { label: 'bundled sample (reference)', runs: runsOverride ?? 5 },
      { label: 'Spark tree, 13,641 nodes', path: SPARK_13641, runs: runsOverride ?? 5, goalMs: 1000 },
      { label: 'keiba (LightGBM, 1,000 trees)', path: KEIBA, runs: runsOverride ?? 5, goalMs: 500 },
      { label: 'LightGBM 500 × 255 leaves', path: big500.path, runs: runsOverride ?? 3, goalMs: 800 },
      { label: 'LightGBM 2,000 × 255 leaves', path: big2000.path, runs: runsOverride ?? 3, goalMs: 2500, memoryGoal: true },
    ];
    let reference: Summary | undefined;
    const goals: string[] = [];
    for (const subject of subjects) {
      const { summary, times, recordedTimes, clickWorks } = await measure(browser, pipe, subject);
      const fileBytes = subject.path ? statSync(subject.path).size : NaN;
      const label = `${subject.label}${subject.path ? `, ${mb(fileBytes)}` : ''}`;
      const timesText = times.map((time) => time.toFixed(0)).join(', ');
      const recordedText = `with DevTools recording the network (the page Playwright drives, in turns with those): ${summary.recordedFirstTree.toFixed(0)} ms (${recordedTimes.map((time) => time.toFixed(0)).join(', ')})`;
      if (!reference) {
        reference = summary;
        console.log(`\n${label}: page load → first interactive tree ${summary.firstTree.toFixed(0)} ms (runs: ${timesText} ms)`);
        console.log(`  ${recordedText}`);
        console.log(`  bridge payload ${mb(summary.payloadBytes)} in ${summary.apiCalls} /api/ calls; host peak RSS ${mb(summary.hostPeakRss)}; page memory ${mb(summary.pageAtFirstTree)} at first tree, ${mb(summary.pagePeak)} peak sampled, ${mb(summary.pageAfterGc)} after GC; root click shows its details: ${clickWorks ? 'yes' : 'NO'}`);
        continue;
      }
      const timeMet = summary.firstTree <= subject.goalMs!;
      // A median that rounds to the goal shows its tenths: "800 ms: NOT met" would read as a contradiction.
      const firstTreeText = summary.firstTree.toFixed(Math.round(summary.firstTree) === subject.goalMs ? 1 : 0);
      const payloadRatio = summary.payloadBytes / fileBytes;
      console.log(`\n${label}:`);
      console.log(
        `  page load → first interactive tree ${firstTreeText} ms (median of ${times.length}: ${timesText} ms) vs bundled sample ${reference.firstTree.toFixed(0)} ms ` +
          `(${(summary.firstTree / reference.firstTree).toFixed(1)}×); goal ≤ ${subject.goalMs} ms: ${verdict(timeMet)}; root click shows its details: ${clickWorks ? 'yes' : 'NO'}`,
      );
      console.log(`  ${recordedText}`);
      console.log(
        `  bridge payload ${mb(summary.payloadBytes)} in ${summary.apiCalls} /api/ calls = ${payloadRatio.toFixed(2)}× the file (sample: ${mb(reference.payloadBytes)}); goal ≤ 1.5×: ${verdict(payloadRatio <= 1.5)}`,
      );
      const hostRatio = summary.hostPeakRss / fileBytes;
      const pageRatio = summary.pagePeak / fileBytes;
      const memoryVerdict = (ratio: number) => (subject.memoryGoal ? `goal ≤ 3×: ${verdict(ratio <= 3)}` : 'the ≤ 3× goal is for the 2,000 × 255 model');
      console.log(`  host peak RSS ${mb(summary.hostPeakRss)} = ${hostRatio.toFixed(2)}× the file (with the sample: ${mb(reference.hostPeakRss)}); ${memoryVerdict(hostRatio)}`);
      console.log(
        `  page memory (V8 + DOM heaps + ArrayBuffers) ${mb(summary.pageAtFirstTree)} at first tree, ${mb(summary.pageAfterGc)} after GC, peak sampled ${mb(summary.pagePeak)} = ${pageRatio.toFixed(2)}× the file ` +
          `(with the sample: ${mb(reference.pagePeak)}); ${memoryVerdict(pageRatio)}`,
      );
      goals.push(`${subject.label}: open ${verdict(timeMet)}, payload ${verdict(payloadRatio <= 1.5)}${subject.memoryGoal ? `, host RSS ${verdict(hostRatio <= 3)}, page memory ${verdict(pageRatio <= 3)}` : ''}`);
      const sample = `bundled sample ${reference.firstTree.toFixed(0)} ms`;
      recordGoal({ issue: 10, goal: `${subject.label}: page load → first interactive tree ≤ ${subject.goalMs} ms`, figure: `${firstTreeText} ms`, reference: sample, met: timeMet });
      recordGoal({ issue: 10, goal: `${subject.label}: bridge payload ≤ 1.5× the file`, figure: `${payloadRatio.toFixed(2)}×`, reference: `file ${mb(fileBytes)}`, met: payloadRatio <= 1.5 });
      if (subject.memoryGoal) {
        recordGoal({ issue: 10, goal: `${subject.label}: host peak RSS ≤ 3× the file`, figure: `${hostRatio.toFixed(2)}×`, reference: `with the sample ${mb(reference.hostPeakRss)}`, met: hostRatio <= 3 });
        recordGoal({ issue: 10, goal: `${subject.label}: page memory ≤ 3× the file`, figure: `${pageRatio.toFixed(2)}×`, reference: `with the sample ${mb(reference.pagePeak)}`, met: pageRatio <= 3 });
      }
    }
    console.log(`\nverdicts:\n  ${goals.join('\n  ')}`);
  } finally {
    await browser?.close();
    await pipe?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
