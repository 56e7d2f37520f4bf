import {
  BaseErrorListener,
  CharStream,
  CommonTokenStream,
  type ATNSimulator,
  type Lexer,
  type Parser,
  type RecognitionException,
  type Recognizer,
  type Token,
  type TokenStream,
} from 'antlr4ng';
import type { ModelFormat } from '../model/types';
import { ModelParseError, sourceLineAt } from './errors';

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
  }
}

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
 * Runs a generated lexer and parser over `text` and returns the parse tree of `entry`.
 * Throws `ModelParseError` (E_PARSE_SYNTAX) at the first lexer or parser error, with 1-based line and
 * column offset by `lineOffset` (for dumps that start after wrapper text).
 */
export function parseWithGrammar<P extends Parser, R>(options: {
  text: string;
  fileName: string;
  format: ModelFormat;
  createLexer: (input: CharStream) => Lexer;
  createParser: (tokens: TokenStream) => P;
  entry: (parser: P) => R;
  /** Lines of the original file before `text` starts. */
  lineOffset?: number;
  /** The whole original file, for quoting the offending line. */
  originalText?: string;
}): R {
  const listener = new FirstErrorListener();
  const lexer = options.createLexer(CharStream.fromString(options.text));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = options.createParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  const tree = options.entry(parser);
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
  return tree;
}
