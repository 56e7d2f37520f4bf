import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutTree } from '../../../app/graph/layout';
import { collapsedAtDepth, initialCollapsed, visibleNodeIds } from '../../../app/graph/visibility';
import { loadModel } from '../../../app/analysis/models.testkit';
import { corpus } from '../../../app/testing/shared';
import { AT_ONCE_NODES, layoutAtOnce } from './layoutClient';

// The deep Spark tree of the corpus: 13,641 nodes, so its drawn part can be small or big.
const spark = loadModel(readFileSync(corpus('spark/ml_dt_classifier_spark3x_depth30_13641nodes.txt'), 'utf8'), 'spark.txt');
const tree = spark.trees[0];

describe('layoutAtOnce (the canvas lays a small drawn part out in the render that mounts it)', () => {
  it('gives the layout the worker gives for the drawn part the tree opens with', () => {
    const collapsed = initialCollapsed(tree);
    expect(visibleNodeIds(tree, collapsed).length).toBeLessThanOrEqual(AT_ONCE_NODES);
    const layout = layoutAtOnce(tree, collapsed);
    // The worker runs layoutShape on the same shape: layoutTree is that layout, made from the tree.
    expect(layout).toEqual(layoutTree(tree, { collapsed }));
    expect(layout!.ids.length).toBe(visibleNodeIds(tree, collapsed).length);
  });

  it('leaves a bigger drawn part to the worker', () => {
    let depth = 1;
    while (visibleNodeIds(tree, collapsedAtDepth(tree, depth)).length <= AT_ONCE_NODES) depth++;
    expect(layoutAtOnce(tree, collapsedAtDepth(tree, depth))).toBeUndefined();
    expect(layoutAtOnce(tree, new Set())).toBeUndefined();
    const fits = collapsedAtDepth(tree, depth - 1);
    expect(layoutAtOnce(tree, fits)).toEqual(layoutTree(tree, { collapsed: fits }));
  });
});
