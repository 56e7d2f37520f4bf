// zz-score.mts
import { readFileSync } from "node:fs";

// app/model/packed.ts
var NODE_LEAF = 0;
var NODE_NUMERIC = 1;
var NODE_CATEGORICAL = 2;
var NODE_INDICATOR = 3;
var FLAG_OP_LESS = 1;
var MISSING_SHIFT = 1;
var MISSING_MASK = 6;
var MISSING_COMPARE = 0;
var MISSING_DEFAULT = 1;
var MISSING_ZERO = 2;
var MISSING_AS_ZERO = 3;
var FLAG_DEFAULT_LEFT = 8;
var FLAG_IN_SET_LEFT = 1;
var FLAG_MISSING_LEFT = 2;
var FLAG_MATCH_EXACT = 4;
var FLAG_PRESENT_LEFT = 1;

// app/model/modelView.ts
var packedOfView = /* @__PURE__ */ new WeakMap();
function packedOf(model2) {
  return packedOfView.get(model2);
}

// app/model/forestBuilder.ts
var Column = class {
  constructor(data, make) {
    this.data = data;
    this.make = make;
  }
  data;
  make;
  length = 0;
  push(value) {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }
  /** Makes room for `count` more rows. */
  reserve(count) {
    if (this.length + count > this.data.length) this.grow(this.length + count);
  }
  grow(needed) {
    const next2 = this.make(Math.max(needed, this.data.length * 2, 64));
    next2.set(this.data.subarray(0, this.length));
    this.data = next2;
  }
  finish() {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
};
var int32 = (size) => new Int32Array(size);
var float64 = (size) => new Float64Array(size);
var uint8 = (size) => new Uint8Array(size);
var OptionalColumn = class {
  column;
  /** Rows the whole forest is expected to have (`ForestBuilder.reserve`), so a column made late is made once. */
  expectedRows = 0;
  set(row, value) {
    if (value === void 0 && !this.column) return;
    if (!this.column) {
      this.column = new Column(new Float64Array(Math.max(64, row + 1, this.expectedRows)).fill(NaN), float64);
    }
    const column = this.column;
    while (column.length < row) column.push(NaN);
    column.push(value === void 0 ? NaN : value);
  }
  finish(nodeCount) {
    if (!this.column) return void 0;
    while (this.column.length < nodeCount) this.column.push(NaN);
    return this.column.finish();
  }
};
var ForestBuilder = class {
  treeNodeStart = new Column(new Int32Array(64), int32);
  treeOutput = new Column(new Int32Array(64), int32);
  treeWeight = new Column(new Float64Array(64), float64);
  kind = new Column(new Uint8Array(1024), uint8);
  flags = new Column(new Uint8Array(1024), uint8);
  feature = new Column(new Int32Array(1024), int32);
  left = new Column(new Int32Array(1024), int32);
  right = new Column(new Int32Array(1024), int32);
  value = new Column(new Float64Array(1024), float64);
  sourceId = new Column(new Int32Array(1024), int32);
  extra = new Column(new Int32Array(1024), int32);
  categoryStart = new Column(new Int32Array(16), int32);
  categories = new Column(new Float64Array(64), float64);
  leafValueStart = new Column(new Int32Array(16), int32);
  leafValues = new Column(new Float64Array(64), float64);
  leafClass = new Column(new Int32Array(16), int32);
  leafTruncatedDepth = new Column(new Int32Array(16), int32);
  linearStart = new Column(new Int32Array(16), int32);
  linearFeatures = new Column(new Int32Array(16), int32);
  linearCoefficients = new Column(new Float64Array(16), float64);
  linearConstant = new Column(new Float64Array(16), float64);
  isLinear = new Column(new Uint8Array(16), uint8);
  gain = new OptionalColumn();
  count = new OptionalColumn();
  cover = new OptionalColumn();
  internalValue = new OptionalColumn();
  line;
  column;
  treeStart = -1;
  /** From `reserve`: the node count the reader expects, for columns made later (source positions). */
  expectedNodes = 0;
  constructor() {
    this.categoryStart.push(0);
    this.leafValueStart.push(0);
    this.linearStart.push(0);
  }
  /** Rows written so far (all trees). */
  get nodeCount() {
    return this.kind.length;
  }
  get treeCount() {
    return this.treeOutput.length;
  }
  /** Adds one tree from its node objects; `tree.nodes[i].id` must be `i` (as every adapter makes them). */
  addTree(tree) {
    this.beginTree(tree.outputIndex, tree.weight, tree.nodes.length);
    for (const node of tree.nodes) this.addNode(node);
    this.endTree();
  }
  /** Starts a tree whose nodes follow in local-id order; `expectedNodes` only sizes the columns. */
  beginTree(outputIndex, weight, expectedNodes = 0) {
    if (this.treeStart >= 0) throw new Error("ForestBuilder: beginTree before endTree");
    this.treeStart = this.kind.length;
    this.treeNodeStart.push(this.treeStart);
    this.treeOutput.push(outputIndex);
    this.treeWeight.push(weight);
    if (expectedNodes > 0) this.reserveNodes(expectedNodes);
  }
  endTree() {
    if (this.treeStart < 0) throw new Error("ForestBuilder: endTree without beginTree");
    this.treeStart = -1;
  }
  reserveNodes(count) {
    for (const column of [this.kind, this.flags, this.feature, this.left, this.right, this.value, this.sourceId, this.extra]) column.reserve(count);
  }
  /**
   * Sizes the node columns for `nodeCount` nodes in all, once, when a reader can count them before
   * reading (no doubling and no trimming copy when the count is right). The caller bounds the count
   * by what its text can hold: a number written in a file never sizes memory by itself.
   */
  reserve(nodeCount) {
    this.reserveNodes(nodeCount - this.kind.length);
    for (const column of [this.gain, this.count, this.cover, this.internalValue]) column.expectedRows = nodeCount;
    this.expectedNodes = nodeCount;
  }
  /** One node of the current tree, from its object form. */
  addNode(node) {
    if (node.type === "split") this.addSplit(node.sourceId, node.feature, node.split, node.left, node.right, node.stats, node.position);
    else this.addLeafNode(node);
  }
  /** A split node of the current tree (children as local ids). */
  addSplit(sourceId, feature, split, left, right, stats, position) {
    let kind;
    let flags = 0;
    let value = 0;
    let extra = -1;
    if (split.kind === "numeric") {
      kind = NODE_NUMERIC;
      value = split.threshold;
      if (split.op === "<") flags |= FLAG_OP_LESS;
      const missing = split.missing;
      const mode = missing.mode === "compare" ? MISSING_COMPARE : missing.mode === "default" ? MISSING_DEFAULT : missing.mode === "zero" ? MISSING_ZERO : MISSING_AS_ZERO;
      flags |= mode << MISSING_SHIFT;
      if ((missing.mode === "default" || missing.mode === "zero") && missing.defaultLeft) flags |= FLAG_DEFAULT_LEFT;
    } else if (split.kind === "categorical") {
      kind = NODE_CATEGORICAL;
      if (split.inSetGoes === "left") flags |= FLAG_IN_SET_LEFT;
      if (split.missingGoes === "left") flags |= FLAG_MISSING_LEFT;
      if (split.match === "exact") flags |= FLAG_MATCH_EXACT;
      extra = this.categoryStart.length - 1;
      for (const category of split.categories) this.categories.push(category);
      this.categoryStart.push(this.categories.length);
    } else {
      kind = NODE_INDICATOR;
      if (split.presentGoes === "left") flags |= FLAG_PRESENT_LEFT;
    }
    this.pushRow(kind, flags, feature, left, right, value, sourceId, extra, stats, position);
  }
  /** A leaf with one plain output value (the common case; no extras row). */
  addPlainLeaf(sourceId, value, stats, position) {
    this.pushRow(NODE_LEAF, 0, -1, -1, -1, value, sourceId, -1, stats, position);
  }
  addLeafNode(node) {
    const isPlain = node.value.length === 1 && !node.linear && node.truncatedDepth === void 0 && node.classIndex === void 0;
    if (isPlain) return this.addPlainLeaf(node.sourceId, node.value[0], node.stats, node.position);
    const extra = this.leafClass.length;
    for (const value2 of node.value) this.leafValues.push(value2);
    this.leafValueStart.push(this.leafValues.length);
    this.leafClass.push(node.classIndex ?? -1);
    this.leafTruncatedDepth.push(node.truncatedDepth ?? -1);
    const linear = node.linear;
    if (linear) {
      for (const [term, feature] of linear.features.entries()) {
        this.linearFeatures.push(feature);
        this.linearCoefficients.push(linear.coefficients[term]);
      }
    }
    this.linearStart.push(this.linearFeatures.length);
    this.linearConstant.push(linear ? linear.constant : 0);
    this.isLinear.push(linear ? 1 : 0);
    const value = node.value.length > 0 ? node.value[0] : NaN;
    this.pushRow(NODE_LEAF, 0, -1, -1, -1, value, node.sourceId, extra, node.stats, node.position);
  }
  /**
   * A row straight from a reader's arrays, without node objects: `categories` for a categorical split
   * (NODE_CATEGORICAL), statistics `undefined` where the node has none, `line` 0 for no position.
   * Gives the same row as `addSplit`/`addPlainLeaf` with the equivalent objects.
   */
  addRow(kind, flags, feature, left, right, value, sourceId, categories, gain, count, cover, internalValue, line, column) {
    let extra = -1;
    if (kind === NODE_CATEGORICAL) {
      extra = this.categoryStart.length - 1;
      if (categories) for (let index = 0; index < categories.length; index++) this.categories.push(categories[index]);
      this.categoryStart.push(this.categories.length);
    }
    this.pushValues(kind, flags, feature, left, right, value, sourceId, extra, gain, count, cover, internalValue, line > 0 ? line : void 0, column);
  }
  pushRow(kind, flags, feature, left, right, value, sourceId, extra, stats, position) {
    this.pushValues(kind, flags, feature, left, right, value, sourceId, extra, stats?.gain, stats?.count, stats?.cover, stats?.internalValue, position?.line, position?.column ?? 0);
  }
  pushValues(kind, flags, feature, left, right, value, sourceId, extra, gain, count, cover, internalValue, line, column) {
    if (this.treeStart < 0) throw new Error("ForestBuilder: a node outside beginTree/endTree");
    const row = this.kind.length;
    this.kind.push(kind);
    this.flags.push(flags);
    this.feature.push(feature);
    this.left.push(left);
    this.right.push(right);
    this.value.push(value);
    this.sourceId.push(sourceId);
    this.extra.push(extra);
    this.gain.set(row, gain);
    this.count.set(row, count);
    this.cover.set(row, cover);
    this.internalValue.set(row, internalValue);
    if (line !== void 0 || this.line) {
      if (!this.line || !this.column) {
        this.line = new Column(new Int32Array(Math.max(1024, row + 1, this.expectedNodes)), int32);
        this.column = new Column(new Int32Array(Math.max(1024, row + 1, this.expectedNodes)), int32);
      }
      while (this.line.length < row) this.line.push(0);
      while (this.column.length < row) this.column.push(0);
      this.line.push(line ?? 0);
      this.column.push(line === void 0 ? 0 : column);
    }
  }
  /** The packed columns, trimmed to size. The builder must not be used afterwards. */
  finish() {
    if (this.treeStart >= 0) throw new Error("ForestBuilder: finish inside a tree");
    const nodeCount = this.kind.length;
    const treeNodeStart = new Int32Array(this.treeNodeStart.length + 1);
    treeNodeStart.set(this.treeNodeStart.data.subarray(0, this.treeNodeStart.length));
    treeNodeStart[this.treeNodeStart.length] = nodeCount;
    const forest = {
      treeCount: this.treeOutput.length,
      nodeCount,
      treeNodeStart,
      treeOutput: this.treeOutput.finish(),
      treeWeight: this.treeWeight.finish(),
      kind: this.kind.finish(),
      flags: this.flags.finish(),
      feature: this.feature.finish(),
      left: this.left.finish(),
      right: this.right.finish(),
      value: this.value.finish(),
      sourceId: this.sourceId.finish(),
      extra: this.extra.finish(),
      categoryStart: this.categoryStart.finish(),
      categories: this.categories.finish(),
      leafValueStart: this.leafValueStart.finish(),
      leafValues: this.leafValues.finish(),
      leafClass: this.leafClass.finish(),
      leafTruncatedDepth: this.leafTruncatedDepth.finish(),
      linearStart: this.linearStart.finish(),
      linearFeatures: this.linearFeatures.finish(),
      linearCoefficients: this.linearCoefficients.finish(),
      linearConstant: this.linearConstant.finish(),
      isLinear: this.isLinear.finish()
    };
    const optional = { gain: this.gain, count: this.count, cover: this.cover, internalValue: this.internalValue };
    for (const [name2, column] of Object.entries(optional)) {
      const finished = column.finish(nodeCount);
      if (finished) forest[name2] = finished;
    }
    if (this.line && this.column) {
      while (this.line.length < nodeCount) this.line.push(0);
      while (this.column.length < nodeCount) this.column.push(0);
      forest.line = this.line.finish();
      forest.column = this.column.finish();
    }
    return forest;
  }
};
function packModel(model2) {
  const packed = packedOf(model2);
  if (packed) return packed;
  const { trees, ...header } = model2;
  const builder = new ForestBuilder();
  for (const tree of trees) builder.addTree(tree);
  return { header, forest: builder.finish() };
}

// app/eval/decide.ts
var ZERO_THRESHOLD = 10000000180025095e-51;
var CATEGORY_LIMIT = 16777216;
function sortedHas(categories, start, end, value) {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const middle = low + high >>> 1;
    const candidate = categories[middle];
    if (candidate === value) return true;
    if (candidate < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

// app/eval/flat.ts
var NUMERIC_LE = 0;
var NUMERIC_LT = 1;
var NUMERIC_LE_ZERO = 2;
var NUMERIC_LT_ZERO = 3;
var CATEGORY_TRUNCATE = 4;
var CATEGORY_EXACT = 5;
var INDICATOR = 6;
var LEAF_CONSTANT = 0;
var LEAF_LINEAR = 1;
var LEAF_TRUNCATED = 2;
function flatten(forest, declaredFeatures) {
  const nodeCount = forest.nodeCount;
  let leafCount = 0;
  for (let row = 0; row < nodeCount; row++) if (forest.kind[row] === NODE_LEAF) leafCount++;
  const splitCount = nodeCount - leafCount;
  const treeCount = forest.treeCount;
  const flat = {
    kind: new Uint8Array(splitCount),
    feature: new Int32Array(splitCount),
    threshold: new Float64Array(splitCount),
    left: new Int32Array(splitCount),
    right: new Int32Array(splitCount),
    children: new Int32Array(2 * splitCount),
    missingRight: new Int32Array(splitCount),
    isAllNumeric: false,
    missing: new Int32Array(splitCount),
    inSet: new Int32Array(splitCount),
    categoryStart: new Int32Array(splitCount),
    categoryEnd: new Int32Array(splitCount),
    categories: new Float64Array(0),
    splitIrId: new Int32Array(splitCount),
    leafKind: new Uint8Array(leafCount),
    leafValue: new Float64Array(leafCount),
    leafSourceId: new Int32Array(leafCount),
    leafIrId: new Int32Array(leafCount),
    linearStart: new Int32Array(leafCount),
    linearEnd: new Int32Array(leafCount),
    linearConstant: new Float64Array(leafCount),
    linearFeatures: forest.linearFeatures,
    linearCoefficients: forest.linearCoefficients,
    vectorStart: new Int32Array(leafCount),
    vectorLength: new Int32Array(leafCount),
    // Extras' value lists first, then every plain leaf's one value, so each leaf has a vector.
    vectors: new Float64Array(forest.leafValues.length + leafCount),
    leafClass: new Int32Array(leafCount).fill(-1),
    leafTruncatedDepth: new Int32Array(leafCount),
    roots: new Int32Array(treeCount),
    treeOutput: Int32Array.from(forest.treeOutput),
    treeWeight: Float64Array.from(forest.treeWeight),
    numFeatures: declaredFeatures
  };
  const categories = [];
  const reference = new Int32Array(nodeCount);
  let splits = 0;
  let leaves = 0;
  let maxFeature = -1;
  const kind = forest.kind;
  const feature = forest.feature;
  for (let row = 0; row < nodeCount; row++) {
    if (kind[row] === NODE_LEAF) reference[row] = ~leaves++;
    else {
      reference[row] = splits++;
      if (feature[row] > maxFeature) maxFeature = feature[row];
    }
  }
  flat.numFeatures = Math.max(declaredFeatures, maxFeature + 1);
  const treeNodeStart = forest.treeNodeStart;
  for (let tree = 0; tree < treeCount; tree++) {
    const start = treeNodeStart[tree];
    const end = treeNodeStart[tree + 1];
    flat.roots[tree] = reference[start];
    for (let row = start; row < end; row++) {
      const ref = reference[row];
      if (ref >= 0) addSplit(flat, ref, forest, row, start, reference, categories, tree);
      else addLeaf(flat, ~ref, forest, row, start);
    }
  }
  flat.vectors.set(forest.leafValues);
  flat.categories = Float64Array.from(categories);
  flat.isAllNumeric = flat.kind.every((kind2) => kind2 === NUMERIC_LE);
  return flat;
}
function addSplit(flat, index, forest, row, treeStart, reference, categories, treeIndex) {
  const feature = forest.feature[row];
  if (!(feature >= 0)) throw new RangeError(`tree ${treeIndex} node ${forest.sourceId[row]} splits on feature ${feature}, a negative feature index`);
  const left = reference[treeStart + forest.left[row]];
  const right = reference[treeStart + forest.right[row]];
  flat.feature[index] = feature;
  flat.left[index] = left;
  flat.right[index] = right;
  flat.children[2 * index] = left;
  flat.children[2 * index + 1] = right;
  flat.splitIrId[index] = row - treeStart;
  const flags = forest.flags[row];
  const kind = forest.kind[row];
  if (kind === NODE_NUMERIC) {
    const threshold = forest.value[row];
    const isLess = (flags & FLAG_OP_LESS) !== 0;
    const mode = (flags & MISSING_MASK) >> MISSING_SHIFT;
    const defaultLeft = (flags & FLAG_DEFAULT_LEFT) !== 0;
    flat.threshold[index] = threshold;
    flat.kind[index] = mode === MISSING_ZERO ? isLess ? NUMERIC_LT_ZERO : NUMERIC_LE_ZERO : isLess ? NUMERIC_LT : NUMERIC_LE;
    if (flat.kind[index] === NUMERIC_LT && threshold !== -Infinity) {
      flat.kind[index] = NUMERIC_LE;
      flat.threshold[index] = nextDown(threshold);
    }
    if (mode === MISSING_DEFAULT || mode === MISSING_ZERO) flat.missing[index] = defaultLeft ? left : right;
    else if (mode === MISSING_AS_ZERO) flat.missing[index] = (isLess ? 0 < threshold : 0 <= threshold) ? left : right;
    else flat.missing[index] = right;
    flat.missingRight[index] = flat.missing[index] === right ? 1 : 0;
  } else if (kind === NODE_CATEGORICAL) {
    flat.kind[index] = flags & FLAG_MATCH_EXACT ? CATEGORY_EXACT : CATEGORY_TRUNCATE;
    flat.missing[index] = flags & FLAG_MISSING_LEFT ? left : right;
    flat.inSet[index] = flags & FLAG_IN_SET_LEFT ? left : right;
    const set = forest.extra[row];
    const sorted = Array.from(forest.categories.subarray(forest.categoryStart[set], forest.categoryStart[set + 1])).sort((a, b) => a - b);
    flat.categoryStart[index] = categories.length;
    for (const category of sorted) categories.push(category);
    flat.categoryEnd[index] = categories.length;
  } else {
    flat.kind[index] = INDICATOR;
    flat.inSet[index] = flags & FLAG_PRESENT_LEFT ? left : right;
    flat.missing[index] = flags & FLAG_PRESENT_LEFT ? right : left;
  }
}
function nextDown(t) {
  if (t !== t || t === Infinity) return t === Infinity ? Number.MAX_VALUE : t;
  if (t === 0) return -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, t);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, t > 0 ? bits - 1n : bits + 1n);
  return view.getFloat64(0);
}
function addLeaf(flat, index, forest, row, treeStart) {
  flat.leafSourceId[index] = forest.sourceId[row];
  flat.leafIrId[index] = row - treeStart;
  const extra = forest.extra[row];
  if (extra < 0) {
    const at = forest.leafValues.length + index;
    flat.leafValue[index] = forest.value[row];
    flat.vectors[at] = forest.value[row];
    flat.vectorStart[index] = at;
    flat.vectorLength[index] = 1;
    return;
  }
  const start = forest.leafValueStart[extra];
  const length = forest.leafValueStart[extra + 1] - start;
  flat.leafValue[index] = length > 0 ? forest.leafValues[start] : NaN;
  flat.vectorStart[index] = start;
  flat.vectorLength[index] = length;
  if (forest.leafClass[extra] >= 0) flat.leafClass[index] = forest.leafClass[extra];
  if (forest.leafTruncatedDepth[extra] >= 0) {
    flat.leafKind[index] = LEAF_TRUNCATED;
    flat.leafTruncatedDepth[index] = forest.leafTruncatedDepth[extra];
  } else if (forest.isLinear[extra]) {
    flat.leafKind[index] = LEAF_LINEAR;
    flat.linearConstant[index] = forest.linearConstant[extra];
    flat.linearStart[index] = forest.linearStart[extra];
    flat.linearEnd[index] = forest.linearStart[extra + 1];
  }
}
function decideSlow(flat, node, x, float32Input) {
  switch (flat.kind[node]) {
    case NUMERIC_LT:
      return x < flat.threshold[node] ? flat.left[node] : flat.right[node];
    case NUMERIC_LE_ZERO:
      if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) return flat.missing[node];
      return x <= flat.threshold[node] ? flat.left[node] : flat.right[node];
    case NUMERIC_LT_ZERO:
      if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) return flat.missing[node];
      return x < flat.threshold[node] ? flat.left[node] : flat.right[node];
    case CATEGORY_TRUNCATE: {
      let isIn = false;
      if (!(float32Input && x < 0)) {
        const category = Math.trunc(x);
        isIn = category >= 0 && category < CATEGORY_LIMIT && sortedHas(flat.categories, flat.categoryStart[node], flat.categoryEnd[node], category);
      }
      return isIn ? flat.inSet[node] : otherChild(flat, node, flat.inSet[node]);
    }
    case CATEGORY_EXACT: {
      const isIn = sortedHas(flat.categories, flat.categoryStart[node], flat.categoryEnd[node], x);
      return isIn ? flat.inSet[node] : otherChild(flat, node, flat.inSet[node]);
    }
    default:
      return flat.inSet[node];
  }
}
function otherChild(flat, node, child) {
  return child === flat.left[node] ? flat.right[node] : flat.left[node];
}
function findLeaf(flat, root, data, base, float32Input) {
  const kind = flat.kind;
  const feature = flat.feature;
  const threshold = flat.threshold;
  const children = flat.children;
  const missingRight = flat.missingRight;
  let node = root;
  while (node >= 0) {
    const x = data[base + feature[node]];
    if (kind[node] === NUMERIC_LE) {
      const isAbove = x > threshold[node];
      const isMissing = x !== x;
      node = children[node << 1 | isAbove | isMissing & missingRight[node]];
    } else node = x !== x ? flat.missing[node] : decideSlow(flat, node, x, float32Input);
  }
  return ~node;
}
function linearOutput(flat, leaf, data, base) {
  let output = flat.linearConstant[leaf];
  for (let j = flat.linearStart[leaf]; j < flat.linearEnd[leaf]; j++) {
    const x = data[base + flat.linearFeatures[j]];
    if (x !== x) return flat.leafValue[leaf];
    output += flat.linearCoefficients[j] * x;
  }
  return output;
}
function truncatedMessage(flat, tree, leaf) {
  return `tree ${tree} reaches node ${flat.leafSourceId[leaf]}, a branch the dump truncated (depth ${flat.leafTruncatedDepth[leaf]} not printed), so this row has no prediction`;
}

// app/eval/transform.ts
var fround = Math.fround;
var XGBOOST_EXP_CLAMP = fround(88.7);
var XGBOOST_EPSILON = fround(1e-16);
var EXP2_TABLE_BITS = [
  0x3ff0000000000000n,
  0x3fefd9b0d3158574n,
  0x3fefb5586cf9890fn,
  0x3fef9301d0125b51n,
  0x3fef72b83c7d517bn,
  0x3fef54873168b9aan,
  0x3fef387a6e756238n,
  0x3fef1e9df51fdee1n,
  0x3fef06fe0a31b715n,
  0x3feef1a7373aa9cbn,
  0x3feedea64c123422n,
  0x3feece086061892dn,
  0x3feebfdad5362a27n,
  0x3feeb42b569d4f82n,
  0x3feeab07dd485429n,
  0x3feea47eb03a5585n,
  0x3feea09e667f3bcdn,
  0x3fee9f75e8ec5f74n,
  0x3feea11473eb0187n,
  0x3feea589994cce13n,
  0x3feeace5422aa0dbn,
  0x3feeb737b0cdc5e5n,
  0x3feec49182a3f090n,
  0x3feed503b23e255dn,
  0x3feee89f995ad3adn,
  0x3feeff76f2fb5e47n,
  0x3fef199bdd85529cn,
  0x3fef3720dcef9069n,
  0x3fef5818dcfba487n,
  0x3fef7c97337b9b5fn,
  0x3fefa4afa2a490dan,
  0x3fefd0765b6e4540n
];
var EXP2_TABLE = Float64Array.from(EXP2_TABLE_BITS, (bits, j) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits + (BigInt(j) << 47n));
  return view.getFloat64(0);
});
var INVERSE_LN2_SCALED = 1.4426950408889634 * 32;
var POLY0 = 0.05550361559341535 / 32 / 32 / 32;
var POLY1 = 0.2402284522445722 / 32 / 32;
var POLY2 = 0.6931471806916203 / 32;
var ROUND_SHIFT = 6755399441055744;
var POWER_MIN = -160;
var POWERS_OF_TWO = Float64Array.from({ length: 300 }, (_, index) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, index + POWER_MIN + 1023 << 20);
  return view.getFloat64(0);
});
function expFloat(x) {
  if (x !== x) return x;
  if (x > 88.72283172607422) return Infinity;
  if (x < -103.97207641601562) return 0;
  const z = INVERSE_LN2_SCALED * x;
  const k = z + ROUND_SHIFT - ROUND_SHIFT;
  const r = z - k;
  const scale = EXP2_TABLE[k & 31] * POWERS_OF_TWO[Math.floor(k / 32) - POWER_MIN];
  const cubic = POLY0 * r + POLY1;
  const square = r * r;
  let y = POLY2 * r + 1;
  y = cubic * square + y;
  return fround(y * scale);
}
function applyTransform(transform, raw, offset, count, out, outOffset, isFloat322) {
  switch (transform.kind) {
    case "identity":
      for (let k = 0; k < count; k++) out[outOffset + k] = raw[offset + k];
      return count;
    case "sigmoid":
    case "sigmoidEach": {
      const scale = transform.scale;
      for (let k = 0; k < count; k++) {
        const r = raw[offset + k];
        if (isFloat322) {
          const scaled = scale === 1 ? r : fround(scale * r);
          const exponent = Math.min(-scaled, XGBOOST_EXP_CLAMP);
          const denominator = fround(fround(expFloat(exponent) + 1) + XGBOOST_EPSILON);
          out[outOffset + k] = fround(1 / denominator);
        } else {
          out[outOffset + k] = 1 / (1 + Math.exp(-scale * r));
        }
      }
      return count;
    }
    case "softmax": {
      let max = raw[offset];
      for (let k = 1; k < count; k++) if (raw[offset + k] > max) max = raw[offset + k];
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const e = isFloat322 ? expFloat(fround(raw[offset + k] - max)) : Math.exp(raw[offset + k] - max);
        out[outOffset + k] = e;
        sum += e;
      }
      const divisor = isFloat322 ? fround(sum) : sum;
      for (let k = 0; k < count; k++) {
        const value = out[outOffset + k] / divisor;
        out[outOffset + k] = isFloat322 ? fround(value) : value;
      }
      return count;
    }
    case "exp":
      for (let k = 0; k < count; k++) out[outOffset + k] = isFloat322 ? expFloat(raw[offset + k]) : Math.exp(raw[offset + k]);
      return count;
    case "log1pExp":
      for (let k = 0; k < count; k++) out[outOffset + k] = Math.log1p(Math.exp(raw[offset + k]));
      return count;
    case "signedSquare":
      for (let k = 0; k < count; k++) {
        const r = raw[offset + k];
        const value = (r > 0 ? 1 : r < 0 ? -1 : 0) * r * r;
        out[outOffset + k] = isFloat322 ? fround(value) : value;
      }
      return count;
    case "hinge":
      for (let k = 0; k < count; k++) out[outOffset + k] = raw[offset + k] > 0 ? 1 : 0;
      return count;
    case "argmax":
      out[outOffset] = argmax(raw, offset, count);
      return 1;
  }
}
function argmax(values2, offset, count) {
  let best = 0;
  let bestValue = values2[offset];
  for (let k = 1; k < count; k++) {
    const value = values2[offset + k];
    if (value > bestValue || bestValue !== bestValue && value === value) {
      best = k;
      bestValue = value;
    }
  }
  return best;
}

// app/eval/walk.ts
var COMPLETE_MAX_DEPTH = 10;
function addCompleteLayouts(walk, flat) {
  const trees = walk.roots.length;
  walk.completeOffset = new Int32Array(trees).fill(-1);
  walk.completeDepth = new Int32Array(trees);
  walk.completeLeafOffset = new Int32Array(trees);
  const packed = [];
  const thresholds = [];
  const leaves = [];
  const { splitCount, children } = walk;
  for (let tree = 0; tree < trees; tree++) {
    const root = walk.roots[tree];
    if (root >= splitCount) continue;
    let maxDepth = 0;
    let depthSum = 0;
    let leafCount = 0;
    const stack = [root, 0];
    while (stack.length > 0) {
      const depth = stack.pop();
      const node = stack.pop();
      if (node >= splitCount) {
        maxDepth = Math.max(maxDepth, depth);
        depthSum += depth;
        leafCount++;
      } else stack.push(children[2 * node], depth + 1, children[2 * node + 1], depth + 1);
    }
    if (maxDepth > COMPLETE_MAX_DEPTH || depthSum / leafCount < 0.7 * maxDepth) continue;
    const offset = packed.length;
    const size = 2 ** (maxDepth + 1) - 1;
    const firstBottom = 2 ** maxDepth - 1;
    walk.completeOffset[tree] = offset;
    walk.completeDepth[tree] = maxDepth;
    walk.completeLeafOffset[tree] = leaves.length;
    for (let i = 0; i < size; i++) {
      packed.push(0);
      thresholds.push(Infinity);
    }
    for (let i = 0; i <= firstBottom; i++) leaves.push(-1);
    const fill = (slot, node) => {
      if (slot >= firstBottom) {
        leaves[walk.completeLeafOffset[tree] + slot - firstBottom] = node - splitCount;
        return;
      }
      if (node < splitCount) {
        packed[offset + slot] = flat.feature[node] << 1 | flat.missingRight[node];
        thresholds[offset + slot] = flat.threshold[node];
        fill(2 * slot + 1, children[2 * node]);
        fill(2 * slot + 2, children[2 * node + 1]);
      } else {
        fill(2 * slot + 1, node);
        fill(2 * slot + 2, node);
      }
    };
    fill(0, root);
    leaves.length = walk.completeLeafOffset[tree] + firstBottom + 1;
  }
  walk.completePacked = Int32Array.from(packed);
  walk.completeThreshold = Float64Array.from(thresholds);
  walk.completeLeaves = Int32Array.from(leaves);
  walk.treePacked = [];
  walk.treeThreshold = [];
  for (let tree = 0; tree < trees; tree++) {
    const offset = walk.completeOffset[tree];
    const size = offset < 0 ? 0 : 2 ** (walk.completeDepth[tree] + 1) - 1;
    walk.treePacked.push(walk.completePacked.subarray(Math.max(offset, 0), Math.max(offset, 0) + size));
    walk.treeThreshold.push(walk.completeThreshold.subarray(Math.max(offset, 0), Math.max(offset, 0) + size));
  }
}
function walkCompleteBlock(walk, tree, data, base, numFeatures, count, leaves) {
  const offset = walk.completeOffset[tree];
  const packed = walk.treePacked[tree];
  const threshold = walk.treeThreshold[tree];
  const depth = walk.completeDepth[tree];
  const bottom = walk.completeLeafOffset[tree] - (2 ** depth - 1);
  const slots = walk.completeLeaves;
  let r = 0;
  for (; r + 8 <= count; r += 8) {
    const base0 = base + r * numFeatures;
    const base1 = base0 + numFeatures;
    const base2 = base1 + numFeatures;
    const base3 = base2 + numFeatures;
    const base4 = base3 + numFeatures;
    const base5 = base4 + numFeatures;
    const base6 = base5 + numFeatures;
    const base7 = base6 + numFeatures;
    let node0 = 0;
    let node1 = 0;
    let node2 = 0;
    let node3 = 0;
    let node4 = 0;
    let node5 = 0;
    let node6 = 0;
    let node7 = 0;
    for (let level = 0; level < depth; level++) {
      const packed0 = packed[node0];
      const packed1 = packed[node1];
      const packed2 = packed[node2];
      const packed3 = packed[node3];
      const packed4 = packed[node4];
      const packed5 = packed[node5];
      const packed6 = packed[node6];
      const packed7 = packed[node7];
      const x0 = data[base0 + (packed0 >> 1)];
      const x1 = data[base1 + (packed1 >> 1)];
      const x2 = data[base2 + (packed2 >> 1)];
      const x3 = data[base3 + (packed3 >> 1)];
      const x4 = data[base4 + (packed4 >> 1)];
      const x5 = data[base5 + (packed5 >> 1)];
      const x6 = data[base6 + (packed6 >> 1)];
      const x7 = data[base7 + (packed7 >> 1)];
      node0 = 2 * node0 + 1 + (x0 > threshold[node0] | x0 !== x0 & packed0);
      node1 = 2 * node1 + 1 + (x1 > threshold[node1] | x1 !== x1 & packed1);
      node2 = 2 * node2 + 1 + (x2 > threshold[node2] | x2 !== x2 & packed2);
      node3 = 2 * node3 + 1 + (x3 > threshold[node3] | x3 !== x3 & packed3);
      node4 = 2 * node4 + 1 + (x4 > threshold[node4] | x4 !== x4 & packed4);
      node5 = 2 * node5 + 1 + (x5 > threshold[node5] | x5 !== x5 & packed5);
      node6 = 2 * node6 + 1 + (x6 > threshold[node6] | x6 !== x6 & packed6);
      node7 = 2 * node7 + 1 + (x7 > threshold[node7] | x7 !== x7 & packed7);
    }
    leaves[r + 0] = slots[bottom + node0];
    leaves[r + 1] = slots[bottom + node1];
    leaves[r + 2] = slots[bottom + node2];
    leaves[r + 3] = slots[bottom + node3];
    leaves[r + 4] = slots[bottom + node4];
    leaves[r + 5] = slots[bottom + node5];
    leaves[r + 6] = slots[bottom + node6];
    leaves[r + 7] = slots[bottom + node7];
  }
  for (; r < count; r++) {
    const rowBase = base + r * numFeatures;
    let node = 0;
    for (let level = 0; level < depth; level++) {
      const bits = packed[node];
      const x = data[rowBase + (bits >> 1)];
      node = 2 * node + 1 + (x > threshold[node] | x !== x & bits);
    }
    leaves[r] = slots[bottom + node];
  }
}
function numericWalkOf(flat) {
  const splitCount = flat.kind.length;
  const total = splitCount + flat.leafKind.length;
  const unified = (reference) => reference >= 0 ? reference : splitCount + ~reference;
  const walk = {
    splitCount,
    feature: new Int32Array(total),
    threshold: new Float64Array(total).fill(NaN),
    children: new Int32Array(2 * total),
    missingRight: new Int32Array(total),
    roots: flat.roots.map(unified),
    completeOffset: new Int32Array(0),
    completeDepth: new Int32Array(0),
    completeLeafOffset: new Int32Array(0),
    completePacked: new Int32Array(0),
    completeThreshold: new Float64Array(0),
    completeLeaves: new Int32Array(0),
    treePacked: [],
    treeThreshold: []
  };
  walk.feature.set(flat.feature);
  walk.threshold.set(flat.threshold);
  walk.missingRight.set(flat.missingRight);
  for (let node = 0; node < splitCount; node++) {
    walk.children[2 * node] = unified(flat.left[node]);
    walk.children[2 * node + 1] = unified(flat.right[node]);
  }
  for (let node = splitCount; node < total; node++) walk.children[2 * node] = walk.children[2 * node + 1] = node;
  addCompleteLayouts(walk, flat);
  return walk;
}
function walkBlock(walk, tree, data, base, numFeatures, count, leaves) {
  const { splitCount, feature, threshold, children, missingRight } = walk;
  const root = walk.roots[tree];
  let r = 0;
  for (; r + 4 <= count; r += 4) {
    const base0 = base + r * numFeatures;
    const base1 = base0 + numFeatures;
    const base2 = base1 + numFeatures;
    const base3 = base2 + numFeatures;
    let node0 = root;
    let node1 = root;
    let node2 = root;
    let node3 = root;
    while (Math.min(node0, node1, node2, node3) < splitCount) {
      const x0 = data[base0 + feature[node0]];
      const x1 = data[base1 + feature[node1]];
      const x2 = data[base2 + feature[node2]];
      const x3 = data[base3 + feature[node3]];
      node0 = children[node0 << 1 | x0 > threshold[node0] | x0 !== x0 & missingRight[node0]];
      node1 = children[node1 << 1 | x1 > threshold[node1] | x1 !== x1 & missingRight[node1]];
      node2 = children[node2 << 1 | x2 > threshold[node2] | x2 !== x2 & missingRight[node2]];
      node3 = children[node3 << 1 | x3 > threshold[node3] | x3 !== x3 & missingRight[node3]];
    }
    leaves[r] = node0 - splitCount;
    leaves[r + 1] = node1 - splitCount;
    leaves[r + 2] = node2 - splitCount;
    leaves[r + 3] = node3 - splitCount;
  }
  for (; r < count; r++) {
    const rowBase = base + r * numFeatures;
    let node = root;
    while (node < splitCount) {
      const x = data[rowBase + feature[node]];
      node = children[node << 1 | x > threshold[node] | x !== x & missingRight[node]];
    }
    leaves[r] = node - splitCount;
  }
}

// app/eval/wasm.ts
var KERNEL_MEMORY_LIMIT = 256 * 1024 * 1024;
var TREE_SPLIT_LIMIT = 2e5;
var PAGE_BYTES = 65536;
function compileTreeKernel(flat, blockRows, sums) {
  const wasm = globalThis.WebAssembly;
  if (!wasm) return { kind: "interpreter", reason: "this runtime has no WebAssembly" };
  if (!flat.isAllNumeric) return { kind: "interpreter", reason: "the model has categorical, indicator or zero-as-missing splits, which the compiler does not cover yet" };
  const numFeatures = flat.numFeatures;
  const numTrees = flat.roots.length;
  const inputBytes = blockRows * numFeatures * 8;
  const leavesAt = inputBytes;
  const accumulatorAt = align8(leavesAt + blockRows * numTrees * 4);
  const addendAt = accumulatorAt + (sums ? blockRows * sums.numOutputs * 8 : 0);
  const totalBytes = addendAt + (sums ? sums.addend.length * 8 : 0);
  if (totalBytes > KERNEL_MEMORY_LIMIT) return { kind: "interpreter", reason: `a block of ${blockRows} rows would take ${Math.ceil(totalBytes / 1048576)} MB of compiled-model memory` };
  const sizes = treeSplitCounts(flat);
  const largest = sizes.reduce((most, size) => Math.max(most, size), 0);
  if (largest > TREE_SPLIT_LIMIT) return { kind: "interpreter", reason: `a tree has ${largest} splits, more than the compiler takes (${TREE_SPLIT_LIMIT})` };
  const layout = { rowBytes: numFeatures * 8, leavesAt, accumulatorAt, addendAt, pages: Math.ceil(totalBytes / PAGE_BYTES) || 1, sums };
  const bytes = encodeModule(flat, layout);
  let exports;
  try {
    exports = new wasm.Instance(new wasm.Module(bytes)).exports;
  } catch (error) {
    return { kind: "interpreter", reason: `WebAssembly refused the compiled model: ${error.message}` };
  }
  const memory = exports.memory;
  const walk = exports.walk;
  if (sums) new Float64Array(memory.buffer, addendAt, sums.addend.length).set(sums.addend);
  return {
    kind: "wasm",
    input: new Float64Array(memory.buffer, 0, blockRows * numFeatures),
    leaves: new Int32Array(memory.buffer, leavesAt, blockRows * numTrees),
    accumulator: sums ? new Float64Array(memory.buffer, accumulatorAt, blockRows * sums.numOutputs) : void 0,
    walk: (count) => {
      if (!(count >= 0 && count <= blockRows)) throw new RangeError(`a compiled block holds 1 to ${blockRows} rows, got ${count}`);
      walk(count);
    },
    moduleBytes: bytes.length
  };
}
function align8(offset) {
  return Math.ceil(offset / 8) * 8;
}
function treeSplitCounts(flat) {
  const counts = [];
  for (let tree = 0; tree < flat.roots.length; tree++) {
    let count = 0;
    const stack = [flat.roots[tree]];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node < 0) continue;
      count++;
      stack.push(flat.left[node], flat.right[node]);
    }
    counts.push(count);
  }
  return counts;
}
var OP_BLOCK = 2;
var OP_LOOP = 3;
var OP_IF = 4;
var OP_ELSE = 5;
var OP_END = 11;
var OP_BR_IF = 13;
var OP_CALL = 16;
var OP_LOCAL_GET = 32;
var OP_LOCAL_SET = 33;
var OP_LOCAL_TEE = 34;
var OP_I32_STORE = 54;
var OP_F64_LOAD = 43;
var OP_F64_STORE = 57;
var OP_I32_SHL = 116;
var OP_F32_DEMOTE_F64 = 182;
var OP_F64_PROMOTE_F32 = 187;
var OP_I32_CONST = 65;
var OP_F64_CONST = 68;
var OP_I32_EQZ = 69;
var OP_F64_GT = 100;
var OP_F64_LE = 101;
var OP_I32_ADD = 106;
var OP_I32_SUB = 107;
var OP_I32_MUL = 108;
var OP_F64_ADD = 160;
var TYPE_I32 = 127;
var TYPE_EMPTY = 64;
var Bytes = class {
  buffer = new Uint8Array(1024);
  view = new DataView(this.buffer.buffer);
  length = 0;
  reserve(extra) {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next2 = new Uint8Array(size);
    next2.set(this.buffer.subarray(0, this.length));
    this.buffer = next2;
    this.view = new DataView(next2.buffer);
  }
  byte(value) {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }
  /** Unsigned LEB128. */
  unsigned(value) {
    this.reserve(5);
    do {
      let byte = value & 127;
      value >>>= 7;
      if (value !== 0) byte |= 128;
      this.buffer[this.length++] = byte;
    } while (value !== 0);
  }
  /** Signed LEB128 of a 32-bit integer. */
  signed(value) {
    this.reserve(5);
    for (; ; ) {
      const byte = value & 127;
      value >>= 7;
      const isDone = value === 0 && (byte & 64) === 0 || value === -1 && (byte & 64) !== 0;
      this.buffer[this.length++] = isDone ? byte : byte | 128;
      if (isDone) return;
    }
  }
  f64(value) {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }
  append(other) {
    this.reserve(other.length);
    this.buffer.set(other.buffer.subarray(0, other.length), this.length);
    this.length += other.length;
  }
  /** A section or function body: its byte length, then its bytes. */
  sized(other) {
    this.unsigned(other.length);
    this.append(other);
  }
  bytes() {
    return this.buffer.slice(0, this.length);
  }
};
function encodeModule(flat, layout) {
  const pages = layout.pages;
  const numTrees = flat.roots.length;
  const module = new Bytes();
  for (const byte of [0, 97, 115, 109, 1, 0, 0, 0]) module.byte(byte);
  const types = new Bytes();
  types.unsigned(2);
  types.byte(96);
  types.unsigned(4);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.unsigned(0);
  types.byte(96);
  types.unsigned(1);
  types.byte(TYPE_I32);
  types.unsigned(0);
  section(module, 1, types);
  const functions = new Bytes();
  functions.unsigned(numTrees + 1);
  for (let tree = 0; tree < numTrees; tree++) functions.unsigned(0);
  functions.unsigned(1);
  section(module, 3, functions);
  const memory = new Bytes();
  memory.unsigned(1);
  memory.byte(1);
  memory.unsigned(pages);
  memory.unsigned(pages);
  section(module, 5, memory);
  const exports = new Bytes();
  exports.unsigned(2);
  name(exports, "memory");
  exports.byte(2);
  exports.unsigned(0);
  name(exports, "walk");
  exports.byte(0);
  exports.unsigned(numTrees);
  section(module, 7, exports);
  const code = new Bytes();
  code.unsigned(numTrees + 1);
  const body = new Bytes();
  for (let tree = 0; tree < numTrees; tree++) {
    const treeBody = new Bytes();
    encodeTree(treeBody, flat, flat.roots[tree], layout, layout.sums ? layout.sums.treeOutput[tree] : 0);
    code.sized(treeBody);
  }
  encodeWalk(body, numTrees, layout);
  code.sized(body);
  section(module, 10, code);
  return module.bytes();
}
function section(module, id, content) {
  module.byte(id);
  module.sized(content);
}
function name(target, text) {
  target.unsigned(text.length);
  for (let i = 0; i < text.length; i++) target.byte(text.charCodeAt(i));
}
var DATA = 0;
var COUNT = 1;
var OUT = 2;
var SUMS = 3;
var LEAF = 4;
function encodeTree(body, flat, root, layout, output) {
  const sums = layout.sums;
  body.unsigned(1);
  body.unsigned(1);
  body.byte(TYPE_I32);
  body.byte(OP_BLOCK);
  body.byte(TYPE_EMPTY);
  body.byte(OP_LOCAL_GET);
  body.unsigned(COUNT);
  body.byte(OP_I32_EQZ);
  body.byte(OP_BR_IF);
  body.unsigned(0);
  body.byte(OP_LOOP);
  body.byte(TYPE_EMPTY);
  body.byte(OP_LOCAL_GET);
  body.unsigned(OUT);
  encodeNodes(body, flat, root);
  body.byte(OP_LOCAL_TEE);
  body.unsigned(LEAF);
  body.byte(OP_I32_STORE);
  body.unsigned(2);
  body.unsigned(0);
  if (sums) {
    body.byte(OP_LOCAL_GET);
    body.unsigned(SUMS);
    body.byte(OP_LOCAL_GET);
    body.unsigned(SUMS);
    body.byte(OP_F64_LOAD);
    body.unsigned(3);
    body.unsigned(output * 8);
    body.byte(OP_LOCAL_GET);
    body.unsigned(LEAF);
    body.byte(OP_I32_CONST);
    body.signed(3);
    body.byte(OP_I32_SHL);
    body.byte(OP_F64_LOAD);
    body.unsigned(3);
    body.unsigned(layout.addendAt);
    body.byte(OP_F64_ADD);
    if (sums.isFloat32) {
      body.byte(OP_F32_DEMOTE_F64);
      body.byte(OP_F64_PROMOTE_F32);
    }
    body.byte(OP_F64_STORE);
    body.unsigned(3);
    body.unsigned(output * 8);
    step(body, SUMS, sums.numOutputs * 8);
  }
  step(body, OUT, 4);
  step(body, DATA, layout.rowBytes);
  body.byte(OP_LOCAL_GET);
  body.unsigned(COUNT);
  body.byte(OP_I32_CONST);
  body.signed(1);
  body.byte(OP_I32_SUB);
  body.byte(OP_LOCAL_TEE);
  body.unsigned(COUNT);
  body.byte(OP_BR_IF);
  body.unsigned(0);
  body.byte(OP_END);
  body.byte(OP_END);
  body.byte(OP_END);
}
function step(body, local, by) {
  body.byte(OP_LOCAL_GET);
  body.unsigned(local);
  body.byte(OP_I32_CONST);
  body.signed(by);
  body.byte(OP_I32_ADD);
  body.byte(OP_LOCAL_SET);
  body.unsigned(local);
}
var EMIT_ELSE = 0;
var EMIT_END = 1;
var VISIT = 2;
function encodeNodes(body, flat, root) {
  const stack = [VISIT, root];
  while (stack.length > 0) {
    const node = stack.pop();
    const action = stack.pop();
    if (action === EMIT_ELSE) {
      body.byte(OP_ELSE);
      continue;
    }
    if (action === EMIT_END) {
      body.byte(OP_END);
      continue;
    }
    if (node < 0) {
      body.byte(OP_I32_CONST);
      body.signed(~node);
      continue;
    }
    if (flat.kind[node] !== NUMERIC_LE) throw new Error(`split ${node} is not a plain <= split`);
    body.byte(OP_LOCAL_GET);
    body.unsigned(DATA);
    body.byte(OP_F64_LOAD);
    body.unsigned(3);
    body.unsigned(flat.feature[node] * 8);
    body.byte(OP_F64_CONST);
    body.f64(flat.threshold[node]);
    const isNanRight = flat.missingRight[node] === 1;
    body.byte(isNanRight ? OP_F64_LE : OP_F64_GT);
    body.byte(OP_IF);
    body.byte(TYPE_I32);
    const first = isNanRight ? flat.left[node] : flat.right[node];
    const second = isNanRight ? flat.right[node] : flat.left[node];
    stack.push(EMIT_END, 0, VISIT, second, EMIT_ELSE, 0, VISIT, first);
  }
}
function encodeWalk(body, numTrees, layout) {
  body.unsigned(1);
  body.unsigned(2);
  body.byte(TYPE_I32);
  body.byte(OP_LOCAL_GET);
  body.unsigned(0);
  body.byte(OP_I32_CONST);
  body.signed(4);
  body.byte(OP_I32_MUL);
  body.byte(OP_LOCAL_SET);
  body.unsigned(2);
  body.byte(OP_I32_CONST);
  body.signed(layout.leavesAt);
  body.byte(OP_LOCAL_SET);
  body.unsigned(1);
  for (let tree = 0; tree < numTrees; tree++) {
    body.byte(OP_I32_CONST);
    body.signed(0);
    body.byte(OP_LOCAL_GET);
    body.unsigned(0);
    body.byte(OP_LOCAL_GET);
    body.unsigned(1);
    body.byte(OP_I32_CONST);
    body.signed(layout.accumulatorAt);
    body.byte(OP_CALL);
    body.unsigned(tree);
    body.byte(OP_LOCAL_GET);
    body.unsigned(1);
    body.byte(OP_LOCAL_GET);
    body.unsigned(2);
    body.byte(OP_I32_ADD);
    body.byte(OP_LOCAL_SET);
    body.unsigned(1);
  }
  body.byte(OP_END);
}

// app/eval/compile.ts
var SUM_DOUBLE = 0;
var SUM_FLOAT = 1;
var MEAN = 2;
var VOTE = 3;
var DISTRIBUTION = 4;
var BLOCK_ROWS = 256;
function planOf(packed, layout, kernelChoice) {
  const model2 = packed.header;
  const forest = packed.forest;
  const numOutputs = model2.numOutputs;
  const aggregation = model2.aggregation;
  const isFloat322 = model2.arithmetic.accumulate === "float32";
  const base = new Float64Array(numOutputs);
  let averageOver = 1;
  let mode;
  if (aggregation.kind === "sum") {
    mode = isFloat322 ? SUM_FLOAT : SUM_DOUBLE;
    for (let k = 0; k < numOutputs; k++) {
      const value = aggregation.base[k] ?? aggregation.base[0] ?? 0;
      base[k] = isFloat322 ? Math.fround(value) : value;
    }
    averageOver = aggregation.averageOver ?? 1;
  } else if (aggregation.kind === "mean") mode = MEAN;
  else if (aggregation.kind === "vote") mode = VOTE;
  else mode = DISTRIBUTION;
  const numTrees = forest.treeCount;
  if (mode === DISTRIBUTION && numTrees !== 1) {
    throw new RangeError(`a 'distribution' model must hold exactly one tree, found ${numTrees}`);
  }
  if (mode === VOTE) {
    for (let index = 0; index < numTrees; index++) {
      for (let row = forest.treeNodeStart[index]; row < forest.treeNodeStart[index + 1]; row++) {
        if (forest.kind[row] !== NODE_LEAF) continue;
        const extra = forest.extra[row];
        const vote = extra < 0 ? forest.value[row] : forest.leafValueStart[extra + 1] > forest.leafValueStart[extra] ? forest.leafValues[forest.leafValueStart[extra]] : NaN;
        if (!(Number.isInteger(vote) && vote >= 0 && vote < numOutputs)) {
          throw new RangeError(`tree ${index} leaf ${forest.sourceId[row]} votes for class ${vote}, but a vote must be a class index below ${numOutputs}`);
        }
      }
    }
  }
  const treesPerOutput = new Float64Array(numOutputs);
  for (let index = 0; index < numTrees; index++) {
    const output = forest.treeOutput[index];
    if (!(output >= 0 && output < numOutputs)) {
      throw new RangeError(`tree ${index} adds to output ${output}, but the model has ${numOutputs} outputs`);
    }
    treesPerOutput[output]++;
  }
  const hasClasses = (model2.classes?.length ?? 0) > 0 || model2.task === "binary" || model2.task === "multiclass";
  if (layout && layout.roots.length !== numTrees) throw new RangeError(`the evaluator layout holds ${layout.roots.length} trees, the model ${numTrees}`);
  const flat = layout ?? flatten(forest, model2.features.length);
  const numFeatures = flat.numFeatures;
  return {
    flat,
    walk: flat.isAllNumeric ? void 0 : null,
    kernelChoice,
    rowsSeen: 0,
    numFeatures,
    numOutputs,
    numTrees,
    mode,
    base,
    treesPerOutput,
    averageOver,
    float32Input: model2.arithmetic.input === "float32",
    zeroTiny: model2.arithmetic.zeroTinyInputs === true,
    isFloat32: isFloat322,
    hasClasses,
    predictionWidth: model2.transform.kind === "argmax" ? 1 : numOutputs,
    model: model2,
    treeNodeStart: forest.treeNodeStart
  };
}
var MIN_BLOCK_WALK_ROWS = 32;
function walkFor(plan, rows2) {
  if (plan.walk === null || rows2 < MIN_BLOCK_WALK_ROWS) return plan.walk ?? void 0;
  plan.walk ??= numericWalkOf(plan.flat);
  return plan.walk;
}
var KERNEL_MIN_ROWS = 4096;
function kernelFor(plan, rows2) {
  plan.rowsSeen += rows2;
  if (plan.kernelChoice === "interpreter") return void 0;
  if (plan.kernel === void 0 && (plan.kernelChoice === "wasm" || plan.rowsSeen >= KERNEL_MIN_ROWS)) {
    plan.kernel = compileTreeKernel(plan.flat, BLOCK_ROWS, kernelSums(plan));
  }
  return plan.kernel?.kind === "wasm" ? plan.kernel : void 0;
}
function kernelSums(plan) {
  const flat = plan.flat;
  if (flat.leafKind.some((kind) => kind !== LEAF_CONSTANT)) return void 0;
  const isFloat322 = plan.mode === SUM_FLOAT;
  if (!(plan.mode === SUM_DOUBLE || isFloat322 && flat.treeWeight.every((weight) => weight === 1))) return void 0;
  const addend = new Float64Array(flat.leafValue.length);
  for (let tree = 0; tree < flat.roots.length; tree++) {
    const weight = flat.treeWeight[tree];
    const stack = [flat.roots[tree]];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node >= 0) stack.push(flat.left[node], flat.right[node]);
      else addend[~node] = isFloat322 ? flat.leafValue[~node] : weight * flat.leafValue[~node];
    }
  }
  return { addend, treeOutput: flat.treeOutput, numOutputs: plan.numOutputs, isFloat32: isFloat322 };
}
function accumulate(plan, accumulator, offset, tree, value) {
  const flat = plan.flat;
  switch (plan.mode) {
    case SUM_DOUBLE:
    case MEAN:
      accumulator[offset + flat.treeOutput[tree]] += flat.treeWeight[tree] * value;
      return;
    case SUM_FLOAT: {
      const weight = flat.treeWeight[tree];
      const index = offset + flat.treeOutput[tree];
      accumulator[index] = Math.fround(accumulator[index] + (weight === 1 ? value : Math.fround(weight * value)));
      return;
    }
    case VOTE:
      if (value >= 0 && value < plan.numOutputs && Number.isInteger(value)) accumulator[offset + value] += 1;
      return;
    default:
      return;
  }
}
function finishRow(plan, accumulator, offset, leaf, raw, rawOffset, prediction, predictionOffset, scratch) {
  const numOutputs = plan.numOutputs;
  const model2 = plan.model;
  if (plan.mode === MEAN) {
    for (let k = 0; k < numOutputs; k++) raw[rawOffset + k] = accumulator[offset + k] / plan.treesPerOutput[k];
  } else if (plan.mode === DISTRIBUTION) {
    const flat = plan.flat;
    const length = flat.vectorLength[leaf];
    if (length === numOutputs && (numOutputs > 1 || flat.leafClass[leaf] < 0)) {
      let sum = 0;
      const start = flat.vectorStart[leaf];
      for (let k = 0; k < numOutputs; k++) sum += flat.vectors[start + k];
      const divisor = sum === 0 ? 1 : sum;
      for (let k = 0; k < numOutputs; k++) raw[rawOffset + k] = flat.vectors[start + k] / divisor;
    } else {
      const classIndex = flat.leafClass[leaf];
      for (let k = 0; k < numOutputs; k++) raw[rawOffset + k] = k === classIndex ? 1 : 0;
    }
  } else {
    for (let k = 0; k < numOutputs; k++) raw[rawOffset + k] = accumulator[offset + k];
  }
  let source = raw;
  let sourceOffset = rawOffset;
  if (plan.averageOver !== 1) {
    for (let k = 0; k < numOutputs; k++) scratch[k] = raw[rawOffset + k] / plan.averageOver;
    source = scratch;
    sourceOffset = 0;
  }
  applyTransform(model2.transform, source, sourceOffset, numOutputs, prediction, predictionOffset, plan.isFloat32);
  if (!plan.hasClasses) return -1;
  if (model2.transform.kind === "argmax") return prediction[predictionOffset];
  if (numOutputs > 1) return argmax(prediction, predictionOffset, numOutputs);
  const kind = model2.transform.kind;
  if (kind === "hinge") return prediction[predictionOffset];
  if (kind === "sigmoid" && !plan.isFloat32) return source[sourceOffset] > 0 ? 1 : 0;
  return prediction[predictionOffset] > 0.5 ? 1 : 0;
}
function loadRow(plan, values2, sourceOffset, target, targetOffset) {
  const count = plan.numFeatures;
  const available = Math.min(count, values2.length - sourceOffset);
  if (plan.float32Input) {
    for (let j = 0; j < available; j++) target[targetOffset + j] = Math.fround(values2[sourceOffset + j]);
  } else {
    for (let j = 0; j < available; j++) target[targetOffset + j] = values2[sourceOffset + j];
  }
  for (let j = Math.max(available, 0); j < count; j++) target[targetOffset + j] = NaN;
  if (plan.zeroTiny) zeroTinyValues(target, targetOffset, targetOffset + count);
}
function zeroTinyValues(data, start, end) {
  for (let i = start; i < end; i++) {
    const x = data[i];
    if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) data[i] = 0;
  }
}
function predictRowWith(plan, values2, options) {
  const { flat, numOutputs, numTrees } = plan;
  const row = new Float64Array(plan.numFeatures);
  loadRow(plan, values2, 0, row, 0);
  const accumulator = Float64Array.from(plan.base);
  const leaves = new Array(numTrees);
  const leafNodes = new Array(numTrees);
  const leafValues = new Array(numTrees);
  const paths = options?.paths ? [] : void 0;
  let error;
  let lastLeaf = -1;
  for (let tree = 0; tree < numTrees; tree++) {
    const leaf = findLeaf(flat, flat.roots[tree], row, 0, plan.float32Input);
    lastLeaf = leaf;
    leaves[tree] = flat.leafSourceId[leaf];
    leafNodes[tree] = flat.leafIrId[leaf];
    const leafKind = flat.leafKind[leaf];
    let value = flat.leafValue[leaf];
    if (leafKind === LEAF_LINEAR) value = linearOutput(flat, leaf, row, 0);
    else if (leafKind === LEAF_TRUNCATED) {
      value = NaN;
      error ??= truncatedMessage(flat, tree, leaf);
    }
    if (plan.mode === DISTRIBUTION) value = flat.leafClass[leaf] >= 0 ? flat.leafClass[leaf] : argmax(flat.vectors, flat.vectorStart[leaf], flat.vectorLength[leaf]);
    leafValues[tree] = value;
    accumulate(plan, accumulator, 0, tree, value);
    if (paths) paths.push(pathOf(flat, flat.roots[tree], row, plan.float32Input));
  }
  const raw = new Array(numOutputs);
  const prediction = new Array(plan.predictionWidth);
  const predictedClass = finishRow(plan, accumulator, 0, lastLeaf, raw, 0, prediction, 0, new Float64Array(numOutputs));
  const result = { raw, prediction, leaves, leafNodes, leafValues };
  if (error !== void 0) {
    result.error = error;
    raw.fill(NaN);
    prediction.fill(NaN);
  } else if (predictedClass >= 0) result.predictedClass = predictedClass;
  if (paths) result.paths = paths;
  return result;
}
function pathOf(flat, root, row, float32Input) {
  const path2 = [];
  let node = root;
  while (node >= 0) {
    path2.push(flat.splitIrId[node]);
    const x = row[flat.feature[node]];
    if (x !== x) node = flat.missing[node];
    else if (flat.kind[node] === NUMERIC_LE) node = x <= flat.threshold[node] ? flat.left[node] : flat.right[node];
    else node = decideSlow(flat, node, x, float32Input);
  }
  path2.push(flat.leafIrId[~node]);
  return path2;
}
function predictBatchWith(plan, values2, rows2, wantLeafNodes, leafCounts) {
  const { flat, numOutputs, numTrees, numFeatures } = plan;
  if (values2.length < rows2 * numFeatures) {
    throw new RangeError(`predictBatch needs ${rows2} \xD7 ${numFeatures} values, got ${values2.length}`);
  }
  const treeNodeStart = plan.treeNodeStart;
  if (leafCounts && leafCounts.length < treeNodeStart[numTrees]) throw new RangeError(`leafCounts holds ${leafCounts.length} counts, the model has ${treeNodeStart[numTrees]} nodes`);
  const leafNodes = wantLeafNodes ? new Int32Array(rows2 * numTrees) : void 0;
  const kernel = kernelFor(plan, rows2);
  const run = {
    plan,
    values: values2,
    raw: new Float64Array(rows2 * numOutputs),
    prediction: new Float64Array(rows2 * plan.predictionWidth),
    predictedClass: new Int32Array(rows2),
    leafNodes,
    leafCounts,
    errors: /* @__PURE__ */ new Map(),
    // The compiled trees that sum keep the running sums in their memory.
    accumulator: kernel?.accumulator ?? new Float64Array(BLOCK_ROWS * numOutputs),
    blockLeaves: new Int32Array(BLOCK_ROWS),
    distributionLeaves: new Int32Array(BLOCK_ROWS),
    blockLeafNodes: leafNodes ? new Int32Array(BLOCK_ROWS * numTrees) : void 0,
    kernel,
    walk: kernel ? void 0 : walkFor(plan, rows2),
    scratch: new Float64Array(numOutputs),
    // XGBoost and scikit-learn compare float32 inputs: round a block once, not at every node.
    // LightGBM's tiny-to-zero rule also needs a private copy of the block, and the compiled trees
    // read the block from their own memory.
    rounded: kernel ? kernel.input : plan.float32Input || plan.zeroTiny ? new Float64Array(BLOCK_ROWS * numFeatures) : void 0,
    float32Block: plan.float32Input ? new Float32Array(BLOCK_ROWS * numFeatures) : void 0,
    hasSpecialLeaves: flat.leafKind.some((kind) => kind !== LEAF_CONSTANT)
  };
  for (let first = 0; first < rows2; first += BLOCK_ROWS) scoreBlock(run, first, Math.min(BLOCK_ROWS, rows2 - first));
  const result = { rows: rows2, numOutputs, numTrees, raw: run.raw, prediction: run.prediction, predictedClass: run.predictedClass, errors: run.errors, predictionWidth: plan.predictionWidth };
  if (leafNodes) result.leafNodes = leafNodes;
  return result;
}
function scoreBlock(run, first, count) {
  const plan = run.plan;
  const { flat, numOutputs, numTrees, numFeatures, mode } = plan;
  let data = run.values;
  let dataBase = first * numFeatures;
  const rounded = run.rounded;
  if (rounded) {
    const end = (first + count) * numFeatures;
    if (run.float32Block) {
      const part = run.float32Block.subarray(0, end - first * numFeatures);
      part.set(run.values.subarray(first * numFeatures, end));
      rounded.set(part);
    } else rounded.set(run.values.subarray(first * numFeatures, end));
    if (plan.zeroTiny) zeroTinyValues(rounded, 0, count * numFeatures);
    data = rounded;
    dataBase = 0;
  }
  const accumulator = run.accumulator;
  for (let r = 0; r < count; r++) for (let k = 0; k < numOutputs; k++) accumulator[r * numOutputs + k] = plan.base[k];
  const kernel = run.kernel;
  kernel?.walk(count);
  const treeOutput = flat.treeOutput;
  const treeWeight = flat.treeWeight;
  const hasSums = kernel?.accumulator !== void 0;
  for (let tree = 0; tree < numTrees; tree++) {
    if (hasSums && !run.blockLeafNodes && !run.leafCounts) break;
    const leaves = kernel ? kernel.leaves : interpretTree(run, tree, data, dataBase, count);
    const from = kernel ? tree * count : 0;
    if (run.blockLeafNodes) copyLeafIds(flat.leafIrId, leaves, from, count, run.blockLeafNodes, tree * count);
    if (run.leafCounts) countLeaves(flat.leafIrId, leaves, from, count, run.leafCounts, plan.treeNodeStart[tree]);
    if (hasSums) continue;
    const weight = treeWeight[tree];
    if (!run.hasSpecialLeaves && mode === SUM_FLOAT && weight === 1) addFloatLeaves(accumulator, flat.leafValue, leaves, from, count, treeOutput[tree], numOutputs);
    else if (!run.hasSpecialLeaves && mode === SUM_DOUBLE) addDoubleLeaves(accumulator, flat.leafValue, leaves, from, count, treeOutput[tree], numOutputs, weight);
    else addLeaves(run, tree, leaves, from, data, dataBase, first, count);
  }
  if (run.leafNodes && run.blockLeafNodes) {
    const leafNodes = run.leafNodes;
    const blockLeafNodes = run.blockLeafNodes;
    for (let r = 0, at = first * numTrees; r < count; r++) for (let tree = 0, from = r; tree < numTrees; tree++, from += count) leafNodes[at++] = blockLeafNodes[from];
  }
  finishBlock(run, first, count);
}
function interpretTree(run, tree, data, dataBase, count) {
  const { flat, numFeatures, float32Input } = run.plan;
  const walk = run.walk;
  const leaves = run.blockLeaves;
  if (walk && walk.completeOffset[tree] >= 0) walkCompleteBlock(walk, tree, data, dataBase, numFeatures, count, leaves);
  else if (walk) walkBlock(walk, tree, data, dataBase, numFeatures, count, leaves);
  else {
    const root = flat.roots[tree];
    for (let r = 0, base = dataBase; r < count; r++, base += numFeatures) leaves[r] = root >= 0 ? findLeaf(flat, root, data, base, float32Input) : ~root;
  }
  return leaves;
}
function copyLeafIds(leafIrId, leaves, from, count, target, at) {
  for (let r = 0; r < count; r++, at++) target[at] = leafIrId[leaves[from + r]];
}
function countLeaves(leafIrId, leaves, from, count, counts, treeStart) {
  for (let r = 0; r < count; r++) counts[treeStart + leafIrId[leaves[from + r]]]++;
}
function addFloatLeaves(accumulator, leafValue, leaves, from, count, output, numOutputs) {
  for (let r = 0, index = output; r < count; r++, index += numOutputs) accumulator[index] = Math.fround(accumulator[index] + leafValue[leaves[from + r]]);
}
function addDoubleLeaves(accumulator, leafValue, leaves, from, count, output, numOutputs, weight) {
  for (let r = 0, index = output; r < count; r++, index += numOutputs) accumulator[index] += weight * leafValue[leaves[from + r]];
}
function addLeaves(run, tree, leaves, from, data, dataBase, first, count) {
  const plan = run.plan;
  const { flat, numOutputs, numFeatures, mode } = plan;
  const output = flat.treeOutput[tree];
  const weight = flat.treeWeight[tree];
  const accumulator = run.accumulator;
  for (let r = 0, base = dataBase; r < count; r++, base += numFeatures) {
    const leaf = leaves[from + r];
    let value = flat.leafValue[leaf];
    if (run.hasSpecialLeaves && flat.leafKind[leaf] !== LEAF_CONSTANT) {
      if (flat.leafKind[leaf] === LEAF_LINEAR) value = linearOutput(flat, leaf, data, base);
      else {
        value = NaN;
        if (!run.errors.has(first + r)) run.errors.set(first + r, truncatedMessage(flat, tree, leaf));
      }
    }
    const index = r * numOutputs + output;
    if (mode === SUM_DOUBLE) accumulator[index] += weight * value;
    else if (mode === SUM_FLOAT) accumulator[index] = Math.fround(accumulator[index] + (weight === 1 ? value : Math.fround(weight * value)));
    else if (mode === DISTRIBUTION) run.distributionLeaves[r] = leaf;
    else accumulate(plan, accumulator, r * numOutputs, tree, value);
  }
}
function finishBlock(run, first, count) {
  const plan = run.plan;
  const { numOutputs, predictionWidth } = plan;
  for (let r = 0; r < count; r++) {
    const row = first + r;
    run.predictedClass[row] = finishRow(plan, run.accumulator, r * numOutputs, run.distributionLeaves[r], run.raw, row * numOutputs, run.prediction, row * predictionWidth, run.scratch);
    if (run.errors.size > 0 && run.errors.has(row)) {
      run.raw.fill(NaN, row * numOutputs, (row + 1) * numOutputs);
      run.prediction.fill(NaN, row * predictionWidth, (row + 1) * predictionWidth);
      run.predictedClass[row] = -1;
    }
  }
}
function compileModel(model2, options = {}) {
  const plan = planOf("forest" in model2 ? model2 : packModel(model2), options.layout, options.kernel ?? "auto");
  return {
    get kernel() {
      const kernel = plan.kernel;
      if (kernel?.kind === "wasm") return { kind: "wasm", moduleBytes: kernel.moduleBytes };
      if (kernel) return kernel;
      return { kind: "interpreter", reason: plan.kernelChoice === "interpreter" ? "the interpreter was asked for" : "no batch has been big enough to compile the model for" };
    },
    numFeatures: plan.numFeatures,
    numOutputs: plan.numOutputs,
    numTrees: plan.numTrees,
    predictRow: (values2, options2) => predictRowWith(plan, values2, options2),
    predictBatch: (values2, rows2, options2) => predictBatchWith(plan, values2, rows2, options2?.leafNodes ?? false, options2?.leafCounts)
  };
}

// app/eval/flatCodec.ts
var COLUMNS = {
  kind: "u8",
  feature: "i32",
  threshold: "f64",
  left: "i32",
  right: "i32",
  children: "i32",
  missingRight: "i32",
  missing: "i32",
  inSet: "i32",
  categoryStart: "i32",
  categoryEnd: "i32",
  categories: "f64",
  splitIrId: "i32",
  leafKind: "u8",
  leafValue: "f64",
  leafSourceId: "i32",
  leafIrId: "i32",
  linearStart: "i32",
  linearEnd: "i32",
  linearConstant: "f64",
  linearFeatures: "i32",
  linearCoefficients: "f64",
  vectorStart: "i32",
  vectorLength: "i32",
  vectors: "f64",
  leafClass: "i32",
  leafTruncatedDepth: "i32",
  roots: "i32",
  treeOutput: "i32",
  treeWeight: "f64"
};
var NAMES = Object.keys(COLUMNS);
var IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// app/formats/detect.ts
var SPARK_HEADER = /^\s*(DecisionTreeModel (classifier|regressor) of depth|TreeEnsembleModel (classifier|regressor) with|RandomForestModel (classifier|regressor) with|(DecisionTreeClassificationModel|DecisionTreeRegressionModel|RandomForestClassificationModel|RandomForestRegressionModel|GBTClassificationModel|GBTRegressionModel)\b)/;
var SPARK_BODY = /^\s*(If \(feature \d+ |Predict: )/;
var XGB_BOOSTER = /^booster\[\d+\]:?\s*$/;
var XGB_NODE = /^\t*\d+:(\[|leaf=)/;
var SKL_LINE = /^\|[- ]*[-]{1,} /;
function detectJson(text) {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== "{" && text[start] !== "[") return void 0;
  const head = text.slice(start, start + 2e4);
  if (text[start] === "{" && /"learner"\s*:/.test(head) && /"gradient_booster"\s*:/.test(text)) {
    return { kind: "xgboost-model-json", format: "xgboost", line: 1 };
  }
  if (text[start] === "{" && /"tree_info"\s*:/.test(text) && /"name"\s*:\s*"tree"/.test(head)) {
    return { kind: "lightgbm-json", format: "lightgbm", line: 1 };
  }
  if (text[start] === "[" && /"nodeid"\s*:/.test(head)) {
    return { kind: "xgboost-json-dump", format: "xgboost", line: 1 };
  }
  return void 0;
}
function detectFormat(text) {
  const json = detectJson(text);
  if (json) return json;
  let lineStart = 0;
  let lineNumber = 0;
  while (lineStart <= text.length && lineNumber < 5e3) {
    lineNumber++;
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    lineStart = lineEnd + 1;
    if (line === "tree" || line.startsWith("Tree=") && /^Tree=\d+$/.test(line)) {
      return { kind: "lightgbm-text", format: "lightgbm", line: lineNumber };
    }
    if (SPARK_HEADER.test(line) || SPARK_BODY.test(line)) {
      return { kind: "spark-text", format: "spark", line: lineNumber };
    }
    if (XGB_BOOSTER.test(line) || XGB_NODE.test(line)) {
      return { kind: "xgboost-text", format: "xgboost", line: lineNumber };
    }
    if (SKL_LINE.test(line)) return { kind: "sklearn-text", format: "sklearn", line: lineNumber };
    if (/^\s*(strict\s+)?digraph\b/.test(line)) return { kind: "dot", format: void 0, line: lineNumber };
    if (lineEnd >= text.length) break;
  }
  return void 0;
}

// app/formats/errors.ts
var ModelParseError = class extends Error {
  info;
  constructor(info) {
    const where = info.position ? `line ${info.position.line}, column ${info.position.column}: ` : "";
    const message = `${info.fileName}: ${where}${info.detail}`;
    super(message);
    this.name = "ModelParseError";
    const { detail: _detail, ...rest } = info;
    this.info = { ...rest, message };
  }
};
function sourceLineAt(text, line) {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next2 = text.indexOf("\n", start);
    if (next2 < 0) return void 0;
    start = next2 + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? void 0 : end).replace(/\r$/, "");
}

// app/formats/limits.ts
function countLimit(textLength) {
  return Math.max(65536, textLength);
}
function countProblem(count, what, textLength) {
  const limit = countLimit(textLength);
  if (Number.isSafeInteger(count) && count <= limit) return void 0;
  const shown = Number.isFinite(count) && count < 1e21 ? String(count) : "a number beyond any file";
  return `${what} ${shown} is beyond what this file can describe (at most ${limit.toLocaleString("en")} for a file of ${textLength.toLocaleString("en")} characters)`;
}

// grammar/generated/SparkTree/SparkTreeLexer.ts
import * as antlr from "antlr4ng";
var SparkTreeLexer = class _SparkTreeLexer extends antlr.Lexer {
  static T__0 = 1;
  static T__1 = 2;
  static T__2 = 3;
  static T__3 = 4;
  static T__4 = 5;
  static T__5 = 6;
  static T__6 = 7;
  static T__7 = 8;
  static T__8 = 9;
  static T__9 = 10;
  static T__10 = 11;
  static T__11 = 12;
  static T__12 = 13;
  static T__13 = 14;
  static T__14 = 15;
  static T__15 = 16;
  static T__16 = 17;
  static T__17 = 18;
  static T__18 = 19;
  static T__19 = 20;
  static T__20 = 21;
  static T__21 = 22;
  static T__22 = 23;
  static T__23 = 24;
  static T__24 = 25;
  static T__25 = 26;
  static T__26 = 27;
  static T__27 = 28;
  static T__28 = 29;
  static T__29 = 30;
  static T__30 = 31;
  static T__31 = 32;
  static T__32 = 33;
  static T__33 = 34;
  static T__34 = 35;
  static T__35 = 36;
  static NUMBER = 37;
  static INT = 38;
  static WORD = 39;
  static WS = 40;
  static channelNames = [
    "DEFAULT_TOKEN_CHANNEL",
    "HIDDEN"
  ];
  static literalNames = [
    null,
    "'DecisionTreeModel'",
    "'of'",
    "'depth'",
    "'with'",
    "'nodes'",
    "'TreeEnsembleModel'",
    "'RandomForestModel'",
    "'trees'",
    "'and'",
    "'total'",
    "':'",
    "','",
    "'classifier'",
    "'regressor'",
    "'DecisionTreeClassificationModel'",
    "'DecisionTreeRegressionModel'",
    "'RandomForestClassificationModel'",
    "'RandomForestRegressionModel'",
    "'GBTClassificationModel'",
    "'GBTRegressionModel'",
    "'('",
    "'uid'",
    "'='",
    "')'",
    "'feature'",
    "'weight'",
    "'Tree'",
    "'If'",
    "'Else'",
    "'Predict'",
    "'<='",
    "'>'",
    "'in'",
    "'not'",
    "'{'",
    "'}'"
  ];
  static symbolicNames = [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "NUMBER",
    "INT",
    "WORD",
    "WS"
  ];
  static modeNames = [
    "DEFAULT_MODE"
  ];
  static ruleNames = [
    "T__0",
    "T__1",
    "T__2",
    "T__3",
    "T__4",
    "T__5",
    "T__6",
    "T__7",
    "T__8",
    "T__9",
    "T__10",
    "T__11",
    "T__12",
    "T__13",
    "T__14",
    "T__15",
    "T__16",
    "T__17",
    "T__18",
    "T__19",
    "T__20",
    "T__21",
    "T__22",
    "T__23",
    "T__24",
    "T__25",
    "T__26",
    "T__27",
    "T__28",
    "T__29",
    "T__30",
    "T__31",
    "T__32",
    "T__33",
    "T__34",
    "T__35",
    "NUMBER",
    "INT",
    "WORD",
    "WS",
    "DIGITS",
    "EXPONENT"
  ];
  constructor(input) {
    super(input);
    this.interpreter = new antlr.LexerATNSimulator(this, _SparkTreeLexer._ATN, _SparkTreeLexer.decisionsToDFA, new antlr.PredictionContextCache());
  }
  get grammarFileName() {
    return "SparkTree.g4";
  }
  get literalNames() {
    return _SparkTreeLexer.literalNames;
  }
  get symbolicNames() {
    return _SparkTreeLexer.symbolicNames;
  }
  get ruleNames() {
    return _SparkTreeLexer.ruleNames;
  }
  get serializedATN() {
    return _SparkTreeLexer._serializedATN;
  }
  get channelNames() {
    return _SparkTreeLexer.channelNames;
  }
  get modeNames() {
    return _SparkTreeLexer.modeNames;
  }
  static _serializedATN = [
    4,
    0,
    40,
    484,
    6,
    -1,
    2,
    0,
    7,
    0,
    2,
    1,
    7,
    1,
    2,
    2,
    7,
    2,
    2,
    3,
    7,
    3,
    2,
    4,
    7,
    4,
    2,
    5,
    7,
    5,
    2,
    6,
    7,
    6,
    2,
    7,
    7,
    7,
    2,
    8,
    7,
    8,
    2,
    9,
    7,
    9,
    2,
    10,
    7,
    10,
    2,
    11,
    7,
    11,
    2,
    12,
    7,
    12,
    2,
    13,
    7,
    13,
    2,
    14,
    7,
    14,
    2,
    15,
    7,
    15,
    2,
    16,
    7,
    16,
    2,
    17,
    7,
    17,
    2,
    18,
    7,
    18,
    2,
    19,
    7,
    19,
    2,
    20,
    7,
    20,
    2,
    21,
    7,
    21,
    2,
    22,
    7,
    22,
    2,
    23,
    7,
    23,
    2,
    24,
    7,
    24,
    2,
    25,
    7,
    25,
    2,
    26,
    7,
    26,
    2,
    27,
    7,
    27,
    2,
    28,
    7,
    28,
    2,
    29,
    7,
    29,
    2,
    30,
    7,
    30,
    2,
    31,
    7,
    31,
    2,
    32,
    7,
    32,
    2,
    33,
    7,
    33,
    2,
    34,
    7,
    34,
    2,
    35,
    7,
    35,
    2,
    36,
    7,
    36,
    2,
    37,
    7,
    37,
    2,
    38,
    7,
    38,
    2,
    39,
    7,
    39,
    2,
    40,
    7,
    40,
    2,
    41,
    7,
    41,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    3,
    1,
    3,
    1,
    3,
    1,
    3,
    1,
    3,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    9,
    1,
    9,
    1,
    9,
    1,
    9,
    1,
    9,
    1,
    9,
    1,
    10,
    1,
    10,
    1,
    11,
    1,
    11,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    14,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    15,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    17,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    18,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    19,
    1,
    20,
    1,
    20,
    1,
    21,
    1,
    21,
    1,
    21,
    1,
    21,
    1,
    22,
    1,
    22,
    1,
    23,
    1,
    23,
    1,
    24,
    1,
    24,
    1,
    24,
    1,
    24,
    1,
    24,
    1,
    24,
    1,
    24,
    1,
    24,
    1,
    25,
    1,
    25,
    1,
    25,
    1,
    25,
    1,
    25,
    1,
    25,
    1,
    25,
    1,
    26,
    1,
    26,
    1,
    26,
    1,
    26,
    1,
    26,
    1,
    27,
    1,
    27,
    1,
    27,
    1,
    28,
    1,
    28,
    1,
    28,
    1,
    28,
    1,
    28,
    1,
    29,
    1,
    29,
    1,
    29,
    1,
    29,
    1,
    29,
    1,
    29,
    1,
    29,
    1,
    29,
    1,
    30,
    1,
    30,
    1,
    30,
    1,
    31,
    1,
    31,
    1,
    32,
    1,
    32,
    1,
    32,
    1,
    33,
    1,
    33,
    1,
    33,
    1,
    33,
    1,
    34,
    1,
    34,
    1,
    35,
    1,
    35,
    1,
    36,
    3,
    36,
    426,
    8,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    3,
    36,
    432,
    8,
    36,
    1,
    36,
    3,
    36,
    435,
    8,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    3,
    36,
    446,
    8,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    1,
    36,
    3,
    36,
    456,
    8,
    36,
    1,
    37,
    1,
    37,
    1,
    38,
    1,
    38,
    5,
    38,
    462,
    8,
    38,
    10,
    38,
    12,
    38,
    465,
    9,
    38,
    1,
    39,
    4,
    39,
    468,
    8,
    39,
    11,
    39,
    12,
    39,
    469,
    1,
    39,
    1,
    39,
    1,
    40,
    4,
    40,
    475,
    8,
    40,
    11,
    40,
    12,
    40,
    476,
    1,
    41,
    1,
    41,
    3,
    41,
    481,
    8,
    41,
    1,
    41,
    1,
    41,
    0,
    0,
    42,
    1,
    1,
    3,
    2,
    5,
    3,
    7,
    4,
    9,
    5,
    11,
    6,
    13,
    7,
    15,
    8,
    17,
    9,
    19,
    10,
    21,
    11,
    23,
    12,
    25,
    13,
    27,
    14,
    29,
    15,
    31,
    16,
    33,
    17,
    35,
    18,
    37,
    19,
    39,
    20,
    41,
    21,
    43,
    22,
    45,
    23,
    47,
    24,
    49,
    25,
    51,
    26,
    53,
    27,
    55,
    28,
    57,
    29,
    59,
    30,
    61,
    31,
    63,
    32,
    65,
    33,
    67,
    34,
    69,
    35,
    71,
    36,
    73,
    37,
    75,
    38,
    77,
    39,
    79,
    40,
    81,
    0,
    83,
    0,
    1,
    0,
    6,
    3,
    0,
    65,
    90,
    95,
    95,
    97,
    122,
    4,
    0,
    48,
    57,
    65,
    90,
    95,
    95,
    97,
    122,
    3,
    0,
    9,
    10,
    13,
    13,
    32,
    32,
    1,
    0,
    48,
    57,
    2,
    0,
    69,
    69,
    101,
    101,
    2,
    0,
    43,
    43,
    45,
    45,
    493,
    0,
    1,
    1,
    0,
    0,
    0,
    0,
    3,
    1,
    0,
    0,
    0,
    0,
    5,
    1,
    0,
    0,
    0,
    0,
    7,
    1,
    0,
    0,
    0,
    0,
    9,
    1,
    0,
    0,
    0,
    0,
    11,
    1,
    0,
    0,
    0,
    0,
    13,
    1,
    0,
    0,
    0,
    0,
    15,
    1,
    0,
    0,
    0,
    0,
    17,
    1,
    0,
    0,
    0,
    0,
    19,
    1,
    0,
    0,
    0,
    0,
    21,
    1,
    0,
    0,
    0,
    0,
    23,
    1,
    0,
    0,
    0,
    0,
    25,
    1,
    0,
    0,
    0,
    0,
    27,
    1,
    0,
    0,
    0,
    0,
    29,
    1,
    0,
    0,
    0,
    0,
    31,
    1,
    0,
    0,
    0,
    0,
    33,
    1,
    0,
    0,
    0,
    0,
    35,
    1,
    0,
    0,
    0,
    0,
    37,
    1,
    0,
    0,
    0,
    0,
    39,
    1,
    0,
    0,
    0,
    0,
    41,
    1,
    0,
    0,
    0,
    0,
    43,
    1,
    0,
    0,
    0,
    0,
    45,
    1,
    0,
    0,
    0,
    0,
    47,
    1,
    0,
    0,
    0,
    0,
    49,
    1,
    0,
    0,
    0,
    0,
    51,
    1,
    0,
    0,
    0,
    0,
    53,
    1,
    0,
    0,
    0,
    0,
    55,
    1,
    0,
    0,
    0,
    0,
    57,
    1,
    0,
    0,
    0,
    0,
    59,
    1,
    0,
    0,
    0,
    0,
    61,
    1,
    0,
    0,
    0,
    0,
    63,
    1,
    0,
    0,
    0,
    0,
    65,
    1,
    0,
    0,
    0,
    0,
    67,
    1,
    0,
    0,
    0,
    0,
    69,
    1,
    0,
    0,
    0,
    0,
    71,
    1,
    0,
    0,
    0,
    0,
    73,
    1,
    0,
    0,
    0,
    0,
    75,
    1,
    0,
    0,
    0,
    0,
    77,
    1,
    0,
    0,
    0,
    0,
    79,
    1,
    0,
    0,
    0,
    1,
    85,
    1,
    0,
    0,
    0,
    3,
    103,
    1,
    0,
    0,
    0,
    5,
    106,
    1,
    0,
    0,
    0,
    7,
    112,
    1,
    0,
    0,
    0,
    9,
    117,
    1,
    0,
    0,
    0,
    11,
    123,
    1,
    0,
    0,
    0,
    13,
    141,
    1,
    0,
    0,
    0,
    15,
    159,
    1,
    0,
    0,
    0,
    17,
    165,
    1,
    0,
    0,
    0,
    19,
    169,
    1,
    0,
    0,
    0,
    21,
    175,
    1,
    0,
    0,
    0,
    23,
    177,
    1,
    0,
    0,
    0,
    25,
    179,
    1,
    0,
    0,
    0,
    27,
    190,
    1,
    0,
    0,
    0,
    29,
    200,
    1,
    0,
    0,
    0,
    31,
    232,
    1,
    0,
    0,
    0,
    33,
    260,
    1,
    0,
    0,
    0,
    35,
    292,
    1,
    0,
    0,
    0,
    37,
    320,
    1,
    0,
    0,
    0,
    39,
    343,
    1,
    0,
    0,
    0,
    41,
    362,
    1,
    0,
    0,
    0,
    43,
    364,
    1,
    0,
    0,
    0,
    45,
    368,
    1,
    0,
    0,
    0,
    47,
    370,
    1,
    0,
    0,
    0,
    49,
    372,
    1,
    0,
    0,
    0,
    51,
    380,
    1,
    0,
    0,
    0,
    53,
    387,
    1,
    0,
    0,
    0,
    55,
    392,
    1,
    0,
    0,
    0,
    57,
    395,
    1,
    0,
    0,
    0,
    59,
    400,
    1,
    0,
    0,
    0,
    61,
    408,
    1,
    0,
    0,
    0,
    63,
    411,
    1,
    0,
    0,
    0,
    65,
    413,
    1,
    0,
    0,
    0,
    67,
    416,
    1,
    0,
    0,
    0,
    69,
    420,
    1,
    0,
    0,
    0,
    71,
    422,
    1,
    0,
    0,
    0,
    73,
    455,
    1,
    0,
    0,
    0,
    75,
    457,
    1,
    0,
    0,
    0,
    77,
    459,
    1,
    0,
    0,
    0,
    79,
    467,
    1,
    0,
    0,
    0,
    81,
    474,
    1,
    0,
    0,
    0,
    83,
    478,
    1,
    0,
    0,
    0,
    85,
    86,
    5,
    68,
    0,
    0,
    86,
    87,
    5,
    101,
    0,
    0,
    87,
    88,
    5,
    99,
    0,
    0,
    88,
    89,
    5,
    105,
    0,
    0,
    89,
    90,
    5,
    115,
    0,
    0,
    90,
    91,
    5,
    105,
    0,
    0,
    91,
    92,
    5,
    111,
    0,
    0,
    92,
    93,
    5,
    110,
    0,
    0,
    93,
    94,
    5,
    84,
    0,
    0,
    94,
    95,
    5,
    114,
    0,
    0,
    95,
    96,
    5,
    101,
    0,
    0,
    96,
    97,
    5,
    101,
    0,
    0,
    97,
    98,
    5,
    77,
    0,
    0,
    98,
    99,
    5,
    111,
    0,
    0,
    99,
    100,
    5,
    100,
    0,
    0,
    100,
    101,
    5,
    101,
    0,
    0,
    101,
    102,
    5,
    108,
    0,
    0,
    102,
    2,
    1,
    0,
    0,
    0,
    103,
    104,
    5,
    111,
    0,
    0,
    104,
    105,
    5,
    102,
    0,
    0,
    105,
    4,
    1,
    0,
    0,
    0,
    106,
    107,
    5,
    100,
    0,
    0,
    107,
    108,
    5,
    101,
    0,
    0,
    108,
    109,
    5,
    112,
    0,
    0,
    109,
    110,
    5,
    116,
    0,
    0,
    110,
    111,
    5,
    104,
    0,
    0,
    111,
    6,
    1,
    0,
    0,
    0,
    112,
    113,
    5,
    119,
    0,
    0,
    113,
    114,
    5,
    105,
    0,
    0,
    114,
    115,
    5,
    116,
    0,
    0,
    115,
    116,
    5,
    104,
    0,
    0,
    116,
    8,
    1,
    0,
    0,
    0,
    117,
    118,
    5,
    110,
    0,
    0,
    118,
    119,
    5,
    111,
    0,
    0,
    119,
    120,
    5,
    100,
    0,
    0,
    120,
    121,
    5,
    101,
    0,
    0,
    121,
    122,
    5,
    115,
    0,
    0,
    122,
    10,
    1,
    0,
    0,
    0,
    123,
    124,
    5,
    84,
    0,
    0,
    124,
    125,
    5,
    114,
    0,
    0,
    125,
    126,
    5,
    101,
    0,
    0,
    126,
    127,
    5,
    101,
    0,
    0,
    127,
    128,
    5,
    69,
    0,
    0,
    128,
    129,
    5,
    110,
    0,
    0,
    129,
    130,
    5,
    115,
    0,
    0,
    130,
    131,
    5,
    101,
    0,
    0,
    131,
    132,
    5,
    109,
    0,
    0,
    132,
    133,
    5,
    98,
    0,
    0,
    133,
    134,
    5,
    108,
    0,
    0,
    134,
    135,
    5,
    101,
    0,
    0,
    135,
    136,
    5,
    77,
    0,
    0,
    136,
    137,
    5,
    111,
    0,
    0,
    137,
    138,
    5,
    100,
    0,
    0,
    138,
    139,
    5,
    101,
    0,
    0,
    139,
    140,
    5,
    108,
    0,
    0,
    140,
    12,
    1,
    0,
    0,
    0,
    141,
    142,
    5,
    82,
    0,
    0,
    142,
    143,
    5,
    97,
    0,
    0,
    143,
    144,
    5,
    110,
    0,
    0,
    144,
    145,
    5,
    100,
    0,
    0,
    145,
    146,
    5,
    111,
    0,
    0,
    146,
    147,
    5,
    109,
    0,
    0,
    147,
    148,
    5,
    70,
    0,
    0,
    148,
    149,
    5,
    111,
    0,
    0,
    149,
    150,
    5,
    114,
    0,
    0,
    150,
    151,
    5,
    101,
    0,
    0,
    151,
    152,
    5,
    115,
    0,
    0,
    152,
    153,
    5,
    116,
    0,
    0,
    153,
    154,
    5,
    77,
    0,
    0,
    154,
    155,
    5,
    111,
    0,
    0,
    155,
    156,
    5,
    100,
    0,
    0,
    156,
    157,
    5,
    101,
    0,
    0,
    157,
    158,
    5,
    108,
    0,
    0,
    158,
    14,
    1,
    0,
    0,
    0,
    159,
    160,
    5,
    116,
    0,
    0,
    160,
    161,
    5,
    114,
    0,
    0,
    161,
    162,
    5,
    101,
    0,
    0,
    162,
    163,
    5,
    101,
    0,
    0,
    163,
    164,
    5,
    115,
    0,
    0,
    164,
    16,
    1,
    0,
    0,
    0,
    165,
    166,
    5,
    97,
    0,
    0,
    166,
    167,
    5,
    110,
    0,
    0,
    167,
    168,
    5,
    100,
    0,
    0,
    168,
    18,
    1,
    0,
    0,
    0,
    169,
    170,
    5,
    116,
    0,
    0,
    170,
    171,
    5,
    111,
    0,
    0,
    171,
    172,
    5,
    116,
    0,
    0,
    172,
    173,
    5,
    97,
    0,
    0,
    173,
    174,
    5,
    108,
    0,
    0,
    174,
    20,
    1,
    0,
    0,
    0,
    175,
    176,
    5,
    58,
    0,
    0,
    176,
    22,
    1,
    0,
    0,
    0,
    177,
    178,
    5,
    44,
    0,
    0,
    178,
    24,
    1,
    0,
    0,
    0,
    179,
    180,
    5,
    99,
    0,
    0,
    180,
    181,
    5,
    108,
    0,
    0,
    181,
    182,
    5,
    97,
    0,
    0,
    182,
    183,
    5,
    115,
    0,
    0,
    183,
    184,
    5,
    115,
    0,
    0,
    184,
    185,
    5,
    105,
    0,
    0,
    185,
    186,
    5,
    102,
    0,
    0,
    186,
    187,
    5,
    105,
    0,
    0,
    187,
    188,
    5,
    101,
    0,
    0,
    188,
    189,
    5,
    114,
    0,
    0,
    189,
    26,
    1,
    0,
    0,
    0,
    190,
    191,
    5,
    114,
    0,
    0,
    191,
    192,
    5,
    101,
    0,
    0,
    192,
    193,
    5,
    103,
    0,
    0,
    193,
    194,
    5,
    114,
    0,
    0,
    194,
    195,
    5,
    101,
    0,
    0,
    195,
    196,
    5,
    115,
    0,
    0,
    196,
    197,
    5,
    115,
    0,
    0,
    197,
    198,
    5,
    111,
    0,
    0,
    198,
    199,
    5,
    114,
    0,
    0,
    199,
    28,
    1,
    0,
    0,
    0,
    200,
    201,
    5,
    68,
    0,
    0,
    201,
    202,
    5,
    101,
    0,
    0,
    202,
    203,
    5,
    99,
    0,
    0,
    203,
    204,
    5,
    105,
    0,
    0,
    204,
    205,
    5,
    115,
    0,
    0,
    205,
    206,
    5,
    105,
    0,
    0,
    206,
    207,
    5,
    111,
    0,
    0,
    207,
    208,
    5,
    110,
    0,
    0,
    208,
    209,
    5,
    84,
    0,
    0,
    209,
    210,
    5,
    114,
    0,
    0,
    210,
    211,
    5,
    101,
    0,
    0,
    211,
    212,
    5,
    101,
    0,
    0,
    212,
    213,
    5,
    67,
    0,
    0,
    213,
    214,
    5,
    108,
    0,
    0,
    214,
    215,
    5,
    97,
    0,
    0,
    215,
    216,
    5,
    115,
    0,
    0,
    216,
    217,
    5,
    115,
    0,
    0,
    217,
    218,
    5,
    105,
    0,
    0,
    218,
    219,
    5,
    102,
    0,
    0,
    219,
    220,
    5,
    105,
    0,
    0,
    220,
    221,
    5,
    99,
    0,
    0,
    221,
    222,
    5,
    97,
    0,
    0,
    222,
    223,
    5,
    116,
    0,
    0,
    223,
    224,
    5,
    105,
    0,
    0,
    224,
    225,
    5,
    111,
    0,
    0,
    225,
    226,
    5,
    110,
    0,
    0,
    226,
    227,
    5,
    77,
    0,
    0,
    227,
    228,
    5,
    111,
    0,
    0,
    228,
    229,
    5,
    100,
    0,
    0,
    229,
    230,
    5,
    101,
    0,
    0,
    230,
    231,
    5,
    108,
    0,
    0,
    231,
    30,
    1,
    0,
    0,
    0,
    232,
    233,
    5,
    68,
    0,
    0,
    233,
    234,
    5,
    101,
    0,
    0,
    234,
    235,
    5,
    99,
    0,
    0,
    235,
    236,
    5,
    105,
    0,
    0,
    236,
    237,
    5,
    115,
    0,
    0,
    237,
    238,
    5,
    105,
    0,
    0,
    238,
    239,
    5,
    111,
    0,
    0,
    239,
    240,
    5,
    110,
    0,
    0,
    240,
    241,
    5,
    84,
    0,
    0,
    241,
    242,
    5,
    114,
    0,
    0,
    242,
    243,
    5,
    101,
    0,
    0,
    243,
    244,
    5,
    101,
    0,
    0,
    244,
    245,
    5,
    82,
    0,
    0,
    245,
    246,
    5,
    101,
    0,
    0,
    246,
    247,
    5,
    103,
    0,
    0,
    247,
    248,
    5,
    114,
    0,
    0,
    248,
    249,
    5,
    101,
    0,
    0,
    249,
    250,
    5,
    115,
    0,
    0,
    250,
    251,
    5,
    115,
    0,
    0,
    251,
    252,
    5,
    105,
    0,
    0,
    252,
    253,
    5,
    111,
    0,
    0,
    253,
    254,
    5,
    110,
    0,
    0,
    254,
    255,
    5,
    77,
    0,
    0,
    255,
    256,
    5,
    111,
    0,
    0,
    256,
    257,
    5,
    100,
    0,
    0,
    257,
    258,
    5,
    101,
    0,
    0,
    258,
    259,
    5,
    108,
    0,
    0,
    259,
    32,
    1,
    0,
    0,
    0,
    260,
    261,
    5,
    82,
    0,
    0,
    261,
    262,
    5,
    97,
    0,
    0,
    262,
    263,
    5,
    110,
    0,
    0,
    263,
    264,
    5,
    100,
    0,
    0,
    264,
    265,
    5,
    111,
    0,
    0,
    265,
    266,
    5,
    109,
    0,
    0,
    266,
    267,
    5,
    70,
    0,
    0,
    267,
    268,
    5,
    111,
    0,
    0,
    268,
    269,
    5,
    114,
    0,
    0,
    269,
    270,
    5,
    101,
    0,
    0,
    270,
    271,
    5,
    115,
    0,
    0,
    271,
    272,
    5,
    116,
    0,
    0,
    272,
    273,
    5,
    67,
    0,
    0,
    273,
    274,
    5,
    108,
    0,
    0,
    274,
    275,
    5,
    97,
    0,
    0,
    275,
    276,
    5,
    115,
    0,
    0,
    276,
    277,
    5,
    115,
    0,
    0,
    277,
    278,
    5,
    105,
    0,
    0,
    278,
    279,
    5,
    102,
    0,
    0,
    279,
    280,
    5,
    105,
    0,
    0,
    280,
    281,
    5,
    99,
    0,
    0,
    281,
    282,
    5,
    97,
    0,
    0,
    282,
    283,
    5,
    116,
    0,
    0,
    283,
    284,
    5,
    105,
    0,
    0,
    284,
    285,
    5,
    111,
    0,
    0,
    285,
    286,
    5,
    110,
    0,
    0,
    286,
    287,
    5,
    77,
    0,
    0,
    287,
    288,
    5,
    111,
    0,
    0,
    288,
    289,
    5,
    100,
    0,
    0,
    289,
    290,
    5,
    101,
    0,
    0,
    290,
    291,
    5,
    108,
    0,
    0,
    291,
    34,
    1,
    0,
    0,
    0,
    292,
    293,
    5,
    82,
    0,
    0,
    293,
    294,
    5,
    97,
    0,
    0,
    294,
    295,
    5,
    110,
    0,
    0,
    295,
    296,
    5,
    100,
    0,
    0,
    296,
    297,
    5,
    111,
    0,
    0,
    297,
    298,
    5,
    109,
    0,
    0,
    298,
    299,
    5,
    70,
    0,
    0,
    299,
    300,
    5,
    111,
    0,
    0,
    300,
    301,
    5,
    114,
    0,
    0,
    301,
    302,
    5,
    101,
    0,
    0,
    302,
    303,
    5,
    115,
    0,
    0,
    303,
    304,
    5,
    116,
    0,
    0,
    304,
    305,
    5,
    82,
    0,
    0,
    305,
    306,
    5,
    101,
    0,
    0,
    306,
    307,
    5,
    103,
    0,
    0,
    307,
    308,
    5,
    114,
    0,
    0,
    308,
    309,
    5,
    101,
    0,
    0,
    309,
    310,
    5,
    115,
    0,
    0,
    310,
    311,
    5,
    115,
    0,
    0,
    311,
    312,
    5,
    105,
    0,
    0,
    312,
    313,
    5,
    111,
    0,
    0,
    313,
    314,
    5,
    110,
    0,
    0,
    314,
    315,
    5,
    77,
    0,
    0,
    315,
    316,
    5,
    111,
    0,
    0,
    316,
    317,
    5,
    100,
    0,
    0,
    317,
    318,
    5,
    101,
    0,
    0,
    318,
    319,
    5,
    108,
    0,
    0,
    319,
    36,
    1,
    0,
    0,
    0,
    320,
    321,
    5,
    71,
    0,
    0,
    321,
    322,
    5,
    66,
    0,
    0,
    322,
    323,
    5,
    84,
    0,
    0,
    323,
    324,
    5,
    67,
    0,
    0,
    324,
    325,
    5,
    108,
    0,
    0,
    325,
    326,
    5,
    97,
    0,
    0,
    326,
    327,
    5,
    115,
    0,
    0,
    327,
    328,
    5,
    115,
    0,
    0,
    328,
    329,
    5,
    105,
    0,
    0,
    329,
    330,
    5,
    102,
    0,
    0,
    330,
    331,
    5,
    105,
    0,
    0,
    331,
    332,
    5,
    99,
    0,
    0,
    332,
    333,
    5,
    97,
    0,
    0,
    333,
    334,
    5,
    116,
    0,
    0,
    334,
    335,
    5,
    105,
    0,
    0,
    335,
    336,
    5,
    111,
    0,
    0,
    336,
    337,
    5,
    110,
    0,
    0,
    337,
    338,
    5,
    77,
    0,
    0,
    338,
    339,
    5,
    111,
    0,
    0,
    339,
    340,
    5,
    100,
    0,
    0,
    340,
    341,
    5,
    101,
    0,
    0,
    341,
    342,
    5,
    108,
    0,
    0,
    342,
    38,
    1,
    0,
    0,
    0,
    343,
    344,
    5,
    71,
    0,
    0,
    344,
    345,
    5,
    66,
    0,
    0,
    345,
    346,
    5,
    84,
    0,
    0,
    346,
    347,
    5,
    82,
    0,
    0,
    347,
    348,
    5,
    101,
    0,
    0,
    348,
    349,
    5,
    103,
    0,
    0,
    349,
    350,
    5,
    114,
    0,
    0,
    350,
    351,
    5,
    101,
    0,
    0,
    351,
    352,
    5,
    115,
    0,
    0,
    352,
    353,
    5,
    115,
    0,
    0,
    353,
    354,
    5,
    105,
    0,
    0,
    354,
    355,
    5,
    111,
    0,
    0,
    355,
    356,
    5,
    110,
    0,
    0,
    356,
    357,
    5,
    77,
    0,
    0,
    357,
    358,
    5,
    111,
    0,
    0,
    358,
    359,
    5,
    100,
    0,
    0,
    359,
    360,
    5,
    101,
    0,
    0,
    360,
    361,
    5,
    108,
    0,
    0,
    361,
    40,
    1,
    0,
    0,
    0,
    362,
    363,
    5,
    40,
    0,
    0,
    363,
    42,
    1,
    0,
    0,
    0,
    364,
    365,
    5,
    117,
    0,
    0,
    365,
    366,
    5,
    105,
    0,
    0,
    366,
    367,
    5,
    100,
    0,
    0,
    367,
    44,
    1,
    0,
    0,
    0,
    368,
    369,
    5,
    61,
    0,
    0,
    369,
    46,
    1,
    0,
    0,
    0,
    370,
    371,
    5,
    41,
    0,
    0,
    371,
    48,
    1,
    0,
    0,
    0,
    372,
    373,
    5,
    102,
    0,
    0,
    373,
    374,
    5,
    101,
    0,
    0,
    374,
    375,
    5,
    97,
    0,
    0,
    375,
    376,
    5,
    116,
    0,
    0,
    376,
    377,
    5,
    117,
    0,
    0,
    377,
    378,
    5,
    114,
    0,
    0,
    378,
    379,
    5,
    101,
    0,
    0,
    379,
    50,
    1,
    0,
    0,
    0,
    380,
    381,
    5,
    119,
    0,
    0,
    381,
    382,
    5,
    101,
    0,
    0,
    382,
    383,
    5,
    105,
    0,
    0,
    383,
    384,
    5,
    103,
    0,
    0,
    384,
    385,
    5,
    104,
    0,
    0,
    385,
    386,
    5,
    116,
    0,
    0,
    386,
    52,
    1,
    0,
    0,
    0,
    387,
    388,
    5,
    84,
    0,
    0,
    388,
    389,
    5,
    114,
    0,
    0,
    389,
    390,
    5,
    101,
    0,
    0,
    390,
    391,
    5,
    101,
    0,
    0,
    391,
    54,
    1,
    0,
    0,
    0,
    392,
    393,
    5,
    73,
    0,
    0,
    393,
    394,
    5,
    102,
    0,
    0,
    394,
    56,
    1,
    0,
    0,
    0,
    395,
    396,
    5,
    69,
    0,
    0,
    396,
    397,
    5,
    108,
    0,
    0,
    397,
    398,
    5,
    115,
    0,
    0,
    398,
    399,
    5,
    101,
    0,
    0,
    399,
    58,
    1,
    0,
    0,
    0,
    400,
    401,
    5,
    80,
    0,
    0,
    401,
    402,
    5,
    114,
    0,
    0,
    402,
    403,
    5,
    101,
    0,
    0,
    403,
    404,
    5,
    100,
    0,
    0,
    404,
    405,
    5,
    105,
    0,
    0,
    405,
    406,
    5,
    99,
    0,
    0,
    406,
    407,
    5,
    116,
    0,
    0,
    407,
    60,
    1,
    0,
    0,
    0,
    408,
    409,
    5,
    60,
    0,
    0,
    409,
    410,
    5,
    61,
    0,
    0,
    410,
    62,
    1,
    0,
    0,
    0,
    411,
    412,
    5,
    62,
    0,
    0,
    412,
    64,
    1,
    0,
    0,
    0,
    413,
    414,
    5,
    105,
    0,
    0,
    414,
    415,
    5,
    110,
    0,
    0,
    415,
    66,
    1,
    0,
    0,
    0,
    416,
    417,
    5,
    110,
    0,
    0,
    417,
    418,
    5,
    111,
    0,
    0,
    418,
    419,
    5,
    116,
    0,
    0,
    419,
    68,
    1,
    0,
    0,
    0,
    420,
    421,
    5,
    123,
    0,
    0,
    421,
    70,
    1,
    0,
    0,
    0,
    422,
    423,
    5,
    125,
    0,
    0,
    423,
    72,
    1,
    0,
    0,
    0,
    424,
    426,
    5,
    45,
    0,
    0,
    425,
    424,
    1,
    0,
    0,
    0,
    425,
    426,
    1,
    0,
    0,
    0,
    426,
    427,
    1,
    0,
    0,
    0,
    427,
    428,
    3,
    81,
    40,
    0,
    428,
    429,
    5,
    46,
    0,
    0,
    429,
    431,
    3,
    81,
    40,
    0,
    430,
    432,
    3,
    83,
    41,
    0,
    431,
    430,
    1,
    0,
    0,
    0,
    431,
    432,
    1,
    0,
    0,
    0,
    432,
    456,
    1,
    0,
    0,
    0,
    433,
    435,
    5,
    45,
    0,
    0,
    434,
    433,
    1,
    0,
    0,
    0,
    434,
    435,
    1,
    0,
    0,
    0,
    435,
    436,
    1,
    0,
    0,
    0,
    436,
    437,
    3,
    81,
    40,
    0,
    437,
    438,
    3,
    83,
    41,
    0,
    438,
    456,
    1,
    0,
    0,
    0,
    439,
    440,
    5,
    45,
    0,
    0,
    440,
    456,
    3,
    81,
    40,
    0,
    441,
    442,
    5,
    78,
    0,
    0,
    442,
    443,
    5,
    97,
    0,
    0,
    443,
    456,
    5,
    78,
    0,
    0,
    444,
    446,
    5,
    45,
    0,
    0,
    445,
    444,
    1,
    0,
    0,
    0,
    445,
    446,
    1,
    0,
    0,
    0,
    446,
    447,
    1,
    0,
    0,
    0,
    447,
    448,
    5,
    73,
    0,
    0,
    448,
    449,
    5,
    110,
    0,
    0,
    449,
    450,
    5,
    102,
    0,
    0,
    450,
    451,
    5,
    105,
    0,
    0,
    451,
    452,
    5,
    110,
    0,
    0,
    452,
    453,
    5,
    105,
    0,
    0,
    453,
    454,
    5,
    116,
    0,
    0,
    454,
    456,
    5,
    121,
    0,
    0,
    455,
    425,
    1,
    0,
    0,
    0,
    455,
    434,
    1,
    0,
    0,
    0,
    455,
    439,
    1,
    0,
    0,
    0,
    455,
    441,
    1,
    0,
    0,
    0,
    455,
    445,
    1,
    0,
    0,
    0,
    456,
    74,
    1,
    0,
    0,
    0,
    457,
    458,
    3,
    81,
    40,
    0,
    458,
    76,
    1,
    0,
    0,
    0,
    459,
    463,
    7,
    0,
    0,
    0,
    460,
    462,
    7,
    1,
    0,
    0,
    461,
    460,
    1,
    0,
    0,
    0,
    462,
    465,
    1,
    0,
    0,
    0,
    463,
    461,
    1,
    0,
    0,
    0,
    463,
    464,
    1,
    0,
    0,
    0,
    464,
    78,
    1,
    0,
    0,
    0,
    465,
    463,
    1,
    0,
    0,
    0,
    466,
    468,
    7,
    2,
    0,
    0,
    467,
    466,
    1,
    0,
    0,
    0,
    468,
    469,
    1,
    0,
    0,
    0,
    469,
    467,
    1,
    0,
    0,
    0,
    469,
    470,
    1,
    0,
    0,
    0,
    470,
    471,
    1,
    0,
    0,
    0,
    471,
    472,
    6,
    39,
    0,
    0,
    472,
    80,
    1,
    0,
    0,
    0,
    473,
    475,
    7,
    3,
    0,
    0,
    474,
    473,
    1,
    0,
    0,
    0,
    475,
    476,
    1,
    0,
    0,
    0,
    476,
    474,
    1,
    0,
    0,
    0,
    476,
    477,
    1,
    0,
    0,
    0,
    477,
    82,
    1,
    0,
    0,
    0,
    478,
    480,
    7,
    4,
    0,
    0,
    479,
    481,
    7,
    5,
    0,
    0,
    480,
    479,
    1,
    0,
    0,
    0,
    480,
    481,
    1,
    0,
    0,
    0,
    481,
    482,
    1,
    0,
    0,
    0,
    482,
    483,
    3,
    81,
    40,
    0,
    483,
    84,
    1,
    0,
    0,
    0,
    10,
    0,
    425,
    431,
    434,
    445,
    455,
    463,
    469,
    476,
    480,
    1,
    6,
    0,
    0
  ];
  static __ATN;
  static get _ATN() {
    if (!_SparkTreeLexer.__ATN) {
      _SparkTreeLexer.__ATN = new antlr.ATNDeserializer().deserialize(_SparkTreeLexer._serializedATN);
    }
    return _SparkTreeLexer.__ATN;
  }
  static vocabulary = new antlr.Vocabulary(_SparkTreeLexer.literalNames, _SparkTreeLexer.symbolicNames, []);
  get vocabulary() {
    return _SparkTreeLexer.vocabulary;
  }
  static decisionsToDFA = _SparkTreeLexer._ATN.decisionToState.map((ds, index) => new antlr.DFA(ds, index));
};

// grammar/generated/SparkTree/SparkTreeParser.ts
import * as antlr2 from "antlr4ng";
var SparkTreeParser = class _SparkTreeParser extends antlr2.Parser {
  static T__0 = 1;
  static T__1 = 2;
  static T__2 = 3;
  static T__3 = 4;
  static T__4 = 5;
  static T__5 = 6;
  static T__6 = 7;
  static T__7 = 8;
  static T__8 = 9;
  static T__9 = 10;
  static T__10 = 11;
  static T__11 = 12;
  static T__12 = 13;
  static T__13 = 14;
  static T__14 = 15;
  static T__15 = 16;
  static T__16 = 17;
  static T__17 = 18;
  static T__18 = 19;
  static T__19 = 20;
  static T__20 = 21;
  static T__21 = 22;
  static T__22 = 23;
  static T__23 = 24;
  static T__24 = 25;
  static T__25 = 26;
  static T__26 = 27;
  static T__27 = 28;
  static T__28 = 29;
  static T__29 = 30;
  static T__30 = 31;
  static T__31 = 32;
  static T__32 = 33;
  static T__33 = 34;
  static T__34 = 35;
  static T__35 = 36;
  static NUMBER = 37;
  static INT = 38;
  static WORD = 39;
  static WS = 40;
  static RULE_model = 0;
  static RULE_body = 1;
  static RULE_header = 2;
  static RULE_taskWord = 3;
  static RULE_mlClass = 4;
  static RULE_uid = 5;
  static RULE_keyValue = 6;
  static RULE_word = 7;
  static RULE_ensembleTree = 8;
  static RULE_nodeItems = 9;
  static RULE_nodeItem = 10;
  static RULE_condition = 11;
  static RULE_categorySet = 12;
  static RULE_number = 13;
  static literalNames = [
    null,
    "'DecisionTreeModel'",
    "'of'",
    "'depth'",
    "'with'",
    "'nodes'",
    "'TreeEnsembleModel'",
    "'RandomForestModel'",
    "'trees'",
    "'and'",
    "'total'",
    "':'",
    "','",
    "'classifier'",
    "'regressor'",
    "'DecisionTreeClassificationModel'",
    "'DecisionTreeRegressionModel'",
    "'RandomForestClassificationModel'",
    "'RandomForestRegressionModel'",
    "'GBTClassificationModel'",
    "'GBTRegressionModel'",
    "'('",
    "'uid'",
    "'='",
    "')'",
    "'feature'",
    "'weight'",
    "'Tree'",
    "'If'",
    "'Else'",
    "'Predict'",
    "'<='",
    "'>'",
    "'in'",
    "'not'",
    "'{'",
    "'}'"
  ];
  static symbolicNames = [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "NUMBER",
    "INT",
    "WORD",
    "WS"
  ];
  static ruleNames = [
    "model",
    "body",
    "header",
    "taskWord",
    "mlClass",
    "uid",
    "keyValue",
    "word",
    "ensembleTree",
    "nodeItems",
    "nodeItem",
    "condition",
    "categorySet",
    "number"
  ];
  get grammarFileName() {
    return "SparkTree.g4";
  }
  get literalNames() {
    return _SparkTreeParser.literalNames;
  }
  get symbolicNames() {
    return _SparkTreeParser.symbolicNames;
  }
  get ruleNames() {
    return _SparkTreeParser.ruleNames;
  }
  get serializedATN() {
    return _SparkTreeParser._serializedATN;
  }
  createFailedPredicateException(predicate, message) {
    return new antlr2.FailedPredicateException(this, predicate, message);
  }
  constructor(input) {
    super(input);
    this.interpreter = new antlr2.ParserATNSimulator(this, _SparkTreeParser._ATN, _SparkTreeParser.decisionsToDFA, new antlr2.PredictionContextCache());
  }
  model() {
    let localContext = new ModelContext(this.context, this.state);
    this.enterRule(localContext, 0, _SparkTreeParser.RULE_model);
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 28;
        this.header();
        this.state = 29;
        localContext._content = this.body();
        this.state = 30;
        this.match(_SparkTreeParser.EOF);
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  body() {
    let localContext = new BodyContext(this.context, this.state);
    this.enterRule(localContext, 2, _SparkTreeParser.RULE_body);
    let _la;
    try {
      this.state = 38;
      this.errorHandler.sync(this);
      switch (this.tokenStream.LA(1)) {
        case _SparkTreeParser.T__27:
        case _SparkTreeParser.T__28:
        case _SparkTreeParser.T__29:
          localContext = new SingleTreeContext(localContext);
          this.enterOuterAlt(localContext, 1);
          {
            this.state = 32;
            localContext._root = this.nodeItems();
          }
          break;
        case _SparkTreeParser.T__26:
          localContext = new EnsembleContext(localContext);
          this.enterOuterAlt(localContext, 2);
          {
            this.state = 34;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            do {
              {
                {
                  this.state = 33;
                  localContext._ensembleTree = this.ensembleTree();
                  localContext._trees.push(localContext._ensembleTree);
                }
              }
              this.state = 36;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            } while (_la === 27);
          }
          break;
        default:
          throw new antlr2.NoViableAltException(this);
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  header() {
    let localContext = new HeaderContext(this.context, this.state);
    this.enterRule(localContext, 4, _SparkTreeParser.RULE_header);
    let _la;
    try {
      this.state = 89;
      this.errorHandler.sync(this);
      switch (this.interpreter.adaptivePredict(this.tokenStream, 6, this.context)) {
        case 1:
          localContext = new MllibTreeHeaderContext(localContext);
          this.enterOuterAlt(localContext, 1);
          {
            this.state = 40;
            this.match(_SparkTreeParser.T__0);
            this.state = 41;
            this.taskWord();
            this.state = 42;
            this.match(_SparkTreeParser.T__1);
            this.state = 43;
            this.match(_SparkTreeParser.T__2);
            this.state = 44;
            this.match(_SparkTreeParser.INT);
            this.state = 45;
            this.match(_SparkTreeParser.T__3);
            this.state = 46;
            this.match(_SparkTreeParser.INT);
            this.state = 47;
            this.match(_SparkTreeParser.T__4);
          }
          break;
        case 2:
          localContext = new MllibEnsembleHeaderContext(localContext);
          this.enterOuterAlt(localContext, 2);
          {
            this.state = 49;
            localContext._ensembleWord = this.tokenStream.LT(1);
            _la = this.tokenStream.LA(1);
            if (!(_la === 6 || _la === 7)) {
              localContext._ensembleWord = this.errorHandler.recoverInline(this);
            } else {
              this.errorHandler.reportMatch(this);
              this.consume();
            }
            this.state = 50;
            this.taskWord();
            this.state = 51;
            this.match(_SparkTreeParser.T__3);
            this.state = 52;
            this.match(_SparkTreeParser.INT);
            this.state = 53;
            this.match(_SparkTreeParser.T__7);
            this.state = 58;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 9) {
              {
                this.state = 54;
                this.match(_SparkTreeParser.T__8);
                this.state = 55;
                this.match(_SparkTreeParser.INT);
                this.state = 56;
                this.match(_SparkTreeParser.T__9);
                this.state = 57;
                this.match(_SparkTreeParser.T__4);
              }
            }
          }
          break;
        case 3:
          localContext = new MlTreeHeaderContext(localContext);
          this.enterOuterAlt(localContext, 3);
          {
            this.state = 60;
            this.mlClass();
            this.state = 62;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 21) {
              {
                this.state = 61;
                this.uid();
              }
            }
            this.state = 64;
            this.match(_SparkTreeParser.T__1);
            this.state = 65;
            this.match(_SparkTreeParser.T__2);
            this.state = 66;
            this.match(_SparkTreeParser.INT);
            this.state = 67;
            this.match(_SparkTreeParser.T__3);
            this.state = 68;
            this.match(_SparkTreeParser.INT);
            this.state = 69;
            this.match(_SparkTreeParser.T__4);
          }
          break;
        case 4:
          localContext = new MlEnsembleHeaderContext(localContext);
          this.enterOuterAlt(localContext, 4);
          {
            this.state = 71;
            this.mlClass();
            this.state = 73;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 21) {
              {
                this.state = 72;
                this.uid();
              }
            }
            this.state = 75;
            this.match(_SparkTreeParser.T__3);
            this.state = 76;
            this.match(_SparkTreeParser.INT);
            this.state = 77;
            this.match(_SparkTreeParser.T__7);
          }
          break;
        case 5:
          localContext = new MlKeyValueHeaderContext(localContext);
          this.enterOuterAlt(localContext, 5);
          {
            this.state = 79;
            this.mlClass();
            this.state = 80;
            this.match(_SparkTreeParser.T__10);
            this.state = 81;
            this.keyValue();
            this.state = 86;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 12) {
              {
                {
                  this.state = 82;
                  this.match(_SparkTreeParser.T__11);
                  this.state = 83;
                  this.keyValue();
                }
              }
              this.state = 88;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
          }
          break;
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  taskWord() {
    let localContext = new TaskWordContext(this.context, this.state);
    this.enterRule(localContext, 6, _SparkTreeParser.RULE_taskWord);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 91;
        _la = this.tokenStream.LA(1);
        if (!(_la === 13 || _la === 14)) {
          this.errorHandler.recoverInline(this);
        } else {
          this.errorHandler.reportMatch(this);
          this.consume();
        }
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  mlClass() {
    let localContext = new MlClassContext(this.context, this.state);
    this.enterRule(localContext, 8, _SparkTreeParser.RULE_mlClass);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 93;
        _la = this.tokenStream.LA(1);
        if (!((_la & ~31) === 0 && (1 << _la & 2064384) !== 0)) {
          this.errorHandler.recoverInline(this);
        } else {
          this.errorHandler.reportMatch(this);
          this.consume();
        }
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  uid() {
    let localContext = new UidContext(this.context, this.state);
    this.enterRule(localContext, 10, _SparkTreeParser.RULE_uid);
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 95;
        this.match(_SparkTreeParser.T__20);
        this.state = 96;
        this.match(_SparkTreeParser.T__21);
        this.state = 97;
        this.match(_SparkTreeParser.T__22);
        this.state = 98;
        this.word();
        this.state = 99;
        this.match(_SparkTreeParser.T__23);
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  keyValue() {
    let localContext = new KeyValueContext(this.context, this.state);
    this.enterRule(localContext, 12, _SparkTreeParser.RULE_keyValue);
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 101;
        this.word();
        this.state = 102;
        this.match(_SparkTreeParser.T__22);
        this.state = 105;
        this.errorHandler.sync(this);
        switch (this.tokenStream.LA(1)) {
          case _SparkTreeParser.T__2:
          case _SparkTreeParser.T__4:
          case _SparkTreeParser.T__7:
          case _SparkTreeParser.T__21:
          case _SparkTreeParser.T__24:
          case _SparkTreeParser.T__25:
          case _SparkTreeParser.WORD:
            {
              this.state = 103;
              this.word();
            }
            break;
          case _SparkTreeParser.NUMBER:
          case _SparkTreeParser.INT:
            {
              this.state = 104;
              this.number_();
            }
            break;
          default:
            throw new antlr2.NoViableAltException(this);
        }
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  word() {
    let localContext = new WordContext(this.context, this.state);
    this.enterRule(localContext, 14, _SparkTreeParser.RULE_word);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 107;
        _la = this.tokenStream.LA(1);
        if (!((_la & ~31) === 0 && (1 << _la & 104857896) !== 0 || _la === 39)) {
          this.errorHandler.recoverInline(this);
        } else {
          this.errorHandler.reportMatch(this);
          this.consume();
        }
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  ensembleTree() {
    let localContext = new EnsembleTreeContext(this.context, this.state);
    this.enterRule(localContext, 16, _SparkTreeParser.RULE_ensembleTree);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 109;
        this.match(_SparkTreeParser.T__26);
        this.state = 110;
        this.match(_SparkTreeParser.INT);
        this.state = 115;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        if (_la === 21) {
          {
            this.state = 111;
            this.match(_SparkTreeParser.T__20);
            this.state = 112;
            this.match(_SparkTreeParser.T__25);
            this.state = 113;
            localContext._weight = this.tokenStream.LT(1);
            _la = this.tokenStream.LA(1);
            if (!(_la === 37 || _la === 38)) {
              localContext._weight = this.errorHandler.recoverInline(this);
            } else {
              this.errorHandler.reportMatch(this);
              this.consume();
            }
            this.state = 114;
            this.match(_SparkTreeParser.T__23);
          }
        }
        this.state = 117;
        this.match(_SparkTreeParser.T__10);
        this.state = 118;
        localContext._tree = this.nodeItems();
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  nodeItems() {
    let localContext = new NodeItemsContext(this.context, this.state);
    this.enterRule(localContext, 18, _SparkTreeParser.RULE_nodeItems);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 121;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        do {
          {
            {
              this.state = 120;
              localContext._nodeItem = this.nodeItem();
              localContext._items.push(localContext._nodeItem);
            }
          }
          this.state = 123;
          this.errorHandler.sync(this);
          _la = this.tokenStream.LA(1);
        } while ((_la & ~31) === 0 && (1 << _la & 1879048192) !== 0);
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  nodeItem() {
    let localContext = new NodeItemContext(this.context, this.state);
    this.enterRule(localContext, 20, _SparkTreeParser.RULE_nodeItem);
    let _la;
    try {
      this.state = 138;
      this.errorHandler.sync(this);
      switch (this.tokenStream.LA(1)) {
        case _SparkTreeParser.T__27:
          this.enterOuterAlt(localContext, 1);
          {
            this.state = 125;
            localContext._kind = this.match(_SparkTreeParser.T__27);
            this.state = 126;
            this.match(_SparkTreeParser.T__20);
            this.state = 127;
            localContext._test = this.condition();
            this.state = 128;
            this.match(_SparkTreeParser.T__23);
          }
          break;
        case _SparkTreeParser.T__28:
          this.enterOuterAlt(localContext, 2);
          {
            this.state = 130;
            localContext._kind = this.match(_SparkTreeParser.T__28);
            this.state = 131;
            this.match(_SparkTreeParser.T__20);
            this.state = 132;
            localContext._test = this.condition();
            this.state = 133;
            this.match(_SparkTreeParser.T__23);
          }
          break;
        case _SparkTreeParser.T__29:
          this.enterOuterAlt(localContext, 3);
          {
            this.state = 135;
            localContext._kind = this.match(_SparkTreeParser.T__29);
            this.state = 136;
            this.match(_SparkTreeParser.T__10);
            this.state = 137;
            localContext._value = this.tokenStream.LT(1);
            _la = this.tokenStream.LA(1);
            if (!(_la === 37 || _la === 38)) {
              localContext._value = this.errorHandler.recoverInline(this);
            } else {
              this.errorHandler.reportMatch(this);
              this.consume();
            }
          }
          break;
        default:
          throw new antlr2.NoViableAltException(this);
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  condition() {
    let localContext = new ConditionContext(this.context, this.state);
    this.enterRule(localContext, 22, _SparkTreeParser.RULE_condition);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 140;
        this.match(_SparkTreeParser.T__24);
        this.state = 141;
        localContext._feature = this.match(_SparkTreeParser.INT);
        this.state = 151;
        this.errorHandler.sync(this);
        switch (this.tokenStream.LA(1)) {
          case _SparkTreeParser.T__30:
            {
              this.state = 142;
              localContext._operator = this.match(_SparkTreeParser.T__30);
              this.state = 143;
              localContext._threshold = this.tokenStream.LT(1);
              _la = this.tokenStream.LA(1);
              if (!(_la === 37 || _la === 38)) {
                localContext._threshold = this.errorHandler.recoverInline(this);
              } else {
                this.errorHandler.reportMatch(this);
                this.consume();
              }
            }
            break;
          case _SparkTreeParser.T__31:
            {
              this.state = 144;
              localContext._operator = this.match(_SparkTreeParser.T__31);
              this.state = 145;
              localContext._threshold = this.tokenStream.LT(1);
              _la = this.tokenStream.LA(1);
              if (!(_la === 37 || _la === 38)) {
                localContext._threshold = this.errorHandler.recoverInline(this);
              } else {
                this.errorHandler.reportMatch(this);
                this.consume();
              }
            }
            break;
          case _SparkTreeParser.T__32:
            {
              this.state = 146;
              localContext._operator = this.match(_SparkTreeParser.T__32);
              this.state = 147;
              localContext._categories = this.categorySet();
            }
            break;
          case _SparkTreeParser.T__33:
            {
              this.state = 148;
              localContext._operator = this.match(_SparkTreeParser.T__33);
              this.state = 149;
              this.match(_SparkTreeParser.T__32);
              this.state = 150;
              localContext._categories = this.categorySet();
            }
            break;
          default:
            throw new antlr2.NoViableAltException(this);
        }
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  categorySet() {
    let localContext = new CategorySetContext(this.context, this.state);
    this.enterRule(localContext, 24, _SparkTreeParser.RULE_categorySet);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 153;
        this.match(_SparkTreeParser.T__34);
        this.state = 162;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        if (_la === 37 || _la === 38) {
          {
            this.state = 154;
            localContext.__tset463 = this.tokenStream.LT(1);
            _la = this.tokenStream.LA(1);
            if (!(_la === 37 || _la === 38)) {
              localContext.__tset463 = this.errorHandler.recoverInline(this);
            } else {
              this.errorHandler.reportMatch(this);
              this.consume();
            }
            localContext._categories.push(localContext.__tset463);
            this.state = 159;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 12) {
              {
                {
                  this.state = 155;
                  this.match(_SparkTreeParser.T__11);
                  this.state = 156;
                  localContext.__tset476 = this.tokenStream.LT(1);
                  _la = this.tokenStream.LA(1);
                  if (!(_la === 37 || _la === 38)) {
                    localContext.__tset476 = this.errorHandler.recoverInline(this);
                  } else {
                    this.errorHandler.reportMatch(this);
                    this.consume();
                  }
                  localContext._categories.push(localContext.__tset476);
                }
              }
              this.state = 161;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
          }
        }
        this.state = 164;
        this.match(_SparkTreeParser.T__35);
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  number_() {
    let localContext = new NumberContext(this.context, this.state);
    this.enterRule(localContext, 26, _SparkTreeParser.RULE_number);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 166;
        _la = this.tokenStream.LA(1);
        if (!(_la === 37 || _la === 38)) {
          this.errorHandler.recoverInline(this);
        } else {
          this.errorHandler.reportMatch(this);
          this.consume();
        }
      }
    } catch (re) {
      if (re instanceof antlr2.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  static _serializedATN = [
    4,
    1,
    40,
    169,
    2,
    0,
    7,
    0,
    2,
    1,
    7,
    1,
    2,
    2,
    7,
    2,
    2,
    3,
    7,
    3,
    2,
    4,
    7,
    4,
    2,
    5,
    7,
    5,
    2,
    6,
    7,
    6,
    2,
    7,
    7,
    7,
    2,
    8,
    7,
    8,
    2,
    9,
    7,
    9,
    2,
    10,
    7,
    10,
    2,
    11,
    7,
    11,
    2,
    12,
    7,
    12,
    2,
    13,
    7,
    13,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    0,
    1,
    1,
    1,
    1,
    4,
    1,
    35,
    8,
    1,
    11,
    1,
    12,
    1,
    36,
    3,
    1,
    39,
    8,
    1,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    3,
    2,
    59,
    8,
    2,
    1,
    2,
    1,
    2,
    3,
    2,
    63,
    8,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    3,
    2,
    74,
    8,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    5,
    2,
    85,
    8,
    2,
    10,
    2,
    12,
    2,
    88,
    9,
    2,
    3,
    2,
    90,
    8,
    2,
    1,
    3,
    1,
    3,
    1,
    4,
    1,
    4,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    3,
    6,
    106,
    8,
    6,
    1,
    7,
    1,
    7,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    3,
    8,
    116,
    8,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    9,
    4,
    9,
    122,
    8,
    9,
    11,
    9,
    12,
    9,
    123,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    3,
    10,
    139,
    8,
    10,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    3,
    11,
    152,
    8,
    11,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    5,
    12,
    158,
    8,
    12,
    10,
    12,
    12,
    12,
    161,
    9,
    12,
    3,
    12,
    163,
    8,
    12,
    1,
    12,
    1,
    12,
    1,
    13,
    1,
    13,
    1,
    13,
    0,
    0,
    14,
    0,
    2,
    4,
    6,
    8,
    10,
    12,
    14,
    16,
    18,
    20,
    22,
    24,
    26,
    0,
    5,
    1,
    0,
    6,
    7,
    1,
    0,
    13,
    14,
    1,
    0,
    15,
    20,
    6,
    0,
    3,
    3,
    5,
    5,
    8,
    8,
    22,
    22,
    25,
    26,
    39,
    39,
    1,
    0,
    37,
    38,
    174,
    0,
    28,
    1,
    0,
    0,
    0,
    2,
    38,
    1,
    0,
    0,
    0,
    4,
    89,
    1,
    0,
    0,
    0,
    6,
    91,
    1,
    0,
    0,
    0,
    8,
    93,
    1,
    0,
    0,
    0,
    10,
    95,
    1,
    0,
    0,
    0,
    12,
    101,
    1,
    0,
    0,
    0,
    14,
    107,
    1,
    0,
    0,
    0,
    16,
    109,
    1,
    0,
    0,
    0,
    18,
    121,
    1,
    0,
    0,
    0,
    20,
    138,
    1,
    0,
    0,
    0,
    22,
    140,
    1,
    0,
    0,
    0,
    24,
    153,
    1,
    0,
    0,
    0,
    26,
    166,
    1,
    0,
    0,
    0,
    28,
    29,
    3,
    4,
    2,
    0,
    29,
    30,
    3,
    2,
    1,
    0,
    30,
    31,
    5,
    0,
    0,
    1,
    31,
    1,
    1,
    0,
    0,
    0,
    32,
    39,
    3,
    18,
    9,
    0,
    33,
    35,
    3,
    16,
    8,
    0,
    34,
    33,
    1,
    0,
    0,
    0,
    35,
    36,
    1,
    0,
    0,
    0,
    36,
    34,
    1,
    0,
    0,
    0,
    36,
    37,
    1,
    0,
    0,
    0,
    37,
    39,
    1,
    0,
    0,
    0,
    38,
    32,
    1,
    0,
    0,
    0,
    38,
    34,
    1,
    0,
    0,
    0,
    39,
    3,
    1,
    0,
    0,
    0,
    40,
    41,
    5,
    1,
    0,
    0,
    41,
    42,
    3,
    6,
    3,
    0,
    42,
    43,
    5,
    2,
    0,
    0,
    43,
    44,
    5,
    3,
    0,
    0,
    44,
    45,
    5,
    38,
    0,
    0,
    45,
    46,
    5,
    4,
    0,
    0,
    46,
    47,
    5,
    38,
    0,
    0,
    47,
    48,
    5,
    5,
    0,
    0,
    48,
    90,
    1,
    0,
    0,
    0,
    49,
    50,
    7,
    0,
    0,
    0,
    50,
    51,
    3,
    6,
    3,
    0,
    51,
    52,
    5,
    4,
    0,
    0,
    52,
    53,
    5,
    38,
    0,
    0,
    53,
    58,
    5,
    8,
    0,
    0,
    54,
    55,
    5,
    9,
    0,
    0,
    55,
    56,
    5,
    38,
    0,
    0,
    56,
    57,
    5,
    10,
    0,
    0,
    57,
    59,
    5,
    5,
    0,
    0,
    58,
    54,
    1,
    0,
    0,
    0,
    58,
    59,
    1,
    0,
    0,
    0,
    59,
    90,
    1,
    0,
    0,
    0,
    60,
    62,
    3,
    8,
    4,
    0,
    61,
    63,
    3,
    10,
    5,
    0,
    62,
    61,
    1,
    0,
    0,
    0,
    62,
    63,
    1,
    0,
    0,
    0,
    63,
    64,
    1,
    0,
    0,
    0,
    64,
    65,
    5,
    2,
    0,
    0,
    65,
    66,
    5,
    3,
    0,
    0,
    66,
    67,
    5,
    38,
    0,
    0,
    67,
    68,
    5,
    4,
    0,
    0,
    68,
    69,
    5,
    38,
    0,
    0,
    69,
    70,
    5,
    5,
    0,
    0,
    70,
    90,
    1,
    0,
    0,
    0,
    71,
    73,
    3,
    8,
    4,
    0,
    72,
    74,
    3,
    10,
    5,
    0,
    73,
    72,
    1,
    0,
    0,
    0,
    73,
    74,
    1,
    0,
    0,
    0,
    74,
    75,
    1,
    0,
    0,
    0,
    75,
    76,
    5,
    4,
    0,
    0,
    76,
    77,
    5,
    38,
    0,
    0,
    77,
    78,
    5,
    8,
    0,
    0,
    78,
    90,
    1,
    0,
    0,
    0,
    79,
    80,
    3,
    8,
    4,
    0,
    80,
    81,
    5,
    11,
    0,
    0,
    81,
    86,
    3,
    12,
    6,
    0,
    82,
    83,
    5,
    12,
    0,
    0,
    83,
    85,
    3,
    12,
    6,
    0,
    84,
    82,
    1,
    0,
    0,
    0,
    85,
    88,
    1,
    0,
    0,
    0,
    86,
    84,
    1,
    0,
    0,
    0,
    86,
    87,
    1,
    0,
    0,
    0,
    87,
    90,
    1,
    0,
    0,
    0,
    88,
    86,
    1,
    0,
    0,
    0,
    89,
    40,
    1,
    0,
    0,
    0,
    89,
    49,
    1,
    0,
    0,
    0,
    89,
    60,
    1,
    0,
    0,
    0,
    89,
    71,
    1,
    0,
    0,
    0,
    89,
    79,
    1,
    0,
    0,
    0,
    90,
    5,
    1,
    0,
    0,
    0,
    91,
    92,
    7,
    1,
    0,
    0,
    92,
    7,
    1,
    0,
    0,
    0,
    93,
    94,
    7,
    2,
    0,
    0,
    94,
    9,
    1,
    0,
    0,
    0,
    95,
    96,
    5,
    21,
    0,
    0,
    96,
    97,
    5,
    22,
    0,
    0,
    97,
    98,
    5,
    23,
    0,
    0,
    98,
    99,
    3,
    14,
    7,
    0,
    99,
    100,
    5,
    24,
    0,
    0,
    100,
    11,
    1,
    0,
    0,
    0,
    101,
    102,
    3,
    14,
    7,
    0,
    102,
    105,
    5,
    23,
    0,
    0,
    103,
    106,
    3,
    14,
    7,
    0,
    104,
    106,
    3,
    26,
    13,
    0,
    105,
    103,
    1,
    0,
    0,
    0,
    105,
    104,
    1,
    0,
    0,
    0,
    106,
    13,
    1,
    0,
    0,
    0,
    107,
    108,
    7,
    3,
    0,
    0,
    108,
    15,
    1,
    0,
    0,
    0,
    109,
    110,
    5,
    27,
    0,
    0,
    110,
    115,
    5,
    38,
    0,
    0,
    111,
    112,
    5,
    21,
    0,
    0,
    112,
    113,
    5,
    26,
    0,
    0,
    113,
    114,
    7,
    4,
    0,
    0,
    114,
    116,
    5,
    24,
    0,
    0,
    115,
    111,
    1,
    0,
    0,
    0,
    115,
    116,
    1,
    0,
    0,
    0,
    116,
    117,
    1,
    0,
    0,
    0,
    117,
    118,
    5,
    11,
    0,
    0,
    118,
    119,
    3,
    18,
    9,
    0,
    119,
    17,
    1,
    0,
    0,
    0,
    120,
    122,
    3,
    20,
    10,
    0,
    121,
    120,
    1,
    0,
    0,
    0,
    122,
    123,
    1,
    0,
    0,
    0,
    123,
    121,
    1,
    0,
    0,
    0,
    123,
    124,
    1,
    0,
    0,
    0,
    124,
    19,
    1,
    0,
    0,
    0,
    125,
    126,
    5,
    28,
    0,
    0,
    126,
    127,
    5,
    21,
    0,
    0,
    127,
    128,
    3,
    22,
    11,
    0,
    128,
    129,
    5,
    24,
    0,
    0,
    129,
    139,
    1,
    0,
    0,
    0,
    130,
    131,
    5,
    29,
    0,
    0,
    131,
    132,
    5,
    21,
    0,
    0,
    132,
    133,
    3,
    22,
    11,
    0,
    133,
    134,
    5,
    24,
    0,
    0,
    134,
    139,
    1,
    0,
    0,
    0,
    135,
    136,
    5,
    30,
    0,
    0,
    136,
    137,
    5,
    11,
    0,
    0,
    137,
    139,
    7,
    4,
    0,
    0,
    138,
    125,
    1,
    0,
    0,
    0,
    138,
    130,
    1,
    0,
    0,
    0,
    138,
    135,
    1,
    0,
    0,
    0,
    139,
    21,
    1,
    0,
    0,
    0,
    140,
    141,
    5,
    25,
    0,
    0,
    141,
    151,
    5,
    38,
    0,
    0,
    142,
    143,
    5,
    31,
    0,
    0,
    143,
    152,
    7,
    4,
    0,
    0,
    144,
    145,
    5,
    32,
    0,
    0,
    145,
    152,
    7,
    4,
    0,
    0,
    146,
    147,
    5,
    33,
    0,
    0,
    147,
    152,
    3,
    24,
    12,
    0,
    148,
    149,
    5,
    34,
    0,
    0,
    149,
    150,
    5,
    33,
    0,
    0,
    150,
    152,
    3,
    24,
    12,
    0,
    151,
    142,
    1,
    0,
    0,
    0,
    151,
    144,
    1,
    0,
    0,
    0,
    151,
    146,
    1,
    0,
    0,
    0,
    151,
    148,
    1,
    0,
    0,
    0,
    152,
    23,
    1,
    0,
    0,
    0,
    153,
    162,
    5,
    35,
    0,
    0,
    154,
    159,
    7,
    4,
    0,
    0,
    155,
    156,
    5,
    12,
    0,
    0,
    156,
    158,
    7,
    4,
    0,
    0,
    157,
    155,
    1,
    0,
    0,
    0,
    158,
    161,
    1,
    0,
    0,
    0,
    159,
    157,
    1,
    0,
    0,
    0,
    159,
    160,
    1,
    0,
    0,
    0,
    160,
    163,
    1,
    0,
    0,
    0,
    161,
    159,
    1,
    0,
    0,
    0,
    162,
    154,
    1,
    0,
    0,
    0,
    162,
    163,
    1,
    0,
    0,
    0,
    163,
    164,
    1,
    0,
    0,
    0,
    164,
    165,
    5,
    36,
    0,
    0,
    165,
    25,
    1,
    0,
    0,
    0,
    166,
    167,
    7,
    4,
    0,
    0,
    167,
    27,
    1,
    0,
    0,
    0,
    14,
    36,
    38,
    58,
    62,
    73,
    86,
    89,
    105,
    115,
    123,
    138,
    151,
    159,
    162
  ];
  static __ATN;
  static get _ATN() {
    if (!_SparkTreeParser.__ATN) {
      _SparkTreeParser.__ATN = new antlr2.ATNDeserializer().deserialize(_SparkTreeParser._serializedATN);
    }
    return _SparkTreeParser.__ATN;
  }
  static vocabulary = new antlr2.Vocabulary(_SparkTreeParser.literalNames, _SparkTreeParser.symbolicNames, []);
  get vocabulary() {
    return _SparkTreeParser.vocabulary;
  }
  static decisionsToDFA = _SparkTreeParser._ATN.decisionToState.map((ds, index) => new antlr2.DFA(ds, index));
};
var ModelContext = class extends antlr2.ParserRuleContext {
  _content;
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  header() {
    return this.getRuleContext(0, HeaderContext);
  }
  EOF() {
    return this.getToken(SparkTreeParser.EOF, 0);
  }
  body() {
    return this.getRuleContext(0, BodyContext);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_model;
  }
  accept(visitor) {
    if (visitor.visitModel) {
      return visitor.visitModel(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var BodyContext = class extends antlr2.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_body;
  }
  copyFrom(ctx) {
    super.copyFrom(ctx);
  }
};
var SingleTreeContext = class extends BodyContext {
  _root;
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  nodeItems() {
    return this.getRuleContext(0, NodeItemsContext);
  }
  accept(visitor) {
    if (visitor.visitSingleTree) {
      return visitor.visitSingleTree(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var EnsembleContext = class extends BodyContext {
  _ensembleTree;
  _trees = [];
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  ensembleTree(i) {
    if (i === void 0) {
      return this.getRuleContexts(EnsembleTreeContext);
    }
    return this.getRuleContext(i, EnsembleTreeContext);
  }
  accept(visitor) {
    if (visitor.visitEnsemble) {
      return visitor.visitEnsemble(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var HeaderContext = class extends antlr2.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_header;
  }
  copyFrom(ctx) {
    super.copyFrom(ctx);
  }
};
var MllibTreeHeaderContext = class extends HeaderContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  taskWord() {
    return this.getRuleContext(0, TaskWordContext);
  }
  INT(i) {
    if (i === void 0) {
      return this.getTokens(SparkTreeParser.INT);
    } else {
      return this.getToken(SparkTreeParser.INT, i);
    }
  }
  accept(visitor) {
    if (visitor.visitMllibTreeHeader) {
      return visitor.visitMllibTreeHeader(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var MllibEnsembleHeaderContext = class extends HeaderContext {
  _ensembleWord;
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  taskWord() {
    return this.getRuleContext(0, TaskWordContext);
  }
  INT(i) {
    if (i === void 0) {
      return this.getTokens(SparkTreeParser.INT);
    } else {
      return this.getToken(SparkTreeParser.INT, i);
    }
  }
  accept(visitor) {
    if (visitor.visitMllibEnsembleHeader) {
      return visitor.visitMllibEnsembleHeader(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var MlTreeHeaderContext = class extends HeaderContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  mlClass() {
    return this.getRuleContext(0, MlClassContext);
  }
  INT(i) {
    if (i === void 0) {
      return this.getTokens(SparkTreeParser.INT);
    } else {
      return this.getToken(SparkTreeParser.INT, i);
    }
  }
  uid() {
    return this.getRuleContext(0, UidContext);
  }
  accept(visitor) {
    if (visitor.visitMlTreeHeader) {
      return visitor.visitMlTreeHeader(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var MlEnsembleHeaderContext = class extends HeaderContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  mlClass() {
    return this.getRuleContext(0, MlClassContext);
  }
  INT() {
    return this.getToken(SparkTreeParser.INT, 0);
  }
  uid() {
    return this.getRuleContext(0, UidContext);
  }
  accept(visitor) {
    if (visitor.visitMlEnsembleHeader) {
      return visitor.visitMlEnsembleHeader(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var MlKeyValueHeaderContext = class extends HeaderContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  mlClass() {
    return this.getRuleContext(0, MlClassContext);
  }
  keyValue(i) {
    if (i === void 0) {
      return this.getRuleContexts(KeyValueContext);
    }
    return this.getRuleContext(i, KeyValueContext);
  }
  accept(visitor) {
    if (visitor.visitMlKeyValueHeader) {
      return visitor.visitMlKeyValueHeader(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var TaskWordContext = class extends antlr2.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_taskWord;
  }
  accept(visitor) {
    if (visitor.visitTaskWord) {
      return visitor.visitTaskWord(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var MlClassContext = class extends antlr2.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_mlClass;
  }
  accept(visitor) {
    if (visitor.visitMlClass) {
      return visitor.visitMlClass(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var UidContext = class extends antlr2.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  word() {
    return this.getRuleContext(0, WordContext);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_uid;
  }
  accept(visitor) {
    if (visitor.visitUid) {
      return visitor.visitUid(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var KeyValueContext = class extends antlr2.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  word(i) {
    if (i === void 0) {
      return this.getRuleContexts(WordContext);
    }
    return this.getRuleContext(i, WordContext);
  }
  number() {
    return this.getRuleContext(0, NumberContext);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_keyValue;
  }
  accept(visitor) {
    if (visitor.visitKeyValue) {
      return visitor.visitKeyValue(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var WordContext = class extends antlr2.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  WORD() {
    return this.getToken(SparkTreeParser.WORD, 0);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_word;
  }
  accept(visitor) {
    if (visitor.visitWord) {
      return visitor.visitWord(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var EnsembleTreeContext = class extends antlr2.ParserRuleContext {
  _weight;
  _tree;
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  INT(i) {
    if (i === void 0) {
      return this.getTokens(SparkTreeParser.INT);
    } else {
      return this.getToken(SparkTreeParser.INT, i);
    }
  }
  nodeItems() {
    return this.getRuleContext(0, NodeItemsContext);
  }
  NUMBER() {
    return this.getToken(SparkTreeParser.NUMBER, 0);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_ensembleTree;
  }
  accept(visitor) {
    if (visitor.visitEnsembleTree) {
      return visitor.visitEnsembleTree(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var NodeItemsContext = class extends antlr2.ParserRuleContext {
  _nodeItem;
  _items = [];
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  nodeItem(i) {
    if (i === void 0) {
      return this.getRuleContexts(NodeItemContext);
    }
    return this.getRuleContext(i, NodeItemContext);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_nodeItems;
  }
  accept(visitor) {
    if (visitor.visitNodeItems) {
      return visitor.visitNodeItems(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var NodeItemContext = class extends antlr2.ParserRuleContext {
  _kind;
  _test;
  _value;
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  condition() {
    return this.getRuleContext(0, ConditionContext);
  }
  NUMBER() {
    return this.getToken(SparkTreeParser.NUMBER, 0);
  }
  INT() {
    return this.getToken(SparkTreeParser.INT, 0);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_nodeItem;
  }
  accept(visitor) {
    if (visitor.visitNodeItem) {
      return visitor.visitNodeItem(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var ConditionContext = class extends antlr2.ParserRuleContext {
  _feature;
  _operator;
  _threshold;
  _categories;
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  INT(i) {
    if (i === void 0) {
      return this.getTokens(SparkTreeParser.INT);
    } else {
      return this.getToken(SparkTreeParser.INT, i);
    }
  }
  categorySet() {
    return this.getRuleContext(0, CategorySetContext);
  }
  NUMBER() {
    return this.getToken(SparkTreeParser.NUMBER, 0);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_condition;
  }
  accept(visitor) {
    if (visitor.visitCondition) {
      return visitor.visitCondition(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var CategorySetContext = class extends antlr2.ParserRuleContext {
  _NUMBER;
  _categories = [];
  _INT;
  __tset463;
  __tset476;
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  NUMBER(i) {
    if (i === void 0) {
      return this.getTokens(SparkTreeParser.NUMBER);
    } else {
      return this.getToken(SparkTreeParser.NUMBER, i);
    }
  }
  INT(i) {
    if (i === void 0) {
      return this.getTokens(SparkTreeParser.INT);
    } else {
      return this.getToken(SparkTreeParser.INT, i);
    }
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_categorySet;
  }
  accept(visitor) {
    if (visitor.visitCategorySet) {
      return visitor.visitCategorySet(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var NumberContext = class extends antlr2.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  NUMBER() {
    return this.getToken(SparkTreeParser.NUMBER, 0);
  }
  INT() {
    return this.getToken(SparkTreeParser.INT, 0);
  }
  get ruleIndex() {
    return SparkTreeParser.RULE_number;
  }
  accept(visitor) {
    if (visitor.visitNumber) {
      return visitor.visitNumber(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};

// app/model/tree.ts
function linkTree(nodes) {
  if (nodes.length === 0) return "the tree has no nodes";
  const seen = new Uint8Array(nodes.length);
  const stack = [0];
  nodes[0].depth = 0;
  nodes[0].parent = -1;
  seen[0] = 1;
  let reached = 1;
  while (stack.length > 0) {
    const node = nodes[stack.pop()];
    if (node.type !== "split") continue;
    for (const child of [node.left, node.right]) {
      if (!(child >= 0 && child < nodes.length)) return `node ${node.sourceId} points to a missing child`;
      if (seen[child]) return `node ${nodes[child].sourceId} is reached twice`;
      seen[child] = 1;
      reached++;
      nodes[child].depth = node.depth + 1;
      nodes[child].parent = node.id;
      stack.push(child);
    }
  }
  if (reached !== nodes.length) {
    const orphan = nodes.find((_, index) => !seen[index]);
    return `node ${orphan.sourceId} is not reachable from the root`;
  }
  return void 0;
}

// app/formats/antlr.ts
import {
  BailErrorStrategy,
  BaseErrorListener,
  CharStream,
  CommonToken,
  CommonTokenFactory,
  CommonTokenStream,
  PredictionMode,
  Token,
  UnbufferedTokenStream
} from "antlr4ng";

// app/formats/charCodes.ts
var TAB = 9;
var NEWLINE = 10;
var CARRIAGE_RETURN = 13;
var SPACE = 32;
var COMMA = 44;
var DASH = 45;
var DOT = 46;
var ZERO = 48;
var NINE = 57;
var COLON = 58;
var LESS = 60;
var EQUALS = 61;
var OPEN_BRACKET = 91;
var CLOSE_BRACKET = 93;
var OPEN_BRACE = 123;
var BAR = 124;
var CLOSE_BRACE = 125;

// app/formats/antlr.ts
var FirstErrorListener = class extends BaseErrorListener {
  first;
  syntaxError(_recognizer, _offendingSymbol, line, column, message, _error) {
    this.first ??= { line, column: column + 1, message };
    throw new StopAtFirstError();
  }
};
var StopAtFirstError = class extends Error {
};
function humanise(message) {
  const mismatch = /^mismatched input (.*) expecting (.*)$/s.exec(message);
  if (mismatch) return `expected ${mismatch[2]} but found ${mismatch[1]}`;
  const extraneous = /^extraneous input (.*) expecting (.*)$/s.exec(message);
  if (extraneous) return `unexpected ${extraneous[1]}, expected ${extraneous[2]}`;
  const missing = /^missing (.*) at (.*)$/s.exec(message);
  if (missing) return `expected ${missing[1]} before ${missing[2]}`;
  const noViable = /^no viable alternative at input (.*)$/s.exec(message);
  if (noViable) return `unexpected text ${noViable[1]}`;
  const tokenRecognition = /^token recognition error at: (.*)$/s.exec(message);
  if (tokenRecognition) return `unexpected character ${tokenRecognition[1]}`;
  return message;
}
var StringCharStream = class {
  constructor(text) {
    this.text = text;
  }
  text;
  name = "";
  index = 0;
  reset() {
    this.index = 0;
  }
  consume() {
    this.index++;
  }
  LA(offset) {
    if (offset === 0) return 0;
    const position = this.index + (offset < 0 ? offset : offset - 1);
    return position < 0 || position >= this.text.length ? Token.EOF : this.text.charCodeAt(position);
  }
  mark() {
    return -1;
  }
  release() {
  }
  seek(index) {
    this.index = index;
  }
  getTextFromRange(start, stop) {
    return this.text.slice(start, stop + 1);
  }
  getTextFromInterval(interval) {
    return this.text.slice(interval.start, interval.stop + 1);
  }
  toString() {
    return this.text;
  }
  get size() {
    return this.text.length;
  }
  getSourceName() {
    return this.name;
  }
};
function hasSurrogates(text) {
  return /[\uD800-\uDFFF]/.test(text);
}
function charStreamOf(text) {
  return hasSurrogates(text) ? CharStream.fromString(text) : new StringCharStream(text);
}
var ScannedTokenSource = class {
  constructor(text) {
    this.text = text;
    this.inputStream = new StringCharStream(text);
    this.source = [this, this.inputStream];
  }
  text;
  line = 1;
  column = 0;
  sourceName = "";
  tokenFactory = CommonTokenFactory.DEFAULT;
  hasProblem = false;
  inputStream;
  source;
  /** A token of `type` over `text[start, stop]` (inclusive) at 1-based `line` and 0-based `column`. */
  token(type, start, stop, line, column) {
    const token = CommonToken.fromSource(this.source, type, Token.DEFAULT_CHANNEL, start, stop);
    token.line = line;
    token.column = column;
    return token;
  }
  /** Ends the stream at a place the scanner cannot (or will not) tokenise. */
  stop(at, line, column) {
    this.hasProblem = true;
    return this.token(Token.EOF, at, at - 1, line, column);
  }
  /** End of DIGITS ('.' DIGITS)? EXPONENT? from `start` (a digit), each part only when complete. */
  numberEnd(start) {
    const text = this.text;
    let end = start;
    while (isDigitCode(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end) === 46 && isDigitCode(text.charCodeAt(end + 1))) {
      end += 2;
      while (isDigitCode(text.charCodeAt(end))) end++;
    }
    const marker = text.charCodeAt(end);
    if (marker === 101 || marker === 69) {
      let digits = end + 1;
      const sign = text.charCodeAt(digits);
      if (sign === 43 || sign === 45) digits++;
      if (isDigitCode(text.charCodeAt(digits))) {
        end = digits + 1;
        while (isDigitCode(text.charCodeAt(end))) end++;
      }
    }
    return end;
  }
  /** True when `text[start, end)` is all digits. */
  isInteger(start, end) {
    for (let index = start; index < end; index++) if (!isDigitCode(this.text.charCodeAt(index))) return false;
    return true;
  }
};
function isDigitCode(code) {
  return code >= ZERO && code <= NINE;
}
var AnyErrorListener = class extends BaseErrorListener {
  hasError = false;
  syntaxError() {
    this.hasError = true;
    throw new StopAtFirstError();
  }
};
function parseWithGrammar(options) {
  const input = charStreamOf(options.text);
  const scanned = options.createTokenSource && input instanceof StringCharStream ? options.createTokenSource(options.text) : void 0;
  const lexerErrors = new AnyErrorListener();
  let fastLexer;
  if (scanned) {
    fastLexer = scanned;
  } else {
    const lexer2 = options.createLexer(input);
    lexer2.removeErrorListeners();
    lexer2.addErrorListener(lexerErrors);
    fastLexer = lexer2;
  }
  const fastParser = options.createParser(new UnbufferedTokenStream(fastLexer));
  fastParser.removeErrorListeners();
  fastParser.errorHandler = new BailErrorStrategy();
  fastParser.interpreter.predictionMode = PredictionMode.SLL;
  try {
    const tree2 = options.entry(fastParser);
    if (!lexerErrors.hasError && !scanned?.hasProblem) return tree2;
  } catch {
  }
  input.seek(0);
  const listener = new FirstErrorListener();
  const lexer = options.createLexer(input);
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = options.createParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  let tree;
  try {
    tree = options.entry(parser);
  } catch (error) {
    if (!(error instanceof StopAtFirstError)) throw error;
  }
  if (listener.first) {
    const line = listener.first.line + (options.lineOffset ?? 0);
    throw new ModelParseError({
      code: "E_PARSE_SYNTAX",
      fileName: options.fileName,
      format: options.format,
      position: { line, column: listener.first.column },
      sourceLine: sourceLineAt(options.originalText ?? options.text, line),
      detail: humanise(listener.first.message)
    });
  }
  return tree;
}

// app/formats/spark/sparkTokens.ts
import { Token as Token2 } from "antlr4ng";
var LITERALS = new Map(
  SparkTreeLexer.literalNames.flatMap((name2, type) => name2 ? [[name2.slice(1, -1), type]] : [])
);
function isWordStart(code) {
  return code >= 65 && code <= 90 || code >= 97 && code <= 122 || code === 95;
}
function isWordPart(code) {
  return isWordStart(code) || isDigitCode(code);
}
var SparkTokenSource = class extends ScannedTokenSource {
  position = 0;
  lineStart = 0;
  nextToken() {
    const text = this.text;
    let position = this.position;
    for (; ; ) {
      const code2 = text.charCodeAt(position);
      if (code2 === NEWLINE) {
        this.line++;
        this.lineStart = position + 1;
      } else if (code2 !== SPACE && code2 !== TAB && code2 !== CARRIAGE_RETURN) {
        break;
      }
      position++;
    }
    const column = position - this.lineStart;
    if (position >= text.length) {
      this.position = position;
      return this.token(Token2.EOF, position, position - 1, this.line, column);
    }
    const code = text.charCodeAt(position);
    let end = position;
    let type;
    if (isWordStart(code)) {
      end++;
      while (isWordPart(text.charCodeAt(end))) end++;
      const word = text.slice(position, end);
      type = LITERALS.get(word) ?? (word === "NaN" || word === "Infinity" ? SparkTreeLexer.NUMBER : SparkTreeLexer.WORD);
    } else if (isDigitCode(code)) {
      end = this.numberEnd(position);
      type = this.isInteger(position, end) ? SparkTreeLexer.INT : SparkTreeLexer.NUMBER;
    } else if (code === DASH) {
      if (text.startsWith("Infinity", position + 1)) {
        end = position + 9;
      } else if (isDigitCode(text.charCodeAt(position + 1))) {
        end = this.numberEnd(position + 1);
      }
      if (end > position) type = SparkTreeLexer.NUMBER;
    } else if (code === LESS) {
      if (text.charCodeAt(position + 1) === EQUALS) {
        end = position + 2;
        type = LITERALS.get("<=");
      }
    } else {
      type = LITERALS.get(text[position]);
      end = position + 1;
    }
    if (type === void 0) return this.stop(position, this.line, column);
    this.position = end;
    return this.token(type, position, end - 1, this.line, column);
  }
};

// app/formats/spark/sparkAdapter.ts
var ML_CLASS_INFO = {
  DecisionTreeClassificationModel: { kind: "tree", isClassifier: true },
  DecisionTreeRegressionModel: { kind: "tree", isClassifier: false },
  RandomForestClassificationModel: { kind: "forest", isClassifier: true },
  RandomForestRegressionModel: { kind: "forest", isClassifier: false },
  GBTClassificationModel: { kind: "gbt", isClassifier: true },
  GBTRegressionModel: { kind: "gbt", isClassifier: false }
};
function positionOf(token, lineOffset) {
  return token ? { line: token.line + lineOffset, column: token.column + 1 } : void 0;
}
function tokenNumber(token) {
  return Number(token.text);
}
function readHeader(context) {
  if (context instanceof MllibTreeHeaderContext) {
    const [depth, nodes] = context.INT().map((token) => Number(token.getText()));
    const isClassifier = context.taskWord().getText() === "classifier";
    return { api: "mllib", kind: "tree", isClassifier, className: "DecisionTreeModel", generation: "RDD API", depth, numNodes: nodes };
  }
  if (context instanceof MllibEnsembleHeaderContext) {
    const counts = context.INT().map((token) => Number(token.getText()));
    const className2 = context._ensembleWord.text;
    const isClassifier = context.taskWord().getText() === "classifier";
    return {
      api: "mllib",
      kind: className2 === "RandomForestModel" ? "forest" : "ensemble",
      isClassifier,
      className: className2,
      generation: className2 === "RandomForestModel" ? "RDD API, Spark 1.1" : "RDD API",
      numTrees: counts[0],
      numNodes: counts[1]
    };
  }
  if (context instanceof MlTreeHeaderContext || context instanceof MlEnsembleHeaderContext) {
    const className2 = context.mlClass().getText();
    const uid = context.uid()?.word().getText();
    const counts = context instanceof MlTreeHeaderContext ? context.INT().map((token) => Number(token.getText())) : [];
    return {
      api: "ml",
      ...ML_CLASS_INFO[className2],
      className: className2,
      generation: uid ? "spark.ml, Spark 1.6\u20132.4 header" : "spark.ml, Spark 1.4/1.5 header",
      uid,
      depth: counts[0],
      numNodes: counts[1],
      numTrees: context instanceof MlEnsembleHeaderContext ? Number(context.INT().getText()) : void 0
    };
  }
  const keyValues = context;
  const className = keyValues.mlClass().getText();
  const values2 = /* @__PURE__ */ new Map();
  for (const pair of keyValues.keyValue()) {
    const [key, word] = pair.word();
    values2.set(key.getText(), (pair.number() ?? word).getText());
  }
  const integer = (key) => values2.has(key) ? Number(values2.get(key)) : void 0;
  return {
    api: "ml",
    ...ML_CLASS_INFO[className],
    className,
    generation: "spark.ml, Spark 3.x header",
    uid: values2.get("uid"),
    depth: integer("depth"),
    numNodes: integer("numNodes"),
    numTrees: integer("numTrees"),
    numClasses: integer("numClasses"),
    numFeatures: integer("numFeatures")
  };
}
function readCondition(context) {
  const feature = tokenNumber(context._feature);
  const operator = context._operator.text;
  if (operator === "<=" || operator === ">") return { feature, kind: operator, threshold: tokenNumber(context._threshold) };
  const categories = context._categories._categories.map(tokenNumber);
  return { feature, kind: operator === "in" ? "in" : "not in", categories };
}
function conditionText(context) {
  const start = context.start;
  return start.inputStream.getTextFromRange(start.start, context.stop.stop).replace(/[ \t\r\n]+/g, "");
}
var SparkParser = class extends SparkTreeParser {
  body() {
    this.buildParseTrees = false;
    try {
      return super.body();
    } finally {
      this.buildParseTrees = true;
    }
  }
};
function sameCategories(a, b) {
  const sortedA = [...a].sort((x, y) => x - y);
  const sortedB = [...b].sort((x, y) => x - y);
  return sortedA.length === sortedB.length && sortedA.every((value, index) => Object.is(value, sortedB[index]));
}
var TreeBuilder = class {
  constructor(fail2, syntax, lineOffset, textLength) {
    this.fail = fail2;
    this.syntax = syntax;
    this.lineOffset = lineOffset;
    this.textLength = textLength;
  }
  fail;
  syntax;
  lineOffset;
  textLength;
  nodes = [];
  maxFeature = -1;
  hasCategorical = false;
  /**
   * Nests one tree's flat run of `If` / `Else` / `Predict` items (pre-order, so node ids equal Spark's
   * pre-order node index) with an explicit stack of open splits: any depth costs memory in proportion
   * to the file, never call stack. An item out of place is refused at its line and column.
   */
  add(tree) {
    const open = [];
    let isAwaitingElse = false;
    let isComplete = false;
    for (const item of tree._items) {
      const kind = item._kind.text;
      if (isComplete) this.syntax(item, `expected 'Tree' or the end of the file after a complete tree, found '${kind}'`);
      if (isAwaitingElse) {
        const split = open[open.length - 1];
        if (kind !== "Else") this.syntax(item, `expected 'Else' for the 'If' at line ${split.line}, found '${kind}'`);
        const elseCondition = readCondition(item._test);
        this.checkNegation(split.ifCondition, elseCondition, item._test);
        split.inRight = true;
        split.node.right = this.nodes.length;
        isAwaitingElse = false;
        continue;
      }
      if (kind === "Else") this.syntax(item, `expected 'If' or 'Predict', found an 'Else' without its 'If'`);
      const parent = open.length > 0 ? open[open.length - 1].node : void 0;
      const nodeId = this.nodes.length;
      const depth = parent ? parent.depth + 1 : 0;
      const position = positionOf(item.start, this.lineOffset);
      if (kind === "If") {
        const ifCondition = readCondition(item._test);
        const node = {
          type: "split",
          id: nodeId,
          sourceId: nodeId,
          depth,
          parent: parent?.id ?? -1,
          feature: ifCondition.feature,
          split: this.splitOf(ifCondition, item._test),
          left: nodeId + 1,
          right: -1,
          position
        };
        if (ifCondition.feature > this.maxFeature) {
          const problem = countProblem(ifCondition.feature + 1, "feature count", this.textLength);
          if (problem) this.fail(item._test, `feature ${ifCondition.feature}: ${problem}`);
          this.maxFeature = ifCondition.feature;
        }
        this.nodes.push(node);
        open.push({ node, ifCondition, line: position.line, inRight: false });
        continue;
      }
      this.nodes.push({ type: "leaf", id: nodeId, sourceId: nodeId, depth, parent: parent?.id ?? -1, value: [tokenNumber(item._value)], position });
      while (open.length > 0 && open[open.length - 1].inRight) open.pop();
      if (open.length > 0) isAwaitingElse = true;
      else isComplete = true;
    }
    if (!isComplete) {
      const last = tree._items[tree._items.length - 1];
      const split = open[open.length - 1];
      this.syntax(last, `the tree ends here, before ${isAwaitingElse ? `the 'Else' of the 'If' at line ${split.line}` : `the subtree the 'If' at line ${split.line} needs`}`);
    }
  }
  splitOf(condition, context) {
    if (condition.kind === "<=") {
      return { kind: "numeric", op: "<=", threshold: condition.threshold, missing: { mode: "compare" } };
    }
    if (condition.kind === "in") {
      this.hasCategorical = true;
      const categories = [...new Set(condition.categories)].sort((a, b) => a - b);
      return { kind: "categorical", categories, inSetGoes: "left", missingGoes: "right", match: "exact" };
    }
    return this.fail(context, `expected the left branch to test 'feature N <= T' or 'feature N in {\u2026}', found '${conditionText(context)}'`);
  }
  checkNegation(ifCondition, elseCondition, context) {
    const expected = ifCondition.kind === "<=" ? ">" : "not in";
    const matches = elseCondition.feature === ifCondition.feature && elseCondition.kind === expected && (expected === ">" ? Object.is(elseCondition.threshold, ifCondition.threshold) : sameCategories(elseCondition.categories, ifCondition.categories));
    if (!matches) {
      this.fail(context, `the Else condition must negate its If condition (feature ${ifCondition.feature} ${expected} \u2026), found '${conditionText(context)}'`);
    }
  }
};
function leafValuesAreClassIndices(trees) {
  return trees.every((tree) => tree.nodes.every((node) => node.type === "split" || Number.isInteger(node.value[0]) && node.value[0] >= 0));
}
function parseSparkText(text, fileName, options) {
  const detected = detectFormat(text);
  const startLine = detected?.kind === "spark-text" ? detected.line : 1;
  let startIndex = 0;
  for (let line = 1; line < startLine; line++) startIndex = text.indexOf("\n", startIndex) + 1;
  const lineOffset = startLine - 1;
  const warnings = [];
  if (startLine > 1 && text.slice(0, startIndex).trim() !== "") {
    warnings.push({ code: "W_WRAPPER_TEXT", message: `Skipped ${startLine - 1} line(s) of text before the Spark header.`, position: { line: 1, column: 1 } });
  }
  const failWith = (code, context, detail) => {
    const position = positionOf(context.start, lineOffset);
    throw new ModelParseError({
      code,
      fileName,
      format: "spark",
      position,
      sourceLine: sourceLineAt(text, position.line),
      detail
    });
  };
  const fail2 = (context, detail) => failWith("E_PARSE_STRUCTURE", context, detail);
  const syntax = (context, detail) => failWith("E_PARSE_SYNTAX", context, detail);
  const modelContext = parseWithGrammar({
    text: text.slice(startIndex),
    fileName,
    format: "spark",
    createLexer: (input) => new SparkTreeLexer(input),
    createParser: (tokens) => new SparkParser(tokens),
    createTokenSource: (body2) => new SparkTokenSource(body2),
    entry: (parser) => parser.model(),
    lineOffset,
    originalText: text
  });
  const header = readHeader(modelContext.header());
  const body = modelContext._content;
  const trees = [];
  let maxFeature = -1;
  let hasCategorical = false;
  const printedWeights = [];
  const addTree = (node, index, weight) => {
    const builder = new TreeBuilder(fail2, syntax, lineOffset, text.length);
    builder.add(node);
    const problem = linkTree(builder.nodes);
    if (problem) fail2(node, problem);
    maxFeature = Math.max(maxFeature, builder.maxFeature);
    hasCategorical ||= builder.hasCategorical;
    trees.push({ index, outputIndex: 0, weight, nodes: builder.nodes });
  };
  if (body instanceof SingleTreeContext) {
    if (header.kind !== "tree") fail2(body, `expected 'Tree 0' blocks after an ensemble header (${header.className})`);
    addTree(body._root, 0, 1);
  } else {
    if (header.kind === "tree") fail2(body, `expected a single tree after a ${header.className} header, found 'Tree' blocks`);
    for (const member of body._trees) {
      const weight = member._weight ? tokenNumber(member._weight) : void 0;
      if (weight !== void 0) printedWeights.push(weight);
      addTree(member._tree, trees.length, weight ?? 1);
    }
  }
  const nodeCount = trees.reduce((sum, tree) => sum + tree.nodes.length, 0);
  let depth = 0;
  for (const tree of trees) for (const node of tree.nodes) if (node.depth > depth) depth = node.depth;
  if (header.kind === "tree" && header.numNodes !== void 0 && (header.numNodes !== nodeCount || header.depth !== depth)) {
    warnings.push({
      code: "W_HEADER_MISMATCH",
      message: `The header says depth ${header.depth} with ${header.numNodes} nodes, but the body has depth ${depth} with ${nodeCount} nodes; the body is used.`,
      position: { line: startLine, column: 1 }
    });
  }
  if (header.numTrees !== void 0 && header.numTrees !== trees.length) {
    warnings.push({
      code: "W_HEADER_MISMATCH",
      message: `The header says ${header.numTrees} trees, but the body has ${trees.length}; the body is used.`,
      position: { line: startLine, column: 1 }
    });
  }
  const failAt = (position, detail) => {
    throw new ModelParseError({ code: "E_PARSE_STRUCTURE", fileName, format: "spark", position, sourceLine: position && sourceLineAt(text, position.line), detail });
  };
  for (const [what, count] of [["numFeatures", header.numFeatures], ["numClasses", header.numClasses]]) {
    const problem = count === void 0 ? void 0 : countProblem(count, `the header's ${what}`, text.length);
    if (problem) failAt({ line: startLine, column: 1 }, problem);
  }
  const numFeatures = Math.max(header.numFeatures ?? 0, maxFeature + 1);
  const features = Array.from({ length: numFeatures }, (_, index) => ({
    index,
    name: `feature ${index}`,
    isNamed: false,
    kind: "numeric"
  }));
  for (const tree of trees) {
    for (const node of tree.nodes) if (node.type === "split" && node.split.kind === "categorical") features[node.feature].kind = "categorical";
  }
  let kind = header.kind;
  const assumptions = {};
  if (kind === "ensemble") {
    const guessed = options.sparkEnsemble ?? (header.isClassifier && leafValuesAreClassIndices(trees) ? "rf" : header.isClassifier ? "gbt" : "rf");
    kind = guessed === "gbt" ? "gbt" : "forest";
    assumptions.sparkEnsemble = guessed;
    if (!options.sparkEnsemble) {
      warnings.push({
        code: "W_SPARK_ENSEMBLE_KIND",
        message: `MLlib prints 'TreeEnsembleModel' for random forests and gradient-boosted trees alike; read as ${guessed === "gbt" ? "GBT (weighted sum)" : "random forest (vote/average)"}. Override with --spark-ensemble rf|gbt.`,
        position: { line: startLine, column: 1 }
      });
    }
  }
  if (kind === "gbt" && header.api === "mllib") {
    const learningRate = options.learningRate ?? 0.1;
    assumptions.learningRate = learningRate;
    trees.forEach((tree, index) => tree.weight = index === 0 ? 1 : learningRate);
    warnings.push({
      code: "W_SPARK_GBT_WEIGHTS",
      message: `MLlib does not print GBT tree weights: assumed 1.0 for tree 0 and the learning rate ${learningRate} for the others${options.learningRate === void 0 ? " (Spark\u2019s default; override with --learning-rate)" : ""}.`
    });
  }
  if (header.api === "ml" && hasCategorical) {
    warnings.push({
      code: "W_SPARK_UNSEEN_CATEGORY",
      message: "spark.ml routes categories outside the training range by a flag the dump does not print; such values are sent right here (in set \u2192 left, otherwise right)."
    });
  }
  if (header.api === "ml" && kind === "forest" && header.isClassifier) {
    warnings.push({
      code: "W_SPARK_SOFT_VOTE",
      message: "spark.ml random forests vote with each leaf\u2019s class distribution, which the dump does not print; a majority vote over the printed predictions is used, which can differ on close calls."
    });
  }
  let maxClass = -1;
  if (header.isClassifier && kind !== "gbt") {
    for (const tree of trees) {
      for (const node of tree.nodes) {
        if (node.type !== "leaf") continue;
        const value = node.value[0];
        if (value <= maxClass && Number.isInteger(value) && value >= 0) continue;
        if (!(Number.isInteger(value) && value >= 0)) failAt(node.position, `a classifier's leaf predicts a class index (0.0, 1.0, \u2026), found ${value}`);
        const problem = countProblem(value + 1, `predicted class ${value}: class count`, text.length);
        if (problem) failAt(node.position, problem);
        maxClass = value;
      }
    }
  }
  const numClasses = header.isClassifier ? Math.max(header.numClasses ?? 2, maxClass + 1, 2) : 0;
  const classes = header.isClassifier ? Array.from({ length: numClasses }, (_, index) => `${index}.0`) : void 0;
  const isVote = header.isClassifier && kind !== "gbt";
  const metadata = { api: header.api === "ml" ? "spark.ml" : "MLlib (RDD API)", header: header.className, generation: header.generation };
  if (header.uid) metadata.uid = header.uid;
  if (header.depth !== void 0) metadata.headerDepth = String(header.depth);
  if (header.numNodes !== void 0) metadata.headerNodes = String(header.numNodes);
  if (printedWeights.length) metadata.treeWeights = printedWeights.join(" ");
  return {
    format: "spark",
    variant: `${metadata.api} ${header.className}${kind !== header.kind ? ` (${kind === "gbt" ? "GBT" : "random forest"})` : ""}`,
    fileName,
    task: header.isClassifier ? numClasses > 2 ? "multiclass" : "binary" : "regression",
    objective: kind === "gbt" ? header.isClassifier ? "logloss" : "squared error" : header.isClassifier ? "classification" : "regression",
    classes,
    features,
    numOutputs: isVote ? numClasses : 1,
    trees,
    aggregation: kind === "gbt" ? { kind: "sum", base: [0] } : isVote ? { kind: "vote" } : { kind: "mean" },
    // GBT classifiers: P(1) = 1 / (1 + exp(−2m)) (Spark's LogLoss), label 1 when m > 0.
    transform: kind === "gbt" && header.isClassifier ? { kind: "sigmoid", scale: 2 } : { kind: "identity" },
    arithmetic: { input: "float64", accumulate: "float64" },
    assumptions,
    warnings,
    metadata
  };
}

// grammar/generated/SklearnText/SklearnTextLexer.ts
import * as antlr3 from "antlr4ng";
var SklearnTextLexer = class _SklearnTextLexer extends antlr3.Lexer {
  static T__0 = 1;
  static T__1 = 2;
  static T__2 = 3;
  static PREFIX = 4;
  static SPLIT = 5;
  static WEIGHTS = 6;
  static VALUE = 7;
  static TRUNCATED = 8;
  static CLASS = 9;
  static NUMBER = 10;
  static NEWLINE = 11;
  static SPACE = 12;
  static channelNames = [
    "DEFAULT_TOKEN_CHANNEL",
    "HIDDEN"
  ];
  static literalNames = [
    null,
    "'['",
    "','",
    "']'",
    null,
    null,
    "'weights:'",
    "'value:'",
    "'truncated branch of depth'"
  ];
  static symbolicNames = [
    null,
    null,
    null,
    null,
    "PREFIX",
    "SPLIT",
    "WEIGHTS",
    "VALUE",
    "TRUNCATED",
    "CLASS",
    "NUMBER",
    "NEWLINE",
    "SPACE"
  ];
  static modeNames = [
    "DEFAULT_MODE"
  ];
  static ruleNames = [
    "T__0",
    "T__1",
    "T__2",
    "PREFIX",
    "SPLIT",
    "WEIGHTS",
    "VALUE",
    "TRUNCATED",
    "CLASS",
    "NUMBER",
    "NEWLINE",
    "SPACE",
    "THRESHOLD"
  ];
  constructor(input) {
    super(input);
    this.interpreter = new antlr3.LexerATNSimulator(this, _SklearnTextLexer._ATN, _SklearnTextLexer.decisionsToDFA, new antlr3.PredictionContextCache());
  }
  get grammarFileName() {
    return "SklearnText.g4";
  }
  get literalNames() {
    return _SklearnTextLexer.literalNames;
  }
  get symbolicNames() {
    return _SklearnTextLexer.symbolicNames;
  }
  get ruleNames() {
    return _SklearnTextLexer.ruleNames;
  }
  get serializedATN() {
    return _SklearnTextLexer._serializedATN;
  }
  get channelNames() {
    return _SklearnTextLexer.channelNames;
  }
  get modeNames() {
    return _SklearnTextLexer.modeNames;
  }
  static _serializedATN = [
    4,
    0,
    12,
    154,
    6,
    -1,
    2,
    0,
    7,
    0,
    2,
    1,
    7,
    1,
    2,
    2,
    7,
    2,
    2,
    3,
    7,
    3,
    2,
    4,
    7,
    4,
    2,
    5,
    7,
    5,
    2,
    6,
    7,
    6,
    2,
    7,
    7,
    7,
    2,
    8,
    7,
    8,
    2,
    9,
    7,
    9,
    2,
    10,
    7,
    10,
    2,
    11,
    7,
    11,
    2,
    12,
    7,
    12,
    1,
    0,
    1,
    0,
    1,
    1,
    1,
    1,
    1,
    2,
    1,
    2,
    1,
    3,
    1,
    3,
    5,
    3,
    36,
    8,
    3,
    10,
    3,
    12,
    3,
    39,
    9,
    3,
    1,
    4,
    1,
    4,
    5,
    4,
    43,
    8,
    4,
    10,
    4,
    12,
    4,
    46,
    9,
    4,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    4,
    3,
    4,
    53,
    8,
    4,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    1,
    8,
    5,
    8,
    109,
    8,
    8,
    10,
    8,
    12,
    8,
    112,
    9,
    8,
    1,
    9,
    1,
    9,
    1,
    10,
    3,
    10,
    117,
    8,
    10,
    1,
    10,
    1,
    10,
    1,
    11,
    4,
    11,
    122,
    8,
    11,
    11,
    11,
    12,
    11,
    123,
    1,
    11,
    1,
    11,
    1,
    12,
    3,
    12,
    129,
    8,
    12,
    1,
    12,
    4,
    12,
    132,
    8,
    12,
    11,
    12,
    12,
    12,
    133,
    1,
    12,
    1,
    12,
    4,
    12,
    138,
    8,
    12,
    11,
    12,
    12,
    12,
    139,
    3,
    12,
    142,
    8,
    12,
    1,
    12,
    3,
    12,
    145,
    8,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    1,
    12,
    3,
    12,
    153,
    8,
    12,
    0,
    0,
    13,
    1,
    1,
    3,
    2,
    5,
    3,
    7,
    4,
    9,
    5,
    11,
    6,
    13,
    7,
    15,
    8,
    17,
    9,
    19,
    10,
    21,
    11,
    23,
    12,
    25,
    0,
    1,
    0,
    4,
    3,
    0,
    32,
    32,
    45,
    45,
    124,
    124,
    4,
    0,
    10,
    10,
    13,
    13,
    32,
    32,
    124,
    124,
    2,
    0,
    10,
    10,
    13,
    13,
    1,
    0,
    48,
    57,
    165,
    0,
    1,
    1,
    0,
    0,
    0,
    0,
    3,
    1,
    0,
    0,
    0,
    0,
    5,
    1,
    0,
    0,
    0,
    0,
    7,
    1,
    0,
    0,
    0,
    0,
    9,
    1,
    0,
    0,
    0,
    0,
    11,
    1,
    0,
    0,
    0,
    0,
    13,
    1,
    0,
    0,
    0,
    0,
    15,
    1,
    0,
    0,
    0,
    0,
    17,
    1,
    0,
    0,
    0,
    0,
    19,
    1,
    0,
    0,
    0,
    0,
    21,
    1,
    0,
    0,
    0,
    0,
    23,
    1,
    0,
    0,
    0,
    1,
    27,
    1,
    0,
    0,
    0,
    3,
    29,
    1,
    0,
    0,
    0,
    5,
    31,
    1,
    0,
    0,
    0,
    7,
    33,
    1,
    0,
    0,
    0,
    9,
    40,
    1,
    0,
    0,
    0,
    11,
    57,
    1,
    0,
    0,
    0,
    13,
    66,
    1,
    0,
    0,
    0,
    15,
    73,
    1,
    0,
    0,
    0,
    17,
    99,
    1,
    0,
    0,
    0,
    19,
    113,
    1,
    0,
    0,
    0,
    21,
    116,
    1,
    0,
    0,
    0,
    23,
    121,
    1,
    0,
    0,
    0,
    25,
    152,
    1,
    0,
    0,
    0,
    27,
    28,
    5,
    91,
    0,
    0,
    28,
    2,
    1,
    0,
    0,
    0,
    29,
    30,
    5,
    44,
    0,
    0,
    30,
    4,
    1,
    0,
    0,
    0,
    31,
    32,
    5,
    93,
    0,
    0,
    32,
    6,
    1,
    0,
    0,
    0,
    33,
    37,
    5,
    124,
    0,
    0,
    34,
    36,
    7,
    0,
    0,
    0,
    35,
    34,
    1,
    0,
    0,
    0,
    36,
    39,
    1,
    0,
    0,
    0,
    37,
    35,
    1,
    0,
    0,
    0,
    37,
    38,
    1,
    0,
    0,
    0,
    38,
    8,
    1,
    0,
    0,
    0,
    39,
    37,
    1,
    0,
    0,
    0,
    40,
    44,
    8,
    1,
    0,
    0,
    41,
    43,
    8,
    2,
    0,
    0,
    42,
    41,
    1,
    0,
    0,
    0,
    43,
    46,
    1,
    0,
    0,
    0,
    44,
    42,
    1,
    0,
    0,
    0,
    44,
    45,
    1,
    0,
    0,
    0,
    45,
    47,
    1,
    0,
    0,
    0,
    46,
    44,
    1,
    0,
    0,
    0,
    47,
    52,
    5,
    32,
    0,
    0,
    48,
    49,
    5,
    60,
    0,
    0,
    49,
    53,
    5,
    61,
    0,
    0,
    50,
    51,
    5,
    62,
    0,
    0,
    51,
    53,
    5,
    32,
    0,
    0,
    52,
    48,
    1,
    0,
    0,
    0,
    52,
    50,
    1,
    0,
    0,
    0,
    53,
    54,
    1,
    0,
    0,
    0,
    54,
    55,
    5,
    32,
    0,
    0,
    55,
    56,
    3,
    25,
    12,
    0,
    56,
    10,
    1,
    0,
    0,
    0,
    57,
    58,
    5,
    119,
    0,
    0,
    58,
    59,
    5,
    101,
    0,
    0,
    59,
    60,
    5,
    105,
    0,
    0,
    60,
    61,
    5,
    103,
    0,
    0,
    61,
    62,
    5,
    104,
    0,
    0,
    62,
    63,
    5,
    116,
    0,
    0,
    63,
    64,
    5,
    115,
    0,
    0,
    64,
    65,
    5,
    58,
    0,
    0,
    65,
    12,
    1,
    0,
    0,
    0,
    66,
    67,
    5,
    118,
    0,
    0,
    67,
    68,
    5,
    97,
    0,
    0,
    68,
    69,
    5,
    108,
    0,
    0,
    69,
    70,
    5,
    117,
    0,
    0,
    70,
    71,
    5,
    101,
    0,
    0,
    71,
    72,
    5,
    58,
    0,
    0,
    72,
    14,
    1,
    0,
    0,
    0,
    73,
    74,
    5,
    116,
    0,
    0,
    74,
    75,
    5,
    114,
    0,
    0,
    75,
    76,
    5,
    117,
    0,
    0,
    76,
    77,
    5,
    110,
    0,
    0,
    77,
    78,
    5,
    99,
    0,
    0,
    78,
    79,
    5,
    97,
    0,
    0,
    79,
    80,
    5,
    116,
    0,
    0,
    80,
    81,
    5,
    101,
    0,
    0,
    81,
    82,
    5,
    100,
    0,
    0,
    82,
    83,
    5,
    32,
    0,
    0,
    83,
    84,
    5,
    98,
    0,
    0,
    84,
    85,
    5,
    114,
    0,
    0,
    85,
    86,
    5,
    97,
    0,
    0,
    86,
    87,
    5,
    110,
    0,
    0,
    87,
    88,
    5,
    99,
    0,
    0,
    88,
    89,
    5,
    104,
    0,
    0,
    89,
    90,
    5,
    32,
    0,
    0,
    90,
    91,
    5,
    111,
    0,
    0,
    91,
    92,
    5,
    102,
    0,
    0,
    92,
    93,
    5,
    32,
    0,
    0,
    93,
    94,
    5,
    100,
    0,
    0,
    94,
    95,
    5,
    101,
    0,
    0,
    95,
    96,
    5,
    112,
    0,
    0,
    96,
    97,
    5,
    116,
    0,
    0,
    97,
    98,
    5,
    104,
    0,
    0,
    98,
    16,
    1,
    0,
    0,
    0,
    99,
    100,
    5,
    99,
    0,
    0,
    100,
    101,
    5,
    108,
    0,
    0,
    101,
    102,
    5,
    97,
    0,
    0,
    102,
    103,
    5,
    115,
    0,
    0,
    103,
    104,
    5,
    115,
    0,
    0,
    104,
    105,
    5,
    58,
    0,
    0,
    105,
    106,
    5,
    32,
    0,
    0,
    106,
    110,
    1,
    0,
    0,
    0,
    107,
    109,
    8,
    2,
    0,
    0,
    108,
    107,
    1,
    0,
    0,
    0,
    109,
    112,
    1,
    0,
    0,
    0,
    110,
    108,
    1,
    0,
    0,
    0,
    110,
    111,
    1,
    0,
    0,
    0,
    111,
    18,
    1,
    0,
    0,
    0,
    112,
    110,
    1,
    0,
    0,
    0,
    113,
    114,
    3,
    25,
    12,
    0,
    114,
    20,
    1,
    0,
    0,
    0,
    115,
    117,
    5,
    13,
    0,
    0,
    116,
    115,
    1,
    0,
    0,
    0,
    116,
    117,
    1,
    0,
    0,
    0,
    117,
    118,
    1,
    0,
    0,
    0,
    118,
    119,
    5,
    10,
    0,
    0,
    119,
    22,
    1,
    0,
    0,
    0,
    120,
    122,
    5,
    32,
    0,
    0,
    121,
    120,
    1,
    0,
    0,
    0,
    122,
    123,
    1,
    0,
    0,
    0,
    123,
    121,
    1,
    0,
    0,
    0,
    123,
    124,
    1,
    0,
    0,
    0,
    124,
    125,
    1,
    0,
    0,
    0,
    125,
    126,
    6,
    11,
    0,
    0,
    126,
    24,
    1,
    0,
    0,
    0,
    127,
    129,
    5,
    45,
    0,
    0,
    128,
    127,
    1,
    0,
    0,
    0,
    128,
    129,
    1,
    0,
    0,
    0,
    129,
    131,
    1,
    0,
    0,
    0,
    130,
    132,
    7,
    3,
    0,
    0,
    131,
    130,
    1,
    0,
    0,
    0,
    132,
    133,
    1,
    0,
    0,
    0,
    133,
    131,
    1,
    0,
    0,
    0,
    133,
    134,
    1,
    0,
    0,
    0,
    134,
    141,
    1,
    0,
    0,
    0,
    135,
    137,
    5,
    46,
    0,
    0,
    136,
    138,
    7,
    3,
    0,
    0,
    137,
    136,
    1,
    0,
    0,
    0,
    138,
    139,
    1,
    0,
    0,
    0,
    139,
    137,
    1,
    0,
    0,
    0,
    139,
    140,
    1,
    0,
    0,
    0,
    140,
    142,
    1,
    0,
    0,
    0,
    141,
    135,
    1,
    0,
    0,
    0,
    141,
    142,
    1,
    0,
    0,
    0,
    142,
    153,
    1,
    0,
    0,
    0,
    143,
    145,
    5,
    45,
    0,
    0,
    144,
    143,
    1,
    0,
    0,
    0,
    144,
    145,
    1,
    0,
    0,
    0,
    145,
    146,
    1,
    0,
    0,
    0,
    146,
    147,
    5,
    105,
    0,
    0,
    147,
    148,
    5,
    110,
    0,
    0,
    148,
    153,
    5,
    102,
    0,
    0,
    149,
    150,
    5,
    110,
    0,
    0,
    150,
    151,
    5,
    97,
    0,
    0,
    151,
    153,
    5,
    110,
    0,
    0,
    152,
    128,
    1,
    0,
    0,
    0,
    152,
    144,
    1,
    0,
    0,
    0,
    152,
    149,
    1,
    0,
    0,
    0,
    153,
    26,
    1,
    0,
    0,
    0,
    13,
    0,
    37,
    44,
    52,
    110,
    116,
    123,
    128,
    133,
    139,
    141,
    144,
    152,
    1,
    6,
    0,
    0
  ];
  static __ATN;
  static get _ATN() {
    if (!_SklearnTextLexer.__ATN) {
      _SklearnTextLexer.__ATN = new antlr3.ATNDeserializer().deserialize(_SklearnTextLexer._serializedATN);
    }
    return _SklearnTextLexer.__ATN;
  }
  static vocabulary = new antlr3.Vocabulary(_SklearnTextLexer.literalNames, _SklearnTextLexer.symbolicNames, []);
  get vocabulary() {
    return _SklearnTextLexer.vocabulary;
  }
  static decisionsToDFA = _SklearnTextLexer._ATN.decisionToState.map((ds, index) => new antlr3.DFA(ds, index));
};

// grammar/generated/SklearnText/SklearnTextParser.ts
import * as antlr4 from "antlr4ng";
var SklearnTextParser = class _SklearnTextParser extends antlr4.Parser {
  static T__0 = 1;
  static T__1 = 2;
  static T__2 = 3;
  static PREFIX = 4;
  static SPLIT = 5;
  static WEIGHTS = 6;
  static VALUE = 7;
  static TRUNCATED = 8;
  static CLASS = 9;
  static NUMBER = 10;
  static NEWLINE = 11;
  static SPACE = 12;
  static RULE_tree = 0;
  static RULE_line = 1;
  static literalNames = [
    null,
    "'['",
    "','",
    "']'",
    null,
    null,
    "'weights:'",
    "'value:'",
    "'truncated branch of depth'"
  ];
  static symbolicNames = [
    null,
    null,
    null,
    null,
    "PREFIX",
    "SPLIT",
    "WEIGHTS",
    "VALUE",
    "TRUNCATED",
    "CLASS",
    "NUMBER",
    "NEWLINE",
    "SPACE"
  ];
  static ruleNames = [
    "tree",
    "line"
  ];
  get grammarFileName() {
    return "SklearnText.g4";
  }
  get literalNames() {
    return _SklearnTextParser.literalNames;
  }
  get symbolicNames() {
    return _SklearnTextParser.symbolicNames;
  }
  get ruleNames() {
    return _SklearnTextParser.ruleNames;
  }
  get serializedATN() {
    return _SklearnTextParser._serializedATN;
  }
  createFailedPredicateException(predicate, message) {
    return new antlr4.FailedPredicateException(this, predicate, message);
  }
  constructor(input) {
    super(input);
    this.interpreter = new antlr4.ParserATNSimulator(this, _SklearnTextParser._ATN, _SklearnTextParser.decisionsToDFA, new antlr4.PredictionContextCache());
  }
  tree() {
    let localContext = new TreeContext(this.context, this.state);
    this.enterRule(localContext, 0, _SklearnTextParser.RULE_tree);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 5;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        do {
          {
            {
              this.state = 4;
              this.line();
            }
          }
          this.state = 7;
          this.errorHandler.sync(this);
          _la = this.tokenStream.LA(1);
        } while (_la === 4);
        this.state = 9;
        this.match(_SklearnTextParser.EOF);
      }
    } catch (re) {
      if (re instanceof antlr4.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  line() {
    let localContext = new LineContext(this.context, this.state);
    this.enterRule(localContext, 2, _SklearnTextParser.RULE_line);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 11;
        this.match(_SklearnTextParser.PREFIX);
        this.state = 39;
        this.errorHandler.sync(this);
        switch (this.tokenStream.LA(1)) {
          case _SklearnTextParser.SPLIT:
            {
              this.state = 12;
              localContext._split = this.match(_SklearnTextParser.SPLIT);
            }
            break;
          case _SklearnTextParser.WEIGHTS:
            {
              this.state = 13;
              localContext._weights = this.match(_SklearnTextParser.WEIGHTS);
              this.state = 14;
              this.match(_SklearnTextParser.T__0);
              this.state = 15;
              localContext._NUMBER = this.match(_SklearnTextParser.NUMBER);
              localContext._numbers.push(localContext._NUMBER);
              this.state = 20;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
              while (_la === 2) {
                {
                  {
                    this.state = 16;
                    this.match(_SklearnTextParser.T__1);
                    this.state = 17;
                    localContext._NUMBER = this.match(_SklearnTextParser.NUMBER);
                    localContext._numbers.push(localContext._NUMBER);
                  }
                }
                this.state = 22;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
              }
              this.state = 23;
              this.match(_SklearnTextParser.T__2);
              this.state = 24;
              localContext._label = this.match(_SklearnTextParser.CLASS);
            }
            break;
          case _SklearnTextParser.CLASS:
            {
              this.state = 25;
              localContext._label = this.match(_SklearnTextParser.CLASS);
            }
            break;
          case _SklearnTextParser.VALUE:
            {
              this.state = 26;
              localContext._value = this.match(_SklearnTextParser.VALUE);
              this.state = 27;
              this.match(_SklearnTextParser.T__0);
              this.state = 28;
              localContext._NUMBER = this.match(_SklearnTextParser.NUMBER);
              localContext._numbers.push(localContext._NUMBER);
              this.state = 33;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
              while (_la === 2) {
                {
                  {
                    this.state = 29;
                    this.match(_SklearnTextParser.T__1);
                    this.state = 30;
                    localContext._NUMBER = this.match(_SklearnTextParser.NUMBER);
                    localContext._numbers.push(localContext._NUMBER);
                  }
                }
                this.state = 35;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
              }
              this.state = 36;
              this.match(_SklearnTextParser.T__2);
            }
            break;
          case _SklearnTextParser.TRUNCATED:
            {
              this.state = 37;
              this.match(_SklearnTextParser.TRUNCATED);
              this.state = 38;
              localContext._depth = this.match(_SklearnTextParser.NUMBER);
            }
            break;
          default:
            throw new antlr4.NoViableAltException(this);
        }
        this.state = 41;
        _la = this.tokenStream.LA(1);
        if (!(_la === -1 || _la === 11)) {
          this.errorHandler.recoverInline(this);
        } else {
          this.errorHandler.reportMatch(this);
          this.consume();
        }
      }
    } catch (re) {
      if (re instanceof antlr4.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  static _serializedATN = [
    4,
    1,
    12,
    44,
    2,
    0,
    7,
    0,
    2,
    1,
    7,
    1,
    1,
    0,
    4,
    0,
    6,
    8,
    0,
    11,
    0,
    12,
    0,
    7,
    1,
    0,
    1,
    0,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    5,
    1,
    19,
    8,
    1,
    10,
    1,
    12,
    1,
    22,
    9,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    5,
    1,
    32,
    8,
    1,
    10,
    1,
    12,
    1,
    35,
    9,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    40,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    0,
    0,
    2,
    0,
    2,
    0,
    1,
    1,
    1,
    11,
    11,
    48,
    0,
    5,
    1,
    0,
    0,
    0,
    2,
    11,
    1,
    0,
    0,
    0,
    4,
    6,
    3,
    2,
    1,
    0,
    5,
    4,
    1,
    0,
    0,
    0,
    6,
    7,
    1,
    0,
    0,
    0,
    7,
    5,
    1,
    0,
    0,
    0,
    7,
    8,
    1,
    0,
    0,
    0,
    8,
    9,
    1,
    0,
    0,
    0,
    9,
    10,
    5,
    0,
    0,
    1,
    10,
    1,
    1,
    0,
    0,
    0,
    11,
    39,
    5,
    4,
    0,
    0,
    12,
    40,
    5,
    5,
    0,
    0,
    13,
    14,
    5,
    6,
    0,
    0,
    14,
    15,
    5,
    1,
    0,
    0,
    15,
    20,
    5,
    10,
    0,
    0,
    16,
    17,
    5,
    2,
    0,
    0,
    17,
    19,
    5,
    10,
    0,
    0,
    18,
    16,
    1,
    0,
    0,
    0,
    19,
    22,
    1,
    0,
    0,
    0,
    20,
    18,
    1,
    0,
    0,
    0,
    20,
    21,
    1,
    0,
    0,
    0,
    21,
    23,
    1,
    0,
    0,
    0,
    22,
    20,
    1,
    0,
    0,
    0,
    23,
    24,
    5,
    3,
    0,
    0,
    24,
    40,
    5,
    9,
    0,
    0,
    25,
    40,
    5,
    9,
    0,
    0,
    26,
    27,
    5,
    7,
    0,
    0,
    27,
    28,
    5,
    1,
    0,
    0,
    28,
    33,
    5,
    10,
    0,
    0,
    29,
    30,
    5,
    2,
    0,
    0,
    30,
    32,
    5,
    10,
    0,
    0,
    31,
    29,
    1,
    0,
    0,
    0,
    32,
    35,
    1,
    0,
    0,
    0,
    33,
    31,
    1,
    0,
    0,
    0,
    33,
    34,
    1,
    0,
    0,
    0,
    34,
    36,
    1,
    0,
    0,
    0,
    35,
    33,
    1,
    0,
    0,
    0,
    36,
    40,
    5,
    3,
    0,
    0,
    37,
    38,
    5,
    8,
    0,
    0,
    38,
    40,
    5,
    10,
    0,
    0,
    39,
    12,
    1,
    0,
    0,
    0,
    39,
    13,
    1,
    0,
    0,
    0,
    39,
    25,
    1,
    0,
    0,
    0,
    39,
    26,
    1,
    0,
    0,
    0,
    39,
    37,
    1,
    0,
    0,
    0,
    40,
    41,
    1,
    0,
    0,
    0,
    41,
    42,
    7,
    0,
    0,
    0,
    42,
    3,
    1,
    0,
    0,
    0,
    4,
    7,
    20,
    33,
    39
  ];
  static __ATN;
  static get _ATN() {
    if (!_SklearnTextParser.__ATN) {
      _SklearnTextParser.__ATN = new antlr4.ATNDeserializer().deserialize(_SklearnTextParser._serializedATN);
    }
    return _SklearnTextParser.__ATN;
  }
  static vocabulary = new antlr4.Vocabulary(_SklearnTextParser.literalNames, _SklearnTextParser.symbolicNames, []);
  get vocabulary() {
    return _SklearnTextParser.vocabulary;
  }
  static decisionsToDFA = _SklearnTextParser._ATN.decisionToState.map((ds, index) => new antlr4.DFA(ds, index));
};
var TreeContext = class extends antlr4.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  EOF() {
    return this.getToken(SklearnTextParser.EOF, 0);
  }
  line(i) {
    if (i === void 0) {
      return this.getRuleContexts(LineContext);
    }
    return this.getRuleContext(i, LineContext);
  }
  get ruleIndex() {
    return SklearnTextParser.RULE_tree;
  }
  accept(visitor) {
    if (visitor.visitTree) {
      return visitor.visitTree(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var LineContext = class extends antlr4.ParserRuleContext {
  _split;
  _weights;
  _NUMBER;
  _numbers = [];
  _label;
  _value;
  _depth;
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  PREFIX() {
    return this.getToken(SklearnTextParser.PREFIX, 0);
  }
  NEWLINE() {
    return this.getToken(SklearnTextParser.NEWLINE, 0);
  }
  EOF() {
    return this.getToken(SklearnTextParser.EOF, 0);
  }
  TRUNCATED() {
    return this.getToken(SklearnTextParser.TRUNCATED, 0);
  }
  SPLIT() {
    return this.getToken(SklearnTextParser.SPLIT, 0);
  }
  WEIGHTS() {
    return this.getToken(SklearnTextParser.WEIGHTS, 0);
  }
  NUMBER(i) {
    if (i === void 0) {
      return this.getTokens(SklearnTextParser.NUMBER);
    } else {
      return this.getToken(SklearnTextParser.NUMBER, i);
    }
  }
  CLASS() {
    return this.getToken(SklearnTextParser.CLASS, 0);
  }
  VALUE() {
    return this.getToken(SklearnTextParser.VALUE, 0);
  }
  get ruleIndex() {
    return SklearnTextParser.RULE_line;
  }
  accept(visitor) {
    if (visitor.visitLine) {
      return visitor.visitLine(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};

// app/formats/sklearn/sklearnLines.ts
var FIRST_LINE = /^\|(-+) /;
var SPLIT_TAIL = / (<=|> ) (-?[0-9]+(?:\.[0-9]+)?|-?inf|nan) *$/;
function fail(fileName, text, line, column, detail, code = "E_PARSE_STRUCTURE") {
  throw new ModelParseError({ code, fileName, format: "sklearn", position: { line, column }, sourceLine: sourceLineAt(text, line), detail });
}
function readPrefix(raw, spacing) {
  const level = "|" + " ".repeat(spacing);
  const branch = "|" + "-".repeat(spacing) + " ";
  let position = 0;
  let depth = 1;
  while (raw.startsWith(level, position)) {
    position += spacing + 1;
    depth++;
  }
  return { depth, position, branch, hasBranch: raw.startsWith(branch, position) };
}
function depthOf(raw, spacing) {
  const prefix = readPrefix(raw, spacing);
  return prefix.hasBranch ? prefix.depth : void 0;
}
function findTreeRegion(text, lines, fileName) {
  const first = lines.findIndex((line) => FIRST_LINE.test(line));
  if (first < 0) {
    fail(fileName, text, 1, 1, "no scikit-learn export_text tree found: expected a line starting with '|--- '", "E_PARSE_SYNTAX");
  }
  const spacing = FIRST_LINE.exec(lines[first])[1].length;
  let last = first;
  while (last + 1 < lines.length && lines[last + 1].startsWith("|")) last++;
  let later = -1;
  for (let index = lines.length - 1; index > last; index--) {
    if (depthOf(lines[index], spacing) !== void 0) {
      later = index;
      break;
    }
  }
  if (later >= 0) {
    const rootLines = lines.slice(first, last + 1).filter((line) => depthOf(line, spacing) === 1).length;
    const gapEnd = lines.findIndex((line, index) => index > last && line.startsWith("|"));
    if (rootLines >= 2 && depthOf(lines[gapEnd], spacing) === 1) {
      fail(fileName, text, gapEnd + 1, 1, `a second tree starts here (the first ends at line ${last + 1}): one export_text tree per file is supported; save each tree of a forest to its own file`, "E_PARSE_UNSUPPORTED");
    }
    last = later;
  }
  const offsetOfLine = (line) => {
    let offset = 0;
    for (let index = 0; index < line; index++) offset = text.indexOf("\n", offset) + 1;
    return offset;
  };
  const start = offsetOfLine(first);
  const end = last + 1 < lines.length ? offsetOfLine(last + 1) : text.length;
  return { firstLine: first + 1, lastLine: last + 1, spacing, start, end };
}
function readLine(context, raw, lineNumber, spacing, text, fileName) {
  const { depth, position, branch, hasBranch } = readPrefix(raw, spacing);
  if (!hasBranch) {
    const found = raw.slice(position, position + branch.length);
    let offset = 0;
    while (offset < branch.length && found[offset] === branch[offset]) offset++;
    fail(fileName, text, lineNumber, position + offset + 1, `malformed prefix: expected '${branch}' (spacing ${spacing}, from the first tree line) but found '${found}'`);
  }
  const contentStart = position + branch.length;
  const result = { line: lineNumber, depth, contentColumn: contentStart + 1, kind: "class" };
  const classToken = context._label;
  if (context._split) {
    const body = raw.slice(contentStart);
    const tail = SPLIT_TAIL.exec(body);
    result.kind = tail[1] === "<=" ? "left" : "right";
    result.name = body.slice(0, tail.index);
    result.thresholdText = tail[2];
    result.thresholdColumn = contentStart + tail.index + 5;
  } else if (context._weights) {
    result.kind = "weights";
    result.numbers = context._numbers.map((token) => token.text);
    result.label = classToken.text.slice("class: ".length);
  } else if (classToken) {
    result.kind = "class";
    result.label = classToken.text.slice("class: ".length);
  } else if (context._value) {
    result.kind = "value";
    result.numbers = context._numbers.map((token) => token.text);
  } else {
    const depthToken = context._depth;
    const depthText = depthToken.text;
    if (!/^[0-9]+$/.test(depthText)) {
      fail(fileName, text, lineNumber, depthToken.column + 1, `expected a whole number after 'truncated branch of depth', found '${depthText}'`);
    }
    result.kind = "truncated";
    result.truncatedDepth = Number(depthText);
  }
  return result;
}
function reinterpret(line, raw, asSplit) {
  const body = raw.slice(line.contentColumn - 1);
  if (asSplit && line.kind === "class") {
    const tail = SPLIT_TAIL.exec(body);
    if (!tail) return void 0;
    return { line: line.line, depth: line.depth, contentColumn: line.contentColumn, kind: tail[1] === "<=" ? "left" : "right", name: body.slice(0, tail.index), thresholdText: tail[2], thresholdColumn: line.contentColumn + tail.index + 4 };
  }
  if (!asSplit && (line.kind === "left" || line.kind === "right") && body.startsWith("class: ")) {
    return { line: line.line, depth: line.depth, contentColumn: line.contentColumn, kind: "class", label: body.slice("class: ".length) };
  }
  return void 0;
}

// app/formats/sklearn/sklearnNumbers.ts
function parsePythonFixed(text) {
  if (text === "nan") return Number.NaN;
  if (text === "inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}
function decimalsOf(text) {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}
function ulp(value) {
  const magnitude = Math.abs(value);
  if (magnitude < 2 ** -1022) return 2 ** -1074;
  let exponent = Math.floor(Math.log2(magnitude));
  if (2 ** exponent > magnitude) exponent--;
  else if (2 ** (exponent + 1) <= magnitude) exponent++;
  return 2 ** (exponent - 52);
}
function isResolutionExact(value, decimals) {
  if (!Number.isFinite(value)) return true;
  return 10 ** -decimals <= ulp(value);
}
function isFloat32(value) {
  return Math.fround(value) === value;
}
function isFloat32Midpoint(value) {
  if (!Number.isFinite(value)) return true;
  if (isFloat32(value)) return true;
  const sum = value * 2;
  if (!Number.isFinite(sum)) return false;
  const nearest = Math.fround(sum);
  if (Number.isFinite(nearest) && isFloat32(sum - nearest)) return true;
  let exponent = Math.floor(Math.log2(Math.abs(sum)));
  if (2 ** exponent > Math.abs(sum)) exponent--;
  const scale = 2 ** (exponent - 23);
  const truncated = Math.trunc(sum / scale) * scale;
  return isFloat32(sum - truncated);
}
function thresholdExactness(text) {
  const value = parsePythonFixed(text);
  if (isResolutionExact(value, decimalsOf(text))) return "exact";
  return isFloat32Midpoint(value) ? "plausible" : "rounded";
}
function mayBeRoundedValue(text) {
  const value = parsePythonFixed(text);
  const decimals = decimalsOf(text);
  if (isResolutionExact(value, decimals)) return false;
  return !(decimals > 0 && text.endsWith("0"));
}
function compareCodePoints(a, b) {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = left[index].codePointAt(0) - right[index].codePointAt(0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
function sortClassLabels(labels) {
  const unique = [...new Set(labels)];
  const isNumeric = unique.every((label) => label.trim() !== "" && Number.isFinite(Number(label)));
  return isNumeric ? unique.sort((a, b) => Number(a) - Number(b) || compareCodePoints(a, b)) : unique.sort(compareCodePoints);
}

// app/formats/sklearn/sklearnTree.ts
var DEFAULT_NAME = /^feature_(0|[1-9][0-9]*)$/;
function mismatchColumn(raw, expected) {
  let index = 0;
  while (index < expected.length && raw[index] === expected[index]) index++;
  return index + 1;
}
var TreeReader = class {
  constructor(lines, rawLines, firstLine, spacing, fail2) {
    this.lines = lines;
    this.rawLines = rawLines;
    this.firstLine = firstLine;
    this.spacing = spacing;
    this.fail = fail2;
  }
  lines;
  rawLines;
  firstLine;
  spacing;
  fail;
  nodes = [];
  featureNames = [];
  featureIndex = /* @__PURE__ */ new Map();
  index = 0;
  leafKind;
  leafKindLine = 0;
  prefix(depth) {
    return ("|" + " ".repeat(this.spacing)).repeat(depth - 1) + "|" + "-".repeat(this.spacing);
  }
  /** The line at `this.index`, re-read as a split or a leaf when the next line's depth says so. */
  current(depth) {
    let line = this.lines[this.index];
    const next2 = this.lines[this.index + 1];
    const hasChildren = next2 !== void 0 && next2.depth === line.depth + 1;
    const fixed = reinterpret(line, this.rawLines[line.line - this.firstLine], hasChildren);
    if (fixed) line = this.lines[this.index] = fixed;
    if (line.depth !== depth) {
      const expected = this.prefix(depth) + " ";
      const what = line.kind === "left" || line.kind === "right" ? "split" : "leaf";
      this.fail(line.line, mismatchColumn(this.rawLines[line.line - this.firstLine], expected), `expected a line at depth ${depth} ('${expected}') but this ${what} line is at depth ${line.depth}`);
    }
    return line;
  }
  /** Reads the node whose line(s) sit at `depth` (1 = the root) and returns its IR id. */
  read(depth, parent) {
    if (this.index >= this.lines.length) {
      const last = this.lines[this.lines.length - 1];
      this.fail(last.line, 1, `the tree ends early: expected a line at depth ${depth} after this one`);
    }
    const line = this.current(depth);
    const id = this.nodes.length;
    const position = { line: line.line, column: line.contentColumn };
    if (line.kind === "right") {
      this.fail(line.line, line.contentColumn, `found the right branch '${line.name} >  ${line.thresholdText}' without its left branch '${line.name} <= ${line.thresholdText}' before it`);
    }
    if (line.kind === "left") {
      const feature = this.featureOf(line.name);
      const threshold = parsePythonFixed(line.thresholdText);
      const node = {
        type: "split",
        id,
        sourceId: id,
        depth: depth - 1,
        parent,
        feature,
        split: { kind: "numeric", op: "<=", threshold, missing: { mode: "compare" } },
        left: -1,
        right: -1,
        position
      };
      this.nodes.push(node);
      this.index++;
      node.left = this.read(depth + 1, id);
      const right = this.lines[this.index];
      const expected = `${this.prefix(depth)} ${line.name} >  ${line.thresholdText}`;
      if (right === void 0) {
        this.fail(line.line, line.contentColumn, `the split '${line.name} <= ${line.thresholdText}' has no right branch: expected '${expected}' before the end of the tree`);
      }
      if (right.depth !== depth || right.kind !== "right") {
        const raw = this.rawLines[right.line - this.firstLine];
        const column = right.depth !== depth ? mismatchColumn(raw, expected) : right.contentColumn;
        this.fail(right.line, column, `expected the right branch of line ${line.line}, '${expected}', but found '${raw}'`);
      }
      if (right.name !== line.name || right.thresholdText !== line.thresholdText) {
        this.fail(right.line, right.contentColumn, `the right branch must repeat the feature and threshold of line ${line.line}: expected '${line.name} >  ${line.thresholdText}', found '${right.name} >  ${right.thresholdText}'`);
      }
      this.index++;
      node.right = this.read(depth + 1, id);
      return id;
    }
    const leaf = { type: "leaf", id, sourceId: id, depth: depth - 1, parent, value: [], position };
    if (line.kind === "truncated") {
      leaf.truncatedDepth = line.truncatedDepth;
    } else {
      this.checkLeafKind(line);
      if (line.numbers) leaf.value = line.numbers.map(parsePythonFixed);
      if (line.kind === "weights") leaf.stats = { count: leaf.value.reduce((sum, weight) => sum + weight, 0) };
    }
    this.nodes.push(leaf);
    this.index++;
    return id;
  }
  /** Every leaf of one tree is the same kind, and lists have one length. */
  checkLeafKind(line) {
    const kind = line.kind;
    if (this.leafKind === void 0) {
      this.leafKind = kind;
      this.leafKindLine = line.line;
      return;
    }
    const describe = { class: "'class: \u2026'", weights: "'weights: [\u2026] class: \u2026'", value: "'value: [\u2026]'" };
    if (kind !== this.leafKind) {
      this.fail(line.line, line.contentColumn, `expected a ${describe[this.leafKind]} leaf like line ${this.leafKindLine}, found ${describe[kind]}`);
    }
  }
  featureOf(name2) {
    let index = this.featureIndex.get(name2);
    if (index === void 0) {
      index = this.featureNames.length;
      this.featureIndex.set(name2, index);
      this.featureNames.push(name2);
    }
    return index;
  }
  /** True when lines remain after the root's subtree. */
  get hasRest() {
    return this.index < this.lines.length;
  }
  get next() {
    return this.lines[this.index];
  }
};
function buildFeatures(reader) {
  const names = reader.featureNames;
  if (names.length > 0 && names.every((name2) => DEFAULT_NAME.test(name2))) {
    const indices = names.map((name2) => Number(DEFAULT_NAME.exec(name2)[1]));
    const count = Math.max(...indices) + 1;
    const features2 = Array.from({ length: count }, (_, index) => ({ index, name: `feature_${index}`, isNamed: false, kind: "numeric" }));
    return { features: features2, remap: indices };
  }
  const features = names.map((name2, index) => ({ index, name: name2, isNamed: true, kind: "numeric" }));
  return { features, remap: names.map((_, index) => index) };
}
function assignClasses(leaves, hasWeights, fail2) {
  const sorted = sortClassLabels(leaves.map((leaf) => leaf.line.label));
  if (!hasWeights) return { classes: sorted, warnings: [] };
  const count = leaves[0].node.value.length;
  for (const { node, line } of leaves) {
    if (node.value.length !== count) {
      fail2(line.line, line.contentColumn, `expected ${count} weights (one per class) as on line ${leaves[0].line.line}, found ${node.value.length}`);
    }
  }
  if (sorted.length > count) {
    const { line } = leaves[0];
    fail2(line.line, line.contentColumn, `the leaves name ${sorted.length} classes (${sorted.join(", ")}) but the weights list ${count}`);
  }
  const winners = (node) => {
    const top = Math.max(...node.value);
    return node.value.flatMap((weight, index) => weight === top ? [index] : []);
  };
  const sortedFits = sorted.length === count && leaves.every(({ node, line }) => winners(node).includes(sorted.indexOf(line.label)));
  if (sortedFits) return { classes: sorted, warnings: [] };
  const indexOf = /* @__PURE__ */ new Map();
  const labelAt = /* @__PURE__ */ new Map();
  for (const { node, line } of leaves) {
    const candidates = winners(node);
    if (candidates.length !== 1) continue;
    const [index] = candidates;
    const label = line.label;
    if (indexOf.has(label) && indexOf.get(label) !== index || labelAt.has(index) && labelAt.get(index) !== label) {
      fail2(line.line, line.contentColumn, `class '${label}' is not the class of the largest weight here (weight ${index + 1} of ${count} is largest, which other leaves give to '${labelAt.get(index) ?? indexOf.get(label)}')`);
    }
    indexOf.set(label, index);
    labelAt.set(index, label);
  }
  const unplaced = sorted.filter((label) => !indexOf.has(label));
  if (unplaced.length > 0) {
    const { line } = leaves.find((leaf) => leaf.line.label === unplaced[0]);
    fail2(line.line, line.contentColumn, `cannot tell which weight belongs to class '${unplaced[0]}': the labels do not follow the sorted class order and its leaves have tied weights`);
  }
  const classes = Array.from({ length: count }, (_, index) => labelAt.get(index) ?? `(class ${index})`);
  const warnings = [];
  if (sorted.length < count) {
    warnings.push({
      code: "W_SKL_UNNAMED_CLASS",
      message: `The weights list ${count} classes but only ${sorted.length} appear as a leaf's class; the others are named by position (${classes.filter((name2) => name2.startsWith("(class ")).join(", ")}).`
    });
  } else {
    warnings.push({
      code: "W_SKL_CLASS_ORDER",
      message: `The class labels are not in sorted order of the weights (class_names given in another order); the order the weights show is used: ${classes.join(", ")}.`
    });
  }
  return { classes, warnings };
}

// app/formats/sklearn/sklearnTokens.ts
import { Token as Token3 } from "antlr4ng";
var KEYWORDS = [
  ["weights:", SklearnTextLexer.WEIGHTS],
  ["value:", SklearnTextLexer.VALUE],
  ["truncated branch of depth", SklearnTextLexer.TRUNCATED]
];
var CLASS_PREFIX = "class: ";
var OPERATORS = [" <= ", " >  "];
var UNKNOWN = -2;
var SklearnTokenSource = class extends ScannedTokenSource {
  position = 0;
  lineStart = 0;
  /** End (exclusive) of the current line's content: before its `\r\n` or `\n`, or a lone `\r`. */
  lineEnd = -1;
  /** Ends (exclusive) of every ` <= T` / ` >  T` of the current line, with where each operator's space starts. */
  splitStarts = [];
  splitEnds = [];
  /** Next ` <= ` and ` >  ` at or after the current line (-1: none left). */
  nextOperator = [UNKNOWN, UNKNOWN];
  /** Next `\r` at or after the current line (-1: none left). */
  nextCarriageReturn = UNKNOWN;
  nextToken() {
    const text = this.text;
    let position = this.position;
    while (position < text.length && text.charCodeAt(position) === SPACE) position++;
    if (position > this.lineEnd) this.scanLine(position);
    const column = position - this.lineStart;
    if (position >= text.length) {
      this.position = position;
      return this.token(Token3.EOF, position, position - 1, this.line, column);
    }
    const code = text.charCodeAt(position);
    if (code === NEWLINE || code === CARRIAGE_RETURN && text.charCodeAt(position + 1) === NEWLINE) {
      const stop = code === NEWLINE ? position : position + 1;
      const token = this.token(SklearnTextLexer.NEWLINE, position, stop, this.line, column);
      this.position = stop + 1;
      this.line++;
      this.lineStart = stop + 1;
      return token;
    }
    if (code === CARRIAGE_RETURN) return this.stop(position, this.line, column);
    if (code === BAR) {
      let end2 = position + 1;
      for (let next2 = text.charCodeAt(end2); next2 === SPACE || next2 === BAR || next2 === DASH; next2 = text.charCodeAt(++end2)) ;
      return this.emit(SklearnTextLexer.PREFIX, position, end2, column);
    }
    let type = -1;
    let end = position;
    const splitEnd = this.splitEndFrom(position);
    if (splitEnd > end) {
      type = SklearnTextLexer.SPLIT;
      end = splitEnd;
    }
    if (code === OPEN_BRACKET || code === COMMA || code === CLOSE_BRACKET) {
      if (end < position + 1) {
        type = code === OPEN_BRACKET ? SklearnTextLexer.T__0 : code === COMMA ? SklearnTextLexer.T__1 : SklearnTextLexer.T__2;
        end = position + 1;
      }
    }
    for (const [keyword, keywordType] of KEYWORDS) {
      if (position + keyword.length > end && text.startsWith(keyword, position)) {
        type = keywordType;
        end = position + keyword.length;
      }
    }
    if (text.startsWith(CLASS_PREFIX, position) && this.lineEnd > end) {
      type = SklearnTextLexer.CLASS;
      end = this.lineEnd;
    }
    const numberEnd = this.thresholdEnd(position);
    if (numberEnd > end) {
      type = SklearnTextLexer.NUMBER;
      end = numberEnd;
    }
    if (type < 0) return this.stop(position, this.line, column);
    return this.emit(type, position, end, column);
  }
  emit(type, start, end, column) {
    this.position = end;
    return this.token(type, start, end - 1, this.line, column);
  }
  /** Finds the current line's end and every split operator on it. */
  scanLine(from) {
    const text = this.text;
    let end = text.indexOf("\n", from);
    if (end < 0) end = text.length;
    if (this.nextCarriageReturn === UNKNOWN || this.nextCarriageReturn >= 0 && this.nextCarriageReturn < from) this.nextCarriageReturn = text.indexOf("\r", from);
    if (this.nextCarriageReturn >= 0 && this.nextCarriageReturn < end) end = this.nextCarriageReturn;
    this.lineEnd = end;
    this.splitStarts = [];
    this.splitEnds = [];
    for (let which = 0; which < OPERATORS.length; which++) {
      const operator = OPERATORS[which];
      let space = this.nextOperator[which];
      if (space === UNKNOWN || space >= 0 && space < from) space = text.indexOf(operator, from);
      for (; space >= 0 && space < end; space = text.indexOf(operator, space + 1)) {
        const thresholdEnd = this.thresholdEnd(space + 4);
        if (thresholdEnd > space + 4 && thresholdEnd <= end) {
          this.splitStarts.push(space);
          this.splitEnds.push(thresholdEnd);
        }
      }
      this.nextOperator[which] = space;
    }
  }
  /** End of the longest SPLIT starting at `start`: its operator must follow at least one name character. */
  splitEndFrom(start) {
    let best = -1;
    for (let index = 0; index < this.splitStarts.length; index++) {
      if (this.splitStarts[index] > start && this.splitEnds[index] > best) best = this.splitEnds[index];
    }
    return best;
  }
  /** End of the longest THRESHOLD at `start` (`-`? digits (`.` digits)?, `-`? `inf`, `nan`), or `start`. */
  thresholdEnd(start) {
    const text = this.text;
    if (text.startsWith("nan", start)) return start + 3;
    let position = start;
    if (text.charCodeAt(position) === DASH) position++;
    if (text.startsWith("inf", position)) return position + 3;
    const digitsStart = position;
    while (isDigitCode(text.charCodeAt(position))) position++;
    if (position === digitsStart) return start;
    if (text.charCodeAt(position) === DOT && isDigitCode(text.charCodeAt(position + 1))) {
      position += 2;
      while (isDigitCode(text.charCodeAt(position))) position++;
    }
    return position;
  }
};

// app/formats/sklearn/sklearnAdapter.ts
var TRUNCATION_WARNINGS = 10;
var LINE_FORMS = "a split ('name <= threshold' or 'name >  threshold') or a leaf ('class: label', 'weights: [w1, w2] class: label', 'value: [v]', 'truncated branch of depth N')";
var LineCollectingParser = class extends SklearnTextParser {
  lines = [];
  constructor(input) {
    super(input);
    this.buildParseTrees = false;
  }
  exitRule() {
    const context = this.context;
    if (context instanceof LineContext) this.lines.push(context);
    super.exitRule();
  }
};
function explainSyntaxError(error, text, fileName, spacing) {
  if (!(error instanceof ModelParseError) || error.info.code !== "E_PARSE_SYNTAX" || !error.info.position) return error;
  const { line, column } = error.info.position;
  const raw = sourceLineAt(text, line) ?? "";
  const found = raw.slice(column - 1);
  const contentColumn = /^(\|[ -]+)*\|-+ /.exec(raw)?.[0].length;
  let detail;
  if (raw.trim() === "") detail = "a blank line inside the tree: export_text prints none";
  else if (!raw.startsWith("|")) detail = `expected a tree line starting with '|${"-".repeat(spacing)} ' but found '${raw}' (text inside the tree)`;
  else if (contentColumn !== void 0 && column === contentColumn + 1) detail = `expected ${LINE_FORMS}, found '${found}'`;
  else if (error.info.message.includes(": unexpected character ")) detail = `unexpected '${found}' at the end of the line`;
  if (detail === void 0) return error;
  return new ModelParseError({ code: "E_PARSE_SYNTAX", fileName, format: "sklearn", position: { line, column }, sourceLine: raw, detail });
}
function parseSklearnText(text, fileName, _options) {
  const allLines = text.split("\n").map((line) => line.replace(/\r$/, ""));
  const region = findTreeRegion(text, allLines, fileName);
  const warnings = [];
  const before = allLines.slice(0, region.firstLine - 1);
  const after = allLines.slice(region.lastLine);
  if (before.some((line) => line.trim() !== "") || after.some((line) => line.trim() !== "")) {
    const parts = [];
    if (before.some((line) => line.trim() !== "")) parts.push(`${before.length} line(s) before the tree`);
    if (after.some((line) => line.trim() !== "")) parts.push(`${after.length} line(s) after it`);
    warnings.push({ code: "W_WRAPPER_TEXT", message: `Skipped text that is not part of the tree: ${parts.join(" and ")}.`, position: { line: 1, column: 1 } });
  }
  const fail2 = (line, column, detail) => {
    throw new ModelParseError({ code: "E_PARSE_STRUCTURE", fileName, format: "sklearn", position: { line, column }, sourceLine: sourceLineAt(text, line), detail });
  };
  let lineContexts;
  try {
    lineContexts = parseWithGrammar({
      text: text.slice(region.start, region.end),
      fileName,
      format: "sklearn",
      createLexer: (input) => new SklearnTextLexer(input),
      createParser: (tokens) => new LineCollectingParser(tokens),
      createTokenSource: (treeText) => new SklearnTokenSource(treeText),
      entry: (parser) => {
        parser.tree();
        return parser.lines;
      },
      lineOffset: region.firstLine - 1,
      originalText: text
    });
  } catch (error) {
    throw explainSyntaxError(error, text, fileName, region.spacing);
  }
  const rawLines = allLines.slice(region.firstLine - 1, region.lastLine);
  const lines = lineContexts.map((context, index) => readLine(context, rawLines[index], region.firstLine + index, region.spacing, text, fileName));
  const reader = new TreeReader(lines, rawLines, region.firstLine, region.spacing, fail2);
  reader.read(1, -1);
  if (reader.hasRest) {
    const extra = reader.next;
    fail2(extra.line, 1, `the tree is complete at line ${extra.line - 1} but more tree lines follow (depth ${extra.depth}): one export_text tree per file is supported`);
  }
  const nodes = reader.nodes;
  const problem = linkTree(nodes);
  if (problem) fail2(region.firstLine, 1, problem);
  for (const [position, name2] of reader.featureNames.entries()) {
    const index = /^feature_(\d+)$/.exec(name2)?.[1];
    const problem2 = index === void 0 ? void 0 : countProblem(Number(index) + 1, "feature count", text.length);
    if (!problem2) continue;
    const node = nodes.find((candidate) => candidate.type === "split" && candidate.feature === position);
    fail2(node?.position?.line ?? region.firstLine, node?.position?.column ?? 1, `feature ${name2.slice(0, 40)}: ${problem2}`);
  }
  const { features, remap } = buildFeatures(reader);
  for (const node of nodes) if (node.type === "split") node.feature = remap[node.feature];
  const lineOf = /* @__PURE__ */ new Map();
  for (const line of lines) lineOf.set(line.line, line);
  const leaves = nodes.flatMap((node) => node.type === "leaf" ? [{ node, line: lineOf.get(node.position.line) }] : []);
  const printedLeaves = leaves.filter((leaf) => leaf.line.kind !== "truncated");
  const truncated = leaves.filter((leaf) => leaf.line.kind === "truncated");
  const leafKind = reader.leafKind;
  if (leafKind === void 0) {
    fail2(region.firstLine, 1, "every leaf of this tree is a truncated branch: nothing to predict with; re-export with a larger export_text max_depth");
  }
  const isClassifier = leafKind !== "value";
  let classes;
  let numOutputs = 1;
  let trees = [{ index: 0, outputIndex: 0, weight: 1, nodes }];
  if (isClassifier) {
    const assignment = assignClasses(printedLeaves, leafKind === "weights", fail2);
    classes = assignment.classes;
    warnings.push(...assignment.warnings);
    for (const { node, line } of printedLeaves) node.classIndex = classes.indexOf(line.label);
    numOutputs = classes.length;
    const empty = printedLeaves.find(({ node }) => leafKind === "weights" && node.value.every((weight) => weight === 0));
    if (empty) {
      warnings.push({
        code: "W_SKL_ZERO_WEIGHTS",
        message: `Line ${empty.line.line}: a leaf whose weights are all 0. A multi-output classifier prints this way (its 'weights' are class-0 counts per output, not a distribution), which cannot be evaluated from the text; scikit-learn gives such a leaf probability 0 for every class.`,
        position: { line: empty.line.line, column: empty.line.contentColumn }
      });
    }
  } else {
    numOutputs = printedLeaves[0].node.value.length;
    for (const { node, line } of printedLeaves) {
      if (node.value.length !== numOutputs) fail2(line.line, line.contentColumn, `expected ${numOutputs} value(s) as on line ${printedLeaves[0].line.line}, found ${node.value.length}`);
    }
    if (numOutputs > 1) {
      trees = Array.from({ length: numOutputs }, (_, output) => ({
        index: output,
        outputIndex: output,
        weight: 1,
        nodes: nodes.map((node) => node.type === "leaf" ? { ...node, value: node.truncatedDepth === void 0 ? [node.value[output]] : [] } : { ...node, split: { ...node.split } })
      }));
      warnings.push({
        code: "W_SKL_MULTI_OUTPUT",
        message: `A multi-output regressor (${numOutputs} values per leaf) is shown as ${numOutputs} trees with the same splits, one per output.`
      });
    }
  }
  const splitLines = lines.filter((line) => line.kind === "left");
  const rounded = splitLines.filter((line) => thresholdExactness(line.thresholdText) === "rounded");
  const decimals = Math.max(0, ...splitLines.map((line) => decimalsOf(line.thresholdText)));
  if (rounded.length > 0) {
    warnings.push({
      code: "W_SKL_ROUNDED",
      message: `${rounded.length} of ${splitLines.length} thresholds are rounded (printed with ${decimals} decimals; scikit-learn's thresholds are midpoints of float32 values, which these are not), so inputs near a threshold may go the other way than in scikit-learn. Re-export with export_text(decimals=\u2026) large enough to print the exact values.`,
      position: { line: rounded[0].line, column: rounded[0].thresholdColumn }
    });
  }
  const roundedLeaf = printedLeaves.find(({ line }) => (line.numbers ?? []).some(mayBeRoundedValue));
  if (roundedLeaf) {
    warnings.push({
      code: "W_SKL_ROUNDED",
      message: isClassifier ? "Class weights are printed with too few decimals to be exact: probabilities may differ slightly from predict_proba." : "Leaf values are printed with too few decimals to be exact: predictions may differ slightly from predict.",
      position: { line: roundedLeaf.line.line, column: roundedLeaf.line.contentColumn }
    });
  }
  truncated.slice(0, TRUNCATION_WARNINGS).forEach(({ line }) => {
    warnings.push({
      code: "W_SKL_TRUNCATED",
      message: `Line ${line.line}: a branch of depth ${line.truncatedDepth} was not printed (export_text max_depth); rows that reach it cannot be scored.`,
      position: { line: line.line, column: line.contentColumn }
    });
  });
  if (truncated.length > TRUNCATION_WARNINGS) {
    warnings.push({ code: "W_SKL_TRUNCATED", message: `${truncated.length - TRUNCATION_WARNINGS} more truncated branches (${truncated.length} in all).` });
  }
  warnings.push({
    code: "W_SKL_NODE_IDS",
    message: truncated.length > 0 ? `Node ids are pre-order positions. They match scikit-learn's node ids (apply()) only up to line ${truncated[0].line.line}: a truncated branch hides nodes that scikit-learn numbers.` : "Node ids are pre-order positions, which match scikit-learn's node ids (apply()) for depth-first trees; a tree grown with max_leaf_nodes (best-first) numbers its nodes differently."
  });
  warnings.push({
    code: "W_SKL_MISSING",
    message: "The text does not say where scikit-learn \u2265 1.3 sends missing values (a per-node flag); here NaN fails every comparison and goes right. scikit-learn < 1.3 rejects NaN."
  });
  const showWeights = leafKind === "weights";
  const metadata = {
    spacing: String(region.spacing),
    decimals: String(decimals),
    showWeights: String(showWeights),
    estimator: isClassifier ? "DecisionTreeClassifier (or ExtraTreeClassifier)" : "DecisionTreeRegressor (or ExtraTreeRegressor)",
    firstLine: String(region.firstLine)
  };
  if (truncated.length > 0) metadata.truncatedBranches = String(truncated.length);
  return {
    format: "sklearn",
    variant: `scikit-learn export_text, ${isClassifier ? "classifier" : numOutputs > 1 ? `${numOutputs}-output regressor` : "regressor"}${showWeights ? " with weights" : ""}`,
    fileName,
    task: isClassifier ? classes.length > 2 ? "multiclass" : "binary" : "regression",
    objective: isClassifier ? "classification" : "regression",
    classes,
    features,
    numOutputs,
    trees,
    ...trees.length > 1 ? { sourceTreeCount: 1 } : {},
    aggregation: isClassifier ? { kind: "distribution" } : { kind: "mean" },
    transform: { kind: "identity" },
    arithmetic: { input: "float32", accumulate: "float64" },
    assumptions: {},
    warnings,
    metadata
  };
}

// app/formats/lightgbm/numbers.ts
var POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
var MAX_EXACT_MANTISSA = 9007199254740992;
var SPACE2 = 32;
var TAB2 = 9;
var CARRIAGE_RETURN2 = 13;
var MINUS = 45;
var PLUS = 43;
var DOT2 = 46;
var ZERO2 = 48;
var NINE2 = 57;
var BadNumberError = class extends Error {
  constructor(index, start, text, expected) {
    super(`'${text}' is not ${expected === "integer" ? "an integer" : "a number"}`);
    this.index = index;
    this.start = start;
    this.text = text;
    this.expected = expected;
  }
  index;
  start;
  text;
  expected;
};
function isSeparator(code) {
  return code === SPACE2 || code === TAB2 || code === CARRIAGE_RETURN2;
}
function nonFinite(text) {
  const lower = text.toLowerCase();
  const unsigned = lower.charCodeAt(0) === MINUS || lower.charCodeAt(0) === PLUS ? lower.slice(1) : lower;
  const sign = lower.charCodeAt(0) === MINUS ? -1 : 1;
  if (unsigned === "inf" || unsigned === "infinity") return sign * Infinity;
  if (unsigned === "nan") return NaN;
  return void 0;
}
function isDecimalText(token) {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token);
}
function readDoubleSlowly(text, start, end, isPlain) {
  const token = text.slice(start, end);
  const value = Number(token);
  if (Number.isNaN(value) || value === Infinity || value === -Infinity) {
    const special = nonFinite(token);
    if (special !== void 0) return special;
    throw new BadNumberError(-1, start, token, "number");
  }
  if (!isPlain && !isDecimalText(token)) throw new BadNumberError(-1, start, token, "number");
  return value;
}
function itemText(text, start, end) {
  let position = start;
  while (position < end && !isSeparator(text.charCodeAt(position))) position++;
  return text.slice(start, position);
}
function readDoubles(text, start, end) {
  const values2 = [];
  let position = start;
  while (position < end) {
    let code = text.charCodeAt(position);
    if (code === SPACE2 || code === TAB2 || code === CARRIAGE_RETURN2) {
      position++;
      continue;
    }
    const tokenStart = position;
    const negative = code === MINUS;
    if (negative || code === PLUS) position++;
    let mantissa = 0;
    let digits = 0;
    let fractionDigits = 0;
    let seenDot = false;
    let ended = true;
    while (position < end) {
      code = text.charCodeAt(position);
      if (code >= ZERO2 && code <= NINE2) {
        mantissa = mantissa * 10 + (code - ZERO2);
        digits++;
        if (seenDot) fractionDigits++;
      } else if (code === DOT2 && !seenDot) {
        seenDot = true;
      } else {
        ended = code === SPACE2 || code === TAB2 || code === CARRIAGE_RETURN2;
        break;
      }
      position++;
    }
    if (ended && digits > 0 && mantissa < MAX_EXACT_MANTISSA && fractionDigits <= 22) {
      const value = mantissa / POWERS_OF_TEN[fractionDigits];
      values2.push(negative ? -value : value);
      continue;
    }
    const isPlain = ended;
    while (position < end && !isSeparator(text.charCodeAt(position))) position++;
    try {
      values2.push(readDoubleSlowly(text, tokenStart, position, isPlain));
    } catch (error) {
      if (error instanceof BadNumberError) throw new BadNumberError(values2.length, error.start, error.text, error.expected);
      throw error;
    }
  }
  return values2;
}
function readIntegers(text, start, end) {
  const values2 = [];
  let position = start;
  while (position < end) {
    let code = text.charCodeAt(position);
    if (code === SPACE2 || code === TAB2 || code === CARRIAGE_RETURN2) {
      position++;
      continue;
    }
    const tokenStart = position;
    const negative = code === MINUS;
    if (negative || code === PLUS) position++;
    let value = 0;
    let digits = 0;
    while (position < end) {
      code = text.charCodeAt(position);
      if (code < ZERO2 || code > NINE2) break;
      value = value * 10 + (code - ZERO2);
      digits++;
      position++;
    }
    if (digits === 0 || position < end && !isSeparator(code)) {
      throw new BadNumberError(values2.length, tokenStart, itemText(text, tokenStart, end), "integer");
    }
    values2.push(negative ? -value : value);
  }
  return values2;
}
function readOneInteger(text, start, end) {
  const values2 = readIntegers(text, start, end);
  if (values2.length !== 1) throw new BadNumberError(-1, start, text.slice(start, end).trim(), "integer");
  return values2[0];
}
function parseLightgbmNumber(token) {
  const trimmed = token.trim();
  if (trimmed === "") return NaN;
  try {
    const values2 = readDoubles(trimmed, 0, trimmed.length);
    return values2.length === 1 ? values2[0] : NaN;
  } catch {
    return NaN;
  }
}
function offsetOfItem(text, start, end, index) {
  let position = start;
  let current = -1;
  while (position < end) {
    while (position < end && isSeparator(text.charCodeAt(position))) position++;
    if (position >= end) break;
    current++;
    if (current === index) return position;
    while (position < end && !isSeparator(text.charCodeAt(position))) position++;
  }
  return position;
}
var ZERO_RUN = /(?:0 )+/y;
function readBitsetWords(text, start, end) {
  const indices = [];
  const words = [];
  let count = 0;
  let position = start;
  while (position < end) {
    const code = text.charCodeAt(position);
    if (code === SPACE2 || code === TAB2 || code === CARRIAGE_RETURN2) {
      position++;
      continue;
    }
    if (code === ZERO2) {
      ZERO_RUN.lastIndex = position;
      if (ZERO_RUN.test(text) && ZERO_RUN.lastIndex <= end) {
        count += (ZERO_RUN.lastIndex - position) / 2;
        position = ZERO_RUN.lastIndex;
        continue;
      }
    }
    let itemEnd = position;
    while (itemEnd < end && !isSeparator(text.charCodeAt(itemEnd))) itemEnd++;
    let value;
    try {
      value = readIntegers(text, position, itemEnd)[0];
    } catch (error) {
      if (error instanceof BadNumberError) throw new BadNumberError(count, error.start, error.text, error.expected);
      throw error;
    }
    if (value !== 0) {
      indices.push(count);
      words.push(value);
    }
    count++;
    position = itemEnd;
  }
  return { count, indices, words };
}

// app/formats/lightgbm/assemble.ts
var SQUARE_ROOT_OBJECTIVES = /* @__PURE__ */ new Set(["regression", "regression_l1", "fair", "quantile", "mape"]);
var EXPONENTIAL_OBJECTIVES = /* @__PURE__ */ new Set(["poisson", "gamma", "tweedie"]);
var RANKING_OBJECTIVES = /* @__PURE__ */ new Set(["lambdarank", "rank_xendcg"]);
function objectiveInfo(objective, numClass) {
  const tokens = objective.trim().split(/\s+/);
  const name2 = tokens[0];
  const parameters = /* @__PURE__ */ new Map();
  for (const token of tokens.slice(1)) {
    const colon = token.indexOf(":");
    if (colon > 0) parameters.set(token.slice(0, colon), token.slice(colon + 1));
  }
  const hasSquareRoot = tokens.slice(1).includes("sqrt");
  const sigmoid = parameters.has("sigmoid") ? parseLightgbmNumber(parameters.get("sigmoid")) : 1;
  const classCount = parameters.has("num_class") ? Number(parameters.get("num_class")) : numClass;
  if (name2 === "binary") return { transform: { kind: "sigmoid", scale: sigmoid }, task: "binary", classCount: 2, known: true };
  if (name2 === "multiclass") return { transform: { kind: "softmax" }, task: "multiclass", classCount, known: true };
  if (name2 === "multiclassova") return { transform: { kind: "sigmoidEach", scale: sigmoid }, task: "multiclass", classCount, known: true };
  if (name2 === "cross_entropy") return { transform: { kind: "sigmoid", scale: 1 }, task: "binary", classCount: 2, known: true };
  if (name2 === "cross_entropy_lambda") return { transform: { kind: "log1pExp" }, task: "regression", known: true };
  if (EXPONENTIAL_OBJECTIVES.has(name2)) return { transform: { kind: "exp" }, task: "regression", known: true };
  if (SQUARE_ROOT_OBJECTIVES.has(name2)) {
    return { transform: hasSquareRoot ? { kind: "signedSquare" } : { kind: "identity" }, task: "regression", known: true };
  }
  if (name2 === "huber") return { transform: { kind: "identity" }, task: "regression", known: true };
  if (RANKING_OBJECTIVES.has(name2)) return { transform: { kind: "identity" }, task: "ranking", known: true };
  return { transform: { kind: "identity" }, task: "regression", known: false };
}
function readFeatureInfo(info) {
  if (info === void 0 || info === "none" || info === "") return { isCategorical: false };
  if (info.charCodeAt(0) === 91 && info.charCodeAt(info.length - 1) === 93) {
    const colon = info.indexOf(":");
    const min = parseLightgbmNumber(info.slice(1, colon));
    const max = parseLightgbmNumber(info.slice(colon + 1, -1));
    return colon < 0 || Number.isNaN(min) || Number.isNaN(max) ? { isCategorical: false } : { trainingRange: { min, max }, isCategorical: false };
  }
  const categories = info.split(":").map(Number);
  return categories.every(Number.isInteger) ? { trainingCategories: categories, isCategorical: true } : { isCategorical: false };
}
function categoricalFeatureOrder(header, features) {
  const parameter = header.parameters.find(([key]) => key === "categorical_feature")?.[1].trim();
  if (parameter && /^\d+(,\d+)*$/.test(parameter)) {
    return parameter.split(",").map(Number).filter((index) => index < features.length);
  }
  return features.filter((feature) => feature.kind === "categorical").map((feature) => feature.index);
}
function applyPandasCategorical(header, features, warnings) {
  const lists = header.pandasCategorical;
  if (lists === void 0 || lists === null) return;
  if (!Array.isArray(lists) || !lists.every(Array.isArray)) {
    warnings.push({ code: "W_LGB_PANDAS_CATEGORICAL", message: "pandas_categorical is not a list of lists; category labels are not shown." });
    return;
  }
  if (lists.length === 0) return;
  const order = categoricalFeatureOrder(header, features);
  if (order.length !== lists.length) {
    warnings.push({
      code: "W_LGB_PANDAS_CATEGORICAL",
      message: `pandas_categorical has ${lists.length} lists but the model has ${order.length} categorical features; labels are given in order to the first ${Math.min(order.length, lists.length)}.`
    });
  }
  lists.slice(0, order.length).forEach((labels, position) => {
    const feature = features[order[position]];
    feature.kind = "categorical";
    feature.categoryLabels = labels.map((label) => typeof label === "string" ? label : JSON.stringify(label));
  });
}
function buildFeatures2(header, categoricalFeatures, warnings) {
  const count = header.maxFeatureIndex + 1;
  const features = [];
  for (let index = 0; index < count; index++) {
    const written = header.featureNames?.[index];
    const isNamed = written !== void 0 && written !== `Column_${index}`;
    const info = readFeatureInfo(header.featureInfos?.[index]);
    const feature = { index, name: written ?? `Column_${index}`, isNamed, kind: info.isCategorical ? "categorical" : "numeric" };
    if (info.trainingRange) feature.trainingRange = info.trainingRange;
    if (info.trainingCategories) feature.trainingCategories = info.trainingCategories;
    features.push(feature);
  }
  for (const feature of categoricalFeatures) features[feature].kind = "categorical";
  applyPandasCategorical(header, features, warnings);
  return features;
}
function buildMetadata(header, source) {
  const metadata = { source };
  metadata.version = header.version ?? "none (LightGBM \u2264 2.0.11)";
  metadata.numClass = String(header.numClass);
  metadata.numTreePerIteration = String(header.numTreePerIteration);
  if (header.labelIndex !== void 0) metadata.labelIndex = String(header.labelIndex);
  metadata.maxFeatureIndex = String(header.maxFeatureIndex);
  if (header.objective !== void 0) metadata.objective = header.objective;
  if (header.averageOutput) metadata.averageOutput = "true";
  if (header.monotoneConstraints !== void 0) metadata.monotoneConstraints = header.monotoneConstraints;
  const boosting = header.parameters.find(([key]) => key === "boosting")?.[1];
  if (boosting) metadata.boosting = boosting;
  if (header.featureImportances.length) metadata.featureImportances = header.featureImportances.join("\n");
  if (header.parameters.length) metadata.parameters = header.parameters.map(([key, value]) => `${key}: ${value}`).join("\n");
  if (header.parserConfig !== void 0) metadata.parserConfig = header.parserConfig;
  return metadata;
}
function assembleModel(options) {
  const { trees, ...rest } = options;
  const categoricalFeatures = /* @__PURE__ */ new Set();
  for (const tree of trees) {
    tree.outputIndex = outputOfTree(tree.index, options.header);
    for (const node of tree.nodes) if (node.type === "split" && node.split.kind === "categorical") categoricalFeatures.add(node.feature);
  }
  return { ...assembleHeader({ ...rest, treeCount: trees.length, categoricalFeatures }), trees };
}
function outputOfTree(index, header) {
  return index % header.numTreePerIteration;
}
function assembleHeader(options) {
  const { header, fileName, parseOptions, warnings } = options;
  const outputs = header.numTreePerIteration;
  const { treeCount } = options;
  const parameterObjective = header.parameters.find(([key]) => key === "objective")?.[1];
  const boosting = header.parameters.find(([key]) => key === "boosting")?.[1];
  let info;
  let objective;
  if (header.objective !== void 0) {
    objective = header.objective;
    info = objectiveInfo(header.objective, header.numClass);
    if (!info.known) {
      warnings.push({
        code: "W_LGB_UNKNOWN_OBJECTIVE",
        message: `Unknown objective '${header.objective.split(/\s+/)[0]}': predictions are the raw scores, which may not be what LightGBM returns.`,
        position: header.position
      });
    }
  } else {
    objective = parameterObjective ? `${parameterObjective} (from parameters; no objective line)` : "custom (no objective line)";
    const fromParameters = parameterObjective ? objectiveInfo(parameterObjective, header.numClass) : void 0;
    info = { transform: { kind: "identity" }, task: fromParameters?.task === "ranking" ? "ranking" : "regression", known: false };
    warnings.push({
      code: "W_LGB_NO_OBJECTIVE",
      message: `The model has no objective line (a custom objective${parameterObjective ? `; the parameters say '${parameterObjective}'` : ""}): LightGBM predicts raw scores for it, and so does Splitscope.`,
      position: header.position
    });
  }
  const iterations = Math.floor(treeCount / outputs);
  if (treeCount % outputs !== 0) {
    warnings.push({
      code: "W_LGB_TREE_COUNT",
      message: `${treeCount} trees is not a whole number of iterations of ${outputs} trees; LightGBM predicts with the first ${iterations * outputs} only.`
    });
  }
  const assumptions = {};
  let transform = info.transform;
  if (header.averageOutput) {
    const legacy = parseOptions.lightgbmLegacyRf ?? false;
    assumptions.lightgbmLegacyRf = legacy;
    if (legacy) {
      transform = { kind: "identity" };
    } else if (header.version === "v2" && transform.kind !== "identity") {
      warnings.push({
        code: "W_LGB_LEGACY_RF",
        message: `This v2 random-forest model (average_output) may come from LightGBM \u2264 2.2.2, which stored already transformed leaf values and did not transform the average. It is read with the rule of LightGBM \u2265 2.2.3 (average, then ${transform.kind}); if predictions look wrong, reopen it with the legacy random-forest option.`,
        position: header.position
      });
    }
  }
  const features = buildFeatures2(header, options.categoricalFeatures, warnings);
  const classCount = info.classCount;
  const metadata = buildMetadata(header, options.source);
  return {
    format: "lightgbm",
    variant: `LightGBM ${options.source}${header.version ? ` ${header.version}` : ""}${boosting ? ` (${boosting})` : header.averageOutput ? " (rf)" : ""}`,
    fileName,
    task: info.task,
    objective,
    classes: classCount !== void 0 ? Array.from({ length: classCount }, (_, index) => String(index)) : void 0,
    features,
    numOutputs: outputs,
    aggregation: header.averageOutput ? { kind: "sum", base: new Array(outputs).fill(0), averageOver: iterations } : { kind: "sum", base: new Array(outputs).fill(0) },
    transform,
    // LightGBM's row readers (CLI, Python, C API) drop |x| ≤ kZeroThreshold as zeros before predicting.
    arithmetic: { input: "float64", accumulate: "float64", zeroTinyInputs: true },
    assumptions,
    warnings,
    metadata
  };
}

// app/formats/jsonLocate.ts
var QUOTE = 34;
var BACKSLASH = 92;
function skipBlanks(text, at) {
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) break;
    at++;
  }
  return at;
}
function stringEnd(text, at) {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE) return i + 1;
  }
  return text.length;
}
function valueEnd(text, at) {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return stringEnd(text, at);
  if (first !== 123 && first !== 91) {
    let i = at;
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
    return i;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) i = stringEnd(text, i) - 1;
    else if (code === 123 || code === 91) depth++;
    else if (code === 125 || code === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}
function locateJsonValue(text, path2) {
  let at = skipBlanks(text, 0);
  for (const step2 of path2) {
    const open = text.charCodeAt(at);
    if (typeof step2 === "number" && open === 91) {
      let i = skipBlanks(text, at + 1);
      let index = 0;
      while (index < step2 && i < text.length && text.charCodeAt(i) !== 93) {
        i = skipBlanks(text, valueEnd(text, i));
        if (text.charCodeAt(i) === 44) i = skipBlanks(text, i + 1);
        index++;
      }
      if (index !== step2 || i >= text.length || text.charCodeAt(i) === 93) return at;
      at = i;
    } else if (typeof step2 === "string" && open === 123) {
      let i = skipBlanks(text, at + 1);
      let found = -1;
      while (i < text.length && text.charCodeAt(i) === QUOTE) {
        const keyEnd = stringEnd(text, i);
        let key;
        try {
          key = JSON.parse(text.slice(i, keyEnd));
        } catch {
          return at;
        }
        i = skipBlanks(text, keyEnd);
        if (text.charCodeAt(i) !== 58) return at;
        i = skipBlanks(text, i + 1);
        if (key === step2) found = i;
        i = skipBlanks(text, valueEnd(text, i));
        if (text.charCodeAt(i) === 44) i = skipBlanks(text, i + 1);
      }
      if (found < 0) return at;
      at = found;
    } else {
      return at;
    }
  }
  return at;
}
function positionOfOffset(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
function jsonPathPosition(text, path2) {
  return positionOfOffset(text, locateJsonValue(text, path2));
}
function parseJsonPath(written) {
  const steps = [];
  for (const match of written.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(match[2] !== void 0 ? Number(match[2]) : match[1]);
  return steps;
}
function locateJsonError(text) {
  let at = 0;
  const skip = () => {
    at = skipBlanks(text, at);
  };
  const closers = [];
  const literalPattern = /true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const string = () => {
    at++;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) break;
      if (code === BACKSLASH) at++;
      else if (code < 32) return { offset: at, expected: `'"' before the end of the line` };
      at++;
    }
    if (at >= text.length) return { offset: at, expected: `'"'` };
    at++;
    return void 0;
  };
  const key = () => {
    skip();
    if (text[at] !== '"') return { offset: at, expected: "a quoted key" };
    const problem = string();
    if (problem) return problem;
    skip();
    if (text[at] !== ":") return { offset: at, expected: "':'" };
    at++;
    return void 0;
  };
  for (; ; ) {
    skip();
    const char = text[at];
    if (char === "{" || char === "[") {
      const close = char === "{" ? "}" : "]";
      at++;
      skip();
      if (text[at] !== close) {
        closers.push(close);
        if (close === "}") {
          const problem = key();
          if (problem) return problem;
        }
        continue;
      }
      at++;
    } else if (char === '"') {
      const problem = string();
      if (problem) return problem;
    } else {
      literalPattern.lastIndex = at;
      const literal = literalPattern.exec(text);
      if (!literal) {
        const word = char === "t" ? "true" : char === "f" ? "false" : char === "n" ? "null" : void 0;
        if (word) {
          let i = 1;
          while (i < word.length && text[at + i] === word[i]) i++;
          return { offset: at + i, expected: `'${word}'` };
        }
        return { offset: char === "-" ? at + 1 : at, expected: char === "-" ? "a digit after the minus sign" : "a value" };
      }
      at += literal[0].length;
      if (text[at] === "." && /[-\d]/.test(char)) return { offset: at + 1, expected: "a digit after the decimal point" };
      if ((text[at] === "e" || text[at] === "E") && /[-\d]/.test(char)) {
        at++;
        if (text[at] === "+" || text[at] === "-") at++;
        return { offset: at, expected: "a digit in the exponent" };
      }
    }
    for (; ; ) {
      if (closers.length === 0) {
        skip();
        return at < text.length ? { offset: at, expected: "the end of the file" } : void 0;
      }
      const close = closers[closers.length - 1];
      skip();
      if (text[at] === ",") {
        at++;
        if (close === "}") {
          const problem = key();
          if (problem) return problem;
        }
        break;
      }
      if (text[at] === close) {
        at++;
        closers.pop();
        continue;
      }
      return { offset: at, expected: `',' or '${close}'` };
    }
  }
}

// app/formats/lightgbm/jsonModel.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function numberOf(value) {
  if (typeof value === "number") return value;
  if (typeof value === "string") return parseLightgbmNumber(value);
  return NaN;
}
function readLightgbmJson(text, fileName, options) {
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const found = locateJsonError(text);
    const offset = found?.offset ?? Number(/position (\d+)/.exec(error.message)?.[1] ?? 0);
    const position = positionOfOffset(text, offset);
    const near = offset < text.length ? `'${text.slice(offset, offset + 12).split(/\r?\n/)[0]}'` : "the end of the file";
    throw new ModelParseError({
      code: "E_PARSE_SYNTAX",
      fileName,
      format: "lightgbm",
      position,
      sourceLine: sourceLineAt(text, position.line),
      detail: found ? `not valid JSON: expected ${found.expected} but found ${near}` : `not valid JSON: ${error.message}`
    });
  }
  const fail2 = (path2, detail) => {
    const position = jsonPathPosition(text, path2 === "the document" ? [] : parseJsonPath(path2));
    throw new ModelParseError({
      code: "E_PARSE_STRUCTURE",
      fileName,
      format: "lightgbm",
      position,
      sourceLine: sourceLineAt(text, position.line),
      detail: `${path2}: ${detail}`
    });
  };
  if (!isObject(document)) return fail2("the document", "expected a JSON object (LightGBM dump_model output)");
  if (!Array.isArray(document.tree_info)) return fail2("tree_info", "expected the list of trees");
  const integer = (value, path2, fallback) => {
    if (value === void 0 && fallback !== void 0) return fallback;
    return typeof value === "number" && Number.isInteger(value) ? value : fail2(path2, `expected an integer, found ${JSON.stringify(value)}`);
  };
  const warnings = [];
  const numClass = integer(document.num_class, "num_class");
  const maxFeatureIndex = integer(document.max_feature_idx, "max_feature_idx");
  const featureNames = Array.isArray(document.feature_names) ? document.feature_names.map(String) : void 0;
  if (featureNames && featureNames.length !== maxFeatureIndex + 1) {
    fail2("feature_names", `has ${featureNames.length} names but max_feature_idx=${maxFeatureIndex} means ${maxFeatureIndex + 1} features`);
  }
  let featureInfos;
  if (isObject(document.feature_infos) && featureNames) {
    const infos = document.feature_infos;
    featureInfos = featureNames.map((name2) => {
      const info = infos[name2];
      if (!isObject(info)) return "none";
      if (Array.isArray(info.values) && info.values.length > 0) return info.values.join(":");
      if (typeof info.min_value === "number" && typeof info.max_value === "number") return `[${info.min_value}:${info.max_value}]`;
      return "none";
    });
  }
  let objective = typeof document.objective === "string" && document.objective.trim() !== "" ? document.objective.trim() : void 0;
  if (objective === void 0 && options.objective) {
    objective = options.objective;
    warnings.push({ code: "W_LGB_OBJECTIVE_SUPPLIED", message: `The dump has no objective; using the supplied '${options.objective}'.` });
  } else if (objective === void 0) {
    warnings.push({
      code: "W_LGB_JSON_NO_OBJECTIVE",
      message: "This JSON dump names no objective (older LightGBM versions leave it out): predictions are raw scores. Supply the objective (e.g. 'binary sigmoid:1') to get LightGBM's predictions."
    });
  }
  const header = {
    version: typeof document.version === "string" ? document.version : void 0,
    numClass,
    numTreePerIteration: integer(document.num_tree_per_iteration, "num_tree_per_iteration", numClass),
    labelIndex: typeof document.label_index === "number" ? document.label_index : void 0,
    maxFeatureIndex,
    objective,
    averageOutput: document.average_output === true,
    featureNames,
    featureInfos,
    monotoneConstraints: Array.isArray(document.monotone_constraints) ? document.monotone_constraints.join(" ") : void 0,
    parameters: [],
    featureImportances: isObject(document.feature_importances) ? Object.entries(document.feature_importances).map(([name2, value]) => `${name2}=${value}`) : [],
    pandasCategorical: document.pandas_categorical
  };
  const numFeatures = maxFeatureIndex + 1;
  const trees = document.tree_info.map((info, treeIndex) => {
    const path2 = `tree_info[${treeIndex}]`;
    if (!isObject(info) || !isObject(info.tree_structure)) return fail2(path2, "expected {num_leaves, tree_structure}");
    const leafCount = integer(info.num_leaves, `${path2}.num_leaves`);
    const internalCount = leafCount - 1;
    const nodes = new Array(leafCount + internalCount);
    const place = (id, node, nodePath) => {
      if (!(id >= 0 && id < nodes.length)) fail2(nodePath, `index out of range for a tree of ${leafCount} leaves`);
      if (nodes[id]) fail2(nodePath, "index used twice");
      nodes[id] = node;
    };
    const stack = [[info.tree_structure, `${path2}.tree_structure`]];
    const idOf = (node, nodePath) => "split_index" in node ? integer(node.split_index, `${nodePath}.split_index`) : internalCount + integer(node.leaf_index, `${nodePath}.leaf_index`, 0);
    while (stack.length > 0) {
      const [node, nodePath] = stack.pop();
      if (!("split_index" in node)) {
        const leafIndex = integer(node.leaf_index, `${nodePath}.leaf_index`, 0);
        const leaf = { type: "leaf", id: internalCount + leafIndex, sourceId: leafIndex, depth: 0, parent: -1, value: [numberOf(node.leaf_value)] };
        const stats2 = {};
        if (typeof node.leaf_count === "number") stats2.count = node.leaf_count;
        if (typeof node.leaf_weight === "number") stats2.cover = node.leaf_weight;
        if (Object.keys(stats2).length) leaf.stats = stats2;
        if (Array.isArray(node.leaf_features) && Array.isArray(node.leaf_coeff)) {
          leaf.linear = { constant: numberOf(node.leaf_const), features: node.leaf_features.map(Number), coefficients: node.leaf_coeff.map(numberOf) };
        }
        place(leaf.id, leaf, nodePath);
        continue;
      }
      const splitIndex = integer(node.split_index, `${nodePath}.split_index`);
      const feature = integer(node.split_feature, `${nodePath}.split_feature`);
      if (feature < 0 || feature >= numFeatures) fail2(`${nodePath}.split_feature`, `${feature} is outside the ${numFeatures} features`);
      if (!isObject(node.left_child) || !isObject(node.right_child)) fail2(nodePath, "expected left_child and right_child objects");
      const left = node.left_child;
      const right = node.right_child;
      let split;
      if (node.decision_type === "==") {
        const categories = [...new Set(String(node.threshold).split("||").map(Number))].sort((a, b) => a - b);
        if (!categories.every((category) => Number.isInteger(category) && category >= 0)) fail2(`${nodePath}.threshold`, `expected categories joined by '||', found ${JSON.stringify(node.threshold)}`);
        split = { kind: "categorical", categories, inSetGoes: "left", missingGoes: "right", match: "truncate" };
      } else if (node.decision_type === "<=") {
        const defaultLeft = node.default_left === true;
        const missingType = node.missing_type;
        split = {
          kind: "numeric",
          op: "<=",
          threshold: numberOf(node.threshold),
          missing: missingType === "NaN" ? { mode: "default", defaultLeft } : missingType === "Zero" ? { mode: "zero", defaultLeft } : { mode: "asZero" }
        };
      } else {
        return fail2(`${nodePath}.decision_type`, `expected "<=" or "==", found ${JSON.stringify(node.decision_type)}`);
      }
      const splitNode = {
        type: "split",
        id: splitIndex,
        sourceId: splitIndex,
        depth: 0,
        parent: -1,
        feature,
        split,
        left: idOf(left, `${nodePath}.left_child`),
        right: idOf(right, `${nodePath}.right_child`)
      };
      const stats = {};
      if (typeof node.split_gain === "number") stats.gain = node.split_gain;
      if (typeof node.internal_count === "number") stats.count = node.internal_count;
      if (typeof node.internal_weight === "number") stats.cover = node.internal_weight;
      if (typeof node.internal_value === "number") stats.internalValue = node.internal_value;
      if (Object.keys(stats).length) splitNode.stats = stats;
      place(splitIndex, splitNode, nodePath);
      stack.push([right, `${nodePath}.right_child`], [left, `${nodePath}.left_child`]);
    }
    for (let id = 0; id < nodes.length; id++) if (!nodes[id]) fail2(path2, `node ${id < internalCount ? `split ${id}` : `leaf ${id - internalCount}`} is missing`);
    const problem = linkTree(nodes);
    if (problem) fail2(path2, problem);
    return { index: treeIndex, outputIndex: 0, weight: 1, nodes };
  });
  return assembleModel({ header, trees, fileName, source: "dump_model JSON", parseOptions: options, warnings });
}

// grammar/generated/LightGBM/LightGBMParser.ts
import * as antlr5 from "antlr4ng";
var LightGBMParser = class _LightGBMParser extends antlr5.Parser {
  static TREE_NAME = 1;
  static TREE_HEADER = 2;
  static AVERAGE_OUTPUT = 3;
  static END_OF_TREES = 4;
  static FEATURE_IMPORTANCES = 5;
  static PARAMETERS = 6;
  static END_OF_PARAMETERS = 7;
  static PARSER_START = 8;
  static END_OF_PARSER = 9;
  static PANDAS_CATEGORICAL = 10;
  static VERSION = 11;
  static NUM_CLASS = 12;
  static NUM_TREE_PER_ITERATION = 13;
  static LABEL_INDEX = 14;
  static MAX_FEATURE_IDX = 15;
  static OBJECTIVE = 16;
  static FEATURE_NAMES = 17;
  static MONOTONE_CONSTRAINTS = 18;
  static FEATURE_INFOS = 19;
  static TREE_SIZES = 20;
  static NUM_LEAVES = 21;
  static NUM_CAT = 22;
  static SPLIT_FEATURE = 23;
  static SPLIT_GAIN = 24;
  static THRESHOLD = 25;
  static DECISION_TYPE = 26;
  static LEFT_CHILD = 27;
  static RIGHT_CHILD = 28;
  static LEAF_VALUE = 29;
  static LEAF_WEIGHT = 30;
  static LEAF_COUNT = 31;
  static INTERNAL_VALUE = 32;
  static INTERNAL_WEIGHT = 33;
  static INTERNAL_COUNT = 34;
  static CAT_BOUNDARIES = 35;
  static CAT_THRESHOLD = 36;
  static IS_LINEAR = 37;
  static LEAF_CONST = 38;
  static NUM_FEATURES = 39;
  static LEAF_FEATURES = 40;
  static LEAF_COEFF = 41;
  static SHRINKAGE = 42;
  static PARAMETER = 43;
  static BLANK = 44;
  static KEY_VALUE = 45;
  static OTHER = 46;
  static STRAY = 47;
  static RULE_model = 0;
  static RULE_headerLine = 1;
  static RULE_treeBlock = 2;
  static RULE_trailerBlock = 3;
  static RULE_knownBlock = 4;
  static RULE_parserLine = 5;
  static RULE_otherLine = 6;
  static RULE_keyValue = 7;
  static literalNames = [];
  static symbolicNames = [
    null,
    "TREE_NAME",
    "TREE_HEADER",
    "AVERAGE_OUTPUT",
    "END_OF_TREES",
    "FEATURE_IMPORTANCES",
    "PARAMETERS",
    "END_OF_PARAMETERS",
    "PARSER_START",
    "END_OF_PARSER",
    "PANDAS_CATEGORICAL",
    "VERSION",
    "NUM_CLASS",
    "NUM_TREE_PER_ITERATION",
    "LABEL_INDEX",
    "MAX_FEATURE_IDX",
    "OBJECTIVE",
    "FEATURE_NAMES",
    "MONOTONE_CONSTRAINTS",
    "FEATURE_INFOS",
    "TREE_SIZES",
    "NUM_LEAVES",
    "NUM_CAT",
    "SPLIT_FEATURE",
    "SPLIT_GAIN",
    "THRESHOLD",
    "DECISION_TYPE",
    "LEFT_CHILD",
    "RIGHT_CHILD",
    "LEAF_VALUE",
    "LEAF_WEIGHT",
    "LEAF_COUNT",
    "INTERNAL_VALUE",
    "INTERNAL_WEIGHT",
    "INTERNAL_COUNT",
    "CAT_BOUNDARIES",
    "CAT_THRESHOLD",
    "IS_LINEAR",
    "LEAF_CONST",
    "NUM_FEATURES",
    "LEAF_FEATURES",
    "LEAF_COEFF",
    "SHRINKAGE",
    "PARAMETER",
    "BLANK",
    "KEY_VALUE",
    "OTHER",
    "STRAY"
  ];
  static ruleNames = [
    "model",
    "headerLine",
    "treeBlock",
    "trailerBlock",
    "knownBlock",
    "parserLine",
    "otherLine",
    "keyValue"
  ];
  get grammarFileName() {
    return "LightGBM.g4";
  }
  get literalNames() {
    return _LightGBMParser.literalNames;
  }
  get symbolicNames() {
    return _LightGBMParser.symbolicNames;
  }
  get ruleNames() {
    return _LightGBMParser.ruleNames;
  }
  get serializedATN() {
    return _LightGBMParser._serializedATN;
  }
  createFailedPredicateException(predicate, message) {
    return new antlr5.FailedPredicateException(this, predicate, message);
  }
  constructor(input) {
    super(input);
    this.interpreter = new antlr5.ParserATNSimulator(this, _LightGBMParser._ATN, _LightGBMParser.decisionsToDFA, new antlr5.PredictionContextCache());
  }
  model() {
    let localContext = new ModelContext2(this.context, this.state);
    this.enterRule(localContext, 0, _LightGBMParser.RULE_model);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 16;
        this.match(_LightGBMParser.TREE_NAME);
        this.state = 20;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        while ((_la & ~31) === 0 && (1 << _la & 4294965256) !== 0 || (_la - 32 & ~31) === 0 && (1 << _la - 32 & 10239) !== 0) {
          {
            {
              this.state = 17;
              this.headerLine();
            }
          }
          this.state = 22;
          this.errorHandler.sync(this);
          _la = this.tokenStream.LA(1);
        }
        this.state = 26;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        while (_la === 44) {
          {
            {
              this.state = 23;
              this.match(_LightGBMParser.BLANK);
            }
          }
          this.state = 28;
          this.errorHandler.sync(this);
          _la = this.tokenStream.LA(1);
        }
        this.state = 38;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        while (_la === 2) {
          {
            {
              this.state = 29;
              this.treeBlock();
              this.state = 33;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
              while (_la === 44) {
                {
                  {
                    this.state = 30;
                    this.match(_LightGBMParser.BLANK);
                  }
                }
                this.state = 35;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
              }
            }
          }
          this.state = 40;
          this.errorHandler.sync(this);
          _la = this.tokenStream.LA(1);
        }
        this.state = 60;
        this.errorHandler.sync(this);
        switch (this.tokenStream.LA(1)) {
          case _LightGBMParser.END_OF_TREES:
            {
              this.state = 41;
              this.match(_LightGBMParser.END_OF_TREES);
              this.state = 45;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
              while (_la === 44) {
                {
                  {
                    this.state = 42;
                    this.match(_LightGBMParser.BLANK);
                  }
                }
                this.state = 47;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
              }
              this.state = 51;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
              while ((_la & ~31) === 0 && (1 << _la & 1376) !== 0 || _la === 46) {
                {
                  {
                    this.state = 48;
                    this.trailerBlock();
                  }
                }
                this.state = 53;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
              }
            }
            break;
          case _LightGBMParser.EOF:
          case _LightGBMParser.FEATURE_IMPORTANCES:
          case _LightGBMParser.PARAMETERS:
          case _LightGBMParser.PARSER_START:
          case _LightGBMParser.PANDAS_CATEGORICAL:
            {
              this.state = 57;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
              while ((_la & ~31) === 0 && (1 << _la & 1376) !== 0) {
                {
                  {
                    this.state = 54;
                    this.knownBlock();
                  }
                }
                this.state = 59;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
              }
            }
            break;
          default:
            throw new antlr5.NoViableAltException(this);
        }
        this.state = 62;
        this.match(_LightGBMParser.EOF);
      }
    } catch (re) {
      if (re instanceof antlr5.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  headerLine() {
    let localContext = new HeaderLineContext(this.context, this.state);
    this.enterRule(localContext, 2, _LightGBMParser.RULE_headerLine);
    try {
      this.state = 66;
      this.errorHandler.sync(this);
      switch (this.tokenStream.LA(1)) {
        case _LightGBMParser.VERSION:
        case _LightGBMParser.NUM_CLASS:
        case _LightGBMParser.NUM_TREE_PER_ITERATION:
        case _LightGBMParser.LABEL_INDEX:
        case _LightGBMParser.MAX_FEATURE_IDX:
        case _LightGBMParser.OBJECTIVE:
        case _LightGBMParser.FEATURE_NAMES:
        case _LightGBMParser.MONOTONE_CONSTRAINTS:
        case _LightGBMParser.FEATURE_INFOS:
        case _LightGBMParser.TREE_SIZES:
        case _LightGBMParser.NUM_LEAVES:
        case _LightGBMParser.NUM_CAT:
        case _LightGBMParser.SPLIT_FEATURE:
        case _LightGBMParser.SPLIT_GAIN:
        case _LightGBMParser.THRESHOLD:
        case _LightGBMParser.DECISION_TYPE:
        case _LightGBMParser.LEFT_CHILD:
        case _LightGBMParser.RIGHT_CHILD:
        case _LightGBMParser.LEAF_VALUE:
        case _LightGBMParser.LEAF_WEIGHT:
        case _LightGBMParser.LEAF_COUNT:
        case _LightGBMParser.INTERNAL_VALUE:
        case _LightGBMParser.INTERNAL_WEIGHT:
        case _LightGBMParser.INTERNAL_COUNT:
        case _LightGBMParser.CAT_BOUNDARIES:
        case _LightGBMParser.CAT_THRESHOLD:
        case _LightGBMParser.IS_LINEAR:
        case _LightGBMParser.LEAF_CONST:
        case _LightGBMParser.NUM_FEATURES:
        case _LightGBMParser.LEAF_FEATURES:
        case _LightGBMParser.LEAF_COEFF:
        case _LightGBMParser.SHRINKAGE:
        case _LightGBMParser.KEY_VALUE:
          this.enterOuterAlt(localContext, 1);
          {
            this.state = 64;
            this.keyValue();
          }
          break;
        case _LightGBMParser.AVERAGE_OUTPUT:
          this.enterOuterAlt(localContext, 2);
          {
            this.state = 65;
            this.match(_LightGBMParser.AVERAGE_OUTPUT);
          }
          break;
        default:
          throw new antlr5.NoViableAltException(this);
      }
    } catch (re) {
      if (re instanceof antlr5.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  treeBlock() {
    let localContext = new TreeBlockContext(this.context, this.state);
    this.enterRule(localContext, 4, _LightGBMParser.RULE_treeBlock);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 68;
        this.match(_LightGBMParser.TREE_HEADER);
        this.state = 72;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        while ((_la & ~31) === 0 && (1 << _la & 4294965248) !== 0 || (_la - 32 & ~31) === 0 && (1 << _la - 32 & 10239) !== 0) {
          {
            {
              this.state = 69;
              _la = this.tokenStream.LA(1);
              if (!((_la & ~31) === 0 && (1 << _la & 4294965248) !== 0 || (_la - 32 & ~31) === 0 && (1 << _la - 32 & 10239) !== 0)) {
                this.errorHandler.recoverInline(this);
              } else {
                this.errorHandler.reportMatch(this);
                this.consume();
              }
            }
          }
          this.state = 74;
          this.errorHandler.sync(this);
          _la = this.tokenStream.LA(1);
        }
      }
    } catch (re) {
      if (re instanceof antlr5.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  trailerBlock() {
    let localContext = new TrailerBlockContext(this.context, this.state);
    this.enterRule(localContext, 6, _LightGBMParser.RULE_trailerBlock);
    let _la;
    try {
      this.state = 83;
      this.errorHandler.sync(this);
      switch (this.tokenStream.LA(1)) {
        case _LightGBMParser.FEATURE_IMPORTANCES:
        case _LightGBMParser.PARAMETERS:
        case _LightGBMParser.PARSER_START:
        case _LightGBMParser.PANDAS_CATEGORICAL:
          localContext = new KnownContext(localContext);
          this.enterOuterAlt(localContext, 1);
          {
            this.state = 75;
            this.knownBlock();
          }
          break;
        case _LightGBMParser.OTHER:
          localContext = new IgnoredBlockContext(localContext);
          this.enterOuterAlt(localContext, 2);
          {
            this.state = 76;
            this.match(_LightGBMParser.OTHER);
            this.state = 80;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while ((_la & ~31) === 0 && (1 << _la & 4294965918) !== 0 || (_la - 32 & ~31) === 0 && (1 << _la - 32 & 49151) !== 0) {
              {
                {
                  this.state = 77;
                  this.otherLine();
                }
              }
              this.state = 82;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
          }
          break;
        default:
          throw new antlr5.NoViableAltException(this);
      }
    } catch (re) {
      if (re instanceof antlr5.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  knownBlock() {
    let localContext = new KnownBlockContext(this.context, this.state);
    this.enterRule(localContext, 8, _LightGBMParser.RULE_knownBlock);
    let _la;
    try {
      this.state = 134;
      this.errorHandler.sync(this);
      switch (this.tokenStream.LA(1)) {
        case _LightGBMParser.FEATURE_IMPORTANCES:
          localContext = new FeatureImportancesContext(localContext);
          this.enterOuterAlt(localContext, 1);
          {
            this.state = 85;
            this.match(_LightGBMParser.FEATURE_IMPORTANCES);
            this.state = 90;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while ((_la & ~31) === 0 && (1 << _la & 4294965252) !== 0 || (_la - 32 & ~31) === 0 && (1 << _la - 32 & 10239) !== 0) {
              {
                this.state = 88;
                this.errorHandler.sync(this);
                switch (this.tokenStream.LA(1)) {
                  case _LightGBMParser.VERSION:
                  case _LightGBMParser.NUM_CLASS:
                  case _LightGBMParser.NUM_TREE_PER_ITERATION:
                  case _LightGBMParser.LABEL_INDEX:
                  case _LightGBMParser.MAX_FEATURE_IDX:
                  case _LightGBMParser.OBJECTIVE:
                  case _LightGBMParser.FEATURE_NAMES:
                  case _LightGBMParser.MONOTONE_CONSTRAINTS:
                  case _LightGBMParser.FEATURE_INFOS:
                  case _LightGBMParser.TREE_SIZES:
                  case _LightGBMParser.NUM_LEAVES:
                  case _LightGBMParser.NUM_CAT:
                  case _LightGBMParser.SPLIT_FEATURE:
                  case _LightGBMParser.SPLIT_GAIN:
                  case _LightGBMParser.THRESHOLD:
                  case _LightGBMParser.DECISION_TYPE:
                  case _LightGBMParser.LEFT_CHILD:
                  case _LightGBMParser.RIGHT_CHILD:
                  case _LightGBMParser.LEAF_VALUE:
                  case _LightGBMParser.LEAF_WEIGHT:
                  case _LightGBMParser.LEAF_COUNT:
                  case _LightGBMParser.INTERNAL_VALUE:
                  case _LightGBMParser.INTERNAL_WEIGHT:
                  case _LightGBMParser.INTERNAL_COUNT:
                  case _LightGBMParser.CAT_BOUNDARIES:
                  case _LightGBMParser.CAT_THRESHOLD:
                  case _LightGBMParser.IS_LINEAR:
                  case _LightGBMParser.LEAF_CONST:
                  case _LightGBMParser.NUM_FEATURES:
                  case _LightGBMParser.LEAF_FEATURES:
                  case _LightGBMParser.LEAF_COEFF:
                  case _LightGBMParser.SHRINKAGE:
                  case _LightGBMParser.KEY_VALUE:
                    {
                      this.state = 86;
                      this.keyValue();
                    }
                    break;
                  case _LightGBMParser.TREE_HEADER:
                    {
                      this.state = 87;
                      this.match(_LightGBMParser.TREE_HEADER);
                    }
                    break;
                  default:
                    throw new antlr5.NoViableAltException(this);
                }
              }
              this.state = 92;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
            this.state = 96;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 44) {
              {
                {
                  this.state = 93;
                  this.match(_LightGBMParser.BLANK);
                }
              }
              this.state = 98;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
          }
          break;
        case _LightGBMParser.PARAMETERS:
          localContext = new ParametersContext(localContext);
          this.enterOuterAlt(localContext, 2);
          {
            this.state = 99;
            this.match(_LightGBMParser.PARAMETERS);
            this.state = 103;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 43 || _la === 44) {
              {
                {
                  this.state = 100;
                  _la = this.tokenStream.LA(1);
                  if (!(_la === 43 || _la === 44)) {
                    this.errorHandler.recoverInline(this);
                  } else {
                    this.errorHandler.reportMatch(this);
                    this.consume();
                  }
                }
              }
              this.state = 105;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
            this.state = 106;
            this.match(_LightGBMParser.END_OF_PARAMETERS);
            this.state = 110;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 44) {
              {
                {
                  this.state = 107;
                  this.match(_LightGBMParser.BLANK);
                }
              }
              this.state = 112;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
          }
          break;
        case _LightGBMParser.PARSER_START:
          localContext = new ParserConfigContext(localContext);
          this.enterOuterAlt(localContext, 3);
          {
            this.state = 113;
            this.match(_LightGBMParser.PARSER_START);
            this.state = 117;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while ((_la & ~31) === 0 && (1 << _la & 4294966782) !== 0 || (_la - 32 & ~31) === 0 && (1 << _la - 32 & 65535) !== 0) {
              {
                {
                  this.state = 114;
                  this.parserLine();
                }
              }
              this.state = 119;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
            this.state = 120;
            this.match(_LightGBMParser.END_OF_PARSER);
            this.state = 124;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 44) {
              {
                {
                  this.state = 121;
                  this.match(_LightGBMParser.BLANK);
                }
              }
              this.state = 126;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
          }
          break;
        case _LightGBMParser.PANDAS_CATEGORICAL:
          localContext = new PandasCategoricalContext(localContext);
          this.enterOuterAlt(localContext, 4);
          {
            this.state = 127;
            this.match(_LightGBMParser.PANDAS_CATEGORICAL);
            this.state = 131;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 44) {
              {
                {
                  this.state = 128;
                  this.match(_LightGBMParser.BLANK);
                }
              }
              this.state = 133;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
            }
          }
          break;
        default:
          throw new antlr5.NoViableAltException(this);
      }
    } catch (re) {
      if (re instanceof antlr5.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  parserLine() {
    let localContext = new ParserLineContext(this.context, this.state);
    this.enterRule(localContext, 10, _LightGBMParser.RULE_parserLine);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 136;
        _la = this.tokenStream.LA(1);
        if (_la <= 0 || _la === -1 || _la === 9) {
          this.errorHandler.recoverInline(this);
        } else {
          this.errorHandler.reportMatch(this);
          this.consume();
        }
      }
    } catch (re) {
      if (re instanceof antlr5.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  otherLine() {
    let localContext = new OtherLineContext(this.context, this.state);
    this.enterRule(localContext, 12, _LightGBMParser.RULE_otherLine);
    try {
      this.state = 148;
      this.errorHandler.sync(this);
      switch (this.tokenStream.LA(1)) {
        case _LightGBMParser.VERSION:
        case _LightGBMParser.NUM_CLASS:
        case _LightGBMParser.NUM_TREE_PER_ITERATION:
        case _LightGBMParser.LABEL_INDEX:
        case _LightGBMParser.MAX_FEATURE_IDX:
        case _LightGBMParser.OBJECTIVE:
        case _LightGBMParser.FEATURE_NAMES:
        case _LightGBMParser.MONOTONE_CONSTRAINTS:
        case _LightGBMParser.FEATURE_INFOS:
        case _LightGBMParser.TREE_SIZES:
        case _LightGBMParser.NUM_LEAVES:
        case _LightGBMParser.NUM_CAT:
        case _LightGBMParser.SPLIT_FEATURE:
        case _LightGBMParser.SPLIT_GAIN:
        case _LightGBMParser.THRESHOLD:
        case _LightGBMParser.DECISION_TYPE:
        case _LightGBMParser.LEFT_CHILD:
        case _LightGBMParser.RIGHT_CHILD:
        case _LightGBMParser.LEAF_VALUE:
        case _LightGBMParser.LEAF_WEIGHT:
        case _LightGBMParser.LEAF_COUNT:
        case _LightGBMParser.INTERNAL_VALUE:
        case _LightGBMParser.INTERNAL_WEIGHT:
        case _LightGBMParser.INTERNAL_COUNT:
        case _LightGBMParser.CAT_BOUNDARIES:
        case _LightGBMParser.CAT_THRESHOLD:
        case _LightGBMParser.IS_LINEAR:
        case _LightGBMParser.LEAF_CONST:
        case _LightGBMParser.NUM_FEATURES:
        case _LightGBMParser.LEAF_FEATURES:
        case _LightGBMParser.LEAF_COEFF:
        case _LightGBMParser.SHRINKAGE:
        case _LightGBMParser.KEY_VALUE:
          this.enterOuterAlt(localContext, 1);
          {
            this.state = 138;
            this.keyValue();
          }
          break;
        case _LightGBMParser.STRAY:
          this.enterOuterAlt(localContext, 2);
          {
            this.state = 139;
            this.match(_LightGBMParser.STRAY);
          }
          break;
        case _LightGBMParser.PARAMETER:
          this.enterOuterAlt(localContext, 3);
          {
            this.state = 140;
            this.match(_LightGBMParser.PARAMETER);
          }
          break;
        case _LightGBMParser.END_OF_PARAMETERS:
          this.enterOuterAlt(localContext, 4);
          {
            this.state = 141;
            this.match(_LightGBMParser.END_OF_PARAMETERS);
          }
          break;
        case _LightGBMParser.END_OF_PARSER:
          this.enterOuterAlt(localContext, 5);
          {
            this.state = 142;
            this.match(_LightGBMParser.END_OF_PARSER);
          }
          break;
        case _LightGBMParser.TREE_NAME:
          this.enterOuterAlt(localContext, 6);
          {
            this.state = 143;
            this.match(_LightGBMParser.TREE_NAME);
          }
          break;
        case _LightGBMParser.TREE_HEADER:
          this.enterOuterAlt(localContext, 7);
          {
            this.state = 144;
            this.match(_LightGBMParser.TREE_HEADER);
          }
          break;
        case _LightGBMParser.AVERAGE_OUTPUT:
          this.enterOuterAlt(localContext, 8);
          {
            this.state = 145;
            this.match(_LightGBMParser.AVERAGE_OUTPUT);
          }
          break;
        case _LightGBMParser.END_OF_TREES:
          this.enterOuterAlt(localContext, 9);
          {
            this.state = 146;
            this.match(_LightGBMParser.END_OF_TREES);
          }
          break;
        case _LightGBMParser.BLANK:
          this.enterOuterAlt(localContext, 10);
          {
            this.state = 147;
            this.match(_LightGBMParser.BLANK);
          }
          break;
        default:
          throw new antlr5.NoViableAltException(this);
      }
    } catch (re) {
      if (re instanceof antlr5.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  keyValue() {
    let localContext = new KeyValueContext2(this.context, this.state);
    this.enterRule(localContext, 14, _LightGBMParser.RULE_keyValue);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 150;
        _la = this.tokenStream.LA(1);
        if (!((_la & ~31) === 0 && (1 << _la & 4294965248) !== 0 || (_la - 32 & ~31) === 0 && (1 << _la - 32 & 10239) !== 0)) {
          this.errorHandler.recoverInline(this);
        } else {
          this.errorHandler.reportMatch(this);
          this.consume();
        }
      }
    } catch (re) {
      if (re instanceof antlr5.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  static _serializedATN = [
    4,
    1,
    47,
    153,
    2,
    0,
    7,
    0,
    2,
    1,
    7,
    1,
    2,
    2,
    7,
    2,
    2,
    3,
    7,
    3,
    2,
    4,
    7,
    4,
    2,
    5,
    7,
    5,
    2,
    6,
    7,
    6,
    2,
    7,
    7,
    7,
    1,
    0,
    1,
    0,
    5,
    0,
    19,
    8,
    0,
    10,
    0,
    12,
    0,
    22,
    9,
    0,
    1,
    0,
    5,
    0,
    25,
    8,
    0,
    10,
    0,
    12,
    0,
    28,
    9,
    0,
    1,
    0,
    1,
    0,
    5,
    0,
    32,
    8,
    0,
    10,
    0,
    12,
    0,
    35,
    9,
    0,
    5,
    0,
    37,
    8,
    0,
    10,
    0,
    12,
    0,
    40,
    9,
    0,
    1,
    0,
    1,
    0,
    5,
    0,
    44,
    8,
    0,
    10,
    0,
    12,
    0,
    47,
    9,
    0,
    1,
    0,
    5,
    0,
    50,
    8,
    0,
    10,
    0,
    12,
    0,
    53,
    9,
    0,
    1,
    0,
    5,
    0,
    56,
    8,
    0,
    10,
    0,
    12,
    0,
    59,
    9,
    0,
    3,
    0,
    61,
    8,
    0,
    1,
    0,
    1,
    0,
    1,
    1,
    1,
    1,
    3,
    1,
    67,
    8,
    1,
    1,
    2,
    1,
    2,
    5,
    2,
    71,
    8,
    2,
    10,
    2,
    12,
    2,
    74,
    9,
    2,
    1,
    3,
    1,
    3,
    1,
    3,
    5,
    3,
    79,
    8,
    3,
    10,
    3,
    12,
    3,
    82,
    9,
    3,
    3,
    3,
    84,
    8,
    3,
    1,
    4,
    1,
    4,
    1,
    4,
    5,
    4,
    89,
    8,
    4,
    10,
    4,
    12,
    4,
    92,
    9,
    4,
    1,
    4,
    5,
    4,
    95,
    8,
    4,
    10,
    4,
    12,
    4,
    98,
    9,
    4,
    1,
    4,
    1,
    4,
    5,
    4,
    102,
    8,
    4,
    10,
    4,
    12,
    4,
    105,
    9,
    4,
    1,
    4,
    1,
    4,
    5,
    4,
    109,
    8,
    4,
    10,
    4,
    12,
    4,
    112,
    9,
    4,
    1,
    4,
    1,
    4,
    5,
    4,
    116,
    8,
    4,
    10,
    4,
    12,
    4,
    119,
    9,
    4,
    1,
    4,
    1,
    4,
    5,
    4,
    123,
    8,
    4,
    10,
    4,
    12,
    4,
    126,
    9,
    4,
    1,
    4,
    1,
    4,
    5,
    4,
    130,
    8,
    4,
    10,
    4,
    12,
    4,
    133,
    9,
    4,
    3,
    4,
    135,
    8,
    4,
    1,
    5,
    1,
    5,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    3,
    6,
    149,
    8,
    6,
    1,
    7,
    1,
    7,
    1,
    7,
    0,
    0,
    8,
    0,
    2,
    4,
    6,
    8,
    10,
    12,
    14,
    0,
    3,
    2,
    0,
    11,
    42,
    45,
    45,
    1,
    0,
    43,
    44,
    1,
    1,
    9,
    9,
    176,
    0,
    16,
    1,
    0,
    0,
    0,
    2,
    66,
    1,
    0,
    0,
    0,
    4,
    68,
    1,
    0,
    0,
    0,
    6,
    83,
    1,
    0,
    0,
    0,
    8,
    134,
    1,
    0,
    0,
    0,
    10,
    136,
    1,
    0,
    0,
    0,
    12,
    148,
    1,
    0,
    0,
    0,
    14,
    150,
    1,
    0,
    0,
    0,
    16,
    20,
    5,
    1,
    0,
    0,
    17,
    19,
    3,
    2,
    1,
    0,
    18,
    17,
    1,
    0,
    0,
    0,
    19,
    22,
    1,
    0,
    0,
    0,
    20,
    18,
    1,
    0,
    0,
    0,
    20,
    21,
    1,
    0,
    0,
    0,
    21,
    26,
    1,
    0,
    0,
    0,
    22,
    20,
    1,
    0,
    0,
    0,
    23,
    25,
    5,
    44,
    0,
    0,
    24,
    23,
    1,
    0,
    0,
    0,
    25,
    28,
    1,
    0,
    0,
    0,
    26,
    24,
    1,
    0,
    0,
    0,
    26,
    27,
    1,
    0,
    0,
    0,
    27,
    38,
    1,
    0,
    0,
    0,
    28,
    26,
    1,
    0,
    0,
    0,
    29,
    33,
    3,
    4,
    2,
    0,
    30,
    32,
    5,
    44,
    0,
    0,
    31,
    30,
    1,
    0,
    0,
    0,
    32,
    35,
    1,
    0,
    0,
    0,
    33,
    31,
    1,
    0,
    0,
    0,
    33,
    34,
    1,
    0,
    0,
    0,
    34,
    37,
    1,
    0,
    0,
    0,
    35,
    33,
    1,
    0,
    0,
    0,
    36,
    29,
    1,
    0,
    0,
    0,
    37,
    40,
    1,
    0,
    0,
    0,
    38,
    36,
    1,
    0,
    0,
    0,
    38,
    39,
    1,
    0,
    0,
    0,
    39,
    60,
    1,
    0,
    0,
    0,
    40,
    38,
    1,
    0,
    0,
    0,
    41,
    45,
    5,
    4,
    0,
    0,
    42,
    44,
    5,
    44,
    0,
    0,
    43,
    42,
    1,
    0,
    0,
    0,
    44,
    47,
    1,
    0,
    0,
    0,
    45,
    43,
    1,
    0,
    0,
    0,
    45,
    46,
    1,
    0,
    0,
    0,
    46,
    51,
    1,
    0,
    0,
    0,
    47,
    45,
    1,
    0,
    0,
    0,
    48,
    50,
    3,
    6,
    3,
    0,
    49,
    48,
    1,
    0,
    0,
    0,
    50,
    53,
    1,
    0,
    0,
    0,
    51,
    49,
    1,
    0,
    0,
    0,
    51,
    52,
    1,
    0,
    0,
    0,
    52,
    61,
    1,
    0,
    0,
    0,
    53,
    51,
    1,
    0,
    0,
    0,
    54,
    56,
    3,
    8,
    4,
    0,
    55,
    54,
    1,
    0,
    0,
    0,
    56,
    59,
    1,
    0,
    0,
    0,
    57,
    55,
    1,
    0,
    0,
    0,
    57,
    58,
    1,
    0,
    0,
    0,
    58,
    61,
    1,
    0,
    0,
    0,
    59,
    57,
    1,
    0,
    0,
    0,
    60,
    41,
    1,
    0,
    0,
    0,
    60,
    57,
    1,
    0,
    0,
    0,
    61,
    62,
    1,
    0,
    0,
    0,
    62,
    63,
    5,
    0,
    0,
    1,
    63,
    1,
    1,
    0,
    0,
    0,
    64,
    67,
    3,
    14,
    7,
    0,
    65,
    67,
    5,
    3,
    0,
    0,
    66,
    64,
    1,
    0,
    0,
    0,
    66,
    65,
    1,
    0,
    0,
    0,
    67,
    3,
    1,
    0,
    0,
    0,
    68,
    72,
    5,
    2,
    0,
    0,
    69,
    71,
    7,
    0,
    0,
    0,
    70,
    69,
    1,
    0,
    0,
    0,
    71,
    74,
    1,
    0,
    0,
    0,
    72,
    70,
    1,
    0,
    0,
    0,
    72,
    73,
    1,
    0,
    0,
    0,
    73,
    5,
    1,
    0,
    0,
    0,
    74,
    72,
    1,
    0,
    0,
    0,
    75,
    84,
    3,
    8,
    4,
    0,
    76,
    80,
    5,
    46,
    0,
    0,
    77,
    79,
    3,
    12,
    6,
    0,
    78,
    77,
    1,
    0,
    0,
    0,
    79,
    82,
    1,
    0,
    0,
    0,
    80,
    78,
    1,
    0,
    0,
    0,
    80,
    81,
    1,
    0,
    0,
    0,
    81,
    84,
    1,
    0,
    0,
    0,
    82,
    80,
    1,
    0,
    0,
    0,
    83,
    75,
    1,
    0,
    0,
    0,
    83,
    76,
    1,
    0,
    0,
    0,
    84,
    7,
    1,
    0,
    0,
    0,
    85,
    90,
    5,
    5,
    0,
    0,
    86,
    89,
    3,
    14,
    7,
    0,
    87,
    89,
    5,
    2,
    0,
    0,
    88,
    86,
    1,
    0,
    0,
    0,
    88,
    87,
    1,
    0,
    0,
    0,
    89,
    92,
    1,
    0,
    0,
    0,
    90,
    88,
    1,
    0,
    0,
    0,
    90,
    91,
    1,
    0,
    0,
    0,
    91,
    96,
    1,
    0,
    0,
    0,
    92,
    90,
    1,
    0,
    0,
    0,
    93,
    95,
    5,
    44,
    0,
    0,
    94,
    93,
    1,
    0,
    0,
    0,
    95,
    98,
    1,
    0,
    0,
    0,
    96,
    94,
    1,
    0,
    0,
    0,
    96,
    97,
    1,
    0,
    0,
    0,
    97,
    135,
    1,
    0,
    0,
    0,
    98,
    96,
    1,
    0,
    0,
    0,
    99,
    103,
    5,
    6,
    0,
    0,
    100,
    102,
    7,
    1,
    0,
    0,
    101,
    100,
    1,
    0,
    0,
    0,
    102,
    105,
    1,
    0,
    0,
    0,
    103,
    101,
    1,
    0,
    0,
    0,
    103,
    104,
    1,
    0,
    0,
    0,
    104,
    106,
    1,
    0,
    0,
    0,
    105,
    103,
    1,
    0,
    0,
    0,
    106,
    110,
    5,
    7,
    0,
    0,
    107,
    109,
    5,
    44,
    0,
    0,
    108,
    107,
    1,
    0,
    0,
    0,
    109,
    112,
    1,
    0,
    0,
    0,
    110,
    108,
    1,
    0,
    0,
    0,
    110,
    111,
    1,
    0,
    0,
    0,
    111,
    135,
    1,
    0,
    0,
    0,
    112,
    110,
    1,
    0,
    0,
    0,
    113,
    117,
    5,
    8,
    0,
    0,
    114,
    116,
    3,
    10,
    5,
    0,
    115,
    114,
    1,
    0,
    0,
    0,
    116,
    119,
    1,
    0,
    0,
    0,
    117,
    115,
    1,
    0,
    0,
    0,
    117,
    118,
    1,
    0,
    0,
    0,
    118,
    120,
    1,
    0,
    0,
    0,
    119,
    117,
    1,
    0,
    0,
    0,
    120,
    124,
    5,
    9,
    0,
    0,
    121,
    123,
    5,
    44,
    0,
    0,
    122,
    121,
    1,
    0,
    0,
    0,
    123,
    126,
    1,
    0,
    0,
    0,
    124,
    122,
    1,
    0,
    0,
    0,
    124,
    125,
    1,
    0,
    0,
    0,
    125,
    135,
    1,
    0,
    0,
    0,
    126,
    124,
    1,
    0,
    0,
    0,
    127,
    131,
    5,
    10,
    0,
    0,
    128,
    130,
    5,
    44,
    0,
    0,
    129,
    128,
    1,
    0,
    0,
    0,
    130,
    133,
    1,
    0,
    0,
    0,
    131,
    129,
    1,
    0,
    0,
    0,
    131,
    132,
    1,
    0,
    0,
    0,
    132,
    135,
    1,
    0,
    0,
    0,
    133,
    131,
    1,
    0,
    0,
    0,
    134,
    85,
    1,
    0,
    0,
    0,
    134,
    99,
    1,
    0,
    0,
    0,
    134,
    113,
    1,
    0,
    0,
    0,
    134,
    127,
    1,
    0,
    0,
    0,
    135,
    9,
    1,
    0,
    0,
    0,
    136,
    137,
    8,
    2,
    0,
    0,
    137,
    11,
    1,
    0,
    0,
    0,
    138,
    149,
    3,
    14,
    7,
    0,
    139,
    149,
    5,
    47,
    0,
    0,
    140,
    149,
    5,
    43,
    0,
    0,
    141,
    149,
    5,
    7,
    0,
    0,
    142,
    149,
    5,
    9,
    0,
    0,
    143,
    149,
    5,
    1,
    0,
    0,
    144,
    149,
    5,
    2,
    0,
    0,
    145,
    149,
    5,
    3,
    0,
    0,
    146,
    149,
    5,
    4,
    0,
    0,
    147,
    149,
    5,
    44,
    0,
    0,
    148,
    138,
    1,
    0,
    0,
    0,
    148,
    139,
    1,
    0,
    0,
    0,
    148,
    140,
    1,
    0,
    0,
    0,
    148,
    141,
    1,
    0,
    0,
    0,
    148,
    142,
    1,
    0,
    0,
    0,
    148,
    143,
    1,
    0,
    0,
    0,
    148,
    144,
    1,
    0,
    0,
    0,
    148,
    145,
    1,
    0,
    0,
    0,
    148,
    146,
    1,
    0,
    0,
    0,
    148,
    147,
    1,
    0,
    0,
    0,
    149,
    13,
    1,
    0,
    0,
    0,
    150,
    151,
    7,
    0,
    0,
    0,
    151,
    15,
    1,
    0,
    0,
    0,
    22,
    20,
    26,
    33,
    38,
    45,
    51,
    57,
    60,
    66,
    72,
    80,
    83,
    88,
    90,
    96,
    103,
    110,
    117,
    124,
    131,
    134,
    148
  ];
  static __ATN;
  static get _ATN() {
    if (!_LightGBMParser.__ATN) {
      _LightGBMParser.__ATN = new antlr5.ATNDeserializer().deserialize(_LightGBMParser._serializedATN);
    }
    return _LightGBMParser.__ATN;
  }
  static vocabulary = new antlr5.Vocabulary(_LightGBMParser.literalNames, _LightGBMParser.symbolicNames, []);
  get vocabulary() {
    return _LightGBMParser.vocabulary;
  }
  static decisionsToDFA = _LightGBMParser._ATN.decisionToState.map((ds, index) => new antlr5.DFA(ds, index));
};
var ModelContext2 = class extends antlr5.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  TREE_NAME() {
    return this.getToken(LightGBMParser.TREE_NAME, 0);
  }
  EOF() {
    return this.getToken(LightGBMParser.EOF, 0);
  }
  END_OF_TREES() {
    return this.getToken(LightGBMParser.END_OF_TREES, 0);
  }
  headerLine(i) {
    if (i === void 0) {
      return this.getRuleContexts(HeaderLineContext);
    }
    return this.getRuleContext(i, HeaderLineContext);
  }
  BLANK(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.BLANK);
    } else {
      return this.getToken(LightGBMParser.BLANK, i);
    }
  }
  treeBlock(i) {
    if (i === void 0) {
      return this.getRuleContexts(TreeBlockContext);
    }
    return this.getRuleContext(i, TreeBlockContext);
  }
  trailerBlock(i) {
    if (i === void 0) {
      return this.getRuleContexts(TrailerBlockContext);
    }
    return this.getRuleContext(i, TrailerBlockContext);
  }
  knownBlock(i) {
    if (i === void 0) {
      return this.getRuleContexts(KnownBlockContext);
    }
    return this.getRuleContext(i, KnownBlockContext);
  }
  get ruleIndex() {
    return LightGBMParser.RULE_model;
  }
  accept(visitor) {
    if (visitor.visitModel) {
      return visitor.visitModel(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var HeaderLineContext = class extends antlr5.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  keyValue() {
    return this.getRuleContext(0, KeyValueContext2);
  }
  AVERAGE_OUTPUT() {
    return this.getToken(LightGBMParser.AVERAGE_OUTPUT, 0);
  }
  get ruleIndex() {
    return LightGBMParser.RULE_headerLine;
  }
  accept(visitor) {
    if (visitor.visitHeaderLine) {
      return visitor.visitHeaderLine(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var TreeBlockContext = class extends antlr5.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  TREE_HEADER() {
    return this.getToken(LightGBMParser.TREE_HEADER, 0);
  }
  NUM_LEAVES(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.NUM_LEAVES);
    } else {
      return this.getToken(LightGBMParser.NUM_LEAVES, i);
    }
  }
  NUM_CAT(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.NUM_CAT);
    } else {
      return this.getToken(LightGBMParser.NUM_CAT, i);
    }
  }
  SPLIT_FEATURE(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.SPLIT_FEATURE);
    } else {
      return this.getToken(LightGBMParser.SPLIT_FEATURE, i);
    }
  }
  SPLIT_GAIN(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.SPLIT_GAIN);
    } else {
      return this.getToken(LightGBMParser.SPLIT_GAIN, i);
    }
  }
  THRESHOLD(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.THRESHOLD);
    } else {
      return this.getToken(LightGBMParser.THRESHOLD, i);
    }
  }
  DECISION_TYPE(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.DECISION_TYPE);
    } else {
      return this.getToken(LightGBMParser.DECISION_TYPE, i);
    }
  }
  LEFT_CHILD(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.LEFT_CHILD);
    } else {
      return this.getToken(LightGBMParser.LEFT_CHILD, i);
    }
  }
  RIGHT_CHILD(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.RIGHT_CHILD);
    } else {
      return this.getToken(LightGBMParser.RIGHT_CHILD, i);
    }
  }
  LEAF_VALUE(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.LEAF_VALUE);
    } else {
      return this.getToken(LightGBMParser.LEAF_VALUE, i);
    }
  }
  LEAF_WEIGHT(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.LEAF_WEIGHT);
    } else {
      return this.getToken(LightGBMParser.LEAF_WEIGHT, i);
    }
  }
  LEAF_COUNT(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.LEAF_COUNT);
    } else {
      return this.getToken(LightGBMParser.LEAF_COUNT, i);
    }
  }
  INTERNAL_VALUE(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.INTERNAL_VALUE);
    } else {
      return this.getToken(LightGBMParser.INTERNAL_VALUE, i);
    }
  }
  INTERNAL_WEIGHT(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.INTERNAL_WEIGHT);
    } else {
      return this.getToken(LightGBMParser.INTERNAL_WEIGHT, i);
    }
  }
  INTERNAL_COUNT(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.INTERNAL_COUNT);
    } else {
      return this.getToken(LightGBMParser.INTERNAL_COUNT, i);
    }
  }
  CAT_BOUNDARIES(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.CAT_BOUNDARIES);
    } else {
      return this.getToken(LightGBMParser.CAT_BOUNDARIES, i);
    }
  }
  CAT_THRESHOLD(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.CAT_THRESHOLD);
    } else {
      return this.getToken(LightGBMParser.CAT_THRESHOLD, i);
    }
  }
  IS_LINEAR(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.IS_LINEAR);
    } else {
      return this.getToken(LightGBMParser.IS_LINEAR, i);
    }
  }
  LEAF_CONST(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.LEAF_CONST);
    } else {
      return this.getToken(LightGBMParser.LEAF_CONST, i);
    }
  }
  NUM_FEATURES(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.NUM_FEATURES);
    } else {
      return this.getToken(LightGBMParser.NUM_FEATURES, i);
    }
  }
  LEAF_FEATURES(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.LEAF_FEATURES);
    } else {
      return this.getToken(LightGBMParser.LEAF_FEATURES, i);
    }
  }
  LEAF_COEFF(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.LEAF_COEFF);
    } else {
      return this.getToken(LightGBMParser.LEAF_COEFF, i);
    }
  }
  SHRINKAGE(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.SHRINKAGE);
    } else {
      return this.getToken(LightGBMParser.SHRINKAGE, i);
    }
  }
  VERSION(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.VERSION);
    } else {
      return this.getToken(LightGBMParser.VERSION, i);
    }
  }
  NUM_CLASS(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.NUM_CLASS);
    } else {
      return this.getToken(LightGBMParser.NUM_CLASS, i);
    }
  }
  NUM_TREE_PER_ITERATION(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.NUM_TREE_PER_ITERATION);
    } else {
      return this.getToken(LightGBMParser.NUM_TREE_PER_ITERATION, i);
    }
  }
  LABEL_INDEX(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.LABEL_INDEX);
    } else {
      return this.getToken(LightGBMParser.LABEL_INDEX, i);
    }
  }
  MAX_FEATURE_IDX(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.MAX_FEATURE_IDX);
    } else {
      return this.getToken(LightGBMParser.MAX_FEATURE_IDX, i);
    }
  }
  OBJECTIVE(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.OBJECTIVE);
    } else {
      return this.getToken(LightGBMParser.OBJECTIVE, i);
    }
  }
  FEATURE_NAMES(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.FEATURE_NAMES);
    } else {
      return this.getToken(LightGBMParser.FEATURE_NAMES, i);
    }
  }
  MONOTONE_CONSTRAINTS(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.MONOTONE_CONSTRAINTS);
    } else {
      return this.getToken(LightGBMParser.MONOTONE_CONSTRAINTS, i);
    }
  }
  FEATURE_INFOS(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.FEATURE_INFOS);
    } else {
      return this.getToken(LightGBMParser.FEATURE_INFOS, i);
    }
  }
  TREE_SIZES(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.TREE_SIZES);
    } else {
      return this.getToken(LightGBMParser.TREE_SIZES, i);
    }
  }
  KEY_VALUE(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.KEY_VALUE);
    } else {
      return this.getToken(LightGBMParser.KEY_VALUE, i);
    }
  }
  get ruleIndex() {
    return LightGBMParser.RULE_treeBlock;
  }
  accept(visitor) {
    if (visitor.visitTreeBlock) {
      return visitor.visitTreeBlock(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var TrailerBlockContext = class extends antlr5.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  get ruleIndex() {
    return LightGBMParser.RULE_trailerBlock;
  }
  copyFrom(ctx) {
    super.copyFrom(ctx);
  }
};
var KnownContext = class extends TrailerBlockContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  knownBlock() {
    return this.getRuleContext(0, KnownBlockContext);
  }
  accept(visitor) {
    if (visitor.visitKnown) {
      return visitor.visitKnown(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var IgnoredBlockContext = class extends TrailerBlockContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  OTHER() {
    return this.getToken(LightGBMParser.OTHER, 0);
  }
  otherLine(i) {
    if (i === void 0) {
      return this.getRuleContexts(OtherLineContext);
    }
    return this.getRuleContext(i, OtherLineContext);
  }
  accept(visitor) {
    if (visitor.visitIgnoredBlock) {
      return visitor.visitIgnoredBlock(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var KnownBlockContext = class extends antlr5.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  get ruleIndex() {
    return LightGBMParser.RULE_knownBlock;
  }
  copyFrom(ctx) {
    super.copyFrom(ctx);
  }
};
var FeatureImportancesContext = class extends KnownBlockContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  FEATURE_IMPORTANCES() {
    return this.getToken(LightGBMParser.FEATURE_IMPORTANCES, 0);
  }
  keyValue(i) {
    if (i === void 0) {
      return this.getRuleContexts(KeyValueContext2);
    }
    return this.getRuleContext(i, KeyValueContext2);
  }
  TREE_HEADER(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.TREE_HEADER);
    } else {
      return this.getToken(LightGBMParser.TREE_HEADER, i);
    }
  }
  BLANK(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.BLANK);
    } else {
      return this.getToken(LightGBMParser.BLANK, i);
    }
  }
  accept(visitor) {
    if (visitor.visitFeatureImportances) {
      return visitor.visitFeatureImportances(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var ParametersContext = class extends KnownBlockContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  PARAMETERS() {
    return this.getToken(LightGBMParser.PARAMETERS, 0);
  }
  END_OF_PARAMETERS() {
    return this.getToken(LightGBMParser.END_OF_PARAMETERS, 0);
  }
  BLANK(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.BLANK);
    } else {
      return this.getToken(LightGBMParser.BLANK, i);
    }
  }
  PARAMETER(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.PARAMETER);
    } else {
      return this.getToken(LightGBMParser.PARAMETER, i);
    }
  }
  accept(visitor) {
    if (visitor.visitParameters) {
      return visitor.visitParameters(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var ParserConfigContext = class extends KnownBlockContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  PARSER_START() {
    return this.getToken(LightGBMParser.PARSER_START, 0);
  }
  END_OF_PARSER() {
    return this.getToken(LightGBMParser.END_OF_PARSER, 0);
  }
  parserLine(i) {
    if (i === void 0) {
      return this.getRuleContexts(ParserLineContext);
    }
    return this.getRuleContext(i, ParserLineContext);
  }
  BLANK(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.BLANK);
    } else {
      return this.getToken(LightGBMParser.BLANK, i);
    }
  }
  accept(visitor) {
    if (visitor.visitParserConfig) {
      return visitor.visitParserConfig(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var PandasCategoricalContext = class extends KnownBlockContext {
  constructor(ctx) {
    super(ctx.parent, ctx.invokingState);
    super.copyFrom(ctx);
  }
  PANDAS_CATEGORICAL() {
    return this.getToken(LightGBMParser.PANDAS_CATEGORICAL, 0);
  }
  BLANK(i) {
    if (i === void 0) {
      return this.getTokens(LightGBMParser.BLANK);
    } else {
      return this.getToken(LightGBMParser.BLANK, i);
    }
  }
  accept(visitor) {
    if (visitor.visitPandasCategorical) {
      return visitor.visitPandasCategorical(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var ParserLineContext = class extends antlr5.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  END_OF_PARSER() {
    return this.getToken(LightGBMParser.END_OF_PARSER, 0);
  }
  EOF() {
    return this.getToken(LightGBMParser.EOF, 0);
  }
  get ruleIndex() {
    return LightGBMParser.RULE_parserLine;
  }
  accept(visitor) {
    if (visitor.visitParserLine) {
      return visitor.visitParserLine(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var OtherLineContext = class extends antlr5.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  keyValue() {
    return this.getRuleContext(0, KeyValueContext2);
  }
  STRAY() {
    return this.getToken(LightGBMParser.STRAY, 0);
  }
  PARAMETER() {
    return this.getToken(LightGBMParser.PARAMETER, 0);
  }
  END_OF_PARAMETERS() {
    return this.getToken(LightGBMParser.END_OF_PARAMETERS, 0);
  }
  END_OF_PARSER() {
    return this.getToken(LightGBMParser.END_OF_PARSER, 0);
  }
  TREE_NAME() {
    return this.getToken(LightGBMParser.TREE_NAME, 0);
  }
  TREE_HEADER() {
    return this.getToken(LightGBMParser.TREE_HEADER, 0);
  }
  AVERAGE_OUTPUT() {
    return this.getToken(LightGBMParser.AVERAGE_OUTPUT, 0);
  }
  END_OF_TREES() {
    return this.getToken(LightGBMParser.END_OF_TREES, 0);
  }
  BLANK() {
    return this.getToken(LightGBMParser.BLANK, 0);
  }
  get ruleIndex() {
    return LightGBMParser.RULE_otherLine;
  }
  accept(visitor) {
    if (visitor.visitOtherLine) {
      return visitor.visitOtherLine(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var KeyValueContext2 = class extends antlr5.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  VERSION() {
    return this.getToken(LightGBMParser.VERSION, 0);
  }
  NUM_CLASS() {
    return this.getToken(LightGBMParser.NUM_CLASS, 0);
  }
  NUM_TREE_PER_ITERATION() {
    return this.getToken(LightGBMParser.NUM_TREE_PER_ITERATION, 0);
  }
  LABEL_INDEX() {
    return this.getToken(LightGBMParser.LABEL_INDEX, 0);
  }
  MAX_FEATURE_IDX() {
    return this.getToken(LightGBMParser.MAX_FEATURE_IDX, 0);
  }
  OBJECTIVE() {
    return this.getToken(LightGBMParser.OBJECTIVE, 0);
  }
  FEATURE_NAMES() {
    return this.getToken(LightGBMParser.FEATURE_NAMES, 0);
  }
  MONOTONE_CONSTRAINTS() {
    return this.getToken(LightGBMParser.MONOTONE_CONSTRAINTS, 0);
  }
  FEATURE_INFOS() {
    return this.getToken(LightGBMParser.FEATURE_INFOS, 0);
  }
  TREE_SIZES() {
    return this.getToken(LightGBMParser.TREE_SIZES, 0);
  }
  NUM_LEAVES() {
    return this.getToken(LightGBMParser.NUM_LEAVES, 0);
  }
  NUM_CAT() {
    return this.getToken(LightGBMParser.NUM_CAT, 0);
  }
  SPLIT_FEATURE() {
    return this.getToken(LightGBMParser.SPLIT_FEATURE, 0);
  }
  SPLIT_GAIN() {
    return this.getToken(LightGBMParser.SPLIT_GAIN, 0);
  }
  THRESHOLD() {
    return this.getToken(LightGBMParser.THRESHOLD, 0);
  }
  DECISION_TYPE() {
    return this.getToken(LightGBMParser.DECISION_TYPE, 0);
  }
  LEFT_CHILD() {
    return this.getToken(LightGBMParser.LEFT_CHILD, 0);
  }
  RIGHT_CHILD() {
    return this.getToken(LightGBMParser.RIGHT_CHILD, 0);
  }
  LEAF_VALUE() {
    return this.getToken(LightGBMParser.LEAF_VALUE, 0);
  }
  LEAF_WEIGHT() {
    return this.getToken(LightGBMParser.LEAF_WEIGHT, 0);
  }
  LEAF_COUNT() {
    return this.getToken(LightGBMParser.LEAF_COUNT, 0);
  }
  INTERNAL_VALUE() {
    return this.getToken(LightGBMParser.INTERNAL_VALUE, 0);
  }
  INTERNAL_WEIGHT() {
    return this.getToken(LightGBMParser.INTERNAL_WEIGHT, 0);
  }
  INTERNAL_COUNT() {
    return this.getToken(LightGBMParser.INTERNAL_COUNT, 0);
  }
  CAT_BOUNDARIES() {
    return this.getToken(LightGBMParser.CAT_BOUNDARIES, 0);
  }
  CAT_THRESHOLD() {
    return this.getToken(LightGBMParser.CAT_THRESHOLD, 0);
  }
  IS_LINEAR() {
    return this.getToken(LightGBMParser.IS_LINEAR, 0);
  }
  LEAF_CONST() {
    return this.getToken(LightGBMParser.LEAF_CONST, 0);
  }
  NUM_FEATURES() {
    return this.getToken(LightGBMParser.NUM_FEATURES, 0);
  }
  LEAF_FEATURES() {
    return this.getToken(LightGBMParser.LEAF_FEATURES, 0);
  }
  LEAF_COEFF() {
    return this.getToken(LightGBMParser.LEAF_COEFF, 0);
  }
  SHRINKAGE() {
    return this.getToken(LightGBMParser.SHRINKAGE, 0);
  }
  KEY_VALUE() {
    return this.getToken(LightGBMParser.KEY_VALUE, 0);
  }
  get ruleIndex() {
    return LightGBMParser.RULE_keyValue;
  }
  accept(visitor) {
    if (visitor.visitKeyValue) {
      return visitor.visitKeyValue(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};

// app/formats/lightgbm/grammarRun.ts
import { BaseErrorListener as BaseErrorListener2, CommonTokenStream as CommonTokenStream2, Token as Token5 } from "antlr4ng";

// app/formats/lightgbm/lineTokens.ts
import { CommonToken as CommonToken2, CommonTokenFactory as CommonTokenFactory2, Token as Token4 } from "antlr4ng";
var KEY_TYPES = /* @__PURE__ */ new Map([
  ["version", LightGBMParser.VERSION],
  ["num_class", LightGBMParser.NUM_CLASS],
  ["num_tree_per_iteration", LightGBMParser.NUM_TREE_PER_ITERATION],
  ["label_index", LightGBMParser.LABEL_INDEX],
  ["max_feature_idx", LightGBMParser.MAX_FEATURE_IDX],
  ["objective", LightGBMParser.OBJECTIVE],
  ["feature_names", LightGBMParser.FEATURE_NAMES],
  ["monotone_constraints", LightGBMParser.MONOTONE_CONSTRAINTS],
  ["feature_infos", LightGBMParser.FEATURE_INFOS],
  ["tree_sizes", LightGBMParser.TREE_SIZES],
  ["num_leaves", LightGBMParser.NUM_LEAVES],
  ["num_cat", LightGBMParser.NUM_CAT],
  ["split_feature", LightGBMParser.SPLIT_FEATURE],
  ["split_gain", LightGBMParser.SPLIT_GAIN],
  ["threshold", LightGBMParser.THRESHOLD],
  ["decision_type", LightGBMParser.DECISION_TYPE],
  ["left_child", LightGBMParser.LEFT_CHILD],
  ["right_child", LightGBMParser.RIGHT_CHILD],
  ["leaf_value", LightGBMParser.LEAF_VALUE],
  ["leaf_weight", LightGBMParser.LEAF_WEIGHT],
  ["leaf_count", LightGBMParser.LEAF_COUNT],
  ["internal_value", LightGBMParser.INTERNAL_VALUE],
  ["internal_weight", LightGBMParser.INTERNAL_WEIGHT],
  ["internal_count", LightGBMParser.INTERNAL_COUNT],
  ["cat_boundaries", LightGBMParser.CAT_BOUNDARIES],
  ["cat_threshold", LightGBMParser.CAT_THRESHOLD],
  ["is_linear", LightGBMParser.IS_LINEAR],
  ["leaf_const", LightGBMParser.LEAF_CONST],
  ["num_features", LightGBMParser.NUM_FEATURES],
  ["leaf_features", LightGBMParser.LEAF_FEATURES],
  ["leaf_coeff", LightGBMParser.LEAF_COEFF],
  ["shrinkage", LightGBMParser.SHRINKAGE]
]);
var LINE_TYPES = /* @__PURE__ */ new Map([
  ["tree", LightGBMParser.TREE_NAME],
  ["average_output", LightGBMParser.AVERAGE_OUTPUT],
  ["end of trees", LightGBMParser.END_OF_TREES],
  ["feature_importances:", LightGBMParser.FEATURE_IMPORTANCES],
  ["feature importances:", LightGBMParser.FEATURE_IMPORTANCES],
  ["parameters:", LightGBMParser.PARAMETERS],
  ["end of parameters", LightGBMParser.END_OF_PARAMETERS],
  ["parser:", LightGBMParser.PARSER_START],
  ["end of parser", LightGBMParser.END_OF_PARSER]
]);
var PANDAS_PREFIX = "pandas_categorical:";
var LineTokenSource = class {
  constructor(text, start, firstLine) {
    this.text = text;
    this.inputStream = new StringCharStream(text);
    this.position = start;
    this.line = firstLine;
    this.source = [this, this.inputStream];
    this.nextCarriageReturn = text.indexOf("\r", start);
    this.nextEquals = text.indexOf("=", start);
  }
  text;
  line;
  column = 0;
  inputStream;
  sourceName = "";
  tokenFactory = CommonTokenFactory2.DEFAULT;
  problem;
  position;
  source;
  // Next `\r` and `=` at or after the current line, found once and reused, so lines without them
  // do not rescan the rest of a 100 MB text.
  nextCarriageReturn;
  nextEquals;
  nextToken() {
    const text = this.text;
    const start = this.position;
    if (start >= text.length || this.problem) return this.token(Token4.EOF, start, start - 1);
    const lineEnd = text.indexOf("\n", start);
    const type = this.classify(start, lineEnd);
    if (type === Token4.INVALID_TYPE) return this.token(Token4.EOF, start, start - 1);
    const token = this.token(type, start, lineEnd);
    this.position = lineEnd + 1;
    this.line++;
    return token;
  }
  token(type, start, stop) {
    const token = CommonToken2.fromSource(this.source, type, Token4.DEFAULT_CHANNEL, start, stop);
    token.line = this.line;
    token.column = 0;
    return token;
  }
  /** The token type of the line `text[start, lineEnd]`, mirroring the lexer rules' order of precedence. */
  classify(start, lineEnd) {
    const text = this.text;
    let contentEnd = lineEnd;
    if (contentEnd > start && text.charCodeAt(contentEnd - 1) === CARRIAGE_RETURN) contentEnd--;
    const first = text.charCodeAt(start);
    if (first === OPEN_BRACKET) return this.restIsClean(start, contentEnd) ? LightGBMParser.PARAMETER : this.fail(start, contentEnd);
    if (first === NEWLINE || first === SPACE || first === TAB || first === CARRIAGE_RETURN) {
      for (let position = start; position < contentEnd; position++) {
        const code = text.charCodeAt(position);
        if (code === CARRIAGE_RETURN) return this.fail(start, position);
        if (code !== SPACE && code !== TAB) return this.restIsClean(start, contentEnd) ? LightGBMParser.STRAY : this.fail(start, contentEnd);
      }
      return LightGBMParser.BLANK;
    }
    if (first === EQUALS) return this.restIsClean(start, contentEnd) ? LightGBMParser.STRAY : this.fail(start, contentEnd);
    if (!this.restIsClean(start, contentEnd)) return this.fail(start, contentEnd);
    if (text.startsWith(PANDAS_PREFIX, start)) return LightGBMParser.PANDAS_CATEGORICAL;
    if (this.nextEquals >= 0 && this.nextEquals < start) this.nextEquals = text.indexOf("=", start);
    const equals = this.nextEquals;
    if (equals >= 0 && equals < contentEnd) {
      const key = text.slice(start, equals);
      const type = KEY_TYPES.get(key);
      if (type !== void 0) return type;
      if (key === "Tree" && this.isTreeNumber(equals + 1, contentEnd)) return LightGBMParser.TREE_HEADER;
      return LightGBMParser.KEY_VALUE;
    }
    let trimmedEnd = contentEnd;
    while (trimmedEnd > start && (text.charCodeAt(trimmedEnd - 1) === SPACE || text.charCodeAt(trimmedEnd - 1) === TAB)) trimmedEnd--;
    return LINE_TYPES.get(text.slice(start, trimmedEnd)) ?? LightGBMParser.OTHER;
  }
  /** `Tree=` digits, then only blanks. */
  isTreeNumber(start, end) {
    let position = start;
    while (position < end) {
      const code = this.text.charCodeAt(position);
      if (code < ZERO || code > NINE) break;
      position++;
    }
    if (position === start) return false;
    for (; position < end; position++) {
      const code = this.text.charCodeAt(position);
      if (code !== SPACE && code !== TAB) return false;
    }
    return true;
  }
  /** No stray `\r` inside the line (the grammar only allows one right before `\n`). */
  restIsClean(start, end) {
    if (this.nextCarriageReturn >= 0 && this.nextCarriageReturn < start) this.nextCarriageReturn = this.text.indexOf("\r", start);
    return this.nextCarriageReturn < 0 || this.nextCarriageReturn >= end;
  }
  fail(start, position) {
    const shown = this.text.slice(start, position + 1).replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
    this.problem = { line: this.line, column: 1, message: `token recognition error at: '${shown}'` };
    return Token4.INVALID_TYPE;
  }
};

// app/formats/lightgbm/grammarRun.ts
var StopParsing = class extends Error {
};
var FirstErrorStops = class extends BaseErrorListener2 {
  first;
  syntaxError(recognizer, offendingSymbol, line, column) {
    let expected = [];
    try {
      expected = recognizer.getExpectedTokens().toArray();
    } catch {
    }
    this.first = { line, column: column + 1, token: offendingSymbol, expected };
    throw new StopParsing();
  }
};
function describeType(type) {
  switch (type) {
    case Token5.EOF:
      return "the end of the file";
    case LightGBMParser.TREE_NAME:
      return "the header line 'tree'";
    case LightGBMParser.TREE_HEADER:
      return "a 'Tree=<n>' line";
    case LightGBMParser.AVERAGE_OUTPUT:
      return "'average_output'";
    case LightGBMParser.END_OF_TREES:
      return "'end of trees'";
    case LightGBMParser.FEATURE_IMPORTANCES:
      return "'feature_importances:'";
    case LightGBMParser.PARAMETERS:
      return "'parameters:'";
    case LightGBMParser.END_OF_PARAMETERS:
      return "'end of parameters'";
    case LightGBMParser.PARSER_START:
      return "'parser:'";
    case LightGBMParser.END_OF_PARSER:
      return "'end of parser'";
    case LightGBMParser.PANDAS_CATEGORICAL:
      return "'pandas_categorical:'";
    case LightGBMParser.PARAMETER:
      return "a '[key: value]' line";
    case LightGBMParser.BLANK:
      return "a blank line";
    case LightGBMParser.OTHER:
      return "a line without =";
    default:
      return "a key=value line";
  }
}
function shownLine(token) {
  if (!token || token.type === Token5.EOF) return "the end of the file";
  const text = (token.text ?? "").replace(/\r?\n$/, "");
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
}
function syntaxDetail(problem, isFirstToken) {
  const found = shownLine(problem.token);
  if (isFirstToken && problem.token?.type === LightGBMParser.TREE_HEADER) {
    return `expected the model header line 'tree' but found ${found}: this is a lone tree block, not a whole model.txt. A LightGBM model file starts with the header (tree, version=, num_class=, max_feature_idx=, feature_names=, \u2026); LightGBM cannot load a block without it either.`;
  }
  if (isFirstToken) return `expected the model header line 'tree' (the first line of a LightGBM model.txt) but found ${found}`;
  const expected = [...new Set(problem.expected.map(describeType))];
  const list = expected.length <= 1 ? expected.join("") : `${expected.slice(0, -1).join(", ")} or ${expected[expected.length - 1]}`;
  return `unexpected ${found}${list ? `; expected ${list}` : ""}`;
}
function runGrammar(text, start, firstLine, fileName) {
  const source = new LineTokenSource(text, start, firstLine);
  const parser = new LightGBMParser(new CommonTokenStream2(source));
  parser.removeErrorListeners();
  const listener = new FirstErrorStops();
  parser.addErrorListener(listener);
  let model2;
  try {
    model2 = parser.model();
  } catch (error) {
    if (!(error instanceof StopParsing)) throw error;
  }
  const lexical = source.problem;
  const syntax = listener.first;
  if (lexical && (!syntax || syntax.line >= lexical.line)) {
    throw new ModelParseError({
      code: "E_PARSE_SYNTAX",
      fileName,
      format: "lightgbm",
      position: { line: lexical.line, column: lexical.column },
      sourceLine: sourceLineAt(text, lexical.line),
      // With the STRAY rule every line lexes except one holding a carriage return before its end.
      detail: `this line holds a carriage return (\\r) before its end; model.txt lines end in \\n or \\r\\n (${lexical.message})`
    });
  }
  if (syntax) {
    throw new ModelParseError({
      code: "E_PARSE_SYNTAX",
      fileName,
      format: "lightgbm",
      position: { line: syntax.line, column: syntax.column },
      sourceLine: sourceLineAt(text, syntax.line),
      detail: syntaxDetail(syntax, syntax.token?.tokenIndex === 0)
    });
  }
  return model2;
}

// app/formats/lightgbm/treeBlock.ts
var MAX_UINT32 = 4294967295;
var ALWAYS_REQUIRED = [
  [LightGBMParser.NUM_LEAVES, "num_leaves"],
  [LightGBMParser.NUM_CAT, "num_cat"],
  [LightGBMParser.LEAF_VALUE, "leaf_value"]
];
var REQUIRED_WITH_SPLITS = [
  [LightGBMParser.SPLIT_FEATURE, "split_feature"],
  [LightGBMParser.THRESHOLD, "threshold"],
  [LightGBMParser.LEFT_CHILD, "left_child"],
  [LightGBMParser.RIGHT_CHILD, "right_child"]
];
var REQUIRED_WITH_CATEGORIES = [
  [LightGBMParser.CAT_BOUNDARIES, "cat_boundaries"],
  [LightGBMParser.CAT_THRESHOLD, "cat_threshold"]
];
function buildTreeNodes(options) {
  const { text, lines, header, numFeatures, fail: fail2, into } = options;
  const failAtItem = (line, index, detail) => fail2(line.line, line.lineStart, offsetOfItem(text, line.valueStart, line.valueEnd, index), detail);
  const wrap = (line, read) => {
    try {
      return read();
    } catch (error) {
      if (error instanceof BadNumberError) {
        const offset = error.index >= 0 ? offsetOfItem(text, line.valueStart, line.valueEnd, error.index) : line.valueStart;
        return fail2(line.line, line.lineStart, offset, `${line.key}: ${error.message}`);
      }
      throw error;
    }
  };
  const require2 = (type, key, why) => lines[type] ?? fail2(header.line, header.lineStart, header.lineStart, `${header.name} has no ${key} line (${why})`);
  const integer = (line) => wrap(line, () => readOneInteger(text, line.valueStart, line.valueEnd));
  const checkLength = (line, actual, length, what, optional) => {
    if (actual === length) return true;
    if (optional && actual === 0) return false;
    const detail = `${line.key} has ${actual} value${actual === 1 ? "" : "s"} but ${what} needs ${length}`;
    return actual > length ? failAtItem(line, length, detail) : fail2(line.line, line.lineStart, line.valueEnd, detail);
  };
  const doubles = (type, length, what, optional = true) => {
    const line = lines[type];
    if (!line) return void 0;
    const values2 = wrap(line, () => readDoubles(text, line.valueStart, line.valueEnd));
    return checkLength(line, values2.length, length, what, optional) ? values2 : void 0;
  };
  const integers = (type, length, what, optional = true) => {
    const line = lines[type];
    if (!line) return void 0;
    const values2 = wrap(line, () => readIntegers(text, line.valueStart, line.valueEnd));
    return checkLength(line, values2.length, length, what, optional) ? values2 : void 0;
  };
  for (const [type, key] of ALWAYS_REQUIRED) require2(type, key, "LightGBM needs num_leaves, num_cat and leaf_value");
  const numLeavesLine = lines[LightGBMParser.NUM_LEAVES];
  const leafCount = integer(numLeavesLine);
  if (leafCount < 1) fail2(numLeavesLine.line, numLeavesLine.lineStart, numLeavesLine.valueStart, `num_leaves must be at least 1, found ${leafCount}`);
  const numCatLine = lines[LightGBMParser.NUM_CAT];
  const categoricalCount = integer(numCatLine);
  if (categoricalCount < 0) fail2(numCatLine.line, numCatLine.lineStart, numCatLine.valueStart, `num_cat must not be negative, found ${categoricalCount}`);
  const internalCount = leafCount - 1;
  if (internalCount > 0) for (const [type, key] of REQUIRED_WITH_SPLITS) require2(type, key, `a tree with ${leafCount} leaves needs it`);
  if (categoricalCount > 0) for (const [type, key] of REQUIRED_WITH_CATEGORIES) require2(type, key, `num_cat=${categoricalCount} needs it`);
  const leavesWhat = `num_leaves=${leafCount}`;
  const internalWhat = `num_leaves=${leafCount} (${internalCount} internal nodes)`;
  const leafValues = doubles(LightGBMParser.LEAF_VALUE, leafCount, leavesWhat, false);
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
  let categoryBoundaries = [];
  let categoryWords = { count: 0, indices: [], words: [] };
  if (categoricalCount > 0) {
    categoryBoundaries = integers(LightGBMParser.CAT_BOUNDARIES, categoricalCount + 1, `num_cat=${categoricalCount}`, false);
    const wordsLine = lines[LightGBMParser.CAT_THRESHOLD];
    categoryWords = wrap(wordsLine, () => readBitsetWords(text, wordsLine.valueStart, wordsLine.valueEnd));
    const boundariesLine = lines[LightGBMParser.CAT_BOUNDARIES];
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
  const splitPosition = positionOf2(lines[LightGBMParser.SPLIT_FEATURE] ?? void 0, header);
  const leafPosition = positionOf2(lines[LightGBMParser.LEAF_VALUE], header);
  const builder = into && !linear ? into.builder : void 0;
  const nodes = builder ? [] : new Array(internalCount + leafCount);
  const leftIds = builder ? new Int32Array(internalCount) : void 0;
  const rightIds = builder ? new Int32Array(internalCount) : void 0;
  if (builder) builder.beginTree(into.outputIndex, 1, internalCount + leafCount);
  const featureLine = lines[LightGBMParser.SPLIT_FEATURE];
  const thresholdLine = lines[LightGBMParser.THRESHOLD];
  const decisionLine = lines[LightGBMParser.DECISION_TYPE];
  for (let index = 0; index < internalCount; index++) {
    const feature = splitFeatures[index];
    if (feature < 0 || feature >= numFeatures) {
      failAtItem(featureLine, index, `split_feature ${feature} is outside the ${numFeatures} features (max_feature_idx=${numFeatures - 1})`);
    }
    const decisionType = decisionTypes ? decisionTypes[index] : 0;
    if (decisionTypes && (decisionType < 0 || decisionType > 127)) failAtItem(decisionLine, index, `decision_type ${decisionType} is not a LightGBM decision type (0\u201315)`);
    let split;
    if (decisionType & 1) {
      const threshold = thresholds[index];
      const category = Math.trunc(threshold);
      if (!(category >= 0 && category < categoricalCount)) {
        failAtItem(
          thresholdLine,
          index,
          `the categorical threshold of node ${index} is ${threshold}, an index into cat_boundaries, but num_cat=${categoricalCount} allows 0\u2026${categoricalCount - 1}`
        );
      }
      split = categoricalSplit(categoryWords, categoryBoundaries[category], categoryBoundaries[category + 1]);
    } else if (!builder) {
      split = { kind: "numeric", op: "<=", threshold: thresholds[index], missing: numericMissing(decisionType) };
    }
    if (builder) {
      const left = childId(LightGBMParser.LEFT_CHILD, leftChildren, index);
      const right = childId(LightGBMParser.RIGHT_CHILD, rightChildren, index);
      leftIds[index] = left;
      rightIds[index] = right;
      const gain = splitGains ? splitGains[index] : void 0;
      const count = internalCounts ? internalCounts[index] : void 0;
      const cover = internalWeights ? internalWeights[index] : void 0;
      const internalValue = internalValues ? internalValues[index] : void 0;
      if (split) {
        const categories = split.categories;
        into.categoricalFeatures.add(feature);
        builder.addRow(NODE_CATEGORICAL, FLAG_IN_SET_LEFT, feature, left, right, 0, index, categories, gain, count, cover, internalValue, splitPosition.line, 1);
      } else {
        builder.addRow(NODE_NUMERIC, numericFlags(decisionType), feature, left, right, thresholds[index], index, void 0, gain, count, cover, internalValue, splitPosition.line, 1);
      }
      continue;
    }
    split = split;
    const node = {
      type: "split",
      id: index,
      sourceId: index,
      depth: 0,
      parent: -1,
      feature,
      split,
      left: childId(LightGBMParser.LEFT_CHILD, leftChildren, index),
      right: childId(LightGBMParser.RIGHT_CHILD, rightChildren, index),
      position: splitPosition
    };
    const stats = {};
    if (splitGains) stats.gain = splitGains[index];
    if (internalCounts) stats.count = internalCounts[index];
    if (internalWeights) stats.cover = internalWeights[index];
    if (internalValues) stats.internalValue = internalValues[index];
    if (splitGains || internalCounts || internalWeights || internalValues) node.stats = stats;
    nodes[index] = node;
  }
  if (builder) {
    for (let leaf = 0; leaf < leafCount; leaf++) {
      const count = leafCounts ? leafCounts[leaf] : void 0;
      const cover = leafWeights ? leafWeights[leaf] : void 0;
      builder.addRow(NODE_LEAF, 0, -1, -1, -1, leafValues[leaf], leaf, void 0, void 0, count, cover, void 0, leafPosition.line, 1);
    }
    builder.endTree();
    const problem2 = checkLinks(leftIds, rightIds, internalCount, internalCount + leafCount);
    if (problem2) fail2(header.line, header.lineStart, header.lineStart, `${header.name}: ${problem2.replace(/^node (\d+)/, "internal node $1")}`);
    return nodes;
  }
  for (let leaf = 0; leaf < leafCount; leaf++) {
    const node = { type: "leaf", id: internalCount + leaf, sourceId: leaf, depth: 0, parent: -1, value: [leafValues[leaf]], position: leafPosition };
    if (leafCounts || leafWeights) {
      const stats = {};
      if (leafCounts) stats.count = leafCounts[leaf];
      if (leafWeights) stats.cover = leafWeights[leaf];
      node.stats = stats;
    }
    if (linear) node.linear = linear[leaf];
    nodes[internalCount + leaf] = node;
  }
  const problem = linkTree(nodes);
  if (problem) fail2(header.line, header.lineStart, header.lineStart, `${header.name}: ${problem.replace(/^node (\d+)/, "internal node $1")}`);
  return nodes;
  function childId(type, children, index) {
    const child = children[index];
    if (child >= 0) {
      if (child >= internalCount) {
        failAtItem(lines[type], index, `${lines[type].key} of node ${index} is ${child}, but the tree has only ${internalCount} internal nodes (0\u2026${internalCount - 1})`);
      }
      return child;
    }
    const leaf = ~child;
    if (leaf >= leafCount) {
      failAtItem(lines[type], index, `${lines[type].key} of node ${index} is ${child}, i.e. leaf ${leaf}, but the tree has only ${leafCount} leaves`);
    }
    return internalCount + leaf;
  }
  function readLinear() {
    const isLinearLine = lines[LightGBMParser.IS_LINEAR];
    if (!isLinearLine || integer(isLinearLine) === 0) return void 0;
    const constants = doubles(LightGBMParser.LEAF_CONST, leafCount, leavesWhat, false);
    const counts = integers(LightGBMParser.NUM_FEATURES, leafCount, leavesWhat, false);
    if (!constants || !counts) {
      return fail2(isLinearLine.line, isLinearLine.lineStart, isLinearLine.valueStart, `is_linear=1 needs leaf_const, num_features, leaf_features and leaf_coeff lines`);
    }
    const total = counts.reduce((sum, count) => sum + count, 0);
    const featureIndices = integers(LightGBMParser.LEAF_FEATURES, total, "the sum of num_features", false) ?? (total === 0 ? [] : void 0);
    const coefficients = doubles(LightGBMParser.LEAF_COEFF, total, "the sum of num_features", false) ?? (total === 0 ? [] : void 0);
    if (!featureIndices || !coefficients) {
      return fail2(isLinearLine.line, isLinearLine.lineStart, isLinearLine.valueStart, `is_linear=1 needs leaf_features and leaf_coeff lines`);
    }
    const leaves = [];
    let offset = 0;
    for (let leaf = 0; leaf < leafCount; leaf++) {
      const features = featureIndices.slice(offset, offset + counts[leaf]);
      for (let item = 0; item < features.length; item++) {
        if (features[item] < 0 || features[item] >= numFeatures) {
          failAtItem(lines[LightGBMParser.LEAF_FEATURES], offset + item, `leaf_features ${features[item]} is outside the ${numFeatures} features`);
        }
      }
      leaves.push({ constant: constants[leaf], features, coefficients: coefficients.slice(offset, offset + counts[leaf]) });
      offset += counts[leaf];
    }
    return leaves;
  }
}
function numericFlags(decisionType) {
  const missing = numericMissing(decisionType);
  if (missing.mode === "asZero") return MISSING_AS_ZERO << MISSING_SHIFT;
  const mode = missing.mode === "default" ? MISSING_DEFAULT : MISSING_ZERO;
  return mode << MISSING_SHIFT | ("defaultLeft" in missing && missing.defaultLeft ? FLAG_DEFAULT_LEFT : 0);
}
function checkLinks(left, right, internalCount, nodeCount) {
  const sourceIdOf = (node) => node < internalCount ? node : node - internalCount;
  const seen = new Uint8Array(nodeCount);
  const stack = [0];
  seen[0] = 1;
  let reached = 1;
  while (stack.length > 0) {
    const node = stack.pop();
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
  return void 0;
}
function positionOf2(line, header) {
  return { line: line ? line.line : header.line, column: 1 };
}
function numericMissing(decisionType) {
  const defaultLeft = (decisionType & 2) !== 0;
  const missingType = decisionType >> 2 & 3;
  if (missingType === 2) return { mode: "default", defaultLeft };
  if (missingType === 1) return { mode: "zero", defaultLeft };
  return { mode: "asZero" };
}
function categoricalSplit(bitset, start, end) {
  const categories = [];
  let low = 0;
  let high = bitset.indices.length;
  while (low < high) {
    const middle = low + high >> 1;
    if (bitset.indices[middle] < start) low = middle + 1;
    else high = middle;
  }
  for (let item = low; item < bitset.indices.length && bitset.indices[item] < end; item++) {
    const bits = bitset.words[item];
    const word = bitset.indices[item];
    for (let bit = 0; bit < 32; bit++) if (bits >>> bit & 1) categories.push((word - start) * 32 + bit);
  }
  return { kind: "categorical", categories, inSetGoes: "left", missingGoes: "right", match: "truncate" };
}

// app/formats/lightgbm/textModel.ts
var KEY_OF_TYPE = [];
for (let type = LightGBMParser.VERSION; type <= LightGBMParser.SHRINKAGE; type++) {
  const name2 = LightGBMParser.symbolicNames[type];
  KEY_OF_TYPE[type] = name2.toLowerCase();
}
function keyLineOf(token, text) {
  let key = KEY_OF_TYPE[token.type];
  let valueStart;
  if (key !== void 0) {
    valueStart = token.start + key.length + 1;
  } else {
    const equals = text.indexOf("=", token.start);
    key = text.slice(token.start, equals);
    valueStart = equals + 1;
  }
  return { type: token.type, key, valueStart, valueEnd: token.stop, lineStart: token.start, line: token.line };
}
function valueOf(line, text) {
  return text.slice(line.valueStart, line.valueEnd).trim();
}
function readLightgbmText(input, fileName, options) {
  const trees = [];
  const header = readLightgbmTrees(input, fileName, options, (tree) => trees.push(tree));
  return { ...header, trees };
}
function readLightgbmTrees(input, fileName, options, onTree, builder) {
  const text = input.endsWith("\n") ? input : `${input}
`;
  const warnings = [];
  let start = 0;
  let firstLine = 1;
  const detected = detectFormat(text);
  if (detected?.kind === "lightgbm-text" && detected.line > 1) {
    for (let line = 1; line < detected.line; line++) start = text.indexOf("\n", start) + 1;
    firstLine = detected.line;
    if (text.slice(0, start).trim() !== "") {
      warnings.push({ code: "W_WRAPPER_TEXT", message: `Skipped ${detected.line - 1} line(s) of text before the LightGBM model.`, position: { line: 1, column: 1 } });
    }
  }
  const fail2 = (line, lineStart, offset, detail) => {
    throw new ModelParseError({
      code: "E_PARSE_STRUCTURE",
      fileName,
      format: "lightgbm",
      position: { line, column: offset - lineStart + 1 },
      sourceLine: sourceLineAt(text, line),
      detail
    });
  };
  const model2 = runGrammar(text, start, firstLine, fileName);
  const headerLines = [];
  let averageOutput = false;
  const unknownKeys = /* @__PURE__ */ new Map();
  for (const headerLine of model2.headerLine()) {
    if (headerLine.AVERAGE_OUTPUT()) {
      averageOutput = true;
      continue;
    }
    const line = keyLineOf(headerLine.start, text);
    if (line.type === LightGBMParser.KEY_VALUE || line.type > LightGBMParser.TREE_SIZES) {
      if (!unknownKeys.has(line.key)) unknownKeys.set(line.key, { line: line.line, column: 1 });
      continue;
    }
    const earlier = headerLines[line.type];
    if (earlier) fail2(line.line, line.lineStart, line.lineStart, `${line.key} appears twice in the header (first on line ${earlier.line})`);
    headerLines[line.type] = line;
  }
  const headerPosition = { line: firstLine, column: 1 };
  const integerOf = (type) => {
    const line = headerLines[type];
    if (!line) return void 0;
    try {
      return readOneInteger(text, line.valueStart, line.valueEnd);
    } catch (error) {
      if (error instanceof BadNumberError) return fail2(line.line, line.lineStart, line.valueStart, `${line.key}: ${error.message}`);
      throw error;
    }
  };
  const missingHeader = (key) => fail2(firstLine, start, start, `the header has no ${key}= line, which LightGBM needs to load the model`);
  const numClass = integerOf(LightGBMParser.NUM_CLASS) ?? missingHeader("num_class");
  const maxFeatureIndex = integerOf(LightGBMParser.MAX_FEATURE_IDX) ?? missingHeader("max_feature_idx");
  const numTreePerIteration = integerOf(LightGBMParser.NUM_TREE_PER_ITERATION) ?? numClass;
  if (numClass < 1) {
    const line = headerLines[LightGBMParser.NUM_CLASS];
    fail2(line.line, line.lineStart, line.valueStart, "num_class must be at least 1");
  }
  if (numTreePerIteration < 1) {
    const line = headerLines[LightGBMParser.NUM_TREE_PER_ITERATION];
    fail2(line.line, line.lineStart, line.valueStart, "num_tree_per_iteration must be at least 1");
  }
  if (maxFeatureIndex < 0) {
    const line = headerLines[LightGBMParser.MAX_FEATURE_IDX];
    fail2(line.line, line.lineStart, line.valueStart, "max_feature_idx must not be negative");
  }
  for (const [type, count] of [
    [LightGBMParser.NUM_CLASS, numClass],
    [LightGBMParser.NUM_TREE_PER_ITERATION, numTreePerIteration],
    [LightGBMParser.MAX_FEATURE_IDX, maxFeatureIndex + 1]
  ]) {
    const line = headerLines[type];
    const problem = countProblem(count, line?.key ?? "num_tree_per_iteration (from num_class)", text.length);
    if (problem) fail2(line?.line ?? firstLine, line?.lineStart ?? start, line?.valueStart ?? start, problem);
  }
  const listOf = (type) => {
    const line = headerLines[type];
    if (!line) return void 0;
    const value = valueOf(line, text);
    const items = value === "" ? [] : /\t| {2}/.test(value) ? value.split(/[ \t]+/) : value.split(" ");
    if (items.length !== maxFeatureIndex + 1) {
      fail2(line.line, line.lineStart, line.valueStart, `${line.key} has ${items.length} entries but max_feature_idx=${maxFeatureIndex} means ${maxFeatureIndex + 1} features`);
    }
    return items;
  };
  for (const [type, key] of [
    [LightGBMParser.LABEL_INDEX, "label_index"],
    [LightGBMParser.FEATURE_NAMES, "feature_names"],
    [LightGBMParser.FEATURE_INFOS, "feature_infos"]
  ]) {
    if (!headerLines[type]) {
      warnings.push({ code: "W_LGB_HEADER_KEY_MISSING", message: `The header has no ${key}= line; LightGBM itself would refuse to load this file.`, position: headerPosition });
    }
  }
  const header = {
    version: headerLines[LightGBMParser.VERSION] ? valueOf(headerLines[LightGBMParser.VERSION], text) : void 0,
    numClass,
    numTreePerIteration,
    labelIndex: integerOf(LightGBMParser.LABEL_INDEX),
    maxFeatureIndex,
    objective: headerLines[LightGBMParser.OBJECTIVE] ? valueOf(headerLines[LightGBMParser.OBJECTIVE], text) : void 0,
    averageOutput,
    featureNames: listOf(LightGBMParser.FEATURE_NAMES),
    featureInfos: listOf(LightGBMParser.FEATURE_INFOS),
    monotoneConstraints: headerLines[LightGBMParser.MONOTONE_CONSTRAINTS] ? valueOf(headerLines[LightGBMParser.MONOTONE_CONSTRAINTS], text) : void 0,
    parameters: [],
    featureImportances: [],
    position: headerPosition
  };
  if (header.objective === "") header.objective = void 0;
  let treeCount = 0;
  const categoricalFeatures = /* @__PURE__ */ new Set();
  const numFeatures = maxFeatureIndex + 1;
  for (const block of model2.treeBlock()) {
    const children = block.children;
    const headerToken = children[0].symbol;
    const name2 = text.slice(headerToken.start, headerToken.stop).trim();
    const lines = [];
    for (let index = 1; index < children.length; index++) {
      const line = keyLineOf(children[index].symbol, text);
      if (line.type === LightGBMParser.KEY_VALUE || line.type < LightGBMParser.NUM_LEAVES) {
        if (line.key === "Tree") fail2(line.line, line.lineStart, line.valueStart, `expected a tree number after 'Tree=', found '${valueOf(line, text)}'`);
        if (!unknownKeys.has(line.key)) unknownKeys.set(line.key, { line: line.line, column: 1 });
        continue;
      }
      const earlier = lines[line.type];
      if (earlier) fail2(line.line, line.lineStart, line.lineStart, `${line.key} appears twice in ${name2} (first on line ${earlier.line})`);
      lines[line.type] = line;
    }
    const outputIndex = outputOfTree(treeCount, header);
    const into = builder ? { builder, outputIndex, categoricalFeatures } : void 0;
    const nodes = buildTreeNodes({ text, lines, header: { line: headerToken.line, lineStart: headerToken.start, name: name2 }, numFeatures, fail: fail2, into });
    treeCount++;
    if (into && nodes.length === 0) continue;
    for (const node of nodes) if (node.type === "split" && node.split.kind === "categorical") categoricalFeatures.add(node.feature);
    onTree({ index: treeCount - 1, outputIndex, weight: 1, nodes });
  }
  if (unknownKeys.size > 0) {
    const [first] = unknownKeys.values();
    warnings.push({
      code: "W_LGB_UNKNOWN_KEY",
      message: `Ignored key(s) that LightGBM does not write: ${[...unknownKeys.keys()].slice(0, 8).join(", ")}${unknownKeys.size > 8 ? ", \u2026" : ""}.`,
      position: first
    });
  }
  if (treeCount === 0) warnings.push({ code: "W_LGB_NO_TREES", message: "The model has no trees: every prediction is 0 before the transform.", position: headerPosition });
  let ignored;
  const blocks = [...model2.knownBlock(), ...model2.trailerBlock().map((block) => block instanceof KnownContext ? block.knownBlock() : block)];
  for (const block of blocks) {
    if (block instanceof FeatureImportancesContext) {
      for (let index = 1; index < block.getChildCount(); index++) {
        const child = block.getChild(index);
        const line = child.getText().trim();
        if (line !== "") header.featureImportances.push(line);
      }
    } else if (block instanceof ParametersContext) {
      for (const parameter of block.PARAMETER()) {
        const line = parameter.getText().trim();
        const inner = line.endsWith("]") ? line.slice(1, -1) : line.slice(1);
        const colon = inner.indexOf(":");
        header.parameters.push(colon < 0 ? [inner.trim(), ""] : [inner.slice(0, colon).trim(), inner.slice(colon + 1).trim()]);
      }
    } else if (block instanceof ParserConfigContext) {
      header.parserConfig = block.parserLine().map((line) => line.getText().replace(/\r?\n$/, "")).join("\n");
    } else if (block instanceof PandasCategoricalContext) {
      const token = block.PANDAS_CATEGORICAL().symbol;
      const json = text.slice(token.start + "pandas_categorical:".length, token.stop).trim();
      try {
        header.pandasCategorical = JSON.parse(json);
      } catch {
        warnings.push({ code: "W_LGB_PANDAS_CATEGORICAL", message: "pandas_categorical is not valid JSON; category labels are not shown.", position: { line: token.line, column: 20 } });
      }
    } else if (block instanceof IgnoredBlockContext) {
      ignored ??= { count: 0, position: { line: block.start.line, column: 1 } };
      ignored.count += 1 + block.otherLine().filter((line) => line.BLANK() === null).length;
    }
  }
  if (ignored) {
    warnings.push({
      code: "W_LGB_IGNORED_LINES",
      message: `Ignored ${ignored.count} line(s) after the trees that are not part of LightGBM's model format.`,
      position: ignored.position
    });
  }
  return assembleHeader({ header, treeCount, categoricalFeatures, fileName, source: "model.txt", parseOptions: options, warnings });
}

// app/formats/lightgbm/lightgbmAdapter.ts
function parseLightgbmText(text, fileName, options) {
  return readLightgbmText(text, fileName, options);
}
function parseLightgbmJson(text, fileName, options) {
  return readLightgbmJson(text, fileName, options);
}

// grammar/generated/XGBoostText/XGBoostTextLexer.ts
import * as antlr6 from "antlr4ng";
var XGBoostTextLexer = class _XGBoostTextLexer extends antlr6.Lexer {
  static T__0 = 1;
  static T__1 = 2;
  static T__2 = 3;
  static T__3 = 4;
  static T__4 = 5;
  static T__5 = 6;
  static T__6 = 7;
  static T__7 = 8;
  static T__8 = 9;
  static T__9 = 10;
  static BOOSTER = 11;
  static VECTOR_LEAF = 12;
  static NUMERIC_HEAD = 13;
  static CATEGORICAL_HEAD = 14;
  static INDICATOR = 15;
  static INT = 16;
  static NUMBER = 17;
  static NEWLINE = 18;
  static WS = 19;
  static channelNames = [
    "DEFAULT_TOKEN_CHANNEL",
    "HIDDEN"
  ];
  static literalNames = [
    null,
    "':'",
    "']'",
    "'yes='",
    "','",
    "'no='",
    "'missing='",
    "'gain='",
    "'cover='",
    "'}'",
    "'leaf='",
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "'\\n'"
  ];
  static symbolicNames = [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "BOOSTER",
    "VECTOR_LEAF",
    "NUMERIC_HEAD",
    "CATEGORICAL_HEAD",
    "INDICATOR",
    "INT",
    "NUMBER",
    "NEWLINE",
    "WS"
  ];
  static modeNames = [
    "DEFAULT_MODE"
  ];
  static ruleNames = [
    "T__0",
    "T__1",
    "T__2",
    "T__3",
    "T__4",
    "T__5",
    "T__6",
    "T__7",
    "T__8",
    "T__9",
    "BOOSTER",
    "VECTOR_LEAF",
    "NUMERIC_HEAD",
    "CATEGORICAL_HEAD",
    "INDICATOR",
    "INT",
    "NUMBER",
    "NEWLINE",
    "WS",
    "DIGITS",
    "EXPONENT"
  ];
  constructor(input) {
    super(input);
    this.interpreter = new antlr6.LexerATNSimulator(this, _XGBoostTextLexer._ATN, _XGBoostTextLexer.decisionsToDFA, new antlr6.PredictionContextCache());
  }
  get grammarFileName() {
    return "XGBoostText.g4";
  }
  get literalNames() {
    return _XGBoostTextLexer.literalNames;
  }
  get symbolicNames() {
    return _XGBoostTextLexer.symbolicNames;
  }
  get ruleNames() {
    return _XGBoostTextLexer.ruleNames;
  }
  get serializedATN() {
    return _XGBoostTextLexer._serializedATN;
  }
  get channelNames() {
    return _XGBoostTextLexer.channelNames;
  }
  get modeNames() {
    return _XGBoostTextLexer.modeNames;
  }
  static _serializedATN = [
    4,
    0,
    19,
    188,
    6,
    -1,
    2,
    0,
    7,
    0,
    2,
    1,
    7,
    1,
    2,
    2,
    7,
    2,
    2,
    3,
    7,
    3,
    2,
    4,
    7,
    4,
    2,
    5,
    7,
    5,
    2,
    6,
    7,
    6,
    2,
    7,
    7,
    7,
    2,
    8,
    7,
    8,
    2,
    9,
    7,
    9,
    2,
    10,
    7,
    10,
    2,
    11,
    7,
    11,
    2,
    12,
    7,
    12,
    2,
    13,
    7,
    13,
    2,
    14,
    7,
    14,
    2,
    15,
    7,
    15,
    2,
    16,
    7,
    16,
    2,
    17,
    7,
    17,
    2,
    18,
    7,
    18,
    2,
    19,
    7,
    19,
    2,
    20,
    7,
    20,
    1,
    0,
    1,
    0,
    1,
    1,
    1,
    1,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    2,
    1,
    3,
    1,
    3,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    4,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    5,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    6,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    7,
    1,
    8,
    1,
    8,
    1,
    9,
    1,
    9,
    1,
    9,
    1,
    9,
    1,
    9,
    1,
    9,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    1,
    10,
    3,
    10,
    101,
    8,
    10,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    1,
    11,
    5,
    11,
    111,
    8,
    11,
    10,
    11,
    12,
    11,
    114,
    9,
    11,
    1,
    11,
    1,
    11,
    1,
    12,
    1,
    12,
    4,
    12,
    120,
    8,
    12,
    11,
    12,
    12,
    12,
    121,
    1,
    12,
    1,
    12,
    1,
    13,
    1,
    13,
    4,
    13,
    128,
    8,
    13,
    11,
    13,
    12,
    13,
    129,
    1,
    13,
    1,
    13,
    1,
    13,
    1,
    14,
    1,
    14,
    4,
    14,
    137,
    8,
    14,
    11,
    14,
    12,
    14,
    138,
    1,
    14,
    1,
    14,
    1,
    15,
    1,
    15,
    1,
    16,
    3,
    16,
    146,
    8,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    3,
    16,
    151,
    8,
    16,
    1,
    16,
    3,
    16,
    154,
    8,
    16,
    1,
    16,
    3,
    16,
    157,
    8,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    1,
    16,
    3,
    16,
    165,
    8,
    16,
    3,
    16,
    167,
    8,
    16,
    1,
    17,
    1,
    17,
    1,
    18,
    4,
    18,
    172,
    8,
    18,
    11,
    18,
    12,
    18,
    173,
    1,
    18,
    1,
    18,
    1,
    19,
    4,
    19,
    179,
    8,
    19,
    11,
    19,
    12,
    19,
    180,
    1,
    20,
    1,
    20,
    3,
    20,
    185,
    8,
    20,
    1,
    20,
    1,
    20,
    0,
    0,
    21,
    1,
    1,
    3,
    2,
    5,
    3,
    7,
    4,
    9,
    5,
    11,
    6,
    13,
    7,
    15,
    8,
    17,
    9,
    19,
    10,
    21,
    11,
    23,
    12,
    25,
    13,
    27,
    14,
    29,
    15,
    31,
    16,
    33,
    17,
    35,
    18,
    37,
    19,
    39,
    0,
    41,
    0,
    1,
    0,
    8,
    3,
    0,
    10,
    10,
    13,
    13,
    93,
    93,
    3,
    0,
    10,
    10,
    13,
    13,
    60,
    60,
    2,
    0,
    10,
    10,
    13,
    13,
    6,
    0,
    10,
    10,
    13,
    13,
    60,
    60,
    93,
    93,
    123,
    123,
    125,
    125,
    3,
    0,
    9,
    9,
    13,
    13,
    32,
    32,
    1,
    0,
    48,
    57,
    2,
    0,
    69,
    69,
    101,
    101,
    2,
    0,
    43,
    43,
    45,
    45,
    199,
    0,
    1,
    1,
    0,
    0,
    0,
    0,
    3,
    1,
    0,
    0,
    0,
    0,
    5,
    1,
    0,
    0,
    0,
    0,
    7,
    1,
    0,
    0,
    0,
    0,
    9,
    1,
    0,
    0,
    0,
    0,
    11,
    1,
    0,
    0,
    0,
    0,
    13,
    1,
    0,
    0,
    0,
    0,
    15,
    1,
    0,
    0,
    0,
    0,
    17,
    1,
    0,
    0,
    0,
    0,
    19,
    1,
    0,
    0,
    0,
    0,
    21,
    1,
    0,
    0,
    0,
    0,
    23,
    1,
    0,
    0,
    0,
    0,
    25,
    1,
    0,
    0,
    0,
    0,
    27,
    1,
    0,
    0,
    0,
    0,
    29,
    1,
    0,
    0,
    0,
    0,
    31,
    1,
    0,
    0,
    0,
    0,
    33,
    1,
    0,
    0,
    0,
    0,
    35,
    1,
    0,
    0,
    0,
    0,
    37,
    1,
    0,
    0,
    0,
    1,
    43,
    1,
    0,
    0,
    0,
    3,
    45,
    1,
    0,
    0,
    0,
    5,
    47,
    1,
    0,
    0,
    0,
    7,
    52,
    1,
    0,
    0,
    0,
    9,
    54,
    1,
    0,
    0,
    0,
    11,
    58,
    1,
    0,
    0,
    0,
    13,
    67,
    1,
    0,
    0,
    0,
    15,
    73,
    1,
    0,
    0,
    0,
    17,
    80,
    1,
    0,
    0,
    0,
    19,
    82,
    1,
    0,
    0,
    0,
    21,
    88,
    1,
    0,
    0,
    0,
    23,
    102,
    1,
    0,
    0,
    0,
    25,
    117,
    1,
    0,
    0,
    0,
    27,
    125,
    1,
    0,
    0,
    0,
    29,
    134,
    1,
    0,
    0,
    0,
    31,
    142,
    1,
    0,
    0,
    0,
    33,
    166,
    1,
    0,
    0,
    0,
    35,
    168,
    1,
    0,
    0,
    0,
    37,
    171,
    1,
    0,
    0,
    0,
    39,
    178,
    1,
    0,
    0,
    0,
    41,
    182,
    1,
    0,
    0,
    0,
    43,
    44,
    5,
    58,
    0,
    0,
    44,
    2,
    1,
    0,
    0,
    0,
    45,
    46,
    5,
    93,
    0,
    0,
    46,
    4,
    1,
    0,
    0,
    0,
    47,
    48,
    5,
    121,
    0,
    0,
    48,
    49,
    5,
    101,
    0,
    0,
    49,
    50,
    5,
    115,
    0,
    0,
    50,
    51,
    5,
    61,
    0,
    0,
    51,
    6,
    1,
    0,
    0,
    0,
    52,
    53,
    5,
    44,
    0,
    0,
    53,
    8,
    1,
    0,
    0,
    0,
    54,
    55,
    5,
    110,
    0,
    0,
    55,
    56,
    5,
    111,
    0,
    0,
    56,
    57,
    5,
    61,
    0,
    0,
    57,
    10,
    1,
    0,
    0,
    0,
    58,
    59,
    5,
    109,
    0,
    0,
    59,
    60,
    5,
    105,
    0,
    0,
    60,
    61,
    5,
    115,
    0,
    0,
    61,
    62,
    5,
    115,
    0,
    0,
    62,
    63,
    5,
    105,
    0,
    0,
    63,
    64,
    5,
    110,
    0,
    0,
    64,
    65,
    5,
    103,
    0,
    0,
    65,
    66,
    5,
    61,
    0,
    0,
    66,
    12,
    1,
    0,
    0,
    0,
    67,
    68,
    5,
    103,
    0,
    0,
    68,
    69,
    5,
    97,
    0,
    0,
    69,
    70,
    5,
    105,
    0,
    0,
    70,
    71,
    5,
    110,
    0,
    0,
    71,
    72,
    5,
    61,
    0,
    0,
    72,
    14,
    1,
    0,
    0,
    0,
    73,
    74,
    5,
    99,
    0,
    0,
    74,
    75,
    5,
    111,
    0,
    0,
    75,
    76,
    5,
    118,
    0,
    0,
    76,
    77,
    5,
    101,
    0,
    0,
    77,
    78,
    5,
    114,
    0,
    0,
    78,
    79,
    5,
    61,
    0,
    0,
    79,
    16,
    1,
    0,
    0,
    0,
    80,
    81,
    5,
    125,
    0,
    0,
    81,
    18,
    1,
    0,
    0,
    0,
    82,
    83,
    5,
    108,
    0,
    0,
    83,
    84,
    5,
    101,
    0,
    0,
    84,
    85,
    5,
    97,
    0,
    0,
    85,
    86,
    5,
    102,
    0,
    0,
    86,
    87,
    5,
    61,
    0,
    0,
    87,
    20,
    1,
    0,
    0,
    0,
    88,
    89,
    5,
    98,
    0,
    0,
    89,
    90,
    5,
    111,
    0,
    0,
    90,
    91,
    5,
    111,
    0,
    0,
    91,
    92,
    5,
    115,
    0,
    0,
    92,
    93,
    5,
    116,
    0,
    0,
    93,
    94,
    5,
    101,
    0,
    0,
    94,
    95,
    5,
    114,
    0,
    0,
    95,
    96,
    5,
    91,
    0,
    0,
    96,
    97,
    1,
    0,
    0,
    0,
    97,
    98,
    3,
    39,
    19,
    0,
    98,
    100,
    5,
    93,
    0,
    0,
    99,
    101,
    5,
    58,
    0,
    0,
    100,
    99,
    1,
    0,
    0,
    0,
    100,
    101,
    1,
    0,
    0,
    0,
    101,
    22,
    1,
    0,
    0,
    0,
    102,
    103,
    5,
    108,
    0,
    0,
    103,
    104,
    5,
    101,
    0,
    0,
    104,
    105,
    5,
    97,
    0,
    0,
    105,
    106,
    5,
    102,
    0,
    0,
    106,
    107,
    5,
    61,
    0,
    0,
    107,
    108,
    5,
    91,
    0,
    0,
    108,
    112,
    1,
    0,
    0,
    0,
    109,
    111,
    8,
    0,
    0,
    0,
    110,
    109,
    1,
    0,
    0,
    0,
    111,
    114,
    1,
    0,
    0,
    0,
    112,
    110,
    1,
    0,
    0,
    0,
    112,
    113,
    1,
    0,
    0,
    0,
    113,
    115,
    1,
    0,
    0,
    0,
    114,
    112,
    1,
    0,
    0,
    0,
    115,
    116,
    5,
    93,
    0,
    0,
    116,
    24,
    1,
    0,
    0,
    0,
    117,
    119,
    5,
    91,
    0,
    0,
    118,
    120,
    8,
    1,
    0,
    0,
    119,
    118,
    1,
    0,
    0,
    0,
    120,
    121,
    1,
    0,
    0,
    0,
    121,
    119,
    1,
    0,
    0,
    0,
    121,
    122,
    1,
    0,
    0,
    0,
    122,
    123,
    1,
    0,
    0,
    0,
    123,
    124,
    5,
    60,
    0,
    0,
    124,
    26,
    1,
    0,
    0,
    0,
    125,
    127,
    5,
    91,
    0,
    0,
    126,
    128,
    8,
    2,
    0,
    0,
    127,
    126,
    1,
    0,
    0,
    0,
    128,
    129,
    1,
    0,
    0,
    0,
    129,
    127,
    1,
    0,
    0,
    0,
    129,
    130,
    1,
    0,
    0,
    0,
    130,
    131,
    1,
    0,
    0,
    0,
    131,
    132,
    5,
    58,
    0,
    0,
    132,
    133,
    5,
    123,
    0,
    0,
    133,
    28,
    1,
    0,
    0,
    0,
    134,
    136,
    5,
    91,
    0,
    0,
    135,
    137,
    8,
    3,
    0,
    0,
    136,
    135,
    1,
    0,
    0,
    0,
    137,
    138,
    1,
    0,
    0,
    0,
    138,
    136,
    1,
    0,
    0,
    0,
    138,
    139,
    1,
    0,
    0,
    0,
    139,
    140,
    1,
    0,
    0,
    0,
    140,
    141,
    5,
    93,
    0,
    0,
    141,
    30,
    1,
    0,
    0,
    0,
    142,
    143,
    3,
    39,
    19,
    0,
    143,
    32,
    1,
    0,
    0,
    0,
    144,
    146,
    5,
    45,
    0,
    0,
    145,
    144,
    1,
    0,
    0,
    0,
    145,
    146,
    1,
    0,
    0,
    0,
    146,
    147,
    1,
    0,
    0,
    0,
    147,
    150,
    3,
    39,
    19,
    0,
    148,
    149,
    5,
    46,
    0,
    0,
    149,
    151,
    3,
    39,
    19,
    0,
    150,
    148,
    1,
    0,
    0,
    0,
    150,
    151,
    1,
    0,
    0,
    0,
    151,
    153,
    1,
    0,
    0,
    0,
    152,
    154,
    3,
    41,
    20,
    0,
    153,
    152,
    1,
    0,
    0,
    0,
    153,
    154,
    1,
    0,
    0,
    0,
    154,
    167,
    1,
    0,
    0,
    0,
    155,
    157,
    5,
    45,
    0,
    0,
    156,
    155,
    1,
    0,
    0,
    0,
    156,
    157,
    1,
    0,
    0,
    0,
    157,
    164,
    1,
    0,
    0,
    0,
    158,
    159,
    5,
    105,
    0,
    0,
    159,
    160,
    5,
    110,
    0,
    0,
    160,
    165,
    5,
    102,
    0,
    0,
    161,
    162,
    5,
    110,
    0,
    0,
    162,
    163,
    5,
    97,
    0,
    0,
    163,
    165,
    5,
    110,
    0,
    0,
    164,
    158,
    1,
    0,
    0,
    0,
    164,
    161,
    1,
    0,
    0,
    0,
    165,
    167,
    1,
    0,
    0,
    0,
    166,
    145,
    1,
    0,
    0,
    0,
    166,
    156,
    1,
    0,
    0,
    0,
    167,
    34,
    1,
    0,
    0,
    0,
    168,
    169,
    5,
    10,
    0,
    0,
    169,
    36,
    1,
    0,
    0,
    0,
    170,
    172,
    7,
    4,
    0,
    0,
    171,
    170,
    1,
    0,
    0,
    0,
    172,
    173,
    1,
    0,
    0,
    0,
    173,
    171,
    1,
    0,
    0,
    0,
    173,
    174,
    1,
    0,
    0,
    0,
    174,
    175,
    1,
    0,
    0,
    0,
    175,
    176,
    6,
    18,
    0,
    0,
    176,
    38,
    1,
    0,
    0,
    0,
    177,
    179,
    7,
    5,
    0,
    0,
    178,
    177,
    1,
    0,
    0,
    0,
    179,
    180,
    1,
    0,
    0,
    0,
    180,
    178,
    1,
    0,
    0,
    0,
    180,
    181,
    1,
    0,
    0,
    0,
    181,
    40,
    1,
    0,
    0,
    0,
    182,
    184,
    7,
    6,
    0,
    0,
    183,
    185,
    7,
    7,
    0,
    0,
    184,
    183,
    1,
    0,
    0,
    0,
    184,
    185,
    1,
    0,
    0,
    0,
    185,
    186,
    1,
    0,
    0,
    0,
    186,
    187,
    3,
    39,
    19,
    0,
    187,
    42,
    1,
    0,
    0,
    0,
    15,
    0,
    100,
    112,
    121,
    129,
    138,
    145,
    150,
    153,
    156,
    164,
    166,
    173,
    180,
    184,
    1,
    6,
    0,
    0
  ];
  static __ATN;
  static get _ATN() {
    if (!_XGBoostTextLexer.__ATN) {
      _XGBoostTextLexer.__ATN = new antlr6.ATNDeserializer().deserialize(_XGBoostTextLexer._serializedATN);
    }
    return _XGBoostTextLexer.__ATN;
  }
  static vocabulary = new antlr6.Vocabulary(_XGBoostTextLexer.literalNames, _XGBoostTextLexer.symbolicNames, []);
  get vocabulary() {
    return _XGBoostTextLexer.vocabulary;
  }
  static decisionsToDFA = _XGBoostTextLexer._ATN.decisionToState.map((ds, index) => new antlr6.DFA(ds, index));
};

// grammar/generated/XGBoostText/XGBoostTextParser.ts
import * as antlr7 from "antlr4ng";
var XGBoostTextParser = class _XGBoostTextParser extends antlr7.Parser {
  static T__0 = 1;
  static T__1 = 2;
  static T__2 = 3;
  static T__3 = 4;
  static T__4 = 5;
  static T__5 = 6;
  static T__6 = 7;
  static T__7 = 8;
  static T__8 = 9;
  static T__9 = 10;
  static BOOSTER = 11;
  static VECTOR_LEAF = 12;
  static NUMERIC_HEAD = 13;
  static CATEGORICAL_HEAD = 14;
  static INDICATOR = 15;
  static INT = 16;
  static NUMBER = 17;
  static NEWLINE = 18;
  static WS = 19;
  static RULE_dump = 0;
  static RULE_entry = 1;
  static literalNames = [
    null,
    "':'",
    "']'",
    "'yes='",
    "','",
    "'no='",
    "'missing='",
    "'gain='",
    "'cover='",
    "'}'",
    "'leaf='",
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "'\\n'"
  ];
  static symbolicNames = [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "BOOSTER",
    "VECTOR_LEAF",
    "NUMERIC_HEAD",
    "CATEGORICAL_HEAD",
    "INDICATOR",
    "INT",
    "NUMBER",
    "NEWLINE",
    "WS"
  ];
  static ruleNames = [
    "dump",
    "entry"
  ];
  get grammarFileName() {
    return "XGBoostText.g4";
  }
  get literalNames() {
    return _XGBoostTextParser.literalNames;
  }
  get symbolicNames() {
    return _XGBoostTextParser.symbolicNames;
  }
  get ruleNames() {
    return _XGBoostTextParser.ruleNames;
  }
  get serializedATN() {
    return _XGBoostTextParser._serializedATN;
  }
  createFailedPredicateException(predicate, message) {
    return new antlr7.FailedPredicateException(this, predicate, message);
  }
  constructor(input) {
    super(input);
    this.interpreter = new antlr7.ParserATNSimulator(this, _XGBoostTextParser._ATN, _XGBoostTextParser.decisionsToDFA, new antlr7.PredictionContextCache());
  }
  dump() {
    let localContext = new DumpContext(this.context, this.state);
    this.enterRule(localContext, 0, _XGBoostTextParser.RULE_dump);
    let _la;
    try {
      this.enterOuterAlt(localContext, 1);
      {
        this.state = 5;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        if (_la === 11 || _la === 16) {
          {
            this.state = 4;
            this.entry();
          }
        }
        this.state = 13;
        this.errorHandler.sync(this);
        _la = this.tokenStream.LA(1);
        while (_la === 18) {
          {
            {
              this.state = 7;
              this.match(_XGBoostTextParser.NEWLINE);
              this.state = 9;
              this.errorHandler.sync(this);
              _la = this.tokenStream.LA(1);
              if (_la === 11 || _la === 16) {
                {
                  this.state = 8;
                  this.entry();
                }
              }
            }
          }
          this.state = 15;
          this.errorHandler.sync(this);
          _la = this.tokenStream.LA(1);
        }
        this.state = 16;
        this.match(_XGBoostTextParser.EOF);
      }
    } catch (re) {
      if (re instanceof antlr7.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  entry() {
    let localContext = new EntryContext(this.context, this.state);
    this.enterRule(localContext, 2, _XGBoostTextParser.RULE_entry);
    let _la;
    try {
      this.state = 108;
      this.errorHandler.sync(this);
      switch (this.tokenStream.LA(1)) {
        case _XGBoostTextParser.BOOSTER:
          this.enterOuterAlt(localContext, 1);
          {
            this.state = 18;
            localContext._booster = this.match(_XGBoostTextParser.BOOSTER);
          }
          break;
        case _XGBoostTextParser.INT:
          this.enterOuterAlt(localContext, 2);
          {
            this.state = 19;
            localContext._nodeId = this.match(_XGBoostTextParser.INT);
            this.state = 20;
            this.match(_XGBoostTextParser.T__0);
            this.state = 106;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
              case _XGBoostTextParser.NUMERIC_HEAD:
                {
                  this.state = 21;
                  localContext._numericHead = this.match(_XGBoostTextParser.NUMERIC_HEAD);
                  this.state = 22;
                  localContext._threshold = this.tokenStream.LT(1);
                  _la = this.tokenStream.LA(1);
                  if (!(_la === 16 || _la === 17)) {
                    localContext._threshold = this.errorHandler.recoverInline(this);
                  } else {
                    this.errorHandler.reportMatch(this);
                    this.consume();
                  }
                  this.state = 23;
                  this.match(_XGBoostTextParser.T__1);
                  this.state = 24;
                  this.match(_XGBoostTextParser.T__2);
                  this.state = 25;
                  localContext._yesId = this.match(_XGBoostTextParser.INT);
                  this.state = 26;
                  this.match(_XGBoostTextParser.T__3);
                  this.state = 27;
                  this.match(_XGBoostTextParser.T__4);
                  this.state = 28;
                  localContext._noId = this.match(_XGBoostTextParser.INT);
                  this.state = 32;
                  this.errorHandler.sync(this);
                  switch (this.interpreter.adaptivePredict(this.tokenStream, 3, this.context)) {
                    case 1:
                      {
                        this.state = 29;
                        this.match(_XGBoostTextParser.T__3);
                        this.state = 30;
                        this.match(_XGBoostTextParser.T__5);
                        this.state = 31;
                        localContext._missingId = this.match(_XGBoostTextParser.INT);
                      }
                      break;
                  }
                  this.state = 37;
                  this.errorHandler.sync(this);
                  switch (this.interpreter.adaptivePredict(this.tokenStream, 4, this.context)) {
                    case 1:
                      {
                        this.state = 34;
                        this.match(_XGBoostTextParser.T__3);
                        this.state = 35;
                        this.match(_XGBoostTextParser.T__6);
                        this.state = 36;
                        localContext._gain = this.tokenStream.LT(1);
                        _la = this.tokenStream.LA(1);
                        if (!(_la === 16 || _la === 17)) {
                          localContext._gain = this.errorHandler.recoverInline(this);
                        } else {
                          this.errorHandler.reportMatch(this);
                          this.consume();
                        }
                      }
                      break;
                  }
                  this.state = 42;
                  this.errorHandler.sync(this);
                  _la = this.tokenStream.LA(1);
                  if (_la === 4) {
                    {
                      this.state = 39;
                      this.match(_XGBoostTextParser.T__3);
                      this.state = 40;
                      this.match(_XGBoostTextParser.T__7);
                      this.state = 41;
                      localContext._cover = this.tokenStream.LT(1);
                      _la = this.tokenStream.LA(1);
                      if (!(_la === 16 || _la === 17)) {
                        localContext._cover = this.errorHandler.recoverInline(this);
                      } else {
                        this.errorHandler.reportMatch(this);
                        this.consume();
                      }
                    }
                  }
                }
                break;
              case _XGBoostTextParser.CATEGORICAL_HEAD:
                {
                  this.state = 44;
                  localContext._categoricalHead = this.match(_XGBoostTextParser.CATEGORICAL_HEAD);
                  this.state = 53;
                  this.errorHandler.sync(this);
                  _la = this.tokenStream.LA(1);
                  if (_la === 16) {
                    {
                      this.state = 45;
                      localContext._INT = this.match(_XGBoostTextParser.INT);
                      localContext._categories.push(localContext._INT);
                      this.state = 50;
                      this.errorHandler.sync(this);
                      _la = this.tokenStream.LA(1);
                      while (_la === 4) {
                        {
                          {
                            this.state = 46;
                            this.match(_XGBoostTextParser.T__3);
                            this.state = 47;
                            localContext._INT = this.match(_XGBoostTextParser.INT);
                            localContext._categories.push(localContext._INT);
                          }
                        }
                        this.state = 52;
                        this.errorHandler.sync(this);
                        _la = this.tokenStream.LA(1);
                      }
                    }
                  }
                  this.state = 55;
                  this.match(_XGBoostTextParser.T__8);
                  this.state = 56;
                  this.match(_XGBoostTextParser.T__1);
                  this.state = 57;
                  this.match(_XGBoostTextParser.T__2);
                  this.state = 58;
                  localContext._yesId = this.match(_XGBoostTextParser.INT);
                  this.state = 59;
                  this.match(_XGBoostTextParser.T__3);
                  this.state = 60;
                  this.match(_XGBoostTextParser.T__4);
                  this.state = 61;
                  localContext._noId = this.match(_XGBoostTextParser.INT);
                  this.state = 65;
                  this.errorHandler.sync(this);
                  switch (this.interpreter.adaptivePredict(this.tokenStream, 8, this.context)) {
                    case 1:
                      {
                        this.state = 62;
                        this.match(_XGBoostTextParser.T__3);
                        this.state = 63;
                        this.match(_XGBoostTextParser.T__5);
                        this.state = 64;
                        localContext._missingId = this.match(_XGBoostTextParser.INT);
                      }
                      break;
                  }
                  this.state = 70;
                  this.errorHandler.sync(this);
                  switch (this.interpreter.adaptivePredict(this.tokenStream, 9, this.context)) {
                    case 1:
                      {
                        this.state = 67;
                        this.match(_XGBoostTextParser.T__3);
                        this.state = 68;
                        this.match(_XGBoostTextParser.T__6);
                        this.state = 69;
                        localContext._gain = this.tokenStream.LT(1);
                        _la = this.tokenStream.LA(1);
                        if (!(_la === 16 || _la === 17)) {
                          localContext._gain = this.errorHandler.recoverInline(this);
                        } else {
                          this.errorHandler.reportMatch(this);
                          this.consume();
                        }
                      }
                      break;
                  }
                  this.state = 75;
                  this.errorHandler.sync(this);
                  _la = this.tokenStream.LA(1);
                  if (_la === 4) {
                    {
                      this.state = 72;
                      this.match(_XGBoostTextParser.T__3);
                      this.state = 73;
                      this.match(_XGBoostTextParser.T__7);
                      this.state = 74;
                      localContext._cover = this.tokenStream.LT(1);
                      _la = this.tokenStream.LA(1);
                      if (!(_la === 16 || _la === 17)) {
                        localContext._cover = this.errorHandler.recoverInline(this);
                      } else {
                        this.errorHandler.reportMatch(this);
                        this.consume();
                      }
                    }
                  }
                }
                break;
              case _XGBoostTextParser.INDICATOR:
                {
                  this.state = 77;
                  localContext._indicator = this.match(_XGBoostTextParser.INDICATOR);
                  this.state = 78;
                  this.match(_XGBoostTextParser.T__2);
                  this.state = 79;
                  localContext._yesId = this.match(_XGBoostTextParser.INT);
                  this.state = 80;
                  this.match(_XGBoostTextParser.T__3);
                  this.state = 81;
                  this.match(_XGBoostTextParser.T__4);
                  this.state = 82;
                  localContext._noId = this.match(_XGBoostTextParser.INT);
                  this.state = 86;
                  this.errorHandler.sync(this);
                  switch (this.interpreter.adaptivePredict(this.tokenStream, 11, this.context)) {
                    case 1:
                      {
                        this.state = 83;
                        this.match(_XGBoostTextParser.T__3);
                        this.state = 84;
                        this.match(_XGBoostTextParser.T__6);
                        this.state = 85;
                        localContext._gain = this.tokenStream.LT(1);
                        _la = this.tokenStream.LA(1);
                        if (!(_la === 16 || _la === 17)) {
                          localContext._gain = this.errorHandler.recoverInline(this);
                        } else {
                          this.errorHandler.reportMatch(this);
                          this.consume();
                        }
                      }
                      break;
                  }
                  this.state = 91;
                  this.errorHandler.sync(this);
                  _la = this.tokenStream.LA(1);
                  if (_la === 4) {
                    {
                      this.state = 88;
                      this.match(_XGBoostTextParser.T__3);
                      this.state = 89;
                      this.match(_XGBoostTextParser.T__7);
                      this.state = 90;
                      localContext._cover = this.tokenStream.LT(1);
                      _la = this.tokenStream.LA(1);
                      if (!(_la === 16 || _la === 17)) {
                        localContext._cover = this.errorHandler.recoverInline(this);
                      } else {
                        this.errorHandler.reportMatch(this);
                        this.consume();
                      }
                    }
                  }
                }
                break;
              case _XGBoostTextParser.T__9:
                {
                  this.state = 93;
                  this.match(_XGBoostTextParser.T__9);
                  this.state = 94;
                  localContext._value = this.tokenStream.LT(1);
                  _la = this.tokenStream.LA(1);
                  if (!(_la === 16 || _la === 17)) {
                    localContext._value = this.errorHandler.recoverInline(this);
                  } else {
                    this.errorHandler.reportMatch(this);
                    this.consume();
                  }
                  this.state = 98;
                  this.errorHandler.sync(this);
                  _la = this.tokenStream.LA(1);
                  if (_la === 4) {
                    {
                      this.state = 95;
                      this.match(_XGBoostTextParser.T__3);
                      this.state = 96;
                      this.match(_XGBoostTextParser.T__7);
                      this.state = 97;
                      localContext._cover = this.tokenStream.LT(1);
                      _la = this.tokenStream.LA(1);
                      if (!(_la === 16 || _la === 17)) {
                        localContext._cover = this.errorHandler.recoverInline(this);
                      } else {
                        this.errorHandler.reportMatch(this);
                        this.consume();
                      }
                    }
                  }
                }
                break;
              case _XGBoostTextParser.VECTOR_LEAF:
                {
                  this.state = 100;
                  localContext._vectorLeaf = this.match(_XGBoostTextParser.VECTOR_LEAF);
                  this.state = 104;
                  this.errorHandler.sync(this);
                  _la = this.tokenStream.LA(1);
                  if (_la === 4) {
                    {
                      this.state = 101;
                      this.match(_XGBoostTextParser.T__3);
                      this.state = 102;
                      this.match(_XGBoostTextParser.T__7);
                      this.state = 103;
                      localContext._cover = this.tokenStream.LT(1);
                      _la = this.tokenStream.LA(1);
                      if (!(_la === 16 || _la === 17)) {
                        localContext._cover = this.errorHandler.recoverInline(this);
                      } else {
                        this.errorHandler.reportMatch(this);
                        this.consume();
                      }
                    }
                  }
                }
                break;
              default:
                throw new antlr7.NoViableAltException(this);
            }
          }
          break;
        default:
          throw new antlr7.NoViableAltException(this);
      }
    } catch (re) {
      if (re instanceof antlr7.RecognitionException) {
        this.errorHandler.reportError(this, re);
        this.errorHandler.recover(this, re);
      } else {
        throw re;
      }
    } finally {
      this.exitRule();
    }
    return localContext;
  }
  static _serializedATN = [
    4,
    1,
    19,
    111,
    2,
    0,
    7,
    0,
    2,
    1,
    7,
    1,
    1,
    0,
    3,
    0,
    6,
    8,
    0,
    1,
    0,
    1,
    0,
    3,
    0,
    10,
    8,
    0,
    5,
    0,
    12,
    8,
    0,
    10,
    0,
    12,
    0,
    15,
    9,
    0,
    1,
    0,
    1,
    0,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    33,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    38,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    43,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    5,
    1,
    49,
    8,
    1,
    10,
    1,
    12,
    1,
    52,
    9,
    1,
    3,
    1,
    54,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    66,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    71,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    76,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    87,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    92,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    99,
    8,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    3,
    1,
    105,
    8,
    1,
    3,
    1,
    107,
    8,
    1,
    3,
    1,
    109,
    8,
    1,
    1,
    1,
    0,
    0,
    2,
    0,
    2,
    0,
    1,
    1,
    0,
    16,
    17,
    128,
    0,
    5,
    1,
    0,
    0,
    0,
    2,
    108,
    1,
    0,
    0,
    0,
    4,
    6,
    3,
    2,
    1,
    0,
    5,
    4,
    1,
    0,
    0,
    0,
    5,
    6,
    1,
    0,
    0,
    0,
    6,
    13,
    1,
    0,
    0,
    0,
    7,
    9,
    5,
    18,
    0,
    0,
    8,
    10,
    3,
    2,
    1,
    0,
    9,
    8,
    1,
    0,
    0,
    0,
    9,
    10,
    1,
    0,
    0,
    0,
    10,
    12,
    1,
    0,
    0,
    0,
    11,
    7,
    1,
    0,
    0,
    0,
    12,
    15,
    1,
    0,
    0,
    0,
    13,
    11,
    1,
    0,
    0,
    0,
    13,
    14,
    1,
    0,
    0,
    0,
    14,
    16,
    1,
    0,
    0,
    0,
    15,
    13,
    1,
    0,
    0,
    0,
    16,
    17,
    5,
    0,
    0,
    1,
    17,
    1,
    1,
    0,
    0,
    0,
    18,
    109,
    5,
    11,
    0,
    0,
    19,
    20,
    5,
    16,
    0,
    0,
    20,
    106,
    5,
    1,
    0,
    0,
    21,
    22,
    5,
    13,
    0,
    0,
    22,
    23,
    7,
    0,
    0,
    0,
    23,
    24,
    5,
    2,
    0,
    0,
    24,
    25,
    5,
    3,
    0,
    0,
    25,
    26,
    5,
    16,
    0,
    0,
    26,
    27,
    5,
    4,
    0,
    0,
    27,
    28,
    5,
    5,
    0,
    0,
    28,
    32,
    5,
    16,
    0,
    0,
    29,
    30,
    5,
    4,
    0,
    0,
    30,
    31,
    5,
    6,
    0,
    0,
    31,
    33,
    5,
    16,
    0,
    0,
    32,
    29,
    1,
    0,
    0,
    0,
    32,
    33,
    1,
    0,
    0,
    0,
    33,
    37,
    1,
    0,
    0,
    0,
    34,
    35,
    5,
    4,
    0,
    0,
    35,
    36,
    5,
    7,
    0,
    0,
    36,
    38,
    7,
    0,
    0,
    0,
    37,
    34,
    1,
    0,
    0,
    0,
    37,
    38,
    1,
    0,
    0,
    0,
    38,
    42,
    1,
    0,
    0,
    0,
    39,
    40,
    5,
    4,
    0,
    0,
    40,
    41,
    5,
    8,
    0,
    0,
    41,
    43,
    7,
    0,
    0,
    0,
    42,
    39,
    1,
    0,
    0,
    0,
    42,
    43,
    1,
    0,
    0,
    0,
    43,
    107,
    1,
    0,
    0,
    0,
    44,
    53,
    5,
    14,
    0,
    0,
    45,
    50,
    5,
    16,
    0,
    0,
    46,
    47,
    5,
    4,
    0,
    0,
    47,
    49,
    5,
    16,
    0,
    0,
    48,
    46,
    1,
    0,
    0,
    0,
    49,
    52,
    1,
    0,
    0,
    0,
    50,
    48,
    1,
    0,
    0,
    0,
    50,
    51,
    1,
    0,
    0,
    0,
    51,
    54,
    1,
    0,
    0,
    0,
    52,
    50,
    1,
    0,
    0,
    0,
    53,
    45,
    1,
    0,
    0,
    0,
    53,
    54,
    1,
    0,
    0,
    0,
    54,
    55,
    1,
    0,
    0,
    0,
    55,
    56,
    5,
    9,
    0,
    0,
    56,
    57,
    5,
    2,
    0,
    0,
    57,
    58,
    5,
    3,
    0,
    0,
    58,
    59,
    5,
    16,
    0,
    0,
    59,
    60,
    5,
    4,
    0,
    0,
    60,
    61,
    5,
    5,
    0,
    0,
    61,
    65,
    5,
    16,
    0,
    0,
    62,
    63,
    5,
    4,
    0,
    0,
    63,
    64,
    5,
    6,
    0,
    0,
    64,
    66,
    5,
    16,
    0,
    0,
    65,
    62,
    1,
    0,
    0,
    0,
    65,
    66,
    1,
    0,
    0,
    0,
    66,
    70,
    1,
    0,
    0,
    0,
    67,
    68,
    5,
    4,
    0,
    0,
    68,
    69,
    5,
    7,
    0,
    0,
    69,
    71,
    7,
    0,
    0,
    0,
    70,
    67,
    1,
    0,
    0,
    0,
    70,
    71,
    1,
    0,
    0,
    0,
    71,
    75,
    1,
    0,
    0,
    0,
    72,
    73,
    5,
    4,
    0,
    0,
    73,
    74,
    5,
    8,
    0,
    0,
    74,
    76,
    7,
    0,
    0,
    0,
    75,
    72,
    1,
    0,
    0,
    0,
    75,
    76,
    1,
    0,
    0,
    0,
    76,
    107,
    1,
    0,
    0,
    0,
    77,
    78,
    5,
    15,
    0,
    0,
    78,
    79,
    5,
    3,
    0,
    0,
    79,
    80,
    5,
    16,
    0,
    0,
    80,
    81,
    5,
    4,
    0,
    0,
    81,
    82,
    5,
    5,
    0,
    0,
    82,
    86,
    5,
    16,
    0,
    0,
    83,
    84,
    5,
    4,
    0,
    0,
    84,
    85,
    5,
    7,
    0,
    0,
    85,
    87,
    7,
    0,
    0,
    0,
    86,
    83,
    1,
    0,
    0,
    0,
    86,
    87,
    1,
    0,
    0,
    0,
    87,
    91,
    1,
    0,
    0,
    0,
    88,
    89,
    5,
    4,
    0,
    0,
    89,
    90,
    5,
    8,
    0,
    0,
    90,
    92,
    7,
    0,
    0,
    0,
    91,
    88,
    1,
    0,
    0,
    0,
    91,
    92,
    1,
    0,
    0,
    0,
    92,
    107,
    1,
    0,
    0,
    0,
    93,
    94,
    5,
    10,
    0,
    0,
    94,
    98,
    7,
    0,
    0,
    0,
    95,
    96,
    5,
    4,
    0,
    0,
    96,
    97,
    5,
    8,
    0,
    0,
    97,
    99,
    7,
    0,
    0,
    0,
    98,
    95,
    1,
    0,
    0,
    0,
    98,
    99,
    1,
    0,
    0,
    0,
    99,
    107,
    1,
    0,
    0,
    0,
    100,
    104,
    5,
    12,
    0,
    0,
    101,
    102,
    5,
    4,
    0,
    0,
    102,
    103,
    5,
    8,
    0,
    0,
    103,
    105,
    7,
    0,
    0,
    0,
    104,
    101,
    1,
    0,
    0,
    0,
    104,
    105,
    1,
    0,
    0,
    0,
    105,
    107,
    1,
    0,
    0,
    0,
    106,
    21,
    1,
    0,
    0,
    0,
    106,
    44,
    1,
    0,
    0,
    0,
    106,
    77,
    1,
    0,
    0,
    0,
    106,
    93,
    1,
    0,
    0,
    0,
    106,
    100,
    1,
    0,
    0,
    0,
    107,
    109,
    1,
    0,
    0,
    0,
    108,
    18,
    1,
    0,
    0,
    0,
    108,
    19,
    1,
    0,
    0,
    0,
    109,
    3,
    1,
    0,
    0,
    0,
    17,
    5,
    9,
    13,
    32,
    37,
    42,
    50,
    53,
    65,
    70,
    75,
    86,
    91,
    98,
    104,
    106,
    108
  ];
  static __ATN;
  static get _ATN() {
    if (!_XGBoostTextParser.__ATN) {
      _XGBoostTextParser.__ATN = new antlr7.ATNDeserializer().deserialize(_XGBoostTextParser._serializedATN);
    }
    return _XGBoostTextParser.__ATN;
  }
  static vocabulary = new antlr7.Vocabulary(_XGBoostTextParser.literalNames, _XGBoostTextParser.symbolicNames, []);
  get vocabulary() {
    return _XGBoostTextParser.vocabulary;
  }
  static decisionsToDFA = _XGBoostTextParser._ATN.decisionToState.map((ds, index) => new antlr7.DFA(ds, index));
};
var DumpContext = class extends antlr7.ParserRuleContext {
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  EOF() {
    return this.getToken(XGBoostTextParser.EOF, 0);
  }
  entry(i) {
    if (i === void 0) {
      return this.getRuleContexts(EntryContext);
    }
    return this.getRuleContext(i, EntryContext);
  }
  NEWLINE(i) {
    if (i === void 0) {
      return this.getTokens(XGBoostTextParser.NEWLINE);
    } else {
      return this.getToken(XGBoostTextParser.NEWLINE, i);
    }
  }
  get ruleIndex() {
    return XGBoostTextParser.RULE_dump;
  }
  accept(visitor) {
    if (visitor.visitDump) {
      return visitor.visitDump(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};
var EntryContext = class extends antlr7.ParserRuleContext {
  _booster;
  _nodeId;
  _numericHead;
  _threshold;
  _yesId;
  _noId;
  _missingId;
  _gain;
  _cover;
  _categoricalHead;
  _INT;
  _categories = [];
  _indicator;
  _value;
  _vectorLeaf;
  constructor(parent, invokingState) {
    super(parent, invokingState);
  }
  BOOSTER() {
    return this.getToken(XGBoostTextParser.BOOSTER, 0);
  }
  INT(i) {
    if (i === void 0) {
      return this.getTokens(XGBoostTextParser.INT);
    } else {
      return this.getToken(XGBoostTextParser.INT, i);
    }
  }
  NUMERIC_HEAD() {
    return this.getToken(XGBoostTextParser.NUMERIC_HEAD, 0);
  }
  CATEGORICAL_HEAD() {
    return this.getToken(XGBoostTextParser.CATEGORICAL_HEAD, 0);
  }
  INDICATOR() {
    return this.getToken(XGBoostTextParser.INDICATOR, 0);
  }
  VECTOR_LEAF() {
    return this.getToken(XGBoostTextParser.VECTOR_LEAF, 0);
  }
  NUMBER(i) {
    if (i === void 0) {
      return this.getTokens(XGBoostTextParser.NUMBER);
    } else {
      return this.getToken(XGBoostTextParser.NUMBER, i);
    }
  }
  get ruleIndex() {
    return XGBoostTextParser.RULE_entry;
  }
  accept(visitor) {
    if (visitor.visitEntry) {
      return visitor.visitEntry(this);
    } else {
      return visitor.visitChildren(this);
    }
  }
};

// app/formats/xgboost/xgboostModel.ts
function xgbError(code, fileName, detail, position, text) {
  return new ModelParseError({
    code,
    fileName,
    format: "xgboost",
    position,
    sourceLine: position && text !== void 0 ? sourceLineAt(text, position.line) : void 0,
    detail
  });
}
function assembleTree(records, treeLabel, fail2, dropUnreachable = false) {
  const root = records.get(0);
  if (!root) fail2(`${treeLabel} has no node 0 (its root)`, records.values().next().value?.position);
  const order = [];
  const indexOf = /* @__PURE__ */ new Map();
  const stack = [0];
  while (stack.length > 0) {
    const nodeId = stack.pop();
    const record = records.get(nodeId);
    indexOf.set(nodeId, order.length);
    order.push(record);
    if (record.kind === "leaf") continue;
    for (const child of [record.right, record.left]) {
      if (!records.has(child)) fail2(`node ${nodeId} of ${treeLabel} points to node ${child}, which the tree does not have`, record.position);
      if (indexOf.has(child) || stack.includes(child)) fail2(`node ${child} of ${treeLabel} is reached twice`, record.position);
      stack.push(child);
    }
  }
  if (!dropUnreachable && order.length !== records.size) {
    const orphan = [...records.values()].find((record) => !indexOf.has(record.nodeId));
    fail2(`node ${orphan.nodeId} of ${treeLabel} is not reachable from the root`, orphan.position);
  }
  const nodes = order.map((record, id) => {
    let stats;
    if (record.gain !== void 0 && record.cover !== void 0) stats = { gain: record.gain, cover: record.cover };
    else if (record.cover !== void 0) stats = { cover: record.cover };
    else if (record.gain !== void 0) stats = { gain: record.gain };
    if (record.kind === "leaf") {
      return { type: "leaf", id, sourceId: record.nodeId, depth: 0, parent: -1, stats, position: record.position, value: [record.value] };
    }
    let split;
    if (record.kind === "numeric") {
      split = { kind: "numeric", op: "<", threshold: record.threshold, missing: { mode: "default", defaultLeft: record.defaultLeft } };
    } else if (record.kind === "categorical") {
      split = {
        kind: "categorical",
        categories: [...new Set(record.categories)].sort((a, b) => a - b),
        inSetGoes: "right",
        missingGoes: record.defaultLeft ? "left" : "right",
        match: "truncate"
      };
    } else {
      split = { kind: "indicator", presentGoes: record.presentGoes };
    }
    return {
      type: "split",
      id,
      sourceId: record.nodeId,
      depth: 0,
      parent: -1,
      stats,
      position: record.position,
      feature: record.feature,
      split,
      left: indexOf.get(record.left),
      right: indexOf.get(record.right)
    };
  });
  const problem = linkTree(nodes);
  if (problem) fail2(`${treeLabel}: ${problem}`, root.position);
  return nodes;
}
var FEATURE_TYPES = /* @__PURE__ */ new Set(["i", "q", "int", "float", "c"]);
function parseFeatureMap(text, fileName) {
  const entries = [];
  const lines = text.split("\n");
  lines.forEach((raw, lineIndex) => {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") return;
    let fields = line.split("	");
    if (fields.length < 3) {
      const match = /^\s*(\d+)\s+(.+?)\s+(\S+)\s*$/.exec(line);
      fields = match ? [match[1], match[2], match[3]] : fields;
    }
    const [indexText, name2, type] = fields.map((field) => field.trim());
    const position = { line: lineIndex + 1, column: 1 };
    const where = `${fileName} (feature map)`;
    if (fields.length < 3 || !/^\d+$/.test(indexText) || !name2) {
      throw xgbError("E_PARSE_STRUCTURE", where, `expected 'index<TAB>name<TAB>type', found '${line}'`, position, text);
    }
    if (!FEATURE_TYPES.has(type)) {
      throw xgbError("E_PARSE_STRUCTURE", where, `unknown feature type '${type}' (expected i, q, int, float or c)`, position, text);
    }
    entries.push({ index: Number(indexText), name: name2, type });
  });
  return entries;
}
var DEFAULT_NAME2 = /^f(\d+)$/;
function resolveFeatures(uses, featureMap, fileName, text) {
  const warnings = [];
  if (featureMap) {
    const byName = /* @__PURE__ */ new Map();
    let count = 0;
    for (const entry of featureMap) {
      if (!byName.has(entry.name)) byName.set(entry.name, entry.index);
      count = Math.max(count, entry.index + 1);
    }
    const indexOf = (name2) => byName.get(name2) ?? Number(DEFAULT_NAME2.exec(name2)?.[1] ?? NaN);
    for (const use of uses) {
      if (use.printed !== void 0 && !byName.has(use.name) && byName.has(use.printed)) byName.set(use.name, byName.get(use.printed));
      const index = indexOf(use.name);
      if (Number.isNaN(index)) {
        throw xgbError("E_PARSE_STRUCTURE", fileName, `feature '${use.name}' is not in the feature map`, use.position, text);
      }
      const problem = countProblem(index + 1, "feature count", text?.length ?? 0);
      if (problem) throw xgbError("E_PARSE_STRUCTURE", fileName, `feature '${use.name.slice(0, 40)}': ${problem}`, use.position, text);
      count = Math.max(count, index + 1);
    }
    const features2 = Array.from({ length: count }, (_, index) => ({ index, name: `f${index}`, isNamed: false, kind: "numeric" }));
    for (const entry of featureMap) {
      features2[entry.index] = {
        index: entry.index,
        name: entry.name,
        isNamed: true,
        kind: entry.type === "c" ? "categorical" : "numeric",
        featureType: entry.type
      };
    }
    return { features: features2, indexOf, warnings, order: "feature map" };
  }
  const names = [];
  const seen = /* @__PURE__ */ new Map();
  for (const use of uses) {
    if (!seen.has(use.name)) {
      seen.set(use.name, use);
      names.push(use.name);
    }
  }
  if (names.every((name2) => DEFAULT_NAME2.test(name2))) {
    const indices = names.map((name2) => Number(DEFAULT_NAME2.exec(name2)[1]));
    for (const [position, index] of indices.entries()) {
      const problem = countProblem(index + 1, "feature count", text?.length ?? 0);
      const use = seen.get(names[position]);
      if (problem) throw xgbError("E_PARSE_STRUCTURE", fileName, `feature '${names[position].slice(0, 40)}': ${problem}`, use.position, text);
    }
    const count = indices.length ? Math.max(...indices) + 1 : 0;
    const features2 = Array.from({ length: count }, (_, index) => ({ index, name: `f${index}`, isNamed: false, kind: "numeric" }));
    const indexOfName = new Map(names.map((name2, position) => [name2, indices[position]]));
    return { features: features2, indexOf: (name2) => indexOfName.get(name2) ?? Number(DEFAULT_NAME2.exec(name2)[1]), warnings, order: "f<index> names" };
  }
  const order = new Map(names.map((name2, index) => [name2, index]));
  warnings.push({
    code: "W_XGB_FEATURE_ORDER",
    message: `The dump names its ${names.length} features but does not say their column order; they are numbered in the order they first appear in the dump, and features the trees never use are not listed. Score CSVs by column name, or supply the feature map (index<TAB>name<TAB>type, e.g. written from the training columns) to fix the order.`
  });
  const features = names.map((name2, index) => ({ index, name: name2, isNamed: true, kind: "numeric" }));
  return { features, indexOf: (name2) => order.get(name2), warnings, order: "first appearance in the dump" };
}
function unescapeName(name2) {
  if (!name2.includes("\\")) return name2;
  try {
    return JSON.parse(`"${name2}"`);
  } catch {
    return name2;
  }
}

// app/formats/xgboost/xgboostOutputs.ts
var EXP_OBJECTIVES = /* @__PURE__ */ new Set(["count:poisson", "reg:gamma", "reg:tweedie", "survival:cox", "survival:aft"]);
var IDENTITY_REGRESSION = /* @__PURE__ */ new Set([
  "reg:squarederror",
  "reg:linear",
  "reg:squaredlogerror",
  "reg:pseudohubererror",
  "reg:absoluteerror",
  "reg:quantileerror"
]);
function objectiveRules(objective) {
  switch (objective) {
    case "binary:logistic":
      return { task: "binary", transform: { kind: "sigmoid", scale: 1 }, link: "logit", isMulticlass: false, known: true };
    case "reg:logistic":
      return { task: "regression", transform: { kind: "sigmoid", scale: 1 }, link: "logit", isMulticlass: false, known: true };
    case "binary:logitraw":
      return { task: "binary", transform: { kind: "identity" }, link: "logit", isMulticlass: false, known: true };
    case "binary:hinge":
      return { task: "binary", transform: { kind: "hinge" }, link: "identity", isMulticlass: false, known: true };
    case "multi:softprob":
      return { task: "multiclass", transform: { kind: "softmax" }, link: "identity", isMulticlass: true, known: true };
    case "multi:softmax":
      return { task: "multiclass", transform: { kind: "argmax" }, link: "identity", isMulticlass: true, known: true };
  }
  if (EXP_OBJECTIVES.has(objective)) return { task: "regression", transform: { kind: "exp" }, link: "log", isMulticlass: false, known: true };
  if (objective.startsWith("rank:")) return { task: "ranking", transform: { kind: "identity" }, link: "identity", isMulticlass: false, known: true };
  return { task: "regression", transform: { kind: "identity" }, link: "identity", isMulticlass: false, known: IDENTITY_REGRESSION.has(objective) };
}
function baseMargin(baseScore, link) {
  const score = Math.fround(baseScore);
  if (link === "logit") return Math.fround(-Math.log(Math.fround(Math.fround(1 / score) - 1)));
  if (link === "log") return Math.fround(Math.log(score));
  return score;
}
function guessClassPeriod(signatures) {
  const count = signatures.length;
  if (count < 6) return 1;
  const sets = signatures.map((tokens) => new Set(tokens));
  const similarity = (a, b) => {
    let shared = 0;
    for (const token of a) if (b.has(token)) shared++;
    const union = a.size + b.size - shared;
    return union === 0 ? 1 : shared / union;
  };
  const score = (period) => {
    let total = 0;
    for (let index = period; index < count; index++) total += similarity(sets[index], sets[index - period]);
    return total / (count - period);
  };
  const baseline = score(1);
  const scores = [];
  for (let period = 2; period <= Math.min(Math.floor(count / 3), 100); period++) {
    if (count % period === 0) scores.push([period, score(period)]);
  }
  const best = Math.max(...scores.map(([, value]) => value), -1);
  if (best < 0.2 || best < baseline + 0.15) return 1;
  return scores.find(([, value]) => value >= 0.85 * best)[0];
}
function classLabels(rules, numClass) {
  if (rules.isMulticlass) return Array.from({ length: numClass }, (_, index) => String(index));
  return rules.task === "binary" ? ["0", "1"] : void 0;
}
function finishModel(parts) {
  const { options, warnings, metadata } = parts;
  const assumptions = {};
  const treeCount = parts.trees.length;
  let objective;
  let numClass;
  let baseScores;
  let numParallelTree = 1;
  if (parts.file) {
    objective = parts.file.objective;
    numClass = parts.file.numClass;
    baseScores = parts.file.baseScores;
    numParallelTree = parts.file.numParallelTree;
    for (const [key, given, stored] of [
      ["objective", options.objective, objective],
      ["base_score", options.baseScore, baseScores.join(",")],
      ["num_class", options.numClass, numClass]
    ]) {
      if (given !== void 0 && String(given) !== String(stored)) {
        warnings.push({ code: "W_XGB_OPTION_IGNORED", message: `The model file stores ${key} = ${stored}; the ${key} you gave (${given}) is ignored.` });
      }
    }
  } else {
    const period = guessClassPeriod(parts.signatures);
    if (options.objective) {
      objective = options.objective;
    } else {
      objective = period > 1 || (options.numClass ?? 0) > 1 ? "multi:softprob" : "reg:squarederror";
      warnings.push({
        code: "W_XGB_NO_OBJECTIVE",
        message: options.numClass !== void 0 && options.numClass > 1 ? `XGBoost dumps do not store the objective; with ${options.numClass} classes it is read as multi:softprob (softmax). Give the real objective if this is wrong.` : period > 1 ? `XGBoost dumps do not store the objective. The ${treeCount} trees repeat with a period of ${period}, as a ${period}-class model's do, so they are read as multi:softprob with ${period} classes (softmax). Give the real objective (and num_class) if this is wrong.` : `XGBoost dumps do not store the objective; read as ${objective} (margin = base score + sum of leaves, no transform). Give the real objective (binary:logistic, multi:softprob, count:poisson\u2026) to get its predictions.`,
        position: parts.position
      });
    }
    assumptions.objective = objective;
    const rules2 = objectiveRules(objective);
    numClass = 1;
    if (rules2.isMulticlass) {
      numClass = options.numClass ?? period;
      if (numClass < 2) {
        throw xgbError(
          "E_PARSE_STRUCTURE",
          parts.fileName,
          `${objective} needs the number of classes, which XGBoost dumps do not store, and the ${treeCount} trees show no class period: give num_class.`
        );
      }
      if (options.numClass === void 0 && options.objective) {
        warnings.push({
          code: "W_XGB_NO_NUM_CLASS",
          message: `XGBoost dumps do not store num_class; the trees repeat with a period of ${numClass}, so ${numClass} classes are assumed (tree i adds to class i mod ${numClass}). Give num_class if this is wrong.`,
          position: parts.position
        });
      }
      assumptions.numClass = numClass;
    }
    if (options.baseScore !== void 0) {
      baseScores = [options.baseScore];
    } else {
      baseScores = [0.5];
      warnings.push({
        code: "W_XGB_NO_BASE_SCORE",
        message: "XGBoost dumps do not store base_score; 0.5 is assumed (the default before XGBoost 2.0, which estimates it from the training labels). Margins are off by a constant unless you give the model\u2019s base_score (learner_model_param.base_score in model.json).",
        position: parts.position
      });
    }
    assumptions.baseScore = baseScores[0];
  }
  const rules = objectiveRules(objective);
  if (!rules.known) {
    warnings.push({ code: "W_XGB_UNKNOWN_OBJECTIVE", message: `Unknown objective '${objective}': read as a regression with no output transform.` });
  }
  const numOutputs = rules.isMulticlass ? Math.max(numClass, 1) : 1;
  if (!parts.groups && treeCount % (numOutputs * numParallelTree) !== 0) {
    warnings.push({
      code: "W_XGB_TREE_COUNT",
      message: `${treeCount} trees is not a whole number of rounds of ${numOutputs * numParallelTree} trees; the last round is incomplete.`
    });
  }
  const groups = parts.groups ?? parts.trees.map((_, index) => Math.floor(index / numParallelTree) % numOutputs);
  const trees = parts.trees.map((nodes, index) => ({
    index,
    outputIndex: groups[index],
    weight: parts.weights?.[index] ?? 1,
    nodes
  }));
  for (const nodes of parts.trees) {
    for (const node of nodes) {
      if (node.type === "split" && node.split.kind === "categorical" && parts.features[node.feature]) parts.features[node.feature].kind = "categorical";
    }
  }
  const margins = Array.from({ length: numOutputs }, (_, output) => baseMargin(baseScores[baseScores.length === 1 ? 0 : output], rules.link));
  metadata.objective = objective;
  metadata.baseScore = baseScores.join(", ");
  metadata.baseMargin = margins.join(", ");
  if (rules.isMulticlass) metadata.numClass = String(numOutputs);
  metadata.trees = String(treeCount);
  return {
    format: "xgboost",
    variant: parts.variant,
    fileName: parts.fileName,
    task: rules.task,
    objective,
    classes: classLabels(rules, numOutputs),
    features: parts.features,
    numOutputs,
    trees,
    aggregation: { kind: "sum", base: margins },
    transform: rules.transform,
    arithmetic: { input: "float32", accumulate: "float32" },
    assumptions,
    warnings,
    metadata
  };
}

// app/formats/xgboost/xgboostTokens.ts
import { Token as Token6 } from "antlr4ng";
var KEYS = /* @__PURE__ */ new Map([
  [121, ["yes=", XGBoostTextLexer.T__2]],
  [110, ["no=", XGBoostTextLexer.T__4]],
  [109, ["missing=", XGBoostTextLexer.T__5]],
  [103, ["gain=", XGBoostTextLexer.T__6]],
  [99, ["cover=", XGBoostTextLexer.T__7]]
]);
var XgboostTokenSource = class extends ScannedTokenSource {
  position = 0;
  lineStart = 0;
  nextToken() {
    const text = this.text;
    let position = this.position;
    for (let code2 = text.charCodeAt(position); code2 === SPACE || code2 === TAB || code2 === CARRIAGE_RETURN; code2 = text.charCodeAt(++position)) ;
    const column = position - this.lineStart;
    if (position >= text.length) {
      this.position = position;
      return this.token(Token6.EOF, position, position - 1, this.line, column);
    }
    const code = text.charCodeAt(position);
    let type = -1;
    let end = position + 1;
    if (code === NEWLINE) {
      const token = this.token(XGBoostTextLexer.NEWLINE, position, position, this.line, column);
      this.position = position + 1;
      this.line++;
      this.lineStart = position + 1;
      return token;
    } else if (isDigitCode(code)) {
      end = this.numberEnd(position);
      type = this.isInteger(position, end) ? XGBoostTextLexer.INT : XGBoostTextLexer.NUMBER;
    } else if (code === OPEN_BRACKET) {
      end = this.headEnd(position);
      if (end > position) type = text.charCodeAt(end - 1) === LESS ? XGBoostTextLexer.NUMERIC_HEAD : text.charCodeAt(end - 1) === OPEN_BRACE ? XGBoostTextLexer.CATEGORICAL_HEAD : XGBoostTextLexer.INDICATOR;
    } else if (code === COLON) {
      type = XGBoostTextLexer.T__0;
    } else if (code === CLOSE_BRACKET) {
      type = XGBoostTextLexer.T__1;
    } else if (code === COMMA) {
      type = XGBoostTextLexer.T__3;
    } else if (code === CLOSE_BRACE) {
      type = XGBoostTextLexer.T__8;
    } else if (text.startsWith("leaf=", position)) {
      type = XGBoostTextLexer.T__9;
      end = position + 5;
      if (text.charCodeAt(end) === OPEN_BRACKET) {
        let close = end + 1;
        for (let next2 = text.charCodeAt(close); next2 !== CLOSE_BRACKET && next2 !== NEWLINE && next2 !== CARRIAGE_RETURN && close < text.length; next2 = text.charCodeAt(++close)) ;
        if (text.charCodeAt(close) === CLOSE_BRACKET) {
          type = XGBoostTextLexer.VECTOR_LEAF;
          end = close + 1;
        }
      }
    } else if (text.startsWith("booster[", position)) {
      let digits = position + 8;
      while (isDigitCode(text.charCodeAt(digits))) digits++;
      if (digits > position + 8 && text.charCodeAt(digits) === CLOSE_BRACKET) {
        type = XGBoostTextLexer.BOOSTER;
        end = text.charCodeAt(digits + 1) === COLON ? digits + 2 : digits + 1;
      }
    } else if (code === DASH || code === 105 || code === 110) {
      const signed = code === DASH ? position + 1 : position;
      if (text.startsWith("inf", signed) || text.startsWith("nan", signed)) {
        type = XGBoostTextLexer.NUMBER;
        end = signed + 3;
      } else if (code === DASH && isDigitCode(text.charCodeAt(signed))) {
        type = XGBoostTextLexer.NUMBER;
        end = this.numberEnd(signed);
      }
    }
    if (type < 0) {
      const key = KEYS.get(code);
      if (key && text.startsWith(key[0], position)) {
        type = key[1];
        end = position + key[0].length;
      }
    }
    if (type < 0) return this.stop(position, this.line, column);
    this.position = end;
    return this.token(type, position, end - 1, this.line, column);
  }
  /** End of the longest head token at the `[` at `start`, or `start` when none matches. */
  headEnd(start) {
    const text = this.text;
    let lineEnd = start + 1;
    let firstLess = -1;
    let lastCategorical = -1;
    let indicatorEnd = -1;
    let isIndicatorOpen = true;
    for (; lineEnd < text.length; lineEnd++) {
      const code = text.charCodeAt(lineEnd);
      if (code === NEWLINE || code === CARRIAGE_RETURN) break;
      if (code === LESS && firstLess < 0) firstLess = lineEnd;
      if (code === COLON && text.charCodeAt(lineEnd + 1) === OPEN_BRACE) lastCategorical = lineEnd;
      if (isIndicatorOpen) {
        if (code === CLOSE_BRACKET) {
          if (lineEnd > start + 1) indicatorEnd = lineEnd + 1;
          isIndicatorOpen = false;
        } else if (code === LESS || code === OPEN_BRACE || code === CLOSE_BRACE) {
          isIndicatorOpen = false;
        }
      }
    }
    let end = start;
    if (firstLess > start + 1) end = firstLess + 1;
    if (lastCategorical > start + 1 && lastCategorical + 2 > end) end = lastCategorical + 2;
    if (indicatorEnd > end) end = indicatorEnd;
    return end;
  }
};

// app/formats/xgboost/xgboostJson.ts
function lineStarts(text) {
  const starts = [0];
  for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  return starts;
}
function positionAt(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = low + high + 1 >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}
var NON_FINITE = /("(?:[^"\\]|\\.)*")|(-?)\b(NaN|nan|Infinity|inf)\b/g;
function quoteNonFinite(text) {
  return text.replace(
    NON_FINITE,
    (match, string, sign, word) => string !== void 0 ? match : `"${sign}${word === "NaN" || word === "nan" ? "NaN" : "Infinity"}"`
  );
}
function parseJson(text, fileName) {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (/\b(NaN|nan|Infinity|inf)\b/.test(text)) {
      try {
        return JSON.parse(quoteNonFinite(text));
      } catch {
      }
    }
    const found = locateJsonError(text);
    if (!found) {
      const message = error instanceof Error ? error.message : String(error);
      const offset = /position (\d+)/.exec(message);
      throw xgbError("E_PARSE_SYNTAX", fileName, `invalid JSON: ${message}`, offset ? positionAt(lineStarts(text), Number(offset[1])) : { line: 1, column: 1 }, text);
    }
    const position = positionAt(lineStarts(text), found.offset);
    const near = found.offset < text.length ? `'${text.slice(found.offset, found.offset + 12).split(/\r?\n/)[0]}'` : "the end of the file";
    throw xgbError("E_PARSE_SYNTAX", fileName, `invalid JSON: expected ${found.expected} but found ${near}`, position, text);
  }
}
function isObject2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function parseXgboostJsonDump(text, fileName, options) {
  let data = parseJson(text, fileName);
  if (isObject2(data) && typeof data.nodeid === "number") data = [data];
  if (!Array.isArray(data)) throw xgbError("E_PARSE_STRUCTURE", fileName, 'expected a JSON array of trees (XGBoost dump_format="json")', { line: 1, column: 1 }, text);
  const starts = lineStarts(text);
  const nodeIdPattern = /"nodeid"\s*:/g;
  const nextPosition = () => {
    const match = nodeIdPattern.exec(text);
    return match ? positionAt(starts, match.index) : void 0;
  };
  const isBareNode = !text.trimStart().startsWith("[");
  let currentTree = 0;
  const fail2 = (detail, position) => {
    throw xgbError("E_PARSE_STRUCTURE", fileName, detail, position ?? jsonPathPosition(text, isBareNode ? [] : [currentTree]), text);
  };
  const trees = [];
  for (const [treeIndex, rootValue] of data.entries()) {
    currentTree = treeIndex;
    const nodes = [];
    const stack = [rootValue];
    while (stack.length > 0) {
      const value = stack.pop();
      if (!isObject2(value) || typeof value.nodeid !== "number") fail2(`tree ${treeIndex}: expected a node object with a numeric "nodeid"`);
      const node = value;
      const position = nextPosition();
      const nodeId = node.nodeid;
      const record = { nodeId, position, kind: "leaf" };
      if (typeof node.cover === "number") record.cover = node.cover;
      if ("leaf" in node) {
        if (typeof node.leaf !== "number") {
          throw xgbError("E_PARSE_UNSUPPORTED", fileName, "this is a multi-target (vector-leaf) tree, which Splitscope cannot evaluate from a dump", position, text);
        }
        record.value = Math.fround(node.leaf);
        nodes.push({ record });
        continue;
      }
      const children = Array.isArray(node.children) ? node.children : [];
      if (typeof node.split !== "string" || typeof node.yes !== "number" || typeof node.no !== "number" || children.length !== 2) {
        fail2(`node ${nodeId} of tree ${treeIndex} needs "split", "yes", "no" and two "children"`, position);
      }
      const [leftChild, rightChild] = children;
      const left = leftChild?.nodeid;
      const right = rightChild?.nodeid;
      const yes = node.yes;
      const no = node.no;
      if (!(yes === left && no === right || yes === right && no === left)) {
        fail2(`node ${nodeId} of tree ${treeIndex}: yes/no (${yes}, ${no}) are not its children (${left}, ${right})`, position);
      }
      record.left = left;
      record.right = right;
      record.gain = typeof node.gain === "number" ? node.gain : void 0;
      const condition = node.split_condition;
      if (Array.isArray(condition)) {
        record.kind = "categorical";
        record.categories = condition.map(Number);
      } else if (typeof condition === "number") {
        record.kind = "numeric";
        record.threshold = Math.fround(condition);
      } else {
        record.kind = "indicator";
        record.presentGoes = yes === left ? "left" : "right";
      }
      if (record.kind !== "indicator") {
        const missing = typeof node.missing === "number" ? node.missing : right;
        if (missing !== left && missing !== right) fail2(`node ${nodeId} of tree ${treeIndex} sends missing values to node ${missing}, which is not its child`, position);
        record.defaultLeft = missing === left;
      }
      nodes.push({ record, use: { name: node.split, position } });
      stack.push(rightChild, leftChild);
    }
    trees.push(nodes);
  }
  if (trees.length === 0) fail2("the JSON dump holds no trees", { line: 1, column: 1 });
  const featureMap = options.featureMap ? parseFeatureMap(options.featureMap, fileName) : void 0;
  const resolution = resolveFeatures(
    trees.flatMap((nodes) => nodes.flatMap((node) => node.use ? [node.use] : [])),
    featureMap,
    fileName,
    text
  );
  const builtTrees = trees.map((nodes, treeIndex) => {
    const records = /* @__PURE__ */ new Map();
    for (const node of nodes) {
      if (records.has(node.record.nodeId)) fail2(`node ${node.record.nodeId} appears twice in tree ${treeIndex}`, node.record.position);
      if (node.use) node.record.feature = resolution.indexOf(node.use.name);
      records.set(node.record.nodeId, node.record);
    }
    return assembleTree(records, `tree ${treeIndex}`, fail2);
  });
  const warnings = [...resolution.warnings];
  const indicators = trees.reduce((count, nodes) => count + nodes.filter((node) => node.record.kind === "indicator").length, 0);
  if (indicators > 0) {
    warnings.push({
      code: "W_XGB_INDICATOR",
      message: `${indicators} indicator split(s) (feature-map type i) carry no threshold: a present value goes to 'yes' and a missing one to 'no'.`
    });
  }
  const hasStats = trees.some((nodes) => nodes.some((node) => node.record.cover !== void 0));
  return finishModel({
    fileName,
    variant: `XGBoost JSON dump${hasStats ? " (with stats)" : ""}`,
    trees: builtTrees,
    features: resolution.features,
    options,
    warnings,
    metadata: { dump: "json", stats: hasStats ? "gain, cover" : "none", featureOrder: resolution.order },
    signatures: trees.map(
      (nodes) => nodes.length === 1 ? ["leaf"] : nodes.flatMap((node) => node.use ? [`${node.use.name}<${node.record.threshold ?? node.record.kind}`] : [])
    ),
    position: { line: 1, column: 1 }
  });
}
function numberArray(tree, key, length, fail2, optional = false) {
  const value = tree[key];
  if (value === void 0 && optional) return [];
  if (!Array.isArray(value) || length >= 0 && value.length !== length) {
    fail2(`"${key}" should be an array of ${length >= 0 ? length : "some"} numbers`, key);
  }
  return value.map((item) => Number(item));
}
function parseBaseScore(value) {
  if (typeof value === "number") return [value];
  const text = String(value ?? "0.5").trim().replace(/^\[|\]$/g, "");
  return text.split(",").map((item) => Number(item.trim()));
}
function parseXgboostModelJson(text, fileName, options) {
  const data = parseJson(text, fileName);
  const at = (path2) => jsonPathPosition(text, path2);
  const structure = (detail, path2 = []) => {
    throw xgbError("E_PARSE_STRUCTURE", fileName, detail, at(path2), text);
  };
  const learner = isObject2(data) && isObject2(data.learner) ? data.learner : structure('expected an XGBoost model JSON object with a "learner"', ["learner"]);
  const booster = isObject2(learner.gradient_booster) ? learner.gradient_booster : structure('"learner" has no "gradient_booster"', ["learner", "gradient_booster"]);
  const boosterName = String(booster.name);
  if (boosterName === "gblinear") {
    throw xgbError("E_PARSE_UNSUPPORTED", fileName, "this is a gblinear (linear) booster: it has no trees to show or score", at(["learner", "gradient_booster", "name"]), text);
  }
  const gbtreePath = boosterName === "dart" ? ["learner", "gradient_booster", "gbtree"] : ["learner", "gradient_booster"];
  const gbtree = boosterName === "dart" ? booster.gbtree : booster;
  const model2 = isObject2(gbtree) && isObject2(gbtree.model) ? gbtree.model : structure(`gradient_booster "${boosterName}" has no "model"`, [...gbtreePath, "model"]);
  const treesPath = [...gbtreePath, "model", "trees"];
  const treeValues = Array.isArray(model2.trees) ? model2.trees : structure('"model" has no "trees" array', treesPath);
  const parameters = isObject2(learner.learner_model_param) ? learner.learner_model_param : {};
  const objectiveName = isObject2(learner.objective) && typeof learner.objective.name === "string" ? learner.objective.name : structure('"learner" has no "objective"', ["learner", "objective"]);
  const numTarget = Number(parameters.num_target ?? 1);
  const treeParameters = isObject2(model2.gbtree_model_param) ? model2.gbtree_model_param : {};
  if (numTarget > 1 || Number(treeParameters.size_leaf_vector ?? 0) > 1) {
    const path2 = numTarget > 1 ? ["learner", "learner_model_param", "num_target"] : [...gbtreePath, "model", "gbtree_model_param", "size_leaf_vector"];
    throw xgbError("E_PARSE_UNSUPPORTED", fileName, `this is a multi-target model (${numTarget} targets, vector leaves), which Splitscope cannot evaluate yet`, at(path2), text);
  }
  const featureNames = Array.isArray(learner.feature_names) ? learner.feature_names.map(String) : [];
  const featureTypes = Array.isArray(learner.feature_types) ? learner.feature_types.map(String) : [];
  let numFeatures = Math.max(Number(parameters.num_feature ?? 0), featureNames.length);
  const featureProblem = countProblem(numFeatures, "num_feature", text.length);
  if (featureProblem) structure(`learner_model_param: ${featureProblem}`, ["learner", "learner_model_param", "num_feature"]);
  const trees = treeValues.map((treeValue, treeIndex) => {
    const failTree = (detail, ...path2) => structure(`tree ${treeIndex}: ${detail}`, [...treesPath, treeIndex, ...path2]);
    if (!isObject2(treeValue)) failTree("expected an object");
    const tree = treeValue;
    const treeParam = isObject2(tree.tree_param) ? tree.tree_param : {};
    if (Number(treeParam.size_leaf_vector ?? 0) > 1) {
      throw xgbError("E_PARSE_UNSUPPORTED", fileName, `tree ${treeIndex} has vector leaves (multi-target), which Splitscope cannot evaluate yet`, at([...treesPath, treeIndex, "tree_param", "size_leaf_vector"]), text);
    }
    const left = numberArray(tree, "left_children", -1, failTree);
    const count = left.length;
    const right = numberArray(tree, "right_children", count, failTree);
    const indices = numberArray(tree, "split_indices", count, failTree);
    const conditions = numberArray(tree, "split_conditions", count, failTree);
    const defaultLeft = numberArray(tree, "default_left", count, failTree);
    const gains = numberArray(tree, "loss_changes", count, failTree, true);
    const covers = numberArray(tree, "sum_hessian", count, failTree, true);
    const splitTypes = numberArray(tree, "split_type", count, failTree, true);
    const categories = numberArray(tree, "categories", -1, failTree, true);
    const categoryNodes = numberArray(tree, "categories_nodes", -1, failTree, true);
    const categorySegments = numberArray(tree, "categories_segments", categoryNodes.length, failTree, true);
    const categorySizes = numberArray(tree, "categories_sizes", categoryNodes.length, failTree, true);
    const categoriesOf = /* @__PURE__ */ new Map();
    categoryNodes.forEach((node, index) => {
      categoriesOf.set(node, categories.slice(categorySegments[index], categorySegments[index] + categorySizes[index]));
    });
    const records = /* @__PURE__ */ new Map();
    for (let nodeId = 0; nodeId < count; nodeId++) {
      const record = { nodeId, kind: "leaf" };
      if (covers.length) record.cover = covers[nodeId];
      if (left[nodeId] === -1) {
        record.value = Math.fround(conditions[nodeId]);
      } else {
        record.left = left[nodeId];
        record.right = right[nodeId];
        record.feature = indices[nodeId];
        record.defaultLeft = defaultLeft[nodeId] !== 0;
        if (gains.length) record.gain = gains[nodeId];
        numFeatures = Math.max(numFeatures, indices[nodeId] + 1);
        const indexProblem = countProblem(numFeatures, `split_indices[${nodeId}]: feature count`, text.length);
        if (indexProblem) failTree(indexProblem, "split_indices", nodeId);
        if (splitTypes[nodeId] === 1) {
          record.kind = "categorical";
          record.categories = categoriesOf.get(nodeId) ?? failTree(`node ${nodeId} is categorical but has no categories`, "split_type", nodeId);
        } else {
          record.kind = "numeric";
          record.threshold = Math.fround(conditions[nodeId]);
        }
      }
      records.set(nodeId, record);
    }
    return assembleTree(records, `tree ${treeIndex}`, (detail) => structure(detail, [...treesPath, treeIndex]), true);
  });
  const features = Array.from({ length: numFeatures }, (_, index) => {
    const feature = {
      index,
      name: featureNames[index] ?? `f${index}`,
      isNamed: featureNames[index] !== void 0,
      kind: featureTypes[index] === "c" ? "categorical" : "numeric"
    };
    if (featureTypes[index]) feature.featureType = featureTypes[index];
    return feature;
  });
  const treeInfo = Array.isArray(model2.tree_info) ? model2.tree_info.map(Number) : void 0;
  const weights = boosterName === "dart" && Array.isArray(booster.weight_drop) ? booster.weight_drop.map((weight) => Math.fround(Number(weight))) : void 0;
  const root = data;
  const version = Array.isArray(root.version) ? root.version.join(".") : void 0;
  const metadata = { dump: "model JSON", booster: boosterName };
  if (version) metadata.version = version;
  const numClass = Number(parameters.num_class ?? 0);
  const classProblem = countProblem(numClass, "num_class", text.length);
  if (classProblem) structure(`learner_model_param: ${classProblem}`, ["learner", "learner_model_param", "num_class"]);
  const warnings = [];
  const attributes = isObject2(learner.attributes) ? learner.attributes : {};
  if (attributes.best_iteration !== void 0) {
    metadata.bestIteration = String(attributes.best_iteration);
    const rounds = Math.ceil(trees.length / Math.max(1, numClass) / Math.max(1, Number(treeParameters.num_parallel_tree ?? 1)));
    if (Number(attributes.best_iteration) + 1 < rounds) {
      warnings.push({
        code: "W_XGB_BEST_ITERATION",
        message: `Early stopping chose round ${attributes.best_iteration} of ${rounds}. Booster.predict uses every tree (as Splitscope does), but the scikit-learn wrapper's predict stops at the best round, so its predictions differ.`
      });
    }
  }
  return finishModel({
    fileName,
    variant: `XGBoost model JSON${version ? ` (XGBoost ${version})` : ""}${boosterName === "dart" ? ", DART" : ""}`,
    trees,
    features,
    options,
    metadata,
    warnings,
    groups: treeInfo && treeInfo.length === trees.length ? treeInfo : void 0,
    weights,
    file: {
      objective: objectiveName,
      baseScores: parseBaseScore(parameters.base_score),
      numClass,
      numParallelTree: Number(treeParameters.num_parallel_tree ?? 1)
    },
    signatures: []
  });
}

// app/formats/xgboost/xgboostAdapter.ts
var LineCollectingParser2 = class extends XGBoostTextParser {
  lines = [];
  constructor(input) {
    super(input);
    this.buildParseTrees = false;
  }
  exitRule() {
    const context = this.context;
    if (context instanceof EntryContext) this.lines.push(context);
    super.exitRule();
  }
};
var DUMP_LINE = /^[ \t]*(booster\[\d+\]:?[ \t]*\r?$|\d+:)/;
var SPECIAL_NUMBERS = { inf: Infinity, "-inf": -Infinity, nan: NaN, "-nan": NaN };
function numberOf2(token) {
  const text = token.text;
  const value = Number(text);
  return value === value ? value : SPECIAL_NUMBERS[text] ?? value;
}
var ZERO3 = 48;
var NINE3 = 57;
var DOT3 = 46;
var LOWER_E = 101;
var UPPER_E = 69;
function significantDigits(text) {
  let digits = 0;
  let isLeading = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === LOWER_E || code === UPPER_E) break;
    if (code < ZERO3 || code > NINE3) continue;
    if (isLeading && code === ZERO3) continue;
    isLeading = false;
    digits++;
  }
  return digits;
}
function hasFraction(text) {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === DOT3 || code === LOWER_E || code === UPPER_E) return true;
  }
  return false;
}
function dumpRange(text) {
  const detected = detectFormat(text);
  const startLine = detected?.kind === "xgboost-text" ? detected.line : 1;
  let startIndex = 0;
  for (let line = 1; line < startLine; line++) startIndex = text.indexOf("\n", startIndex) + 1;
  let endIndex = text.length;
  let trailingLines = 0;
  while (endIndex > startIndex) {
    const lineStart = text.lastIndexOf("\n", endIndex - 1) + 1;
    const line = text.slice(lineStart, endIndex);
    if (DUMP_LINE.test(line)) break;
    if (line.trim() !== "") trailingLines++;
    endIndex = lineStart > 0 ? lineStart - 1 : 0;
    if (lineStart === 0) break;
  }
  if (endIndex <= startIndex) endIndex = text.length;
  return { startLine, startIndex, endIndex, trailingLines };
}
function parseXgboostText(text, fileName, options) {
  const first = text[text.search(/\S/)];
  if (first === "{" || first === "[") {
    return /^\s*\{\s*"learner"\s*:/.test(text) ? parseXgboostModelJson(text, fileName, options) : parseXgboostJsonDump(text, fileName, options);
  }
  const { startLine, startIndex, endIndex, trailingLines } = dumpRange(text);
  const lineOffset = startLine - 1;
  const warnings = [];
  if (startLine > 1 && text.slice(0, startIndex).trim() !== "") {
    warnings.push({ code: "W_WRAPPER_TEXT", message: `Skipped ${startLine - 1} line(s) of text before the XGBoost dump.`, position: { line: 1, column: 1 } });
  }
  if (trailingLines > 0) {
    warnings.push({ code: "W_WRAPPER_TEXT", message: `Skipped ${trailingLines} line(s) of text after the XGBoost dump.` });
  }
  const positionOf3 = (token) => token ? { line: token.line + lineOffset, column: token.column + 1 } : { line: startLine, column: 1 };
  const fail2 = (detail, position) => {
    throw xgbError("E_PARSE_STRUCTURE", fileName, detail, position, text);
  };
  const nameUse = (printed, token) => {
    const name2 = unescapeName(printed);
    return { name: name2, ...name2 !== printed ? { printed } : {}, position: { line: token.line + lineOffset, column: token.column + 2 } };
  };
  const dump = parseWithGrammar({
    text: text.slice(startIndex, endIndex),
    fileName,
    format: "xgboost",
    createLexer: (input) => new XGBoostTextLexer(input),
    createParser: (tokens) => new LineCollectingParser2(tokens),
    createTokenSource: (dumpText) => new XgboostTokenSource(dumpText),
    entry: (parser) => {
      parser.dump();
      return parser.lines;
    },
    lineOffset,
    originalText: text
  });
  const trees = [];
  let current;
  let headerStyle = "none";
  let hasStats = false;
  let maxDigits = 0;
  let sixDigitNumbers = 0;
  let overflow;
  const noteOverflow = (value, token) => {
    if (Number.isFinite(value) || value !== value || /inf/i.test(token.text)) return;
    if (overflow) overflow.count++;
    else overflow = { count: 1, text: token.text, position: positionOf3(token) };
  };
  const noteDigits = (text2) => {
    if (maxDigits > 6 || !hasFraction(text2)) return;
    const digits = significantDigits(text2);
    maxDigits = Math.max(maxDigits, digits);
    if (digits === 6) sixDigitNumbers++;
  };
  for (const line of dump) {
    const booster = line._booster;
    if (booster) {
      const token = booster;
      const headerText2 = token.text;
      headerStyle = headerText2.endsWith(":") ? "python" : "r";
      current = { headerIndex: Number(/\d+/.exec(headerText2)[0]), position: positionOf3(token), nodes: [] };
      trees.push(current);
      continue;
    }
    const vectorLeaf = line._vectorLeaf;
    if (vectorLeaf) {
      throw xgbError(
        "E_PARSE_UNSUPPORTED",
        fileName,
        "this is a multi-target (vector-leaf) tree: the text dump truncates its leaf vectors, so it cannot be evaluated. Load the model JSON instead.",
        positionOf3(vectorLeaf),
        text
      );
    }
    const idToken = line._nodeId;
    const nodeId = Number(idToken.text);
    if (!current || nodeId === 0 && current.nodes.length > 0) {
      current = { position: positionOf3(idToken), nodes: [] };
      trees.push(current);
    }
    const node = { nodeId, position: positionOf3(idToken), kind: "leaf", order: current.nodes.length };
    if (line._cover) {
      node.cover = numberOf2(line._cover);
      hasStats = true;
    }
    if (line._value) {
      node.value = Math.fround(numberOf2(line._value));
      noteOverflow(node.value, line._value);
      noteDigits(line._value.text);
    } else {
      node.yes = Number(line._yesId.text);
      node.no = Number(line._noId.text);
      if (line._missingId) {
        node.missing = Number(line._missingId.text);
        node.missingPosition = positionOf3(line._missingId);
      }
      if (line._gain) {
        node.gain = numberOf2(line._gain);
        hasStats = true;
      }
      const numericHead = line._numericHead;
      const categoricalHead = line._categoricalHead;
      if (numericHead) {
        const head = numericHead;
        node.kind = "numeric";
        node.use = nameUse(head.text.slice(1, -1), head);
        node.thresholdText = line._threshold.text;
        node.threshold = Math.fround(numberOf2(line._threshold));
        noteOverflow(node.threshold, line._threshold);
        noteDigits(node.thresholdText);
      } else if (categoricalHead) {
        const head = categoricalHead;
        node.kind = "categorical";
        node.use = nameUse(head.text.slice(1, -2), head);
        node.categories = line._categories.map((token) => Number(token.text));
      } else {
        const token = line._indicator;
        node.kind = "indicator";
        node.use = nameUse(token.text.slice(1, -1), token);
      }
    }
    current.nodes.push(node);
  }
  if (trees.length === 0) fail2("the dump holds no trees", { line: startLine, column: 1 });
  const featureMap = options.featureMap ? parseFeatureMap(options.featureMap, fileName) : void 0;
  const uses = trees.flatMap((tree) => tree.nodes.flatMap((node) => node.use ? [node.use] : []));
  const resolution = resolveFeatures(uses, featureMap, fileName, text);
  warnings.push(...resolution.warnings);
  let indicatorCount = 0;
  let missingDefaulted = 0;
  const integerTyped = /* @__PURE__ */ new Set();
  const builtTrees = trees.map((tree, treeIndex) => {
    const label = tree.headerIndex !== void 0 ? `booster[${tree.headerIndex}]` : `tree ${treeIndex}`;
    if (tree.nodes.length === 0) fail2(`${label} has no nodes`, tree.position);
    if (tree.headerIndex !== void 0 && tree.headerIndex !== treeIndex) {
      warnings.push({ code: "W_XGB_BOOSTER_INDEX", message: `${label} is tree ${treeIndex} of the file; trees are numbered by their order in the file.`, position: tree.position });
    }
    const records = /* @__PURE__ */ new Map();
    const orderOf = /* @__PURE__ */ new Map();
    for (const node of tree.nodes) {
      if (records.has(node.nodeId)) fail2(`node ${node.nodeId} appears twice in ${label}`, node.position);
      orderOf.set(node.nodeId, node.order);
      records.set(node.nodeId, { nodeId: node.nodeId, position: node.position, kind: node.kind, value: node.value, gain: node.gain, cover: node.cover });
    }
    for (const node of tree.nodes) {
      if (node.kind === "leaf") continue;
      const record = records.get(node.nodeId);
      const yes = node.yes;
      const no = node.no;
      if (yes === no) fail2(`node ${node.nodeId} sends yes and no to the same node ${yes}`, node.position);
      record.feature = resolution.indexOf(node.use.name);
      const feature = resolution.features[record.feature];
      if (feature?.featureType === "int") integerTyped.add(feature.name);
      if (node.kind === "indicator") {
        indicatorCount++;
        const yesFirst = (orderOf.get(yes) ?? Infinity) < (orderOf.get(no) ?? Infinity);
        record.left = yesFirst ? yes : no;
        record.right = yesFirst ? no : yes;
        record.presentGoes = yesFirst ? "left" : "right";
        continue;
      }
      if (node.missing !== void 0 && node.missing !== yes && node.missing !== no) {
        fail2(`node ${node.nodeId} sends missing values to node ${node.missing}, which is neither its yes (${yes}) nor its no (${no}) child`, node.missingPosition);
      }
      if (node.kind === "numeric") {
        record.threshold = node.threshold;
        record.left = yes;
        record.right = no;
      } else {
        record.categories = node.categories;
        record.left = no;
        record.right = yes;
      }
      if (node.missing === void 0) missingDefaulted++;
      record.defaultLeft = node.missing === void 0 ? false : node.missing === record.left;
    }
    return assembleTree(records, label, fail2);
  });
  if (overflow) {
    warnings.push({
      code: "W_NUMBER_OVERFLOW",
      message: `${overflow.count === 1 ? "A number" : `${overflow.count} numbers`} in this dump (first: '${overflow.text.slice(0, 40)}') lie beyond float32, the precision XGBoost keeps, and read as \xB1Infinity; predictions reaching them are \xB1Infinity or NaN.`,
      position: overflow.position
    });
  }
  if (maxDigits <= 6 && sixDigitNumbers > 0) {
    warnings.push({
      code: "W_XGB_LOSSY",
      message: "Numbers in this dump have at most 6 significant digits (XGBoost \u2264 0.71): thresholds and leaf values are rounded, so inputs close to a threshold may take the other branch and margins can differ from XGBoost\u2019s in the 6th digit."
    });
  }
  if (integerTyped.size > 0) {
    warnings.push({
      code: "W_XGB_LOSSY",
      message: `The feature map types ${[...integerTyped].map((name2) => `'${name2}'`).join(", ")} as int: XGBoost printed ceil(threshold) for them, which is exact for integer inputs only; non-integer inputs may take the other branch.`
    });
  }
  if (indicatorCount > 0) {
    warnings.push({
      code: "W_XGB_INDICATOR",
      message: `${indicatorCount} indicator split(s) (feature-map type i) print no threshold: a present value goes to 'yes' and a missing one to 'no'. Any present value counts, so a 0 in a dense row is not treated as absent; leave absent one-hot entries empty.`
    });
  }
  if (missingDefaulted > 0) {
    warnings.push({
      code: "W_XGB_NO_MISSING",
      message: `${missingDefaulted} numeric or categorical split(s) print no 'missing=' child; missing values are sent to the right ('no' for numeric splits).`
    });
  }
  const headerText = { python: "booster[i]: headers", r: "R booster[i] headers", none: "no headers (get_dump)" }[headerStyle];
  const metadata = {
    dump: "text",
    headers: headerText,
    significantDigits: maxDigits <= 6 && sixDigitNumbers > 0 ? "6 (XGBoost \u2264 0.71)" : "9",
    stats: hasStats ? "gain, cover" : "none",
    featureOrder: resolution.order
  };
  return finishModel({
    fileName,
    variant: `XGBoost text dump (${headerText}${hasStats ? ", with stats" : ""})`,
    trees: builtTrees,
    features: resolution.features,
    options,
    warnings,
    metadata,
    signatures: trees.map(
      (tree) => tree.nodes.length === 1 ? ["leaf"] : tree.nodes.flatMap((node) => node.use ? [`${node.use.name}<${node.thresholdText ?? node.kind}`] : [])
    ),
    position: { line: startLine, column: 1 }
  });
}

// app/formats/index.ts
var ADAPTERS = {
  "spark-text": parseSparkText,
  "sklearn-text": parseSklearnText,
  "lightgbm-text": parseLightgbmText,
  "lightgbm-json": parseLightgbmJson,
  "xgboost-text": parseXgboostText,
  "xgboost-json-dump": parseXgboostJsonDump,
  "xgboost-model-json": parseXgboostModelJson
};
var TEXT_KIND_OF_FORMAT = {
  spark: "spark-text",
  sklearn: "sklearn-text",
  lightgbm: "lightgbm-text",
  xgboost: "xgboost-text"
};
function parseModelText(text, fileName, options = {}) {
  const source = recognise(text, fileName, options);
  return ADAPTERS[source.kind](source.text, fileName, options);
}
function recognise(text, fileName, options) {
  if (text.charCodeAt(0) === 65279) text = text.slice(1);
  if (text.indexOf("\n") < 0 && text.indexOf("\r") >= 0) text = text.replace(/\r/g, "\n");
  const detected = detectFormat(text);
  let kind = detected?.kind;
  if (options.format && detected?.format !== options.format) kind = TEXT_KIND_OF_FORMAT[options.format];
  if (kind === "dot") {
    throw new ModelParseError({
      code: "E_PARSE_UNSUPPORTED",
      fileName,
      position: { line: detected.line, column: 1 },
      detail: "this is a Graphviz DOT drawing, not a model dump: its thresholds are rounded for display. Export the model as text instead (LightGBM model.txt, XGBoost dump_model, scikit-learn export_text, Spark toDebugString)."
    });
  }
  if (!kind) {
    throw new ModelParseError({
      code: "E_FORMAT_UNKNOWN",
      fileName,
      position: { line: 1, column: 1 },
      detail: "not a recognised tree-model dump: expected a LightGBM model.txt (`tree` line), an XGBoost dump (`booster[0]:`), a scikit-learn export_text (`|--- `) or a Spark toDebugString (`DecisionTreeModel \u2026`)." + (text.includes("\0") ? " The text holds NUL characters: it may be a binary file or text in an encoding other than UTF-8 or UTF-16." : "")
    });
  }
  return { text, kind };
}

// app/util/random.ts
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

// zz-score.mts
var path = process.argv[2];
var rows = Number(process.argv[3] ?? 1e5);
var model = parseModelText(readFileSync(path, "utf8"), path.split("/").pop());
var m0 = compileModel(model, { kernel: "interpreter" });
var nf = m0.numFeatures;
var next = seededRandom(7);
var values = new Float64Array(rows * nf);
for (let i = 0; i < values.length; i++) values[i] = next() < 0.03 ? NaN : (next() - 0.5) * 6;
for (const choice of (process.argv[4] ?? "interpreter,wasm").split(",")) {
  const t0 = performance.now();
  const m = compileModel(model, { kernel: choice });
  const b = m.predictBatch(values, rows);
  const t1 = performance.now();
  const b2 = m.predictBatch(values, rows);
  const t2 = performance.now();
  let sum = 0;
  for (const v of b.raw) sum += v;
  let same = true;
  for (let i = 0; i < b.raw.length; i++) if (!Object.is(b.raw[i], b2.raw[i])) same = false;
  console.log(choice, JSON.stringify(m.kernel), "first", (t1 - t0).toFixed(0), "ms, second", (t2 - t1).toFixed(0), "ms, sum", sum, same);
}
