import Papa from 'papaparse';
import type { CsvLoadResult, CsvTable } from '../../../app/bridge';
import { columnsToReadAsText, emptyFileError, headerPart, joinTableParts, lineStartFrom, planCsvParts, QuoteFreeBytes, quoteFreeLayout, TableSink, withoutByteOrderMark, type TablePart } from '../../../app/data/csvTable';
import type { CsvPartRequest, CsvPartResponse } from './csvReadProtocol';
import type { ScoringSlice } from './scoreClient';

/**
 * A CSV the user dropped or picked, read in the page: the file never crosses the bridge, and its
 * columns are made where they are used. The page reads the file's head (papaparse's guess of the
 * delimiter and line break, on the same first MiB the host's reader guesses from, and the header),
 * then cuts the rest at line breaks into one stretch per core, read side by side by workers and
 * joined in file order. A file with a quote (or a line break papaparse alone handles) goes to the
 * host's papaparse reader instead, as before: `needs-host`.
 */

/** The head read first: papaparse guesses line breaks from at most this much text. */
const HEAD_BYTES = 1 << 20;
/** Bytes per reading worker below which one worker reads more than two would. */
const BYTES_PER_EXTRA_WORKER = 8 << 20;
const MAX_WORKERS = 4;

export type PageCsvRead = CsvLoadResult | { status: 'cancelled' } | 'needs-host';

export interface PageCsvOptions {
  signal: AbortSignal;
  /** Bytes read so far, of the file's size. */
  onProgress?: (fraction: number) => void;
  /** E2E hook (`takePageTestHold`): stop before the workers start, answering nothing until cancelled. */
  isHeldForTest?: boolean;
}

/**
 * E2E hook: `globalThis.splitscopeCsvPartBytes` set before the app loads reads a small file in parts of
 * about that many bytes, so a real browser joins parts of a file a test can hold.
 */
function bytesPerWorker(): number {
  const asked = (globalThis as { splitscopeCsvPartBytes?: unknown }).splitscopeCsvPartBytes;
  return typeof asked === 'number' && asked > 0 ? asked : BYTES_PER_EXTRA_WORKER;
}

/** Scoring slices of tables read here in parts: each part's rows, with the memory of its slab. */
const spareSlices = new WeakMap<CsvTable, ScoringSlice[]>();

/** The scoring slices `readCsvInPage` left for its table, once (the memory goes to the scoring workers). */
export function takeSpareSlices(table: CsvTable): ScoringSlice[] | undefined {
  const slices = spareSlices.get(table);
  spareSlices.delete(table);
  return slices;
}

/**
 * Reads `file` into the table the host's reader would make of it (the same columns, rows, blank
 * lines, ragged rows and out-of-range cells, by file row), or says it needs the host (`needs-host`).
 * Cancelling `options.signal` stops the workers at once.
 */
export async function readCsvInPage(file: File, options: PageCsvOptions): Promise<PageCsvRead> {
  const started = performance.now();
  if (file.size === 0) return emptyFileError(file.name);
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  // A byte-order mark is dropped, as the host's reader drops it.
  const headText = new TextDecoder('utf-8').decode(head);
  if (options.signal.aborted) return { status: 'cancelled' };
  if (headText.indexOf('"') >= 0) return 'needs-host';
  const layout = quoteFreeLayout(Papa.parse<string[]>(headText, { preview: 10 }).meta);
  if (!layout) return 'needs-host';
  const { delimiter, linebreak } = layout;
  const fileInfo = () => ({ fileName: file.name, sizeBytes: file.size, readMillis: performance.now() - started });
  const inPage = (table: CsvTable, parts: number): PageCsvRead => ({ status: 'ok', table: { ...table, readParts: parts } });

  if (file.size <= HEAD_BYTES) {
    // A small file is all head: read here, as one read from its first line.
    const sink = new TableSink();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const lines = new QuoteFreeBytes(sink, delimiter, linebreak, (bytes) => decoder.decode(bytes));
    lines.push(withoutByteOrderMark(head));
    lines.end();
    const part = sink.part();
    return part ? inPage(joinTableParts([part], 0, fileInfo()), 1) : emptyFileError(file.name);
  }
  const headerEnd = headText.indexOf(linebreak);
  if (headerEnd < 0) return 'needs-host'; // a header longer than the head
  const header = headText.slice(0, headerEnd).split(delimiter);
  const read = async (start: number, end: number) => new Uint8Array(await file.slice(start, end).arrayBuffer());
  // The header's line break is in the head: the lines after it start past that break.
  const bodyStart = await lineStartFrom(0, head.length, linebreak, async (start, end) => head.subarray(start, end));

  const cores = Math.max(1, navigator.hardwareConcurrency ?? 1);
  // The e2e hook's parts are as many as it asks for, however many cores the machine has.
  const partBytes = bytesPerWorker();
  const count = Math.max(1, Math.min(MAX_WORKERS, partBytes === BYTES_PER_EXTRA_WORKER ? cores : MAX_WORKERS, Math.floor((file.size - bodyStart) / partBytes)));
  const ranges = await planCsvParts(bodyStart, file.size, count, linebreak, read);
  if (options.isHeldForTest) {
    await new Promise((resolve) => (options.signal.aborted ? resolve(null) : options.signal.addEventListener('abort', resolve, { once: true })));
    return { status: 'cancelled' };
  }
  if (ranges.length === 0) return inPage(joinTableParts([headerPart(header)], 0, fileInfo()), 1);

  const workers = ranges.map((_, index) => new Worker(new URL('./csvRead.worker.ts', import.meta.url), { type: 'module', name: `splitscope-csv-${index}` }));
  const progress = ranges.map(() => 0);
  const stopAll = () => workers.forEach((worker) => worker.terminate());
  try {
    const readPart = (index: number, textColumns: number[]) =>
      new Promise<TablePart | 'has-quotes' | 'cancelled'>((resolve, reject) => {
        const worker = workers[index];
        const onAbort = () => resolve('cancelled');
        options.signal.addEventListener('abort', onAbort, { once: true });
        const settle = () => options.signal.removeEventListener('abort', onAbort);
        worker.onmessage = (event: MessageEvent<CsvPartResponse>) => {
          const message = event.data;
          if (message.kind === 'progress') {
            progress[index] = message.bytes;
            options.onProgress?.(Math.min(0.99, (bodyStart + progress.reduce((sum, bytes) => sum + bytes, 0)) / file.size));
            return;
          }
          settle();
          if (message.kind === 'done') resolve(message.part);
          else if (message.kind === 'has-quotes') resolve('has-quotes');
          else reject(new Error(message.message));
        };
        worker.onerror = (event) => {
          event.preventDefault();
          settle();
          reject(new Error(`the reading worker failed: ${event.message}`));
        };
        const request: CsvPartRequest = { file, ...ranges[index], header, delimiter, linebreak, textColumns, usesSlab: ranges.length > 1 };
        worker.postMessage(request);
      });
    if (options.signal.aborted) return { status: 'cancelled' };
    let parts = await Promise.all(ranges.map((_, index) => readPart(index, [])));
    if (parts.includes('cancelled')) return { status: 'cancelled' };
    if (parts.includes('has-quotes')) return 'needs-host';
    // A column that turned to text in one part is read as text from the start in the parts after it.
    const asText = columnsToReadAsText(parts as TablePart[]);
    const again = await Promise.all(parts.map((part, index) => (asText[index].size > 0 ? readPart(index, [...asText[index]]) : part)));
    if (again.includes('cancelled')) return { status: 'cancelled' };
    parts = again;
    const joined = inPage(joinTableParts(parts as TablePart[], 1, fileInfo()), parts.length);
    // The parts' slabs are free once joined (a table of several parts holds copies): each part's rows are scored in its slab.
    if (joined !== 'needs-host' && joined.status === 'ok' && parts.length > 1) spareSlices.set(joined.table, (parts as TablePart[]).map((part) => ({ rows: part.rows, room: part.slab })));
    return joined;
  } finally {
    stopAll();
  }
}
