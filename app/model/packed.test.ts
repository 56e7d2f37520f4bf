/**
 * The packed form holds every model exactly: node objects → columns → binary file → columns →
 * node objects gives back what the adapter made, for every corpus model, reference case and
 * fixture the adapters read. The adapter's own `TreeModel` is the oracle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelParseError, parseModelText, parsePackedModel } from '../formats';
import { CORPUS_DIR, REFERENCE_DIR } from '../testing/shared';
import { ForestBuilder, packModel } from './forestBuilder';
import { treeAt, treeFacts, treeShape, unpackModel } from './materialize';
import { PackedModelError, decodePackedModel, decodePackedModelLazily, encodePackedModel, packedHeadLength } from './packedCodec';
import type { TreeModel } from './types';
import { forestDepths, summarizeModel } from './tree';
import { FLAG_IN_SET_LEFT, NODE_CATEGORICAL, NODE_LEAF, NODE_NUMERIC, type PackedForest } from './packed';
import { summarizeTrees } from '../graph/treeSummary';
import { viewOfPacked } from './modelView';
import { featureDomains } from '../analysis/domains';
import { hasLinearLeaves } from '../analysis/candidates';

const REPO = join(import.meta.dirname, '..', '..');
const MODEL_FILE = /\.(txt|json)$/;
const NOT_A_MODEL = /(predictions|pred_leaves|margin|pred|data|meta|expected_[a-z_]+|input_[a-z_]+)\.(txt|json|csv)$/;

function modelFiles(): string[] {
  const files: string[] = [];
  for (const folder of ['spark', 'lightgbm', 'xgboost', 'sklearn']) {
    for (const file of readdirSync(join(CORPUS_DIR, folder)).sort()) files.push(join(CORPUS_DIR, folder, file));
  }
  for (const root of [REFERENCE_DIR, join(REPO, 'fixtures', 'reference'), join(REPO, 'app', 'formats', 'xgboost', 'fixtures')]) {
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      for (const file of readdirSync(join(root, entry.name)).sort()) files.push(join(root, entry.name, file));
    }
  }
  return files.filter((file) => MODEL_FILE.test(file) && !NOT_A_MODEL.test(file));
}

const models: [string, TreeModel, string][] = [];
for (const file of modelFiles()) {
  try {
    const text = readFileSync(file, 'utf8');
    models.push([file.replace(`${REPO}/`, '').replace(/^.*\/shared\//, 'shared/'), parseModelText(text, file), text]);
  } catch (error) {
    // Fragments, DOT drawings and other files the adapters refuse are their own tests' business.
    if (!(error instanceof ModelParseError)) throw error;
  }
}

/** What a model overview shows, counted over node objects in model order (the oracle of `summarizeModel`). */
function summaryFromNodes(model: TreeModel) {
  const splits = new Map<number, number>();
  const gains = new Map<number, number>();
  let hasGain = false;
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type !== 'split') continue;
      splits.set(node.feature, (splits.get(node.feature) ?? 0) + 1);
      if (node.stats?.gain !== undefined) {
        hasGain = true;
        gains.set(node.feature, (gains.get(node.feature) ?? 0) + node.stats.gain);
      }
    }
  }
  const nodes = model.trees.flatMap((tree) => tree.nodes);
  return {
    trees: model.trees.length,
    nodes: nodes.length,
    leaves: nodes.filter((node) => node.type === 'leaf').length,
    maxDepth: Math.max(...nodes.map((node) => node.depth)),
    importance: [...splits]
      .map(([feature, count]) => ({ feature, splits: count, gain: hasGain ? (gains.get(feature) ?? 0) : undefined }))
      .sort((a, b) => b.splits - a.splits || a.feature - b.feature),
  };
}

/** Per split feature: how many splits test it, its distinct finite thresholds and its categories, ascending (oracle of `featureDomains`). */
function splitFactsFromNodes(model: TreeModel): Map<number, { splits: number; thresholds: number[]; categories: number[] }> {
  const facts = new Map<number, { splits: number; thresholds: Set<number>; categories: Set<number> }>();
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type !== 'split') continue;
      const entry = facts.get(node.feature) ?? { splits: 0, thresholds: new Set<number>(), categories: new Set<number>() };
      entry.splits++;
      if (node.split.kind === 'numeric' && Number.isFinite(node.split.threshold)) entry.thresholds.add(node.split.threshold === 0 ? 0 : node.split.threshold);
      if (node.split.kind === 'categorical') for (const category of node.split.categories) entry.categories.add(category);
      facts.set(node.feature, entry);
    }
  }
  const ascending = (values: Set<number>) => [...values].sort((a, b) => a - b);
  return new Map([...facts].map(([feature, entry]) => [feature, { splits: entry.splits, thresholds: ascending(entry.thresholds), categories: ascending(entry.categories) }]));
}

describe('packed form', () => {
  it('reads the whole corpus, every reference case and fixture', () => {
    // A guard against a silently empty loop: these folders hold well over 60 readable models.
    expect(models.length).toBeGreaterThan(60);
  });

  for (const [name, model, text] of models) {
    it(`round-trips ${name}`, () => {
      const packed = packModel(model);
      // Readers that pack as they read (LightGBM model.txt) give the same columns as packing their node objects.
      expect(parsePackedModel(text, model.fileName)).toEqual(packed);
      expect(packed.forest.treeCount).toBe(model.trees.length);
      expect(unpackModel(packed)).toEqual(model);
      const decoded = decodePackedModel(encodePackedModel(packed));
      expect(unpackModel(decoded)).toEqual(model);
      const last = model.trees.length - 1;
      const facts = treeFacts(decoded.forest, last);
      const tree = model.trees[last];
      expect(facts).toEqual({
        nodes: tree.nodes.length,
        leaves: tree.nodes.filter((node) => node.type === 'leaf').length,
        depth: Math.max(...tree.nodes.map((node) => node.depth)),
      });
      // The summaries read the columns; the adapter's node objects are the oracle.
      expect(summarizeModel(decoded)).toEqual(summaryFromNodes(model));
      expect(Array.from(forestDepths(decoded.forest))).toEqual(model.trees.flatMap((t) => t.nodes.map((node) => node.depth)));
      expect(hasLinearLeaves(viewOfPacked(decoded))).toBe(model.trees.some((t) => t.nodes.some((node) => node.type === 'leaf' && node.linear !== undefined)));
      const domains = featureDomains(decoded);
      for (const [feature, expected] of splitFactsFromNodes(model)) {
        expect(domains[feature].splitCount).toBe(expected.splits);
        expect(domains[feature].thresholds).toEqual(expected.thresholds);
        expect(domains[feature].categories.map((category) => category.code)).toEqual(expected.categories);
      }
      expect(summarizeTrees(viewOfPacked(decoded))).toEqual(
        model.trees.map((t) => ({
          index: t.index,
          outputIndex: t.outputIndex,
          nodes: t.nodes.length,
          leaves: t.nodes.filter((node) => node.type === 'leaf').length,
          depth: Math.max(...t.nodes.map((node) => node.depth)),
        })),
      );
    });
  }

  it('packs the same whether the node count was reserved exactly, too high, too low or not at all', () => {
    const [, model] = models.find(([, candidate]) => candidate.trees.length > 3 && candidate.trees.some((tree) => tree.nodes.some((node) => node.stats)))!;
    const nodes = model.trees.reduce((sum, tree) => sum + tree.nodes.length, 0);
    const packWith = (reserve?: number) => {
      const builder = new ForestBuilder();
      if (reserve !== undefined) builder.reserve(reserve);
      for (const tree of model.trees) builder.addTree(tree);
      return builder.finish();
    };
    const expected = packWith();
    for (const reserve of [nodes, nodes * 3, Math.floor(nodes / 3), 0]) {
      const forest = packWith(reserve);
      expect(forest).toEqual(expected);
      expect(forest.kind.buffer.byteLength).toBe(nodes); // trimmed to size: no capacity left over
    }
  });

  it('keeps -0, ±Infinity and NaN in thresholds, values and the header', () => {
    const model: TreeModel = {
      ...models[0][1],
      metadata: { note: 'ünïcode ✓ 🌲' },
      assumptions: { base_score: Infinity },
      trees: [
        {
          index: 0,
          outputIndex: 0,
          weight: 1,
          nodes: [
            { type: 'split', id: 0, sourceId: 0, depth: 0, parent: -1, feature: 0, split: { kind: 'numeric', op: '<=', threshold: Infinity, missing: { mode: 'compare' } }, left: 1, right: 2 },
            { type: 'leaf', id: 1, sourceId: 1, depth: 1, parent: 0, value: [-0] },
            { type: 'leaf', id: 2, sourceId: 2, depth: 1, parent: 0, value: [NaN], stats: { gain: -Infinity } },
          ],
        },
      ],
    };
    const back = unpackModel(decodePackedModel(encodePackedModel(packModel(model))));
    expect(back).toEqual(model);
    expect(Object.is((back.trees[0].nodes[1] as { value: number[] }).value[0], -0)).toBe(true);
  });

  it('makes one tree at a time without unpacking the rest', () => {
    const [, model] = models.find(([, candidate]) => candidate.trees.length > 50)!;
    const packed = packModel(model);
    expect(treeAt(packed, 37)).toEqual(model.trees[37]);
    expect(() => treeAt(packed, model.trees.length)).toThrow(RangeError);
  });
});

describe('packed file: damaged input is a typed error', () => {
  const [, model] = models.find(([, candidate]) => candidate.trees.length > 5 && candidate.format === 'lightgbm')!;
  const good = encodePackedModel(packModel(model));

  function damaged(change: (bytes: Uint8Array, view: DataView) => void): Uint8Array {
    const bytes = good.slice();
    change(bytes, new DataView(bytes.buffer));
    return bytes;
  }

  function directoryOf(bytes: Uint8Array): { text: string; end: number } {
    const length = new DataView(bytes.buffer).getUint32(8, true);
    return { text: Buffer.from(bytes.subarray(12, 12 + length)).toString('utf8'), end: 12 + length };
  }

  /** Rewrites the directory JSON (same length, padded with spaces), so offsets stay valid. */
  function withDirectory(edit: (text: string) => string): Uint8Array {
    const bytes = good.slice();
    const { text, end } = directoryOf(bytes);
    const next = edit(text);
    expect(next.length).toBeLessThanOrEqual(text.length);
    bytes.set(Buffer.from(next.padEnd(text.length, ' '), 'utf8'), 12);
    expect(12 + Buffer.byteLength(next.padEnd(text.length, ' '))).toBe(end);
    return bytes;
  }

  const cases: [string, () => Uint8Array, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), /too short/],
    ['another file type', () => damaged((bytes) => bytes.set([0x7b, 0x22, 0x61, 0x22])), /does not start with "SPKM"/],
    ['a newer version', () => damaged((_, view) => view.setUint32(4, 99, true)), /version 99/],
    ['a directory longer than the file', () => damaged((_, view) => view.setUint32(8, 0x7fffffff, true)), /past the end/],
    ['a truncated file', () => good.slice(0, good.length - 64), /outside the file/],
    ['a node count the columns do not have', () => withDirectory((text) => text.replace(/"nodeCount":(\d+)/, (_, digits: string) => `"nodeCount":${'9'.repeat(digits.length)}`)), /entries, expected 9+/],
    ['an unknown column', () => withDirectory((text) => text.replace('"flags"', '"flagz"')), /unknown column "flagz"/],
    ['a wrong column type', () => withDirectory((text) => text.replace('"value","f64"', '"value","i32"')), /has type i32/],
    [
      'a child outside its tree',
      () => {
        const decoded = decodePackedModel(good);
        const bytes = good.slice();
        const offset = decoded.forest.left.byteOffset - good.byteOffset;
        new DataView(bytes.buffer).setInt32(offset, 1e6, true);
        return bytes;
      },
      /child 1000000 is not a node of the tree/,
    ],
    [
      'a cycle',
      () => {
        const decoded = decodePackedModel(good);
        const bytes = good.slice();
        const offset = decoded.forest.left.byteOffset - good.byteOffset;
        new DataView(bytes.buffer).setInt32(offset, 0, true);
        return bytes;
      },
      /reached twice/,
    ],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      const bytes = make();
      expect(() => decodePackedModel(bytes)).toThrow(PackedModelError);
      expect(() => decodePackedModel(bytes)).toThrow(message);
    });
  }

  it('read lazily (an exported service): the head alone gives the header and counts; columns come on first use, once', () => {
    const headLength = packedHeadLength(good, good.length);
    expect(packedHeadLength(good.subarray(0, 5), good.length)).toBe(12);
    expect(headLength).toBe(12 + new DataView(good.buffer).getUint32(8, true));
    let loads = 0;
    const lazy = decodePackedModelLazily(good.slice(0, headLength), good.length, () => (loads++, good));
    const eager = decodePackedModel(good);
    expect(lazy.header).toEqual(eager.header);
    expect([lazy.forest.treeCount, lazy.forest.nodeCount, loads]).toEqual([eager.forest.treeCount, eager.forest.nodeCount, 0]);
    expect(lazy.forest.left).toEqual(eager.forest.left);
    expect(lazy.forest.value).toEqual(eager.forest.value);
    expect(loads).toBe(1);
    // A head cut short, a damaged head, and a file that no longer holds the model its head described.
    expect(() => decodePackedModelLazily(good.slice(0, headLength - 1), good.length, () => good)).toThrow(/runs past the \d+ bytes read/);
    expect(() => decodePackedModelLazily(good.slice(0, headLength), 64, () => good)).toThrow(/runs past the end of the file \(64 bytes\)/);
    const other = encodePackedModel(packModel(models.find(([, candidate]) => candidate.trees.length !== model.trees.length)![1]));
    const swapped = decodePackedModelLazily(good.slice(0, headLength), good.length, () => other);
    expect(() => swapped.forest.kind).toThrow(/the file now holds \d+ trees and \d+ nodes, not the \d+ and \d+ it held when first read/);
  });
});

describe('forestDepths and treeShape', () => {
  it('walk each tree from its root once: unreached rows stay -1, a row two splits point at keeps its first depth', () => {
    // Two trees by hand, as a damaged file could link them. Tree 0: 0 → (1, 2), 2 → (1, 3), row 4 unreached.
    // Tree 1: 0 → (1, 0), a link back to its own root, and a child id past the tree's end.
    const forest = {
      treeCount: 2,
      nodeCount: 7,
      treeNodeStart: Int32Array.from([0, 5, 7]),
      kind: Uint8Array.from([NODE_NUMERIC, NODE_LEAF, NODE_NUMERIC, NODE_LEAF, NODE_LEAF, NODE_NUMERIC, NODE_LEAF]),
      left: Int32Array.from([1, -1, 1, -1, -1, 1, -1]),
      right: Int32Array.from([2, -1, 3, -1, -1, 9, -1]),
    } as unknown as PackedForest;
    expect(Array.from(forestDepths(forest))).toEqual([0, 1, 1, 2, -1, 0, 1]);
    expect(treeShape(forest, 0)).toEqual({ depth: Int32Array.from([0, 1, 1, 2, -1]), parent: Int32Array.from([-1, 0, 0, 2, -1]) });
    expect(treeShape(forest, 1)).toEqual({ depth: Int32Array.from([0, 1]), parent: Int32Array.from([-1, 0]) });
  });
});

describe('ForestBuilder', () => {
  it('refuses nodes outside a tree and an unfinished tree', () => {
    const builder = new ForestBuilder();
    expect(() => builder.addPlainLeaf(0, 1)).toThrow(/outside/);
    builder.beginTree(0, 1);
    builder.addPlainLeaf(0, 1);
    expect(() => builder.finish()).toThrow(/inside a tree/);
    builder.endTree();
    expect(builder.finish().nodeCount).toBe(1);
  });

  it('makes the same rows from columns (addRows) as row by row (addRow)', () => {
    // Three trees: no statistics and no position; then gains and counts appear (the columns are made
    // late, earlier rows NaN) with a categorical split; then a tree of one leaf.
    type Tree = {
      kind: number[];
      flags: number[];
      feature: number[];
      left: number[];
      right: number[];
      value: number[];
      categories: (number[] | undefined)[];
      gain?: number[];
      count?: number[];
      line: number;
    };
    const trees: Tree[] = [
      { kind: [NODE_NUMERIC, NODE_LEAF, NODE_LEAF], flags: [8, 0, 0], feature: [2, -1, -1], left: [1, -1, -1], right: [2, -1, -1], value: [0.5, -1, 1], categories: [], line: 0 },
      {
        kind: [NODE_CATEGORICAL, NODE_NUMERIC, NODE_LEAF, NODE_LEAF, NODE_LEAF],
        flags: [FLAG_IN_SET_LEFT, 0, 0, 0, 0],
        feature: [0, 1, -1, -1, -1],
        left: [1, 2, -1, -1, -1],
        right: [4, 3, -1, -1, -1],
        value: [0, -0, 3, 4, 5],
        categories: [[1, 7, 40]],
        gain: [9, 8, NaN, NaN, NaN],
        count: [10, 6, 2, 4, 4],
        line: 12,
      },
      { kind: [NODE_LEAF], flags: [0], feature: [-1], left: [-1], right: [-1], value: [Infinity], categories: [], count: [3], line: 30 },
    ];
    for (const keepsDetails of [true, false]) {
      const byRow = new ForestBuilder(keepsDetails);
      const byColumns = new ForestBuilder(keepsDetails);
      for (const tree of trees) {
        const size = tree.kind.length;
        byRow.beginTree(0, 1);
        for (let row = 0; row < size; row++) {
          byRow.addRow(tree.kind[row], tree.flags[row], tree.feature[row], tree.left[row], tree.right[row], tree.value[row], row, tree.categories[row], tree.gain?.[row], tree.count?.[row], undefined, undefined, tree.line, 1);
        }
        byRow.endTree();
        // Split rows and leaf rows in two calls, as the LightGBM reader makes them; leaves with one value for all rows.
        const splits = tree.kind.filter((kind) => kind !== NODE_LEAF).length;
        byColumns.beginTree(0, 1);
        byColumns.addRows({
          count: splits,
          kind: tree.kind,
          flags: tree.flags,
          feature: tree.feature,
          left: tree.left,
          right: tree.right,
          value: tree.value,
          sourceStart: 0,
          categoriesOf: (row) => tree.categories[row]!,
          gain: tree.gain,
          nodeCount: tree.count,
          line: tree.line,
          column: 1,
        });
        byColumns.addRows({
          count: size - splits,
          kind: NODE_LEAF,
          flags: 0,
          feature: -1,
          left: -1,
          right: -1,
          value: tree.value.slice(splits),
          sourceStart: splits,
          gain: tree.gain?.slice(splits),
          nodeCount: tree.count?.slice(splits),
          line: tree.line,
          column: 1,
        });
        byColumns.endTree();
      }
      const expected = byRow.finish();
      expect(byColumns.finish()).toEqual(expected);
      expect(expected.nodeCount).toBe(9);
      expect(expected.gain === undefined).toBe(!keepsDetails);
    }
  });
});
