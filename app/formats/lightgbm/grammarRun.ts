import { BaseErrorListener, CommonTokenStream, Token, type ATNSimulator, type Parser, type Recognizer } from 'antlr4ng';
import { LightGBMParser, type ModelContext } from '../../../grammar/generated/LightGBM/LightGBMParser';
import { ModelParseError, sourceLineAt } from '../errors';
import { LineTokenSource } from './lineTokens';

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

/**
 * Runs grammar/LightGBM.g4 over `text` from offset `start` (line `firstLine`) on line tokens and returns
 * the parse tree. Throws E_PARSE_SYNTAX with line and column at the first problem, and stops there.
 */
export function runGrammar(text: string, start: number, firstLine: number, fileName: string): ModelContext {
  const source = new LineTokenSource(text, start, firstLine);
  const parser = new LightGBMParser(new CommonTokenStream(source));
  parser.removeErrorListeners();
  const listener = new FirstErrorStops();
  parser.addErrorListener(listener);
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
      sourceLine: sourceLineAt(text, lexical.line),
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
      sourceLine: sourceLineAt(text, syntax.line),
      detail: syntaxDetail(syntax, syntax.token?.tokenIndex === 0),
    });
  }
  return model!;
}

