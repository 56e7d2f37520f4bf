import { describe, expect, it } from 'vitest';
import { parseModelText } from '../formats/index';
import { readCorpus } from '../testing/shared';
import { treeShape, type TreeShape } from './layout';
import { nearestOverviewNode, overviewLayout } from './overviewLayout';

/** A shape from (left, right) pairs by node id; [-1, -1] is a leaf. */
const shapeOf = (children: Array<[number, number]>): TreeShape => ({
  left: Int32Array.from(children.map(([left]) => left)),
  right: Int32Array.from(children.map(([, right]) => right)),
});

describe('overview layout', () => {
  it('puts leaves side by side in reading order, one row per depth, each split over its leaves', () => {
    //      0
    //    1   4
    //   2 3 5 6
    //        7 8   (6 splits into 7 and 8)
    const shape = shapeOf([[1, 4], [2, 3], [-1, -1], [-1, -1], [5, 6], [-1, -1], [7, 8], [-1, -1], [-1, -1]]);
    const layout = overviewLayout(shape);
    expect(layout.leafCount).toBe(5);
    expect(layout.maxDepth).toBe(3);
    expect(Array.from(layout.x)).toEqual([2, 0.5, 0, 1, 3, 2, 3.5, 3, 4]);
    expect(Array.from(layout.depth)).toEqual([0, 1, 2, 2, 1, 2, 2, 3, 3]);
    expect(Array.from(layout.parent)).toEqual([-1, 0, 1, 1, 0, 4, 4, 6, 6]);
    expect(Array.from(layout.isLeaf)).toEqual([0, 0, 1, 1, 0, 1, 0, 1, 1]);
  });

  it('lays out a 5,000-deep chain without recursion', () => {
    const children: Array<[number, number]> = [];
    for (let id = 0; id < 5000; id++) children.push([2 * id + 1, 2 * id + 2]);
    // Node ids: split k has leaf 2k+1 on the left and the next split 2k+2 on the right; the last is a leaf.
    const shape = { left: new Int32Array(10_001).fill(-1), right: new Int32Array(10_001).fill(-1) };
    for (let k = 0; k < 5000; k++) {
      shape.left[2 * k] = 2 * k + 1;
      shape.right[2 * k] = 2 * k + 2;
    }
    const layout = overviewLayout(shape);
    expect(layout.maxDepth).toBe(5000);
    expect(layout.leafCount).toBe(5001);
    expect(layout.depth[10_000]).toBe(5000);
  });

  it('matches the depths a Spark dump writes as indentation, and finds the node under a click', () => {
    const relative = 'spark/mllib_dt_banknote_depth5.txt';
    const model = parseModelText(readCorpus(relative), relative);
    const tree = model.trees[0];
    const layout = overviewLayout(treeShape(tree));
    for (const node of tree.nodes) expect(layout.depth[node.id]).toBe(node.depth);
    expect(layout.leafCount).toBe(tree.nodes.filter((node) => node.type === 'leaf').length);
    // Every node is found at its own place; between rows and far from any node, none is.
    for (const node of tree.nodes) expect(nearestOverviewNode(layout, layout.x[node.id], layout.depth[node.id], 0.25)).toBe(node.id);
    expect(nearestOverviewNode(layout, layout.x[0], 0.7, 0.25)).toBe(-1);
    expect(nearestOverviewNode(layout, layout.leafCount + 5, 1, 0.25)).toBe(-1);
  });
});
