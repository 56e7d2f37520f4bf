import type { LeafNode, SplitNode, TreeModel } from '../model/types';
import { formatNumber } from '../data/format';

/** Shortest text that reads back as the same double (`0.23874`, `1e-35`, `Infinity`); `-0` keeps its sign. */
export { formatNumber };

/**
 * A split threshold as the library wrote it. XGBoost and scikit-learn keep thresholds as float32,
 * which widen to doubles like 2.450000047683716: those read back as the shortest float32 text (2.45).
 */
export function formatThreshold(model: TreeModel, value: number): string {
  return model.arithmetic.input === 'float32' ? formatFloat32(value) : formatNumber(value);
}

/** Shortest text that reads back as the same float32, for values stored as float32; else {@link formatNumber}. */
export function formatFloat32(value: number): string {
  if (Number.isFinite(value) && Math.fround(value) === value) {
    for (let digits = 1; digits <= 9; digits++) {
      const text = value.toPrecision(digits);
      if (Math.fround(Number(text)) === value) return formatNumber(Number(text));
    }
  }
  return formatNumber(value);
}

/** A leaf output as the library wrote it: float32 leaves (XGBoost) read back short (0.138806). */
export function formatLeafValue(model: TreeModel, value: number): string {
  return model.arithmetic.accumulate === 'float32' ? formatFloat32(value) : formatNumber(value);
}

/** Significant digits kept by {@link compactNumber}. */
export const COMPACT_DIGITS = 6;

/**
 * Text short enough for a node box: the exact text when it has at most 8 significant digits, else
 * rounded to 6 (LightGBM's `0.45000000000000007` reads `0.45`). Details and rules keep exact values.
 */
export function compactNumber(text: string): string {
  const value = Number(text);
  const digits = text.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').length;
  if (!Number.isFinite(value) || digits <= 8) return text;
  return formatNumber(Number(value.toPrecision(COMPACT_DIGITS)));
}

/** How numbers are written in labels: exactly, or compact for node boxes and edge labels. */
export type NumberStyle = 'exact' | 'compact';

/** Java's `Double.toString` style, as Spark prints (`1.0`, `-0.5`, `1.0E-4`). */
export function formatJavaDouble(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e7)) {
    const [mantissa, exponent] = value.toExponential().split('e');
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
  }
  const text = String(value);
  return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}

/** Category sets longer than this are shortened in labels (the full set stays in tooltips and details). */
export const MAX_LABEL_CATEGORIES = 6;

function categoryText(model: TreeModel, node: SplitNode, categories: number[], limit = Infinity): string {
  const labels = model.features[node.feature]?.categoryLabels;
  const shown = categories.slice(0, limit).map((code) => (labels?.[code] !== undefined ? labels[code] : formatNumber(code)));
  const rest = categories.length - shown.length;
  return `{${shown.join(', ')}${rest > 0 ? `, … +${rest}` : ''}}`;
}

/** Name of a split's feature. */
export function featureName(model: TreeModel, feature: number): string {
  return model.features[feature]?.name ?? `feature ${feature}`;
}

/** The test a split makes on its feature, read as its left branch: `<= 0.23874`, `in {1, 3}`, `present`. */
export function splitTestLabel(model: TreeModel, node: SplitNode, categoryLimit = MAX_LABEL_CATEGORIES, style: NumberStyle = 'exact'): string {
  const split = node.split;
  if (split.kind === 'numeric') {
    const threshold = formatThreshold(model, split.threshold);
    return `${split.op} ${style === 'compact' ? compactNumber(threshold) : threshold}`;
  }
  if (split.kind === 'indicator') return split.presentGoes === 'left' ? 'present' : 'absent';
  const set = categoryText(model, node, split.categories, categoryLimit);
  return `${split.inSetGoes === 'left' ? 'in' : 'not in'} ${set}`;
}

/** The test a split makes, read as its left branch: `feature 0 <= 0.23874`, `color in {1, 3}`. */
export function splitLabel(model: TreeModel, node: SplitNode, categoryLimit = MAX_LABEL_CATEGORIES): string {
  return `${featureName(model, node.feature)} ${splitTestLabel(model, node, categoryLimit)}`;
}

/** The condition of one branch of a split, for edge labels: `<= 0.5`, `> 0.5`, `in {1, 3}`. */
export function branchLabel(model: TreeModel, node: SplitNode, side: 'left' | 'right', categoryLimit = MAX_LABEL_CATEGORIES, style: NumberStyle = 'exact'): string {
  const split = node.split;
  if (split.kind === 'numeric') {
    const exact = formatThreshold(model, split.threshold);
    const threshold = style === 'compact' ? compactNumber(exact) : exact;
    if (split.op === '<=') return side === 'left' ? `<= ${threshold}` : `> ${threshold}`;
    return side === 'left' ? `< ${threshold}` : `>= ${threshold}`;
  }
  if (split.kind === 'indicator') return side === split.presentGoes ? 'present' : 'absent';
  const set = categoryText(model, node, split.categories, categoryLimit);
  return side === split.inSetGoes ? `in ${set}` : `not in ${set}`;
}

/** Which side a missing value (NaN) takes at this split. */
export function missingSide(node: SplitNode): 'left' | 'right' {
  const split = node.split;
  if (split.kind === 'categorical') return split.missingGoes;
  if (split.kind === 'indicator') return split.presentGoes === 'left' ? 'right' : 'left';
  const missing = split.missing;
  if (missing.mode === 'default' || missing.mode === 'zero') return missing.defaultLeft ? 'left' : 'right';
  if (missing.mode === 'asZero') return 0 <= split.threshold ? 'left' : 'right';
  return 'right';
}

/** A leaf's text: `Predict: 1.0` (Spark), `class: setosa`, `value: 0.42`. */
export function leafLabel(model: TreeModel, leaf: LeafNode, style: NumberStyle = 'exact'): string {
  if (leaf.truncatedDepth !== undefined) return `truncated (depth ${leaf.truncatedDepth})`;
  if (model.format === 'spark') return `Predict: ${formatJavaDouble(leaf.value[0])}`;
  if (leaf.classIndex !== undefined && model.classes) return `class: ${model.classes[leaf.classIndex]}`;
  const format = (value: number) => (style === 'compact' ? compactNumber(formatLeafValue(model, value)) : formatLeafValue(model, value));
  if (leaf.linear) return `linear leaf (${format(leaf.value[0])})`;
  if (leaf.value.length === 1) return `value: ${format(leaf.value[0])}`;
  return `value: [${leaf.value.map(format).join(', ')}]`;
}
