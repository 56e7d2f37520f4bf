/**
 * Writes the `dump_model()` JSON of a LightGBM model.txt (FORMATS.md B, the nested-node form
 * `Booster.dump_model()` returns), one tree at a time, for the benches of big JSON dumps: the
 * model.txt is read with Splitscope's own reader (a generated model, whose reading the unit tests
 * check), and its trees are written nested as LightGBM's JSON writer nests them
 * (`lightgbmDumpNode`, which the JSON reader's tests use too). Never committed.
 */
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { parsePackedModel } from '../app/formats';
import { treeAt } from '../app/model/materialize';
import { lightgbmDumpNode } from '../app/testing/lightgbmDump';

/** Writes the dump of the model.txt at `modelPath` to `outPath`; returns its size in bytes. */
export function writeLightgbmDump(modelPath: string, outPath: string): number {
  const packed = parsePackedModel(readFileSync(modelPath, 'utf8'), 'model.txt');
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
      writeSync(file, `${index > 0 ? ',' : ''}${JSON.stringify({ tree_index: index, num_leaves: leaves, num_cat: 0, shrinkage: 1, tree_structure: lightgbmDumpNode(tree.nodes, 0) })}`);
    }
    writeSync(file, '],"feature_importances":{},"pandas_categorical":null}');
  } finally {
    closeSync(file);
  }
  return statSync(outPath).size;
}
