import { Token } from 'antlr4ng';
import { SklearnTextLexer as Types } from '../../../grammar/generated/SklearnText/SklearnTextLexer';
import { ScannedTokenSource, isDigitCode } from '../antlr';
import { NEWLINE, CARRIAGE_RETURN, SPACE, COMMA, DASH, DOT, OPEN_BRACKET, CLOSE_BRACKET, BAR } from '../charCodes';

/**
 * The tokens of the lexer rules in grammar/SklearnText.g4, found by a scan of each line instead of the
 * generated lexer's automaton, which is most of the parse time on big trees: its SPLIT rule (a name of any
 * characters up to the LAST ` <= T` / ` >  T` of the line) makes it run to the end of every line and back.
 * `sklearnTokens.test.ts` checks that both give identical tokens.
 *
 * Longest match, ties to the rule defined first, as the lexer decides: at a character other than
 * `|`, space, `\r`, `\n`, SPLIT competes with the literal tokens, WEIGHTS, VALUE, TRUNCATED, CLASS and NUMBER.
 */

const KEYWORDS: Array<[string, number]> = [
  ['weights:', Types.WEIGHTS],
  ['value:', Types.VALUE],
  ['truncated branch of depth', Types.TRUNCATED],
];
const CLASS_PREFIX = 'class: ';
const OPERATORS = [' <= ', ' >  '];
/** A cached position not searched for yet. */
const UNKNOWN = -2;

/** A token source over `text` that yields exactly the generated SklearnTextLexer's tokens (SPACE skipped). */
export class SklearnTokenSource extends ScannedTokenSource {
  private position = 0;
  private lineStart = 0;
  /** End (exclusive) of the current line's content: before its `\r\n` or `\n`, or a lone `\r`. */
  private lineEnd = -1;
  /** Ends (exclusive) of every ` <= T` / ` >  T` of the current line, with where each operator's space starts. */
  private splitStarts: number[] = [];
  private splitEnds: number[] = [];
  /** Next ` <= ` and ` >  ` at or after the current line (-1: none left). */
  private readonly nextOperator = [UNKNOWN, UNKNOWN];
  /** Next `\r` at or after the current line (-1: none left). */
  private nextCarriageReturn = UNKNOWN;

  override nextToken(): Token {
    const text = this.text;
    let position = this.position;
    while (position < text.length && text.charCodeAt(position) === SPACE) position++;
    if (position > this.lineEnd) this.scanLine(position);
    const column = position - this.lineStart;
    if (position >= text.length) {
      this.position = position;
      return this.token(Token.EOF, position, position - 1, this.line, column);
    }
    const code = text.charCodeAt(position);
    if (code === NEWLINE || (code === CARRIAGE_RETURN && text.charCodeAt(position + 1) === NEWLINE)) {
      const stop = code === NEWLINE ? position : position + 1;
      const token = this.token(Types.NEWLINE, position, stop, this.line, column);
      this.position = stop + 1;
      this.line++;
      this.lineStart = stop + 1;
      return token;
    }
    if (code === CARRIAGE_RETURN) return this.stop(position, this.line, column);
    if (code === BAR) {
      let end = position + 1;
      for (let next = text.charCodeAt(end); next === SPACE || next === BAR || next === DASH; next = text.charCodeAt(++end));
      return this.emit(Types.PREFIX, position, end, column);
    }
    // Every other character may start SPLIT; the longest candidate wins, ties go to the earlier rule.
    let type = -1;
    let end = position;
    const splitEnd = this.splitEndFrom(position);
    if (splitEnd > end) {
      type = Types.SPLIT;
      end = splitEnd;
    }
    if (code === OPEN_BRACKET || code === COMMA || code === CLOSE_BRACKET) {
      // Literal tokens come first, but SPLIT is at least 6 characters long.
      if (end < position + 1) {
        type = code === OPEN_BRACKET ? Types.T__0 : code === COMMA ? Types.T__1 : Types.T__2;
        end = position + 1;
      }
    }
    for (const [keyword, keywordType] of KEYWORDS) {
      if (position + keyword.length > end && text.startsWith(keyword, position)) {
        type = keywordType;
        end = position + keyword.length;
      }
    }
    if (text.startsWith(CLASS_PREFIX, position) && this.lineEnd > end) {
      type = Types.CLASS;
      end = this.lineEnd;
    }
    const numberEnd = this.thresholdEnd(position);
    if (numberEnd > end) {
      type = Types.NUMBER;
      end = numberEnd;
    }
    if (type < 0) return this.stop(position, this.line, column);
    return this.emit(type, position, end, column);
  }

  private emit(type: number, start: number, end: number, column: number): Token {
    this.position = end;
    return this.token(type, start, end - 1, this.line, column);
  }

  /** Finds the current line's end and every split operator on it. */
  private scanLine(from: number): void {
    const text = this.text;
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    if (this.nextCarriageReturn === UNKNOWN || (this.nextCarriageReturn >= 0 && this.nextCarriageReturn < from)) this.nextCarriageReturn = text.indexOf('\r', from);
    if (this.nextCarriageReturn >= 0 && this.nextCarriageReturn < end) end = this.nextCarriageReturn;
    this.lineEnd = end;
    this.splitStarts = [];
    this.splitEnds = [];
    // indexOf per operator, not per space (deep lines are mostly `|   ` runs full of spaces); the next
    // occurrence found is kept, so lines without one do not search the rest of the text again.
    for (let which = 0; which < OPERATORS.length; which++) {
      const operator = OPERATORS[which];
      let space = this.nextOperator[which];
      if (space === UNKNOWN || (space >= 0 && space < from)) space = text.indexOf(operator, from);
      for (; space >= 0 && space < end; space = text.indexOf(operator, space + 1)) {
        const thresholdEnd = this.thresholdEnd(space + 4);
        if (thresholdEnd > space + 4 && thresholdEnd <= end) {
          this.splitStarts.push(space);
          this.splitEnds.push(thresholdEnd);
        }
      }
      this.nextOperator[which] = space;
    }
  }

  /** End of the longest SPLIT starting at `start`: its operator must follow at least one name character. */
  private splitEndFrom(start: number): number {
    let best = -1;
    for (let index = 0; index < this.splitStarts.length; index++) {
      if (this.splitStarts[index] > start && this.splitEnds[index] > best) best = this.splitEnds[index];
    }
    return best;
  }

  /** End of the longest THRESHOLD at `start` (`-`? digits (`.` digits)?, `-`? `inf`, `nan`), or `start`. */
  private thresholdEnd(start: number): number {
    const text = this.text;
    if (text.startsWith('nan', start)) return start + 3;
    let position = start;
    if (text.charCodeAt(position) === DASH) position++;
    if (text.startsWith('inf', position)) return position + 3;
    const digitsStart = position;
    while (isDigitCode(text.charCodeAt(position))) position++;
    if (position === digitsStart) return start;
    if (text.charCodeAt(position) === DOT && isDigitCode(text.charCodeAt(position + 1))) {
      position += 2;
      while (isDigitCode(text.charCodeAt(position))) position++;
    }
    return position;
  }
}

