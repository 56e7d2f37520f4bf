import type { BatchPrediction } from '../../../app/eval/types';
import type { TreeModel } from '../../../app/model/types';
import { packModel } from '../../../app/model/forestBuilder';
import type { ScoreRequest, ScoreResponse } from './scoreProtocol';

let worker: Worker | undefined;
let sentModel: string | undefined;
let requestCounter = 0;
const pending = new Map<number, { resolve: (batch: { batch: BatchPrediction; millis: number }) => void; reject: (error: Error) => void; onProgress?: (fraction: number) => void }>();

function ensureWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./score.worker.ts', import.meta.url), { type: 'module', name: 'splitscope-score' });
  worker.onmessage = (event: MessageEvent<ScoreResponse>) => {
    const entry = pending.get(event.data.requestId);
    if (!entry) return;
    if (event.data.kind === 'progress') return entry.onProgress?.(event.data.fraction);
    pending.delete(event.data.requestId);
    if (event.data.kind === 'done') entry.resolve({ batch: event.data.batch, millis: event.data.millis });
    else entry.reject(new Error(event.data.message));
  };
  worker.onerror = (event) => {
    for (const entry of pending.values()) entry.reject(new Error(`the scoring worker failed: ${event.message}`));
    pending.clear();
    worker = undefined;
    sentModel = undefined;
  };
  return worker;
}

/**
 * Scores a row-major matrix in the scoring worker (compileModel + predictBatch with leaf nodes), so
 * 100k rows never block the page. The model is sent once per `modelId`.
 */
export function scoreInWorker(
  modelId: string,
  model: TreeModel,
  values: Float64Array,
  rows: number,
  onProgress?: (fraction: number) => void,
  isHeldForTest = false,
): Promise<{ batch: BatchPrediction; millis: number }> {
  const target = ensureWorker();
  const requestId = ++requestCounter;
  const request: ScoreRequest = { kind: 'score', requestId, modelId, model: sentModel === modelId ? undefined : packModel(model), values, rows, isHeldForTest };
  sentModel = modelId;
  return new Promise((resolve, reject) => {
    pending.set(requestId, { resolve, reject, onProgress });
    target.postMessage(request);
  });
}

/** Raised by `scoreInWorker` when `cancelScoring` stopped it. */
export class ScoringCancelled extends Error {
  constructor() {
    super('scoring was cancelled');
  }
}

/**
 * Stops every scoring request: the worker is terminated (a block loop cannot be interrupted by a
 * message) and started again, with the model sent anew, on the next request.
 */
export function cancelScoring(): void {
  worker?.terminate();
  worker = undefined;
  sentModel = undefined;
  for (const entry of pending.values()) entry.reject(new ScoringCancelled());
  pending.clear();
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
