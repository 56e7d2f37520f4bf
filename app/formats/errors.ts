import type { ModelFormat, SourcePosition } from '../model/types';

/**
 * Stable error codes for model files. Docs and tests find errors by these codes.
 * - E_FORMAT_UNKNOWN: no known dump signature was found.
 * - E_PARSE_SYNTAX: the grammar rejected the text (line and column say where).
 * - E_PARSE_STRUCTURE: the text parsed but does not make a valid tree (dangling child, bad array length…).
 * - E_PARSE_UNSUPPORTED: a valid dump that cannot be evaluated (vector leaves, DOT files).
 */
export type ModelErrorCode =
  | 'E_FORMAT_UNKNOWN'
  | 'E_PARSE_SYNTAX'
  | 'E_PARSE_STRUCTURE'
  | 'E_PARSE_UNSUPPORTED'
  /** Feature names the user gave (`ParseOptions.featureNames`) do not fit the model: count, duplicates, a named model. */
  | 'E_FEATURE_NAMES'
  /** The parser stopped without an answer (crashed, ran out of memory, exited): no line of the file is at fault. */
  | 'E_PARSER_CRASHED'
  | 'E_PARSER_OUT_OF_MEMORY'
  | 'E_PARSER_EXITED';

/** A model-file problem as data: what, where and what was expected. Crosses the bridge unchanged. */
export interface ModelErrorInfo {
  code: ModelErrorCode;
  /** One line for people: `model.txt: line 4, column 7: expected 'Predict:' but found 'Prdict'`. */
  message: string;
  fileName: string;
  format?: ModelFormat;
  position?: SourcePosition;
  /** The offending source line, for display under the message. */
  sourceLine?: string;
}

/** Thrown by the format adapters; converted to `ModelErrorInfo` at the bridge. */
export class ModelParseError extends Error {
  readonly info: ModelErrorInfo;

  constructor(info: Omit<ModelErrorInfo, 'message'> & { detail: string }) {
    const where = info.position ? `line ${info.position.line}, column ${info.position.column}: ` : '';
    const message = `${info.fileName}: ${where}${info.detail}`;
    super(message);
    this.name = 'ModelParseError';
    const { detail: _detail, ...rest } = info;
    this.info = { ...rest, message };
  }
}

/** Returns the 1-based line `line` of `text` (without its line break), for error context. */
export function sourceLineAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
}
