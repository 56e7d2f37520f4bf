/**
 * TEST KIT ONLY (not used by the app): minimal readers that build the IR straight from the files
 * the reference cases and corpus golden files ship (LightGBM model.txt, XGBoost model.json,
 * scikit-learn tree.json), written from FORMATS.md B.3/C.4/D.2. They let the evaluator be checked
 * against the libraries' own predictions independently of the real adapters in app/formats, which
 * the reference harness (reference.test.ts) exercises separately.
 */
import { linkTree } from '../model/tree';
import type { Feature, OutputTransform, Split, Tree, TreeModel, TreeNode } from '../model/types';

function baseModel(partial: Partial<TreeModel> & Pick<TreeModel, 'format' | 'trees' | 'numOutputs' | 'aggregation' | 'transform' | 'arithmetic' | 'task'>, numFeatures: number): TreeModel {
  const features: Feature[] = Array.from({ length: numFeatures }, (_, index) => ({ index, name: `f${index}`, isNamed: false, kind: 'numeric' }));
  return { variant: 'test kit', fileName: 'test', objective: '', features, assumptions: {}, warnings: [], metadata: {}, ...partial };
}

function numbers(text: string | undefined): number[] {
  if (!text) return [];
  return text
    .trim()
    .split(/\s+/)
    .filter((token) => token !== '')
    .map((token) => (token === 'inf' ? Infinity : token === '-inf' ? -Infinity : token === 'nan' ? NaN : Number(token)));
}

function link(nodes: TreeNode[]): TreeNode[] {
  const problem = linkTree(nodes);
  if (problem) throw new Error(problem);
  return nodes;
}

/** LightGBM model.txt → IR (numeric, categorical bitsets, linear leaves, average_output). */
export function loadLightgbmText(text: string, options: { legacyRf?: boolean } = {}): TreeModel {
  const blocks = text.split(/\n(?=Tree=\d+)/);
  const header = new Map<string, string>();
  let isAverage = false;
  for (const line of blocks[0].split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) header.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    else if (line.trim() === 'average_output') isAverage = true;
  }
  const perIteration = Number(header.get('num_tree_per_iteration') ?? header.get('num_class') ?? 1);
  const numFeatures = Number(header.get('max_feature_idx') ?? -1) + 1;
  const trees: Tree[] = [];
  for (const block of blocks.slice(1)) {
    const keys = new Map<string, string>();
    for (const line of block.split('\n')) {
      if (line.startsWith('end of trees')) break;
      const at = line.indexOf('=');
      if (at > 0) keys.set(line.slice(0, at), line.slice(at + 1));
    }
    const index = trees.length;
    const numLeaves = Number(keys.get('num_leaves'));
    const leafValue = numbers(keys.get('leaf_value'));
    const nodes: TreeNode[] = [];
    if (numLeaves === 1) {
      nodes.push({ type: 'leaf', id: 0, sourceId: 0, depth: 0, parent: -1, value: [leafValue[0]] });
    } else {
      const splitFeature = numbers(keys.get('split_feature'));
      const threshold = numbers(keys.get('threshold'));
      const decisionType = numbers(keys.get('decision_type'));
      const leftChild = numbers(keys.get('left_child'));
      const rightChild = numbers(keys.get('right_child'));
      const catBoundaries = numbers(keys.get('cat_boundaries'));
      const catThreshold = numbers(keys.get('cat_threshold'));
      const isLinear = keys.get('is_linear')?.trim() === '1';
      const leafConst = numbers(keys.get('leaf_const'));
      const leafCount = numbers(keys.get('num_features'));
      const leafFeatures = numbers(keys.get('leaf_features'));
      const leafCoeff = numbers(keys.get('leaf_coeff'));
      const splits = numLeaves - 1;
      const child = (reference: number) => (reference >= 0 ? reference : splits + ~reference);
      for (let n = 0; n < splits; n++) {
        const type = decisionType[n];
        let split: Split;
        if (type & 1) {
          const c = threshold[n];
          const categories: number[] = [];
          for (let w = catBoundaries[c]; w < catBoundaries[c + 1]; w++) {
            for (let bit = 0; bit < 32; bit++) if ((catThreshold[w] >>> bit) & 1) categories.push((w - catBoundaries[c]) * 32 + bit);
          }
          split = { kind: 'categorical', categories, inSetGoes: 'left', missingGoes: 'right', match: 'truncate' };
        } else {
          const missingType = (type >> 2) & 3;
          const defaultLeft = (type & 2) !== 0;
          split = {
            kind: 'numeric',
            op: '<=',
            threshold: threshold[n],
            missing: missingType === 0 ? { mode: 'asZero' } : missingType === 1 ? { mode: 'zero', defaultLeft } : { mode: 'default', defaultLeft },
          };
        }
        nodes.push({ type: 'split', id: n, sourceId: n, depth: 0, parent: -1, feature: splitFeature[n], split, left: child(leftChild[n]), right: child(rightChild[n]) });
      }
      let position = 0;
      for (let leaf = 0; leaf < numLeaves; leaf++) {
        const node: TreeNode = { type: 'leaf', id: splits + leaf, sourceId: leaf, depth: 0, parent: -1, value: [leafValue[leaf]] };
        if (isLinear) {
          const count = leafCount[leaf];
          node.linear = { constant: leafConst[leaf], features: leafFeatures.slice(position, position + count), coefficients: leafCoeff.slice(position, position + count) };
          position += count;
        }
        nodes.push(node);
      }
    }
    trees.push({ index, outputIndex: index % perIteration, weight: 1, nodes: link(nodes) });
  }
  const objective = header.get('objective') ?? '';
  const [name, ...parameters] = objective.split(/\s+/);
  const parameter = (key: string) => Number(parameters.find((token) => token.startsWith(`${key}:`))?.split(':')[1] ?? 1);
  let transform: OutputTransform = { kind: 'identity' };
  if (name === 'binary') transform = { kind: 'sigmoid', scale: parameter('sigmoid') };
  else if (name === 'multiclass') transform = { kind: 'softmax' };
  else if (name === 'multiclassova') transform = { kind: 'sigmoidEach', scale: parameter('sigmoid') };
  else if (name === 'cross_entropy') transform = { kind: 'sigmoid', scale: 1 };
  else if (name === 'cross_entropy_lambda') transform = { kind: 'log1pExp' };
  else if (name === 'poisson' || name === 'gamma' || name === 'tweedie') transform = { kind: 'exp' };
  else if (parameters.includes('sqrt')) transform = { kind: 'signedSquare' };
  if (options.legacyRf) transform = { kind: 'identity' };
  const task = name === 'binary' ? 'binary' : name.startsWith('multiclass') ? 'multiclass' : 'regression';
  return baseModel(
    {
      format: 'lightgbm',
      objective,
      task,
      numOutputs: perIteration,
      trees,
      aggregation: { kind: 'sum', base: new Array<number>(perIteration).fill(0), ...(isAverage ? { averageOver: trees.length / perIteration } : {}) },
      transform,
      arithmetic: { input: 'float64', accumulate: 'float64', zeroTinyInputs: true },
    },
    numFeatures,
  );
}

interface XgboostJsonTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
  split_type?: number[];
  categories?: number[];
  categories_nodes?: number[];
  categories_segments?: number[];
  categories_sizes?: number[];
}

/** XGBoost native model.json (1.7 layout) → IR. */
export function loadXgboostModelJson(text: string): TreeModel {
  // XGBoost writes bare NaN (not JSON) for categorical splits' conditions.
  const learner = JSON.parse(text.replace(/\bNaN\b/g, 'null')).learner;
  const objective: string = learner.objective.name;
  const baseScore = Math.fround(Number(learner.learner_model_param.base_score));
  const numClass = Number(learner.learner_model_param.num_class);
  const numOutputs = Math.max(1, numClass);
  const model = learner.gradient_booster.model;
  const treeInfo: number[] = model.tree_info;
  const isLogistic = objective === 'binary:logistic' || objective === 'reg:logistic';
  // ProbToMargin in float: -logf(1.0f / base_score - 1.0f).
  const baseMargin = isLogistic
    ? Math.fround(-Math.fround(Math.log(Math.fround(Math.fround(1 / baseScore) - 1))))
    : objective === 'count:poisson' || objective === 'reg:gamma' || objective === 'reg:tweedie'
      ? Math.fround(Math.log(baseScore))
      : baseScore;
  const trees: Tree[] = (model.trees as XgboostJsonTree[]).map((tree, index) => {
    const nodes: TreeNode[] = tree.left_children.map((left, id) => {
      if (left === -1) return { type: 'leaf', id, sourceId: id, depth: 0, parent: -1, value: [Math.fround(tree.split_conditions[id])] };
      let split: Split;
      if (tree.split_type?.[id] === 1) {
        const at = tree.categories_nodes!.indexOf(id);
        const start = tree.categories_segments![at];
        const categories = tree.categories!.slice(start, start + tree.categories_sizes![at]).sort((a, b) => a - b);
        split = { kind: 'categorical', categories, inSetGoes: 'right', missingGoes: tree.default_left[id] ? 'left' : 'right', match: 'truncate' };
      } else {
        split = { kind: 'numeric', op: '<', threshold: Math.fround(tree.split_conditions[id]), missing: { mode: 'default', defaultLeft: tree.default_left[id] === 1 } };
      }
      return { type: 'split', id, sourceId: id, depth: 0, parent: -1, feature: tree.split_indices[id], split, left, right: tree.right_children[id] };
    });
    return { index, outputIndex: treeInfo[index], weight: 1, nodes: link(nodes) };
  });
  const transform: OutputTransform =
    isLogistic ? { kind: 'sigmoid', scale: 1 } : objective === 'multi:softprob' ? { kind: 'softmax' } : objective === 'multi:softmax' ? { kind: 'argmax' } : { kind: 'identity' };
  return baseModel(
    {
      format: 'xgboost',
      objective,
      task: isLogistic ? 'binary' : numClass > 0 ? 'multiclass' : 'regression',
      numOutputs,
      trees,
      aggregation: { kind: 'sum', base: new Array<number>(numOutputs).fill(baseMargin) },
      transform,
      arithmetic: { input: 'float32', accumulate: 'float32' },
    },
    Number(learner.learner_model_param.num_feature),
  );
}

/** scikit-learn tree arrays (the reference cases' tree.json) → IR for a single classifier or regressor tree. */
export function loadSklearnTreeJson(text: string): TreeModel {
  const document = JSON.parse(text);
  const tree = document.trees[0];
  const classes: number[] | undefined = document.classes;
  const nodes: TreeNode[] = tree.children_left.map((left: number, id: number): TreeNode => {
    if (left === -1) return { type: 'leaf', id, sourceId: id, depth: 0, parent: -1, value: classes ? tree.value[id][0] : [tree.value[id][0][0]] };
    return {
      type: 'split',
      id,
      sourceId: id,
      depth: 0,
      parent: -1,
      feature: tree.feature[id],
      split: { kind: 'numeric', op: '<=', threshold: tree.threshold[id], missing: { mode: 'compare' } },
      left,
      right: tree.children_right[id],
    };
  });
  return baseModel(
    {
      format: 'sklearn',
      task: !classes ? 'regression' : classes.length > 2 ? 'multiclass' : 'binary',
      ...(classes ? { classes: classes.map(String) } : {}),
      numOutputs: classes ? classes.length : 1,
      trees: [{ index: 0, outputIndex: 0, weight: 1, nodes: link(nodes) }],
      aggregation: classes ? { kind: 'distribution' } : { kind: 'mean' },
      transform: { kind: 'identity' },
      arithmetic: { input: 'float32', accumulate: 'float64' },
    },
    document.n_features_in,
  );
}

/** XGBoost text dump with numeric splits only (`id:[fN<c] yes=,no=,missing=` / `id:leaf=v`) → IR; binary:logistic with base_score 0.5. */
export function loadXgboostNumericTextDump(text: string, numFeatures: number): TreeModel {
  const trees: Tree[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const byId = new Map<number, string>();
    for (const line of lines) {
      const match = /^\s*(\d+):(.*)$/.exec(line);
      if (match) byId.set(Number(match[1]), match[2]);
    }
    const ids = [...byId.keys()].sort((a, b) => a - b);
    const index = new Map(ids.map((id, position) => [id, position]));
    const nodes: TreeNode[] = ids.map((id, position): TreeNode => {
      const body = byId.get(id)!;
      const leaf = /^leaf=(\S+)/.exec(body);
      if (leaf) return { type: 'leaf', id: position, sourceId: id, depth: 0, parent: -1, value: [Math.fround(Number(leaf[1]))] };
      const split = /^\[f(\d+)<([^\]]+)\] yes=(\d+),no=(\d+),missing=(\d+)/.exec(body)!;
      const yes = Number(split[3]);
      return {
        type: 'split',
        id: position,
        sourceId: id,
        depth: 0,
        parent: -1,
        feature: Number(split[1]),
        split: { kind: 'numeric', op: '<', threshold: Math.fround(Number(split[2])), missing: { mode: 'default', defaultLeft: Number(split[5]) === yes } },
        left: index.get(yes)!,
        right: index.get(Number(split[4]))!,
      };
    });
    trees.push({ index: trees.length, outputIndex: 0, weight: 1, nodes: link(nodes) });
    lines = [];
  };
  for (const line of text.split('\n')) {
    if (/^booster\[\d+\]:/.test(line)) flush();
    else if (line.trim() !== '') lines.push(line);
  }
  flush();
  return baseModel(
    {
      format: 'xgboost',
      objective: 'binary:logistic',
      task: 'binary',
      numOutputs: 1,
      trees,
      aggregation: { kind: 'sum', base: [0] },
      transform: { kind: 'sigmoid', scale: 1 },
      arithmetic: { input: 'float32', accumulate: 'float32' },
    },
    numFeatures,
  );
}
