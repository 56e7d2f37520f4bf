import { ModelParseError } from '../formats';
import { seededRandom } from '../util/random';

/** What a read gave: its result, or its refusal as a user sees it (code, message, line, column). */
export type ParseOutcome = { model: unknown } | { error: { code: string; message: string; line?: number; column?: number } };

/**
 * Runs `read` and says what it gave, so two readers can be compared on the same input, refusals
 * included (any other exception is a failure of the test).
 */
export function parseOutcome(read: () => unknown): ParseOutcome {
  try {
    return { model: read() };
  } catch (error) {
    if (!(error instanceof ModelParseError)) throw error;
    return { error: { code: error.info.code, message: error.message, line: error.info.position?.line, column: error.info.position?.column } };
  }
}

/**
 * `count` randomly damaged copies of `text`, the same for the same `seed`: in turn, a span of 1 to
 * `longestCut` characters deleted, or one character replaced by one of JSON's structural
 * characters, a quote, a digit, a minus or a letter.
 */
export function damagedCopies(text: string, count: number, seed: number, longestCut: number): string[] {
  const random = seededRandom(seed);
  const copies: string[] = [];
  for (let index = 0; index < count; index++) {
    const at = Math.floor(random() * text.length);
    if (index % 2 === 0) copies.push(text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * longestCut)));
    else copies.push(text.slice(0, at) + '{}[],:"0-x'[Math.floor(random() * 10)] + text.slice(at + 1));
  }
  return copies;
}
