import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../eval';
import { summarizeModel } from '../../model/tree';
import type { LeafNode, SplitNode, TreeModel, TreeNode } from '../../model/types';
import { corpusFiles, readCorpus, REFERENCE_DIR } from '../../testing/shared';
import { ModelParseError, parseModelText, type ParseOptions } from '../index';
import { guessClassPeriod } from './xgboostOutputs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const dumps = corpusFiles('xgboost').filter((name) => name.endsWith('.txt') && !name.endsWith('.featmap.txt') && !name.includes('preds_margin'));

function parseCorpus(name: string, options: ParseOptions = {}): TreeModel {
  return parseModelText(readCorpus(`xgboost/${name}`), name, options);
}

function codes(model: TreeModel): string[] {
  return model.warnings.map((warning) => warning.code);
}

function splits(model: TreeModel): SplitNode[] {
  return model.trees.flatMap((tree) => tree.nodes.filter((node): node is SplitNode => node.type === 'split'));
}

function parseError(run: () => unknown): ModelParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ModelParseError) return error;
    throw error;
  }
  throw new Error('expected a ModelParseError');
}

/** A CSV of numbers with a header; empty cells are NaN. */
function readCsv(path: string): { header: string[]; rows: number[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  const parse = (cell: string) => (cell === '' ? NaN : cell === 'inf' ? Infinity : cell === '-inf' ? -Infinity : Number(cell));
  return { header: lines[0].split(','), rows: lines.slice(1).map((line) => line.split(',').map(parse)) };
}

/** Scores rows whose columns are named by `header`, placing each column by the model's feature name. */
function scoreByName(model: TreeModel, header: string[], rows: number[][]) {
  const compiled = compileModel(model);
  const width = compiled.numFeatures;
  const columnOf = model.features.map((feature) => header.indexOf(feature.name));
  const values = new Float64Array(rows.length * width).fill(NaN);
  rows.forEach((row, r) => columnOf.forEach((column, j) => column >= 0 && (values[r * width + j] = row[column])));
  return compiled.predictBatch(values, rows.length, { leafNodes: true });
}

/** Compares margins (0 ulp), predictions and reached XGBoost node ids with a case folder's expected files. */
function checkCase(model: TreeModel, folder: string, inputName: string): string[] {
  const { header, rows } = readCsv(join(folder, `input_${inputName}.csv`));
  const batch = scoreByName(model, header, rows);
  const problems: string[] = [];
  const note = (message: string) => problems.length < 10 && problems.push(message);
  const raw = readCsv(join(folder, `expected_${inputName}_raw.csv`)).rows;
  const pred = readCsv(join(folder, `expected_${inputName}_pred.csv`)).rows;
  const leaf = readCsv(join(folder, `expected_${inputName}_leaf.csv`)).rows;
  const outputs = batch.numOutputs;
  for (let r = 0; r < rows.length; r++) {
    for (let k = 0; k < outputs; k++) {
      if (!Object.is(batch.raw[r * outputs + k], raw[r][k])) note(`row ${r} raw[${k}] ${batch.raw[r * outputs + k]} ≠ ${raw[r][k]}`);
    }
    pred[r].forEach((expected, k) => {
      if (!Object.is(batch.prediction[r * pred[r].length + k], expected)) note(`row ${r} pred[${k}] ${batch.prediction[r * pred[r].length + k]} ≠ ${expected}`);
    });
    for (let t = 0; t < model.trees.length; t++) {
      const reached = model.trees[t].nodes[batch.leafNodes![r * model.trees.length + t]].sourceId;
      if (reached !== leaf[r][t]) note(`row ${r} tree ${t}: leaf ${reached} ≠ ${leaf[r][t]}`);
    }
  }
  return problems;
}

/** What decides a prediction, without positions and statistics: equal for the three exports of one model. */
function decisions(model: TreeModel) {
  const shape = (node: TreeNode) =>
    node.type === 'leaf'
      ? { sourceId: node.sourceId, value: node.value }
      : { sourceId: node.sourceId, feature: node.feature, split: node.split, left: node.left, right: node.right };
  return {
    features: model.features.map((feature) => feature.name),
    trees: model.trees.map((tree) => ({ outputIndex: tree.outputIndex, weight: tree.weight, nodes: tree.nodes.map(shape) })),
    aggregation: model.aggregation,
    transform: model.transform,
    numOutputs: model.numOutputs,
  };
}

function statistics(model: TreeModel) {
  return model.trees.map((tree) => tree.nodes.map((node) => [Math.fround(node.stats?.gain ?? NaN), Math.fround(node.stats?.cover ?? NaN)]));
}

function featureMapOf(names: string[], types?: (string | null)[] | null): string {
  return names.map((name, index) => `${index}\t${name}\t${types?.[index] ?? 'q'}\n`).join('');
}

describe('XGBoost text dumps of the corpus', () => {
  it.each(dumps)('parses %s into linked trees', (name) => {
    const model = parseCorpus(name);
    expect(model.format).toBe('xgboost');
    expect(model.arithmetic).toEqual({ input: 'float32', accumulate: 'float32' });
    for (const tree of model.trees) {
      expect(tree.nodes[0].sourceId).toBe(0);
      expect(tree.nodes[0].depth).toBe(0);
    }
    expect(codes(model)).toEqual(expect.arrayContaining(['W_XGB_NO_OBJECTIVE', 'W_XGB_NO_BASE_SCORE']));
    expect(model.assumptions).toMatchObject({ baseScore: 0.5 });
  });

  it('rejects the Graphviz DOT file with E_PARSE_UNSUPPORTED', () => {
    const error = parseError(() => parseCorpus('pima_binary_graphviz.dot'));
    expect(error.info.code).toBe('E_PARSE_UNSUPPORTED');
    expect(error.info.position).toEqual({ line: 1, column: 1 });
  });

  it('reads the 60-tree iris dump as 3 interleaved classes (tree i → class i mod 3)', () => {
    const model = parseCorpus('iris_multiclass3_softprob.txt');
    expect(model.trees).toHaveLength(60);
    expect(model.objective).toBe('multi:softprob');
    expect(model.numOutputs).toBe(3);
    expect(model.trees.map((tree) => tree.outputIndex).slice(0, 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(model.features.map((feature) => feature.name)).toEqual(['f0', 'f1', 'f2', 'f3']);
    expect(model.aggregation).toEqual({ kind: 'sum', base: [0.5, 0.5, 0.5] });
    expect(model.transform).toEqual({ kind: 'softmax' });
    expect(model.warnings.find((warning) => warning.code === 'W_XGB_NO_OBJECTIVE')!.message).toContain('period of 3');
    // Given the objective and class count, no guess is made.
    const given = parseCorpus('iris_multiclass3_softprob.txt', { objective: 'multi:softmax', numClass: 3, baseScore: 0.5 });
    expect(codes(given)).toEqual([]);
    expect(given.transform).toEqual({ kind: 'argmax' });
    expect(given.classes).toEqual(['0', '1', '2']);
  });

  it('reads 5000 digits trees, 3074 of them a single leaf, as 10 classes', () => {
    const model = parseCorpus('digits_multiclass10.txt');
    expect(model.trees).toHaveLength(5000);
    expect(model.trees.filter((tree) => tree.nodes.length === 1)).toHaveLength(3074);
    expect(model.numOutputs).toBe(10);
    expect(model.trees[4999].outputIndex).toBe(9);
    const single = model.trees.find((tree) => tree.nodes.length === 1)!;
    expect(single.nodes[0]).toMatchObject({ type: 'leaf', sourceId: 0 });
  });

  it('reads the SyriaTel dump: names with spaces, 3-digit exponents, every 3rd tree a leaf', () => {
    const model = parseCorpus('syriatel_churn_named_features_3digit_exponent.txt');
    expect(model.trees).toHaveLength(60);
    expect(model.numOutputs).toBe(3);
    expect(model.trees.filter((tree, index) => index % 3 === 2).every((tree) => tree.nodes.length === 1)).toBe(true);
    expect(model.features.slice(0, 3).map((feature) => feature.name)).toEqual(['total day minutes', 'customer service calls', 'international plan']);
    expect(codes(model)).toContain('W_XGB_FEATURE_ORDER');
    const root = model.trees[0].nodes[0] as SplitNode;
    expect(root.split).toEqual({ kind: 'numeric', op: '<', threshold: Math.fround(263.549988), missing: { mode: 'default', defaultLeft: true } });
    const leaves = model.trees.flatMap((tree) => tree.nodes.filter((node): node is LeafNode => node.type === 'leaf'));
    expect(leaves.some((leaf) => leaf.value[0] === Math.fround(-5.10896969e-9))).toBe(true);
    // The CSV beside it names its columns exactly as the dump does, so rows can be placed by name.
    const { header } = readCsv(join(REFERENCE_DIR, '..', 'corpus', 'xgboost', 'syriatel_churn_named_features_3digit_exponent.csv'));
    expect(model.features.every((feature) => header.includes(feature.name))).toBe(true);
  });

  it('builds indicator trees from ids despite tab-less indicator lines (v2.x generator)', () => {
    const featureMap = readCorpus('xgboost/mushroom_indicator_fmap_v2x.featmap.txt');
    const model = parseCorpus('mushroom_indicator_fmap_v2x.txt', { featureMap, objective: 'binary:logistic' });
    expect(model.features).toHaveLength(126);
    const odor = model.features.find((feature) => feature.name === 'odor=none')!;
    expect(odor).toMatchObject({ isNamed: true, featureType: 'i' });
    const [root, left] = model.trees[0].nodes as SplitNode[];
    expect(root).toMatchObject({ feature: odor.index, split: { kind: 'indicator', presentGoes: 'left' }, position: { line: 2, column: 1 } });
    // `1:[spore-print-color=green]` sits at column 1 while its leaves carry two tabs.
    expect(left).toMatchObject({ sourceId: 1, depth: 1, position: { line: 3, column: 1 } });
    expect(model.trees[0].nodes[2]).toMatchObject({ sourceId: 3, depth: 2, position: { line: 4, column: 3 } });
    expect(codes(model)).toContain('W_XGB_INDICATOR');
    expect(codes(model)).not.toContain('W_XGB_FEATURE_ORDER');
  });

  it('reads the 2016 indicator dump (tab-indented, 6 digits, yes = right child) and warns it is lossy', () => {
    const model = parseCorpus('mushroom_indicator_fmap_old_6digit.txt');
    const root = model.trees[0].nodes[0] as SplitNode;
    expect(root.split).toEqual({ kind: 'indicator', presentGoes: 'right' });
    expect(model.trees[0].nodes[root.right].sourceId).toBe(2);
    expect(codes(model)).toEqual(expect.arrayContaining(['W_XGB_LOSSY', 'W_XGB_INDICATOR', 'W_XGB_FEATURE_ORDER']));
    expect(model.metadata.significantDigits).toBe('6 (XGBoost ≤ 0.71)');
  });

  it('reads the agaricus dump without fmap: missing goes to the no child', () => {
    const model = parseCorpus('mushroom_no_fmap_old_6digit.txt');
    const root = model.trees[0].nodes[0] as SplitNode;
    expect(root).toMatchObject({ feature: 28, split: { threshold: Math.fround(1.00001), missing: { mode: 'default', defaultLeft: false } } });
    expect(model.features).toHaveLength(109);
    expect(codes(model)).toContain('W_XGB_LOSSY');
  });

  it('reads the 2.7 MB GiveMeSomeCredit dump: 690 trees, 37357 splits, 38047 leaves, depth 20', () => {
    const summary = summarizeModel(parseCorpus('givemesomecredit_binary_old_6digit_large.txt'));
    expect(summary).toMatchObject({ trees: 690, nodes: 37357 + 38047, leaves: 38047, maxDepth: 20 });
  });

  it('reads the sberbank regression: 226 named features, exponent leaves, both missing directions', () => {
    const model = parseCorpus('sberbank_regression_named_old_6digit.txt', { objective: 'reg:squarederror', baseScore: 0.5 });
    expect(model.trees).toHaveLength(20);
    expect(model.features).toHaveLength(226);
    expect(model.features[0].name).toBe('full_sq');
    const leaves = model.trees.flatMap((tree) => tree.nodes.filter((node): node is LeafNode => node.type === 'leaf'));
    expect(leaves.some((leaf) => leaf.value[0] === Math.fround(1.03889e6))).toBe(true);
    const directions = new Set(splits(model).map((node) => node.split.kind === 'numeric' && node.split.missing.mode === 'default' && node.split.missing.defaultLeft));
    expect(directions).toEqual(new Set([true, false]));
    expect(codes(model)).toEqual(expect.arrayContaining(['W_XGB_LOSSY', 'W_XGB_FEATURE_ORDER']));
  });

  it('reads missing_goes_right: every split sends missing values right', () => {
    const model = parseCorpus('missing_goes_right.txt');
    expect(model.trees).toHaveLength(100);
    expect(new Set(splits(model).map((node) => node.feature)).size).toBe(27);
    expect(splits(model).every((node) => node.split.kind === 'numeric' && node.split.missing.mode === 'default' && !node.split.missing.defaultLeft)).toBe(true);
  });

  it('reads the wesad dump: 10 depth-2 trees over 11 features, missing both ways', () => {
    const model = parseCorpus('wesad_tiny_10trees.txt');
    const summary = summarizeModel(model);
    expect(summary).toMatchObject({ trees: 10, maxDepth: 2 });
    expect(summary.importance).toHaveLength(11);
  });

  it('reads names with "." and "&" and the threshold 8.70322176e+09', () => {
    const model = parseCorpus('customs_fraud_named_special_chars.txt');
    expect(model.trees).toHaveLength(100);
    expect(model.features[0].name).toBe('RiskH.office.id&importer.id');
    const tariff = model.features.find((feature) => feature.name === 'tariff.code')!;
    const node = splits(model).find((split) => split.feature === tariff.index && split.split.kind === 'numeric' && split.split.threshold === Math.fround(8.70322176e9));
    expect(node).toBeDefined();
  });

  it('reads dumps with stats (gain, cover) and names with parentheses', () => {
    const iris = parseCorpus('xgbfir_iris_multiclass_with_stats.txt');
    expect(iris.trees).toHaveLength(300);
    expect(iris.numOutputs).toBe(3);
    expect(iris.features.map((feature) => feature.name)).toContain('petal_length_(cm)');
    expect(iris.trees[0].nodes[0].stats).toEqual({ gain: 72.2968, cover: 66.6667 });
    expect(iris.trees[0].nodes[1].stats).toEqual({ cover: 22.2222 });
    const leaves = iris.trees.flatMap((tree) => tree.nodes.filter((node): node is LeafNode => node.type === 'leaf'));
    expect(leaves.some((leaf) => leaf.value[0] === Math.fround(-3.25116e-9))).toBe(true);
    const boston = parseCorpus('xgbfir_boston_regression_with_stats.txt');
    expect(boston.trees).toHaveLength(100);
    expect(boston.variant).toContain('with stats');
    expect(summarizeModel(boston).importance[0].gain).toBeGreaterThan(0);
  });

  it('matches the FastForest golden margins exactly (binary:logistic, base_score 0.5)', () => {
    const model = parseCorpus('fastforest_binary_5feat.txt', { objective: 'binary:logistic', baseScore: 0.5 });
    expect(model.aggregation).toEqual({ kind: 'sum', base: [-0] });
    const rows = readCorpus('xgboost/fastforest_binary_5feat.X.ssv')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.trim().split(/\s+/).map(Number));
    const expected = readCorpus('xgboost/fastforest_binary_5feat.preds_margin.txt')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number);
    expect(rows).toHaveLength(expected.length);
    const compiled = compileModel(model);
    const batch = compiled.predictBatch(Float64Array.from(rows.flat()), rows.length);
    const mismatches = expected.flatMap((margin, row) => (batch.raw[row] === margin ? [] : [`row ${row}: ${batch.raw[row]} ≠ ${margin}`]));
    expect(mismatches).toEqual([]);
  });
});

describe('XGBoost reference cases: model.json ≡ text dump ≡ JSON dump', () => {
  const cases = ['xgb_binary_missing', 'xgb_multiclass_softprob'].map((name) => join(REFERENCE_DIR, name));
  const fixtureCases = readdirSync(FIXTURES)
    .filter((name) => existsSync(join(FIXTURES, name, 'meta.json')))
    .map((name) => join(FIXTURES, name));

  for (const folder of [...cases, ...fixtureCases]) {
    const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'));
    const read = (file: string) => readFileSync(join(folder, file), 'utf8');
    // The dumps of a case with featmap.txt were written with it (indicator lines); otherwise the meta.json names give the order.
    const hasFeatureMap = existsSync(join(folder, 'featmap.txt'));
    const options: ParseOptions = {
      objective: meta.objective,
      baseScore: meta.base_score,
      ...(meta.num_class ? { numClass: meta.num_class } : {}),
      featureMap: hasFeatureMap ? read('featmap.txt') : featureMapOf(meta.feature_names, meta.feature_types),
    };
    const isDart = meta.booster === 'dart';

    describe(meta.case, () => {
      const native = () => parseModelText(read('model.json'), 'model.json');
      const text = () => parseModelText(read('model.dump.txt'), 'model.dump.txt', options);
      const json = () => parseModelText(read('model.dump.json'), 'model.dump.json', options);

      it('reads the objective, base score and groups from model.json', () => {
        const model = native();
        expect(model.objective).toBe(meta.objective);
        expect(model.variant).toContain('XGBoost model JSON (XGBoost 1.7.4');
        expect(model.trees).toHaveLength(meta.num_trees);
        expect(model.features.map((feature) => feature.name)).toEqual(meta.feature_names);
        expect(model.warnings).toEqual([]);
        if (meta.base_margin !== undefined) expect(model.aggregation).toEqual({ kind: 'sum', base: Array(model.numOutputs).fill(meta.base_margin) });
      });

      it.skipIf(isDart)('gives the same decisions from the text dump, the JSON dump and model.json', () => {
        const reference = decisions(native());
        expect(decisions(json())).toEqual(decisions(text()));
        if (hasFeatureMap) {
          // Indicator lines hide model.json's thresholds, so only the tree shapes and leaves agree.
          const shapes = (model: TreeModel) => decisions(model).trees.map((tree) => tree.nodes.map(({ sourceId, left, right, value }) => ({ sourceId, left, right, value })));
          expect(shapes(text())).toEqual(shapes(native()));
        } else {
          expect(decisions(text())).toEqual(reference);
        }
        expect(statistics(text())).toEqual(statistics(native()));
        expect(statistics(json())).toEqual(statistics(native()));
      });

      for (const input of meta.inputs as { name: string }[]) {
        it(`predicts ${input.name} rows exactly from model.json`, () => {
          expect(checkCase(native(), folder, input.name)).toEqual([]);
        });
        it.skipIf(isDart)(`predicts ${input.name} rows exactly from the text and JSON dumps`, () => {
          expect(checkCase(text(), folder, input.name)).toEqual([]);
          expect(checkCase(json(), folder, input.name)).toEqual([]);
        });
      }
    });
  }

  it('reads named features of a dump in order of appearance without a feature map, and scores by name', () => {
    const folder = join(REFERENCE_DIR, 'xgb_multiclass_softprob');
    const model = parseModelText(readFileSync(join(folder, 'model.dump.txt'), 'utf8'), 'model.dump.txt', { objective: 'multi:softprob', numClass: 3, baseScore: 0.5 });
    expect(codes(model)).toEqual(['W_XGB_FEATURE_ORDER']);
    expect(model.features.slice(0, 3).map((feature) => feature.name)).toEqual(['proline', 'flavanoids', 'alcohol']);
    expect(checkCase(model, folder, 'main')).toEqual([]);
  });

  it('guesses 3 classes for the reference multiclass dump and 1 output for the binary one', () => {
    const multiclass = parseModelText(readFileSync(join(REFERENCE_DIR, 'xgb_multiclass_softprob', 'model.dump.txt'), 'utf8'), 'dump.txt');
    expect([multiclass.objective, multiclass.numOutputs]).toEqual(['multi:softprob', 3]);
    const binary = parseModelText(readFileSync(join(REFERENCE_DIR, 'xgb_binary_missing', 'model.dump.txt'), 'utf8'), 'dump.txt');
    expect([binary.objective, binary.numOutputs]).toEqual(['reg:squarederror', 1]);
  });

  it('reads DART weights and the log link from model.json', () => {
    const model = parseModelText(readFileSync(join(FIXTURES, 'xgb_dart_poisson', 'model.json'), 'utf8'), 'model.json');
    expect(model.variant).toContain('DART');
    expect(model.trees.some((tree) => tree.weight !== 1)).toBe(true);
    expect(model.aggregation).toEqual({ kind: 'sum', base: [Math.fround(Math.log(Math.fround(1.5)))] });
    expect(model.transform).toEqual({ kind: 'exp' });
  });

  it('reads indicator splits of a dump written with a feature map (no = missing child)', () => {
    const folder = join(FIXTURES, 'xgb_indicator_softmax');
    const featureMap = readFileSync(join(folder, 'featmap.txt'), 'utf8');
    const model = parseModelText(readFileSync(join(folder, 'model.dump.txt'), 'utf8'), 'dump.txt', { featureMap, objective: 'multi:softmax', numClass: 2 });
    const root = model.trees[0].nodes[0] as SplitNode;
    // `0:[size=small] yes=2,no=1`: node 1 is printed first, so it is the left child; present values go right.
    expect(root).toMatchObject({ feature: 3, split: { kind: 'indicator', presentGoes: 'right' } });
    expect(model.trees[0].nodes[root.left].sourceId).toBe(1);
    expect(model.transform).toEqual({ kind: 'argmax' });
    expect(codes(model)).toEqual(['W_XGB_INDICATOR', 'W_XGB_NO_BASE_SCORE']);
  });

  it('reads categorical splits: yes = right = in the set, printed left child first', () => {
    const model = parseModelText(readFileSync(join(FIXTURES, 'xgb_categorical_binary', 'model.dump.txt'), 'utf8'), 'dump.txt', { objective: 'binary:logistic', baseScore: 0.3 });
    const root = model.trees[0].nodes[0] as SplitNode;
    expect(root.split).toEqual({ kind: 'categorical', categories: [0, 1, 3], inSetGoes: 'right', missingGoes: 'left', match: 'truncate' });
    expect(model.trees[0].nodes[root.right].sourceId).toBe(2);
    expect(model.features.map((feature) => [feature.name, feature.kind])).toContainEqual(['grade (band)', 'categorical']);
    expect(model.aggregation).toEqual({ kind: 'sum', base: [Math.fround(-Math.log(Math.fround(Math.fround(1 / Math.fround(0.3)) - 1)))] });
  });
});

describe('XGBoost text dump variants', () => {
  const tree = '0:[f1<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.25\n\t2:leaf=-0.25\n';
  const options: ParseOptions = { objective: 'binary:logistic', baseScore: 0.5 };

  it('reads R headers without a colon, headerless get_dump output, blank lines and CRLF alike', () => {
    const python = parseModelText(`booster[0]:\n${tree}booster[1]:\n${tree}`, 'python.txt', options);
    const r = parseModelText(`booster[0]\n${tree}booster[1]\n${tree}`, 'r.txt', options);
    const headerless = parseModelText(`${tree}\n\n${tree}`, 'get_dump.txt', options);
    const crlf = parseModelText(`booster[0]:\r\n${tree.replace(/\n/g, '\r\n')}\r\nbooster[1]:\r\n${tree.replace(/\n/g, '\r\n')}`, 'crlf.txt', options);
    for (const model of [r, headerless, crlf]) expect(decisions(model)).toEqual(decisions(python));
    expect(python.trees).toHaveLength(2);
    expect(r.metadata.headers).toBe('R booster[i] headers');
    expect(headerless.metadata.headers).toBe('no headers (get_dump)');
    expect(headerless.trees[1].nodes[0].position).toEqual({ line: 6, column: 1 });
  });

  it('skips wrapper text before and after the dump, keeping line numbers of the file', () => {
    const model = parseModelText(`Learned model:\nbooster[0]:\n${tree}\nTraining took 3 s.\n`, 'wrapped.txt', options);
    expect(model.trees[0].nodes[0].position).toEqual({ line: 3, column: 1 });
    expect(codes(model)).toEqual(['W_WRAPPER_TEXT', 'W_WRAPPER_TEXT']);
  });

  it('builds trees from ids in any line order, never from indentation', () => {
    const shuffled = 'booster[0]:\n0:[f0<1] yes=3,no=1,missing=1\n1:leaf=2\n3:[f2<-1e-3] yes=4,no=5,missing=5\n5:leaf=1\n4:leaf=0\n';
    const model = parseModelText(shuffled, 'shuffled.txt', options);
    const nodes = model.trees[0].nodes;
    expect(nodes.map((node) => node.sourceId)).toEqual([0, 3, 4, 5, 1]);
    expect(nodes[0]).toMatchObject({ left: 1, right: 4 });
    expect(model.features).toHaveLength(3);
  });

  it('takes numeric names up to the first "<", categorical names up to the last ":{", and unescapes JSON escapes', () => {
    const text =
      'booster[0]:\n' +
      '0:[Größe: cm (x) & y<1.5] yes=1,no=2,missing=2\n' +
      '\t1:[a:{b:{1,3}] yes=4,no=3,missing=3\n' +
      '\t\t3:leaf=1\n\t\t4:leaf=-5.10896969e-009\n' +
      '\t2:[say \\"hi\\"\\\\now] yes=5,no=6\n' +
      '\t\t5:leaf=inf\n\t\t6:leaf=8.70322176e+09\n';
    const model = parseModelText(text, 'names.txt', options);
    expect(model.features.map((feature) => feature.name)).toEqual(['Größe: cm (x) & y', 'a:{b', 'say "hi"\\now']);
    const nodes = model.trees[0].nodes;
    expect((nodes[1] as SplitNode).split).toMatchObject({ kind: 'categorical', categories: [1, 3] });
    expect(nodes.find((node) => node.sourceId === 5)).toMatchObject({ value: [Infinity] });
    expect(nodes.find((node) => node.sourceId === 4)).toMatchObject({ value: [Math.fround(-5.10896969e-9)] });
  });

  it('reads numbers and node ids alike whether or not a name holds a character beyond the BMP (the exact lexer counts code points)', () => {
    // Short decimals, 17-digit ones, exponents, -0, inf and the largest node id XGBoost can write (int32).
    const dump = (name: string) =>
      'booster[0]:\n' +
      `0:[${name}<0.123456789012345678] yes=1,no=2147483647,missing=1,gain=1e-3,cover=250\n` +
      '\t1:[f1<-2.5e+01] yes=3,no=4,missing=4,gain=12.5,cover=100\n' +
      '\t\t3:leaf=-0,cover=40\n\t\t4:leaf=0.30000000000000004,cover=60\n' +
      '\t2147483647:leaf=-inf,cover=150\n';
    const plain = parseModelText(dump('size'), 'plain.txt', options);
    const astral = parseModelText(dump('size 📏'), 'astral.txt', options);
    const described = (model: TreeModel) => model.trees[0].nodes.map(({ sourceId, stats, position, ...node }) => ({ sourceId, stats, position, ...('value' in node ? { value: node.value } : { split: (node as SplitNode).split, left: (node as SplitNode).left }) }));
    expect(described(astral)).toEqual(described(plain));
    const nodes = plain.trees[0].nodes;
    expect(nodes.map((node) => node.sourceId)).toEqual([0, 1, 3, 4, 2147483647]);
    expect((nodes[0] as SplitNode).split).toMatchObject({ threshold: Math.fround(0.123456789012345678) });
    expect(nodes[0].stats).toEqual({ gain: 1e-3, cover: 250 });
    expect((nodes[1] as SplitNode).split).toMatchObject({ threshold: -25 });
    expect(Object.is((nodes[2] as LeafNode).value[0], -0)).toBe(true);
    expect((nodes[3] as LeafNode).value).toEqual([Math.fround(0.30000000000000004)]);
    expect((nodes[4] as LeafNode).value).toEqual([-Infinity]);
  });

  it('matches a raw backslash name of an old dump against the feature map', () => {
    const text = 'booster[0]:\n0:[C:\\temp\\b<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.25\n\t2:leaf=-0.25\n';
    const model = parseModelText(text, 'old.txt', { ...options, featureMap: '0\tC:\\temp\\b\tq\n' });
    expect(model.features.map((feature) => feature.name)).toEqual(['C:\\temp\\b']);
    expect((model.trees[0].nodes[0] as SplitNode).feature).toBe(0);
  });

  it('reads a single tree saved from get_dump(dump_format="json")', () => {
    const text = '{ "nodeid": 0, "depth": 0, "split": "f1", "split_condition": 0.5, "yes": 1, "no": 2, "missing": 2, "children": [\n  { "nodeid": 1, "leaf": 0.25 }, { "nodeid": 2, "leaf": -0.25 }\n]}';
    const model = parseModelText(text, 'tree.json', { ...options, format: 'xgboost' });
    expect(model.variant).toBe('XGBoost JSON dump');
    expect(model.trees[0].nodes.map((node) => node.sourceId)).toEqual([0, 1, 2]);
  });

  it('warns that integer-typed features print ceil(threshold)', () => {
    const named = 'booster[0]:\n0:[calls<3] yes=1,no=2,missing=1\n\t1:leaf=0.25\n\t2:leaf=-0.25\n';
    const model = parseModelText(named, 'int.txt', { ...options, featureMap: '0\tage\tq\n1\tcalls\tint\n' });
    expect(model.features.map((feature) => [feature.name, feature.featureType])).toEqual([['age', 'q'], ['calls', 'int']]);
    expect(model.warnings.find((warning) => warning.code === 'W_XGB_LOSSY')!.message).toContain("'calls'");
  });

  it('computes base margins per objective link (logit, log, identity)', () => {
    const margin = (objective: string, baseScore: number) =>
      (parseModelText(tree, 't.txt', { objective, baseScore }).aggregation as { base: number[] }).base[0];
    expect(margin('binary:logistic', 0.5)).toBe(-0);
    expect(margin('binary:logitraw', 0.25)).toBe(Math.fround(-Math.log(3)));
    expect(margin('count:poisson', 2)).toBe(Math.fround(Math.log(2)));
    expect(margin('reg:squarederror', 0.7)).toBe(Math.fround(0.7));
    const poisson = parseModelText(tree, 't.txt', { objective: 'count:poisson', baseScore: 2 });
    expect([poisson.task, poisson.transform.kind]).toEqual(['regression', 'exp']);
    const hinge = parseModelText(tree, 't.txt', { objective: 'binary:hinge', baseScore: 0.5 });
    expect([hinge.task, hinge.transform.kind, hinge.aggregation]).toEqual(['binary', 'hinge', { kind: 'sum', base: [0.5] }]);
  });

  it('guesses no class period for binary-looking sequences and finds one in interleaved ones', () => {
    expect(guessClassPeriod([['a<1'], ['a<2'], ['b<1'], ['a<1'], ['a<3'], ['b<2'], ['a<3'], ['a<1'], ['a<2']])).toBe(1);
    expect(guessClassPeriod([['a<1'], ['b<1'], ['leaf'], ['a<1'], ['b<2'], ['leaf'], ['a<1'], ['b<1'], ['leaf']])).toBe(3);
  });
});

describe('XGBoost errors', () => {
  const options: ParseOptions = { objective: 'binary:logistic', baseScore: 0.5 };
  const fail = (text: string, fileName = 'bad.txt', parseOptions = options) => parseError(() => parseModelText(text, fileName, parseOptions)).info;

  it('reports a malformed number at its line and column', () => {
    const info = fail('booster[0]:\n0:[f0<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.1\n\t2:leaf=x1\n');
    expect(info).toMatchObject({ code: 'E_PARSE_SYNTAX', position: { line: 4, column: 9 }, sourceLine: '\t2:leaf=x1' });
    expect(info.message).toBe("bad.txt: line 4, column 9: unexpected character 'x'");
  });

  it('reports a missing field after wrapper text with file line numbers', () => {
    const info = fail('My model\nbooster[0]:\n0:[f0<0.5] yes=1,missing=1\n\t1:leaf=0.1\n\t2:leaf=0.2\n');
    expect(info).toMatchObject({ code: 'E_PARSE_SYNTAX', position: { line: 3, column: 18 } });
    expect(info.message).toBe("bad.txt: line 3, column 18: expected 'no=' but found 'missing='");
  });

  it('reports a field given twice or out of order at that field, naming the fields that may follow', () => {
    const twice = fail('booster[0]:\n0:[f0<0.5] yes=1,no=2,missing=1,missing=2\n\t1:leaf=0.1\n\t2:leaf=0.2\n');
    expect(twice.message).toBe("bad.txt: line 2, column 33: expected {'gain=', 'cover='} but found 'missing='");
    const late = fail('booster[0]:\n0:[f0<0.5] yes=1,no=2,gain=3,missing=1\n\t1:leaf=0.1\n\t2:leaf=0.2\n');
    expect(late.message).toBe("bad.txt: line 2, column 30: expected 'cover=' but found 'missing='");
    const indicator = fail('booster[0]:\n0:[f0] yes=1,no=2,missing=1\n\t1:leaf=0.1\n\t2:leaf=0.2\n');
    expect(indicator.message).toBe("bad.txt: line 2, column 19: expected {'gain=', 'cover='} but found 'missing='");
  });

  it('reports a damaged last line instead of cutting it off as a note', () => {
    const info = fail('booster[0]:\n0:[f0<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.1\n\t2:lef=0.2\n');
    expect(info).toMatchObject({ code: 'E_PARSE_SYNTAX', position: { line: 4, column: 4 } });
  });

  it('reports a child id the tree does not have', () => {
    const info = fail('booster[0]:\n0:[f0<0.5] yes=1,no=7,missing=1\n\t1:leaf=0.1\n\t2:leaf=0.2\n');
    expect(info).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: { line: 2, column: 1 } });
    expect(info.message).toBe('bad.txt: line 2, column 1: node 0 of booster[0] points to node 7, which the tree does not have');
  });

  it('reports a node printed twice, and a missing= that is not a child', () => {
    const twice = fail('booster[0]:\n0:[f0<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.1\n\t1:leaf=0.2\n');
    expect(twice).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: { line: 4, column: 2 } });
    const missing = fail('booster[0]:\n0:[f0<0.5] yes=1,no=2,missing=5\n\t1:leaf=0.1\n\t2:leaf=0.2\n');
    expect(missing).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: { line: 2, column: 31 } });
  });

  it('rejects vector leaves with E_PARSE_UNSUPPORTED at the leaf', () => {
    const info = fail('booster[0]:\n0:[f0<0.5] yes=1,no=2,missing=1\n\t1:leaf=[0.1, 0.2, ..., 0.9]\n\t2:leaf=[0.3, 0.4]\n');
    expect(info).toMatchObject({ code: 'E_PARSE_UNSUPPORTED', position: { line: 3, column: 4 } });
  });

  it('reports a feature missing from the feature map at its name', () => {
    const info = fail('booster[0]:\n0:[height<0.5] yes=1,no=2,missing=1\n\t1:leaf=0.1\n\t2:leaf=0.2\n', 'bad.txt', { ...options, featureMap: '0\twidth\tq\n' });
    expect(info).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: { line: 2, column: 4 } });
    expect(info.message).toContain("feature 'height' is not in the feature map");
  });

  it('reports a bad feature-map line', () => {
    const info = fail('0:leaf=1\n', 'bad.txt', { ...options, featureMap: '0\tage\tq\n1\tincome\tmoney\n' });
    expect(info).toMatchObject({ code: 'E_PARSE_STRUCTURE', fileName: 'bad.txt (feature map)', position: { line: 2, column: 1 } });
  });

  it('reports invalid model JSON at its line and column', () => {
    const info = fail('{"learner": {"gradient_booster": {},\n  "x": ]}\n', 'model.json');
    expect(info).toMatchObject({ code: 'E_PARSE_SYNTAX', position: { line: 2, column: 8 } });
    expect(info.message).toBe("model.json: line 2, column 8: invalid JSON: expected a value but found ']}'");
    const dump = fail('[\n  { "nodeid": 0, "leaf": 0.5 }\n  { "nodeid": 0, "leaf": 0.25 }\n]', 'dump.json');
    expect(dump).toMatchObject({ code: 'E_PARSE_SYNTAX', position: { line: 3, column: 3 } });
  });

  describe('model.json trees that do not link up', () => {
    // One tree: node 0 splits f0 < 0.5 into leaves 1 and 2; node 3 is left over from pruning.
    const tree = (edit: Record<string, unknown> = {}) => ({
      left_children: [1, -1, -1, -1],
      right_children: [2, -1, -1, -1],
      split_indices: [0, 0, 0, 0],
      split_conditions: [0.5, 0.25, -0.75, 9],
      default_left: [1, 0, 0, 0],
      loss_changes: [3, 0, 0, 0],
      sum_hessian: [10, 6, 4, 1],
      tree_param: { num_nodes: '4' },
      ...edit,
    });
    const modelJson = (trees: unknown[]) =>
      JSON.stringify(
        {
          learner: {
            gradient_booster: { name: 'gbtree', model: { trees, tree_info: trees.map(() => 0), gbtree_model_param: { num_parallel_tree: '1' } } },
            learner_model_param: { base_score: '5E-1', num_class: '0', num_feature: '1' },
            objective: { name: 'binary:logistic' },
          },
          version: [1, 7, 4],
        },
        null,
        1,
      );
    const failJson = (trees: unknown[]) => fail(modelJson(trees), 'model.json');
    // The error points at the tree's object in the file: the second tree here.
    // Trees sit five levels deep, one space each: a tree's object opens on a line of its own at column 6.
    const secondTreeLine = (trees: unknown[]) => modelJson(trees).split('\n').flatMap((line, index) => (line === '     {' ? [index + 1] : []))[1];

    it('drops a node the root does not reach, and reads the rest', () => {
      const model = parseModelText(modelJson([tree()]), 'model.json');
      expect(model.trees[0].nodes.map((node) => node.sourceId)).toEqual([0, 1, 2]);
      expect(model.trees[0].nodes[0]).toMatchObject({ type: 'split', feature: 0, left: 1, right: 2, split: { kind: 'numeric', op: '<', threshold: 0.5, missing: { mode: 'default', defaultLeft: true } }, stats: { gain: 3, cover: 10 } });
      expect(model.trees[0].nodes[2]).toMatchObject({ type: 'leaf', value: [-0.75], stats: { cover: 4 } });
    });

    it('reports a child the tree does not have, a node reached twice, a loop to the root and an empty tree at their tree', () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ right_children: [7, -1, -1, -1] }, 'node 0 of tree 1 points to node 7, which the tree does not have'],
        [{ right_children: [1.5, -1, -1, -1] }, 'node 0 of tree 1 points to node 1.5, which the tree does not have'],
        [{ right_children: [1, -1, -1, -1] }, 'node 1 of tree 1 is reached twice'],
        [{ left_children: [1, 0, -1, -1], right_children: [2, 2, -1, -1] }, 'node 2 of tree 1 is reached twice'],
        [{ left_children: [0, -1, -1, -1] }, 'node 0 of tree 1 is reached twice'],
        [{ left_children: [], right_children: [], split_indices: [], split_conditions: [], default_left: [], loss_changes: [], sum_hessian: [] }, 'tree 1 has no node 0 (its root)'],
      ];
      for (const [edit, message] of cases) {
        const trees = [tree(), tree(edit)];
        const info = failJson(trees);
        expect(info.code).toBe('E_PARSE_STRUCTURE');
        expect(info.message).toBe(`model.json: line ${secondTreeLine(trees)}, column 6: ${message}`);
      }
    });

    it('reports a categorical split without categories at its split_type', () => {
      const info = failJson([tree({ split_type: [1, 0, 0, 0] })]);
      expect(info.code).toBe('E_PARSE_STRUCTURE');
      expect(info.message).toMatch(/^model\.json: line \d+, column \d+: tree 0: node 0 is categorical but has no categories$/);
    });
  });

  it('rejects a gblinear model JSON', () => {
    const info = fail('{"learner": {"gradient_booster": {"name": "gblinear", "model": {}}, "objective": {"name": "reg:squarederror"}}}', 'linear.json');
    expect(info.code).toBe('E_PARSE_UNSUPPORTED');
  });

  it('asks for num_class when a multiclass objective shows no class period', () => {
    const info = fail('0:leaf=1\n', 'one.txt', { objective: 'multi:softprob' });
    expect(info.code).toBe('E_PARSE_STRUCTURE');
    expect(info.message).toContain('give num_class');
  });
});
