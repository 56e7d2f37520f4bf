import type { ReadRows, TableScorer } from '../../app/data/scoring';
import type { BatchPrediction, CompiledModel } from '../../app/eval/types';
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
 * `splitscope predict --threads N`: the main thread reads each chunk's cells into numbers at once
 * (`TableScorer.readLines` or `readRows`, so row and column checks and their stats stay in file
 * order; the cell strings die young, where holding 8,192 rows of them cost ~0.5 s of garbage
 * collection on 100k rows), joins the chunks into batches, the threads score them (the main thread
 * too, when they are busy: see the constructor), and the scored rows are written in file order as
 * each head of the queue comes back. Memory stays flat: the reader is held while the queue is full
 * (`WAITING_PER_THREAD` batches per thread, one more when the main thread scores) or the output is.
 */
export class OrderedScoring {
  /** Chunks read into numbers, not yet sent: cell strings die with their chunk, young. */
  private pending: ReadRows[] = [];
  private pendingRows = 0;
  private readonly queue: Entry[] = [];
  private isOutputFull = false;
  private roomWaiters: (() => void)[] = [];
  private emptyWaiters: (() => void)[] = [];
  private readonly limit: number;

  /** Batches scored here, on the main thread (the rest went to the threads). */
  scoredHere = 0;

  /**
   * `local`: the main thread's own compiled model. A batch is scored with it, here, when every
   * thread already has `WAITING_PER_THREAD` batches to score, so the main thread scores between its
   * reads instead of waiting, and `--threads 2` scores on both cores. Two batches waiting, not one:
   * the thread must not run dry while the main thread scores. Measured on 500 × 255 leaves and 100k
   * rows (CPU profiles of both threads): with one, the scoring thread sat idle 324 ms; with two,
   * 95 ms, the main thread scoring 3 or 4 of the 13 batches.
   */
  constructor(
    private readonly threads: ScoringThreads,
    private readonly leafNodes: boolean,
    private readonly output: CliWritable,
    private readonly fail: (error: unknown) => void,
    private readonly local?: CompiledModel,
  ) {
    // One batch more per thread when the main thread scores too, so it scores while they do.
    this.limit = (WAITING_PER_THREAD + (local ? 1 : 0)) * threads.count;
  }

  /** Takes rows already read (`readRows` or `readLines`, in file order); sends a batch once enough have come. */
  addRead(scorer: TableScorer, read: ReadRows): void {
    this.pending.push(read);
    this.pendingRows += read.kept.length;
    if (this.pendingRows >= BATCH_ROWS) this.flush(scorer);
  }

  /** Sends the rows held so far (the end of the file). */
  flush(scorer: TableScorer): void {
    if (this.pending.length === 0) return;
    const read = joinReadRows(this.pending, this.pendingRows, scorer.mapping.featureColumns.length);
    this.pending = [];
    this.pendingRows = 0;
    const entry: Entry = { read, batch: undefined, isDone: read.kept.length === 0 };
    this.queue.push(entry);
    if (entry.isDone) return this.writeReady(scorer);
    if (this.local && this.threads.allHave(WAITING_PER_THREAD)) {
      try {
        entry.batch = this.local.predictBatch(read.values, read.kept.length, { leafNodes: this.leafNodes });
      } catch (error) {
        return this.fail(error);
      }
      entry.isDone = true;
      this.scoredHere++;
      return this.writeReady(scorer);
    }
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
        if (entry.batch) text += scorer.formatLines(entry.read, entry.batch);
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

/**
 * Consecutive chunks' rows as one: their matrices end to end, each kept row's index counted from
 * the first chunk's first row (chunks follow each other in the file, so file rows stay right).
 */
function joinReadRows(parts: readonly ReadRows[], rows: number, features: number): ReadRows {
  if (parts.length === 1) return parts[0];
  const firstRow = parts[0].firstRow;
  const values = new Float64Array(rows * features);
  const kept: number[] = [];
  const rowErrors = new Map<number, string>();
  for (const part of parts) {
    const position = kept.length;
    values.set(part.values, position * features);
    for (const [at, reason] of part.rowErrors) rowErrors.set(position + at, reason);
    const shift = part.firstRow - firstRow;
    for (const index of part.kept) kept.push(shift + index);
  }
  const last = parts[parts.length - 1];
  return { values, kept, rowErrors, firstRow, lines: last.firstRow + last.lines - firstRow };
}
