/**
 * Model diff speed (issue 12): the structural diff of two 500-tree × 255-leaf models (goal ≤ 1 s),
 * and the prediction diff of 100k rows against scoring those rows once with each model, measured
 * in the same run (goal ≤ 2× a single scoring). The models come from a small deterministic
 * generator below (no big-model generator is in scripts/ yet): the new model is the old one with
 * 1 threshold in 20 and 1 leaf in 10 moved, so the diff walks every node and finds changes.
 */
import { diffPredictions } from '../app/diff/predictions';
import { diffStructure } from '../app/diff/structural';
import { compileModel } from '../app/eval/index';
import { packModel } from '../app/model/forestBuilder';
import type { PackedModel } from '../app/model/packed';
import type { LeafNode, SplitNode, Tree, TreeModel, TreeNode } from '../app/model/types';
import { collectGarbage, median } from './common';

const TREES = 500;
const LEAVES = 255;
const FEATURES = 20;
const ROWS = 100_000;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** One tree of `LEAVES` leaves: leaves split breadth-first on random features and thresholds. */
function makeTree(index: number, next: () => number): Tree {
  const nodes: TreeNode[] = [{ type: 'leaf', id: 0, sourceId: 0, depth: 0, parent: -1, value: [0] }];
  const queue = [0];
  let leaves = 1;
  while (leaves < LEAVES) {
    const id = queue.shift()!;
    const leaf = nodes[id] as LeafNode;
    const left = nodes.length;
    const right = left + 1;
    const split: SplitNode = {
      type: 'split', id, sourceId: id, depth: leaf.depth, parent: leaf.parent, feature: Math.floor(next() * FEATURES), left, right,
      split: { kind: 'numeric', op: '<', threshold: Math.fround(next() * 2 - 1), missing: { mode: 'default', defaultLeft: next() < 0.5 } },
    };
    nodes[id] = split;
    for (const child of [left, right]) nodes.push({ type: 'leaf', id: child, sourceId: child, depth: leaf.depth + 1, parent: id, value: [Math.fround((next() - 0.5) * 0.2)] });
    queue.push(left, right);
    leaves++;
  }
  return { index, outputIndex: 0, weight: 1, nodes };
}

function makeModel(seed: number): TreeModel {
  const next = random(seed);
  return {
    format: 'xgboost', variant: 'generated', fileName: 'generated.json', task: 'binary', objective: 'binary:logistic', classes: ['0', '1'],
    features: Array.from({ length: FEATURES }, (_, index) => ({ index, name: `f${index}`, isNamed: false, kind: 'numeric' as const })),
    numOutputs: 1, trees: Array.from({ length: TREES }, (_, index) => makeTree(index, next)),
    aggregation: { kind: 'sum', base: [0] }, transform: { kind: 'sigmoid', scale: 1 }, arithmetic: { input: 'float32', accumulate: 'float32' },
    assumptions: {}, warnings: [], metadata: {},
  };
}

function retrained(model: TreeModel, seed: number): TreeModel {
  const next = random(seed);
  const copy = structuredClone(model);
  for (const tree of copy.trees) {
    for (const node of tree.nodes) {
      if (node.type === 'split' && node.split.kind === 'numeric' && next() < 0.05) node.split.threshold = Math.fround(node.split.threshold + 0.01);
      if (node.type === 'leaf' && next() < 0.1) node.value = [Math.fround(node.value[0] * 1.1)];
    }
  }
  return copy;
}

function timed(runs: number, step: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    collectGarbage();
    const start = performance.now();
    step();
    times.push(performance.now() - start);
  }
  return median(times);
}

const oldTree = makeModel(12);
const oldModel: PackedModel = packModel(oldTree);
const newModel: PackedModel = packModel(retrained(oldTree, 34));
console.log(`models: ${TREES} trees × ${LEAVES} leaves (${oldModel.forest.nodeCount} nodes each), ${FEATURES} features`);

let summary = diffStructure(oldModel, newModel);
const structuralMs = timed(5, () => (summary = diffStructure(oldModel, newModel)));
console.log(
  `structural diff: ${structuralMs.toFixed(1)} ms (median of 5; goal ≤ 1000 ms: ${structuralMs <= 1000 ? 'met' : 'NOT met'}) — ` +
    `${summary.trees.changed} trees changed, ${summary.nodes.changed} nodes changed`,
);
const packMs = timed(3, () => packModel(oldTree));
console.log(`  reference in the same run: packing one of the models from its node objects ${packMs.toFixed(1)} ms`);

const next = random(56);
const values = new Float64Array(ROWS * FEATURES);
for (let i = 0; i < values.length; i++) values[i] = next() * 2 - 1;
const oldCompiled = compileModel(oldModel);
const newCompiled = compileModel(newModel);
const singleOld = timed(5, () => oldCompiled.predictBatch(values, ROWS));
const singleNew = timed(5, () => newCompiled.predictBatch(values, ROWS));
let changed = 0;
const diffMs = timed(5, () => {
  changed = diffPredictions(oldModel, newModel, { rows: ROWS, oldValues: values, newValues: values }, { oldCompiled, newCompiled }).rows.predictionChanged;
});
const single = (singleOld + singleNew) / 2;
const ratio = diffMs / single;
const overhead = diffMs / (singleOld + singleNew) - 1;
console.log(
  `prediction diff of ${ROWS} rows: ${diffMs.toFixed(1)} ms vs scoring them once ${singleOld.toFixed(1)} ms (old) / ${singleNew.toFixed(1)} ms (new) ` +
    `(medians of 5) → ${ratio.toFixed(2)}× a single scoring (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}; both models must score every row, ` +
    `so 2× is the floor), ${(overhead * 100).toFixed(0)}% beyond the two scorings; ${changed} rows changed class`,
);
