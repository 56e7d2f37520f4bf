/**
 * Files an attacker (or a fuzzer) writes: numbers that would size memory, nesting that would size
 * the stack, lines that would make parsing quadratic. Each is refused with its code, line and
 * column, quickly, or read with a warning — never a crash, a hang or gigabytes of memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../testing/shared';
import { ModelParseError, parseModelText } from './index';

function refusal(text: string, fileName = 'hostile.txt'): ModelParseError {
  try {
    parseModelText(text, fileName);
  } catch (error) {
    if (error instanceof ModelParseError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

const lightgbm = readFileSync(join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt'), 'utf8');

describe('numbers in the file never size memory', () => {
  const cases: [string, string, RegExp][] = [
    ['XGBoost feature f100000000', 'booster[0]:\n0:[f100000000<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.1\n\t2:leaf=0.2\n', /feature/],
    ['XGBoost feature f followed by 400 nines', `booster[0]:\n0:[f${'9'.repeat(400)}<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.1\n\t2:leaf=0.2\n`, /feature/],
    [
      'Spark feature 100000000',
      'DecisionTreeModel classifier of depth 1 with 3 nodes\n  If (feature 100000000 <= 0.5)\n   Predict: 0.0\n  Else (feature 100000000 > 0.5)\n   Predict: 1.0\n',
      /feature/,
    ],
    ['Spark class 1.79e308', 'DecisionTreeModel classifier of depth 1 with 3 nodes\n  If (feature 0 <= 0.5)\n   Predict: 0.0\n  Else (feature 0 > 0.5)\n   Predict: 1.79e308\n', /class/],
    ['Spark class 100000000', 'DecisionTreeModel classifier of depth 1 with 3 nodes\n  If (feature 0 <= 0.5)\n   Predict: 0.0\n  Else (feature 0 > 0.5)\n   Predict: 100000000.0\n', /class/],
    ['scikit-learn feature_100000000', '|--- feature_100000000 <= 0.50\n|   |--- class: 0\n|--- feature_100000000 >  0.50\n|   |--- class: 1\n', /feature/],
    ['LightGBM num_tree_per_iteration 2^53+1', lightgbm.replace('num_tree_per_iteration=1', 'num_tree_per_iteration=9007199254740993'), /num_tree_per_iteration/],
    ['LightGBM num_tree_per_iteration 10^8', lightgbm.replace('num_tree_per_iteration=1', 'num_tree_per_iteration=100000000'), /num_tree_per_iteration/],
    ['LightGBM num_class 10^8', lightgbm.replace('num_class=1', 'num_class=100000000'), /num_class/],
    ['LightGBM max_feature_idx 10^8', lightgbm.replace('max_feature_idx=19', 'max_feature_idx=100000000'), /max_feature_idx|feature/],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      const started = performance.now();
      const error = refusal(text);
      expect(error.message).toMatch(message);
      expect(error.info.position?.line, error.message).toBeGreaterThan(0);
      expect(error.info.position?.column, error.message).toBeGreaterThan(0);
      // Generous: the point is "not 35 seconds and 5 GB", not a timing claim.
      expect(performance.now() - started).toBeLessThan(2000);
    });
  }
});

describe('no recursion whose depth the file decides', () => {
  it('a Spark tree nested 9,000 levels deep is read or refused at its deepest line, never a crash', () => {
    const depth = 9_000;
    const lines = [`DecisionTreeModel regressor of depth ${depth} with ${2 * depth + 1} nodes`];
    // Each level: If, its left leaf, Else; the right subtree is the next level. Spark indents one space a level.
    for (let level = 0; level < depth; level++) {
      lines.push(`${' '.repeat(level + 1)}If (feature 0 <= ${level}.5)`, `${' '.repeat(level + 2)}Predict: ${level}.0`, `${' '.repeat(level + 1)}Else (feature 0 > ${level}.5)`);
    }
    lines.push(`${' '.repeat(depth + 1)}Predict: -1.0`);
    let model;
    try {
      model = parseModelText(lines.join('\n') + '\n', 'deep.txt');
    } catch (error) {
      // Until the grammar reads lines flat, a typed refusal with its place is the floor.
      expect(error).toBeInstanceOf(ModelParseError);
      expect((error as ModelParseError).info.code).toBe('E_PARSE_UNSUPPORTED');
      expect((error as ModelParseError).info.position?.line).toBeGreaterThan(1);
      return;
    }
    expect(model.trees[0].nodes).toHaveLength(2 * depth + 1);
  });
});

describe('parse time stays linear in the file', () => {
  it('stops at the first bad character of a 1 MB line (was 13–16 s of per-character recovery)', () => {
    const text = 'booster[0]:\n0:[f0<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.1' + 'x'.repeat(1 << 20) + '\n\t2:leaf=0.2\n';
    const started = performance.now();
    const error = refusal(text);
    expect(error.message).toBe("hostile.txt: line 3, column 12: unexpected character 'x'");
    // Generous for a busy machine; the broken reader needed over 10 s.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('overflowing numbers are said', () => {
  it('warns about an XGBoost leaf of 1e400 (read as +Infinity) with its line and column', () => {
    const model = parseModelText('booster[0]:\n0:[f0<0.5] yes=1,no=2,missing=1\n\t1:leaf=1e400\n\t2:leaf=0.2\n', 'overflow.txt');
    const warning = model.warnings.find((candidate) => candidate.code === 'W_NUMBER_OVERFLOW');
    expect(warning?.position).toEqual({ line: 3, column: expect.any(Number) });
  });
});
