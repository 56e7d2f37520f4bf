import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusFiles, readCorpus, REFERENCE_DIR } from '../../testing/shared';
import { parseModelText, ModelParseError } from '../index';
import type { LeafNode, SplitNode, TreeModel } from '../../model/types';

const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets', 'samples');

/** What a line-by-line regex count says a file holds: an oracle independent of the grammar and adapter. */
function countLines(text: string) {
  const lines = text.split(/\r?\n/);
  const spacing = /^\|(-+) /.exec(lines.find((line) => /^\|(-+) /.test(line))!)![1].length;
  const prefix = new RegExp(`^(?:\\|[ ]{${spacing}})*\\|-{${spacing}} `);
  const tree = lines.filter((line) => prefix.test(line)).map((line) => line.replace(prefix, ''));
  const leaves = tree.filter((content) => /^(class: |weights: \[|value: \[|truncated branch of depth \d+$)/.test(content));
  const splits = tree.filter((content) => / <= -?[\d.]+$/.test(content));
  const labels = new Set(leaves.flatMap((content) => /class: (.*)$/.exec(content)?.[1] ?? []));
  const names = new Set(splits.map((content) => content.replace(/ <= -?[\d.]+$/, '')));
  const truncated = leaves.filter((content) => content.startsWith('truncated')).length;
  return { leaves: leaves.length, splits: splits.length, labels, names, truncated };
}

function leavesOf(model: TreeModel): LeafNode[] {
  return model.trees[0].nodes.filter((node): node is LeafNode => node.type === 'leaf');
}

function errorOf(run: () => unknown): ModelParseError['info'] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelParseError);
    return (error as ModelParseError).info;
  }
  throw new Error('expected a ModelParseError');
}

/** Compares the parsed tree with scikit-learn's exact arrays (tree.json), node by node. */
function expectSameTree(model: TreeModel, document: { feature_names: string[]; classes: unknown[]; trees: any[] }) {
  const arrays = document.trees[0];
  const nodes = model.trees[0].nodes;
  expect(nodes).toHaveLength(arrays.node_count);
  for (const node of nodes) {
    // Pre-order with the left child first is scikit-learn's depth-first numbering.
    expect(node.sourceId).toBe(node.id);
    const id = node.sourceId;
    if (node.type === 'leaf') {
      expect(arrays.children_left[id]).toBe(-1);
      expect(node.value).toEqual(arrays.value[id][0]);
      expect(node.stats?.count).toBe(arrays.weighted_n_node_samples[id]);
      continue;
    }
    expect(node.left).toBe(arrays.children_left[id]);
    expect(node.right).toBe(arrays.children_right[id]);
    expect(model.features[node.feature].name).toBe(document.feature_names[arrays.feature[id]]);
    expect(node.split).toEqual({ kind: 'numeric', op: '<=', threshold: arrays.threshold[id], missing: { mode: 'compare' } });
  }
  expect(model.classes).toEqual(document.classes.map(String));
}

describe('scikit-learn export_text: corpus', () => {
  const texts = corpusFiles('sklearn').filter((name) => name.endsWith('.txt'));

  it.each(texts)('parses %s with the counts a line-by-line reading gives', (name) => {
    const text = readCorpus(`sklearn/${name}`);
    const model = parseModelText(text, name);
    const expected = countLines(text);
    const leaves = leavesOf(model);
    expect(model.format).toBe('sklearn');
    expect(leaves).toHaveLength(expected.leaves);
    expect(model.trees[0].nodes).toHaveLength(expected.leaves + expected.splits);
    expect(leaves.filter((leaf) => leaf.truncatedDepth !== undefined)).toHaveLength(expected.truncated);
    const usedNames = new Set(model.trees[0].nodes.flatMap((node) => (node.type === 'split' ? [model.features[node.feature].name] : [])));
    expect(usedNames).toEqual(expected.names);
    if (expected.labels.size > 0) {
      expect(new Set(model.classes)).toEqual(expected.labels);
      expect(model.aggregation).toEqual({ kind: 'distribution' });
      expect(model.task).toBe(expected.labels.size > 2 ? 'multiclass' : 'binary');
      for (const leaf of leaves) if (leaf.truncatedDepth === undefined) expect(leaf.classIndex).toBeGreaterThanOrEqual(0);
    } else {
      expect(model.task).toBe('regression');
      expect(model.aggregation).toEqual({ kind: 'mean' });
    }
    expect(model.arithmetic).toEqual({ input: 'float32', accumulate: 'float64' });
    const codes = model.warnings.map((warning) => warning.code);
    expect(codes.filter((code) => code === 'W_SKL_TRUNCATED').length).toBe(Math.min(expected.truncated, 10) + (expected.truncated > 10 ? 1 : 0));
    expect(codes).toContain('W_SKL_NODE_IDS');
  });

  it('rejects the export_graphviz DOT file as unsupported', () => {
    const info = errorOf(() => parseModelText(readCorpus('sklearn/titanic_export_graphviz.dot'), 'tree.dot'));
    expect(info.code).toBe('E_PARSE_UNSUPPORTED');
    expect(info.message).toMatch(/^tree\.dot: line 1, column 1: this is a Graphviz DOT drawing/);
  });

  it('skips the banner and footer around the attrition tree and reads its weights', () => {
    const model = parseModelText(readCorpus('sklearn/attrition_show_weights_with_header_footer.txt'), 'attrition.txt');
    const wrapper = model.warnings.find((warning) => warning.code === 'W_WRAPPER_TEXT')!;
    expect(wrapper.message).toBe('Skipped text that is not part of the tree: 7 line(s) before the tree and 10 line(s) after it.');
    expect(model.trees[0].nodes[0].position).toEqual({ line: 8, column: 6 });
    expect(model.classes).toEqual(['0', '1']);
    const first = leavesOf(model)[0];
    expect(first).toMatchObject({ value: [0.6, 0], classIndex: 0, position: { line: 12 } });
    expect(first.stats?.count).toBe(0.6);
    const truncated = model.warnings.find((warning) => warning.code === 'W_SKL_TRUNCATED')!;
    expect(truncated).toEqual({
      code: 'W_SKL_TRUNCATED',
      message: 'Line 18: a branch of depth 2 was not printed (export_text max_depth); rows that reach it cannot be scored.',
      position: { line: 18, column: 30 },
    });
    expect(model.warnings.map((warning) => warning.code)).toContain('W_SKL_ROUNDED');
  });

  it('keeps a trailing space in a Slovak feature name (two spaces before <=)', () => {
    const model = parseModelText(readCorpus('sklearn/slovak_unicode_long_feature_names.txt'), 'slovak.txt');
    const names = model.features.map((feature) => feature.name);
    expect(names).toContain('Koľko minút ste počas minulého týždňa venovali nenáročnej fyzickej aktivite? ');
    expect(names.every((name) => !name.endsWith('  '))).toBe(true);
  });

  it('numbers default feature_N names by N and marks them unnamed', () => {
    const model = parseModelText(readCorpus('sklearn/ecg_default_feature_names_5class.txt'), 'ecg.txt');
    const root = model.trees[0].nodes[0] as SplitNode;
    expect(model.features[root.feature]).toEqual({ index: 87, name: 'feature_87', isNamed: false, kind: 'numeric' });
    expect(model.features.every((feature, index) => feature.index === index && feature.name === `feature_${index}` && !feature.isNamed)).toBe(true);
    expect(model.classes).toEqual(['0', '1', '2', '3', '4']);
  });

  it('reads a regressor behind a hyper-parameter preamble', () => {
    const model = parseModelText(readCorpus('sklearn/cotton_candy_regression_with_preamble.txt'), 'cotton.txt');
    expect(model.task).toBe('regression');
    expect(model.classes).toBeUndefined();
    expect(model.numOutputs).toBe(1);
    expect(leavesOf(model).at(-1)!.value).toEqual([42.7]);
    const codes = model.warnings.map((warning) => warning.code);
    expect(codes).toEqual(expect.arrayContaining(['W_WRAPPER_TEXT', 'W_SKL_ROUNDED']));
  });

  it('sorts string class labels as classes_ is sorted', () => {
    const model = parseModelText(readCorpus('sklearn/crop_string_class_names.txt'), 'crop.txt');
    expect(model.classes).toEqual([...model.classes!].sort());
    expect(model.classes).toContain('kidneybeans');
  });
});

describe('scikit-learn export_text: exact trees from scikit-learn', () => {
  it('reads reference/skl_dtc_iris/tree.txt with the structure and thresholds of tree.json', () => {
    const model = parseModelText(readFileSync(join(REFERENCE_DIR, 'skl_dtc_iris', 'tree.txt'), 'utf8'), 'tree.txt');
    const document = JSON.parse(readFileSync(join(REFERENCE_DIR, 'skl_dtc_iris', 'tree.json'), 'utf8'));
    expectSameTree(model, { ...document, classes: ['0.0', '1.0', '2.0'] });
    // 16 decimals identify every double here: no rounding warning.
    expect(model.warnings.map((warning) => warning.code)).toEqual(['W_SKL_NODE_IDS', 'W_SKL_MISSING']);
    expect(model.metadata).toMatchObject({ spacing: '3', decimals: '16', showWeights: 'true' });
  });

  describe('the bundled sample', () => {
    const text = readFileSync(join(SAMPLES_DIR, 'wine_decision_tree.txt'), 'utf8');
    const document = JSON.parse(readFileSync(join(SAMPLES_DIR, 'wine_decision_tree.json'), 'utf8'));
    const model = parseModelText(text, 'wine_decision_tree.txt');

    it('has exactly the tree arrays scikit-learn holds', () => {
      expectSameTree(model, document);
      expect(model.task).toBe('multiclass');
      expect(model.features.every((feature) => feature.isNamed)).toBe(true);
      expect(model.warnings.filter((warning) => warning.code === 'W_SKL_ROUNDED')).toEqual([]);
    });

    it('routes every CSV row to the leaf scikit-learn reached (float32 input, x <= threshold goes left)', () => {
      const csv = readFileSync(join(SAMPLES_DIR, 'wine_decision_tree.csv'), 'utf8').trim().split('\n');
      const header = csv[0].split(',');
      const column = model.features.map((feature) => header.indexOf(feature.name));
      expect(column.every((index) => index >= 0)).toBe(true);
      const leaves = readFileSync(join(SAMPLES_DIR, 'wine_decision_tree.expected_leaf.csv'), 'utf8').trim().split('\n').slice(1).map(Number);
      const labels = readFileSync(join(SAMPLES_DIR, 'wine_decision_tree.expected_label.csv'), 'utf8').trim().split('\n').slice(1);
      const probabilities = readFileSync(join(SAMPLES_DIR, 'wine_decision_tree.expected_pred.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
      expect(csv.length - 1).toBe(178);
      csv.slice(1).forEach((line, row) => {
        const cells = line.split(',').map(Number);
        let node = model.trees[0].nodes[0];
        while (node.type === 'split') {
          const value = Math.fround(cells[column[node.feature]]);
          node = model.trees[0].nodes[value <= (node.split as { threshold: number }).threshold ? node.left : node.right];
        }
        expect(node.sourceId).toBe(leaves[row]);
        expect(model.classes![node.classIndex!]).toBe(labels[row]);
        // predict_proba is the leaf's weights over their sum, bit for bit.
        const total = node.value.reduce((sum, weight) => sum + weight, 0);
        expect(node.value.map((weight) => weight / total)).toEqual(probabilities[row]);
      });
    });
  });
});

describe('scikit-learn export_text: layouts', () => {
  const tree3 = [
    '|--- petal width (cm) <= 0.80',
    '|   |--- class: 0',
    '|--- petal width (cm) >  0.80',
    '|   |--- petal width (cm) <= 1.75',
    '|   |   |--- class: 1',
    '|   |--- petal width (cm) >  1.75',
    '|   |   |--- class: 2',
    '',
  ].join('\n');

  it('reads the docstring example (spacing 3) with positions', () => {
    const model = parseModelText(tree3, 'iris.txt');
    expect(model.features).toEqual([{ index: 0, name: 'petal width (cm)', isNamed: true, kind: 'numeric' }]);
    expect(model.trees[0].nodes.map((node) => node.type)).toEqual(['split', 'leaf', 'split', 'leaf', 'leaf']);
    expect(model.trees[0].nodes[3].position).toEqual({ line: 5, column: 14 });
    expect(leavesOf(model).map((leaf) => [leaf.classIndex, leaf.value])).toEqual([[0, []], [1, []], [2, []]]);
    const rounded = model.warnings.find((warning) => warning.code === 'W_SKL_ROUNDED')!;
    expect(rounded.message).toMatch(/^1 of 2 thresholds are rounded \(printed with 2 decimals;/);
    // 0.80 cannot be a float32 midpoint; 1.75 can.
    expect(rounded.position).toEqual({ line: 1, column: 26 });
  });

  it.each([1, 2, 5])('detects spacing %i from the first line', (spacing) => {
    const text = tree3.replaceAll('|   ', '|' + ' '.repeat(spacing)).replaceAll('|---', '|' + '-'.repeat(spacing));
    const model = parseModelText(text, 'spaced.txt');
    expect(model.trees[0].nodes).toHaveLength(5);
    expect(model.metadata.spacing).toBe(String(spacing));
  });

  it('ignores spaces after a threshold', () => {
    const model = parseModelText(tree3.replace('<= 0.80', '<= 0.80  ').replace('>  0.80', '>  0.80 '), 'spaces.txt');
    expect((model.trees[0].nodes[0] as SplitNode).split).toMatchObject({ threshold: 0.8 });
    expect(model.features).toHaveLength(1);
  });

  it('reads Windows line endings and a missing final newline', () => {
    const model = parseModelText(tree3.trimEnd().replaceAll('\n', '\r\n'), 'crlf.txt');
    expect(model.features[0].name).toBe('petal width (cm)');
    expect(model.classes).toEqual(['0', '1', '2']);
  });

  it('splits at the last operator: names holding <=, > and trailing spaces', () => {
    const text = ['|--- a <= b  <= 0.50', '|   |--- class: x <= 1.5', '|--- a <= b  >  0.50', '|   |--- class: y', ''].join('\n');
    const model = parseModelText(text, 'names.txt');
    expect(model.features[0].name).toBe('a <= b ');
    // The label looks like a split, but the next line is not deeper, so it is a leaf.
    expect(model.classes).toEqual(['x <= 1.5', 'y']);
  });

  it('reads a split on a feature named like a leaf keyword', () => {
    const text = ['|--- class: size <= 2.50', '|   |--- value: [1.00]', '|--- class: size >  2.50', '|   |--- value: [2.00]', ''].join('\n');
    const model = parseModelText(text, 'keyword.txt');
    expect(model.features[0].name).toBe('class: size');
    expect(leavesOf(model).map((leaf) => leaf.value)).toEqual([[1], [2]]);
  });

  it('reads a one-leaf tree (a single line at depth 1)', () => {
    const model = parseModelText('|--- weights: [3.00, 1.00] class: no\n', 'stump.txt');
    expect(model.trees[0].nodes).toEqual([{ type: 'leaf', id: 0, sourceId: 0, depth: 0, parent: -1, value: [3, 1], stats: { count: 4 }, position: { line: 1, column: 6 }, classIndex: 0 }]);
    expect(model.warnings.map((warning) => warning.code)).toContain('W_SKL_UNNAMED_CLASS');
    expect(model.classes).toEqual(['no', '(class 1)']);
  });

  it('sorts numeric labels as numbers, and the weights agree', () => {
    const lines = ['|--- f <= 0.50', '|   |--- weights: [5.00, 1.00, 0.00] class: 2', '|--- f >  0.50', '|   |--- f <= 1.50', '|   |   |--- weights: [0.00, 1.00, 7.00] class: 10', '|   |--- f >  1.50', '|   |   |--- weights: [0.00, 4.00, 1.00] class: 9', ''];
    const model = parseModelText(lines.join('\n'), 'numeric.txt');
    expect(model.classes).toEqual(['2', '9', '10']);
    expect(leavesOf(model).map((leaf) => leaf.classIndex)).toEqual([0, 2, 1]);
    expect(model.warnings.map((warning) => warning.code)).not.toContain('W_SKL_CLASS_ORDER');
    const plain = parseModelText(lines.join('\n').replace(/weights: \[[^\]]*\] /g, ''), 'plain.txt');
    expect(plain.classes).toEqual(['2', '9', '10']);
  });

  it('names classes that never win a leaf by their position in the weights', () => {
    const text = ['|--- f <= 0.50', '|   |--- weights: [5.00, 1.00, 0.00] class: 2', '|--- f >  0.50', '|   |--- weights: [0.00, 1.00, 7.00] class: 10', ''].join('\n');
    const model = parseModelText(text, 'unseen.txt');
    expect(model.classes).toEqual(['2', '(class 1)', '10']);
    expect(model.warnings.map((warning) => warning.code)).toContain('W_SKL_UNNAMED_CLASS');
  });

  it('follows the weights when class labels are not in sorted order (class_names given)', () => {
    const text = ['|--- f <= 0.50', '|   |--- weights: [5.00, 1.00] class: survived', '|--- f >  0.50', '|   |--- weights: [0.00, 7.00] class: died', ''].join('\n');
    const model = parseModelText(text, 'order.txt');
    expect(model.classes).toEqual(['survived', 'died']);
    expect(model.warnings.map((warning) => warning.code)).toContain('W_SKL_CLASS_ORDER');
    expect(leavesOf(model).map((leaf) => leaf.classIndex)).toEqual([0, 1]);
  });

  it('reads a multi-output regressor as one tree per output', () => {
    const text = ['|--- f <= 0.50', '|   |--- value: [1.00, 10.00]', '|--- f >  0.50', '|   |--- value: [2.00, 20.00]', ''].join('\n');
    const model = parseModelText(text, 'multi.txt');
    expect(model.numOutputs).toBe(2);
    expect(model.trees.map((tree) => [tree.outputIndex, leavesOf({ ...model, trees: [tree] }).map((leaf) => leaf.value[0])])).toEqual([
      [0, [1, 2]],
      [1, [10, 20]],
    ]);
    expect(model.warnings.map((warning) => warning.code)).toContain('W_SKL_MULTI_OUTPUT');
  });

  it('warns about all-zero weights, the mark of a multi-output classifier', () => {
    // export_text(show_weights=True) of a 2-output DecisionTreeClassifier (scikit-learn 1.2).
    const text = ['|--- feature_0 <= 1.50', '|   |--- weights: [2.00, 0.00] class: 0', '|--- feature_0 >  1.50', '|   |--- feature_0 <= 2.50', '|   |   |--- weights: [0.00, 1.00] class: 1', '|   |--- feature_0 >  2.50', '|   |   |--- weights: [0.00, 0.00] class: 0', ''].join('\n');
    const model = parseModelText(text, 'multi-output.txt');
    expect(model.warnings.find((warning) => warning.code === 'W_SKL_ZERO_WEIGHTS')?.position).toEqual({ line: 7, column: 14 });
  });

  it('marks truncated branches and says where node ids stop matching', () => {
    const text = ['|--- f <= 0.50', '|   |--- truncated branch of depth 4', '|--- f >  0.50', '|   |--- class: b', ''].join('\n');
    const model = parseModelText(text, 'cut.txt');
    expect(leavesOf(model)[0]).toMatchObject({ truncatedDepth: 4, value: [] });
    expect(leavesOf(model)[0].classIndex).toBeUndefined();
    expect(model.warnings.find((warning) => warning.code === 'W_SKL_NODE_IDS')!.message).toContain('only up to line 2');
  });

  it('does not warn about rounding when every threshold can be exact', () => {
    const text = ['|--- rooms <= 2.50', '|   |--- class: 0', '|--- rooms >  2.50', '|   |--- class: 1', ''].join('\n');
    const model = parseModelText(text, 'ints.txt');
    expect(model.warnings.map((warning) => warning.code)).not.toContain('W_SKL_ROUNDED');
  });
});

describe('scikit-learn export_text: errors', () => {
  const good = ['|--- a <= 0.50', '|   |--- class: 1', '|--- a >  0.50', '|   |--- class: 2'];
  const withLine = (index: number, line: string) => good.map((original, at) => (at === index ? line : original)).join('\n') + '\n';

  it.each([
    ['a broken prefix', withLine(1, '|  |--- class: 1'), 'E_PARSE_STRUCTURE', "x.txt: line 2, column 2: malformed prefix: expected '|--- ' (spacing 3, from the first tree line) but found '|  |-'"],
    ['a split line with no operator', withLine(2, '|--- a 0.50'), 'E_PARSE_SYNTAX', "x.txt: line 3, column 6: expected a split ('name <= threshold' or 'name >  threshold') or a leaf ('class: label', 'weights: [w1, w2] class: label', 'value: [v]', 'truncated branch of depth N'), found 'a 0.50'"],
    ['a leaf at the wrong depth', withLine(1, '|   |   |--- class: 1'), 'E_PARSE_STRUCTURE', "x.txt: line 2, column 6: expected a line at depth 2 ('|   |--- ') but this leaf line is at depth 3"],
    ['a subtree missing its right branch', ['|--- a <= 0.50', '|   |--- b <= 1.50', '|   |   |--- class: 1', '|--- a >  0.50', '|   |--- class: 2', ''].join('\n'), 'E_PARSE_STRUCTURE', "x.txt: line 4, column 2: expected the right branch of line 2, '|   |--- b >  1.50', but found '|--- a >  0.50'"],
    ['a tree ending before the right branch', '|--- a <= 0.50\n|   |--- class: 1\n', 'E_PARSE_STRUCTURE', "x.txt: line 1, column 6: the split 'a <= 0.50' has no right branch: expected '|--- a >  0.50' before the end of the tree"],
    ['a right branch on another feature', withLine(2, '|--- b >  0.50'), 'E_PARSE_STRUCTURE', "x.txt: line 3, column 6: the right branch must repeat the feature and threshold of line 1: expected 'a >  0.50', found 'b >  0.50'"],
    ['text after a threshold', withLine(0, '|--- a <= 0.50 cm'), 'E_PARSE_SYNTAX', "x.txt: line 1, column 16: unexpected 'cm' at the end of the line"],
    ['an unclosed weights list', withLine(1, '|   |--- weights: [1.00, 2.00 class: 1'), 'E_PARSE_SYNTAX', "x.txt: line 2, column 31: unexpected 'class: 1', expected {',', ']'}"],
    ['a note inside the tree', [good[0], good[1], 'note: pruned', good[2], good[3], ''].join('\n'), 'E_PARSE_SYNTAX', "x.txt: line 3, column 1: expected a tree line starting with '|--- ' but found 'note: pruned' (text inside the tree)"],
    ['mixed leaf kinds', withLine(3, '|   |--- value: [2.00]'), 'E_PARSE_STRUCTURE', "x.txt: line 4, column 10: expected a 'class: …' leaf like line 2, found 'value: […]'"],
    ['two trees in one file', [...good, '', 'Tree 2', ...good, ''].join('\n'), 'E_PARSE_UNSUPPORTED', 'x.txt: line 7, column 1: a second tree starts here (the first ends at line 4): one export_text tree per file is supported; save each tree of a forest to its own file'],
    ['weights of different lengths', withLine(1, '|   |--- weights: [1.00, 2.00, 0.00] class: 1').replace('|   |--- class: 2', '|   |--- weights: [1.00, 2.00] class: 2'), 'E_PARSE_STRUCTURE', 'x.txt: line 4, column 10: expected 3 weights (one per class) as on line 2, found 2'],
  ])('reports %s with line and column', (_what, text, code, message) => {
    const info = errorOf(() => parseModelText(text, 'x.txt'));
    expect(info.code).toBe(code);
    expect(info.message).toBe(message);
    expect(info.format).toBe('sklearn');
    expect(info.sourceLine).toBe(text.split('\n')[info.position!.line - 1]);
  });

  it('says when a file forced to scikit-learn has no tree', () => {
    const info = errorOf(() => parseModelText('just words\n', 'x.txt', { format: 'sklearn' }));
    expect(info).toMatchObject({ code: 'E_PARSE_SYNTAX', position: { line: 1, column: 1 } });
    expect(info.message).toBe("x.txt: line 1, column 1: no scikit-learn export_text tree found: expected a line starting with '|--- '");
  });
});
