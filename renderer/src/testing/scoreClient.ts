import { joinBatches } from '../../../app/eval';
import type { BatchPrediction, KernelChoice, KernelState } from '../../../app/eval/types';
import type { TreeModel } from '../../../app/model/types';
import { packModel } from '../../../app/model/forestBuilder';
import { scoringPart } from '../../../app/model/packed';
import { encodePackedModel, encodePackedParts } from '../../../app/model/packedCodec';
import type { LoadRequest, ScoreRequest, ScoreResponse, ScoringModelBytes } from './scoreProtocol';
import { featureMatrix, type PreparedTable } from './table';

/** One scoring worker, with the model it last compiled. */
interface Slot {
  worker: Worker;
  sentModel: string | undefined;
}

type SliceResult = { batch: BatchPrediction; millis: number; leafCounts: Int32Array; kernel: KernelState };
type Pending = { resolve: (result: SliceResult) => void; reject: (error: Error) => void; onProgress?: (fraction: number) => void };

/** Rows per worker below which one worker scores the whole table (a second would cost more to start than it saves). */
const ROWS_PER_EXTRA_WORKER = 16_384;
/** Never more scoring workers than this, however many cores the machine reports. */
const MAX_WORKERS = 4;

const slots: Slot[] = [];
let requestCounter = 0;
const pending = new Map<number, Pending>();

function startSlot(): Slot {
  const worker = new Worker(new URL('./score.worker.ts', import.meta.url), { type: 'module', name: `splitscope-score-${slots.length}` });
  const slot: Slot = { worker, sentModel: undefined };
  worker.onmessage = (event: MessageEvent<ScoreResponse>) => {
    const entry = pending.get(event.data.requestId);
    if (!entry) return;
    if (event.data.kind === 'progress') return entry.onProgress?.(event.data.fraction);
    pending.delete(event.data.requestId);
    if (event.data.kind === 'done') entry.resolve({ batch: event.data.batch, millis: event.data.millis, leafCounts: event.data.leafCounts, kernel: event.data.kernel });
    else entry.reject(new Error(event.data.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    stopAll(() => new Error(`the scoring worker failed: ${event.message}`));
  };
  return slot;
}

/** How many workers score `rows` rows: one per core (at most MAX_WORKERS), each with enough rows to be worth it. */
export function scoringWorkerCount(rows: number, cores: number): number {
  return Math.max(1, Math.min(MAX_WORKERS, Math.max(1, cores), Math.floor(rows / ROWS_PER_EXTRA_WORKER)));
}

/** Models up to this many nodes are compiled in every scoring worker as soon as they open; bigger ones when a CSV comes. */
const PREPARE_MAX_NODES = 500_000;

/**
 * The columns scoring reads, copied into one buffer for one worker (`ScoringModelBytes`), to be
 * transferred. Posting the page's model instead cloned its whole buffer into each worker, the
 * statistics and source positions included: for 500 × 255 leaves, 17.8 MB twice, a 220 ms task on
 * the page's thread right after its first tree; this copy is 7.6 MB.
 */
export function scoringBytes(model: TreeModel): ScoringModelBytes {
  return encodePackedModel(scoringPart(packModel(model)));
}

/** How much of a worker's copy one step of `scoringBytesWhenIdle` makes. */
const COPY_STEP_BYTES = 256 * 1024;

/**
 * `scoringBytes`, copied a step at a time while the page is idle, so no task of the page's thread
 * copies megabytes (7.6 MB in one task took the page 50 ms right after its first tree). Undefined
 * when `isCurrent` turns false before the copy is done.
 */
export function scoringBytesWhenIdle(model: TreeModel, isCurrent: () => boolean): Promise<ScoringModelBytes | undefined> {
  const parts = encodePackedParts(scoringPart(packModel(model)));
  let total = 0;
  for (const part of parts) total += part.length;
  const bytes = new Uint8Array(total);
  let part = 0;
  let from = 0;
  let offset = 0;
  return new Promise((resolve) => {
    const step = (deadline?: IdleDeadline) => {
      if (!isCurrent()) return resolve(undefined);
      do {
        const piece = parts[part].subarray(from, from + COPY_STEP_BYTES);
        bytes.set(piece, offset);
        offset += piece.length;
        from += piece.length;
        if (from >= parts[part].length) {
          part++;
          from = 0;
        }
      } while (part < parts.length && deadline !== undefined && deadline.timeRemaining() > 4);
      if (part < parts.length) whenIdle(step);
      else resolve(bytes);
    };
    whenIdle(step);
  });
}

/**
 * Starts the scoring workers for a newly opened model and has each compile it, in the background,
 * so a CSV dropped later pays only for its scoring (a cold worker took ~0.7 s to start and compile
 * keiba). Each worker's copy of the model is made in idle time (`scoringBytesWhenIdle`). Big models
 * are left to the first CSV: every worker holds its own compiled copy.
 */
export function prepareScoring(modelId: string, model: TreeModel, isCurrent: () => boolean = () => true): void {
  if (packModel(model).forest.nodeCount > PREPARE_MAX_NODES || typeof Worker === 'undefined') return;
  const count = scoringWorkerCount(Number.MAX_SAFE_INTEGER, navigator.hardwareConcurrency ?? 1);
  while (slots.length < count) slots.push(startSlot());
  // A worker stopped meanwhile (cancel) or already sent the model (a CSV came first) is skipped.
  const needs = (slot: Slot) => isCurrent() && slots.includes(slot) && slot.sentModel !== modelId;
  void (async () => {
    for (const slot of slots.slice(0, count)) {
      if (!needs(slot)) continue;
      const bytes = await scoringBytesWhenIdle(model, () => needs(slot));
      if (!bytes || !needs(slot)) continue;
      const message: LoadRequest = { kind: 'load', modelId, model: bytes, kernel: kernelChoice() };
      slot.worker.postMessage(message, [bytes.buffer]);
      slot.sentModel = modelId;
    }
  })();
}

function whenIdle(task: (deadline?: IdleDeadline) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 0);
}

/**
 * compileModel's leaf finder in the workers: `auto` (compile once a worker has a few thousand rows).
 * E2E hook: `globalThis.splitscopeKernel` set before the app loads forces `wasm` or `interpreter`,
 * so a small CSV is scored by the compiled model in a real browser.
 */
function kernelChoice(): KernelChoice {
  const asked = (globalThis as { splitscopeKernel?: unknown }).splitscopeKernel;
  return asked === 'wasm' || asked === 'interpreter' ? asked : 'auto';
}

/** Scores one slice in one worker; the slice's matrix is handed over (transferred), not copied. */
function scoreSlice(slot: Slot, modelId: string, model: TreeModel, values: Float64Array, rows: number, withLeafNodes: boolean, onProgress: (fraction: number) => void, isHeldForTest: boolean) {
  const requestId = ++requestCounter;
  const request: ScoreRequest = { kind: 'score', requestId, modelId, model: slot.sentModel === modelId ? undefined : scoringBytes(model), kernel: kernelChoice(), values, rows, withLeafNodes, isHeldForTest };
  slot.sentModel = modelId;
  return new Promise<SliceResult>((resolve, reject) => {
    pending.set(requestId, { resolve, reject, onProgress });
    slot.worker.postMessage(request, request.model ? [values.buffer, request.model.buffer] : [values.buffer]);
  });
}

/**
 * Each row's leaf in every tree, which only the forest view's metric-by-trees curve and the exported
 * results read, is made when one of them asks (a second scoring), and kept up to this many ids
 * (64 MB) without asking the user: a 100k-row CSV on a 1,000-tree model (100M ids, 400 MB) asks
 * first. The first scoring of a dropped CSV counts rows per leaf only: keeping the leaves of 100k
 * rows in 100 trees made it take 450–600 ms instead of 190–260 ms in Chromium here (40 MB of ids
 * made in the workers and joined in the page).
 */
export const LEAF_NODES_BUDGET = 1 << 24;

/** LEAF_NODES_BUDGET, or the e2e hook's `globalThis.splitscopeLeafNodesBudget` set before the app loads (a small CSV then takes a big one's path). */
export function leafNodesBudget(): number {
  return (globalThis as { splitscopeLeafNodesBudget?: number }).splitscopeLeafNodesBudget ?? LEAF_NODES_BUDGET;
}

/** Rows scored by one worker, in order, and memory its matrix may reuse (handed over with the matrix). */
export interface ScoringSlice {
  rows: number;
  room?: ArrayBuffer;
}

/** What `scoreTable` gives back: the scores, rows counted per leaf, and (as asked) each row's leaves. */
export interface TableScores {
  /** `leafNodes` only with `withLeafNodes`. */
  batch: BatchPrediction;
  /** Rows per leaf, indexed as `NodeTraffic.counts` (see `trafficFromLeafCounts`). */
  leafCounts: Int32Array;
  /** Wall time from the first slice sent to the last one scored. */
  millis: number;
  workers: number;
  /** How the first slice was scored: the compiled model (WebAssembly), or the interpreter and why. */
  kernel: KernelState;
}

/**
 * Scores a prepared CSV in the scoring workers (compileModel + predictBatch), so 100k rows never
 * block the page: the rows are split between up to one worker per core, each gets its slice as a
 * matrix of its own (transferred, so the page keeps only the table), and the slices' results are
 * joined in row order. The model is sent to each worker once per `modelId`. Rows per leaf are
 * always counted (traffic); `withLeafNodes` also returns every row's leaf in every tree (see
 * LEAF_NODES_BUDGET).
 */
export async function scoreTable(
  modelId: string,
  model: TreeModel,
  table: PreparedTable,
  options: { withLeafNodes?: boolean; onProgress?: (fraction: number) => void; isHeldForTest?: boolean; slices?: readonly ScoringSlice[] } = {},
): Promise<TableScores> {
  const rows = table.rows;
  const { withLeafNodes = false, onProgress, isHeldForTest = false } = options;
  // The caller's slices when they cover the rows (one per part a page read, with its spare memory), else equal ones.
  const slices = options.slices && options.slices.length <= MAX_WORKERS && options.slices.reduce((sum, slice) => sum + slice.rows, 0) === rows ? options.slices : undefined;
  const count = slices ? slices.length : scoringWorkerCount(rows, navigator.hardwareConcurrency ?? 1);
  while (slots.length < count) slots.push(startSlot());
  const started = performance.now();
  const done = new Float64Array(count);
  let end = 0;
  const bounds = slices ? [0, ...slices.map((slice) => (end += slice.rows))] : Array.from({ length: count + 1 }, (_, index) => Math.round((rows * index) / count));
  const parts = await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const start = bounds[index];
      const sliceRows = bounds[index + 1] - start;
      const report = (fraction: number) => {
        done[index] = fraction * sliceRows;
        onProgress?.(done.reduce((sum, value) => sum + value, 0) / Math.max(1, rows));
      };
      // The test hold stops the first slice only: the whole scoring then waits until it is cancelled.
      return scoreSlice(slots[index], modelId, model, featureMatrix(table, start, sliceRows, slices?.[index].room), sliceRows, withLeafNodes, report, isHeldForTest && index === 0);
    }),
  );
  const leafCounts = parts[0].leafCounts;
  for (const part of parts.slice(1)) for (let index = 0; index < leafCounts.length; index++) leafCounts[index] += part.leafCounts[index];
  return { batch: joinBatches(parts.map((part) => part.batch), bounds.slice(0, -1), rows), leafCounts, millis: performance.now() - started, workers: count, kernel: parts[0].kernel };
}

/** Raised by `scoreTable` when `cancelScoring` stopped it. */
export class ScoringCancelled extends Error {
  constructor() {
    super('scoring was cancelled');
  }
}

/** Terminates every worker (a block loop cannot be interrupted by a message) and rejects what was pending. */
function stopAll(reason: () => Error): void {
  for (const slot of slots.splice(0)) slot.worker.terminate();
  for (const entry of pending.values()) entry.reject(reason());
  pending.clear();
}

/** Stops every scoring request; workers start again, with the model sent anew, on the next request. */
export function cancelScoring(): void {
  stopAll(() => new ScoringCancelled());
}

/** Named files whose one held scoring has been taken. */
const takenTestHolds = new Set<string>();

/**
 * Test hook for deterministic e2e tests, the page's side of `takeTestHold` (main/host/jobs.ts): a
 * test sets `globalThis.splitscopeTestHold = ['scored.csv']` before the app loads, and the first
 * scoring of each named file stops after its first block until it is cancelled. Never set in normal use.
 */
export function takePageTestHold(fileName: string): boolean {
  const names = (globalThis as { splitscopeTestHold?: unknown }).splitscopeTestHold;
  if (!Array.isArray(names) || !names.includes(fileName) || takenTestHolds.has(fileName)) return false;
  takenTestHolds.add(fileName);
  return true;
}
