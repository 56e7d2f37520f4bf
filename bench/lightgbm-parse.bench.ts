/**
 * Reading LightGBM model.txt files (app/formats/lightgbm), against JSON.parse of the same model's IR.
 * 1. The largest corpus LightGBM models (by bytes, and by node count): median parse time of
 *    `parseModelText` vs `JSON.parse(serializeModel(model))` measured interleaved in this run; goal ≤ 2×.
 * 2. How the tokens are made: the grammar's generated lexer vs the line scanner the parser runs on.
 * 3. A generated model.txt of 100+ MB (the trees of a corpus model repeated, written to a temp file and
 *    deleted afterwards) loaded in a fresh Node process: read and parse time, peak RSS, heap after load.
 * Run: node scripts/bench.mjs lightgbm-parse
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Token } from 'antlr4ng';
import { LightGBMLexer } from '../grammar/generated/LightGBM/LightGBMLexer';
import { parseModelText } from '../app/formats';
import { LineTokenSource, StringCharStream } from '../app/formats/lightgbm/lineTokens';
import { serializeModel } from '../app/model/serialize';
import type { TreeModel } from '../app/model/types';
import { repeatLightgbmTrees } from '../app/testing/bigModels';
import { collectGarbage, compareParseWithJson, median, megabytes, nodeCount } from './common';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus', 'lightgbm');
const RUNS = 11;
const HUGE_TARGET_BYTES = 105 * 1024 * 1024;





/** Parse vs JSON.parse of the IR for one corpus model. */
function compare(name: string): { ratio: number } {
  return { ratio: compareParseWithJson(name, readFileSync(join(CORPUS, name), 'utf8'), RUNS) };
}

/** Tokens per second of the generated lexer vs the line scanner on one text (second of two runs each, so both are compiled). */
function compareLexers(name: string, text: string): void {
  const time = (count: () => number): { ms: number; tokens: number } => {
    let result = { ms: 0, tokens: 0 };
    for (let run = 0; run < 2; run++) {
      collectGarbage();
      const start = performance.now();
      const tokens = count();
      result = { ms: performance.now() - start, tokens };
    }
    return result;
  };
  const generated = time(() => {
    const lexer = new LightGBMLexer(new StringCharStream(text));
    let tokens = 0;
    while (lexer.nextToken().type !== Token.EOF) tokens++;
    return tokens;
  });
  const scanned = time(() => {
    const scanner = new LineTokenSource(text, 0, 1);
    let tokens = 0;
    while (scanner.nextToken().type !== Token.EOF) tokens++;
    return tokens;
  });
  const rate = (ms: number) => (text.length / 1e6 / (ms / 1000)).toFixed(0);
  console.log(
    `${name}: generated lexer ${generated.ms.toFixed(0)} ms (${rate(generated.ms)} MB/s), line scanner ${scanned.ms.toFixed(0)} ms (${rate(scanned.ms)} MB/s), ` +
      `${generated.tokens}/${scanned.tokens} tokens → the scanner is ${(generated.ms / scanned.ms).toFixed(0)}× faster`,
  );
}

/** Writes a model.txt of at least `bytes` by repeating the tree blocks of `source`. */
function writeHugeModel(source: string, bytes: number, path: string): number {
  const { text, trees } = repeatLightgbmTrees(source, bytes);
  writeFileSync(path, text);
  return trees;
}

/** Child process: load the huge file once and print what it cost. */
function loadHuge(path: string, withGeneratedLexer: boolean): void {
  const start = performance.now();
  const text = readFileSync(path, 'utf8');
  const readMs = performance.now() - start;
  const parseStart = performance.now();
  const model = parseModelText(text, 'huge.txt');
  const parseMs = performance.now() - parseStart;
  collectGarbage();
  const heap = process.memoryUsage().heapUsed;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `  ${model.trees.length} trees, ${nodeCount(model)} nodes: read ${readMs.toFixed(0)} ms, parse ${parseMs.toFixed(0)} ms ` +
      `(${(text.length / 1e6 / (parseMs / 1000)).toFixed(0)} MB/s); peak RSS ${megabytes(peak)}, heap with the model loaded ${megabytes(heap)}`,
  );
  if (withGeneratedLexer) compareLexers('  same text, tokens only', text);
}

if (process.argv[2] === '--load-huge') {
  loadHuge(process.argv[3], process.argv[4] === '--with-lexer');
} else {
  console.log('1. model.txt parse vs JSON.parse of the serialized IR');
  const models = readdirSync(CORPUS).filter((name) => /_v[234]\.txt$/.test(name));
  const bySize = [...models].sort((a, b) => statSync(join(CORPUS, b)).size - statSync(join(CORPUS, a)).size);
  const largest = bySize[0];
  const ratios = [compare(largest)];
  // The largest by bytes is one wide sparse tree; also the largest by trees and nodes.
  for (const name of ['keiba_binary_nan_missing_v4.txt', 'lleaves_mtpl2_regression_1000trees_pandas_categorical_v3.txt']) {
    if (name !== largest) ratios.push(compare(name));
  }

  console.log('\n2. Tokens: the generated lexer vs the line scanner');
  compareLexers('keiba_binary_nan_missing_v4.txt', readFileSync(join(CORPUS, 'keiba_binary_nan_missing_v4.txt'), 'utf8'));

  console.log(`\n3. A generated model.txt of ${megabytes(HUGE_TARGET_BYTES)}+ (keiba's trees repeated), loaded in a fresh process`);
  const directory = mkdtempSync(join(tmpdir(), 'splitscope-lightgbm-'));
  try {
    const path = join(directory, 'huge-model.txt');
    const trees = writeHugeModel(readFileSync(join(CORPUS, 'keiba_binary_nan_missing_v4.txt'), 'utf8'), HUGE_TARGET_BYTES, path);
    console.log(`  wrote ${megabytes(statSync(path).size)}, ${trees} trees`);
    execFileSync(process.execPath, ['--expose-gc', process.argv[1], '--load-huge', path, '--with-lexer'], { stdio: 'inherit' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const worst = Math.max(...ratios.map((entry) => entry.ratio));
  console.log(`\nworst parse / JSON.parse ratio: ${worst.toFixed(2)}×`);
}
