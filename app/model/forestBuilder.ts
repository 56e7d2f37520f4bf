import {
  FLAG_DEFAULT_LEFT,
  FLAG_IN_SET_LEFT,
  FLAG_MATCH_EXACT,
  FLAG_MISSING_LEFT,
  FLAG_OP_LESS,
  FLAG_PRESENT_LEFT,
  MISSING_AS_ZERO,
  MISSING_COMPARE,
  MISSING_DEFAULT,
  MISSING_SHIFT,
  MISSING_ZERO,
  NODE_CATEGORICAL,
  NODE_INDICATOR,
  NODE_LEAF,
  NODE_NUMERIC,
  type PackedForest,
  type PackedModel,
} from './packed';
import type { LeafNode, NodeStats, Split, Tree, TreeModel, TreeNode } from './types';
import { packedOf } from './modelView';

/** A growable column: doubles its buffer as rows arrive, trimmed by `finish`. */
class Column<T extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Appends `count` rows: `values[0…count)`, or `values` itself in every row when it is one number. */
  append(values: number | ArrayLike<number>, count: number): void {
    this.reserve(count);
    const data = this.data;
    const start = this.length;
    // Natively (`fill`, `set`): one loop here would see every column type and every source type, and run slowly.
    if (count === 1) data[start] = typeof values === 'number' ? values : values[0];
    else if (typeof values === 'number') data.fill(values, start, start + count);
    else if (values.length === count) data.set(values, start);
    else for (let index = 0; index < count; index++) data[start + index] = values[index];
    this.length = start + count;
  }

  /** Makes room for `count` more rows. */
  reserve(count: number): void {
    if (this.length + count > this.data.length) this.grow(this.length + count);
  }

  private grow(needed: number): void {
    const next = this.make(Math.max(needed, this.data.length * 2, 64));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  finish(): T {
    // Reserved to the exact size (a reader that counted its nodes first): no copy.
    return this.length === this.data.length ? this.data : (this.data.slice(0, this.length) as T);
  }

  /** The rows so far, as a view into the buffer (valid until the next write). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const int32 = (size: number) => new Int32Array(size);
const float64 = (size: number) => new Float64Array(size);
const uint8 = (size: number) => new Uint8Array(size);

/** A statistics column that exists only once some node has the figure; earlier rows read NaN. */
class OptionalColumn {
  private column?: Column<Float64Array>;
  /** Rows the whole forest is expected to have (`ForestBuilder.reserve`), so a column made late is made once. */
  expectedRows = 0;

  set(row: number, value: number | undefined): void {
    if (value === undefined && !this.column) return;
    if (!this.column) {
      this.column = new Column(new Float64Array(Math.max(64, row + 1, this.expectedRows)).fill(NaN), float64);
    }
    const column = this.column;
    while (column.length < row) column.push(NaN);
    column.push(value === undefined ? NaN : value);
  }

  /** `set` for rows `row…row + count`, from `values[0…count)` (undefined: none of them has the figure). */
  setRows(row: number, values: ArrayLike<number> | undefined, count: number): void {
    if (values === undefined && !this.column) return;
    if (!this.column) {
      this.column = new Column(new Float64Array(Math.max(64, row + count, this.expectedRows)).fill(NaN), float64);
    }
    const column = this.column;
    while (column.length < row) column.push(NaN);
    column.append(values ?? NaN, count);
  }

  finish(nodeCount: number, isView = false): Float64Array | undefined {
    if (!this.column) return undefined;
    while (this.column.length < nodeCount) this.column.push(NaN);
    return isView ? this.column.view() : this.column.finish();
  }

  clear(): void {
    if (this.column) this.column.length = 0;
  }
}

/**
 * Packs trees into a `PackedForest` one tree at a time: an adapter builds one tree's node objects,
 * hands them over with `addTree`, and lets them go, so the whole model never exists as objects.
 * `addNode`-level filling (LightGBM reads its columns straight in) goes through `beginTree`,
 * `addSplit`, `addLeaf` and `endTree`.
 */
export class ForestBuilder {
  private readonly treeNodeStart = new Column(new Int32Array(64), int32);
  private readonly treeOutput = new Column(new Int32Array(64), int32);
  private readonly treeWeight = new Column(new Float64Array(64), float64);
  private readonly kind = new Column(new Uint8Array(1024), uint8);
  private readonly flags = new Column(new Uint8Array(1024), uint8);
  private readonly feature = new Column(new Int32Array(1024), int32);
  private readonly left = new Column(new Int32Array(1024), int32);
  private readonly right = new Column(new Int32Array(1024), int32);
  private readonly value = new Column(new Float64Array(1024), float64);
  private readonly sourceId = new Column(new Int32Array(1024), int32);
  private readonly extra = new Column(new Int32Array(1024), int32);
  private readonly categoryStart = new Column(new Int32Array(16), int32);
  private readonly categories = new Column(new Float64Array(64), float64);
  private readonly leafValueStart = new Column(new Int32Array(16), int32);
  private readonly leafValues = new Column(new Float64Array(64), float64);
  private readonly leafClass = new Column(new Int32Array(16), int32);
  private readonly leafTruncatedDepth = new Column(new Int32Array(16), int32);
  private readonly linearStart = new Column(new Int32Array(16), int32);
  private readonly linearFeatures = new Column(new Int32Array(16), int32);
  private readonly linearCoefficients = new Column(new Float64Array(16), float64);
  private readonly linearConstant = new Column(new Float64Array(16), float64);
  private readonly isLinear = new Column(new Uint8Array(16), uint8);
  private readonly gain = new OptionalColumn();
  private readonly count = new OptionalColumn();
  private readonly cover = new OptionalColumn();
  private readonly internalValue = new OptionalColumn();
  private line?: Column<Int32Array>;
  private column?: Column<Int32Array>;
  private treeStart = -1;
  /** From `reserve`: the node count the reader expects, for columns made later (source positions). */
  private expectedNodes = 0;

  /**
   * `keepsDetails` false drops what only a person reads (node statistics and source positions):
   * scoring never reads them, and they are 40 of a node's 70 bytes.
   */
  constructor(private readonly keepsDetails = true) {
    this.categoryStart.push(0);
    this.leafValueStart.push(0);
    this.linearStart.push(0);
  }

  /** Rows written so far (all trees). */
  get nodeCount(): number {
    return this.kind.length;
  }

  get treeCount(): number {
    return this.treeOutput.length;
  }

  /** Adds one tree from its node objects; `tree.nodes[i].id` must be `i` (as every adapter makes them). */
  addTree(tree: Tree): void {
    this.beginTree(tree.outputIndex, tree.weight, tree.nodes.length);
    for (const node of tree.nodes) this.addNode(node);
    this.endTree();
  }

  /** Starts a tree whose nodes follow in local-id order; `expectedNodes` only sizes the columns. */
  beginTree(outputIndex: number, weight: number, expectedNodes = 0): void {
    if (this.treeStart >= 0) throw new Error('ForestBuilder: beginTree before endTree');
    this.treeStart = this.kind.length;
    this.treeNodeStart.push(this.treeStart);
    this.treeOutput.push(outputIndex);
    this.treeWeight.push(weight);
    if (expectedNodes > 0) this.reserveNodes(expectedNodes);
  }

  endTree(): void {
    if (this.treeStart < 0) throw new Error('ForestBuilder: endTree without beginTree');
    this.treeStart = -1;
  }

  private reserveNodes(count: number): void {
    for (const column of [this.kind, this.flags, this.feature, this.left, this.right, this.value, this.sourceId, this.extra]) column.reserve(count);
  }

  /**
   * Sizes the node columns for `nodeCount` nodes in all, once, when a reader can count them before
   * reading (no doubling and no trimming copy when the count is right). The caller bounds the count
   * by what its text can hold: a number written in a file never sizes memory by itself.
   */
  reserve(nodeCount: number): void {
    this.reserveNodes(nodeCount - this.kind.length);
    for (const column of [this.gain, this.count, this.cover, this.internalValue]) column.expectedRows = nodeCount;
    this.expectedNodes = nodeCount;
  }

  /** One node of the current tree, from its object form. */
  addNode(node: TreeNode): void {
    if (node.type === 'split') this.addSplit(node.sourceId, node.feature, node.split, node.left, node.right, node.stats, node.position);
    else this.addLeafNode(node);
  }

  /** A split node of the current tree (children as local ids). */
  addSplit(
    sourceId: number,
    feature: number,
    split: Split,
    left: number,
    right: number,
    stats?: NodeStats,
    position?: { line: number; column: number },
  ): void {
    let kind: number;
    let flags = 0;
    let value = 0;
    let extra = -1;
    if (split.kind === 'numeric') {
      kind = NODE_NUMERIC;
      value = split.threshold;
      if (split.op === '<') flags |= FLAG_OP_LESS;
      const missing = split.missing;
      const mode =
        missing.mode === 'compare' ? MISSING_COMPARE : missing.mode === 'default' ? MISSING_DEFAULT : missing.mode === 'zero' ? MISSING_ZERO : MISSING_AS_ZERO;
      flags |= mode << MISSING_SHIFT;
      if ((missing.mode === 'default' || missing.mode === 'zero') && missing.defaultLeft) flags |= FLAG_DEFAULT_LEFT;
    } else if (split.kind === 'categorical') {
      kind = NODE_CATEGORICAL;
      if (split.inSetGoes === 'left') flags |= FLAG_IN_SET_LEFT;
      if (split.missingGoes === 'left') flags |= FLAG_MISSING_LEFT;
      if (split.match === 'exact') flags |= FLAG_MATCH_EXACT;
      extra = this.categoryStart.length - 1;
      for (const category of split.categories) this.categories.push(category);
      this.categoryStart.push(this.categories.length);
    } else {
      kind = NODE_INDICATOR;
      if (split.presentGoes === 'left') flags |= FLAG_PRESENT_LEFT;
    }
    this.pushRow(kind, flags, feature, left, right, value, sourceId, extra, stats, position);
  }

  /**
   * Sets the right child of split `id` (a local id) of the current tree, for a reader that learns it
   * after the split's row (a pre-order dump: the right subtree starts after the whole left one).
   */
  setRightChild(id: number, right: number): void {
    if (this.treeStart < 0 || this.treeStart + id >= this.kind.length) throw new Error('ForestBuilder: setRightChild outside the current tree');
    this.right.data[this.treeStart + id] = right;
  }

  /** A leaf with one plain output value (the common case; no extras row). */
  addPlainLeaf(sourceId: number, value: number, stats?: NodeStats, position?: { line: number; column: number }): void {
    this.pushRow(NODE_LEAF, 0, -1, -1, -1, value, sourceId, -1, stats, position);
  }

  private addLeafNode(node: LeafNode): void {
    const isPlain = node.value.length === 1 && !node.linear && node.truncatedDepth === undefined && node.classIndex === undefined;
    if (isPlain) return this.addPlainLeaf(node.sourceId, node.value[0], node.stats, node.position);
    const extra = this.leafClass.length;
    for (const value of node.value) this.leafValues.push(value);
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
  addRow(
    kind: number,
    flags: number,
    feature: number,
    left: number,
    right: number,
    value: number,
    sourceId: number,
    categories: ArrayLike<number> | undefined,
    gain: number | undefined,
    count: number | undefined,
    cover: number | undefined,
    internalValue: number | undefined,
    line: number,
    column: number,
  ): void {
    let extra = -1;
    if (kind === NODE_CATEGORICAL) {
      extra = this.categoryStart.length - 1;
      if (categories) for (let index = 0; index < categories.length; index++) this.categories.push(categories[index]);
      this.categoryStart.push(this.categories.length);
    }
    this.pushValues(kind, flags, feature, left, right, value, sourceId, extra, gain, count, cover, internalValue, line > 0 ? line : undefined, column);
  }

  /**
   * `count` rows of the current tree at once, from a reader's columns (LightGBM's per-tree arrays):
   * row `i` is what `addRow` would make of `kind[i]`, `flags[i]`, … and `sourceStart + i`, each
   * column given as an array or as one number for every row. The categories of a categorical row
   * come from `categoriesOf(i)`; the statistics columns are undefined where the rows have none; all
   * rows share one source position (`line` 0: none). Same rows as `count` calls of `addRow`, in a
   * few tight loops instead of a call and fifteen column writes per row.
   */
  addRows(rows: {
    count: number;
    kind: number | ArrayLike<number>;
    flags: number | ArrayLike<number>;
    feature: number | ArrayLike<number>;
    left: number | ArrayLike<number>;
    right: number | ArrayLike<number>;
    value: ArrayLike<number>;
    sourceStart: number;
    categoriesOf?: (row: number) => ArrayLike<number>;
    gain?: ArrayLike<number>;
    nodeCount?: ArrayLike<number>;
    cover?: ArrayLike<number>;
    internalValue?: ArrayLike<number>;
    line: number;
    column: number;
  }): void {
    if (this.treeStart < 0) throw new Error('ForestBuilder: a node outside beginTree/endTree');
    const { count, kind } = rows;
    // No rows make no columns (as no `addRow` call would).
    if (count === 0) return;
    const row = this.kind.length;
    this.kind.append(kind, count);
    this.flags.append(rows.flags, count);
    this.feature.append(rows.feature, count);
    this.left.append(rows.left, count);
    this.right.append(rows.right, count);
    this.value.append(rows.value, count);
    this.sourceId.reserve(count);
    for (let index = 0; index < count; index++) this.sourceId.data[row + index] = rows.sourceStart + index;
    this.sourceId.length = row + count;
    if (typeof kind !== 'number' || kind === NODE_CATEGORICAL) {
      this.extra.reserve(count);
      for (let index = 0; index < count; index++) {
        let extra = -1;
        if ((typeof kind === 'number' ? kind : kind[index]) === NODE_CATEGORICAL) {
          extra = this.categoryStart.length - 1;
          const categories = rows.categoriesOf?.(index);
          if (categories) for (let member = 0; member < categories.length; member++) this.categories.push(categories[member]);
          this.categoryStart.push(this.categories.length);
        }
        this.extra.data[row + index] = extra;
      }
      this.extra.length = row + count;
    } else {
      this.extra.append(-1, count);
    }
    if (!this.keepsDetails) return;
    this.gain.setRows(row, rows.gain, count);
    this.count.setRows(row, rows.nodeCount, count);
    this.cover.setRows(row, rows.cover, count);
    this.internalValue.setRows(row, rows.internalValue, count);
    this.addPositions(row, rows.line > 0 ? rows.line : undefined, rows.column, count);
  }

  /** The source position of rows `row…row + count` (`line` undefined: none); the columns exist once some row has one. */
  private addPositions(row: number, line: number | undefined, column: number, count: number): void {
    if (line === undefined && !this.line) return;
    if (!this.line || !this.column) {
      this.line = new Column(new Int32Array(Math.max(1024, row + count, this.expectedNodes)), int32);
      this.column = new Column(new Int32Array(Math.max(1024, row + count, this.expectedNodes)), int32);
    }
    while (this.line.length < row) this.line.push(0);
    while (this.column.length < row) this.column.push(0);
    this.line.append(line ?? 0, count);
    this.column.append(line === undefined ? 0 : column, count);
  }

  private pushRow(
    kind: number,
    flags: number,
    feature: number,
    left: number,
    right: number,
    value: number,
    sourceId: number,
    extra: number,
    stats: NodeStats | undefined,
    position: { line: number; column: number } | undefined,
  ): void {
    this.pushValues(kind, flags, feature, left, right, value, sourceId, extra, stats?.gain, stats?.count, stats?.cover, stats?.internalValue, position?.line, position?.column ?? 0);
  }

  private pushValues(
    kind: number,
    flags: number,
    feature: number,
    left: number,
    right: number,
    value: number,
    sourceId: number,
    extra: number,
    gain: number | undefined,
    count: number | undefined,
    cover: number | undefined,
    internalValue: number | undefined,
    line: number | undefined,
    column: number,
  ): void {
    if (this.treeStart < 0) throw new Error('ForestBuilder: a node outside beginTree/endTree');
    const row = this.kind.length;
    this.kind.push(kind);
    this.flags.push(flags);
    this.feature.push(feature);
    this.left.push(left);
    this.right.push(right);
    this.value.push(value);
    this.sourceId.push(sourceId);
    this.extra.push(extra);
    if (!this.keepsDetails) return;
    this.gain.set(row, gain);
    this.count.set(row, count);
    this.cover.set(row, cover);
    this.internalValue.set(row, internalValue);
    this.addPositions(row, line, column, 1);
  }

  /** The packed columns, trimmed to size. The builder must not be used afterwards. */
  finish(): PackedForest {
    return this.forest(false);
  }

  /**
   * The trees so far as a forest whose columns are views into the builder's buffers: valid until the
   * next write or `clear`. With `clear`, a reader can count a model a batch of trees at a time in
   * the same buffers (`summarizeLightgbmPieces`), allocating nothing per batch.
   */
  view(): PackedForest {
    return this.forest(true);
  }

  /** Forgets every tree and keeps the buffers, to fill them again. */
  clear(): void {
    if (this.treeStart >= 0) throw new Error('ForestBuilder: clear inside a tree');
    for (const column of this.plainColumns()) column.length = 0;
    for (const column of [this.gain, this.count, this.cover, this.internalValue]) column.clear();
    if (this.line) this.line.length = 0;
    if (this.column) this.column.length = 0;
    this.categoryStart.push(0);
    this.leafValueStart.push(0);
    this.linearStart.push(0);
  }

  private plainColumns() {
    return [
      this.treeNodeStart,
      this.treeOutput,
      this.treeWeight,
      this.kind,
      this.flags,
      this.feature,
      this.left,
      this.right,
      this.value,
      this.sourceId,
      this.extra,
      this.categoryStart,
      this.categories,
      this.leafValueStart,
      this.leafValues,
      this.leafClass,
      this.leafTruncatedDepth,
      this.linearStart,
      this.linearFeatures,
      this.linearCoefficients,
      this.linearConstant,
      this.isLinear,
    ];
  }

  private forest(isView: boolean): PackedForest {
    if (this.treeStart >= 0) throw new Error('ForestBuilder: finish inside a tree');
    const take = <T extends Int32Array | Float64Array | Uint8Array>(column: Column<T>): T => (isView ? column.view() : column.finish());
    const nodeCount = this.kind.length;
    const treeNodeStart = new Int32Array(this.treeNodeStart.length + 1);
    treeNodeStart.set(this.treeNodeStart.data.subarray(0, this.treeNodeStart.length));
    treeNodeStart[this.treeNodeStart.length] = nodeCount;
    const forest: PackedForest = {
      treeCount: this.treeOutput.length,
      nodeCount,
      treeNodeStart,
      treeOutput: take(this.treeOutput),
      treeWeight: take(this.treeWeight),
      kind: take(this.kind),
      flags: take(this.flags),
      feature: take(this.feature),
      left: take(this.left),
      right: take(this.right),
      value: take(this.value),
      sourceId: take(this.sourceId),
      extra: take(this.extra),
      categoryStart: take(this.categoryStart),
      categories: take(this.categories),
      leafValueStart: take(this.leafValueStart),
      leafValues: take(this.leafValues),
      leafClass: take(this.leafClass),
      leafTruncatedDepth: take(this.leafTruncatedDepth),
      linearStart: take(this.linearStart),
      linearFeatures: take(this.linearFeatures),
      linearCoefficients: take(this.linearCoefficients),
      linearConstant: take(this.linearConstant),
      isLinear: take(this.isLinear),
    };
    const optional = { gain: this.gain, count: this.count, cover: this.cover, internalValue: this.internalValue };
    for (const [name, column] of Object.entries(optional)) {
      const finished = column.finish(nodeCount, isView);
      if (finished) forest[name as keyof typeof optional] = finished;
    }
    if (this.line && this.column) {
      while (this.line.length < nodeCount) this.line.push(0);
      while (this.column.length < nodeCount) this.column.push(0);
      forest.line = take(this.line);
      forest.column = take(this.column);
    }
    return forest;
  }
}

/** Packs a model of node objects (tests, tools, and adapters that still build a `TreeModel`). */
export function packModel(model: TreeModel, keepsDetails = true): PackedModel {
  // A view of a packed model (`viewOfPacked`) is already packed: reading its trees would make them all.
  const packed = packedOf(model);
  if (packed) return packed;
  const { trees, ...header } = model;
  const builder = new ForestBuilder(keepsDetails);
  for (const tree of trees) builder.addTree(tree);
  return { header, forest: builder.finish() };
}
