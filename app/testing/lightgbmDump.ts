import type { TreeNode } from '../model/types';

/**
 * Node `id` of a tree read from a LightGBM model.txt and its subtree, as `Booster.dump_model()`
 * nests them (`split_index` or `leaf_index` first): for tests and benches that need a JSON dump of
 * a model they have as model.txt. Categorical splits, linear leaves and every missing type are
 * written; statistics the node lacks are left out of a leaf and written as 0 for a split.
 */
export function lightgbmDumpNode(nodes: readonly TreeNode[], id: number): Record<string, unknown> {
  const node = nodes[id];
  if (node.type === 'leaf') {
    const leaf: Record<string, unknown> = { leaf_index: node.sourceId, leaf_value: node.value[0] };
    if (node.stats?.cover !== undefined) leaf.leaf_weight = node.stats.cover;
    if (node.stats?.count !== undefined) leaf.leaf_count = node.stats.count;
    if (node.linear) Object.assign(leaf, { leaf_const: node.linear.constant, leaf_features: node.linear.features, leaf_coeff: node.linear.coefficients });
    return leaf;
  }
  const split = node.split;
  const test =
    split.kind === 'categorical'
      ? { threshold: split.categories.join('||'), decision_type: '==', default_left: false, missing_type: 'None' }
      : split.kind === 'numeric'
        ? {
            threshold: split.threshold,
            decision_type: '<=',
            default_left: 'defaultLeft' in split.missing ? split.missing.defaultLeft : false,
            missing_type: split.missing.mode === 'default' ? 'NaN' : split.missing.mode === 'zero' ? 'Zero' : 'None',
          }
        : {};
  return {
    split_index: node.sourceId,
    split_feature: node.feature,
    split_gain: node.stats?.gain ?? 0,
    ...test,
    internal_value: node.stats?.internalValue ?? 0,
    internal_weight: node.stats?.cover ?? 0,
    internal_count: node.stats?.count ?? 0,
    left_child: lightgbmDumpNode(nodes, node.left),
    right_child: lightgbmDumpNode(nodes, node.right),
  };
}
