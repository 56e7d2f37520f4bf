import type { ResourceLimits } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import type { ModelErrorInfo } from '../../app/formats/errors';
import type { ParseOptions } from '../../app/formats';
import type { PackedModel } from '../../app/model/packed';
import { checkPackedModel } from '../../app/model/packedCodec';
import type { Job } from './jobs';
import { ParseWorker, type ParseSource } from './parseWorkerThread';

export type { ParseSource } from './parseWorkerThread';

/**
 * A parsed model, packed (`app/model/packed.ts`): what the host keeps, and what crosses the bridge
 * as its parts (`encodePackedParts`, views of its columns).
 */
export type ParseOutcome =
  | { status: 'ok'; model: PackedModel; sizeBytes: number }
  | { status: 'error'; error: ModelErrorInfo }
  | { status: 'cancelled' };

/** Turns a source into a model, reporting progress on the job and stopping when it is cancelled. */
export type ModelParser = (source: ParseSource, options: ParseOptions, job: Job) => Promise<ParseOutcome>;

/** The answer for a model file that cannot be read (no such file, not a file, no permission). */
export function unreadable(source: ParseSource, error: unknown): ParseOutcome {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
  return {
    status: 'error',
    error: { code: 'E_FORMAT_UNKNOWN', message: `${source.path ?? source.fileName}: cannot read the model file: ${reason}`, fileName: source.fileName },
  };
}

/** Why a parse worker ended without an answer; the file may be fine (the machine ran out of memory, a bug). */
export type ParserStopCode = 'E_PARSER_CRASHED' | 'E_PARSER_OUT_OF_MEMORY' | 'E_PARSER_EXITED';

/** The parse worker stopped without a result: thrown (not a `ParseOutcome`) because no line of the file is at fault. */
export class ParserStoppedError extends Error {
  constructor(
    readonly code: ParserStopCode,
    readonly fileName: string,
    detail: string,
  ) {
    super(`${fileName}: ${detail} (${code})`);
    this.name = 'ParserStoppedError';
  }
}

export interface WorkerParserOptions {
  /** Heap limits of each parse worker; a file that needs more ends its worker, not the process. */
  resourceLimits?: ResourceLimits;
  /**
   * A worker started before the host (the startup model's, main/web/index.ts): the parser's first
   * parse takes it over when it reads the same file with the same options, and ends it otherwise.
   */
  early?: ParseWorker;
}

/**
 * Parses in a worker thread (`parseWorker.mjs` of the build): the main process stays responsive
 * while a 100 MB model loads, progress flows to the job, and cancelling terminates the worker.
 * Every way a worker can end settles the job: its answer, a cancel (also one that came before the
 * worker started), an uncaught error, running out of memory, or exiting without a word.
 */
export function workerParser(workerPath: string, workerOptions: WorkerParserOptions = {}): ModelParser {
  let early = workerOptions.early;
  return async (source, options, job) => {
    // The worker started early serves the first parse, if that parse is of its file; no later one.
    const started = early?.reads(source, options) ? early : undefined;
    if (early && !started) early.terminate();
    early = undefined;
    if (source.path) {
      try {
        if (!(await stat(source.path)).isFile()) throw new Error('not a file');
      } catch (error) {
        started?.terminate();
        return unreadable(source, error);
      }
    }
    // An already-aborted signal never fires 'abort' again: a cancel that came first must be seen here.
    if (job.signal.aborted) {
      started?.terminate();
      return { status: 'cancelled' };
    }
    return new Promise<ParseOutcome>((resolve, reject) => {
      const worker = started ?? new ParseWorker(workerPath, source, options, workerOptions.resourceLimits);
      let isSettled = false;
      const settle = (outcome: { value: ParseOutcome } | { error: Error }) => {
        if (isSettled) return;
        isSettled = true;
        job.signal.removeEventListener('abort', onAbort);
        worker.terminate();
        if ('value' in outcome) resolve(outcome.value);
        else reject(outcome.error);
      };
      const stopped = (code: ParserStopCode, detail: string) => settle({ error: new ParserStoppedError(code, source.fileName, detail) });
      const onAbort = () => settle({ value: { status: 'cancelled' } });
      job.signal.addEventListener('abort', onAbort, { once: true });
      const onMessage = (message: { type: string; [key: string]: unknown }) => {
        if (message.type === 'progress') return job.report(message.fraction as number | null, message.label as string);
        if (message.type === 'preview') {
          return job.preview({ fileName: source.fileName, treeCount: message.treeCount as number, packedBytes: new Uint8Array(message.packed as ArrayBuffer) });
        }
        if (message.type === 'ok') {
          // The worker transferred the columns (no copy); checking them checks every length, index and child link.
          const model = message.model as PackedModel;
          try {
            checkPackedModel(model);
          } catch (error) {
            return stopped('E_PARSER_CRASHED', `the model parser sent a damaged model: ${(error as Error).message}`);
          }
          settle({ value: { status: 'ok', model, sizeBytes: message.sizeBytes as number } });
        }
        else if (message.type === 'error') settle({ value: { status: 'error', error: message.info as ModelErrorInfo } });
        else stopped('E_PARSER_CRASHED', `the model parser failed: ${String(message.message)}`);
      };
      // An early worker's events so far come first, in order, then each as it comes.
      worker.follow((event) => {
        if (isSettled) return;
        if (event.kind === 'message') onMessage(event.message);
        else if (event.kind === 'error') {
          if (event.error.code === 'ERR_WORKER_OUT_OF_MEMORY') stopped('E_PARSER_OUT_OF_MEMORY', 'the model parser ran out of memory');
          else stopped('E_PARSER_CRASHED', `the model parser failed: ${event.error.message}`);
        }
        // After 'error' or an answer this changes nothing; alone it means the worker ended without a word.
        else stopped('E_PARSER_EXITED', `the model parser stopped with exit code ${event.code} before it answered`);
      });
    });
  };
}
