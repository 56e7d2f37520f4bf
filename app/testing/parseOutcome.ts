import { ModelParseError } from '../formats';

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
