import { useMemo } from 'react';
import { summarizeModel } from '../../../app/model/tree';
import { useAppStore } from '../store/store';

/** Side panel: what the model is, its size, and the import warnings. */
export function ModelPanel() {
  const document = useAppStore((state) => state.document);
  const selectedTree = useAppStore((state) => state.selectedTree);
  const selectTree = useAppStore((state) => state.selectTree);
  const summary = useMemo(() => (document ? summarizeModel(document.model) : undefined), [document]);
  if (!document || !summary) return null;
  const { model } = document;
  return (
    <aside className="side-panel" data-testid="model-panel">
      <dl className="facts">
        <dt>Format</dt>
        <dd data-testid="model-format">{model.format}</dd>
        <dt>Model</dt>
        <dd>{model.variant}</dd>
        <dt>Task</dt>
        <dd>{model.task}</dd>
        <dt>Objective</dt>
        <dd>{model.objective}</dd>
        {model.classes && (
          <>
            <dt>Classes</dt>
            <dd>{model.classes.join(', ')}</dd>
          </>
        )}
        <dt>Trees</dt>
        <dd data-testid="model-trees">{summary.trees}</dd>
        <dt>Nodes</dt>
        <dd data-testid="model-nodes">{summary.nodes}</dd>
        <dt>Depth</dt>
        <dd>{summary.maxDepth}</dd>
        <dt>Features</dt>
        <dd>{model.features.length}</dd>
      </dl>
      {model.trees.length > 1 && (
        <label className="tree-picker">
          Tree{' '}
          <input
            type="number"
            min={0}
            max={model.trees.length - 1}
            value={selectedTree}
            data-testid="tree-picker"
            onChange={(event) => {
              const index = Number(event.currentTarget.value);
              if (Number.isInteger(index) && index >= 0 && index < model.trees.length) selectTree(index);
            }}
          />{' '}
          of {model.trees.length}
        </label>
      )}
      {model.warnings.length > 0 && (
        <section className="warnings" data-testid="warnings">
          <h3>Import warnings</h3>
          <ul>
            {model.warnings.map((warning, index) => (
              <li key={index} data-testid="warning" data-warning-code={warning.code}>
                <code>{warning.code}</code> {warning.position ? `line ${warning.position.line}: ` : ''}
                {warning.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
