import type { Arithmetic, SplitNode, TreeModel } from '../model/types';

/** LightGBM's kZeroThreshold: `1e-35f` widened to double. */
export const ZERO_THRESHOLD = 1.0000000180025095e-35;

/** XGBoost's largest valid category (`OutOfRangeCat`: 2^24, the float32 mantissa range). */
export const CATEGORY_LIMIT = 16777216;

/**
 * Whether an integer category (already truncated, non-negative) is in a sorted category list.
 * Binary search: LightGBM bitsets can hold hundreds of categories.
 */
export function sortedHas(categories: ArrayLike<number>, start: number, end: number, value: number): boolean {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const candidate = categories[middle];
    if (candidate === value) return true;
    if (candidate < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * The category a `truncate` split tests, or -1 when the value can never be in a set.
 * XGBoost (float32 input) rejects any negative float before truncating (`InvalidCat`), so −0.5 is
 * invalid there; LightGBM truncates first (`(int)x`), so −0.5 becomes category 0.
 */
export function truncatedCategory(value: number, float32Input: boolean): number {
  if (float32Input && value < 0) return -1;
  const category = Math.trunc(value);
  return category < 0 || category >= CATEGORY_LIMIT ? -1 : category;
}

/**
 * Where one split sends a value: true = left. This is the rule book of FORMATS.md A.4, B.3, C.4 and
 * D.2 as the IR states it; `value` must already be rounded to float32 when the model works in float32.
 */
export function goesLeft(node: SplitNode, value: number, float32Input: boolean): boolean {
  const split = node.split;
  if (split.kind === 'numeric') {
    let x = value;
    const missing = split.missing;
    if (x !== x) {
      if (missing.mode === 'default') return missing.defaultLeft;
      if (missing.mode === 'compare') return false;
      x = 0; // `zero` and `asZero`: LightGBM turns NaN into 0.0 first.
    }
    if (missing.mode === 'zero' && x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) return missing.defaultLeft;
    return split.op === '<=' ? x <= split.threshold : x < split.threshold;
  }
  if (split.kind === 'categorical') {
    if (value !== value) return split.missingGoes === 'left';
    let isIn: boolean;
    if (split.match === 'exact') {
      isIn = sortedHas(split.categories, 0, split.categories.length, value);
    } else {
      const category = truncatedCategory(value, float32Input);
      isIn = category >= 0 && sortedHas(split.categories, 0, split.categories.length, category);
    }
    return isIn === (split.inSetGoes === 'left');
  }
  const isPresent = value === value;
  return isPresent === (split.presentGoes === 'left');
}

/** The input value as the library compares it (float32 for XGBoost and scikit-learn). */
export function inputValue(value: number, arithmetic: Arithmetic): number {
  if (arithmetic.zeroTinyInputs && value >= -ZERO_THRESHOLD && value <= ZERO_THRESHOLD) return 0;
  return arithmetic.input === 'float32' ? Math.fround(value) : value;
}

/**
 * The decision path of one tree for one row: IR node ids from the root to the reached leaf.
 * Walks the IR objects directly (no compilation), so it doubles as an independent check of the
 * compiled evaluator. A missing feature value (index beyond `values`) counts as NaN.
 */
export function predictPath(model: TreeModel, treeIndex: number, values: ArrayLike<number>): number[] {
  const tree = model.trees[treeIndex];
  if (!tree) throw new RangeError(`tree ${treeIndex} does not exist (the model has ${model.trees.length})`);
  const float32Input = model.arithmetic.input === 'float32';
  const path: number[] = [];
  let node = tree.nodes[0];
  for (;;) {
    path.push(node.id);
    if (node.type === 'leaf') return path;
    const raw = node.feature < values.length ? values[node.feature] : NaN;
    const x = inputValue(raw, model.arithmetic);
    node = tree.nodes[goesLeft(node, x, float32Input) ? node.left : node.right];
  }
}
