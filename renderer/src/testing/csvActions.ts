import type { Cancelled, CsvLoadResult, CsvTable } from '../../../app/bridge';
import { csvLine } from '../../../app/data/format';
import { OutputLayout } from '../../../app/data/output';
import { connectBridge, hasNativeDialog, uploadCsvFile } from '../bridgeClient';
import { newJobId, showPendingJob, startLocalJob } from '../store/jobs';
import { appStore } from '../store/store';
import { readCsvInPage, takeSpareSlices, type PageCsvRead } from './csvRead';
import { cancelScoring, scoreTable, ScoringCancelled, takePageTestHold } from './scoreClient';
import { prepareTable } from './table';

/** The hidden file input of the testing panel (browser mode has no native dialog). */
let csvFileInput: HTMLInputElement | null = null;
export const setCsvFileInput = (input: HTMLInputElement | null) => void (csvFileInput = input);

/**
 * Applies a CSV the host read: matches it to the open model, shows it, then scores every row in
 * the scoring worker and counts traffic. Errors are shown in the panel, never thrown.
 */
export async function applyCsvResult(result: CsvLoadResult | Cancelled | { status: 'none' }, requestMillis?: number): Promise<void> {
  const state = appStore.getState();
  const document = state.document;
  if (result.status === 'none' || result.status === 'cancelled' || !document) return;
  state.setRightPanel('testing');
  if (result.status === 'error') return state.setCsv(undefined, `${result.error.code}: ${result.error.message}`);
  const prepareStarted = performance.now();
  const prepared = prepareTable(document.model, result.table);
  if (!prepared.ok) return state.setCsv(undefined, `${prepared.code}: ${prepared.message}`);
  const timings = { requestMillis, prepareMillis: performance.now() - prepareStarted };
  state.setCsv({ table: result.table, prepared: prepared.table, timings, batch: undefined, scoreMillis: undefined, traffic: undefined, labelColumn: undefined, metrics: undefined, wrong: undefined });
  const rows = prepared.table.rows;
  const job = startLocalJob('load-csv', `Scoring ${rows.toLocaleString('en')} rows`, cancelScoring);
  try {
    const isHeld = takePageTestHold(result.table.fileName);
    const slices = takeSpareSlices(result.table);
    const scores = await scoreTable(document.id, document.model, prepared.table, { onProgress: (fraction) => job.report(fraction), isHeldForTest: isHeld, slices });
    job.finish('done');
    if (appStore.getState().csv?.table !== result.table) return; // another CSV or model arrived meanwhile
    appStore.getState().setCsvBatch(scores);
    // A label column named like the usual ones is picked for the user.
    const guess = prepared.table.unusedColumns.find((name) => /^(label|target|y|class)$/i.test(name.trim()));
    if (guess) appStore.getState().setLabelColumn(guess);
  } catch (error) {
    if (error instanceof ScoringCancelled) {
      job.finish('cancelled');
      appStore.getState().setCsv(undefined, `Scoring of ${result.table.fileName} was cancelled.`);
      return;
    }
    job.finish('failed');
    appStore.getState().setCsv(undefined, `Scoring failed: ${(error as Error).message}`);
  }
}

/**
 * Scores the loaded CSV again keeping each row's leaf in every tree (a big CSV keeps only rows per
 * leaf): the forest view's metric-by-trees curve needs them.
 */
export async function keepLeafNodes(): Promise<void> {
  const state = appStore.getState();
  const document = state.document;
  const csv = state.csv;
  if (!document || !csv?.batch || csv.batch.leafNodes || keepingLeavesOf === csv.table) return;
  keepingLeavesOf = csv.table;
  const job = startLocalJob('load-csv', `Scoring ${csv.table.rows.toLocaleString('en')} rows keeping their leaves`, cancelScoring);
  try {
    const scores = await scoreTable(document.id, document.model, csv.prepared, { withLeafNodes: true, onProgress: (fraction) => job.report(fraction) });
    job.finish('done');
    if (appStore.getState().csv?.table === csv.table) appStore.getState().setCsvBatch(scores);
  } catch (error) {
    job.finish(error instanceof ScoringCancelled ? 'cancelled' : 'failed');
  } finally {
    keepingLeavesOf = undefined;
  }
}

/** The table whose rows are being scored again for their leaves (the forest view may ask twice as it remounts). */
let keepingLeavesOf: CsvTable | undefined;

/**
 * Reads a CSV file the user picked or dropped: in the page's own workers (`readCsvInPage`), or, for a
 * file with quotes, by the host's papaparse reader.
 */
export async function openCsvFile(file: File): Promise<void> {
  const controller = new AbortController();
  const job = startLocalJob('load-csv', `Reading ${file.name}`, () => controller.abort());
  let result: PageCsvRead;
  try {
    const isHeld = takePageTestHold(`reading ${file.name}`);
    result = await readCsvInPage(file, { signal: controller.signal, onProgress: (fraction) => job.report(fraction), isHeldForTest: isHeld });
  } catch (error) {
    job.finish('failed');
    appStore.getState().setCsv(undefined, `Could not read ${file.name}: ${(error as Error).message}`);
    return;
  }
  job.finish(result === 'needs-host' || result.status !== 'cancelled' ? 'done' : 'cancelled');
  if (result !== 'needs-host') return applyCsvResult(result);
  const jobId = newJobId();
  showPendingJob(jobId, 'load-csv', `Sending ${file.name}`);
  try {
    const started = performance.now();
    const sent = await uploadCsvFile(file, jobId);
    await applyCsvResult(sent, performance.now() - started);
  } catch (error) {
    appStore.getState().setCsv(undefined, `Could not read ${file.name}: ${(error as Error).message}`);
  }
}

/** Open CSV: the native dialog in Electron, the file input in the browser. */
export async function openCsv(): Promise<void> {
  if (hasNativeDialog()) {
    const jobId = newJobId();
    await applyCsvResult(await connectBridge().openCsvDialog({ jobId }));
  } else {
    csvFileInput?.click();
  }
}

/**
 * Per-row results as CSV text, the columns of `splitscope predict --raw --leaves`. When the page
 * kept only rows counted per leaf (a big CSV), the rows are scored again here with each row's leaves.
 */
export async function resultsCsv(onProgress?: (fraction: number) => void): Promise<string | undefined> {
  const state = appStore.getState();
  const document = state.document;
  const csv = state.csv;
  if (!document || !csv?.batch) return undefined;
  const batch = csv.batch.leafNodes ? csv.batch : (await scoreTable(document.id, document.model, csv.prepared, { withLeafNodes: true, onProgress })).batch;
  const layout = new OutputLayout(document.model, { raw: true, leaves: true });
  const lines = [csvLine(layout.columns)];
  for (let row = 0; row < batch.rows; row++) lines.push(layout.formatLine(batch, row));
  return lines.join('');
}

/** Downloads the per-row results. */
export async function exportResults(): Promise<void> {
  const csv = appStore.getState().csv;
  if (!csv?.batch) return;
  const job = startLocalJob('load-csv', `Writing the results of ${csv.table.fileName}`, cancelScoring);
  let text: string | undefined;
  try {
    text = await resultsCsv((fraction) => job.report(fraction));
    job.finish('done');
  } catch (error) {
    job.finish(error instanceof ScoringCancelled ? 'cancelled' : 'failed');
    if (!(error instanceof ScoringCancelled)) appStore.getState().setCsv(csv, `Could not write the results: ${(error as Error).message}`);
    return;
  }
  if (!text) return;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = csv.table.fileName.replace(/\.[^.]*$/, '') + '.predictions.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
