import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatG, SeededRandom, writeBigLightgbm } from '../../bench/bigLightgbm';
import { compileModel } from '../eval';
import { parseModelText } from '../formats';

/*
 * The benchmark's model generator (bench/bigLightgbm.ts). Its output is checked against the text it
 * wrote, read here independently: the LightGBM rules of FORMATS.md B.1–B.3 applied to the arrays
 * of each tree block, not the app's parser.
 */

const folder = mkdtempSync(join(tmpdir(), 'splitscope-biglgb-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function generate(name: string, options: Parameters<typeof writeBigLightgbm>[1]): string {
  const path = join(folder, name);
  const written = writeBigLightgbm(path, options);
  const text = readFileSync(path, 'latin1');
  expect(written.bytes).toBe(text.length);
  return text;
}

interface TextTree {
  splitFeature: number[];
  threshold: number[];
  decisionType: number[];
  left: number[];
  right: number[];
  leafValue: number[];
}

/** The tree blocks of a model.txt, straight from their `key=value` lines. */
function textTrees(text: string): TextTree[] {
  const trees: TextTree[] = [];
  const body = text.slice(text.indexOf('\nTree=0\n') + 1, text.indexOf('\nend of trees\n'));
  for (const block of body.split(/\n\n+(?=Tree=)/)) {
    const keys = new Map(block.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    const numbers = (key: string) => keys.get(key)!.split(' ').map(Number);
    trees.push({
      splitFeature: numbers('split_feature'),
      threshold: numbers('threshold'),
      decisionType: numbers('decision_type'),
      left: numbers('left_child'),
      right: numbers('right_child'),
      leafValue: numbers('leaf_value'),
    });
  }
  return trees;
}

/** LightGBM's numeric decision (FORMATS.md B.3), walked from the root to a leaf. */
function walk(tree: TextTree, row: number[]): number {
  let node = 0;
  for (;;) {
    const type = tree.decisionType[node];
    const missingType = (type >> 2) & 3;
    let x = row[tree.splitFeature[node]];
    if (Number.isNaN(x) && missingType !== 2) x = 0;
    let next: number;
    if ((missingType === 1 && Math.abs(x) <= 1.0000000180025095e-35) || (missingType === 2 && Number.isNaN(x))) next = type & 2 ? tree.left[node] : tree.right[node];
    else next = x <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    if (next < 0) return tree.leafValue[~next];
    node = next;
  }
}

describe('big LightGBM model generator', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    const options = { trees: 12, leaves: 31, features: 9, seed: 42 };
    expect(generate('a.txt', options)).toBe(generate('b.txt', options));
    expect(generate('c.txt', { ...options, seed: 43 })).not.toBe(generate('a.txt', options));
  });

  it('writes the header, tree blocks and footer LightGBM writes, with correct tree_sizes', () => {
    const text = generate('layout.txt', { trees: 25, leaves: 63, features: 14, seed: 5 });
    expect(text.startsWith('tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\nmax_feature_idx=13\nobjective=binary sigmoid:1\n')).toBe(true);
    expect(text.endsWith('\nend of parameters\n\npandas_categorical:null\n')).toBe(true);
    const sizes = /^tree_sizes=(.*)$/m.exec(text)![1].split(' ').map(Number);
    expect(sizes).toHaveLength(25);
    // Block i runs from its `Tree=i` line to the next block (or `end of trees`), trailing blank lines included.
    const starts = Array.from({ length: 25 }, (_, index) => text.indexOf(`\nTree=${index}\n`) + 1);
    starts.push(text.indexOf('\nend of trees\n') + 1);
    for (let index = 0; index < 25; index++) {
      expect(sizes[index]).toBe(starts[index + 1] - starts[index]);
      expect(text.slice(starts[index + 1] - 3, starts[index + 1])).toBe('\n\n\n');
    }
    // feature_importances are the split counts per feature, largest first, zeros omitted.
    const counts = new Map<string, number>();
    for (const tree of textTrees(text)) for (const feature of tree.splitFeature) counts.set(`Column_${feature}`, (counts.get(`Column_${feature}`) ?? 0) + 1);
    const importance = text.slice(text.indexOf('feature_importances:\n') + 21, text.indexOf('\n\nparameters:')).split('\n');
    expect(importance.map((line) => line.split('=')[0]).sort()).toEqual([...counts.keys()].sort());
    for (const line of importance) expect(Number(line.split('=')[1])).toBe(counts.get(line.split('=')[0]));
  });

  it('writes trees of the asked size: each leaf reachable once, counts adding up, ~27 KB per 255-leaf tree', () => {
    const text = generate('shape.txt', { trees: 8, leaves: 255, features: 28 });
    const trees = textTrees(text);
    expect(trees).toHaveLength(8);
    for (const tree of trees) {
      const leaves = [...tree.left, ...tree.right].filter((child) => child < 0).map((child) => ~child).sort((a, b) => a - b);
      expect(leaves).toEqual(Array.from({ length: 255 }, (_, index) => index));
      const internal = [...tree.left, ...tree.right].filter((child) => child >= 0).sort((a, b) => a - b);
      expect(internal).toEqual(Array.from({ length: 253 }, (_, index) => index + 1));
    }
    for (const block of text.split('\nTree=').slice(1)) {
      const line = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(block)![1].split(' ').map(Number);
      const leafCount = line('leaf_count');
      const internalCount = line('internal_count');
      expect(leafCount.reduce((sum, count) => sum + count, 0)).toBe(internalCount[0]);
    }
    // The 500 × 255-leaf model is 13.8 MB; these trees, at this size, make 500 of them 12–15 MB.
    const perTree = (text.indexOf('\nend of trees\n') - text.indexOf('\nTree=0\n')) / 8;
    expect(perTree * 500).toBeGreaterThan(12e6);
    expect(perTree * 500).toBeLessThan(15e6);
  });

  it('reads back through the app: tree and leaf counts, and predictions equal an independent walk of the text', () => {
    const text = generate('predict.txt', { trees: 40, leaves: 127, features: 20, seed: 11 });
    const model = parseModelText(text, 'predict.txt');
    expect(model.trees).toHaveLength(40);
    for (const tree of model.trees) {
      expect(tree.nodes.filter((node) => node.type === 'leaf')).toHaveLength(127);
      expect(tree.nodes.filter((node) => node.type === 'split')).toHaveLength(126);
    }
    const trees = textTrees(text);
    const ranges = /^feature_infos=(.*)$/m.exec(text)![1].split(' ').map((info) => info.slice(1, -1).split(':').map(Number));
    const thresholds = trees.flatMap((tree) => tree.threshold.map((threshold, node) => [tree.splitFeature[node], threshold]));
    const compiled = compileModel(model);
    const random = new SeededRandom(99);
    let rowsChecked = 0;
    for (let rowIndex = 0; rowIndex < 300; rowIndex++) {
      const row = ranges.map(([min, max]) => {
        const draw = random.next();
        return draw < 0.1 ? NaN : draw < 0.15 ? 0 : min + (max - min) * random.next();
      });
      // Some values exactly at a threshold of their feature, so `<=` is exercised at equality.
      for (let k = 0; k < 3; k++) {
        const [feature, threshold] = thresholds[random.below(thresholds.length)];
        row[feature] = threshold;
      }
      let raw = 0;
      for (const tree of trees) raw += walk(tree, row);
      const prediction = compiled.predictRow(row);
      expect(Math.abs(prediction.raw[0] - raw)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(raw)));
      expect(prediction.prediction[0]).toBeCloseTo(1 / (1 + Math.exp(-raw)), 12);
      rowsChecked++;
    }
    expect(rowsChecked).toBe(300);
  });

  it('formats numbers as C printf %g does', () => {
    expect(formatG(1.0000000180025095e-35, 17)).toBe('1.0000000180025095e-35');
    expect(formatG(0.1 + 0.2, 17)).toBe('0.30000000000000004');
    expect(formatG(177.5, 17)).toBe('177.5');
    expect(formatG(0.27500000000000002, 17)).toBe('0.27500000000000002');
    expect(formatG(0.0001234, 6)).toBe('0.0001234');
    expect(formatG(0.00001234, 6)).toBe('1.234e-05');
    expect(formatG(8549.4999, 6)).toBe('8549.5');
    expect(formatG(1234567, 6)).toBe('1.23457e+06');
    expect(formatG(-1.27601234, 6)).toBe('-1.27601');
    expect(formatG(200000, 6)).toBe('200000');
  });
});
