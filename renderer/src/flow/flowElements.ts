import { Position, type NodeHandle } from '@xyflow/react';
import type { ShapeLayout } from '../../../app/graph/layout';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../app/graph/layout';
import { branchLabel, featureName, leafLabel, missingSide, splitLabel, splitTestLabel } from '../../../app/graph/labels';
import type { LeafNode, NodeStats, SplitNode, Tree, TreeModel } from '../../../app/model/types';
import type { TreeFacts } from '../store/derived';
import type { BranchFlowEdge } from '../components/BranchEdge';
import type { TreeFlowNode } from '../components/TreeNodes';

/** Class colours (colour-blind-safe Tableau 10 order). */
export const CLASS_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

// Declared once: every node has one target handle on top and one source handle at the bottom, so
// React Flow can route edges without measuring the DOM (PERFORMANCE.md: 5–11× faster first paint).
const HANDLES: NodeHandle[] = [
  { id: null, type: 'target', position: Position.Top, x: NODE_WIDTH / 2 - 1, y: -1, width: 2, height: 2 },
  { id: null, type: 'source', position: Position.Bottom, x: NODE_WIDTH / 2 - 1, y: NODE_HEIGHT - 1, width: 2, height: 2 },
];

// Made once: `toLocaleString` with options makes a formatter on every call (each drawn node's
// statistics line formats two or three numbers).
const INTEGERS = new Intl.NumberFormat('en');
const DECIMALS = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });

/** Short number for statistics lines: 4 significant digits, thousands separated. */
export function statNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return INTEGERS.format(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e9)) return value.toExponential(2);
  return DECIMALS.format(Number(value.toPrecision(4)));
}

/**
 * `n 1,204 · gain 72.3`: the rows reaching the node (count, else cover) and the split gain, what fits
 * a node box; everything else the format has is in the details panel.
 */
export function statsLine(stats: NodeStats | undefined): string {
  if (!stats) return '';
  const parts: string[] = [];
  if (stats.count !== undefined) parts.push(`n ${statNumber(stats.count)}`);
  else if (stats.cover !== undefined) parts.push(`cover ${statNumber(stats.cover)}`);
  if (stats.gain !== undefined) parts.push(`gain ${statNumber(stats.gain)}`);
  return parts.join(' · ');
}

/** True when a leaf's single value is a class index (Spark classifiers). */
export function leafValueIsClass(model: TreeModel): boolean {
  return model.format === 'spark' && (model.task === 'binary' || model.task === 'multiclass') && model.aggregation.kind !== 'sum';
}

/** The class a leaf predicts, when it predicts one. */
export function leafClass(model: TreeModel, leaf: LeafNode): number | undefined {
  if (leaf.classIndex !== undefined) return leaf.classIndex;
  if (leafValueIsClass(model)) return leaf.value[0];
  if (model.aggregation.kind === 'distribution' && leaf.value.length > 1) {
    let best = 0;
    for (let index = 1; index < leaf.value.length; index++) if (leaf.value[index] > leaf.value[best]) best = index;
    return best;
  }
  return undefined;
}

/** A leaf's colour: its class, else its value on a blue (negative) to orange (positive) scale. */
export function leafColor(model: TreeModel, leaf: LeafNode, facts: TreeFacts): string {
  const classIndex = leafClass(model, leaf);
  if (classIndex !== undefined) return CLASS_COLORS[classIndex % CLASS_COLORS.length];
  if (leaf.value.length !== 1 || !Number.isFinite(leaf.value[0])) return '#98a2b3';
  const value = leaf.value[0];
  const crossesZero = facts.minLeaf < 0 && facts.maxLeaf > 0;
  const reach = crossesZero ? Math.max(-facts.minLeaf, facts.maxLeaf) : facts.maxLeaf - facts.minLeaf;
  const strength = reach > 0 ? (crossesZero ? Math.abs(value) / reach : (value - facts.minLeaf) / reach) : 0.5;
  const hue = crossesZero && value < 0 ? 212 : 28;
  return `hsl(${hue} 70% ${Math.round(80 - 35 * Math.min(1, strength))}%)`;
}

/** What React Flow draws for one layout: typed nodes with their sizes declared, and labelled edges. */
export function buildFlowElements(model: TreeModel, tree: Tree, layout: ShapeLayout, facts: TreeFacts): { nodes: TreeFlowNode[]; edges: BranchFlowEdge[] } {
  const nodes: TreeFlowNode[] = new Array(layout.ids.length);
  const edges: BranchFlowEdge[] = [];
  for (let index = 0; index < layout.ids.length; index++) {
    const node = tree.nodes[layout.ids[index]];
    const common = {
      id: String(node.id),
      position: { x: layout.x[index], y: layout.y[index] },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      handles: HANDLES,
      draggable: false,
      connectable: false,
      selectable: false,
    };
    if (node.type === 'leaf') {
      const label = leafLabel(model, node, 'compact');
      const statsText = statsLine(node.stats);
      nodes[index] = {
        ...common,
        type: 'leaf',
        data: { nodeId: node.id, label, title: `Leaf #${node.id}: ${leafLabel(model, node)}${statsText ? `\n${statsText}` : ''}`, statsText, color: leafColor(model, node, facts) },
      };
    } else {
      const isCollapsed = layout.isCollapsed[index] === 1;
      const statsText = statsLine(node.stats);
      nodes[index] = {
        ...common,
        type: 'split',
        data: {
          nodeId: node.id,
          featureLabel: featureName(model, node.feature),
          testLabel: splitTestLabel(model, node, undefined, 'compact'),
          title: `Split #${node.id}: ${splitLabel(model, node, Infinity)}${statsText ? `\n${statsText}` : ''}`,
          statsText,
          isCollapsed,
          hiddenCount: isCollapsed ? facts.subtreeSizes[node.id] - 1 : 0,
        },
      };
    }
    const parentId = layout.parents[index];
    if (parentId >= 0) edges.push(branchEdge(model, tree.nodes[parentId] as SplitNode, node.id, facts, tree));
  }
  return { nodes, edges };
}

/** Most categories an edge label lists; longer sets read `in set (27)`, the node box and tooltip list them. */
const EDGE_CATEGORIES = 3;

function edgeLabel(model: TreeModel, parent: SplitNode, side: 'left' | 'right'): string {
  const split = parent.split;
  if (split.kind === 'categorical' && split.categories.length > EDGE_CATEGORIES) {
    return side === split.inSetGoes ? `in set (${split.categories.length})` : 'not in set';
  }
  return branchLabel(model, parent, side, EDGE_CATEGORIES, 'compact');
}

function branchEdge(model: TreeModel, parent: SplitNode, child: number, facts: TreeFacts, tree: Tree): BranchFlowEdge {
  const side = parent.left === child ? 'left' : 'right';
  const split = parent.split;
  const implicit = split.kind === 'numeric' && (split.missing.mode === 'compare' || split.missing.mode === 'asZero');
  const weight = facts.weightStat ? tree.nodes[child].stats?.[facts.weightStat] : undefined;
  const share = weight !== undefined && facts.rootWeight > 0 ? Math.max(0, Math.min(1, weight / facts.rootWeight)) : undefined;
  return {
    id: `${parent.id}-${child}`,
    source: String(parent.id),
    target: String(child),
    type: 'branch',
    selectable: false,
    data: {
      label: edgeLabel(model, parent, side),
      missing: missingSide(parent) === side ? (implicit ? 'comparison' : 'explicit') : undefined,
      strokeWidth: share === undefined ? 1.5 : 1 + 9 * Math.sqrt(share),
    },
  };
}
