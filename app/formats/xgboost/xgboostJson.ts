/**
 * XGBoost's two JSON exports (FORMATS.md C.5): the `dump_format='json'` dump (nested nodes, names
 * but no objective) and the saved model `save_model("model.json")` (flat arrays, with the objective,
 * base_score, num_class, tree groups and DART weights).
 */
import { countProblem } from '../limits';
import { ModelParseError } from '../errors';
import { jsonArrayElements, jsonPathPosition, locateJsonError, piecesParse, type JsonPathStep } from '../jsonLocate';
import type { Feature, ImportWarning, SourcePosition, TreeModel, TreeNode } from '../../model/types';
import type { ParseOptions } from '../options';
import {
  assembleTree,
  parseFeatureMap,
  resolveFeatures,
  xgbError,
  type FeatureResolution,
  type NamedUse,
  type XgbNodeRecord,
} from './xgboostModel';
import { finishHeader, finishModel, finishPacked } from './xgboostOutputs';
import { ForestBuilder, packModel } from '../../model/forestBuilder';
import { unpackModel } from '../../model/materialize';
import { addCategoricalFeatures } from '../../model/tree';
import {
  FLAG_DEFAULT_LEFT,
  FLAG_MISSING_LEFT,
  FLAG_OP_LESS,
  MISSING_DEFAULT,
  MISSING_SHIFT,
  NODE_CATEGORICAL,
  NODE_LEAF,
  NODE_NUMERIC,
  type PackedModel,
} from '../../model/packed';

type JsonObject = Record<string, unknown>;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): SourcePosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

// XGBoost's JSON writer prints non-finite floats bare (`NaN` in split_conditions of categorical nodes, `inf`):
// outside strings they become strings that `Number()` reads back.
const NON_FINITE = /("(?:[^"\\]|\\.)*")|(-?)\b(NaN|nan|Infinity|inf)\b/g;

function quoteNonFinite(text: string): string {
  return text.replace(NON_FINITE, (match, string: string | undefined, sign: string, word: string) =>
    string !== undefined ? match : `"${sign}${word === 'NaN' || word === 'nan' ? 'NaN' : 'Infinity'}"`,
  );
}

/** `JSON.parse` with the engine's error turned into E_PARSE_SYNTAX at a line and column. */
function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (/\b(NaN|nan|Infinity|inf)\b/.test(text)) {
      try {
        return JSON.parse(quoteNonFinite(text));
      } catch {
        // Report the error of the text as written.
      }
    }
    const found = locateJsonError(text);
    if (!found) {
      const message = error instanceof Error ? error.message : String(error);
      const offset = /position (\d+)/.exec(message);
      throw xgbError('E_PARSE_SYNTAX', fileName, `invalid JSON: ${message}`, offset ? positionAt(lineStarts(text), Number(offset[1])) : { line: 1, column: 1 }, text);
    }
    const position = positionAt(lineStarts(text), found.offset);
    const near = found.offset < text.length ? `'${text.slice(found.offset, found.offset + 12).split(/\r?\n/)[0]}'` : 'the end of the file';
    throw xgbError('E_PARSE_SYNTAX', fileName, `invalid JSON: expected ${found.expected} but found ${near}`, position, text);
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A node of the JSON dump before names become indices. */
interface DumpNode {
  record: XgbNodeRecord;
  use?: NamedUse;
}

/**
 * The position of each node of a JSON dump in turn. Nodes are visited in document order, so the
 * n-th `"nodeid"` in the text is the n-th node visited: that gives positions without a
 * position-aware JSON parser.
 */
function nodePositions(text: string): { next: () => SourcePosition | undefined; restart: () => void } {
  const starts = lineStarts(text);
  const nodeIdPattern = /"nodeid"\s*:/g;
  return {
    next: () => {
      const match = nodeIdPattern.exec(text);
      return match ? positionAt(starts, match.index) : undefined;
    },
    // From the first node again (a second pass over the trees).
    restart: () => {
      nodeIdPattern.lastIndex = 0;
    },
  };
}

/** Checks one tree of a JSON dump and lists its nodes in document order (each with the position of its `"nodeid"`). */
function readDumpTree(
  rootValue: unknown,
  treeIndex: number,
  nextPosition: () => SourcePosition | undefined,
  fail: (detail: string, position?: SourcePosition) => never,
  fileName: string,
  text: string,
): DumpNode[] {
  const nodes: DumpNode[] = [];
  const stack: unknown[] = [rootValue];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!isObject(value) || typeof value.nodeid !== 'number') fail(`tree ${treeIndex}: expected a node object with a numeric "nodeid"`);
    const node = value as JsonObject;
    const position = nextPosition();
    const nodeId = node.nodeid as number;
    const record: XgbNodeRecord = { nodeId, position, kind: 'leaf' };
    if (typeof node.cover === 'number') record.cover = node.cover;
    if ('leaf' in node) {
      if (typeof node.leaf !== 'number') {
        throw xgbError('E_PARSE_UNSUPPORTED', fileName, 'this is a multi-target (vector-leaf) tree, which Splitscope cannot evaluate from a dump', position, text);
      }
      record.value = Math.fround(node.leaf);
      nodes.push({ record });
      continue;
    }
    const children = Array.isArray(node.children) ? node.children : [];
    if (typeof node.split !== 'string' || typeof node.yes !== 'number' || typeof node.no !== 'number' || children.length !== 2) {
      fail(`node ${nodeId} of tree ${treeIndex} needs "split", "yes", "no" and two "children"`, position);
    }
    const [leftChild, rightChild] = children as JsonObject[];
    const left = leftChild?.nodeid as number;
    const right = rightChild?.nodeid as number;
    const yes = node.yes as number;
    const no = node.no as number;
    if (!((yes === left && no === right) || (yes === right && no === left))) {
      fail(`node ${nodeId} of tree ${treeIndex}: yes/no (${yes}, ${no}) are not its children (${left}, ${right})`, position);
    }
    record.left = left;
    record.right = right;
    record.gain = typeof node.gain === 'number' ? node.gain : undefined;
    const condition = node.split_condition;
    if (Array.isArray(condition)) {
      record.kind = 'categorical';
      record.categories = condition.map(Number);
    } else if (typeof condition === 'number') {
      record.kind = 'numeric';
      record.threshold = Math.fround(condition);
    } else {
      record.kind = 'indicator';
      record.presentGoes = yes === left ? 'left' : 'right';
    }
    if (record.kind !== 'indicator') {
      const missing = typeof node.missing === 'number' ? node.missing : right;
      if (missing !== left && missing !== right) fail(`node ${nodeId} of tree ${treeIndex} sends missing values to node ${missing}, which is not its child`, position);
      record.defaultLeft = missing === left;
    }
    nodes.push({ record, use: { name: node.split as string, position } });
    // Right pushed first so the left subtree is visited next, matching document order.
    stack.push(rightChild, leftChild);
  }
  return nodes;
}

/** The records of a checked tree by node id, each split's feature resolved; a repeated node id is refused. */
function recordsOf(nodes: readonly DumpNode[], treeIndex: number, resolution: FeatureResolution, fail: (detail: string, position?: SourcePosition) => never): Map<number, XgbNodeRecord> {
  const records = new Map<number, XgbNodeRecord>();
  for (const node of nodes) {
    if (records.has(node.record.nodeId)) fail(`node ${node.record.nodeId} appears twice in tree ${treeIndex}`, node.record.position);
    if (node.use) node.record.feature = resolution.indexOf(node.use.name);
    records.set(node.record.nodeId, node.record);
  }
  return records;
}

/** The split tokens of a tree, as `guessClassPeriod` compares them. */
function signatureOf(nodes: readonly DumpNode[]): string[] {
  return nodes.length === 1 ? ['leaf'] : nodes.flatMap((node) => (node.use ? [`${node.use.name}<${node.record.threshold ?? node.record.kind}`] : []));
}

function indicatorWarning(indicators: number): ImportWarning[] {
  if (indicators === 0) return [];
  return [
    {
      code: 'W_XGB_INDICATOR',
      message: `${indicators} indicator split(s) (feature-map type i) carry no threshold: a present value goes to 'yes' and a missing one to 'no'.`,
    },
  ];
}

const jsonDumpMetadata = (hasStats: boolean, resolution: FeatureResolution) => ({ dump: 'json', stats: hasStats ? 'gain, cover' : 'none', featureOrder: resolution.order });
const jsonDumpVariant = (hasStats: boolean) => `XGBoost JSON dump${hasStats ? ' (with stats)' : ''}`;

/**
 * XGBoost `dump_format='json'` → IR. Same information as the text dump (so the same options and
 * warnings about objective and base_score), with children in left, right order.
 */
export function parseXgboostJsonDump(text: string, fileName: string, options: ParseOptions): TreeModel {
  let data = parseJson(text, fileName);
  // One tree saved from get_dump(dump_format='json')[i] is a bare node object.
  if (isObject(data) && typeof data.nodeid === 'number') data = [data];
  if (!Array.isArray(data)) throw xgbError('E_PARSE_STRUCTURE', fileName, 'expected a JSON array of trees (XGBoost dump_format="json")', { line: 1, column: 1 }, text);
  const nextPosition = nodePositions(text).next;
  const isBareNode = !text.trimStart().startsWith('[');
  let currentTree = 0;
  // A problem no node position covers points at its tree (the array element), found again in the text.
  const fail = (detail: string, position?: SourcePosition): never => {
    throw xgbError('E_PARSE_STRUCTURE', fileName, detail, position ?? jsonPathPosition(text, isBareNode ? [] : [currentTree]), text);
  };

  const trees: DumpNode[][] = [];
  for (const [treeIndex, rootValue] of data.entries()) {
    currentTree = treeIndex;
    trees.push(readDumpTree(rootValue, treeIndex, nextPosition, fail, fileName, text));
  }
  if (trees.length === 0) fail('the JSON dump holds no trees', { line: 1, column: 1 });

  const featureMap = options.featureMap ? parseFeatureMap(options.featureMap, fileName) : undefined;
  const resolution = resolveFeatures(
    trees.flatMap((nodes) => nodes.flatMap((node) => (node.use ? [node.use] : []))),
    featureMap,
    fileName,
    text,
  );
  const builtTrees: TreeNode[][] = trees.map((nodes, treeIndex) => assembleTree(recordsOf(nodes, treeIndex, resolution, fail), `tree ${treeIndex}`, fail));
  const warnings: ImportWarning[] = [...resolution.warnings];
  warnings.push(...indicatorWarning(trees.reduce((count, nodes) => count + nodes.filter((node) => node.record.kind === 'indicator').length, 0)));
  const hasStats = trees.some((nodes) => nodes.some((node) => node.record.cover !== undefined));
  return finishModel({
    fileName,
    variant: jsonDumpVariant(hasStats),
    trees: builtTrees,
    features: resolution.features,
    options,
    warnings,
    metadata: jsonDumpMetadata(hasStats, resolution),
    signatures: trees.map(signatureOf),
    position: { line: 1, column: 1 },
  });
}

/**
 * `parseXgboostJsonDump` into the packed form without holding the model as objects: the array of
 * trees is cut into its elements without building them (`jsonArrayElements`), and each tree is
 * parsed with `JSON.parse` and let go, twice. The first pass checks every tree and keeps only what
 * the whole model needs first (the feature names in order of first use, each tree's split tokens as
 * numbers, the counts); the second, once the names are resolved, checks and packs each tree. Same
 * checks in the same order, so the same model, warnings and errors. A dump that is not an array of
 * trees cut cleanly, or whose pieces do not all parse as written (bare `NaN`, a syntax error), is
 * left to `parseXgboostJsonDump`, which reads it or says why not.
 */
export function readXgboostJsonDumpPacked(text: string, fileName: string, options: ParseOptions): PackedModel {
  const keepsDetails = options.keepsDetails ?? true;
  const whole = () => packModel(parseXgboostJsonDump(text, fileName, options), keepsDetails);
  // Each tree starts `{ "nodeid": 0` (its root): the trees are found without walking them.
  const elements = jsonArrayElements(text, { key: 'nodeid', value: '0' });
  if (!elements) return whole();
  const treeCount = elements.length / 2;
  const treeAt = (index: number): unknown => JSON.parse(text.slice(elements[2 * index], elements[2 * index + 1]));
  const positions = nodePositions(text);
  const nextPosition = positions.next;
  let currentTree = 0;
  const fail = (detail: string, position?: SourcePosition): never => {
    throw xgbError('E_PARSE_STRUCTURE', fileName, detail, position ?? jsonPathPosition(text, [currentTree]), text);
  };

  // First pass: check each tree; keep each feature name's first use, the split tokens as numbers, the counts.
  const firstUses = new Map<string, NamedUse>();
  const tokenIds = new Map<string, number>();
  const signatures: number[][] = [];
  let indicators = 0;
  let hasStats = false;
  /** Trees parsed so far (a refusal checks that the rest parse). */
  let parsed = 0;
  try {
    for (let treeIndex = 0; treeIndex < treeCount; treeIndex++) {
      currentTree = treeIndex;
      const tree = treeAt(treeIndex);
      parsed = treeIndex + 1;
      const nodes = readDumpTree(tree, treeIndex, nextPosition, fail, fileName, text);
      for (const node of nodes) {
        if (node.use && !firstUses.has(node.use.name)) firstUses.set(node.use.name, node.use);
        if (node.record.kind === 'indicator') indicators++;
        if (node.record.cover !== undefined) hasStats = true;
      }
      signatures.push(
        signatureOf(nodes).map((token) => {
          let id = tokenIds.get(token);
          if (id === undefined) tokenIds.set(token, (id = tokenIds.size));
          return id;
        }),
      );
    }
  } catch (error) {
    // A piece that does not parse as written, or a refused tree before one: the whole-document reader decides.
    if (error instanceof ModelParseError && piecesParse(text, elements, parsed)) throw error;
    return whole();
  }
  if (treeCount === 0) fail('the JSON dump holds no trees', { line: 1, column: 1 });
  const featureMap = options.featureMap ? parseFeatureMap(options.featureMap, fileName) : undefined;
  // A name's later uses change nothing `resolveFeatures` decides: it checks and numbers names, and reports a name at its first use.
  const resolution = resolveFeatures([...firstUses.values()], featureMap, fileName, text);

  // Second pass: the same trees again, each checked against its records and packed.
  positions.restart();
  const builder = new ForestBuilder(keepsDetails);
  const categoricalFeatures = new Set<number>();
  for (let treeIndex = 0; treeIndex < treeCount; treeIndex++) {
    currentTree = treeIndex;
    const nodes = assembleTree(recordsOf(readDumpTree(treeAt(treeIndex), treeIndex, nextPosition, fail, fileName, text), treeIndex, resolution, fail), `tree ${treeIndex}`, fail);
    addCategoricalFeatures(nodes, categoricalFeatures);
    // Each tree's output and weight are known once the objective is settled (`finishHeader`).
    builder.addTree({ index: treeIndex, outputIndex: 0, weight: 1, nodes });
  }
  const warnings: ImportWarning[] = [...resolution.warnings, ...indicatorWarning(indicators)];
  return finishPacked(
    builder,
    finishHeader({
      fileName,
      variant: jsonDumpVariant(hasStats),
      treeCount,
      categoricalFeatures,
      features: resolution.features,
      options,
      warnings,
      metadata: jsonDumpMetadata(hasStats, resolution),
      signatures,
      position: { line: 1, column: 1 },
    }),
  );
}

function numberArray(tree: JsonObject, key: string, length: number, fail: (detail: string, key: string) => never, optional = false): number[] {
  const value = tree[key];
  if (value === undefined && optional) return [];
  if (!Array.isArray(value) || (length >= 0 && value.length !== length)) {
    fail(`"${key}" should be an array of ${length >= 0 ? length : 'some'} numbers`, key);
  }
  // Booleans (default_left in some writers) and quoted non-finite numbers both read through Number();
  // an array of plain numbers (nearly every file) is used as it is.
  const items = value as unknown[];
  for (let index = 0; index < items.length; index++) if (typeof items[index] !== 'number') return items.map((item) => Number(item));
  return items as number[];
}

/** `base_score` is a string: `"5E-1"`, or since 3.x possibly a vector `"[5E-1,2E-1]"`. */
function parseBaseScore(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  const text = String(value ?? '0.5').trim().replace(/^\[|\]$/g, '');
  return text.split(',').map((item) => Number(item.trim()));
}

/**
 * XGBoost `save_model("model.json")` → IR. The file holds everything a prediction needs: objective,
 * base_score (probability space; converted with ProbToMargin), num_class, `tree_info` groups, and
 * DART `weight_drop`. Leaf values are the `split_conditions` of leaf nodes; nodes unreachable from
 * the root (deleted by pruning) are dropped. The trees go straight into the packed columns: no node
 * objects (a 300-tree depth-8 model has 150,000 nodes).
 */
export function readXgboostModelJsonPacked(text: string, fileName: string, options: ParseOptions): PackedModel {
  const data = parseJson(text, fileName);
  // JSON.parse keeps no positions: a refusal finds its value again in the text (error path only).
  const at = (path: readonly JsonPathStep[]) => jsonPathPosition(text, path);
  const structure = (detail: string, path: readonly JsonPathStep[] = []): never => {
    throw xgbError('E_PARSE_STRUCTURE', fileName, detail, at(path), text);
  };
  const learner = isObject(data) && isObject(data.learner) ? data.learner : structure('expected an XGBoost model JSON object with a "learner"', ['learner']);
  const booster = isObject(learner.gradient_booster) ? learner.gradient_booster : structure('"learner" has no "gradient_booster"', ['learner', 'gradient_booster']);
  const boosterName = String(booster.name);
  if (boosterName === 'gblinear') {
    throw xgbError('E_PARSE_UNSUPPORTED', fileName, 'this is a gblinear (linear) booster: it has no trees to show or score', at(['learner', 'gradient_booster', 'name']), text);
  }
  const gbtreePath: JsonPathStep[] = boosterName === 'dart' ? ['learner', 'gradient_booster', 'gbtree'] : ['learner', 'gradient_booster'];
  const gbtree = boosterName === 'dart' ? booster.gbtree : booster;
  const model = isObject(gbtree) && isObject(gbtree.model) ? gbtree.model : structure(`gradient_booster "${boosterName}" has no "model"`, [...gbtreePath, 'model']);
  const treesPath: JsonPathStep[] = [...gbtreePath, 'model', 'trees'];
  const treeValues = Array.isArray(model.trees) ? model.trees : structure('"model" has no "trees" array', treesPath);
  const parameters = isObject(learner.learner_model_param) ? learner.learner_model_param : {};
  const objectiveName = isObject(learner.objective) && typeof learner.objective.name === 'string' ? learner.objective.name : structure('"learner" has no "objective"', ['learner', 'objective']);
  const numTarget = Number(parameters.num_target ?? 1);
  const treeParameters = isObject(model.gbtree_model_param) ? model.gbtree_model_param : {};
  if (numTarget > 1 || Number(treeParameters.size_leaf_vector ?? 0) > 1) {
    const path = numTarget > 1 ? ['learner', 'learner_model_param', 'num_target'] : [...gbtreePath, 'model', 'gbtree_model_param', 'size_leaf_vector'];
    throw xgbError('E_PARSE_UNSUPPORTED', fileName, `this is a multi-target model (${numTarget} targets, vector leaves), which Splitscope cannot evaluate yet`, at(path), text);
  }

  const featureNames = Array.isArray(learner.feature_names) ? learner.feature_names.map(String) : [];
  const featureTypes = Array.isArray(learner.feature_types) ? learner.feature_types.map(String) : [];
  let numFeatures = Math.max(Number(parameters.num_feature ?? 0), featureNames.length);
  const featureProblem = countProblem(numFeatures, 'num_feature', text.length);
  if (featureProblem) structure(`learner_model_param: ${featureProblem}`, ['learner', 'learner_model_param', 'num_feature']);

  const builder = new ForestBuilder(options.keepsDetails ?? true);
  // The columns are sized once for every node the trees' arrays hold (pruned nodes, dropped below, included):
  // arrays present in the text, so never more than it can hold.
  let arrayNodes = 0;
  for (const treeValue of treeValues) {
    const children = isObject(treeValue) ? treeValue.left_children : undefined;
    if (Array.isArray(children)) arrayNodes += children.length;
  }
  builder.reserve(arrayNodes);
  const categoricalFeatures = new Set<number>();
  // Scratch for one tree's walk, grown to the biggest tree.
  let scratch = new Int32Array(0);
  treeValues.forEach((treeValue: unknown, treeIndex: number) => {
    const failTree = (detail: string, ...path: JsonPathStep[]): never => structure(`tree ${treeIndex}: ${detail}`, [...treesPath, treeIndex, ...path]);
    if (!isObject(treeValue)) failTree('expected an object');
    const tree = treeValue as JsonObject;
    const treeParam = isObject(tree.tree_param) ? tree.tree_param : {};
    if (Number(treeParam.size_leaf_vector ?? 0) > 1) {
      throw xgbError('E_PARSE_UNSUPPORTED', fileName, `tree ${treeIndex} has vector leaves (multi-target), which Splitscope cannot evaluate yet`, at([...treesPath, treeIndex, 'tree_param', 'size_leaf_vector']), text);
    }
    const left = numberArray(tree, 'left_children', -1, failTree);
    const count = left.length;
    const right = numberArray(tree, 'right_children', count, failTree);
    const indices = numberArray(tree, 'split_indices', count, failTree);
    const conditions = numberArray(tree, 'split_conditions', count, failTree);
    const defaultLeft = numberArray(tree, 'default_left', count, failTree);
    const gains = numberArray(tree, 'loss_changes', count, failTree, true);
    const covers = numberArray(tree, 'sum_hessian', count, failTree, true);
    const splitTypes = numberArray(tree, 'split_type', count, failTree, true);
    const categories = numberArray(tree, 'categories', -1, failTree, true);
    const categoryNodes = numberArray(tree, 'categories_nodes', -1, failTree, true);
    const categorySegments = numberArray(tree, 'categories_segments', categoryNodes.length, failTree, true);
    const categorySizes = numberArray(tree, 'categories_sizes', categoryNodes.length, failTree, true);
    const categoriesOf = new Map<number, number[]>();
    categoryNodes.forEach((node, index) => {
      categoriesOf.set(node, categories.slice(categorySegments[index], categorySegments[index] + categorySizes[index]));
    });
    // Every node is checked, reached or not (pruning leaves unreachable ones, which are dropped).
    for (let nodeId = 0; nodeId < count; nodeId++) {
      if (left[nodeId] === -1) continue;
      // Checked when the count grows (or is not a number), not at every node.
      if (!(indices[nodeId] + 1 <= numFeatures)) {
        numFeatures = Math.max(numFeatures, indices[nodeId] + 1);
        const indexProblem = countProblem(numFeatures, `split_indices[${nodeId}]: feature count`, text.length);
        if (indexProblem) failTree(indexProblem, 'split_indices', nodeId);
      }
      if (splitTypes[nodeId] === 1 && !categoriesOf.has(nodeId)) failTree(`node ${nodeId} is categorical but has no categories`, 'split_type', nodeId);
    }
    if (count === 0) structure(`tree ${treeIndex} has no node 0 (its root)`, [...treesPath, treeIndex]);
    // Depth first from the root, left subtree first: a node's place in that walk is its id.
    if (scratch.length < 3 * count) scratch = new Int32Array(3 * count);
    const order = scratch.subarray(0, count);
    const idOf = scratch.subarray(count, 2 * count).fill(-1);
    const stack = scratch.subarray(2 * count, 3 * count);
    const label = `tree ${treeIndex}`;
    const failLinks = (detail: string): never => structure(detail, [...treesPath, treeIndex]);
    let reached = 0;
    let depth = 0;
    stack[depth++] = 0;
    idOf[0] = -2;
    while (depth > 0) {
      const nodeId = stack[--depth];
      idOf[nodeId] = reached;
      order[reached++] = nodeId;
      if (left[nodeId] === -1) continue;
      for (let side = 0; side < 2; side++) {
        const child = side === 0 ? right[nodeId] : left[nodeId];
        if (!(Number.isInteger(child) && child >= 0 && child < count)) failLinks(`node ${nodeId} of ${label} points to node ${child}, which the tree does not have`);
        // -2: on the stack; ≥ 0: visited.
        if (idOf[child] !== -1) failLinks(`node ${child} of ${label} is reached twice`);
        idOf[child] = -2;
        stack[depth++] = child;
      }
    }
    // Each tree's output and weight are known once the objective is read (`finishHeader`).
    builder.beginTree(0, 1, reached);
    for (let id = 0; id < reached; id++) {
      const nodeId = order[id];
      const cover = covers.length ? covers[nodeId] : undefined;
      if (left[nodeId] === -1) {
        builder.addRow(NODE_LEAF, 0, -1, -1, -1, Math.fround(conditions[nodeId]), nodeId, undefined, undefined, undefined, cover, undefined, 0, 0);
        continue;
      }
      const gain = gains.length ? gains[nodeId] : undefined;
      const isDefaultLeft = defaultLeft[nodeId] !== 0;
      const leftId = idOf[left[nodeId]];
      const rightId = idOf[right[nodeId]];
      if (splitTypes[nodeId] === 1) {
        // XGBoost categorical: in the set → right, missing → the default side, truncating match.
        const set = [...new Set(categoriesOf.get(nodeId)!)].sort((a, b) => a - b);
        categoricalFeatures.add(indices[nodeId]);
        builder.addRow(NODE_CATEGORICAL, isDefaultLeft ? FLAG_MISSING_LEFT : 0, indices[nodeId], leftId, rightId, 0, nodeId, set, gain, undefined, cover, undefined, 0, 0);
      } else {
        // `x < threshold` (float32), missing → the default side.
        const flags = FLAG_OP_LESS | (MISSING_DEFAULT << MISSING_SHIFT) | (isDefaultLeft ? FLAG_DEFAULT_LEFT : 0);
        builder.addRow(NODE_NUMERIC, flags, indices[nodeId], leftId, rightId, Math.fround(conditions[nodeId]), nodeId, undefined, gain, undefined, cover, undefined, 0, 0);
      }
    }
    builder.endTree();
  });

  const features: Feature[] = Array.from({ length: numFeatures }, (_, index) => {
    const feature: Feature = {
      index,
      name: featureNames[index] ?? `f${index}`,
      isNamed: featureNames[index] !== undefined,
      kind: featureTypes[index] === 'c' ? 'categorical' : 'numeric',
    };
    if (featureTypes[index]) feature.featureType = featureTypes[index];
    return feature;
  });

  const treeInfo = Array.isArray(model.tree_info) ? model.tree_info.map(Number) : undefined;
  const weights = boosterName === 'dart' && Array.isArray(booster.weight_drop) ? booster.weight_drop.map((weight: unknown) => Math.fround(Number(weight))) : undefined;
  const root = data as JsonObject;
  const version = Array.isArray(root.version) ? root.version.join('.') : undefined;
  const metadata: Record<string, string> = { dump: 'model JSON', booster: boosterName };
  if (version) metadata.version = version;
  const numClass = Number(parameters.num_class ?? 0);
  const classProblem = countProblem(numClass, 'num_class', text.length);
  if (classProblem) structure(`learner_model_param: ${classProblem}`, ['learner', 'learner_model_param', 'num_class']);
  const warnings: ImportWarning[] = [];
  const attributes = isObject(learner.attributes) ? learner.attributes : {};
  if (attributes.best_iteration !== undefined) {
    metadata.bestIteration = String(attributes.best_iteration);
    const rounds = Math.ceil(treeValues.length / Math.max(1, numClass) / Math.max(1, Number(treeParameters.num_parallel_tree ?? 1)));
    if (Number(attributes.best_iteration) + 1 < rounds) {
      warnings.push({
        code: 'W_XGB_BEST_ITERATION',
        message: `Early stopping chose round ${attributes.best_iteration} of ${rounds}. Booster.predict uses every tree (as Splitscope does), but the scikit-learn wrapper's predict stops at the best round, so its predictions differ.`,
      });
    }
  }
  return finishPacked(
    builder,
    finishHeader({
      fileName,
      variant: `XGBoost model JSON${version ? ` (XGBoost ${version})` : ''}${boosterName === 'dart' ? ', DART' : ''}`,
      treeCount: treeValues.length,
      categoricalFeatures,
      features,
      options,
      metadata,
      warnings,
      groups: treeInfo && treeInfo.length === treeValues.length ? treeInfo : undefined,
      weights,
      file: {
        objective: objectiveName,
        baseScores: parseBaseScore(parameters.base_score),
        numClass,
        numParallelTree: Number(treeParameters.num_parallel_tree ?? 1),
      },
      signatures: [],
    }),
  );
}

/** `readXgboostModelJsonPacked` as node objects (`parseModelText`). */
export function parseXgboostModelJson(text: string, fileName: string, options: ParseOptions): TreeModel {
  return unpackModel(readXgboostModelJsonPacked(text, fileName, options));
}
