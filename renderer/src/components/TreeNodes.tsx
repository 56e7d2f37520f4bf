import { memo, type MouseEvent } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { appStore, useAppStore } from '../store/store';
import { isOnPath, nodeTrafficCount } from '../store/testingSlice';
import { TrafficBadge } from '../testing/TrafficBadge';

/** Data of a drawn split node. */
export type SplitNodeData = {
  nodeId: number;
  featureLabel: string;
  testLabel: string;
  /** Full text for the tooltip (long category sets in full). */
  title: string;
  /** Statistics line (`count 1,204 · gain 72.3`), empty when the format has none. */
  statsText: string;
  isCollapsed: boolean;
  hiddenCount: number;
};

/** Data of a drawn leaf. */
export type LeafNodeData = {
  nodeId: number;
  label: string;
  title: string;
  statsText: string;
  /** Fill colour: by class for classifiers, on a diverging scale by value for scores. */
  color: string;
};

export type SplitFlowNode = Node<SplitNodeData, 'split'>;
export type LeafFlowNode = Node<LeafNodeData, 'leaf'>;
export type TreeFlowNode = SplitFlowNode | LeafFlowNode;

/** Selected, search-match and on-path state of one node: each node subscribes to its own booleans. */
function useNodeState(nodeId: number): string {
  const isSelected = useAppStore((state) => state.selectedNode === nodeId);
  const isMatch = useAppStore((state) => state.searchMatchSet.has(nodeId));
  const onPath = useAppStore((state) => isOnPath(state, nodeId));
  return `${isSelected ? ' is-selected' : ''}${isMatch ? ' is-match' : ''}${onPath ? ' is-on-path' : ''}`;
}

/** Rows of the loaded CSV through this node (traffic overlay), undefined without one. */
function useTraffic(nodeId: number): number | undefined {
  return useAppStore((state) => nodeTrafficCount(state, nodeId));
}

function onToggle(event: MouseEvent, nodeId: number) {
  event.stopPropagation();
  appStore.getState().toggleNode(nodeId);
}

// Text is laid out so that the node's text content reads as one phrase (`feature 0 <= 0.5`): the
// separating spaces sit between the blocks. The node id badge is a CSS ::after, not text.
function SplitNodeViewBase({ data }: NodeProps<SplitFlowNode>) {
  const stateClass = useNodeState(data.nodeId);
  const traffic = useTraffic(data.nodeId);
  return (
    <div
      className={`tree-node split-node${stateClass}`}
      data-testid="tree-node"
      data-node-id={data.nodeId}
      data-on-path={stateClass.includes('is-on-path') ? 'true' : undefined}
      data-traffic={traffic}
      data-kind="split"
      data-collapsed={data.isCollapsed}
      title={data.title}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="node-feature">{data.featureLabel}</div>{' '}
      <div className="node-test">{data.testLabel}</div>
      {data.statsText && (
        <>
          {' '}
          <div className="node-stats">{data.statsText}</div>
        </>
      )}
      {data.isCollapsed && (
        <>
          {' '}
          <div className="node-hidden">+{data.hiddenCount.toLocaleString('en')} nodes</div>
        </>
      )}
      <button
        type="button"
        className="node-toggle nodrag nopan"
        data-testid="node-toggle"
        aria-label={data.isCollapsed ? 'Expand subtree' : 'Collapse subtree'}
        title={data.isCollapsed ? 'Expand subtree' : 'Collapse subtree'}
        onClick={(event) => onToggle(event, data.nodeId)}
        onDoubleClick={(event) => event.stopPropagation()}
      >
        <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
          {data.isCollapsed ? <path d="M2 6h8M6 2v8" /> : <path d="M2 6h8" />}
        </svg>
      </button>
      {traffic !== undefined && <TrafficBadge count={traffic} />}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

function LeafNodeViewBase({ data }: NodeProps<LeafFlowNode>) {
  const stateClass = useNodeState(data.nodeId);
  const traffic = useTraffic(data.nodeId);
  return (
    <div
      className={`tree-node leaf-node${stateClass}`}
      data-testid="tree-node"
      data-node-id={data.nodeId}
      data-on-path={stateClass.includes('is-on-path') ? 'true' : undefined}
      data-path-leaf={stateClass.includes('is-on-path') ? 'true' : undefined}
      data-traffic={traffic}
      data-kind="leaf"
      title={data.title}
      style={{ ['--leaf-color' as string]: data.color }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="node-leaf-value">{data.label}</div>
      {data.statsText && (
        <>
          {' '}
          <div className="node-stats">{data.statsText}</div>
        </>
      )}
      {traffic !== undefined && <TrafficBadge count={traffic} />}
    </div>
  );
}

export const SplitNodeView = memo(SplitNodeViewBase);
export const LeafNodeView = memo(LeafNodeViewBase);

/** Defined once, outside components, so React Flow never re-creates its node registry. */
export const nodeTypes = { split: SplitNodeView, leaf: LeafNodeView };
