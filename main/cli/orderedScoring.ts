import { csvLine } from '../../app/data/format';
import type { ReadRows, TableScorer } from '../../app/data/scoring';
import type { BatchPrediction } from '../../app/eval/types';
import type { CliWritable } from './io';
import type { ScoringThreads } from './scoreThreads';

/** Rows per batch sent to a scoring thread: big enough that a thread's call costs little per row. */
const BATCH_ROWS = 8_192;
/** Batches waiting per thread before the reader holds: enough to keep every thread busy. */
const WAITING_PER_THREAD = 2;

interface Entry {
  read: ReadRows;
  batch: BatchPrediction | undefined;
  isDone: boolean;
}

/**
 * `splitscope predict --threads N`: the main thread reads cells into batches (`TableScorer.readRows`,
 * so row and column checks and their stats stay in file order), the threads score them, and the
 * scored rows are written in file order as each head of the queue comes back. Memory stays flat: the
 * reader is held while the threads have `WAITING_PER_THREAD` batches each or the output is full.
 */
export class OrderedScoring {
  private pending: (readonly string[])[] = [];
  private pendingFirstRow = 0;
  private readonly queue: Entry[] = [];
  private isOutputFull = false;
  private roomWaiters: (() => void)[] = [];
  private emptyWaiters: (() => void)[] = [];
  private readonly limit: number;

  constructor(
    private readonly threads: ScoringThreads,
    private readonly leafNodes: boolean,
    private readonly output: CliWritable,
    private readonly fail: (error: unknown) => void,
  ) {
    this.limit = WAITING_PER_THREAD * threads.count;
  }

  /** Takes a chunk's data rows (file row `firstRow` first); sends a batch once enough have come. */
  add(scorer: TableScorer, rows: readonly (readonly string[])[], firstRow: number): void {
    if (this.pending.length === 0) this.pendingFirstRow = firstRow;
    for (const row of rows) this.pending.push(row);
    if (this.pending.length >= BATCH_ROWS) this.flush(scorer);
  }

  /** Sends the rows held so far (the end of the file). Throws the reader's DataError. */
  flush(scorer: TableScorer): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const read = scorer.readRows(rows, this.pendingFirstRow);
    const entry: Entry = { read, batch: undefined, isDone: read.kept.length === 0 };
    this.queue.push(entry);
    if (entry.isDone) return this.writeReady(scorer);
    this.threads.score(read.values, read.kept.length, this.leafNodes).then(
      (batch) => {
        entry.batch = batch;
        entry.isDone = true;
        this.writeReady(scorer);
      },
      (error) => this.fail(error),
    );
  }

  /** The reader must wait: enough batches are waiting, or the output asked to wait. */
  isFull(): boolean {
    return this.queue.length >= this.limit || this.isOutputFull;
  }

  /** Calls `resume` once there is room again (at once if there is). */
  whenRoom(resume: () => void): void {
    if (this.isFull()) this.roomWaiters.push(resume);
    else queueMicrotask(resume);
  }

  /** Calls `done` once every batch sent has been written. */
  whenEmpty(done: () => void): void {
    if (this.queue.length === 0) done();
    else this.emptyWaiters.push(done);
  }

  private writeReady(scorer: TableScorer): void {
    try {
      let text = '';
      while (this.queue.length > 0 && this.queue[0].isDone) {
        const entry = this.queue.shift()!;
        if (entry.batch) for (const row of scorer.formatRows(entry.read, entry.batch)) text += csvLine(row);
      }
      if (text.length > 0 && !this.output.write(text) && this.output.once) {
        this.isOutputFull = true;
        this.output.once('drain', () => {
          this.isOutputFull = false;
          this.release();
        });
      }
      this.release();
    } catch (error) {
      this.fail(error);
    }
  }

  private release(): void {
    if (this.queue.length === 0) {
      const waiters = this.emptyWaiters;
      this.emptyWaiters = [];
      for (const done of waiters) done();
    }
    if (this.isFull()) return;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const resume of waiters) resume();
  }
}
