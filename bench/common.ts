import { parseModelText } from '../app/formats';
import { serializeModel } from '../app/model/serialize';
import type { TreeModel } from '../app/model/types';

/** Shared helpers of the benchmarks. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Collects garbage between timed runs (the bench runner starts Node with --expose-gc). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function nodeCount(model: TreeModel): number {
  return model.trees.reduce((sum, tree) => sum + tree.nodes.length, 0);
}

/**
 * Median times of parsing `text` and of JSON.parse of its serialized IR, interleaved so both see the
 * same machine load; prints both and their ratio against the ≤ 2× goal. Returns the ratio (NaN when
 * the text does not parse).
 */
export function compareParseWithJson(label: string, text: string, runs = 7): number {
  let model: TreeModel;
  try {
    model = parseModelText(text, label);
  } catch (error) {
    console.log(`${label}: ${megabytes(text.length)} text: parse FAILED: ${(error as Error).message.slice(0, 200)}`);
    return NaN;
  }
  const json = serializeModel(model);
  const parseTimes: number[] = [];
  const jsonTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    collectGarbage();
    let start = performance.now();
    parseModelText(text, label);
    parseTimes.push(performance.now() - start);
    collectGarbage();
    start = performance.now();
    JSON.parse(json);
    jsonTimes.push(performance.now() - start);
  }
  const ratio = median(parseTimes) / median(jsonTimes);
  console.log(
    `${label}: ${megabytes(text.length)} text, ${model.trees.length} trees, ${nodeCount(model)} nodes; IR JSON ${megabytes(json.length)}\n` +
      `  parseModelText ${median(parseTimes).toFixed(1)} ms vs JSON.parse(IR) ${median(jsonTimes).toFixed(1)} ms (medians of ${runs}) → ratio ${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`,
  );
  return ratio;
}
