import { describe, expect, it } from 'vitest';
import { lexWithGrammar, lexWithScanner, scannerChecks } from '../../testing/tokenEquivalence';
import { SparkTreeLexer } from '../../../grammar/generated/SparkTree/SparkTreeLexer';
import { StringCharStream } from '../antlr';
import { detectFormat } from '../detect';
import { corpusFiles, readCorpus } from '../../testing/shared';
import { SparkTokenSource } from './sparkTokens';

const lexGrammar = (text: string) => lexWithGrammar(new SparkTreeLexer(new StringCharStream(text)));
const lexScanner = (text: string) => lexWithScanner(new SparkTokenSource(text));
const check = scannerChecks(lexGrammar, lexScanner);

/** The dump from its header on, as the adapter passes it to the grammar. */
function fromHeader(text: string): string {
  const detected = detectFormat(text);
  return text.split('\n').slice((detected?.line ?? 1) - 1).join('\n');
}

describe('Spark scanner = the grammar’s lexer rules', () => {
  it.each(corpusFiles('spark').filter((name) => name.endsWith('.txt')))('same tokens for %s', (name) => {
    const text = fromHeader(readCorpus(`spark/${name}`));
    check.sameTokensThroughout(text);
  });

  it.each([
    ['every header form', 'DecisionTreeModel classifier of depth 1 with 3 nodes\nTreeEnsembleModel regressor with 2 trees and 6 total nodes\nGBTClassificationModel (uid=gbtc_1a2b) with 2 trees\nRandomForestRegressionModel: uid = rfr_9, numTrees=2, numFeatures=3\n'],
    ['numbers of every form', 'Predict: 0.5 -12.908 1.0E-4 -2.3E-4 1e+5 NaN Infinity -Infinity -12.9080 3 -7 0.5e 7E 1.5E- 12x NaNx Infinity2 -Infinityx\n'],
    ['keywords inside words and tabs, CRLF', 'If\t(feature 1 <= 0.5)\r\n  Ifx Elsewhere Predict_ Tree0 (weight 0.1):\r\n  feature 3 not in {1.0,2.0} in {}\n'],
    ['words that are keywords of the grammar', 'x: uid=depth, nodes=trees, feature=weight _a=b9\n'],
  ])('same tokens for %s', (_label, text) => {
    check.sameTokens(text);
  });

  it.each([
    ['a lone <', 'If (feature 0 < 0.5)\n', { line: 1, column: 15 }],
    ['a lone minus', 'Predict: - 1\n', { line: 1, column: 10 }],
    ['a minus before NaN', 'Predict: -NaN\n', { line: 1, column: 10 }],
    ['a non-ASCII letter', 'Predict: 1.0\n  Größe\n', { line: 2, column: 5 }],
    ['a stray dot', 'Predict: 1.\n', { line: 1, column: 11 }],
  ])('both stop at %s', (_label, text, position) => {
    check.bothStopAt(text, position);
  });
});
