import { CommonToken, CommonTokenFactory, Token, type CharStream, type TokenFactory, type TokenSource } from 'antlr4ng';
import { StringCharStream } from '../antlr';
import { LightGBMParser } from '../../../grammar/generated/LightGBM/LightGBMParser';
import { TAB, NEWLINE, CARRIAGE_RETURN, SPACE, ZERO, NINE, EQUALS, OPEN_BRACKET } from '../charCodes';

/**
 * The token source the LightGBM parser runs on: the tokens of the lexer rules in grammar/LightGBM.g4
 * (one per line), found with `indexOf` and a key table instead of the generated lexer's per-character
 * automaton, which is about 9× slower on a 105 MB file (bench/lightgbm-parse.bench.ts).
 * `lineTokens.test.ts` checks that both give identical tokens.
 */

/** Key text before `=` → token type, for the `key=value` rules. */
const KEY_TYPES = new Map<string, number>([
  ['version', LightGBMParser.VERSION],
  ['num_class', LightGBMParser.NUM_CLASS],
  ['num_tree_per_iteration', LightGBMParser.NUM_TREE_PER_ITERATION],
  ['label_index', LightGBMParser.LABEL_INDEX],
  ['max_feature_idx', LightGBMParser.MAX_FEATURE_IDX],
  ['objective', LightGBMParser.OBJECTIVE],
  ['feature_names', LightGBMParser.FEATURE_NAMES],
  ['monotone_constraints', LightGBMParser.MONOTONE_CONSTRAINTS],
  ['feature_infos', LightGBMParser.FEATURE_INFOS],
  ['tree_sizes', LightGBMParser.TREE_SIZES],
  ['num_leaves', LightGBMParser.NUM_LEAVES],
  ['num_cat', LightGBMParser.NUM_CAT],
  ['split_feature', LightGBMParser.SPLIT_FEATURE],
  ['split_gain', LightGBMParser.SPLIT_GAIN],
  ['threshold', LightGBMParser.THRESHOLD],
  ['decision_type', LightGBMParser.DECISION_TYPE],
  ['left_child', LightGBMParser.LEFT_CHILD],
  ['right_child', LightGBMParser.RIGHT_CHILD],
  ['leaf_value', LightGBMParser.LEAF_VALUE],
  ['leaf_weight', LightGBMParser.LEAF_WEIGHT],
  ['leaf_count', LightGBMParser.LEAF_COUNT],
  ['internal_value', LightGBMParser.INTERNAL_VALUE],
  ['internal_weight', LightGBMParser.INTERNAL_WEIGHT],
  ['internal_count', LightGBMParser.INTERNAL_COUNT],
  ['cat_boundaries', LightGBMParser.CAT_BOUNDARIES],
  ['cat_threshold', LightGBMParser.CAT_THRESHOLD],
  ['is_linear', LightGBMParser.IS_LINEAR],
  ['leaf_const', LightGBMParser.LEAF_CONST],
  ['num_features', LightGBMParser.NUM_FEATURES],
  ['leaf_features', LightGBMParser.LEAF_FEATURES],
  ['leaf_coeff', LightGBMParser.LEAF_COEFF],
  ['shrinkage', LightGBMParser.SHRINKAGE],
]);

/** Whole lines (trailing blanks removed) → token type, for the bare-line rules. */
const LINE_TYPES = new Map<string, number>([
  ['tree', LightGBMParser.TREE_NAME],
  ['average_output', LightGBMParser.AVERAGE_OUTPUT],
  ['end of trees', LightGBMParser.END_OF_TREES],
  ['feature_importances:', LightGBMParser.FEATURE_IMPORTANCES],
  ['feature importances:', LightGBMParser.FEATURE_IMPORTANCES],
  ['parameters:', LightGBMParser.PARAMETERS],
  ['end of parameters', LightGBMParser.END_OF_PARAMETERS],
  ['parser:', LightGBMParser.PARSER_START],
  ['end of parser', LightGBMParser.END_OF_PARSER],
]);

const PANDAS_PREFIX = 'pandas_categorical:';

/** A line the grammar's lexer rules cannot read: with the STRAY rule, only one holding a `\r` before its end. */
export interface LexProblem {
  line: number;
  column: number;
  message: string;
  /** The line's text (without its line break). */
  sourceLine: string;
}

/**
 * The text of a file in order, one piece at a time, so a 100 MB model never has to be one string. A
 * piece may end anywhere, even inside a line; `undefined` means the text has ended.
 */
export interface TextPieces {
  next(): string | undefined;
}

/** A line token that knows the text it was cut from (`segment`, which starts at offset `segmentStart`). */
export class LineToken extends CommonToken {
  constructor(
    source: [TokenSource, CharStream],
    type: number,
    start: number,
    stop: number,
    line: number,
    readonly segment: string,
    readonly segmentStart: number,
  ) {
    super({ source, type, channel: Token.DEFAULT_CHANNEL, start, stop, line, column: 0 });
  }

  override get text(): string {
    return this.segment.slice(this.start - this.segmentStart, this.stop - this.segmentStart + 1);
  }

  override set text(_text: string) {
    throw new Error('line tokens are read-only');
  }
}

/**
 * Yields one token per line of a text from offset `start` of its first piece on. The text is read a
 * piece at a time (`TextPieces`): a token keeps the piece it came from alive (`LineToken.segment`),
 * nothing keeps the text whole. Token offsets count from the start of the first piece; lines count
 * from `firstLine`. A last line without a line break gets one. At a line the grammar cannot tokenise
 * it records `problem` and ends the stream.
 */
export class LineTokenSource implements TokenSource {
  line: number;
  column = 0;
  readonly inputStream: StringCharStream;
  sourceName = '';
  tokenFactory: TokenFactory<Token> = CommonTokenFactory.DEFAULT;
  problem: LexProblem | undefined;
  /** The text being scanned: the rest of the previous pieces' last line, then the newest piece. */
  private text: string;
  /** Offset of `text[0]` from the start of the first piece. */
  private textStart = 0;
  private position: number;
  private readonly source: [TokenSource, CharStream];
  private isEnded = false;
  // Next `\r` and `=` at or after the current line, found once and reused, so lines without them
  // do not rescan the rest of a 100 MB text.
  private nextCarriageReturn: number;
  private nextEquals: number;

  constructor(
    first: string,
    start: number,
    firstLine: number,
    private readonly rest?: TextPieces,
  ) {
    this.text = first;
    this.inputStream = new StringCharStream(first);
    this.position = start;
    this.line = firstLine;
    this.source = [this, this.inputStream];
    this.nextCarriageReturn = first.indexOf('\r', start);
    this.nextEquals = first.indexOf('=', start);
  }

  nextToken(): Token {
    let lineEnd = this.text.indexOf('\n', this.position);
    if (lineEnd < 0 && !this.problem) lineEnd = this.pullLine();
    const start = this.position;
    if (lineEnd < 0 || this.problem) return this.token(Token.EOF, start, start - 1);
    const type = this.classify(start, lineEnd);
    if (type === Token.INVALID_TYPE) return this.token(Token.EOF, start, start - 1);
    const token = this.token(type, start, lineEnd);
    this.position = lineEnd + 1;
    this.line++;
    return token;
  }

  /**
   * Makes the text the unread rest of it followed by pieces up to one holding a line break (joined
   * once, so a long line over many pieces costs its length, not its length squared); at the end of
   * the text, ends a last line that lacks its line break. Returns the offset of the next line break,
   * or -1 when the text has ended.
   */
  private pullLine(): number {
    if (this.isEnded) return -1;
    const parts = [this.text.slice(this.position)];
    for (;;) {
      const piece = this.rest?.next();
      if (piece === undefined) {
        this.isEnded = true;
        if (parts.length === 1 && parts[0] === '') return -1;
        parts.push('\n');
        break;
      }
      parts.push(piece);
      if (piece.includes('\n')) break;
    }
    this.textStart += this.position;
    this.text = parts.join('');
    this.position = 0;
    this.nextCarriageReturn = this.text.indexOf('\r');
    this.nextEquals = this.text.indexOf('=');
    return this.text.indexOf('\n');
  }

  private token(type: number, start: number, stop: number): Token {
    return new LineToken(this.source, type, this.textStart + start, this.textStart + stop, this.line, this.text, this.textStart);
  }

  /** The token type of the line `text[start, lineEnd]`, mirroring the lexer rules' order of precedence. */
  private classify(start: number, lineEnd: number): number {
    const text = this.text;
    // End of the line's content: before an optional `\r`, then before trailing blanks (the EOL fragment).
    let contentEnd = lineEnd;
    if (contentEnd > start && text.charCodeAt(contentEnd - 1) === CARRIAGE_RETURN) contentEnd--;
    const first = text.charCodeAt(start);
    if (first === OPEN_BRACKET) return this.restIsClean(start, contentEnd) ? LightGBMParser.PARAMETER : this.fail(start, contentEnd);
    if (first === NEWLINE || first === SPACE || first === TAB || first === CARRIAGE_RETURN) {
      for (let position = start; position < contentEnd; position++) {
        const code = text.charCodeAt(position);
        if (code === CARRIAGE_RETURN) return this.fail(start, position);
        if (code !== SPACE && code !== TAB) return this.restIsClean(start, contentEnd) ? LightGBMParser.STRAY : this.fail(start, contentEnd);
      }
      return LightGBMParser.BLANK;
    }
    if (first === EQUALS) return this.restIsClean(start, contentEnd) ? LightGBMParser.STRAY : this.fail(start, contentEnd);
    if (!this.restIsClean(start, contentEnd)) return this.fail(start, contentEnd);
    if (text.startsWith(PANDAS_PREFIX, start)) return LightGBMParser.PANDAS_CATEGORICAL;
    if (this.nextEquals >= 0 && this.nextEquals < start) this.nextEquals = text.indexOf('=', start);
    const equals = this.nextEquals;
    if (equals >= 0 && equals < contentEnd) {
      const key = text.slice(start, equals);
      const type = KEY_TYPES.get(key);
      if (type !== undefined) return type;
      if (key === 'Tree' && this.isTreeNumber(equals + 1, contentEnd)) return LightGBMParser.TREE_HEADER;
      return LightGBMParser.KEY_VALUE;
    }
    let trimmedEnd = contentEnd;
    while (trimmedEnd > start && (text.charCodeAt(trimmedEnd - 1) === SPACE || text.charCodeAt(trimmedEnd - 1) === TAB)) trimmedEnd--;
    return LINE_TYPES.get(text.slice(start, trimmedEnd)) ?? LightGBMParser.OTHER;
  }

  /** `Tree=` digits, then only blanks. */
  private isTreeNumber(start: number, end: number): boolean {
    let position = start;
    while (position < end) {
      const code = this.text.charCodeAt(position);
      if (code < ZERO || code > NINE) break;
      position++;
    }
    if (position === start) return false;
    for (; position < end; position++) {
      const code = this.text.charCodeAt(position);
      if (code !== SPACE && code !== TAB) return false;
    }
    return true;
  }

  /** No stray `\r` inside the line (the grammar only allows one right before `\n`). */
  private restIsClean(start: number, end: number): boolean {
    if (this.nextCarriageReturn >= 0 && this.nextCarriageReturn < start) this.nextCarriageReturn = this.text.indexOf('\r', start);
    return this.nextCarriageReturn < 0 || this.nextCarriageReturn >= end;
  }

  private fail(start: number, position: number): number {
    const shown = this.text.slice(start, position + 1).replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
    const lineEnd = this.text.indexOf('\n', start);
    const sourceLine = this.text.slice(start, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '');
    this.problem = { line: this.line, column: 1, message: `token recognition error at: '${shown}'`, sourceLine };
    return Token.INVALID_TYPE;
  }
}

export { StringCharStream };
