import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Token } from 'antlr4ng';
import { lexWithGrammar as lexWithGrammarRules, type Lexed } from '../../testing/tokenEquivalence';
import { describe, expect, it } from 'vitest';
import { LightGBMLexer } from '../../../grammar/generated/LightGBM/LightGBMLexer';
import { corpus, corpusFiles, REFERENCE_DIR } from '../../testing/shared';
import { LineTokenSource, StringCharStream } from './lineTokens';

const show = (token: Token) => `${token.type} ${token.start}-${token.stop} @${token.line}:${token.column}`;

const lexWithGrammar = (text: string) => lexWithGrammarRules(new LightGBMLexer(new StringCharStream(text)), 'line');

/** Tokens of the line scanner the parser runs on. */
function lexWithLines(text: string): Lexed {
  const source = new LineTokenSource(text, 0, 1);
  const tokens: string[] = [];
  for (let token = source.nextToken(); token.type !== Token.EOF; token = source.nextToken()) tokens.push(show(token));
  return { tokens, error: source.problem && { line: source.problem.line, column: source.problem.column } };
}

const withFinalNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

const models = [
  ...corpusFiles('lightgbm')
    .filter((name) => /_v[234]\.txt$/.test(name) || name.endsWith('handwritten.txt'))
    .map((name) => ({ name, path: corpus(`lightgbm/${name}`) })),
  ...['lgb_binary_nan', 'lgb_multiclass_iris', 'lgb_regression_diabetes'].map((name) => ({ name, path: join(REFERENCE_DIR, name, 'model.txt') })),
];

describe('line scanner = the grammar’s lexer rules', () => {
  it.each(models)('same tokens for $name', ({ path }) => {
    const text = withFinalNewline(readFileSync(path, 'utf8'));
    const expected = lexWithGrammar(text);
    expect(expected.error).toBeUndefined();
    expect(lexWithLines(text)).toEqual(expected);
  });

  it.each([
    ['keywords with trailing blanks and CRLF', 'tree \r\nend of trees\t\r\nTree=12  \n\r\n  \nTree=x\nTree=\nfeature importances:\npandas_categorical:[["a=b"]]\n'],
    ['unknown keys, bare lines and parameters', 'num_leaves=3\nnum_leaves =3\nfoo=bar=baz\nMaps:\nmap: label\n[boosting: gbdt]\n[\nversion=\n'],
    ['keys that only start like keywords', 'tree_sizes=1\ntreex\nTree=1x\nparameters:x\nend of trees and more\naverage_output2\n'],
    ['indented lines and lines starting with =', 'parser:\n{\n  "a": 1,\n\t"b": "x=y"\n}\n=1\n   \nend of parser\n'],
  ])('same tokens for %s', (_label, text) => {
    expect(lexWithLines(text)).toEqual(lexWithGrammar(text));
  });

  it.each([
    ['a stray carriage return', 'tree\nversion=v4\rx\n', { line: 2, column: 1 }],
    ['a stray carriage return after indentation', 'tree\n  x\ry\n', { line: 2, column: 1 }],
    ['a carriage return inside blanks', 'tree\n \r \n', { line: 2, column: 1 }],
  ])('both stop at %s', (_label, text, position) => {
    const grammar = lexWithGrammar(text);
    const lines = lexWithLines(text);
    expect(grammar.error).toEqual(position);
    expect(lines.error).toEqual(position);
    expect(lines.tokens).toEqual(grammar.tokens);
  });
});
