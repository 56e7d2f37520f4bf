import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lexWithGrammar, lexWithScanner, scannerChecks } from '../../testing/tokenEquivalence';
import { XGBoostTextLexer } from '../../../grammar/generated/XGBoostText/XGBoostTextLexer';
import { StringCharStream } from '../antlr';
import { corpusFiles, readCorpus } from '../../testing/shared';
import { XgboostTokenSource } from './xgboostTokens';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

const lexGrammar = (text: string) => lexWithGrammar(new XGBoostTextLexer(new StringCharStream(text)));
const lexScanner = (text: string) => lexWithScanner(new XgboostTokenSource(text));
const check = scannerChecks(lexGrammar, lexScanner);

/** The dump lines of a file (wrapper text, which the adapter cuts off, would stop both lexers at once). */
function dumpLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => /^[ \t]*(booster\[\d+\]:?[ \t]*\r?$|\d+:)/.test(line))
    .join('\n');
}

const dumps = corpusFiles('xgboost').filter((name) => name.endsWith('.txt') && !name.endsWith('.featmap.txt') && !name.includes('preds_margin'));
const fixtures = ['xgb_categorical_binary', 'xgb_dart_poisson', 'xgb_indicator_softmax'];

describe('XGBoost scanner = the grammar’s lexer rules', () => {
  it.each(dumps)('same tokens for %s', (name) => {
    const text = dumpLines(readCorpus(`xgboost/${name}`));
    check.sameTokensThroughout(text);
  });

  it.each(fixtures)('same tokens for fixtures/%s/model.dump.txt', (name) => {
    const text = readFileSync(join(FIXTURES, name, 'model.dump.txt'), 'utf8');
    check.sameTokensThroughout(text);
  });

  it.each([
    ['headers, stats and CRLF', 'booster[0]:\r\n0:[f0<0.5] yes=1,no=2,missing=1,gain=3.5e+02,cover=12\r\n\t1:leaf=-0.25,cover=6\r\nbooster[12]\r\n0:leaf=inf\n'],
    ['names with brackets, colons, braces and less-than signs', '0:[Größe: cm (x) & y<1.5] yes=1,no=2\n1:[a:{b:{1,3}] yes=4,no=3\n2:[say \\"hi\\"] yes=5,no=6\n3:[a]b<2] yes=1,no=2\n4:[x{y] yes=1\n5:[<1]\n'],
    ['numbers of every form', '0:leaf=-5.10896969e-009 1 -1 1.5 1e5 1e -nan nan -inf 8.70322176e+09 1. 1.5E+ 7e-\n'],
    ['vector leaves', '1:leaf=[0.1, 0.2, ..., 0.9]\n2:leaf=[\n3:leaf=[]x\n'],
    ['keys in a row', 'yes=no=missing=gain=cover=leaf=}],:\n'],
  ])('same tokens for %s', (_label, text) => {
    check.sameTokens(text);
  });

  it.each([
    ['a malformed number', '0:leaf=x1\n', { line: 1, column: 8 }],
    ['a misspelt key', '0:[f0<0.5] yes=1,nO=2\n', { line: 1, column: 18 }],
    ['an unclosed head', '0:[f0 yes=1\n', { line: 1, column: 3 }],
    ['a booster without digits', 'booster[]:\n', { line: 1, column: 1 }],
    ['a lone minus', '0:leaf=-\n', { line: 1, column: 8 }],
  ])('both stop at %s', (_label, text, position) => {
    check.bothStopAt(text, position);
  });
});
