import { Worker } from 'node:worker_threads';
import { readFile, stat } from 'node:fs/promises';
import type { ModelErrorInfo } from '../../app/formats/errors';
import { parseModelText, ModelParseError, type ParseOptions } from '../../app/formats';
import type { TreeModel } from '../../app/model/types';
import type { Job } from './jobs';

/** A model to parse: a file on disk or text the renderer sent. */
export interface ParseSource {
  fileName: string;
  path?: string;
  text?: string;
}

export type ParseOutcome =
  | { status: 'ok'; model: TreeModel; sizeBytes: number }
  | { status: 'error'; error: ModelErrorInfo }
  | { status: 'cancelled' };

/** Turns a source into a model, reporting progress on the job and stopping when it is cancelled. */
export type ModelParser = (source: ParseSource, options: ParseOptions, job: Job) => Promise<ParseOutcome>;

function unreadable(source: ParseSource, error: unknown): ParseOutcome {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
  return {
    status: 'error',
    error: { code: 'E_FORMAT_UNKNOWN', message: `${source.path ?? source.fileName}: cannot read the model file: ${reason}`, fileName: source.fileName },
  };
}

/** Parses on the calling thread (tests, tools). Cancellation is checked before and after. */
export const inProcessParser: ModelParser = async (source, options, job) => {
  let text = source.text;
  if (text === undefined) {
    try {
      if (!(await stat(source.path!)).isFile()) throw new Error('not a file');
      text = await readFile(source.path!, 'utf8');
    } catch (error) {
      return unreadable(source, error);
    }
  }
  if (job.signal.aborted) return { status: 'cancelled' };
  try {
    return { status: 'ok', model: parseModelText(text, source.fileName, options), sizeBytes: Buffer.byteLength(text) };
  } catch (error) {
    if (!(error instanceof ModelParseError)) throw error;
    return { status: 'error', error: error.info };
  }
};

/**
 * Parses in a worker thread (`parseWorker.mjs` of the build): the main process stays responsive
 * while a 100 MB model loads, progress flows to the job, and cancelling terminates the worker.
 */
export function workerParser(workerPath: string): ModelParser {
  return async (source, options, job) => {
    if (source.path) {
      try {
        if (!(await stat(source.path)).isFile()) throw new Error('not a file');
      } catch (error) {
        return unreadable(source, error);
      }
    }
    return new Promise<ParseOutcome>((resolve, reject) => {
      const worker = new Worker(workerPath, { workerData: { ...source, options } });
      const onAbort = () => {
        void worker.terminate();
        resolve({ status: 'cancelled' });
      };
      job.signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => job.signal.removeEventListener('abort', onAbort);
      worker.on('message', (message: { type: string; [key: string]: unknown }) => {
        if (message.type === 'progress') return job.report(message.fraction as number | null, message.label as string);
        settle();
        void worker.terminate();
        if (message.type === 'ok') resolve({ status: 'ok', model: message.model as TreeModel, sizeBytes: message.sizeBytes as number });
        else if (message.type === 'error') resolve({ status: 'error', error: message.info as ModelErrorInfo });
        else reject(new Error(`model parser crashed: ${String(message.message)}`));
      });
      worker.on('error', (error) => {
        settle();
        reject(error);
      });
    });
  };
}
