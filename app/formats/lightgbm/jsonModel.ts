import { addCategoricalFeatures, linkTree } from '../../model/tree';
import type { ImportWarning, LeafNode, NodeStats, SourcePosition, Split, SplitNode, Tree, TreeModel, TreeNode } from '../../model/types';
import { ModelParseError, sourceLineAt } from '../errors';
import type { ParseOptions } from '../options';
import { assembleHeader, assembleModel, outputOfTree, type LightgbmHeader } from './assemble';
import { parseLightgbmNumber } from './numbers';
import { jsonRootSpans, jsonPathPosition, piecesParse, locateJsonError, parseJsonPath, positionOfOffset } from '../jsonLocate';
import { ForestBuilder, packModel } from '../../model/forestBuilder';
import type { PackedModel } from '../../model/packed';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A number written by LightGBM's JSON writer (a JSON number, or a string such as `"inf"` from odd builds). */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseLightgbmNumber(value);
  return NaN;
}

/** Throws E_PARSE_STRUCTURE about the value at `path` (`tree_info[3].num_leaves`), found again in the text. */
type Fail = (path: string, detail: string) => never;

/** The whole text as `JSON.parse` reads it; a syntax error becomes E_PARSE_SYNTAX at its line and column. */
function parseDocument(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Engines differ in whether their message has a position (Node 20's often not): find it ourselves.
    const found = locateJsonError(text);
    const offset = found?.offset ?? Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
    const position = positionOfOffset(text, offset);
    const near = offset < text.length ? `'${text.slice(offset, offset + 12).split(/\r?\n/)[0]}'` : 'the end of the file';
    throw new ModelParseError({
      code: 'E_PARSE_SYNTAX',
      fileName,
      format: 'lightgbm',
      position,
      sourceLine: sourceLineAt(text, position.line),
      detail: found ? `not valid JSON: expected ${found.expected} but found ${near}` : `not valid JSON: ${(error as Error).message}`,
    });
  }
}

/** `fail` for `text`: JSON.parse keeps no positions, so a refusal finds the value its path names again in the text (error path only). */
function failerFor(text: string, fileName: string): Fail {
  return (path, detail) => {
    const position = jsonPathPosition(text, path === 'the document' ? [] : parseJsonPath(path));
    throw new ModelParseError({
      code: 'E_PARSE_STRUCTURE',
      fileName,
      format: 'lightgbm',
      position,
      sourceLine: sourceLineAt(text, position.line),
      detail: `${path}: ${detail}`,
    });
  };
}

function integerOf(fail: Fail, value: unknown, path: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  return typeof value === 'number' && Number.isInteger(value) ? value : fail(path, `expected an integer, found ${JSON.stringify(value)}`);
}

/** The dump's facts besides its trees (every key of the document but `tree_info`, which is not read here). */
function readHeader(document: JsonObject, options: ParseOptions, fail: Fail): { header: LightgbmHeader; warnings: ImportWarning[] } {
  const integer = (value: unknown, path: string, fallback?: number): number => integerOf(fail, value, path, fallback);
  const warnings: ImportWarning[] = [];
  const numClass = integer(document.num_class, 'num_class');
  const maxFeatureIndex = integer(document.max_feature_idx, 'max_feature_idx');
  const featureNames = Array.isArray(document.feature_names) ? document.feature_names.map(String) : undefined;
  if (featureNames && featureNames.length !== maxFeatureIndex + 1) {
    fail('feature_names', `has ${featureNames.length} names but max_feature_idx=${maxFeatureIndex} means ${maxFeatureIndex + 1} features`);
  }
  // Newer dumps give feature_infos as {name: {min_value, max_value, values}}; turn them into the text form.
  let featureInfos: string[] | undefined;
  if (isObject(document.feature_infos) && featureNames) {
    const infos = document.feature_infos;
    featureInfos = featureNames.map((name) => {
      const info = infos[name];
      if (!isObject(info)) return 'none';
      if (Array.isArray(info.values) && info.values.length > 0) return info.values.join(':');
      if (typeof info.min_value === 'number' && typeof info.max_value === 'number') return `[${info.min_value}:${info.max_value}]`;
      return 'none';
    });
  }
  let objective = typeof document.objective === 'string' && document.objective.trim() !== '' ? document.objective.trim() : undefined;
  if (objective === undefined && options.objective) {
    objective = options.objective;
    warnings.push({ code: 'W_LGB_OBJECTIVE_SUPPLIED', message: `The dump has no objective; using the supplied '${options.objective}'.` });
  } else if (objective === undefined) {
    warnings.push({
      code: 'W_LGB_JSON_NO_OBJECTIVE',
      message: "This JSON dump names no objective (older LightGBM versions leave it out): predictions are raw scores. Supply the objective (e.g. 'binary sigmoid:1') to get LightGBM's predictions.",
    });
  }
  const header: LightgbmHeader = {
    version: typeof document.version === 'string' ? document.version : undefined,
    numClass,
    numTreePerIteration: integer(document.num_tree_per_iteration, 'num_tree_per_iteration', numClass),
    labelIndex: typeof document.label_index === 'number' ? document.label_index : undefined,
    maxFeatureIndex,
    objective,
    averageOutput: document.average_output === true,
    featureNames,
    featureInfos,
    monotoneConstraints: Array.isArray(document.monotone_constraints) ? document.monotone_constraints.join(' ') : undefined,
    parameters: [],
    featureImportances: isObject(document.feature_importances)
      ? Object.entries(document.feature_importances).map(([name, value]) => `${name}=${value}`)
      : [],
    pandasCategorical: document.pandas_categorical,
  };

  return { header, warnings };
}

/** Tree `treeIndex` of `tree_info`, checked, with the node layout of the model.txt reader. */
function readTree(info: unknown, treeIndex: number, numFeatures: number, fail: Fail): Tree {
  const integer = (value: unknown, path: string, fallback?: number): number => integerOf(fail, value, path, fallback);
  const path = `tree_info[${treeIndex}]`;
  if (!isObject(info) || !isObject(info.tree_structure)) return fail(path, 'expected {num_leaves, tree_structure}');
  const leafCount = integer(info.num_leaves, `${path}.num_leaves`);
  const internalCount = leafCount - 1;
  const nodes: TreeNode[] = new Array(leafCount + internalCount);
  const place = (id: number, node: TreeNode, nodePath: string) => {
    if (!(id >= 0 && id < nodes.length)) fail(nodePath, `index out of range for a tree of ${leafCount} leaves`);
    if (nodes[id]) fail(nodePath, 'index used twice');
    nodes[id] = node;
  };
  // Depth-first with an explicit stack: LightGBM trees can be thousands of nodes deep on one side.
  const stack: [JsonObject, string][] = [[info.tree_structure, `${path}.tree_structure`]];
  const idOf = (node: JsonObject, nodePath: string): number =>
    'split_index' in node ? integer(node.split_index, `${nodePath}.split_index`) : internalCount + integer(node.leaf_index, `${nodePath}.leaf_index`, 0);
  while (stack.length > 0) {
    const [node, nodePath] = stack.pop()!;
    if (!('split_index' in node)) {
      const leafIndex = integer(node.leaf_index, `${nodePath}.leaf_index`, 0);
      const leaf: LeafNode = { type: 'leaf', id: internalCount + leafIndex, sourceId: leafIndex, depth: 0, parent: -1, value: [numberOf(node.leaf_value)] };
      const stats: NodeStats = {};
      if (typeof node.leaf_count === 'number') stats.count = node.leaf_count;
      if (typeof node.leaf_weight === 'number') stats.cover = node.leaf_weight;
      if (Object.keys(stats).length) leaf.stats = stats;
      if (Array.isArray(node.leaf_features) && Array.isArray(node.leaf_coeff)) {
        leaf.linear = { constant: numberOf(node.leaf_const), features: node.leaf_features.map(Number), coefficients: node.leaf_coeff.map(numberOf) };
      }
      place(leaf.id, leaf, nodePath);
      continue;
    }
    const splitIndex = integer(node.split_index, `${nodePath}.split_index`);
    const feature = integer(node.split_feature, `${nodePath}.split_feature`);
    if (feature < 0 || feature >= numFeatures) fail(`${nodePath}.split_feature`, `${feature} is outside the ${numFeatures} features`);
    if (!isObject(node.left_child) || !isObject(node.right_child)) fail(nodePath, 'expected left_child and right_child objects');
    const left = node.left_child as JsonObject;
    const right = node.right_child as JsonObject;
    let split: Split;
    if (node.decision_type === '==') {
      const categories = [...new Set(String(node.threshold).split('||').map(Number))].sort((a, b) => a - b);
      if (!categories.every((category) => Number.isInteger(category) && category >= 0)) fail(`${nodePath}.threshold`, `expected categories joined by '||', found ${JSON.stringify(node.threshold)}`);
      split = { kind: 'categorical', categories, inSetGoes: 'left', missingGoes: 'right', match: 'truncate' };
    } else if (node.decision_type === '<=') {
      const defaultLeft = node.default_left === true;
      const missingType = node.missing_type;
      split = {
        kind: 'numeric',
        op: '<=',
        threshold: numberOf(node.threshold),
        missing: missingType === 'NaN' ? { mode: 'default', defaultLeft } : missingType === 'Zero' ? { mode: 'zero', defaultLeft } : { mode: 'asZero' },
      };
    } else {
      return fail(`${nodePath}.decision_type`, `expected "<=" or "==", found ${JSON.stringify(node.decision_type)}`);
    }
    const splitNode: SplitNode = {
      type: 'split',
      id: splitIndex,
      sourceId: splitIndex,
      depth: 0,
      parent: -1,
      feature,
      split,
      left: idOf(left, `${nodePath}.left_child`),
      right: idOf(right, `${nodePath}.right_child`),
    };
    const stats: NodeStats = {};
    if (typeof node.split_gain === 'number') stats.gain = node.split_gain;
    if (typeof node.internal_count === 'number') stats.count = node.internal_count;
    if (typeof node.internal_weight === 'number') stats.cover = node.internal_weight;
    if (typeof node.internal_value === 'number') stats.internalValue = node.internal_value;
    if (Object.keys(stats).length) splitNode.stats = stats;
    place(splitIndex, splitNode, nodePath);
    stack.push([right, `${nodePath}.right_child`], [left, `${nodePath}.left_child`]);
  }
  for (let id = 0; id < nodes.length; id++) if (!nodes[id]) fail(path, `node ${id < internalCount ? `split ${id}` : `leaf ${id - internalCount}`} is missing`);
  const problem = linkTree(nodes);
  if (problem) fail(path, problem);
  return { index: treeIndex, outputIndex: 0, weight: 1, nodes };
}

/**
 * LightGBM `Booster.dump_model()` JSON → IR, with the node layout of the model.txt reader: internal
 * node `split_index` i is `nodes[i]`, leaf `leaf_index` j is `nodes[num_leaves - 1 + j]`.
 */
export function readLightgbmJson(text: string, fileName: string, options: ParseOptions): TreeModel {
  const document = parseDocument(text, fileName);
  const fail = failerFor(text, fileName);
  if (!isObject(document)) return fail('the document', 'expected a JSON object (LightGBM dump_model output)');
  if (!Array.isArray(document.tree_info)) return fail('tree_info', 'expected the list of trees');
  const { header, warnings } = readHeader(document, options, fail);
  const numFeatures = header.maxFeatureIndex + 1;
  const trees = document.tree_info.map((info: unknown, treeIndex: number) => readTree(info, treeIndex, numFeatures, fail));
  return assembleModel({ header, trees, fileName, source: 'dump_model JSON', parseOptions: options, warnings });
}

/**
 * As `readLightgbmJson`, into the packed form one tree at a time: the text is cut into the root's
 * members and the elements of `tree_info` without building them (`jsonRootSpans`), then each
 * tree is read with `JSON.parse`, checked, packed and let go, so neither the parsed document nor
 * the node objects of the whole model ever exist. The same model, warnings and errors: a text that
 * is not cut cleanly (not JSON, no object at the root, a piece that does not parse) is left to
 * `readLightgbmJson`; and when a tree is refused, the trees after it are still parsed, because a
 * syntax error anywhere in the file is what `readLightgbmJson` reports first.
 */
export function readLightgbmJsonPacked(text: string, fileName: string, options: ParseOptions): PackedModel {
  const keepsDetails = options.keepsDetails ?? true;
  // LightGBM writes `tree_index` first in each tree: the trees are found without walking them.
  const { members, elements } = jsonRootSpans(text, { key: 'tree_info', first: { key: 'tree_index' } }) ?? {};
  // Not cut cleanly (not JSON, no object at the root, no list of trees): the whole-document reader says why.
  if (!members || !elements) return packModel(readLightgbmJson(text, fileName, options), keepsDetails);
  const treeCount = elements.length / 2;
  /** Trees parsed so far (a refusal checks the rest). */
  let parsed = 0;
  try {
    const document: JsonObject = {};
    for (const [key, [start, end]] of members) {
      // Own properties, as JSON.parse makes them (a `__proto__` key included).
      if (key !== 'tree_info') Object.defineProperty(document, key, { value: JSON.parse(text.slice(start, end)), enumerable: true, writable: true, configurable: true });
    }
    const fail = failerFor(text, fileName);
    const { header, warnings } = readHeader(document, options, fail);
    const numFeatures = header.maxFeatureIndex + 1;
    const builder = new ForestBuilder(keepsDetails);
    const categoricalFeatures = new Set<number>();
    for (let treeIndex = 0; treeIndex < treeCount; treeIndex++) {
      const info: unknown = JSON.parse(text.slice(elements[2 * treeIndex], elements[2 * treeIndex + 1]));
      parsed = treeIndex + 1;
      const tree = readTree(info, treeIndex, numFeatures, fail);
      tree.outputIndex = outputOfTree(treeIndex, header);
      addCategoricalFeatures(tree.nodes, categoricalFeatures);
      builder.addTree(tree);
    }
    const modelHeader = assembleHeader({ header, treeCount, categoricalFeatures, fileName, source: 'dump_model JSON', parseOptions: options, warnings });
    return { header: modelHeader, forest: builder.finish() };
  } catch (error) {
    if (error instanceof ModelParseError && piecesParse(text, elements, parsed)) throw error;
    // Not JSON somewhere (a member or a tree): the whole-document reader reports it, as it always has.
    return packModel(readLightgbmJson(text, fileName, options), keepsDetails);
  }
}
