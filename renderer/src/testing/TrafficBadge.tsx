import { statNumber } from '../flow/flowElements';

/** Rows of the loaded CSV through a node, drawn in the node's corner (traffic overlay). */
export function TrafficBadge({ count }: { count: number }) {
  return (
    <div className="traffic-badge" data-testid="traffic-badge" title={`${count.toLocaleString('en')} CSV rows pass through this node`}>
      {statNumber(count)} rows
    </div>
  );
}
