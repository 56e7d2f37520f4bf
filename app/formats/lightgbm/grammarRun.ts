import { BaseErrorListener, Token, UnbufferedTokenStream, type ATNSimulator, type ErrorNode, type ParseTreeListener, type Parser, type ParserRuleContext, type Recognizer, type TerminalNode } from 'antlr4ng';
import { LightGBMParser, TreeBlockContext, type ModelContext } from '../../../grammar/generated/LightGBM/LightGBMParser';
import { ModelParseError } from '../errors';
import { LineToken, type LineTokenSource } from './lineTokens';

interface SyntaxProblem {
  line: number;
  column: number;
  token: Token | null;
  expected: number[];
}

class StopParsing extends Error {}

/** Records the first syntax error and stops the parse there: error recovery on a 100 MB file is wasted time. */
class FirstErrorStops extends BaseErrorListener {
  first: SyntaxProblem | undefined;

  override syntaxError<S extends Token, T extends ATNSimulator>(recognizer: Recognizer<T>, offendingSymbol: S | null, line: number, column: number): void {
    let expected: number[] = [];
    try {
      expected = (recognizer as unknown as Parser).getExpectedTokens().toArray();
    } catch {
      // Expected tokens are only for the message.
    }
    this.first = { line, column: column + 1, token: offendingSymbol, expected };
    throw new StopParsing();
  }
}

/** How a token type reads in a message. */
function describeType(type: number): string {
  switch (type) {
    case Token.EOF:
      return 'the end of the file';
    case LightGBMParser.TREE_NAME:
      return "the header line 'tree'";
    case LightGBMParser.TREE_HEADER:
      return "a 'Tree=<n>' line";
    case LightGBMParser.AVERAGE_OUTPUT:
      return "'average_output'";
    case LightGBMParser.END_OF_TREES:
      return "'end of trees'";
    case LightGBMParser.FEATURE_IMPORTANCES:
      return "'feature_importances:'";
    case LightGBMParser.PARAMETERS:
      return "'parameters:'";
    case LightGBMParser.END_OF_PARAMETERS:
      return "'end of parameters'";
    case LightGBMParser.PARSER_START:
      return "'parser:'";
    case LightGBMParser.END_OF_PARSER:
      return "'end of parser'";
    case LightGBMParser.PANDAS_CATEGORICAL:
      return "'pandas_categorical:'";
    case LightGBMParser.PARAMETER:
      return "a '[key: value]' line";
    case LightGBMParser.BLANK:
      return 'a blank line';
    case LightGBMParser.OTHER:
      return 'a line without =';
    default:
      return 'a key=value line';
  }
}

function shownLine(token: Token | null): string {
  if (!token || token.type === Token.EOF) return 'the end of the file';
  const text = (token.text ?? '').replace(/\r?\n$/, '');
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
}

function syntaxDetail(problem: SyntaxProblem, isFirstToken: boolean): string {
  const found = shownLine(problem.token);
  if (isFirstToken && problem.token?.type === LightGBMParser.TREE_HEADER) {
    return (
      `expected the model header line 'tree' but found ${found}: this is a lone tree block, not a whole model.txt. ` +
      'A LightGBM model file starts with the header (tree, version=, num_class=, max_feature_idx=, feature_names=, …); LightGBM cannot load a block without it either.'
    );
  }
  if (isFirstToken) return `expected the model header line 'tree' (the first line of a LightGBM model.txt) but found ${found}`;
  const expected = [...new Set(problem.expected.map(describeType))];
  const list = expected.length <= 1 ? expected.join('') : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
  return `unexpected ${found}${list ? `; expected ${list}` : ''}`;
}

/** The text of a token's line, without its line break; '' for the end of the file. */
function lineOf(token: Token | null): string | undefined {
  if (!(token instanceof LineToken) || token.type === Token.EOF) return token?.type === Token.EOF ? '' : undefined;
  return token.text.replace(/\r?\n$/, '');
}

/**
 * Hands each `Tree=` block to the reader as the parse goes, and then drops it from the parse tree, so
 * the parse never holds more than two trees' tokens (and the text pieces they point into). A block
 * is handed over only once the parser has gone on to the next one (or to the end), so a syntax error
 * right after a block is reported as that, not as a tree that stops short.
 */
class TreeBlocks implements ParseTreeListener {
  private pending: TreeBlockContext | undefined;

  constructor(private readonly onTreeBlock: (block: TreeBlockContext) => void) {}

  enterEveryRule(context: ParserRuleContext): void {
    if (!(context instanceof TreeBlockContext) || !this.pending) return;
    const done = this.pending;
    this.flush();
    // The parent now ends with the finished block, any blank lines after it, and this new block.
    const children = context.parent!.children;
    const at = children.lastIndexOf(done);
    if (at >= 0) children.splice(at, children.length - 1 - at);
  }

  exitEveryRule(context: ParserRuleContext): void {
    if (context instanceof TreeBlockContext) this.pending = context;
  }

  /** Hands over the block waiting, if any (the parser calls this from `enterEveryRule`; the reader at the end). */
  flush(): void {
    const block = this.pending;
    this.pending = undefined;
    if (block) this.onTreeBlock(block);
  }

  visitTerminal(_node: TerminalNode): void {}

  visitErrorNode(_node: ErrorNode): void {}
}

/**
 * Runs grammar/LightGBM.g4 over the line tokens of `source` and returns the parse tree without its
 * tree blocks: each goes to `onTreeBlock` as soon as the parser has read past it, in file order.
 * Throws E_PARSE_SYNTAX with line and column at the first problem, and stops there. Tokens are not
 * buffered (the grammar's decisions are LL(1)), so a 100 MB file is never held whole.
 */
export function runGrammar(source: LineTokenSource, fileName: string, onTreeBlock: (block: TreeBlockContext) => void): ModelContext {
  const parser = new LightGBMParser(new UnbufferedTokenStream(source));
  parser.removeErrorListeners();
  const listener = new FirstErrorStops();
  parser.addErrorListener(listener);
  const blocks = new TreeBlocks(onTreeBlock);
  parser.addParseListener(blocks);
  let model: ModelContext | undefined;
  try {
    model = parser.model();
  } catch (error) {
    if (!(error instanceof StopParsing)) throw error;
  }
  // The line scanner stops at a line the lexer rules cannot read; that comes first unless the parser failed earlier.
  const lexical = source.problem;
  const syntax = listener.first;
  if (lexical && (!syntax || syntax.line >= lexical.line)) {
    throw new ModelParseError({
      code: 'E_PARSE_SYNTAX',
      fileName,
      format: 'lightgbm',
      position: { line: lexical.line, column: lexical.column },
      sourceLine: lexical.sourceLine,
      // With the STRAY rule every line lexes except one holding a carriage return before its end.
      detail: `this line holds a carriage return (\\r) before its end; model.txt lines end in \\n or \\r\\n (${lexical.message})`,
    });
  }
  if (syntax) {
    throw new ModelParseError({
      code: 'E_PARSE_SYNTAX',
      fileName,
      format: 'lightgbm',
      position: { line: syntax.line, column: syntax.column },
      sourceLine: lineOf(syntax.token),
      detail: syntaxDetail(syntax, syntax.token?.tokenIndex === 0),
    });
  }
  blocks.flush();
  return model!;
}
