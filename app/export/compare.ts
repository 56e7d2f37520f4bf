import { readResponseNumber } from './exactJson';
import type { GoldenExpectation } from './golden';
import { binaryProbabilities, type OutputShape } from './response';

/** The first difference between a service's answer and the app's prediction for one row. */
export interface RowMismatch {
  /** 0-based index of the golden row. */
  row: number;
  /** What differs, e.g. `probabilities[1]` or `leaves[12]`. */
  field: string;
  expected: string;
  actual: string;
}

function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Compares one response row (as `JSON.parse` gives it, answered with `explain=1`) with the app's
 * prediction. Numbers must be identical (`Object.is`: −0 differs from 0, NaN equals NaN).
 * Returns undefined when everything matches.
 */
export function compareRow(shape: OutputShape, row: number, expected: GoldenExpectation, actual: unknown): RowMismatch | undefined {
  const mismatch = (field: string, want: unknown, got: unknown): RowMismatch => ({ row, field, expected: show(want), actual: show(got) });
  if (typeof actual !== 'object' || actual === null) return mismatch('row', 'an object', actual);
  const answer = actual as Record<string, unknown>;
  const numbers = (field: string, want: readonly number[], got: unknown): RowMismatch | undefined => {
    if (!Array.isArray(got) || got.length !== want.length) return mismatch(field, want, got);
    for (let i = 0; i < want.length; i++) {
      const value = readResponseNumber(got[i]);
      if (value === undefined || !Object.is(value, want[i])) return mismatch(`${field}[${i}]`, want[i], got[i]);
    }
    return undefined;
  };
  if (expected.error !== undefined) {
    if (answer.error !== expected.error) return mismatch('error', expected.error, answer.error);
    if (answer.prediction !== null) return mismatch('prediction', null, answer.prediction);
  } else if (shape.isClassifier && expected.class !== undefined) {
    if (answer.class !== expected.class) return mismatch('class', expected.class, answer.class);
    const label = shape.classes?.[expected.class] ?? expected.class;
    if (answer.prediction !== label) return mismatch('prediction', label, answer.prediction);
    const scores =
      shape.scores === 'probabilities'
        ? numbers('probabilities', expected.prediction, answer.probabilities)
        : shape.scores === 'votes'
          ? numbers('votes', expected.prediction, answer.votes)
          : shape.scores === 'binary'
            ? numbers('probabilities', binaryProbabilities(expected.prediction[0], shape.isFloat32), answer.probabilities)
            : undefined;
    if (scores) return scores;
  } else if (expected.prediction.length === 1) {
    const value = readResponseNumber(answer.prediction);
    if (value === undefined || !Object.is(value, expected.prediction[0])) return mismatch('prediction', expected.prediction[0], answer.prediction);
  } else {
    const problem = numbers('prediction', expected.prediction, answer.prediction);
    if (problem) return problem;
  }
  return numbers('raw', expected.raw, answer.raw) ?? numbers('leaves', expected.leaves, answer.leaves);
}
