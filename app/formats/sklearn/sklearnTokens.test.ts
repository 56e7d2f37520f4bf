import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseErrorListener, Token, type ATNSimulator, type Recognizer } from 'antlr4ng';
import { describe, expect, it } from 'vitest';
import { SklearnTextLexer } from '../../../grammar/generated/SklearnText/SklearnTextLexer';
import { StringCharStream } from '../antlr';
import { corpusFiles, readCorpus, REFERENCE_DIR } from '../../testing/shared';
import { SklearnTokenSource } from './sklearnTokens';

const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets', 'samples');

interface Lexed {
  tokens: string[];
  /** Where the first token that cannot be made starts: 1-based line and column. */
  error?: { line: number; column: number };
}

const show = (token: Token) => `${token.type} ${token.start}-${token.stop} @${token.line}:${token.column}`;

/** Tokens of the generated lexer (the grammar's own definition), up to its first error. */
function lexWithGrammar(text: string): Lexed {
  let error: Lexed['error'];
  const lexer = new SklearnTextLexer(new StringCharStream(text));
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
  // The token made before the lexer noticed the error is after it in the text only if the error ended it.
  if (error) while (tokens.length > 0 && tokenLine(tokens[tokens.length - 1]) > error.line) tokens.pop();
  return { tokens, error };
}

function tokenLine(shown: string): number {
  return Number(/@(\d+):/.exec(shown)![1]);
}

/** Tokens of the line scanner the parser runs on in the fast pass. */
function lexWithScanner(text: string): Lexed {
  const source = new SklearnTokenSource(text);
  const tokens: string[] = [];
  let token = source.nextToken();
  for (; token.type !== Token.EOF; token = source.nextToken()) tokens.push(show(token));
  return { tokens, error: source.hasProblem ? { line: token.line, column: token.column + 1 } : undefined };
}

/** The tree lines of a file (its wrapper text, which the adapter cuts off, would stop both lexers at once). */
function treeLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n');
}

const files = [
  ...corpusFiles('sklearn')
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({ name, text: readCorpus(`sklearn/${name}`) })),
  ...['skl_dtc_iris'].map((name) => ({ name, text: readFileSync(join(REFERENCE_DIR, name, 'tree.txt'), 'utf8') })),
  { name: 'wine_decision_tree.txt', text: readFileSync(join(SAMPLES_DIR, 'wine_decision_tree.txt'), 'utf8') },
];

describe('sklearn line scanner = the grammar’s lexer rules', () => {
  it.each(files)('same tokens for the tree of $name', ({ text }) => {
    const tree = treeLines(text);
    const expected = lexWithGrammar(tree);
    expect(expected.error).toBeUndefined();
    expect(lexWithScanner(tree)).toEqual(expected);
  });

  it.each([
    ['names holding operators and keywords', '|--- a <= b  <= 0.50\n|   |--- class: x <= 1.5\n|--- class: size >  2.50\n|   |--- weights: [1.00, 2.00] class: y\n'],
    ['CRLF, no final newline, spaces after values', '|--- f <= 0.50  \r\n|   |--- value: [1.00, -2.50]\r\n|--- f >  0.50 \r\n|   |--- truncated branch of depth 4'],
    ['special numbers and names starting like numbers', '|--- 12 monkeys <= -inf\n|--- nan count >  nan\n|--- -3 <= 1.\n|--- x <= 1.5.5\n|--- weights: <= 2\n|--- value: [inf, -inf, nan]\n'],
    ['a name of brackets and commas', '|--- [a, b] <= 3\n|--- , <= 4\n|--- ] >  5\n|   |--- value: [1.00]\n'],
    ['keywords without a split', '|--- weights:\n|--- value:x\n|--- truncated branch of depth\n|--- class:\n|--- class: \n'],
    ['spacing 1 and 5 prefixes', '|- a <= 1\n| |- class: 1\n|----- b >  2\n|     |----- class: 2\n'],
  ])('same tokens for %s', (_label, text) => {
    expect(lexWithScanner(text)).toEqual(lexWithGrammar(text));
  });

  it.each([
    ['a note inside the tree', '|--- a <= 0.50\nnote: pruned\n', { line: 2, column: 1 }],
    ['text after a threshold', '|--- a <= 0.50 cm\n', { line: 1, column: 16 }],
    ['a stray carriage return', '|--- a <= 0.50\r|--- b\n', { line: 1, column: 15 }],
    ['a tab', '|--- class: 1\n\t|--- a\n', { line: 2, column: 1 }],
  ])('both stop at %s', (_label, text, position) => {
    const grammar = lexWithGrammar(text);
    const scanner = lexWithScanner(text);
    expect(grammar.error).toEqual(position);
    expect(scanner.error).toEqual(position);
    expect(scanner.tokens).toEqual(grammar.tokens);
  });
});
