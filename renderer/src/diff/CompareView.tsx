import { useMemo, useState } from 'react';
import { diffStructure, pairTrees } from '../../../app/diff/structural';
import { packModel } from '../../../app/model/forestBuilder';
import { useAppStore } from '../store/store';
import { closeCompare, useCompare } from './compareStore';
import { PredictionDiffPanel } from './PredictionDiffPanel';
import { TableHead } from './TableHead';
import { TreePairView } from './TreePairView';
import './compare.css';

/** The Compare view: the open model (old) against the chosen one (new): summary, trees side by side, predictions. */
export function CompareView() {
  const isOpen = useCompare((state) => state.isOpen);
  const other = useCompare((state) => state.other);
  const error = useCompare((state) => state.error);
  const document = useAppStore((state) => state.document);
  const oldModel = useMemo(() => (document ? packModel(document.model) : undefined), [document]);
  const newModel = useMemo(() => (other ? packModel(other.model) : undefined), [other]);
  const diff = useMemo(() => (oldModel && newModel ? diffStructure(oldModel, newModel) : undefined), [oldModel, newModel]);
  const pairs = useMemo(() => (oldModel && newModel ? pairTrees(oldModel, newModel) : []), [oldModel, newModel]);
  const [pairIndex, setPairIndex] = useState<number>();
  if (!isOpen || !document) return null;
  const changed = diff ? diff.treeDiffs.map((tree, index) => ({ tree, index })).filter(({ tree }) => tree.status !== 'same') : [];
  const shownPair = pairIndex ?? changed[0]?.index;
  return (
    <section className="compare-view" data-testid="compare-view" aria-label="Compare models">
      <header className="compare-header">
        <h2>
          Compare: {document.fileName} → {other?.fileName ?? '…'}
        </h2>
        <button type="button" data-testid="compare-close" onClick={closeCompare}>
          Close
        </button>
      </header>
      {error && (
        <p className="compare-error" data-testid="compare-error">
          new model: {error.code}: {error.message}
        </p>
      )}
      {diff && oldModel && newModel && (
        <div className="compare-body">
          <div className="compare-summary" data-testid="compare-summary">
            {diff.notComparable && <p className="compare-warn" data-testid="compare-not-comparable">Not comparable tree by tree: {diff.notComparable}</p>}
            <p data-testid="compare-tree-counts">
              trees: {diff.trees.same} same, {diff.trees.changed} changed, {diff.trees.added} added, {diff.trees.removed} removed
            </p>
            <p data-testid="compare-node-counts">
              nodes: {diff.nodes.changed} changed, {diff.nodes.added} added, {diff.nodes.removed} removed
            </p>
            {diff.header.map((change) => (
              <p key={change.field}>
                {change.field}: {change.old} → {change.new}
              </p>
            ))}
            {diff.importance.length > 0 && (
              <table data-testid="compare-importance">
                <TableHead columns={['feature', 'splits', 'gain']} />
                <tbody>
                  {diff.importance.map((entry) => (
                    <tr key={entry.feature}>
                      <td>{entry.feature}</td>
                      <td>
                        {entry.oldSplits} → {entry.newSplits}
                      </td>
                      <td>{entry.oldGain !== undefined && entry.newGain !== undefined ? `${entry.oldGain.toFixed(2)} → ${entry.newGain.toFixed(2)}` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {(['old', 'new'] as const).flatMap((side) =>
              diff.warnings[side].map((warning, i) => (
                <p key={`${side}${i}`} className="compare-warn">
                  {side}: {warning.code} {warning.message}
                </p>
              )),
            )}
            <h3>Trees not the same</h3>
            <ul className="compare-tree-list" data-testid="compare-tree-list">
              {changed.slice(0, 500).map(({ tree, index }) => (
                <li key={index}>
                  <button type="button" className={index === shownPair ? 'is-selected' : undefined} data-testid="compare-tree-item" onClick={() => setPairIndex(index)}>
                    output {tree.output} #{tree.position}: {tree.status}
                    {tree.status === 'changed' ? ` (${tree.changedNodes} nodes)` : ''}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          {shownPair !== undefined && <TreePairView oldModel={oldModel} newModel={newModel} pair={pairs[shownPair]} />}
          <PredictionDiffPanel oldModel={oldModel} newModel={newModel} />
        </div>
      )}
    </section>
  );
}
