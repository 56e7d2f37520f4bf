import {
  BailErrorStrategy,
  BaseErrorListener,
  CharStream,
  CommonToken,
  CommonTokenFactory,
  CommonTokenStream,
  PredictionMode,
  Token,
  UnbufferedTokenStream,
  type ATNSimulator,
  type Interval,
  type Lexer,
  type Parser,
  type RecognitionException,
  type Recognizer,
  type TokenFactory,
  type TokenSource,
  type TokenStream,
} from 'antlr4ng';
import type { ModelFormat } from '../model/types';
import { ModelParseError, sourceLineAt } from './errors';
import { NINE, ZERO } from './charCodes';

interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** Collects the first syntax error instead of printing it; ANTLR's column is 0-based, ours 1-based. */
class FirstErrorListener extends BaseErrorListener {
  first: SyntaxProblem | undefined;

  override syntaxError<S extends Token, T extends ATNSimulator>(
    _recognizer: Recognizer<T>,
    _offendingSymbol: S | null,
    line: number,
    column: number,
    message: string,
    _error: RecognitionException | null,
  ): void {
    this.first ??= { line, column: column + 1, message };
    // Only the first error is reported, so stop there: recovering character by character through a
    // 1 MB line of garbage took 13–16 s before the message (each recovery re-reads the text so far).
    throw new StopAtFirstError();
  }
}

/** Thrown by the listeners to end a pass at its first error; never escapes `parseWithGrammar`. */
class StopAtFirstError extends Error {}

/** Makes ANTLR's messages read well for people: `mismatched input 'x' expecting …` → `expected … but found 'x'`. */
function humanise(message: string): string {
  const mismatch = /^mismatched input (.*) expecting (.*)$/s.exec(message);
  if (mismatch) return `expected ${mismatch[2]} but found ${mismatch[1]}`;
  const extraneous = /^extraneous input (.*) expecting (.*)$/s.exec(message);
  if (extraneous) return `unexpected ${extraneous[1]}, expected ${extraneous[2]}`;
  const missing = /^missing (.*) at (.*)$/s.exec(message);
  if (missing) return `expected ${missing[1]} before ${missing[2]}`;
  const noViable = /^no viable alternative at input (.*)$/s.exec(message);
  if (noViable) return `unexpected text ${noViable[1]}`;
  const tokenRecognition = /^token recognition error at: (.*)$/s.exec(message);
  if (tokenRecognition) return `unexpected character ${tokenRecognition[1]}`;
  return message;
}

/**
 * A CharStream over a JS string in UTF-16 units, without the code-point array `CharStream.fromString`
 * builds (a 4-byte slot per character of a multi-megabyte dump). It equals `fromString` exactly when the
 * text holds no surrogate pair, which `hasSurrogates` tells; then tokens, lines and columns are identical.
 */
export class StringCharStream implements CharStream {
  name = '';
  index = 0;

  constructor(readonly text: string) {}

  reset(): void {
    this.index = 0;
  }

  consume(): void {
    this.index++;
  }

  LA(offset: number): number {
    if (offset === 0) return 0;
    const position = this.index + (offset < 0 ? offset : offset - 1);
    return position < 0 || position >= this.text.length ? Token.EOF : this.text.charCodeAt(position);
  }

  mark(): number {
    return -1;
  }

  release(): void {}

  seek(index: number): void {
    this.index = index;
  }

  getTextFromRange(start: number, stop: number): string {
    return this.text.slice(start, stop + 1);
  }

  getTextFromInterval(interval: Interval): string {
    return this.text.slice(interval.start, interval.stop + 1);
  }

  toString(): string {
    return this.text;
  }

  get size(): number {
    return this.text.length;
  }

  getSourceName(): string {
    return this.name;
  }
}

/** True when `text` holds a UTF-16 surrogate (a character outside the Basic Multilingual Plane). */
export function hasSurrogates(text: string): boolean {
  return /[\uD800-\uDFFF]/.test(text);
}

/** The cheapest char stream that gives the generated lexer exactly what `CharStream.fromString` would. */
export function charStreamOf(text: string): CharStream {
  return hasSurrogates(text) ? CharStream.fromString(text) : new StringCharStream(text);
}

/**
 * Base of the hand-written token sources that stand in for a generated lexer in the fast pass: they
 * scan a BMP-only text with `indexOf` and character tests instead of the lexer's per-character automaton,
 * and must yield exactly the generated lexer's tokens (each has a test comparing both on every corpus
 * file and on malformed input). Where no token matches, or where the scanner is not sure, it sets
 * `hasProblem` and ends the stream: the input then goes to the exact pass with the generated lexer,
 * which reports the error as before.
 */
export abstract class ScannedTokenSource implements TokenSource {
  line = 1;
  column = 0;
  sourceName = '';
  tokenFactory: TokenFactory<Token> = CommonTokenFactory.DEFAULT;
  hasProblem = false;
  readonly inputStream: StringCharStream;
  private readonly source: [TokenSource, CharStream];

  constructor(protected readonly text: string) {
    this.inputStream = new StringCharStream(text);
    this.source = [this, this.inputStream];
  }

  abstract nextToken(): Token;

  /** A token of `type` over `text[start, stop]` (inclusive) at 1-based `line` and 0-based `column`. */
  protected token(type: number, start: number, stop: number, line: number, column: number): Token {
    const token = CommonToken.fromSource(this.source, type, Token.DEFAULT_CHANNEL, start, stop);
    token.line = line;
    token.column = column;
    return token;
  }

  /** Ends the stream at a place the scanner cannot (or will not) tokenise. */
  protected stop(at: number, line: number, column: number): Token {
    this.hasProblem = true;
    return this.token(Token.EOF, at, at - 1, line, column);
  }

  /** End of DIGITS ('.' DIGITS)? EXPONENT? from `start` (a digit), each part only when complete. */
  protected numberEnd(start: number): number {
    const text = this.text;
    let end = start;
    while (isDigitCode(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end) === 46 /* . */ && isDigitCode(text.charCodeAt(end + 1))) {
      end += 2;
      while (isDigitCode(text.charCodeAt(end))) end++;
    }
    const marker = text.charCodeAt(end);
    if (marker === 101 /* e */ || marker === 69 /* E */) {
      let digits = end + 1;
      const sign = text.charCodeAt(digits);
      if (sign === 43 /* + */ || sign === 45 /* - */) digits++;
      if (isDigitCode(text.charCodeAt(digits))) {
        end = digits + 1;
        while (isDigitCode(text.charCodeAt(end))) end++;
      }
    }
    return end;
  }

  /** True when `text[start, end)` is all digits. */
  protected isInteger(start: number, end: number): boolean {
    for (let index = start; index < end; index++) if (!isDigitCode(this.text.charCodeAt(index))) return false;
    return true;
  }
}

/** True for the char codes of '0'…'9'. */
export function isDigitCode(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Notes that the lexer reported something, so the fast first pass is thrown away. */
class AnyErrorListener extends BaseErrorListener {
  hasError = false;

  override syntaxError(): void {
    this.hasError = true;
    throw new StopAtFirstError();
  }
}

/**
 * The parser of `parseWithGrammar`'s fast pass over `tokens`: SLL prediction, bailing at the first
 * error, no error listeners. Tokens are dropped once consumed (only those the tree or its labels
 * hold stay): buffering all of a big dump's tokens makes every garbage collection copy them again.
 */
export function fastPassParser<P extends Parser>(tokens: TokenSource, createParser: (tokens: TokenStream) => P): P {
  const parser = createParser(new UnbufferedTokenStream(tokens));
  parser.removeErrorListeners();
  parser.errorHandler = new BailErrorStrategy();
  parser.interpreter.predictionMode = PredictionMode.SLL;
  return parser;
}

/**
 * Runs a generated lexer and parser over `text` and returns the parse tree of `entry`.
 * Throws `ModelParseError` (E_PARSE_SYNTAX) at the first lexer or parser error, with 1-based line and
 * column offset by `lineOffset` (for dumps that start after wrapper text).
 *
 * Two stages, as the ANTLR book advises for speed: first SLL prediction with an error strategy that
 * bails at the first problem (no recovery, no full-context retries), on an unbuffered token stream; only when that pass meets an error
 * does the input run again in full LL mode with the default strategy, whose first error is the one
 * reported. A valid input therefore gets the same tree as before at a fraction of the cost, and an
 * invalid one the same message and position.
 */
export function parseWithGrammar<P extends Parser, R>(options: {
  text: string;
  fileName: string;
  format: ModelFormat;
  createLexer: (input: CharStream) => Lexer;
  createParser: (tokens: TokenStream) => P;
  /** A hand-written stand-in for the generated lexer, used in the fast pass on BMP-only text. */
  createTokenSource?: (text: string) => ScannedTokenSource;
  entry: (parser: P) => R;
  /** Lines of the original file before `text` starts. */
  lineOffset?: number;
  /** The whole original file, for quoting the offending line. */
  originalText?: string;
}): R {
  const input = charStreamOf(options.text);
  const scanned = options.createTokenSource && input instanceof StringCharStream ? options.createTokenSource(options.text) : undefined;
  const lexerErrors = new AnyErrorListener();
  let fastLexer: TokenSource;
  if (scanned) {
    fastLexer = scanned;
  } else {
    const lexer = options.createLexer(input);
    lexer.removeErrorListeners();
    lexer.addErrorListener(lexerErrors);
    fastLexer = lexer;
  }
  const fastParser = fastPassParser(fastLexer, options.createParser);
  try {
    const tree = options.entry(fastParser);
    if (!lexerErrors.hasError && !scanned?.hasProblem) return tree;
  } catch {
    // Any failure of the fast pass (a ParseCancellationException at a syntax error, or an Error when the
    // default strategy tries to quote tokens the unbuffered stream has dropped) goes to the exact pass
    // below, which reports it as before, or throws it again if it was not about the input.
  }

  input.seek(0);
  const listener = new FirstErrorListener();
  const lexer = options.createLexer(input);
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = options.createParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  let tree: R | undefined;
  try {
    tree = options.entry(parser);
  } catch (error) {
    if (!(error instanceof StopAtFirstError)) throw error;
  }
  if (listener.first) {
    const line = listener.first.line + (options.lineOffset ?? 0);
    throw new ModelParseError({
      code: 'E_PARSE_SYNTAX',
      fileName: options.fileName,
      format: options.format,
      position: { line, column: listener.first.column },
      sourceLine: sourceLineAt(options.originalText ?? options.text, line),
      detail: humanise(listener.first.message),
    });
  }
  return tree!;
}
