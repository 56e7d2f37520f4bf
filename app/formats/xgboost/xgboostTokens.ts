import { Token } from 'antlr4ng';
import { XGBoostTextLexer as Types } from '../../../grammar/generated/XGBoostText/XGBoostTextLexer';
import { ScannedTokenSource, isDigitCode } from '../antlr';
import { TAB, NEWLINE, CARRIAGE_RETURN, SPACE, COMMA, DASH, COLON, LESS, OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE } from '../charCodes';

/**
 * The tokens of the lexer rules in grammar/XGBoostText.g4, found with `startsWith` and character tests
 * instead of the generated lexer's automaton. `xgboostTokens.test.ts` checks that both give identical tokens.
 *
 * Longest match, ties to the rule defined first, as the lexer decides. At `[` three heads compete: up to
 * the first `<` (NUMERIC_HEAD), up to the last `:{` (CATEGORICAL_HEAD), a `[name]` without `<`, `{`, `}`
 * (INDICATOR); they end in different characters, so they never tie. Anything the rules do not cover ends
 * the stream, and the exact pass with the generated lexer reports it.
 */

/** The `key=` literals, by first letter. */
const KEYS = new Map<number, [string, number]>([
  [121, ['yes=', Types.T__2]],
  [110, ['no=', Types.T__4]],
  [109, ['missing=', Types.T__5]],
  [103, ['gain=', Types.T__6]],
  [99, ['cover=', Types.T__7]],
]);

/** A token source over `text` that yields exactly the generated XGBoostTextLexer's tokens (WS skipped). */
export class XgboostTokenSource extends ScannedTokenSource {
  private position = 0;
  private lineStart = 0;

  override nextToken(): Token {
    const text = this.text;
    let position = this.position;
    for (let code = text.charCodeAt(position); code === SPACE || code === TAB || code === CARRIAGE_RETURN; code = text.charCodeAt(++position));
    const column = position - this.lineStart;
    if (position >= text.length) {
      this.position = position;
      return this.token(Token.EOF, position, position - 1, this.line, column);
    }
    const code = text.charCodeAt(position);
    let type = -1;
    let end = position + 1;
    if (code === NEWLINE) {
      const token = this.token(Types.NEWLINE, position, position, this.line, column);
      this.position = position + 1;
      this.line++;
      this.lineStart = position + 1;
      return token;
    } else if (isDigitCode(code)) {
      end = this.numberEnd(position);
      type = this.isInteger(position, end) ? Types.INT : Types.NUMBER;
    } else if (code === OPEN_BRACKET) {
      end = this.headEnd(position);
      if (end > position) type = text.charCodeAt(end - 1) === LESS ? Types.NUMERIC_HEAD : text.charCodeAt(end - 1) === OPEN_BRACE ? Types.CATEGORICAL_HEAD : Types.INDICATOR;
    } else if (code === COLON) {
      type = Types.T__0;
    } else if (code === CLOSE_BRACKET) {
      type = Types.T__1;
    } else if (code === COMMA) {
      type = Types.T__3;
    } else if (code === CLOSE_BRACE) {
      type = Types.T__8;
    } else if (text.startsWith('leaf=', position)) {
      type = Types.T__9;
      end = position + 5;
      if (text.charCodeAt(end) === OPEN_BRACKET) {
        // VECTOR_LEAF when a `]` closes the list on this line.
        let close = end + 1;
        for (let next = text.charCodeAt(close); next !== CLOSE_BRACKET && next !== NEWLINE && next !== CARRIAGE_RETURN && close < text.length; next = text.charCodeAt(++close));
        if (text.charCodeAt(close) === CLOSE_BRACKET) {
          type = Types.VECTOR_LEAF;
          end = close + 1;
        }
      }
    } else if (text.startsWith('booster[', position)) {
      let digits = position + 8;
      while (isDigitCode(text.charCodeAt(digits))) digits++;
      if (digits > position + 8 && text.charCodeAt(digits) === CLOSE_BRACKET) {
        type = Types.BOOSTER;
        end = text.charCodeAt(digits + 1) === COLON ? digits + 2 : digits + 1;
      }
    } else if (code === DASH || code === 105 || code === 110) {
      // `-`? digits…, `-`? `inf`, `-`? `nan` (NUMBER); `no=` also starts with `n`.
      const signed = code === DASH ? position + 1 : position;
      if (text.startsWith('inf', signed) || text.startsWith('nan', signed)) {
        type = Types.NUMBER;
        end = signed + 3;
      } else if (code === DASH && isDigitCode(text.charCodeAt(signed))) {
        type = Types.NUMBER;
        end = this.numberEnd(signed);
      }
    }
    if (type < 0) {
      const key = KEYS.get(code);
      if (key && text.startsWith(key[0], position)) {
        type = key[1];
        end = position + key[0].length;
      }
    }
    if (type < 0) return this.stop(position, this.line, column);
    this.position = end;
    return this.token(type, position, end - 1, this.line, column);
  }

  /** End of the longest head token at the `[` at `start`, or `start` when none matches. */
  private headEnd(start: number): number {
    const text = this.text;
    let lineEnd = start + 1;
    let firstLess = -1;
    let lastCategorical = -1;
    let indicatorEnd = -1;
    let isIndicatorOpen = true;
    for (; lineEnd < text.length; lineEnd++) {
      const code = text.charCodeAt(lineEnd);
      if (code === NEWLINE || code === CARRIAGE_RETURN) break;
      if (code === LESS && firstLess < 0) firstLess = lineEnd;
      if (code === COLON && text.charCodeAt(lineEnd + 1) === OPEN_BRACE) lastCategorical = lineEnd;
      if (isIndicatorOpen) {
        if (code === CLOSE_BRACKET) {
          if (lineEnd > start + 1) indicatorEnd = lineEnd + 1;
          isIndicatorOpen = false;
        } else if (code === LESS || code === OPEN_BRACE || code === CLOSE_BRACE) {
          isIndicatorOpen = false;
        }
      }
    }
    let end = start;
    // NUMERIC_HEAD: at least one character before the first `<`.
    if (firstLess > start + 1) end = firstLess + 1;
    // CATEGORICAL_HEAD: the last `:{` with at least one character after the `[`.
    if (lastCategorical > start + 1 && lastCategorical + 2 > end) end = lastCategorical + 2;
    if (indicatorEnd > end) end = indicatorEnd;
    return end;
  }
}
