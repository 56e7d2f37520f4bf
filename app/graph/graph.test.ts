import { describe, expect, it } from 'vitest';
import { parseModelText } from '../formats/index';
import type { LeafNode, SplitNode, Tree, TreeModel } from '../model/types';
import { linkTree } from '../model/tree';
import { readCorpus } from '../testing/shared';
import { layoutTree } from './layout';
import { branchCondition, readableNumber, ruleText } from './rules';
import { parseSearchQuery, searchNodes } from './search';
import { filterAndSortTrees, summarizeTrees } from './treeSummary';
import {
  collapsedAtDepth,
  depthForBudget,
  expandNode,
  expandToDepth,
  initialCollapsed,
  revealNode,
  subtreeSizes,
  visibleNodeIds,
} from './visibility';

const open = (relative: string): TreeModel => parseModelText(readCorpus(relative), relative);

/** A complete binary tree of the given depth in pre-order ids, as Spark numbers its nodes. */
function completeTree(depth: number): Tree {
  const nodes: Array<SplitNode | LeafNode> = [];
  const build = (level: number): number => {
    const id = nodes.length;
    if (level === depth) {
      nodes.push({ id, sourceId: id, depth: 0, parent: -1, type: 'leaf', value: [id] });
      return id;
    }
    const node: SplitNode = {
      id, sourceId: id, depth: 0, parent: -1, type: 'split', feature: level % 3,
      split: { kind: 'numeric', op: '<=', threshold: level + 0.5, missing: { mode: 'compare' } }, left: -1, right: -1,
    };
    nodes.push(node);
    node.left = build(level + 1);
    node.right = build(level + 1);
    return id;
  };
  build(0);
  expect(linkTree(nodes)).toBeUndefined();
  return { index: 0, outputIndex: 0, weight: 1, nodes };
}

describe('rule text', () => {
  const banknote = open('spark/mllib_dt_banknote_depth5.txt');
  const tree = banknote.trees[0];

  it('reads the path from the root as the file writes it, with true minus signs', () => {
    // Node 7 is the `If (feature 1 <= -4.6145)` under `Else (feature 2 > 6.6779)` (pre-order).
    expect(ruleText(banknote, tree, 7)).toBe('feature 0 ≤ 0.23874 and feature 1 ≤ 7.2797 and feature 0 ≤ −0.36279 and feature 2 > 6.6779');
    expect(ruleText(banknote, tree, 0)).toBe('(root: every row)');
  });

  it('writes categorical sets in full and XGBoost strict comparisons with their missing side', () => {
    const categorical = open('spark/ml_dt_classifier_spark2x_categorical_with_prefix_line.txt');
    expect(ruleText(categorical, categorical.trees[0], 2)).toBe('feature 2 ≤ 481.5 and feature 23 ∈ {1}');
    const xgboost = open('xgboost/xgbfir_iris_multiclass_with_stats.txt');
    const root = xgboost.trees[1].nodes[0] as SplitNode;
    // `missing=1` is the `yes` child: missing values go left with `<`.
    expect(branchCondition(xgboost, root, 'left')).toBe('petal_length_(cm) < 2.45 or missing');
    expect(branchCondition(xgboost, root, 'right')).toBe('petal_length_(cm) ≥ 2.45');
    expect(readableNumber(-3.25116e-9)).toBe('−3.25116e-9');
    expect(searchNodes(xgboost, xgboost.trees[1], '2.45')).toEqual([0]);
  });
});

describe('search', () => {
  const banknote = open('spark/mllib_dt_banknote_depth5.txt');
  const tree = banknote.trees[0];

  it('understands ids, numbers and feature names', () => {
    expect(parseSearchQuery('#12')).toEqual({ kind: 'node', id: 12 });
    expect(parseSearchQuery('  ')).toEqual({ kind: 'empty' });
    expect(parseSearchQuery('−0.36')).toMatchObject({ kind: 'number', value: -0.36 });
    expect(parseSearchQuery('Feature 2')).toEqual({ kind: 'feature', text: 'feature 2' });
  });

  it('finds splits on a feature in reading order, and thresholds by prefix', () => {
    const onFeature2 = searchNodes(banknote, tree, 'feature 2');
    expect(onFeature2[0]).toBe(3);
    expect(onFeature2.every((id) => (tree.nodes[id] as SplitNode).feature === 2)).toBe(true);
    expect(onFeature2).toEqual([...onFeature2].sort((a, b) => a - b));
    expect(searchNodes(banknote, tree, '-0.3627')).toEqual([2]);
    expect(searchNodes(banknote, tree, '#5')).toEqual([5]);
    expect(searchNodes(banknote, tree, '#999')).toEqual([]);
    expect(searchNodes(banknote, tree, 'no such feature')).toEqual([]);
  });
});

describe('drawn-node budget', () => {
  const opened = (tree: Tree) => visibleNodeIds(tree, initialCollapsed(tree)).length;
  const big = completeTree(15); // 65,535 nodes

  it('opens a big or wide tree on its top levels, narrow enough to read, and a small narrow one whole', () => {
    expect(depthForBudget(big, 600)).toBe(8); // 511 nodes down to depth 8 fit; 1,023 down to depth 9 do not
    const opened = visibleNodeIds(big, initialCollapsed(big, 12, 600));
    expect(opened).toHaveLength(15); // depth 3 is 8 nodes wide; depth 4 would be 16
    expect(visibleNodeIds(big, initialCollapsed(big, 1000, 600)).length).toBeLessThanOrEqual(600);
    const small = completeTree(4); // 31 nodes, 16 leaves wide
    expect(visibleNodeIds(small, initialCollapsed(small))).toHaveLength(small.nodes.length);
    // Small but 64 leaves wide (a depth-6 XGBoost tree): opens to the readable frontier, not whole.
    expect(visibleNodeIds(completeTree(6), initialCollapsed(completeTree(6)))).toHaveLength(15);
    expect(depthForBudget(completeTree(3), 600)).toBe(Infinity);
  });

  it('expanding a node reveals a bounded number of new nodes', () => {
    const collapsed = collapsedAtDepth(big, 4);
    const before = visibleNodeIds(big, collapsed).length;
    const frontier = [...collapsed][0];
    const after = visibleNodeIds(big, expandNode(big, collapsed, frontier, 250)).length;
    expect(after - before).toBeGreaterThan(2);
    expect(after - before).toBeLessThanOrEqual(250);
  });

  it('limits expand-to-depth and says how many nodes were asked for', () => {
    const expansion = expandToDepth(big, 14, 2000);
    expect(expansion.asked).toBe(2 ** 15 - 1);
    expect(expansion.drawn).toBeLessThanOrEqual(2000);
    expect(visibleNodeIds(big, expansion.collapsed)).toHaveLength(expansion.drawn);
  });

  it('reveals a deep node by opening its ancestors only', () => {
    const collapsed = initialCollapsed(big);
    const deepest = big.nodes.length - 1;
    const revealed = revealNode(big, collapsed, deepest);
    const visible = visibleNodeIds(big, revealed);
    expect(visible).toContain(deepest);
    expect(visible.length).toBeLessThan(opened(big) + 2 * 15);
    expect(subtreeSizes(big)[0]).toBe(big.nodes.length);
  });

  it('lays out only the drawn nodes, parents above children', () => {
    const collapsed = initialCollapsed(big, 1000, 600);
    const layout = layoutTree(big, { collapsed });
    expect(layout.ids.length).toBe(visibleNodeIds(big, collapsed).length);
    for (let index = 1; index < layout.ids.length; index++) {
      const parentIndex = Array.prototype.indexOf.call(layout.ids, layout.parents[index]);
      expect(layout.y[parentIndex]).toBeLessThan(layout.y[index]);
    }
  });
});

describe('ensemble navigator rows', () => {
  it('sizes every tree of a random forest and filters and sorts them', () => {
    const forest = open('spark/ml_rf_classifier_spark201_4class_3trees.txt');
    const rows = summarizeTrees(forest);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ index: 0, nodes: 15, leaves: 8, depth: 3 });
    const bySize = filterAndSortTrees(rows, {}, 'nodes');
    expect(bySize.map((row) => row.nodes)).toEqual([...rows.map((row) => row.nodes)].sort((a, b) => b - a));
    expect(filterAndSortTrees(rows, { text: '1-2' }, 'index').map((row) => row.index)).toEqual([1, 2]);
    expect(filterAndSortTrees(rows, { text: 'nodes>100' }, 'index')).toEqual([]);
  });
});

describe('compact numbers for node boxes', () => {
  it('rounds only long decimals, and leaves short ones exact', async () => {
    const { compactNumber } = await import('./labels');
    expect(compactNumber('0.45000000000000007')).toBe('0.45');
    expect(compactNumber('-0.18208246215432')).toBe('-0.182082');
    expect(compactNumber('0.23874')).toBe('0.23874');
    expect(compactNumber('1e-35')).toBe('1e-35');
    expect(compactNumber('12345678')).toBe('12345678');
  });
});

describe('SVG export', () => {
  it('writes a standalone SVG of the region with escaped labels, leaving out what lies outside', async () => {
    const { treeToSvg } = await import('./svgExport');
    const svg = treeToSvg(
      [
        { id: 0, x: 0, y: 0, kind: 'split', lines: ['a<b', '<= 0.5'] },
        { id: 1, x: 5000, y: 5000, kind: 'leaf', lines: ['Predict: 1.0'], color: '#4e79a7' },
      ],
      [{ fromX: 90, fromY: 72, toX: 90, toY: 148, label: '<= 0.5', missing: 'explicit', strokeWidth: 2 }],
      { x: -10, y: -10, width: 400, height: 300 },
      'tree 0',
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('>missing<');
    expect(svg).not.toContain('Predict: 1.0');
    expect(svg).not.toContain('foreignObject');
  });
});
