import { Worker } from 'node:worker_threads';
import type { BatchPrediction, KernelChoice, KernelState } from '../../app/eval/types';
import type { PackedModel } from '../../app/model/packed';

/** What a scoring thread starts with. */
export interface ScoreThreadData {
  model: PackedModel;
  kernel: KernelChoice;
}

export interface ScoreThreadRequest {
  id: number;
  /** Rows × features, transferred. */
  values: Float64Array;
  rows: number;
  leafNodes: boolean;
}

/** A batch scored or refused; `ready` once, when the thread has compiled its model and can score. */
export type ScoreThreadReply = { id: number; batch: BatchPrediction; kernel: KernelState } | { id: number; error: string } | { ready: true };

interface Pending {
  resolve: (batch: BatchPrediction) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that score matrices for `splitscope predict --threads N`. Each thread holds its own
 * compiled model; a batch goes to the thread with the fewest batches waiting, so the main thread can
 * read and write while they score. Answers come back in any order: the caller keeps its own order.
 */
export class ScoringThreads {
  private readonly threads: { worker: Worker; waiting: number; isReady: boolean }[] = [];
  private readyWaiters: (() => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  /** How the last batch was scored (the threads all compile the same model). */
  kernel: KernelState | undefined;

  /** How many threads score. */
  get count(): number {
    return this.threads.length;
  }

  constructor(scriptPath: string, model: PackedModel, count: number, kernel: KernelChoice) {
    const data: ScoreThreadData = { model, kernel };
    for (let index = 0; index < count; index++) {
      const worker = new Worker(scriptPath, { workerData: data });
      const thread = { worker, waiting: 0, isReady: false };
      worker.on('message', (reply: ScoreThreadReply) => {
        if ('ready' in reply) {
          thread.isReady = true;
          if (this.isReady) for (const resolve of this.readyWaiters.splice(0)) resolve();
          return;
        }
        thread.waiting--;
        const entry = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (!entry) return;
        if ('error' in reply) entry.reject(new Error(reply.error));
        else {
          this.kernel = reply.kernel;
          entry.resolve(reply.batch);
        }
      });
      worker.on('error', (error) => this.fail(new Error(`a scoring thread failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a scoring thread stopped (exit code ${code})`));
      });
      this.threads.push(thread);
    }
  }

  /** Whether every thread has compiled its model. */
  get isReady(): boolean {
    return this.threads.every((thread) => thread.isReady);
  }

  /** Resolves once every thread has compiled its model (`isReady`). */
  whenReady(): Promise<void> {
    return this.isReady ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /**
   * Whether every thread is busy: it has at least `batches` batches it has not answered yet, or it
   * is still starting (a Node thread, its modules and its compiled model take ~0.3 s, in which the
   * main thread scores rather than waits).
   */
  allHave(batches: number): boolean {
    return this.threads.every((thread) => !thread.isReady || thread.waiting >= batches);
  }

  /** Scores `rows` rows of `values` (handed over: the caller must not use it again). */
  score(values: Float64Array, rows: number, leafNodes: boolean): Promise<BatchPrediction> {
    if (this.failure) return Promise.reject(this.failure);
    // A ready thread before one still starting, then the one with the fewest batches waiting.
    const thread = this.threads.reduce((best, candidate) =>
      candidate.isReady !== best.isReady ? (candidate.isReady ? candidate : best) : candidate.waiting < best.waiting ? candidate : best,
    );
    const id = this.nextId++;
    const request: ScoreThreadRequest = { id, values, rows, leafNodes };
    thread.waiting++;
    return new Promise<BatchPrediction>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.worker.postMessage(request, [values.buffer as ArrayBuffer]);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }
}
