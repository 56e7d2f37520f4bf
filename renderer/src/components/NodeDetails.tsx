import { featureName, formatNumber, leafLabel, splitLabel } from '../../../app/graph/labels';
import { branchCondition, missingDescription, ruleConditions, ruleText } from '../../../app/graph/rules';
import type { LeafNode, SplitNode, Tree, TreeModel } from '../../../app/model/types';
import { leafClass, statNumber } from '../flow/flowElements';
import { treeFacts } from '../store/derived';
import { appStore, useAppStore } from '../store/store';

function leavesUnder(tree: Tree, id: number): number {
  let count = 0;
  const stack = [id];
  while (stack.length > 0) {
    const node = tree.nodes[stack.pop()!];
    if (node.type === 'leaf') count++;
    else stack.push(node.left, node.right);
  }
  return count;
}

function NodeLink({ id, children }: { id: number; children: React.ReactNode }) {
  return (
    <button type="button" className="link-button" onClick={() => appStore.getState().revealAndFocus(id)}>
      {children}
    </button>
  );
}

function SplitFacts({ model, node }: { model: TreeModel; node: SplitNode }) {
  const feature = model.features[node.feature];
  const split = node.split;
  return (
    <>
      <dt>Feature</dt>
      <dd>
        {featureName(model, node.feature)} <span className="muted">(index {node.feature}{feature ? `, ${feature.kind}` : ''})</span>
      </dd>
      <dt>Test</dt>
      <dd className="mono">{splitLabel(model, node, Infinity)}</dd>
      {split.kind === 'numeric' && (
        <>
          <dt>Threshold</dt>
          <dd className="mono" title="the exact stored value">{formatNumber(split.threshold)}</dd>
        </>
      )}
      {split.kind === 'categorical' && (
        <>
          <dt>Categories</dt>
          <dd className="mono category-list">
            {split.categories.length} in the set ({split.match === 'exact' ? 'exact match' : 'integer part'})
          </dd>
        </>
      )}
      <dt>Missing</dt>
      <dd>{missingDescription(node)}</dd>
      <dt>Left</dt>
      <dd>
        <NodeLink id={node.left}>#{node.left}</NodeLink> <span className="mono">{branchCondition(model, node, 'left')}</span>
      </dd>
      <dt>Right</dt>
      <dd>
        <NodeLink id={node.right}>#{node.right}</NodeLink> <span className="mono">{branchCondition(model, node, 'right')}</span>
      </dd>
    </>
  );
}

function LeafFacts({ model, node }: { model: TreeModel; node: LeafNode }) {
  const classIndex = leafClass(model, node);
  const classes = model.classes;
  return (
    <>
      <dt>Output</dt>
      <dd className="mono">{leafLabel(model, node)}</dd>
      {classIndex !== undefined && (
        <>
          <dt>Class</dt>
          <dd>{classes?.[classIndex] ?? classIndex}</dd>
        </>
      )}
      {node.value.length > 1 && (
        <>
          <dt>Values</dt>
          <dd>
            <table className="value-table">
              <tbody>
                {node.value.map((value, index) => (
                  <tr key={index}>
                    <td>{classes?.[index] ?? `output ${index}`}</td>
                    <td className="number mono">{formatNumber(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </dd>
        </>
      )}
      {node.value.length === 1 && (
        <>
          <dt>Value</dt>
          <dd className="mono">{formatNumber(node.value[0])}</dd>
        </>
      )}
      {node.linear && (
        <>
          <dt>Linear</dt>
          <dd className="mono">
            {formatNumber(node.linear.constant)}
            {node.linear.features.map((feature, index) => ` + ${formatNumber(node.linear!.coefficients[index])}·${featureName(model, feature)}`).join('')}
          </dd>
        </>
      )}
      {node.truncatedDepth !== undefined && (
        <>
          <dt>Truncated</dt>
          <dd>the dump left out a subtree of depth {node.truncatedDepth} here</dd>
        </>
      )}
    </>
  );
}

/** Everything known about the selected node, and the rule from the root to it. */
export function NodeDetails({ model, tree }: { model: TreeModel; tree: Tree }) {
  const selectedNode = useAppStore((state) => state.selectedNode);
  const isCollapsed = useAppStore((state) => selectedNode !== undefined && state.collapsed.has(selectedNode));
  const node = selectedNode === undefined ? undefined : tree.nodes[selectedNode];
  if (!node) {
    return (
      <section className="node-details empty" data-testid="node-details" data-node-id="">
        <p className="muted">Click a node to see its split or output, its statistics and the rule that leads to it.</p>
        <p className="muted small">Double-click a split (or use its ± button) to collapse or expand it. Search with feature names, thresholds or #id.</p>
        <p className="muted small">
          Keys: <kbd>[</kbd> <kbd>]</kbd> previous / next tree, <kbd>/</kbd> search, <kbd>Enter</kbd> next match, <kbd>f</kbd> fit view.
        </p>
      </section>
    );
  }
  const conditions = ruleConditions(model, tree, node.id);
  const stats = node.stats;
  const size = treeFacts(tree).subtreeSizes[node.id];
  return (
    <section className="node-details" data-testid="node-details" data-node-id={node.id}>
      <header className="details-head">
        <span className={`kind-chip ${node.type}`}>{node.type === 'split' ? 'Split' : 'Leaf'}</span>
        <span className="details-id">#{node.id}</span>
        {node.sourceId !== node.id && <span className="muted">source id {node.sourceId}</span>}
      </header>
      <dl className="facts">
        {node.type === 'split' ? <SplitFacts model={model} node={node} /> : <LeafFacts model={model} node={node} />}
        <dt>Depth</dt>
        <dd>{node.depth}</dd>
        {node.parent >= 0 && (
          <>
            <dt>Parent</dt>
            <dd>
              <NodeLink id={node.parent}>#{node.parent}</NodeLink>
            </dd>
          </>
        )}
        {node.type === 'split' && (
          <>
            <dt>Below</dt>
            <dd>
              {statNumber(size - 1)} nodes, {statNumber(leavesUnder(tree, node.id))} leaves
            </dd>
          </>
        )}
        {stats?.count !== undefined && (
          <>
            <dt>Count</dt>
            <dd className="mono">{formatNumber(stats.count)}</dd>
          </>
        )}
        {stats?.cover !== undefined && (
          <>
            <dt>Cover</dt>
            <dd className="mono">{formatNumber(stats.cover)}</dd>
          </>
        )}
        {stats?.gain !== undefined && (
          <>
            <dt>Gain</dt>
            <dd className="mono">{formatNumber(stats.gain)}</dd>
          </>
        )}
        {stats?.internalValue !== undefined && (
          <>
            <dt>Internal value</dt>
            <dd className="mono">{formatNumber(stats.internalValue)}</dd>
          </>
        )}
        {node.position && (
          <>
            <dt>Source</dt>
            <dd>
              line {node.position.line}, column {node.position.column}
            </dd>
          </>
        )}
      </dl>
      {node.type === 'split' && (
        <button type="button" className="panel-button" onClick={() => appStore.getState().toggleNode(node.id)}>
          {isCollapsed ? 'Expand subtree' : 'Collapse subtree'}
        </button>
      )}
      <h3>Rule from the root</h3>
      {conditions.length === 0 ? (
        <p className="muted" data-testid="node-rule">
          {ruleText(model, tree, node.id)}
        </p>
      ) : (
        <>
          <ol className="rule-steps">
            {conditions.map((condition, index) => (
              <li key={index} className="mono">
                {condition}
              </li>
            ))}
          </ol>
          <div className="rule-text mono" data-testid="node-rule">
            {ruleText(model, tree, node.id)}
          </div>
          <button type="button" className="panel-button" onClick={() => void navigator.clipboard?.writeText(ruleText(model, tree, node.id))}>
            Copy rule
          </button>
        </>
      )}
    </section>
  );
}
