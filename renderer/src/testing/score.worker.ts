/// <reference lib="webworker" />
import { compileModel, joinBatches } from '../../../app/eval';
import { decodePackedModel } from '../../../app/model/packedCodec';
import type { BatchPrediction, CompiledModel, KernelChoice } from '../../../app/eval/types';
import type { ScoreMessage, ScoreResponse, ScoringModelBytes } from './scoreProtocol';

/*
 * Scores CSV rows off the UI thread: the model is sent and compiled once per model id, then each
 * request's matrix is scored in blocks with progress, and the columnar results come back transferred.
 * Rows per leaf are counted here (traffic); each row's leaf in every tree is made only when asked for
 * (the page keeps them up to a budget, and the exported results' leaf columns need them).
 */
let current: { id: string; compiled: CompiledModel; nodeCount: number } | undefined;

const BLOCK_ROWS = 8_192;

/** The model compiled, with its node count (the length of the rows-per-leaf counts); its bytes are checked as any packed file is. */
function load(id: string, bytes: ScoringModelBytes, kernel: KernelChoice): { id: string; compiled: CompiledModel; nodeCount: number } {
  const model = decodePackedModel(bytes);
  const starts = model.forest.treeNodeStart;
  return { id, compiled: compileModel(model, { kernel }), nodeCount: starts[starts.length - 1] };
}

self.onmessage = (event: MessageEvent<ScoreMessage>) => {
  const request = event.data;
  if (request.kind === 'load') {
    current = load(request.modelId, request.model, request.kernel);
    // A model opened is compiled before any CSV comes: a dropped CSV pays only for its scoring.
    current.compiled.prepare();
    return;
  }
  try {
    if (!current || current.id !== request.modelId) {
      if (!request.model) throw new Error('model not sent');
      current = load(request.modelId, request.model, request.kernel);
    }
    const compiled = current.compiled;
    const { rows, values } = request;
    const width = compiled.numFeatures;
    const started = performance.now();
    const leafCounts = new Int32Array(current.nodeCount);
    // One call for small tables; blocks for big ones so progress reaches the page.
    const parts: { start: number; batch: BatchPrediction }[] = [];
    for (let start = 0; start < rows; start += BLOCK_ROWS) {
      const count = Math.min(BLOCK_ROWS, rows - start);
      parts.push({ start, batch: compiled.predictBatch(values.subarray(start * width, (start + count) * width), count, { leafNodes: request.withLeafNodes, leafCounts }) });
      const message: ScoreResponse = { kind: 'progress', requestId: request.requestId, fraction: (start + count) / rows };
      (self as unknown as Worker).postMessage(message);
      if (request.isHeldForTest) return; // until cancelled: cancelling terminates this worker
    }
    // No rows: one empty batch, so the answer has the model's shape.
    if (parts.length === 0) parts.push({ start: 0, batch: compiled.predictBatch(values, 0, { leafNodes: request.withLeafNodes }) });
    const batch = joinBatches(
      parts.map((part) => part.batch),
      parts.map((part) => part.start),
      rows,
    );
    const response: ScoreResponse = {
      kind: 'done',
      requestId: request.requestId,
      millis: performance.now() - started,
      batch,
      leafCounts,
      kernel: compiled.kernel,
    };
    const transfer = [batch.raw.buffer, batch.prediction.buffer, batch.predictedClass.buffer, ...(batch.leafNodes ? [batch.leafNodes.buffer] : []), leafCounts.buffer];
    (self as unknown as Worker).postMessage(response, transfer);
  } catch (error) {
    const response: ScoreResponse = { kind: 'error', requestId: request.requestId, message: (error as Error).message };
    (self as unknown as Worker).postMessage(response);
  }
};
