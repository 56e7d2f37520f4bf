/**
 * Writes the `dump_model()` JSON of a LightGBM model.txt (FORMATS.md B, the nested-node form
 * `Booster.dump_model()` returns), one tree at a time, for the benches of big JSON dumps: the
 * model.txt is read with Splitscope's own reader (a generated model, whose reading the unit tests
 * check), and its trees are written nested as LightGBM's JSON writer nests them. Never committed.
 */
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { parsePackedModel } from '../app/formats';
import { treeAt } from '../app/model/materialize';
import type { TreeNode } from '../app/model/types';

/** One node and its subtree, as dump_model nests them (LightGBM writes `split_index` or `leaf_index` first). */
function nodeJson(nodes: TreeNode[], id: number): Record<string, unknown> {
  const node = nodes[id];
  if (node.type === 'leaf') return { leaf_index: node.sourceId, leaf_value: node.value[0], leaf_weight: node.stats?.cover ?? 0, leaf_count: node.stats?.count ?? 0 };
  const split = node.split;
  if (split.kind !== 'numeric') throw new Error('lightgbmDump: only numeric splits are written');
  return {
    split_index: node.sourceId,
    split_feature: node.feature,
    split_gain: node.stats?.gain ?? 0,
    threshold: split.threshold,
    decision_type: '<=',
    default_left: 'defaultLeft' in split.missing ? split.missing.defaultLeft : true,
    missing_type: split.missing.mode === 'default' ? 'NaN' : split.missing.mode === 'zero' ? 'Zero' : 'None',
    internal_value: node.stats?.internalValue ?? 0,
    internal_weight: node.stats?.cover ?? 0,
    internal_count: node.stats?.count ?? 0,
    left_child: nodeJson(nodes, node.left),
    right_child: nodeJson(nodes, node.right),
  };
}

/** Writes the dump of the model.txt at `modelPath` to `outPath`; returns its size in bytes. */
export function writeLightgbmDump(modelPath: string, outPath: string): number {
  const packed = parsePackedModel(readFileSync(modelPath, 'utf8'), 'model.txt', { keepsDetails: false });
  const { header } = packed;
  const file = openSync(outPath, 'w');
  try {
    const head = {
      name: 'tree',
      version: 'v4',
      num_class: 1,
      num_tree_per_iteration: header.numOutputs,
      label_index: 0,
      max_feature_idx: header.features.length - 1,
      objective: header.objective,
      average_output: false,
      feature_names: header.features.map((feature) => feature.name),
    };
    writeSync(file, `${JSON.stringify(head).slice(0, -1)},"tree_info":[`);
    for (let index = 0; index < packed.forest.treeCount; index++) {
      const tree = treeAt(packed, index);
      const leaves = tree.nodes.filter((node) => node.type === 'leaf').length;
      writeSync(file, `${index > 0 ? ',' : ''}${JSON.stringify({ tree_index: index, num_leaves: leaves, num_cat: 0, shrinkage: 1, tree_structure: nodeJson(tree.nodes, 0) })}`);
    }
    writeSync(file, '],"feature_importances":{},"pandas_categorical":null}');
  } finally {
    closeSync(file);
  }
  return statSync(outPath).size;
}
