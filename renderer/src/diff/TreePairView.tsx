import { useEffect, useMemo, useRef, useState } from 'react';
import { treeAt } from '../../../app/model/materialize';
import type { PackedModel } from '../../../app/model/packed';
import type { TreeNode } from '../../../app/model/types';
import { diffTreePair, type TreePairDetail } from '../../../app/diff/structural';

/** Rows drawn per side; past this the view says how many were left out. */
const MAX_ROWS = 3000;

interface Pair {
  output: number;
  position: number;
  oldTree?: number;
  newTree?: number;
}

function nodeText(node: TreeNode, names: string[]): string {
  if (node.type === 'leaf') return `leaf ${node.value.join(', ')}`;
  const feature = names[node.feature] ?? `f${node.feature}`;
  const split = node.split;
  if (split.kind === 'numeric') return `${feature} ${split.op} ${split.threshold}`;
  if (split.kind === 'categorical') return `${feature} in {${split.categories.join(', ')}}`;
  return `${feature} present → ${split.presentGoes}`;
}

/** Pre-order rows (node id, depth) of a tree. */
function preorder(nodes: TreeNode[]): { id: number; depth: number }[] {
  const rows: { id: number; depth: number }[] = [];
  const stack = [0];
  while (stack.length > 0 && rows.length < MAX_ROWS) {
    const id = stack.pop()!;
    const node = nodes[id];
    rows.push({ id, depth: node.depth });
    if (node.type === 'split') stack.push(node.right, node.left);
  }
  return rows;
}

function Side(props: { side: 'old' | 'new'; model: PackedModel; tree?: number; detail: TreePairDetail; current?: number }) {
  const { side, model, tree, detail, current } = props;
  const nodes = useMemo(() => (tree === undefined ? [] : treeAt(model, tree).nodes), [model, tree]);
  const names = useMemo(() => model.header.features.map((f) => f.name), [model]);
  const marks = useMemo(() => {
    const map = new Map<number, { kind: string; index?: number }>();
    detail.nodes.forEach((node, index) => map.set(side === 'old' ? node.oldNode : node.newNode, { kind: 'changed', index }));
    for (const id of side === 'old' ? detail.removed : detail.added) map.set(id, { kind: side === 'old' ? 'removed' : 'added' });
    return map;
  }, [detail, side]);
  if (tree === undefined) return <div className="compare-side" data-testid={`compare-side-${side}`}>(no tree on this side)</div>;
  const rows = preorder(nodes);
  return (
    <div className="compare-side" data-testid={`compare-side-${side}`}>
      <div className="compare-side-title">
        {side} · tree {tree}
      </div>
      {rows.map(({ id, depth }) => {
        const mark = marks.get(id);
        const change = mark?.index !== undefined ? detail.nodes[mark.index] : undefined;
        return (
          <div
            key={id}
            className={`compare-node is-${mark?.kind ?? 'same'}${mark?.index !== undefined && mark.index === current ? ' is-current' : ''}`}
            data-testid="compare-node"
            data-node-id={id}
            data-change-index={mark?.index}
            style={{ paddingLeft: `${depth * 14 + 4}px` }}
          >
            {nodeText(nodes[id], names)}
            {change && side === 'new' && <span className="compare-change"> ({change.changes.map((c) => `${c.kind}: ${c.old} → ${c.new}`).join('; ')})</span>}
          </div>
        );
      })}
      {nodes.length > rows.length && <div className="none">first {rows.length} of {nodes.length} nodes</div>}
    </div>
  );
}

/** One tree pair side by side, every change marked (changed, added, removed), with stepping from change to change. */
export function TreePairView(props: { oldModel: PackedModel; newModel: PackedModel; pair: Pair }) {
  const { oldModel, newModel, pair } = props;
  const detail = useMemo(() => diffTreePair(oldModel, newModel, pair), [oldModel, newModel, pair]);
  const [current, setCurrent] = useState(0);
  const view = useRef<HTMLDivElement>(null);
  useEffect(() => setCurrent(0), [detail]);
  useEffect(() => {
    view.current?.querySelector('.is-current')?.scrollIntoView({ block: 'nearest' });
  }, [current, detail]);
  const count = detail.nodes.length;
  return (
    <div className="compare-tree" data-testid="compare-tree">
      <div className="compare-steps">
        <button type="button" data-testid="compare-prev-change" disabled={count === 0} onClick={() => setCurrent((current - 1 + count) % count)}>
          ◀ Previous change
        </button>
        <span data-testid="compare-change-position">{count === 0 ? 'no changed nodes' : `change ${current + 1} of ${count}`}</span>
        <button type="button" data-testid="compare-next-change" disabled={count === 0} onClick={() => setCurrent((current + 1) % count)}>
          Next change ▶
        </button>
        <span>
          {detail.added.length} added, {detail.removed.length} removed
        </span>
      </div>
      <div className="compare-sides" ref={view}>
        <Side side="old" model={oldModel} tree={pair.oldTree} detail={detail} current={current} />
        <Side side="new" model={newModel} tree={pair.newTree} detail={detail} current={current} />
      </div>
    </div>
  );
}
