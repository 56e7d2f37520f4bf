/**
 * From scikit-learn `export_text` lines to IR nodes: nesting by depth (left branch, its subtree,
 * right branch, its subtree), feature numbering, and class order.
 */
import type { Feature, ImportWarning, LeafNode, SplitNode, TreeNode } from '../../model/types';
import { reinterpret, type SklearnLine } from './sklearnLines';
import { parsePythonFixed, sortClassLabels } from './sklearnNumbers';
import { largestOf } from '../../util/extremes';

const DEFAULT_NAME = /^feature_(0|[1-9][0-9]*)$/;

/** The kind of printed leaf: `class: …`, `weights: […] class: …` or `value: […]`. */
export type LeafKind = 'class' | 'weights' | 'value';

/** 1-based column of the first character where `raw` departs from `expected`. */
function mismatchColumn(raw: string, expected: string): number {
  let index = 0;
  while (index < expected.length && raw[index] === expected[index]) index++;
  return index + 1;
}

/** Builds IR nodes in pre-order (left first) from the lines, checking depth and branch pairing. */
export class TreeReader {
  readonly nodes: TreeNode[] = [];
  readonly featureNames: string[] = [];
  private readonly featureIndex = new Map<string, number>();
  private index = 0;
  leafKind: LeafKind | undefined;
  leafKindLine = 0;

  constructor(
    private readonly lines: SklearnLine[],
    private readonly rawLines: string[],
    private readonly firstLine: number,
    private readonly spacing: number,
    private readonly fail: (line: number, column: number, detail: string) => never,
  ) {}

  private prefix(depth: number): string {
    return ('|' + ' '.repeat(this.spacing)).repeat(depth - 1) + '|' + '-'.repeat(this.spacing);
  }

  /** The line at `this.index`, re-read as a split or a leaf when the next line's depth says so. */
  private current(depth: number): SklearnLine {
    let line = this.lines[this.index];
    const next = this.lines[this.index + 1];
    const hasChildren = next !== undefined && next.depth === line.depth + 1;
    const fixed = reinterpret(line, this.rawLines[line.line - this.firstLine], hasChildren);
    if (fixed) line = this.lines[this.index] = fixed;
    if (line.depth !== depth) {
      const expected = this.prefix(depth) + ' ';
      const what = line.kind === 'left' || line.kind === 'right' ? 'split' : 'leaf';
      this.fail(line.line, mismatchColumn(this.rawLines[line.line - this.firstLine], expected), `expected a line at depth ${depth} ('${expected}') but this ${what} line is at depth ${line.depth}`);
    }
    return line;
  }

  /** Reads the node whose line(s) sit at `depth` (1 = the root) and returns its IR id. */
  read(depth: number, parent: number): number {
    if (this.index >= this.lines.length) {
      const last = this.lines[this.lines.length - 1];
      this.fail(last.line, 1, `the tree ends early: expected a line at depth ${depth} after this one`);
    }
    const line = this.current(depth);
    const id = this.nodes.length;
    const position = { line: line.line, column: line.contentColumn };
    if (line.kind === 'right') {
      this.fail(line.line, line.contentColumn, `found the right branch '${line.name} >  ${line.thresholdText}' without its left branch '${line.name} <= ${line.thresholdText}' before it`);
    }
    if (line.kind === 'left') {
      const feature = this.featureOf(line.name!);
      const threshold = parsePythonFixed(line.thresholdText!);
      const node: SplitNode = {
        type: 'split',
        id,
        sourceId: id,
        depth: depth - 1,
        parent,
        feature,
        split: { kind: 'numeric', op: '<=', threshold, missing: { mode: 'compare' } },
        left: -1,
        right: -1,
        position,
      };
      this.nodes.push(node);
      this.index++;
      node.left = this.read(depth + 1, id);
      const right = this.lines[this.index];
      const expected = `${this.prefix(depth)} ${line.name} >  ${line.thresholdText}`;
      if (right === undefined) {
        this.fail(line.line, line.contentColumn, `the split '${line.name} <= ${line.thresholdText}' has no right branch: expected '${expected}' before the end of the tree`);
      }
      if (right.depth !== depth || right.kind !== 'right') {
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
    const leaf: LeafNode = { type: 'leaf', id, sourceId: id, depth: depth - 1, parent, value: [], position };
    if (line.kind === 'truncated') {
      leaf.truncatedDepth = line.truncatedDepth;
    } else {
      this.checkLeafKind(line);
      if (line.numbers) leaf.value = line.numbers.map(parsePythonFixed);
      if (line.kind === 'weights') leaf.stats = { count: leaf.value.reduce((sum, weight) => sum + weight, 0) };
    }
    this.nodes.push(leaf);
    this.index++;
    return id;
  }

  /** Every leaf of one tree is the same kind, and lists have one length. */
  private checkLeafKind(line: SklearnLine): void {
    const kind = line.kind as LeafKind;
    if (this.leafKind === undefined) {
      this.leafKind = kind;
      this.leafKindLine = line.line;
      return;
    }
    const describe = { class: "'class: …'", weights: "'weights: […] class: …'", value: "'value: […]'" };
    if (kind !== this.leafKind) {
      this.fail(line.line, line.contentColumn, `expected a ${describe[this.leafKind]} leaf like line ${this.leafKindLine}, found ${describe[kind]}`);
    }
  }

  private featureOf(name: string): number {
    let index = this.featureIndex.get(name);
    if (index === undefined) {
      index = this.featureNames.length;
      this.featureIndex.set(name, index);
      this.featureNames.push(name);
    }
    return index;
  }

  /** True when lines remain after the root's subtree. */
  get hasRest(): boolean {
    return this.index < this.lines.length;
  }

  get next(): SklearnLine {
    return this.lines[this.index];
  }
}

/** Features in model order: `feature_i` defaults keep their index; printed names go by first use. */
export function buildFeatures(reader: TreeReader): { features: Feature[]; remap: number[] } {
  const names = reader.featureNames;
  if (names.length > 0 && names.every((name) => DEFAULT_NAME.test(name))) {
    const indices = names.map((name) => Number(DEFAULT_NAME.exec(name)![1]));
    const count = largestOf(indices) + 1;
    const features: Feature[] = Array.from({ length: count }, (_, index) => ({ index, name: `feature_${index}`, isNamed: false, kind: 'numeric' }));
    return { features, remap: indices };
  }
  const features: Feature[] = names.map((name, index) => ({ index, name, isNamed: true, kind: 'numeric' }));
  return { features, remap: names.map((_, index) => index) };
}

export interface ClassAssignment {
  classes: string[];
  warnings: ImportWarning[];
}

/**
 * Gives each class label its index. Without weights the labels are sorted as `classes_` is.
 * With show_weights, each leaf's label is the class of its largest weight (first wins), which pins
 * the order down and also names how many classes there are; the sorted order is checked against it.
 */
export function assignClasses(leaves: Array<{ node: LeafNode; line: SklearnLine }>, hasWeights: boolean, fail: (line: number, column: number, detail: string) => never): ClassAssignment {
  const sorted = sortClassLabels(leaves.map((leaf) => leaf.line.label!));
  if (!hasWeights) return { classes: sorted, warnings: [] };
  const count = leaves[0].node.value.length;
  for (const { node, line } of leaves) {
    if (node.value.length !== count) {
      fail(line.line, line.contentColumn, `expected ${count} weights (one per class) as on line ${leaves[0].line.line}, found ${node.value.length}`);
    }
  }
  if (sorted.length > count) {
    const { line } = leaves[0];
    fail(line.line, line.contentColumn, `the leaves name ${sorted.length} classes (${sorted.join(', ')}) but the weights list ${count}`);
  }
  const winners = (node: LeafNode) => {
    const top = largestOf(node.value);
    return node.value.flatMap((weight, index) => (weight === top ? [index] : []));
  };
  const sortedFits = sorted.length === count && leaves.every(({ node, line }) => winners(node).includes(sorted.indexOf(line.label!)));
  if (sortedFits) return { classes: sorted, warnings: [] };

  // The printed order disagrees with sorting (class_names given in another order) or some class never wins a leaf.
  const indexOf = new Map<string, number>();
  const labelAt = new Map<number, string>();
  for (const { node, line } of leaves) {
    const candidates = winners(node);
    if (candidates.length !== 1) continue;
    const [index] = candidates;
    const label = line.label!;
    if ((indexOf.has(label) && indexOf.get(label) !== index) || (labelAt.has(index) && labelAt.get(index) !== label)) {
      fail(line.line, line.contentColumn, `class '${label}' is not the class of the largest weight here (weight ${index + 1} of ${count} is largest, which other leaves give to '${labelAt.get(index) ?? indexOf.get(label)}')`);
    }
    indexOf.set(label, index);
    labelAt.set(index, label);
  }
  const unplaced = sorted.filter((label) => !indexOf.has(label));
  if (unplaced.length > 0) {
    const { line } = leaves.find((leaf) => leaf.line.label === unplaced[0])!;
    fail(line.line, line.contentColumn, `cannot tell which weight belongs to class '${unplaced[0]}': the labels do not follow the sorted class order and its leaves have tied weights`);
  }
  const classes = Array.from({ length: count }, (_, index) => labelAt.get(index) ?? `(class ${index})`);
  const warnings: ImportWarning[] = [];
  if (sorted.length < count) {
    warnings.push({
      code: 'W_SKL_UNNAMED_CLASS',
      message: `The weights list ${count} classes but only ${sorted.length} appear as a leaf's class; the others are named by position (${classes.filter((name) => name.startsWith('(class ')).join(', ')}).`,
    });
  } else {
    warnings.push({
      code: 'W_SKL_CLASS_ORDER',
      message: `The class labels are not in sorted order of the weights (class_names given in another order); the order the weights show is used: ${classes.join(', ')}.`,
    });
  }
  return { classes, warnings };
}
