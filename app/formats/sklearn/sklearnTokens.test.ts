import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lexWithGrammar, lexWithScanner, scannerChecks } from '../../testing/tokenEquivalence';
import { SklearnTextLexer } from '../../../grammar/generated/SklearnText/SklearnTextLexer';
import { StringCharStream } from '../antlr';
import { corpusFiles, readCorpus, REFERENCE_DIR } from '../../testing/shared';
import { SklearnTokenSource } from './sklearnTokens';

const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets', 'samples');

const lexGrammar = (text: string) => lexWithGrammar(new SklearnTextLexer(new StringCharStream(text)), 'line');
const lexScanner = (text: string) => lexWithScanner(new SklearnTokenSource(text));
const check = scannerChecks(lexGrammar, lexScanner);

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
    const expected = lexGrammar(tree);
    expect(expected.error).toBeUndefined();
    expect(lexScanner(tree)).toEqual(expected);
  });

  it.each([
    ['names holding operators and keywords', '|--- a <= b  <= 0.50\n|   |--- class: x <= 1.5\n|--- class: size >  2.50\n|   |--- weights: [1.00, 2.00] class: y\n'],
    ['CRLF, no final newline, spaces after values', '|--- f <= 0.50  \r\n|   |--- value: [1.00, -2.50]\r\n|--- f >  0.50 \r\n|   |--- truncated branch of depth 4'],
    ['special numbers and names starting like numbers', '|--- 12 monkeys <= -inf\n|--- nan count >  nan\n|--- -3 <= 1.\n|--- x <= 1.5.5\n|--- weights: <= 2\n|--- value: [inf, -inf, nan]\n'],
    ['a name of brackets and commas', '|--- [a, b] <= 3\n|--- , <= 4\n|--- ] >  5\n|   |--- value: [1.00]\n'],
    ['keywords without a split', '|--- weights:\n|--- value:x\n|--- truncated branch of depth\n|--- class:\n|--- class: \n'],
    ['spacing 1 and 5 prefixes', '|- a <= 1\n| |- class: 1\n|----- b >  2\n|     |----- class: 2\n'],
  ])('same tokens for %s', (_label, text) => {
    check.sameTokens(text);
  });

  it.each([
    ['a note inside the tree', '|--- a <= 0.50\nnote: pruned\n', { line: 2, column: 1 }],
    ['text after a threshold', '|--- a <= 0.50 cm\n', { line: 1, column: 16 }],
    ['a stray carriage return', '|--- a <= 0.50\r|--- b\n', { line: 1, column: 15 }],
    ['a tab', '|--- class: 1\n\t|--- a\n', { line: 2, column: 1 }],
  ])('both stop at %s', (_label, text, position) => {
    check.bothStopAt(text, position);
  });
});
