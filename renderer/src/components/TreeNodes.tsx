import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

/** Data of a drawn split node. */
export type SplitNodeData = {
  nodeId: number;
  label: string;
  title: string;
  isCollapsed: boolean;
  hiddenCount: number;
};

/** Data of a drawn leaf. */
export type LeafNodeData = {
  nodeId: number;
  label: string;
  title: string;
};

export type SplitFlowNode = Node<SplitNodeData, 'split'>;
export type LeafFlowNode = Node<LeafNodeData, 'leaf'>;
export type TreeFlowNode = SplitFlowNode | LeafFlowNode;

function SplitNodeViewBase({ data }: NodeProps<SplitFlowNode>) {
  return (
    <div className="tree-node split-node" data-testid="tree-node" data-node-id={data.nodeId} data-collapsed={data.isCollapsed} title={data.title}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="node-label">{data.label}</div>
      {data.isCollapsed && <div className="node-collapsed">+{data.hiddenCount} hidden · click to expand</div>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

function LeafNodeViewBase({ data }: NodeProps<LeafFlowNode>) {
  return (
    <div className="tree-node leaf-node" data-testid="tree-node" data-node-id={data.nodeId} title={data.title}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="node-label">{data.label}</div>
    </div>
  );
}

export const SplitNodeView = memo(SplitNodeViewBase);
export const LeafNodeView = memo(LeafNodeViewBase);

/** Defined once, outside components, so React Flow never re-creates its node registry. */
export const nodeTypes = { split: SplitNodeView, leaf: LeafNodeView };
