import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles, readCorpus, REFERENCE_DIR } from '../../testing/shared';
import { ModelParseError, parseModelText } from '../index';
import { leafCount, summarizeModel } from '../../model/tree';
import type { CategoricalSplit, LeafNode, NumericSplit, SplitNode, TreeModel } from '../../model/types';
import { deserializeModel, serializeModel } from '../../model/serialize';
import { compileModel } from '../../eval';

const HANDWRITTEN_FRAGMENT = 'leaves_fragment_tree_3leaves_handwritten.txt';
const fullModels = corpusFiles('lightgbm').filter((name) => /_v[234]\.txt$/.test(name));

function read(name: string): TreeModel {
  return parseModelText(readCorpus(`lightgbm/${name}`), name);
}

function categoricalNodes(model: TreeModel): SplitNode[] {
  return model.trees.flatMap((tree) => tree.nodes.filter((node): node is SplitNode => node.type === 'split' && node.split.kind === 'categorical'));
}

/** The error `parse` throws, for asserting code, position and message. */
function errorOf(parse: () => unknown): ModelParseError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelParseError);
    return error as ModelParseError;
  }
  throw new Error('expected a ModelParseError');
}

/** A small made-up model in LightGBM's layout; `tree` replaces the one tree block. */
function modelText(tree?: string, extraHeader = ''): string {
  const block =
    tree ??
    [
      'Tree=0',
      'num_leaves=3',
      'num_cat=1',
      'split_feature=2 0',
      'split_gain=10.5 3.25',
      'threshold=0 1.5000000000000002',
      'decision_type=1 10',
      'left_child=-1 -2',
      'right_child=1 -3',
      'leaf_value=0.11 -0.07 0.02',
      'leaf_weight=5 6 7',
      'leaf_count=10 20 30',
      'internal_value=0 0.5',
      'internal_weight=0 13',
      'internal_count=60 50',
      'cat_boundaries=0 1',
      'cat_threshold=10',
      'is_linear=0',
      'shrinkage=0.1',
    ].join('\n');
  return [
    'tree',
    'version=v4',
    'num_class=1',
    'num_tree_per_iteration=1',
    'label_index=0',
    'max_feature_idx=2',
    'objective=binary sigmoid:1',
    ...(extraHeader ? [extraHeader] : []),
    'feature_names=age income zip',
    'feature_infos=[18:90] [0:250000] 1:3:7',
    'tree_sizes=400',
    '',
    block,
    '',
    '',
    'end of trees',
    '',
    'feature_importances:',
    'zip=1',
    'age=1',
    '',
    'parameters:',
    '[boosting: gbdt]',
    '[objective: binary]',
    '',
    'end of parameters',
    '',
    'pandas_categorical:null',
    '',
  ].join('\n');
}

/** The 1-based line of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('LightGBM model.txt: every corpus model', () => {
  it.each(fullModels)('parses %s', (name) => {
    const model = read(name);
    expect(model.format).toBe('lightgbm');
    expect(model.trees.length).toBeGreaterThan(0);
    for (const tree of model.trees) {
      const internal = tree.nodes.filter((node) => node.type === 'split').length;
      expect(leafCount(tree)).toBe(internal + 1);
      expect(tree.outputIndex).toBe(tree.index % model.numOutputs);
    }
    // The IR survives its JSON form (LightGBM thresholds can be infinite).
    expect(deserializeModel(serializeModel(model))).toEqual(model);
  });

  it('rejects the handwritten fragment: a Tree= block without the model header', () => {
    const error = errorOf(() => read(HANDWRITTEN_FRAGMENT));
    expect(error.info.code).toBe('E_PARSE_SYNTAX');
    expect(error.info.position).toEqual({ line: 1, column: 1 });
    expect(error.info.message).toContain("expected the model header line 'tree' but found 'Tree=0'");
    expect(error.info.message).toContain('lone tree block');
    expect(error.info.sourceLine).toBe('Tree=0');
  });
});

describe('LightGBM model.txt: structure against corpus/SOURCES.md', () => {
  it.each([
    // file, trees, features, leaves per tree (or undefined when trees differ), categorical nodes
    ['lleaves_nyc_taxi_regression_l1_v3.txt', 100, 5, 31, 0],
    ['lleaves_airline_binary_categorical_v3.txt', 100, 6, undefined, 2667],
    ['lleaves_boston_regression_v3.txt', 100, 13, undefined, 0],
    ['lleaves_leaf_scan_1tree_v3.txt', 1, undefined, 16, 0],
    ['lleaves_mixed_categorical_v3.txt', 1, 5, 19, 2],
    ['lleaves_pure_categorical_v3.txt', 1, undefined, 3, 2],
    ['lleaves_mtpl2_regression_1000trees_pandas_categorical_v3.txt', 1000, 15, 31, 8190],
    ['lleaves_multiclass_3class_v3.txt', 120, 13, undefined, 0],
    ['lleaves_tiniest_single_tree_v3.txt', 1, 3, 4, 0],
    ['treelite_toy_categorical_regression_v2.txt', 30, 2, undefined, undefined],
    ['treelite_sparse_categorical_binary_5057feat_v2.txt', 1, 5057, 255, 33],
    ['tl2cgen_binary_with_constant_tree_v3.txt', 2, 126, undefined, 0],
    ['leaves_fmtp_gamma_categorical_v3.txt', 100, 9, 32, undefined],
    ['leaves_rf_iris_binary_average_output_v2.txt', 30, 4, undefined, 0],
    ['leaves_dart_breast_cancer_binary_v2.txt', 10, 30, undefined, 0],
    ['leaves_kddcup99_multiclass13_categorical_v2.txt', 130, 41, undefined, 275],
    ['leaves_multiclass5_v2.txt', 50, 28, undefined, 0],
    ['leaves_breast_cancer_binary_v3.txt', 39, 30, undefined, 0],
    ['lightgbm_pr_single_leaf_only_model_v4.txt', 1, 6, 1, 0],
    ['lightgbm_branch_quantized_binary_categorical_v4.txt', 10, 8, undefined, 134],
    ['lightgbm_pr_drug_binary_categorical_v4.txt', 23, 5, 2, 1],
    ['lightgbm_pr_covtype_binary_v4.txt', 8, 55, 8, 0],
    ['langrank_lambdarank_v2.txt', 100, 14, 16, 0],
    ['keiba_binary_nan_missing_v4.txt', 1000, 185, 31, 0],
    ['dtreeviz_titanic_binary_v3.txt', 100, 6, undefined, 0],
  ] as const)('%s: %i trees, %s features, %s leaves, %s categorical nodes', (name, trees, features, leaves, categorical) => {
    const model = read(name);
    expect(model.trees).toHaveLength(trees);
    if (features !== undefined) expect(model.features).toHaveLength(features);
    if (leaves !== undefined) for (const tree of model.trees) expect(leafCount(tree)).toBe(leaves);
    if (categorical !== undefined) expect(categoricalNodes(model)).toHaveLength(categorical);
  });

  it('reads the objective transforms, tasks and classes', () => {
    expect(read('lleaves_airline_binary_categorical_v3.txt')).toMatchObject({ task: 'binary', classes: ['0', '1'], transform: { kind: 'sigmoid', scale: 1 } });
    expect(read('lleaves_multiclass_3class_v3.txt')).toMatchObject({ task: 'multiclass', classes: ['0', '1', '2'], numOutputs: 3, transform: { kind: 'softmax' } });
    expect(read('leaves_fmtp_poisson_categorical_v3.txt')).toMatchObject({ task: 'regression', transform: { kind: 'exp' } });
    expect(read('leaves_fmtp_tweedie_categorical_v3.txt').transform).toEqual({ kind: 'exp' });
    expect(read('lleaves_nyc_taxi_regression_l1_v3.txt')).toMatchObject({ task: 'regression', objective: 'regression_l1', transform: { kind: 'identity' } });
    const ranking = read('langrank_lambdarank_v2.txt');
    expect(ranking).toMatchObject({ task: 'ranking', transform: { kind: 'identity' } });
    expect(ranking.classes).toBeUndefined();
    expect(ranking.metadata.featureImportances?.split('\n')[0]).toBe('Overlap_subword-level=210');
  });

  it('reads missing types from decision_type bits (keiba: 2, 8 and 10)', () => {
    const model = read('keiba_binary_nan_missing_v4.txt');
    const modes = new Set(model.trees.flatMap((tree) => tree.nodes.flatMap((node) => (node.type === 'split' ? [JSON.stringify((node.split as NumericSplit).missing)] : []))));
    expect([...modes].sort()).toEqual(
      [{ mode: 'asZero' }, { mode: 'default', defaultLeft: false }, { mode: 'default', defaultLeft: true }].map((mode) => JSON.stringify(mode)).sort(),
    );
    expect(model.features[0]).toMatchObject({ name: 'Column_0', isNamed: false });
  });

  it('decodes the cat_threshold bitset 0 0 0 16 as category 100, and feature_infos categories', () => {
    const model = read('leaves_model_simple_categorical_bitset_v2.txt');
    const root = model.trees[0].nodes[0] as SplitNode;
    expect(root.feature).toBe(1);
    expect(root.split).toEqual({ kind: 'categorical', categories: [100], inSetGoes: 'left', missingGoes: 'right', match: 'truncate' });
    expect(model.trees[0].nodes[root.left]).toMatchObject({ type: 'leaf', sourceId: 0, value: [0.56697267424823339] });
    expect(model.features[1]).toMatchObject({ name: 'X2', isNamed: true, kind: 'categorical', trainingCategories: [1, 0, 3, 100, -1] });
    expect(model.features[0]).toMatchObject({ kind: 'numeric', trainingRange: { min: 0, max: 999 } });
  });

  it('gives pandas_categorical labels to the categorical features in order (mtpl2: Region, VehGas)', () => {
    const model = read('lleaves_mtpl2_regression_1000trees_pandas_categorical_v3.txt');
    expect(model.features[13]).toMatchObject({ name: 'Region', kind: 'categorical' });
    expect(model.features[13].categoryLabels?.slice(0, 3)).toEqual(['R11', 'R21', 'R22']);
    expect(model.features[13].categoryLabels).toHaveLength(22);
    expect(model.features[14].categoryLabels).toEqual(['Diesel', 'Regular']);
    expect(model.features[12].categoryLabels).toBeUndefined();
  });

  it('reads single-leaf trees, including empty leaf_weight= and leaf_count= lines', () => {
    const model = read('tl2cgen_binary_with_constant_tree_v3.txt');
    const constant = model.trees.find((tree) => tree.nodes.length === 1)!;
    expect(constant.nodes[0]).toMatchObject({ type: 'leaf', id: 0, sourceId: 0, depth: 0, parent: -1 });
    const only = read('lightgbm_pr_single_leaf_only_model_v4.txt');
    expect(only.trees[0].nodes).toEqual([
      { type: 'leaf', id: 0, sourceId: 0, depth: 0, parent: -1, value: [0.2], stats: { count: 15, cover: 0 }, position: { line: 21, column: 1 } },
    ]);
  });

  it('reads average_output with the modern rule by default and warns on v2 files; the legacy option drops the transform', () => {
    const modern = read('leaves_rf_iris_binary_average_output_v2.txt');
    expect(modern.aggregation).toEqual({ kind: 'sum', base: [0], averageOver: 30 });
    expect(modern.transform).toEqual({ kind: 'sigmoid', scale: 1 });
    expect(modern.assumptions).toEqual({ lightgbmLegacyRf: false });
    expect(modern.warnings.map((warning) => warning.code)).toContain('W_LGB_LEGACY_RF');
    const legacy = parseModelText(readCorpus('lightgbm/leaves_rf_iris_binary_average_output_v2.txt'), 'rf.txt', { lightgbmLegacyRf: true });
    expect(legacy.transform).toEqual({ kind: 'identity' });
    expect(legacy.aggregation).toEqual({ kind: 'sum', base: [0], averageOver: 30 });
    expect(legacy.warnings.map((warning) => warning.code)).not.toContain('W_LGB_LEGACY_RF');
  });

  it('tolerates unknown tree keys and unknown blocks after the trees, with warnings', () => {
    expect(read('lightgbm_pr_covtype_binary_v4.txt').warnings).toContainEqual(expect.objectContaining({ code: 'W_LGB_UNKNOWN_KEY', position: { line: 15, column: 1 } }));
    const drug = read('lightgbm_pr_drug_binary_categorical_v4.txt');
    expect(drug.warnings).toContainEqual(expect.objectContaining({ code: 'W_LGB_IGNORED_LINES', position: { line: 576, column: 1 } }));
    expect(drug.metadata.parameters).toContain('boosting: gbdt');
  });

  it('keeps the header and parameters as metadata', () => {
    const model = read('keiba_binary_nan_missing_v4.txt');
    expect(model.metadata).toMatchObject({ version: 'v4', numClass: '1', numTreePerIteration: '1', labelIndex: '0', maxFeatureIndex: '184', objective: 'binary sigmoid:1', boosting: 'gbdt' });
    expect(model.variant).toBe('LightGBM model.txt v4 (gbdt)');
  });

  it('matches the leaf indices LightGBM reports (sourceId = leaf index, split sourceId = node index)', () => {
    const model = read('leaves_breast_cancer_binary_v3.txt');
    for (const tree of model.trees) {
      const internal = tree.nodes.length - leafCount(tree);
      tree.nodes.forEach((node, id) => expect(node.sourceId).toBe(id < internal ? id : id - internal));
    }
  });
});

describe('LightGBM dump_model JSON', () => {
  const text = readCorpus('lightgbm/leaves_dart_breast_cancer_binary_v2.txt');
  const json = readCorpus('lightgbm/leaves_dart_breast_cancer_binary_v2.json');

  it('gives the same decisions and leaves as the model.txt of the same model', () => {
    const fromText = parseModelText(text, 'dart.txt');
    const fromJson = parseModelText(json, 'dart.json');
    expect(fromJson.metadata.source).toBe('dump_model JSON');
    const decisions = (model: TreeModel) =>
      model.trees.map((tree) =>
        tree.nodes.map((node) =>
          node.type === 'split'
            ? { id: node.id, sourceId: node.sourceId, depth: node.depth, feature: node.feature, split: node.split, left: node.left, right: node.right }
            : { id: node.id, sourceId: node.sourceId, depth: node.depth, value: node.value, count: node.stats?.count },
        ),
      );
    expect(decisions(fromJson)).toEqual(decisions(fromText));
    expect(fromJson.features.map((feature) => feature.name)).toEqual(fromText.features.map((feature) => feature.name));
    expect(fromJson.numOutputs).toBe(1);
  });

  it('has no objective in this old dump: raw scores with a warning, or the supplied objective', () => {
    const raw = parseModelText(json, 'dart.json');
    expect(raw.transform).toEqual({ kind: 'identity' });
    expect(raw.warnings.map((warning) => warning.code)).toContain('W_LGB_JSON_NO_OBJECTIVE');
    const supplied = parseModelText(json, 'dart.json', { objective: 'binary sigmoid:1' });
    expect(supplied.transform).toEqual(parseModelText(text, 'dart.txt').transform);
    expect(supplied.classes).toEqual(['0', '1']);
  });

  it('with the objective supplied, predicts the golden DART probabilities exactly', () => {
    const compiled = compileModel(parseModelText(json, 'dart.json', { objective: 'binary sigmoid:1' }));
    const rows = readCorpus('lightgbm/leaves_dart_breast_cancer_binary_v2.test.tsv').trim().split('\n');
    const expected = readCorpus('lightgbm/leaves_dart_breast_cancer_binary_v2.true_predictions.txt').trim().split('\n').map(Number);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, index) => expect(compiled.predictRow(row.trim().split(/\s+/).map(Number)).prediction[0]).toBe(expected[index]));
  });

  it('reports invalid JSON with line and column', () => {
    const error = errorOf(() => parseModelText('{"name": "tree", "tree_info": [\n  {"num_leaves": 1,, }\n]}', 'bad.json', { format: 'lightgbm' }));
    expect(error.info.code).toBe('E_PARSE_SYNTAX');
  });
});

describe('LightGBM model.txt: the rules of B.1–B.6 on made-up models', () => {
  it('reads the FORMATS.md worked example: bitset 10 = categories 1 and 3, dt 10 = NaN default left', () => {
    const model = parseModelText(modelText(), 'model.txt');
    const [root, second] = model.trees[0].nodes as SplitNode[];
    expect(root.split).toEqual({ kind: 'categorical', categories: [1, 3], inSetGoes: 'left', missingGoes: 'right', match: 'truncate' });
    expect(root).toMatchObject({ feature: 2, left: 2, right: 1, stats: { gain: 10.5, count: 60, cover: 0, internalValue: 0 } });
    expect(second.split).toEqual({ kind: 'numeric', op: '<=', threshold: 1.5000000000000002, missing: { mode: 'default', defaultLeft: true } });
    expect(model.trees[0].nodes[4]).toMatchObject({ type: 'leaf', sourceId: 2, value: [0.02], stats: { count: 30, cover: 7 }, depth: 2, parent: 1 });
    expect(model.features.map((feature) => feature.kind)).toEqual(['numeric', 'numeric', 'categorical']);
    expect(model.metadata.featureImportances).toBe('zip=1\nage=1');
  });

  it.each([
    ['0', { mode: 'asZero' }],
    ['2', { mode: 'asZero' }],
    ['4', { mode: 'zero', defaultLeft: false }],
    ['6', { mode: 'zero', defaultLeft: true }],
    ['8', { mode: 'default', defaultLeft: false }],
  ])('decision_type %s → %j', (decisionType, missing) => {
    const tree = ['Tree=0', 'num_leaves=2', 'num_cat=0', 'split_feature=0', 'threshold=inf', `decision_type=${decisionType}`, 'left_child=-1', 'right_child=-2', 'leaf_value=1 2'].join('\n');
    const split = (parseModelText(modelText(tree), 'm.txt').trees[0].nodes[0] as SplitNode).split as NumericSplit;
    expect(split.missing).toEqual(missing);
    expect(split.threshold).toBe(Infinity);
  });

  it.each([
    ['binary sigmoid:0.5', { kind: 'sigmoid', scale: 0.5 }, 'binary'],
    ['multiclassova num_class:1 sigmoid:2', { kind: 'sigmoidEach', scale: 2 }, 'multiclass'],
    ['cross_entropy', { kind: 'sigmoid', scale: 1 }, 'binary'],
    ['cross_entropy_lambda', { kind: 'log1pExp' }, 'regression'],
    ['gamma', { kind: 'exp' }, 'regression'],
    ['regression sqrt', { kind: 'signedSquare' }, 'regression'],
    ['quantile sqrt', { kind: 'signedSquare' }, 'regression'],
    ['mape', { kind: 'identity' }, 'regression'],
    ['huber', { kind: 'identity' }, 'regression'],
    ['rank_xendcg', { kind: 'identity' }, 'ranking'],
  ])('objective=%s → %j', (objective, transform, task) => {
    const model = parseModelText(modelText().replace('objective=binary sigmoid:1', `objective=${objective}`), 'm.txt');
    expect(model.transform).toEqual(transform);
    expect(model.task).toBe(task);
  });

  it('reads monotone_constraints, a parser block and a file without version= (LightGBM ≤ 2.0.11)', () => {
    const text = modelText(undefined, 'monotone_constraints=1 0 -1')
      .replace('version=v4\n', '')
      .replace('pandas_categorical:null', 'parser:\n{"className": "ExampleParser",\n "id": 1}\nend of parser\n\npandas_categorical:null');
    const model = parseModelText(text, 'm.txt');
    expect(model.metadata).toMatchObject({ monotoneConstraints: '1 0 -1', version: 'none (LightGBM ≤ 2.0.11)', parserConfig: '{"className": "ExampleParser",\n "id": 1}' });
    expect(model.variant).toBe('LightGBM model.txt (gbdt)');
  });

  it('reads a model without an objective line as raw scores, naming the parameters objective', () => {
    const model = parseModelText(modelText().replace('objective=binary sigmoid:1\n', ''), 'm.txt');
    expect(model.transform).toEqual({ kind: 'identity' });
    expect(model.objective).toBe('binary (from parameters; no objective line)');
    expect(model.warnings.map((warning) => warning.code)).toContain('W_LGB_NO_OBJECTIVE');
  });

  it('reads linear leaves, re-grouping the oddly spaced arrays by num_features', () => {
    const tree = [
      'Tree=0',
      'num_leaves=3',
      'num_cat=0',
      'split_feature=0 1',
      'threshold=0.5 2.5',
      'decision_type=2 2',
      'left_child=-1 -2',
      'right_child=1 -3',
      'leaf_value=0.1 0.2 0.3',
      'is_linear=1',
      'leaf_const=1.5 -2 0.25',
      'num_features=2 0 1',
      'leaf_features=0 2   1  ',
      'leaf_coeff=0.25 -1.5   0.75  ',
    ].join('\n');
    const leaves = parseModelText(modelText(tree), 'm.txt').trees[0].nodes.filter((node): node is LeafNode => node.type === 'leaf');
    expect(leaves.map((leaf) => leaf.linear)).toEqual([
      { constant: 1.5, features: [0, 2], coefficients: [0.25, -1.5] },
      { constant: -2, features: [], coefficients: [] },
      { constant: 0.25, features: [1], coefficients: [0.75] },
    ]);
  });

  it('assigns trees to outputs t mod num_tree_per_iteration and averages over iterations', () => {
    const stump = (index: number) => [`Tree=${index}`, 'num_leaves=1', 'num_cat=0', `leaf_value=${index}`].join('\n');
    const text = modelText([0, 1, 2, 3, 4, 5].map(stump).join('\n\n'), 'average_output')
      .replace('num_class=1', 'num_class=3')
      .replace('num_tree_per_iteration=1', 'num_tree_per_iteration=3')
      .replace('objective=binary sigmoid:1', 'objective=multiclass num_class:3');
    const model = parseModelText(text, 'm.txt');
    expect(model.trees.map((tree) => tree.outputIndex)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(model.aggregation).toEqual({ kind: 'sum', base: [0, 0, 0], averageOver: 2 });
    expect(model.classes).toEqual(['0', '1', '2']);
  });

  it('accepts CRLF line ends, a missing final line break and a banner before the model', () => {
    const text = `Model exported by our pipeline\n${modelText()}`.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const model = parseModelText(text, 'm.txt');
    expect(model.trees[0].nodes).toHaveLength(5);
    expect(model.warnings.map((warning) => warning.code)).toContain('W_WRAPPER_TEXT');
    expect(model.trees[0].nodes[0].position).toEqual({ line: 1 + lineOf(modelText(), 'split_feature='), column: 1 });
  });
});

describe('LightGBM model.txt: errors with line and column', () => {
  const text = modelText();

  it('rejects a line without = inside a tree (syntax)', () => {
    const broken = text.replace('num_cat=1', 'num_cat 1');
    const error = errorOf(() => parseModelText(broken, 'broken.txt'));
    expect(error.info.code).toBe('E_PARSE_SYNTAX');
    expect(error.info.position).toEqual({ line: lineOf(text, 'num_cat=1'), column: 1 });
    expect(error.info.message).toContain("unexpected 'num_cat 1'");
    expect(error.info.sourceLine).toBe('num_cat 1');
  });

  it('rejects a line that starts with a blank inside a tree', () => {
    const broken = text.replace('leaf_count=10', '  leaf_count=10');
    const error = errorOf(() => parseModelText(broken, 'broken.txt'));
    expect(error.info).toMatchObject({ code: 'E_PARSE_SYNTAX', position: { line: lineOf(text, 'leaf_count='), column: 1 } });
    expect(error.info.message).toContain("unexpected '  leaf_count=10 20 30'");
  });

  it('rejects a stray carriage return inside a line (the lexer rules allow one only before the line feed)', () => {
    const broken = text.replace('leaf_count=10', 'leaf_count=\r10');
    const error = errorOf(() => parseModelText(broken, 'broken.txt'));
    expect(error.info).toMatchObject({ code: 'E_PARSE_SYNTAX', position: { line: lineOf(text, 'leaf_count='), column: 1 } });
    expect(error.info.message).toContain('this line holds a carriage return (\\r) before its end');
  });

  it('rejects a parameters block that never ends', () => {
    const broken = text.replace('end of parameters\n', '');
    const error = errorOf(() => parseModelText(broken, 'broken.txt'));
    expect(error.info.code).toBe('E_PARSE_SYNTAX');
    expect(error.info.position).toEqual({ line: lineOf(text, 'pandas_categorical:') - 1, column: 1 });
    expect(error.info.message).toContain("unexpected 'pandas_categorical:null'; expected 'end of parameters', a '[key: value]' line or a blank line");
  });

  it.each([
    ['leaf_value=0.11 -0.07 0.02', 'leaf_value=0.11 -0.07 0.02 0.5', 28, 'leaf_value has 4 values but num_leaves=3 needs 3'],
    ['leaf_value=0.11 -0.07 0.02', 'leaf_value=0.11 -0.07', 22, 'leaf_value has 2 values but num_leaves=3 needs 3'],
    ['right_child=1 -3', 'right_child=1 -4', 15, 'right_child of node 1 is -4, i.e. leaf 3, but the tree has only 3 leaves'],
    ['left_child=-1 -2', 'left_child=2 -2', 12, 'left_child of node 0 is 2, but the tree has only 2 internal nodes (0…1)'],
    ['threshold=0 1.5000000000000002', 'threshold=1 1.5000000000000002', 11, 'the categorical threshold of node 0 is 1, an index into cat_boundaries, but num_cat=1 allows 0…0'],
    ['threshold=0 1.5000000000000002', 'threshold=0 1.5x', 13, "threshold: '1.5x' is not a number"],
    ['split_feature=2 0', 'split_feature=2 3', 17, 'split_feature 3 is outside the 3 features (max_feature_idx=2)'],
    ['cat_threshold=10', 'cat_threshold=10 4', 18, 'cat_threshold has 2 values but cat_boundaries (last value 1) needs 1'],
    ['internal_count=60 50', 'internal_count=60 5.5', 19, "internal_count: '5.5' is not an integer"],
  ])('%s → %s: E_PARSE_STRUCTURE at the key line, column %i', (original, replacement, column, detail) => {
    const broken = text.replace(original, replacement);
    const error = errorOf(() => parseModelText(broken, 'broken.txt'));
    expect(error.info.code).toBe('E_PARSE_STRUCTURE');
    expect(error.info.position).toEqual({ line: lineOf(text, original), column });
    expect(error.info.message).toBe(`broken.txt: line ${lineOf(text, original)}, column ${column}: ${detail}`);
    expect(error.info.sourceLine).toBe(replacement);
  });

  it.each([
    ['num_cat=1\n', 'Tree=0 has no num_cat line (LightGBM needs num_leaves, num_cat and leaf_value)'],
    ['right_child=1 -3\n', 'Tree=0 has no right_child line (a tree with 3 leaves needs it)'],
    ['cat_boundaries=0 1\n', 'Tree=0 has no cat_boundaries line (num_cat=1 needs it)'],
  ])('a tree without %j fails at its Tree= line', (line, detail) => {
    const error = errorOf(() => parseModelText(text.replace(line, ''), 'broken.txt'));
    expect(error.info).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: { line: lineOf(text, 'Tree=0'), column: 1 } });
    expect(error.info.message).toContain(detail);
  });

  it('a header without max_feature_idx fails at the header', () => {
    const error = errorOf(() => parseModelText(text.replace('max_feature_idx=2\n', ''), 'broken.txt'));
    expect(error.info).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: { line: 1, column: 1 } });
    expect(error.info.message).toContain('no max_feature_idx= line');
  });

  it('feature_names must name max_feature_idx + 1 features', () => {
    const error = errorOf(() => parseModelText(text.replace('feature_names=age income zip', 'feature_names=age income'), 'broken.txt'));
    expect(error.info).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: { line: lineOf(text, 'feature_names='), column: 15 } });
  });

  it('a cycle in the children is reported at the Tree= line', () => {
    const error = errorOf(() => parseModelText(text.replace('right_child=1 -3', 'right_child=1 0'), 'broken.txt'));
    expect(error.info).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: { line: lineOf(text, 'Tree=0'), column: 1 } });
  });
});

describe('LightGBM reference models (../shared/reference)', () => {
  it.each(['lgb_binary_nan', 'lgb_multiclass_iris', 'lgb_regression_diabetes'])('%s agrees with meta.json', (name) => {
    const meta = JSON.parse(readFileSync(join(REFERENCE_DIR, name, 'meta.json'), 'utf8'));
    const model = parseModelText(readFileSync(join(REFERENCE_DIR, name, 'model.txt'), 'utf8'), 'model.txt');
    expect(model.trees).toHaveLength(meta.num_trees);
    expect(model.numOutputs).toBe(meta.num_tree_per_iteration);
    expect(model.features.map((feature) => feature.name)).toEqual(meta.feature_names);
    expect(model.objective).toBe(meta.objective);
    expect(model.task).toBe(meta.task);
    expect(summarizeModel(model).trees).toBe(meta.num_trees);
    const singleLeaf = model.trees.filter((tree) => tree.nodes.length === 1).length;
    expect(singleLeaf).toBe(meta.single_leaf_trees);
  });
});

describe('categorical splits', () => {
  it('keeps categories sorted (bitsets are decoded word by word, bit by bit)', () => {
    for (const node of categoricalNodes(read('lleaves_airline_binary_categorical_v3.txt'))) {
      const categories = (node.split as CategoricalSplit).categories;
      expect([...categories].sort((a, b) => a - b)).toEqual(categories);
    }
  });
});
