import { useCallback, useEffect, useMemo, useState } from 'react';
import { Background, Controls, MarkerType, ReactFlow, useReactFlow, type Edge, type NodeMouseHandler } from '@xyflow/react';
import { branchLabel, leafLabel, missingSide, splitLabel } from '../../../app/graph/labels';
import { layoutTree, NODE_HEIGHT, NODE_WIDTH } from '../../../app/graph/layout';
import type { Tree, TreeModel } from '../../../app/model/types';
import { nodeTypes, type TreeFlowNode } from './TreeNodes';

/** How many nodes to draw at first: React Flow slows past about a thousand held nodes (PERFORMANCE.md). */
const INITIAL_NODE_BUDGET = 600;

/** The deepest level whose nodes, with all above it, fit the budget. */
function initialDepth(tree: Tree): number {
  const perDepth: number[] = [];
  for (const node of tree.nodes) perDepth[node.depth] = (perDepth[node.depth] ?? 0) + 1;
  let total = 0;
  for (let depth = 0; depth < perDepth.length; depth++) {
    total += perDepth[depth] ?? 0;
    if (total > INITIAL_NODE_BUDGET) return Math.max(1, depth - 1);
  }
  return Infinity;
}

function subtreeSize(tree: Tree, id: number): number {
  let count = 0;
  const stack = [id];
  while (stack.length) {
    const node = tree.nodes[stack.pop()!];
    count++;
    if (node.type === 'split') stack.push(node.left, node.right);
  }
  return count;
}

interface TreeCanvasProps {
  model: TreeModel;
  treeIndex: number;
}

/** One tree drawn top-down with React Flow: fit to view, zoom, pan; click a split to collapse or expand it. */
export function TreeCanvas({ model, treeIndex }: TreeCanvasProps) {
  const tree = model.trees[treeIndex];
  const [maxDepth, setMaxDepth] = useState(() => initialDepth(tree));
  const [toggled, setToggled] = useState<ReadonlySet<number>>(new Set());
  const { fitView } = useReactFlow();

  useEffect(() => {
    setMaxDepth(initialDepth(tree));
    setToggled(new Set());
  }, [tree]);

  const { nodes, edges } = useMemo(() => {
    // A node beyond the depth limit that the user expanded is in `toggled`; so is a collapsed one above it.
    const collapsed = new Set<number>();
    for (const node of tree.nodes) {
      if (node.type !== 'split') continue;
      const isDeep = node.depth >= maxDepth;
      if (isDeep !== toggled.has(node.id)) collapsed.add(node.id);
    }
    const layout = layoutTree(tree, { collapsed });
    const flowNodes: TreeFlowNode[] = layout.nodes.map((placed) => {
      const node = tree.nodes[placed.id];
      const common = {
        id: String(placed.id),
        position: { x: placed.x, y: placed.y },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        draggable: false,
        connectable: false,
      };
      if (node.type === 'leaf') {
        const label = leafLabel(model, node);
        return { ...common, type: 'leaf', data: { nodeId: node.id, label, title: `node ${node.sourceId}: ${label}` } };
      }
      const label = splitLabel(model, node);
      return {
        ...common,
        type: 'split',
        data: {
          nodeId: node.id,
          label,
          title: `node ${node.sourceId}: ${splitLabel(model, node, Infinity)}`,
          isCollapsed: placed.isCollapsed,
          hiddenCount: placed.isCollapsed ? subtreeSize(tree, node.id) - 1 : 0,
        },
      };
    });
    const flowEdges: Edge[] = layout.edges.map(([parent, child]) => {
      const split = tree.nodes[parent];
      const side = split.type === 'split' && split.left === child ? 'left' : 'right';
      const label = split.type === 'split' ? branchLabel(model, split, side) : '';
      const takesMissing = split.type === 'split' && missingSide(split) === side;
      return {
        id: `${parent}-${child}`,
        source: String(parent),
        target: String(child),
        type: 'smoothstep',
        label: takesMissing ? `${label} · missing` : label,
        markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
        className: takesMissing ? 'edge-missing' : undefined,
        selectable: false,
      };
    });
    return { nodes: flowNodes, edges: flowEdges };
  }, [model, tree, maxDepth, toggled]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ padding: 0.08, maxZoom: 1.2 }));
    return () => cancelAnimationFrame(frame);
  }, [tree, fitView]);

  const onNodeClick = useCallback<NodeMouseHandler<TreeFlowNode>>((_event, node) => {
    if (node.type !== 'split') return;
    const id = Number(node.id);
    setToggled((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  return (
    <ReactFlow<TreeFlowNode, Edge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodeClick={onNodeClick}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      onlyRenderVisibleElements
      minZoom={0.02}
      maxZoom={3}
      fitView
      fitViewOptions={{ padding: 0.08, maxZoom: 1.2 }}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
