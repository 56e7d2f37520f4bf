import type { SplitNode, Tree, TreeModel } from '../model/types';
import { featureName, formatNumber, formatThreshold, missingSide } from './labels';
import { pathToNode } from './visibility';

/** A number for reading: the shortest exact form, with a true minus sign (`−0.36`). */
export function readableNumber(value: number): string {
  return minusSign(formatNumber(value));
}

function minusSign(text: string): string {
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

function categoryList(model: TreeModel, node: SplitNode, categories: number[]): string {
  const labels = model.features[node.feature]?.categoryLabels;
  return categories.map((code) => (labels?.[code] !== undefined ? labels[code] : readableNumber(code))).join(', ');
}

/**
 * The condition a value meets to take one side of a split, for reading: `feature_2 ≤ 6.68`,
 * `color ∈ {red, blue}`, `age is present`. The side missing values take says so
 * (`x > 0.5 or missing`), since that is part of the rule.
 */
export function branchCondition(model: TreeModel, node: SplitNode, side: 'left' | 'right'): string {
  const name = featureName(model, node.feature);
  const split = node.split;
  let text: string;
  if (split.kind === 'numeric') {
    const threshold = minusSign(formatThreshold(model, split.threshold));
    const op = split.op === '<=' ? (side === 'left' ? '≤' : '>') : side === 'left' ? '<' : '≥';
    text = `${name} ${op} ${threshold}`;
    // Spark and scikit-learn text send NaN right because the comparison fails: that is the `>` side
    // already, and saying "or missing" there would only restate the comparison.
    if (split.missing.mode === 'compare' || split.missing.mode === 'asZero') return text;
  } else if (split.kind === 'indicator') {
    return `${name} ${side === split.presentGoes ? 'is present' : 'is missing'}`;
  } else {
    text = `${name} ${side === split.inSetGoes ? '∈' : '∉'} {${categoryList(model, node, split.categories)}}`;
  }
  return missingSide(node) === side ? `${text} or missing` : text;
}

/**
 * The rule from the root to a node, one condition per split on the way:
 * `feature_2 ≤ 6.68 and feature_0 > −0.36`. The root's rule is empty.
 */
export function ruleConditions(model: TreeModel, tree: Tree, id: number): string[] {
  const path = pathToNode(tree, id);
  const conditions: string[] = [];
  for (let step = 0; step + 1 < path.length; step++) {
    const node = tree.nodes[path[step]];
    if (node.type !== 'split') break;
    conditions.push(branchCondition(model, node, node.left === path[step + 1] ? 'left' : 'right'));
  }
  return conditions;
}

/** {@link ruleConditions} joined with `and`; `(root: every row)` for the root. */
export function ruleText(model: TreeModel, tree: Tree, id: number): string {
  const conditions = ruleConditions(model, tree, id);
  return conditions.length === 0 ? '(root: every row)' : conditions.join(' and ');
}

/** How a split treats a missing value (NaN), in words. */
export function missingDescription(node: SplitNode): string {
  const split = node.split;
  const side = missingSide(node);
  if (split.kind === 'categorical') return `missing values go ${side}`;
  if (split.kind === 'indicator') return `a missing value goes ${side}, a present one ${side === 'left' ? 'right' : 'left'}`;
  switch (split.missing.mode) {
    case 'default':
      return `missing values go ${side} (the default branch)`;
    case 'zero':
      return `missing values and values near 0 go ${side} (the default branch)`;
    case 'asZero':
      return `missing values count as 0, so they go ${side}`;
    case 'compare':
      return `missing values fail the comparison, so they go ${side}`;
  }
}
