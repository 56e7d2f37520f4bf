import type { BatchPrediction } from './types';

/**
 * Batches of consecutive rows scored apart (blocks of one worker, slices of several) as one batch,
 * in row order: `starts[i]` is the first row of `batches[i]`, `rows` the rows of all. One batch
 * covering every row comes back as it is.
 */
export function joinBatches(batches: readonly BatchPrediction[], starts: readonly number[], rows: number): BatchPrediction {
  const first = batches[0];
  if (batches.length === 1 && starts[0] === 0 && first.rows === rows) return first;
  const { numOutputs, numTrees } = first;
  const predictionWidth = first.predictionWidth ?? numOutputs;
  const raw = new Float64Array(rows * numOutputs);
  const prediction = new Float64Array(rows * predictionWidth);
  const predictedClass = new Int32Array(rows);
  const leafNodes = first.leafNodes ? new Int32Array(rows * numTrees) : undefined;
  const errors = new Map<number, string>();
  batches.forEach((batch, index) => {
    const start = starts[index];
    raw.set(batch.raw, start * numOutputs);
    prediction.set(batch.prediction, start * predictionWidth);
    predictedClass.set(batch.predictedClass, start);
    if (leafNodes && batch.leafNodes) leafNodes.set(batch.leafNodes, start * numTrees);
    for (const [row, reason] of batch.errors) errors.set(start + row, reason);
  });
  return { rows, numOutputs, numTrees, raw, prediction, predictionWidth: first.predictionWidth, predictedClass, leafNodes, errors };
}
