import { useAppStore } from '../store/store';
import { nodeTrafficCount } from '../store/testingSlice';

/** Under the node details: how many rows of the loaded CSV reach the selected node. */
export function NodeTrafficLine() {
  const count = useAppStore((state) => (state.selectedNode === undefined ? undefined : nodeTrafficCount(state, state.selectedNode)));
  const rows = useAppStore((state) => state.csv?.traffic?.rows);
  if (count === undefined || !rows) return null;
  return (
    <p className="node-traffic" data-testid="node-traffic" data-count={count}>
      {count.toLocaleString('en')} of {rows.toLocaleString('en')} CSV rows ({((100 * count) / rows).toFixed(1)}%) reach this node
    </p>
  );
}
