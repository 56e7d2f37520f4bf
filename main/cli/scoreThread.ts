/*
 * A scoring thread of `splitscope predict --threads N` (built as dist/main/scoreThread.mjs): compiles
 * the packed model it is started with, then scores each matrix it is sent and sends the batch back,
 * its arrays transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileModel } from '../../app/eval';
import type { BatchPrediction } from '../../app/eval/types';
import type { ScoreThreadData, ScoreThreadReply, ScoreThreadRequest } from './scoreThreads';

const { model, kernel } = workerData as ScoreThreadData;
const compiled = compileModel(model, { kernel });
// Big files are what threads are for: compile now, while the main thread reads the first rows.
compiled.prepare();
// Until this arrives the main thread scores the batches itself (`ScoringThreads.allHave`).
parentPort!.postMessage({ ready: true } satisfies ScoreThreadReply);

parentPort!.on('message', (request: ScoreThreadRequest) => {
  let reply: ScoreThreadReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const batch: BatchPrediction = compiled.predictBatch(request.values, request.rows, { leafNodes: request.leafNodes });
    reply = { id: request.id, batch, kernel: compiled.kernel };
    transfer = [batch.raw.buffer, batch.prediction.buffer, batch.predictedClass.buffer, ...(batch.leafNodes ? [batch.leafNodes.buffer] : [])] as ArrayBuffer[];
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply, transfer);
});
