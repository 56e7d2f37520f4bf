import { describe, expect, it } from 'vitest';
import { parseModelText } from '../../app/formats';
import { deserializeModel, serializeModel } from '../../app/model/serialize';
import { readCorpus } from '../../app/testing/shared';
import { writeModelJson } from './inspect';

/** A stdout that takes chunks, asks the writer to wait every third write, and keeps what it got. */
function collector() {
  const chunks: string[] = [];
  let drains = 0;
  let pending: (() => void) | undefined;
  return {
    chunks,
    get drains() {
      return drains;
    },
    write(chunk: string) {
      chunks.push(chunk);
      return chunks.length % 3 !== 0;
    },
    once(_event: 'drain', listener: () => void) {
      pending = listener;
      drains++;
      setImmediate(() => {
        const resume = pending;
        pending = undefined;
        resume?.();
      });
    },
  };
}

describe('inspect --json writes the model one tree at a time', () => {
  it('equals the whole-model JSON once parsed, in chunks of about a megabyte, waiting for drain', async () => {
    const name = 'lightgbm/keiba_binary_nan_missing_v4.txt';
    const model = parseModelText(readCorpus(name), name);
    const output = collector();
    await writeModelJson(model, output);
    const text = output.chunks.join('');
    expect(deserializeModel(text)).toEqual(deserializeModel(serializeModel(model, 2)));
    expect(text.length).toBeGreaterThan(8 << 20);
    // Never one string for the whole output: each write is a bounded slice of it.
    expect(Math.max(...output.chunks.map((chunk) => chunk.length))).toBeLessThan(2 << 20);
    expect(output.drains).toBeGreaterThan(0);
  });

  it('keeps infinite thresholds and an empty tree list valid JSON', async () => {
    const name = 'lightgbm/keiba_binary_nan_missing_v4.txt';
    const model = parseModelText(readCorpus(name), name);
    const output = collector();
    await writeModelJson({ ...model, trees: [] }, output);
    expect(deserializeModel(output.chunks.join(''))).toEqual({ ...model, trees: [] });
  });
});
