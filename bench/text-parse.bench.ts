/**
 * Reading the ANTLR-parsed text dumps (Spark toDebugString, XGBoost text dump, scikit-learn export_text)
 * against JSON.parse of the same model's IR (serializeModel), measured interleaved in this run.
 * For each format: the largest corpus file, and a generated ~10 MB file:
 * - Spark: a depth-30 tree (a full tree to depth 13, below which each node splits with probability 1/2);
 * - XGBoost: the boosters of the largest corpus dump repeated (renumbered);
 * - scikit-learn: export_text trees with show_weights and named features, of depth 14 (~2 MB, ~16k nodes)
 *   and 30 (~12 MB).
 * Prints median times and the ratio (goal ≤ 2× for tree-heavy files, like bench/lightgbm-parse.bench.ts),
 * then tokens only: each grammar's generated lexer vs the scanner the fast pass runs on.
 * Run: node scripts/bench.mjs text-parse
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Token, type Lexer, type TokenSource } from 'antlr4ng';
import { SklearnTextLexer } from '../grammar/generated/SklearnText/SklearnTextLexer';
import { SparkTreeLexer } from '../grammar/generated/SparkTree/SparkTreeLexer';
import { XGBoostTextLexer } from '../grammar/generated/XGBoostText/XGBoostTextLexer';
import { parseModelText } from '../app/formats';
import { StringCharStream } from '../app/formats/antlr';
import { SklearnTokenSource } from '../app/formats/sklearn/sklearnTokens';
import { SparkTokenSource } from '../app/formats/spark/sparkTokens';
import { XgboostTokenSource } from '../app/formats/xgboost/xgboostTokens';
import { serializeModel } from '../app/model/serialize';
import type { TreeModel } from '../app/model/types';
import { collectGarbage, compareParseWithJson, median, megabytes } from './common';
import { seededRandom as random } from '../app/util/random';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
const RUNS = 7;
const TARGET_BYTES = 10 * 1024 * 1024;






/** A spark.ml classifier toDebugString of at least `bytes`, indented as Spark indents it. */
function sparkTree(bytes: number): string {
  for (let seed = 1; ; seed++) {
    const next = random(seed);
    const lines: string[] = [];
    let nodes = 0;
    let depth = 0;
    const add = (level: number) => {
      nodes++;
      depth = Math.max(depth, level);
      const indent = ' '.repeat(level + 2);
      if (level >= 30 || (level >= 13 && next() < 0.5)) {
        lines.push(`${indent}Predict: ${next() < 0.5 ? '0.0' : '1.0'}`);
        return;
      }
      const feature = Math.floor(next() * 3000);
      const threshold = (Math.floor(next() * 400) / 8 + 0.5).toString();
      lines.push(`${indent}If (feature ${feature} <= ${threshold})`);
      add(level + 1);
      lines.push(`${indent}Else (feature ${feature} > ${threshold})`);
      add(level + 1);
    };
    add(0);
    const text = `DecisionTreeClassificationModel: uid=dtc_bench, depth=${depth}, numNodes=${nodes}, numClasses=2, numFeatures=3000\n${lines.join('\n')}\n`;
    if (text.length >= bytes) return text;
  }
}

/** The boosters of `source` repeated (renumbered) to at least `bytes`. */
function repeatBoosters(source: string, bytes: number): string {
  const blocks = source.split(/^booster\[\d+\]:\n/m).filter((block) => block.trim() !== '');
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const block = blocks[index % blocks.length];
    parts.push(`booster[${index}]:\n`, block);
    size += block.length + 14;
  }
  return parts.join('');
}

/**
 * An export_text tree (spacing 3, show_weights, 3 classes, named features): full to depth 12, below which
 * each node splits with probability 1/2, down to depth `maxDepth`.
 */
function sklearnTree(maxDepth: number): string {
  const next = random(1);
  const lines: string[] = [];
  const add = (level: number) => {
    const prefix = '|   '.repeat(level) + '|--- ';
    if (level >= maxDepth || (level >= 12 && next() < 0.5)) {
      const winner = Math.floor(next() * 3);
      const weights = [0, 1, 2].map((index) => (index === winner ? 20 + Math.floor(next() * 20) : Math.floor(next() * 10)));
      lines.push(`${prefix}weights: [${weights.map((weight) => weight.toFixed(2)).join(', ')}] class: ${winner}`);
      return;
    }
    const name = `sensor ${Math.floor(next() * 40)} (mm)`;
    const threshold = (next() * 100 - 20).toFixed(2);
    lines.push(`${prefix}${name} <= ${threshold}`);
    add(level + 1);
    lines.push(`${prefix}${name} >  ${threshold}`);
    add(level + 1);
  };
  add(0);
  return `${lines.join('\n')}\n`;
}

/** Median times of making every token with the generated lexer and with the scanner that stands in for it. */
function compareLexers(label: string, text: string, createLexer: (input: StringCharStream) => Lexer, createScanner: (text: string) => TokenSource): void {
  const count = (source: TokenSource): number => {
    let tokens = 0;
    while (source.nextToken().type !== Token.EOF) tokens++;
    return tokens;
  };
  const generatedTimes: number[] = [];
  const scannedTimes: number[] = [];
  let tokens = 0;
  for (let run = 0; run < RUNS; run++) {
    collectGarbage();
    let start = performance.now();
    tokens = count(createLexer(new StringCharStream(text)));
    generatedTimes.push(performance.now() - start);
    collectGarbage();
    start = performance.now();
    count(createScanner(text));
    scannedTimes.push(performance.now() - start);
  }
  console.log(
    `${label}: ${tokens} tokens; generated lexer ${median(generatedTimes).toFixed(1)} ms, scanner ${median(scannedTimes).toFixed(1)} ms ` +
      `→ the scanner is ${(median(generatedTimes) / median(scannedTimes)).toFixed(1)}× faster`,
  );
}


const ratios: number[] = [];
const sparkText = readFileSync(join(CORPUS, 'spark', 'ml_dt_classifier_spark3x_depth30_13641nodes.txt'), 'utf8');
const credit = readFileSync(join(CORPUS, 'xgboost', 'givemesomecredit_binary_old_6digit_large.txt'), 'utf8');
const sklearnText = sklearnTree(14);

console.log('Tokens only');
compareLexers('spark 13,641 nodes', sparkText, (input) => new SparkTreeLexer(input), (text) => new SparkTokenSource(text));
compareLexers('xgboost givemesomecredit', credit, (input) => new XGBoostTextLexer(input), (text) => new XgboostTokenSource(text));
compareLexers('sklearn generated depth 14', sklearnText, (input) => new SklearnTextLexer(input), (text) => new SklearnTokenSource(text));

console.log('\nSpark toDebugString');
ratios.push(compareParseWithJson('spark/ml_dt_classifier_spark3x_depth30_13641nodes.txt', sparkText, RUNS));
ratios.push(compareParseWithJson('generated depth-30 Spark tree', sparkTree(TARGET_BYTES), RUNS));

console.log('\nXGBoost text dump');
ratios.push(compareParseWithJson('xgboost/givemesomecredit_binary_old_6digit_large.txt', credit, RUNS));
ratios.push(compareParseWithJson('generated: givemesomecredit boosters repeated', repeatBoosters(credit, TARGET_BYTES), RUNS));

console.log('\nscikit-learn export_text');
// The corpus files are small (≤ 13 KB); the largest still shows the fixed costs.
ratios.push(compareParseWithJson('sklearn/churn_pt_feature_names_with_spaces.txt', readFileSync(join(CORPUS, 'sklearn', 'churn_pt_feature_names_with_spaces.txt'), 'utf8'), RUNS));
ratios.push(compareParseWithJson('generated export_text tree, depth 14', sklearnText, RUNS));
ratios.push(compareParseWithJson('generated export_text tree, depth 30', sklearnTree(30), RUNS));

console.log(`\nworst parse / JSON.parse ratio: ${Math.max(...ratios.filter((ratio) => !Number.isNaN(ratio))).toFixed(2)}×${ratios.some(Number.isNaN) ? ' (some files failed)' : ''}`);
