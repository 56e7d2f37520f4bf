/// <reference lib="webworker" />
import { compileModel } from '../../../app/eval';
import type { BatchPrediction, CompiledModel } from '../../../app/eval/types';
import type { ScoreMessage, ScoreResponse } from './scoreProtocol';

/*
 * Scores CSV rows off the UI thread: the model is sent and compiled once per model id, then each
 * request's matrix is scored in blocks with progress, and the columnar results come back transferred.
 * Rows per leaf are counted here (traffic); each row's leaf in every tree is made only when asked for
 * (the page keeps them up to a budget, and the exported results' leaf columns need them).
 */
let current: { id: string; compiled: CompiledModel; nodeCount: number } | undefined;

const BLOCK_ROWS = 8_192;

self.onmessage = (event: MessageEvent<ScoreMessage>) => {
  const request = event.data;
  if (request.kind === 'load') {
    const starts = request.model.forest.treeNodeStart;
    current = { id: request.modelId, compiled: compileModel(request.model), nodeCount: starts[starts.length - 1] };
    return;
  }
  try {
    if (!current || current.id !== request.modelId) {
      if (!request.model) throw new Error('model not sent');
      const starts = request.model.forest.treeNodeStart;
      current = { id: request.modelId, compiled: compileModel(request.model), nodeCount: starts[starts.length - 1] };
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
    const numOutputs = compiled.numOutputs;
    const numTrees = compiled.numTrees;
    const predictionWidth = parts[0]?.batch.predictionWidth ?? numOutputs;
    const raw = new Float64Array(rows * numOutputs);
    const prediction = new Float64Array(rows * predictionWidth);
    const predictedClass = new Int32Array(rows);
    const leafNodes = request.withLeafNodes ? new Int32Array(rows * numTrees) : undefined;
    const errors = new Map<number, string>();
    for (const { start, batch } of parts) {
      raw.set(batch.raw, start * numOutputs);
      prediction.set(batch.prediction, start * predictionWidth);
      predictedClass.set(batch.predictedClass, start);
      if (leafNodes) leafNodes.set(batch.leafNodes!, start * numTrees);
      for (const [row, reason] of batch.errors) errors.set(start + row, reason);
    }
    const response: ScoreResponse = {
      kind: 'done',
      requestId: request.requestId,
      millis: performance.now() - started,
      batch: { rows, numOutputs, numTrees, raw, prediction, predictionWidth, predictedClass, leafNodes, errors },
      leafCounts,
    };
    const transfer = [raw.buffer, prediction.buffer, predictedClass.buffer, ...(leafNodes ? [leafNodes.buffer] : []), leafCounts.buffer];
    (self as unknown as Worker).postMessage(response, transfer);
  } catch (error) {
    const response: ScoreResponse = { kind: 'error', requestId: request.requestId, message: (error as Error).message };
    (self as unknown as Worker).postMessage(response);
  }
};
