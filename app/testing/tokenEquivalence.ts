import { BaseErrorListener, Token, type ATNSimulator, type Lexer, type Recognizer } from 'antlr4ng';
import { expect } from 'vitest';

/**
 * Test helpers that compare a hand-written token scanner with the generated lexer of the same
 * grammar, token by token, up to the first place either cannot go on.
 */
export interface Lexed {
  tokens: string[];
  /** Where the first token that cannot be made starts: 1-based line and column. */
  error?: { line: number; column: number };
}

const show = (token: Token) => `${token.type} ${token.start}-${token.stop} @${token.line}:${token.column}`;

const positionOf = (shown: string) => shown.split('@')[1].split(':').map(Number) as [number, number];

/**
 * Tokens of the generated lexer (the grammar's own definition), up to its first error. The lexer
 * reports an error while making the token after it, so tokens at or past the error are dropped:
 * by position (`'position'`), or every token on a later line (`'line'`, for grammars whose tokens
 * end with their line).
 */
export function lexWithGrammar(lexer: Lexer, trim: 'position' | 'line' = 'position'): Lexed {
  let error: Lexed['error'];
  lexer.removeErrorListeners();
  lexer.addErrorListener(
    new (class extends BaseErrorListener {
      override syntaxError<S extends Token, T extends ATNSimulator>(_r: Recognizer<T>, _s: S | null, line: number, column: number): void {
        error ??= { line, column: column + 1 };
      }
    })(),
  );
  const tokens: string[] = [];
  for (let token = lexer.nextToken(); token.type !== Token.EOF && !error; token = lexer.nextToken()) tokens.push(show(token));
  if (error) {
    const { line, column } = error;
    while (tokens.length > 0) {
      const [tokenLine, tokenColumn] = positionOf(tokens[tokens.length - 1]);
      const isBefore = trim === 'line' ? tokenLine <= line : tokenLine < line || (tokenLine === line && tokenColumn + 1 < column);
      if (isBefore) break;
      tokens.pop();
    }
  }
  return { tokens, error };
}

/** Tokens of a scanner (a `ScannedTokenSource`), up to where it stopped. */
export function lexWithScanner(source: { nextToken(): Token; hasProblem: boolean }): Lexed {
  const tokens: string[] = [];
  let token = source.nextToken();
  for (; token.type !== Token.EOF; token = source.nextToken()) tokens.push(show(token));
  return { tokens, error: source.hasProblem ? { line: token.line, column: token.column + 1 } : undefined };
}

/**
 * `actual` has `expected`'s tokens and stopping place. When they differ, the failure shows the first
 * tokens that differ: a whole dump's token lists (a million strings) would take vitest's diff many
 * minutes to print.
 */
function expectSameLexed(actual: Lexed, expected: Lexed): void {
  let at = 0;
  while (at < actual.tokens.length && at < expected.tokens.length && actual.tokens[at] === expected.tokens[at]) at++;
  const window = (lexed: Lexed) => ({ firstDifferentToken: at, tokens: lexed.tokens.slice(at, at + 5), count: lexed.tokens.length, error: lexed.error });
  expect(window(actual)).toEqual(window(expected));
}

/** The three checks every scanner test makes, for one pair of lexing functions. */
export function scannerChecks(lexGrammar: (text: string) => Lexed, lexScanner: (text: string) => Lexed) {
  return {
    /** A valid dump: the generated lexer reads all of it, and the scanner gives the same tokens. */
    sameTokensThroughout(text: string): void {
      const expected = lexGrammar(text);
      expect(expected.error).toBeUndefined();
      expectSameLexed(lexScanner(text), expected);
    },
    /** Any text: the same tokens and the same stopping place. */
    sameTokens(text: string): void {
      expectSameLexed(lexScanner(text), lexGrammar(text));
    },
    /** A text neither can read to the end: both stop at `position`, with the same tokens before it. */
    bothStopAt(text: string, position: { line: number; column: number }): void {
      const grammar = lexGrammar(text);
      const scanner = lexScanner(text);
      expect(grammar.error).toEqual(position);
      expect(scanner.error).toEqual(position);
      expectSameLexed({ tokens: scanner.tokens }, { tokens: grammar.tokens });
    },
  };
}
