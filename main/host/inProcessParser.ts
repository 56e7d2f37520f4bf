import { stat } from 'node:fs/promises';
import { parsePackedModel, ModelParseError } from '../../app/formats';
import { parseModelFile } from './modelFile';
import { unreadable, type ModelParser } from './modelParser';

/*
 * The parser that runs on the calling thread (tests, tools, a host made without a parser). A module
 * of its own, loaded only when used: the formats' code (about 13 MB of RSS once loaded) stays out of
 * a host that parses in its worker, as the browser-mode host and Electron's main process do.
 */

/** Parses on the calling thread. Cancellation is checked before and after. */
export const inProcessParser: ModelParser = async (source, options, job) => {
  if (source.text === undefined) {
    try {
      if (!(await stat(source.path!)).isFile()) throw new Error('not a file');
    } catch (error) {
      return unreadable(source, error);
    }
  }
  if (job.signal.aborted) return { status: 'cancelled' };
  try {
    const parsed =
      source.text === undefined
        ? parseModelFile(source.path!, source.fileName, options)
        : { model: parsePackedModel(source.text, source.fileName, options), sizeBytes: Buffer.byteLength(source.text) };
    return { status: 'ok', model: parsed.model, sizeBytes: parsed.sizeBytes };
  } catch (error) {
    if (!(error instanceof ModelParseError)) throw error;
    return { status: 'error', error: error.info };
  }
};

