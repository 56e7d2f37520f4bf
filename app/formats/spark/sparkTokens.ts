import { Token } from 'antlr4ng';
import { SparkTreeLexer } from '../../../grammar/generated/SparkTree/SparkTreeLexer';
import { ScannedTokenSource, isDigitCode } from '../antlr';
import { TAB, NEWLINE, CARRIAGE_RETURN, SPACE, DASH, LESS, EQUALS } from '../charCodes';

/**
 * The tokens of the lexer rules in grammar/SparkTree.g4, found with character tests instead of the
 * generated lexer's automaton. `sparkTokens.test.ts` checks that both give identical tokens.
 *
 * Longest match, ties to the rule defined first, as the lexer decides: a word is a keyword (the literal
 * tokens come first), else `NaN` / `Infinity` (NUMBER), else WORD; digits are INT unless a fraction or an
 * exponent follows completely (NUMBER). Anything else that is not a one-character literal or `<=` ends
 * the stream, and the exact pass with the generated lexer reports it.
 */

/** Literal token text → type, from the generated lexer's own table. */
const LITERALS = new Map<string, number>(
  SparkTreeLexer.literalNames.flatMap((name, type) => (name ? [[name.slice(1, -1), type] as [string, number]] : [])),
);

function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isWordPart(code: number): boolean {
  return isWordStart(code) || isDigitCode(code);
}

/** A token source over `text` that yields exactly the generated SparkTreeLexer's tokens (WS skipped). */
export class SparkTokenSource extends ScannedTokenSource {
  private position = 0;
  private lineStart = 0;

  override nextToken(): Token {
    const text = this.text;
    let position = this.position;
    for (;;) {
      const code = text.charCodeAt(position);
      if (code === NEWLINE) {
        this.line++;
        this.lineStart = position + 1;
      } else if (code !== SPACE && code !== TAB && code !== CARRIAGE_RETURN) {
        break;
      }
      position++;
    }
    const column = position - this.lineStart;
    if (position >= text.length) {
      this.position = position;
      return this.token(Token.EOF, position, position - 1, this.line, column);
    }
    const code = text.charCodeAt(position);
    let end = position;
    let type: number | undefined;
    if (isWordStart(code)) {
      end++;
      while (isWordPart(text.charCodeAt(end))) end++;
      const word = text.slice(position, end);
      type = LITERALS.get(word) ?? (word === 'NaN' || word === 'Infinity' ? SparkTreeLexer.NUMBER : SparkTreeLexer.WORD);
    } else if (isDigitCode(code)) {
      end = this.numberEnd(position);
      type = this.isInteger(position, end) ? SparkTreeLexer.INT : SparkTreeLexer.NUMBER;
    } else if (code === DASH) {
      if (text.startsWith('Infinity', position + 1)) {
        end = position + 9;
      } else if (isDigitCode(text.charCodeAt(position + 1))) {
        end = this.numberEnd(position + 1);
      }
      if (end > position) type = SparkTreeLexer.NUMBER;
    } else if (code === LESS) {
      if (text.charCodeAt(position + 1) === EQUALS) {
        end = position + 2;
        type = LITERALS.get('<=');
      }
    } else {
      type = LITERALS.get(text[position]);
      end = position + 1;
    }
    if (type === undefined) return this.stop(position, this.line, column);
    this.position = end;
    return this.token(type, position, end - 1, this.line, column);
  }
}
