import type { Cancelled, CsvLoadResult } from '../../../app/bridge';
import { csvLine } from '../../../app/data/format';
import { OutputLayout } from '../../../app/data/output';
import { connectBridge, hasNativeDialog, uploadCsvFile } from '../bridgeClient';
import { newJobId, showPendingJob, startLocalJob } from '../store/jobs';
import { appStore } from '../store/store';
import { cancelScoring, scoreInWorker, ScoringCancelled, takePageTestHold } from './scoreClient';
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
    const { batch, millis } = await scoreInWorker(document.id, document.model, prepared.table.values, rows, (fraction) => job.report(fraction), isHeld);
    job.finish('done');
    if (appStore.getState().csv?.table !== result.table) return; // another CSV or model arrived meanwhile
    appStore.getState().setCsvBatch(batch, millis);
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

/** Reads a CSV file the user picked or dropped. */
export async function openCsvFile(file: File): Promise<void> {
  const jobId = newJobId();
  showPendingJob(jobId, 'load-csv', `Sending ${file.name}`);
  try {
    const started = performance.now();
    const result = await uploadCsvFile(file, jobId);
    await applyCsvResult(result, performance.now() - started);
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

/** The CSV named with `--csv` on the command line, once the model is open. */
export async function openStartupCsv(): Promise<void> {
  const jobId = newJobId();
  try {
    const started = performance.now();
    const result = await connectBridge().openStartupCsv({ jobId });
    await applyCsvResult(result, performance.now() - started);
  } catch (error) {
    appStore.getState().setCsv(undefined, `Could not read the CSV: ${(error as Error).message}`);
  }
}

/** Per-row results as CSV text, the columns of `splitscope predict --raw --leaves`. */
export function resultsCsv(): string | undefined {
  const state = appStore.getState();
  const model = state.document?.model;
  const csv = state.csv;
  if (!model || !csv?.batch) return undefined;
  const layout = new OutputLayout(model, { raw: true, leaves: true });
  let text = csvLine(layout.columns);
  for (let row = 0; row < csv.batch.rows; row++) text += csvLine(layout.formatRow(csv.batch, row));
  return text;
}

/** Downloads the per-row results. */
export function exportResults(): void {
  const text = resultsCsv();
  const state = appStore.getState();
  if (!text || !state.csv) return;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = state.csv.table.fileName.replace(/\.[^.]*$/, '') + '.predictions.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
