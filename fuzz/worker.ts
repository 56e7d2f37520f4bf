/**
 * Parses one input the way the app does (detect, adapter into the packed form, the binary file the
 * bridge carries, read back with every check, then compile for scoring) and says how it ended. Runs in a worker thread with a heap limit, so an endless loop or runaway memory is caught
 * by the runner instead of taking the fuzzer down.
 */
import { parentPort } from 'node:worker_threads';
import { compileModel } from '../app/eval';
import { ModelParseError, parsePackedModel } from '../app/formats';
import { decodePackedModel, encodePackedModel } from '../app/model/packedCodec';

export type Outcome =
  | { kind: 'ok' }
  | { kind: 'rejected'; code: string; hasPosition: boolean; message: string }
  | { kind: 'crash'; message: string; stack: string };

parentPort!.on('message', ({ text, fileName }: { text: string; fileName: string }) => {
  let outcome: Outcome;
  try {
    const model = decodePackedModel(encodePackedModel(parsePackedModel(text, fileName)));
    compileModel(model);
    outcome = { kind: 'ok' };
  } catch (error) {
    if (error instanceof ModelParseError) {
      const position = error.info.position;
      outcome = { kind: 'rejected', code: error.info.code, hasPosition: !!position && position.line > 0 && position.column > 0, message: error.message.slice(0, 300) };
    } else {
      const failure = error as Error;
      outcome = { kind: 'crash', message: `${failure?.name}: ${failure?.message}`.slice(0, 300), stack: String(failure?.stack ?? '').slice(0, 2000) };
    }
  }
  parentPort!.postMessage(outcome);
});
