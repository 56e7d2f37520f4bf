import { LightGBMParser } from '../../../grammar/generated/LightGBM/LightGBMParser';
import type { ForestBuilder } from '../../model/forestBuilder';
import { FLAG_DEFAULT_LEFT, FLAG_IN_SET_LEFT, MISSING_AS_ZERO, MISSING_DEFAULT, MISSING_SHIFT, MISSING_ZERO, NODE_CATEGORICAL, NODE_LEAF, NODE_NUMERIC } from '../../model/packed';
import { linkTree } from '../../model/tree';
import type { LeafNode, LinearLeaf, NodeStats, NumericMissing, SourcePosition, Split, SplitNode, TreeNode } from '../../model/types';
import { BadNumberError, offsetOfItem, readBitsetWords, readDoubles, readIntegers, readOneInteger, type BitsetWords } from './numbers';

/** One `key=value` line of a tree block: where its value is in the text. */
export interface KeyLine {
  type: number;
  key: string;
  /** Offset of the first character after `=`. */
  valueStart: number;
  /** Offset of the line break (exclusive end of the value). */
  valueEnd: number;
  /** Offset of the line's first character. */
  lineStart: number;
  line: number;
  /** The text the offsets are in. */
  text: string;
}

/** Reports a structure problem at an offset of the text (the caller turns it into line and column). */
export type StructureFailure = (line: number, lineStart: number, offset: number, detail: string) => never;

const MAX_UINT32 = 4294967295;

/** Keys the loader needs (L-tree `Tree::Tree(const char*)`). */
const ALWAYS_REQUIRED: [number, string][] = [
  [LightGBMParser.NUM_LEAVES, 'num_leaves'],
  [LightGBMParser.NUM_CAT, 'num_cat'],
  [LightGBMParser.LEAF_VALUE, 'leaf_value'],
];
const REQUIRED_WITH_SPLITS: [number, string][] = [
  [LightGBMParser.SPLIT_FEATURE, 'split_feature'],
  [LightGBMParser.THRESHOLD, 'threshold'],
  [LightGBMParser.LEFT_CHILD, 'left_child'],
  [LightGBMParser.RIGHT_CHILD, 'right_child'],
];
const REQUIRED_WITH_CATEGORIES: [number, string][] = [
  [LightGBMParser.CAT_BOUNDARIES, 'cat_boundaries'],
  [LightGBMParser.CAT_THRESHOLD, 'cat_threshold'],
];

/**
 * Builds the IR nodes of one `Tree=` block (FORMATS.md B.2, B.3, B.6). `lines` is indexed by token type.
 * Internal node i is `nodes[i]` (sourceId i); leaf j is `nodes[internalCount + j]` (sourceId j, the
 * index LightGBM's pred_leaf reports). Throws through `fail` with the line of the offending key.
 */
export function buildTreeNodes(options: {
  text: string;
  lines: (KeyLine | undefined)[];
  header: { line: number; lineStart: number; name: string };
  numFeatures: number;
  fail: StructureFailure;
  /**
   * When given, the tree goes straight into this builder as rows (between `beginTree` and `endTree`, with this
   * output index), no node objects are made, and the result is an empty array. Same checks and errors.
   */
  into?: { builder: ForestBuilder; outputIndex: number; categoricalFeatures: Set<number> };
}): TreeNode[] {
  const { text, lines, header, numFeatures, fail, into } = options;

  const failAtItem = (line: KeyLine, index: number, detail: string): never =>
    fail(line.line, line.lineStart, offsetOfItem(text, line.valueStart, line.valueEnd, index), detail);
  const wrap = <T>(line: KeyLine, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (error instanceof BadNumberError) {
        const offset = error.index >= 0 ? offsetOfItem(text, line.valueStart, line.valueEnd, error.index) : line.valueStart;
        return fail(line.line, line.lineStart, offset, `${line.key}: ${error.message}`);
      }
      throw error;
    }
  };
  const require = (type: number, key: string, why: string): KeyLine =>
    lines[type] ?? fail(header.line, header.lineStart, header.lineStart, `${header.name} has no ${key} line (${why})`);
  const integer = (line: KeyLine) => wrap(line, () => readOneInteger(text, line.valueStart, line.valueEnd));
  /** An array of exactly `length` items; `optional` arrays may also be empty (single-leaf trees write `leaf_weight=`). */
  const checkLength = (line: KeyLine, actual: number, length: number, what: string, optional: boolean): boolean => {
    if (actual === length) return true;
    if (optional && actual === 0) return false;
    const detail = `${line.key} has ${actual} value${actual === 1 ? '' : 's'} but ${what} needs ${length}`;
    return actual > length ? failAtItem(line, length, detail) : fail(line.line, line.lineStart, line.valueEnd, detail);
  };
  const doubles = (type: number, length: number, what: string, optional = true): number[] | undefined => {
    const line = lines[type];
    if (!line) return undefined;
    const values = wrap(line, () => readDoubles(text, line.valueStart, line.valueEnd, length));
    return checkLength(line, values.length, length, what, optional) ? values : undefined;
  };
  const integers = (type: number, length: number, what: string, optional = true): number[] | undefined => {
    const line = lines[type];
    if (!line) return undefined;
    const values = wrap(line, () => readIntegers(text, line.valueStart, line.valueEnd, length));
    return checkLength(line, values.length, length, what, optional) ? values : undefined;
  };

  for (const [type, key] of ALWAYS_REQUIRED) require(type, key, 'LightGBM needs num_leaves, num_cat and leaf_value');
  const numLeavesLine = lines[LightGBMParser.NUM_LEAVES]!;
  const leafCount = integer(numLeavesLine);
  if (leafCount < 1) fail(numLeavesLine.line, numLeavesLine.lineStart, numLeavesLine.valueStart, `num_leaves must be at least 1, found ${leafCount}`);
  const numCatLine = lines[LightGBMParser.NUM_CAT]!;
  const categoricalCount = integer(numCatLine);
  if (categoricalCount < 0) fail(numCatLine.line, numCatLine.lineStart, numCatLine.valueStart, `num_cat must not be negative, found ${categoricalCount}`);
  const internalCount = leafCount - 1;
  if (internalCount > 0) for (const [type, key] of REQUIRED_WITH_SPLITS) require(type, key, `a tree with ${leafCount} leaves needs it`);
  if (categoricalCount > 0) for (const [type, key] of REQUIRED_WITH_CATEGORIES) require(type, key, `num_cat=${categoricalCount} needs it`);

  const leavesWhat = `num_leaves=${leafCount}`;
  const internalWhat = `num_leaves=${leafCount} (${internalCount} internal nodes)`;
  const leafValues = doubles(LightGBMParser.LEAF_VALUE, leafCount, leavesWhat, false)!;
  const splitFeatures = integers(LightGBMParser.SPLIT_FEATURE, internalCount, internalWhat, false) ?? [];
  const thresholds = doubles(LightGBMParser.THRESHOLD, internalCount, internalWhat, false) ?? [];
  const decisionTypes = integers(LightGBMParser.DECISION_TYPE, internalCount, internalWhat, false);
  const leftChildren = integers(LightGBMParser.LEFT_CHILD, internalCount, internalWhat, false) ?? [];
  const rightChildren = integers(LightGBMParser.RIGHT_CHILD, internalCount, internalWhat, false) ?? [];
  const splitGains = doubles(LightGBMParser.SPLIT_GAIN, internalCount, internalWhat);
  const internalValues = doubles(LightGBMParser.INTERNAL_VALUE, internalCount, internalWhat);
  const internalWeights = doubles(LightGBMParser.INTERNAL_WEIGHT, internalCount, internalWhat);
  const internalCounts = integers(LightGBMParser.INTERNAL_COUNT, internalCount, internalWhat);
  const leafWeights = doubles(LightGBMParser.LEAF_WEIGHT, leafCount, leavesWhat);
  const leafCounts = integers(LightGBMParser.LEAF_COUNT, leafCount, leavesWhat);

  let categoryBoundaries: number[] = [];
  let categoryWords: BitsetWords = { count: 0, indices: [], words: [] };
  if (categoricalCount > 0) {
    categoryBoundaries = integers(LightGBMParser.CAT_BOUNDARIES, categoricalCount + 1, `num_cat=${categoricalCount}`, false)!;
    const wordsLine = lines[LightGBMParser.CAT_THRESHOLD]!;
    categoryWords = wrap(wordsLine, () => readBitsetWords(text, wordsLine.valueStart, wordsLine.valueEnd));
    const boundariesLine = lines[LightGBMParser.CAT_BOUNDARIES]!;
    for (let index = 0; index <= categoricalCount; index++) {
      const boundary = categoryBoundaries[index];
      const previous = index === 0 ? 0 : categoryBoundaries[index - 1];
      if (boundary < previous || boundary > categoryWords.count) {
        failAtItem(boundariesLine, index, `cat_boundaries value ${boundary} must lie between ${previous} and the ${categoryWords.count} words of cat_threshold`);
      }
    }
    checkLength(wordsLine, categoryWords.count, categoryBoundaries[categoricalCount], `cat_boundaries (last value ${categoryBoundaries[categoricalCount]})`, false);
    categoryWords.words.forEach((word, index) => {
      if (word < 0 || word > MAX_UINT32) failAtItem(wordsLine, categoryWords.indices[index], `cat_threshold word ${word} is not an unsigned 32-bit integer`);
    });
  }

  const linear = readLinear();
  const splitPosition: SourcePosition = positionOf(lines[LightGBMParser.SPLIT_FEATURE] ?? undefined, header);
  const leafPosition: SourcePosition = positionOf(lines[LightGBMParser.LEAF_VALUE], header);

  // Linear leaves are rare: such trees go through node objects even when a builder takes them.
  const builder = into && !linear ? into.builder : undefined;
  const featureLine = lines[LightGBMParser.SPLIT_FEATURE];
  const thresholdLine = lines[LightGBMParser.THRESHOLD];
  const decisionLine = lines[LightGBMParser.DECISION_TYPE];
  const categoryOf = (index: number): number => {
    const threshold = thresholds[index];
    const category = Math.trunc(threshold);
    if (!(category >= 0 && category < categoricalCount)) {
      failAtItem(
        thresholdLine!,
        index,
        `the categorical threshold of node ${index} is ${threshold}, an index into cat_boundaries, but num_cat=${categoricalCount} allows 0…${categoricalCount - 1}`,
      );
    }
    return category;
  };
  const checkSplit = (index: number): number => {
    const feature = splitFeatures[index];
    if (feature < 0 || feature >= numFeatures) {
      failAtItem(featureLine!, index, `split_feature ${feature} is outside the ${numFeatures} features (max_feature_idx=${numFeatures - 1})`);
    }
    const decisionType = decisionTypes ? decisionTypes[index] : 0;
    if (decisionTypes && (decisionType < 0 || decisionType > 127)) failAtItem(decisionLine!, index, `decision_type ${decisionType} is not a LightGBM decision type (0–15)`);
    return decisionType;
  };

  if (builder) {
    // The tree's rows straight from its arrays: internal nodes, then leaves (as LightGBM numbers them).
    builder.beginTree(into!.outputIndex, 1, internalCount + leafCount);
    const kinds: number[] = new Array(internalCount);
    const flags: number[] = new Array(internalCount);
    const leftIds: number[] = new Array(internalCount);
    const rightIds: number[] = new Array(internalCount);
    const values: number[] = new Array(internalCount);
    const categoriesOfNode: number[][] = [];
    for (let index = 0; index < internalCount; index++) {
      const decisionType = checkSplit(index);
      if (decisionType & 1) {
        const category = categoryOf(index);
        // LightGBM categorical: in the set → left, NaN → right, truncating match (categoricalSplit).
        categoriesOfNode[index] = (categoricalSplit(categoryWords, categoryBoundaries[category], categoryBoundaries[category + 1]) as { categories: number[] }).categories;
        into!.categoricalFeatures.add(splitFeatures[index]);
        kinds[index] = NODE_CATEGORICAL;
        flags[index] = FLAG_IN_SET_LEFT;
        values[index] = 0;
      } else {
        kinds[index] = NODE_NUMERIC;
        flags[index] = numericFlags(decisionType);
        values[index] = thresholds[index];
      }
      leftIds[index] = childId(LightGBMParser.LEFT_CHILD, leftChildren, index);
      rightIds[index] = childId(LightGBMParser.RIGHT_CHILD, rightChildren, index);
    }
    builder.addRows({
      count: internalCount,
      kind: kinds,
      flags,
      feature: splitFeatures,
      left: leftIds,
      right: rightIds,
      value: values,
      sourceStart: 0,
      categoriesOf: (index) => categoriesOfNode[index],
      gain: splitGains,
      nodeCount: internalCounts,
      cover: internalWeights,
      internalValue: internalValues,
      line: splitPosition.line,
      column: 1,
    });
    builder.addRows({
      count: leafCount,
      kind: NODE_LEAF,
      flags: 0,
      feature: -1,
      left: -1,
      right: -1,
      value: leafValues,
      sourceStart: 0,
      nodeCount: leafCounts,
      cover: leafWeights,
      line: leafPosition.line,
      column: 1,
    });
    builder.endTree();
    const problem = checkLinks(leftIds, rightIds, internalCount, internalCount + leafCount);
    if (problem) fail(header.line, header.lineStart, header.lineStart, `${header.name}: ${problem.replace(/^node (\d+)/, 'internal node $1')}`);
    return [];
  }

  const nodes: TreeNode[] = new Array(internalCount + leafCount);
  for (let index = 0; index < internalCount; index++) {
    const decisionType = checkSplit(index);
    let split: Split;
    if (decisionType & 1) {
      const category = categoryOf(index);
      split = categoricalSplit(categoryWords, categoryBoundaries[category], categoryBoundaries[category + 1]);
    } else {
      split = { kind: 'numeric', op: '<=', threshold: thresholds[index], missing: numericMissing(decisionType) };
    }
    const node: SplitNode = {
      type: 'split',
      id: index,
      sourceId: index,
      depth: 0,
      parent: -1,
      feature: splitFeatures[index],
      split,
      left: childId(LightGBMParser.LEFT_CHILD, leftChildren, index),
      right: childId(LightGBMParser.RIGHT_CHILD, rightChildren, index),
      position: splitPosition,
    };
    const stats: NodeStats = {};
    if (splitGains) stats.gain = splitGains[index];
    if (internalCounts) stats.count = internalCounts[index];
    if (internalWeights) stats.cover = internalWeights[index];
    if (internalValues) stats.internalValue = internalValues[index];
    if (splitGains || internalCounts || internalWeights || internalValues) node.stats = stats;
    nodes[index] = node;
  }
  for (let leaf = 0; leaf < leafCount; leaf++) {
    const node: LeafNode = { type: 'leaf', id: internalCount + leaf, sourceId: leaf, depth: 0, parent: -1, value: [leafValues[leaf]], position: leafPosition };
    if (leafCounts || leafWeights) {
      const stats: NodeStats = {};
      if (leafCounts) stats.count = leafCounts[leaf];
      if (leafWeights) stats.cover = leafWeights[leaf];
      node.stats = stats;
    }
    if (linear) node.linear = linear[leaf];
    nodes[internalCount + leaf] = node;
  }
  const problem = linkTree(nodes);
  if (problem) fail(header.line, header.lineStart, header.lineStart, `${header.name}: ${problem.replace(/^node (\d+)/, 'internal node $1')}`);
  return nodes;

  function childId(type: number, children: number[], index: number): number {
    const child = children[index];
    if (child >= 0) {
      if (child >= internalCount) {
        failAtItem(lines[type]!, index, `${lines[type]!.key} of node ${index} is ${child}, but the tree has only ${internalCount} internal nodes (0…${internalCount - 1})`);
      }
      return child;
    }
    const leaf = ~child;
    if (leaf >= leafCount) {
      failAtItem(lines[type]!, index, `${lines[type]!.key} of node ${index} is ${child}, i.e. leaf ${leaf}, but the tree has only ${leafCount} leaves`);
    }
    return internalCount + leaf;
  }

  function readLinear(): LinearLeaf[] | undefined {
    const isLinearLine = lines[LightGBMParser.IS_LINEAR];
    if (!isLinearLine || integer(isLinearLine) === 0) return undefined;
    const constants = doubles(LightGBMParser.LEAF_CONST, leafCount, leavesWhat, false);
    const counts = integers(LightGBMParser.NUM_FEATURES, leafCount, leavesWhat, false);
    if (!constants || !counts) {
      return fail(isLinearLine.line, isLinearLine.lineStart, isLinearLine.valueStart, `is_linear=1 needs leaf_const, num_features, leaf_features and leaf_coeff lines`);
    }
    const total = counts.reduce((sum, count) => sum + count, 0);
    // The writer puts extra spaces between leaves (B.6); the readers skip any run of blanks and regroup by num_features.
    const featureIndices = integers(LightGBMParser.LEAF_FEATURES, total, 'the sum of num_features', false) ?? (total === 0 ? [] : undefined);
    const coefficients = doubles(LightGBMParser.LEAF_COEFF, total, 'the sum of num_features', false) ?? (total === 0 ? [] : undefined);
    if (!featureIndices || !coefficients) {
      return fail(isLinearLine.line, isLinearLine.lineStart, isLinearLine.valueStart, `is_linear=1 needs leaf_features and leaf_coeff lines`);
    }
    const leaves: LinearLeaf[] = [];
    let offset = 0;
    for (let leaf = 0; leaf < leafCount; leaf++) {
      const features = featureIndices.slice(offset, offset + counts[leaf]);
      for (let item = 0; item < features.length; item++) {
        if (features[item] < 0 || features[item] >= numFeatures) {
          failAtItem(lines[LightGBMParser.LEAF_FEATURES]!, offset + item, `leaf_features ${features[item]} is outside the ${numFeatures} features`);
        }
      }
      leaves.push({ constant: constants[leaf], features, coefficients: coefficients.slice(offset, offset + counts[leaf]) });
      offset += counts[leaf];
    }
    return leaves;
  }
}

/** Packed flags of a LightGBM numeric split (`<=`, missing handling as `numericMissing`). */
function numericFlags(decisionType: number): number {
  const missing = numericMissing(decisionType);
  if (missing.mode === 'asZero') return MISSING_AS_ZERO << MISSING_SHIFT;
  const mode = missing.mode === 'default' ? MISSING_DEFAULT : MISSING_ZERO;
  return (mode << MISSING_SHIFT) | ('defaultLeft' in missing && missing.defaultLeft ? FLAG_DEFAULT_LEFT : 0);
}

/**
 * `linkTree`'s structure check on child arrays (splits 0…internalCount-1, then the leaves), with the same
 * traversal and so the same first problem, for trees that never become node objects.
 */
function checkLinks(left: ArrayLike<number>, right: ArrayLike<number>, internalCount: number, nodeCount: number): string | undefined {
  const sourceIdOf = (node: number) => (node < internalCount ? node : node - internalCount);
  const seen = new Uint8Array(nodeCount);
  const stack = [0];
  seen[0] = 1;
  let reached = 1;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node >= internalCount) continue;
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? left[node] : right[node];
      if (!(child >= 0 && child < nodeCount)) return `node ${sourceIdOf(node)} points to a missing child`;
      if (seen[child]) return `node ${sourceIdOf(child)} is reached twice`;
      seen[child] = 1;
      reached++;
      stack.push(child);
    }
  }
  if (reached !== nodeCount) return `node ${sourceIdOf(seen.indexOf(0))} is not reachable from the root`;
  return undefined;
}

function positionOf(line: KeyLine | undefined, header: { line: number }): SourcePosition {
  return { line: line ? line.line : header.line, column: 1 };
}

/** decision_type bits 2–3 (L-treeh): 0 None (NaN → 0.0), 1 Zero, 2 NaN; 3 is never written and acts as None. */
export function numericMissing(decisionType: number): NumericMissing {
  const defaultLeft = (decisionType & 2) !== 0;
  const missingType = (decisionType >> 2) & 3;
  if (missingType === 2) return { mode: 'default', defaultLeft };
  if (missingType === 1) return { mode: 'zero', defaultLeft };
  return { mode: 'asZero' };
}

/** Categories whose bit is set in words [start, end) (L-common `FindInBitset`): in the set → left, NaN → right. */
export function categoricalSplit(bitset: BitsetWords, start: number, end: number): Split {
  const categories: number[] = [];
  // First non-zero word at or after `start` (binary search: wide models have thousands of nodes).
  let low = 0;
  let high = bitset.indices.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bitset.indices[middle] < start) low = middle + 1;
    else high = middle;
  }
  for (let item = low; item < bitset.indices.length && bitset.indices[item] < end; item++) {
    const base = (bitset.indices[item] - start) * 32;
    // The set bits only, lowest first: `bits & -bits` isolates the lowest, clz32 says which it is.
    for (let bits = bitset.words[item] | 0; bits !== 0; ) {
      const lowest = bits & -bits;
      categories.push(base + 31 - Math.clz32(lowest));
      bits ^= lowest;
    }
  }
  return { kind: 'categorical', categories, inSetGoes: 'left', missingGoes: 'right', match: 'truncate' };
}
