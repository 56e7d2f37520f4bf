import { useState } from 'react';
import { featureName } from '../../../app/graph/labels';
import { modelSummary } from '../store/derived';
import { useAppStore } from '../store/store';
import { statNumber } from '../flow/flowElements';
import { FeatureImportance } from './FeatureImportance';
import { ImportOptions } from './ImportOptions';
import { FeatureNaming } from './FeatureNaming';

/** Model overview: what the model is, its size, its features by importance, and the import warnings. */
export function ModelPanel() {
  const document = useAppStore((state) => state.document);
  const [isWarningsOpen, setWarningsOpen] = useState(true);
  if (!document) return null;
  const { model } = document;
  const summary = modelSummary(model);
  const namedFeatures = model.features.filter((feature) => feature.isNamed).length;
  return (
    <section className="overview" data-testid="model-panel" aria-label="Model overview">
      <h2 className="panel-title">Model</h2>
      <dl className="facts">
        <dt>Format</dt>
        <dd data-testid="model-format">{model.format}</dd>
        <dt>Model</dt>
        <dd data-testid="model-variant">{model.variant}</dd>
        <dt>Task</dt>
        <dd data-testid="model-task">{model.task}</dd>
        <dt>Objective</dt>
        <dd data-testid="model-objective">{model.objective || '—'}</dd>
        {model.classes && (
          <>
            <dt>Classes</dt>
            <dd data-testid="model-classes" title={model.classes.join(', ')}>
              {model.classes.length <= 12 ? model.classes.join(', ') : `${model.classes.slice(0, 12).join(', ')}, … (${model.classes.length})`}
            </dd>
          </>
        )}
        <dt>Trees</dt>
        {document.partial ? (
          <dd data-testid="model-trees-reading">
            {statNumber(document.partial.treeCount)} <span className="muted">(tree 0 shown; reading the others…)</span>
          </dd>
        ) : (
          <dd data-testid="model-trees">{summary.trees}</dd>
        )}
        {!document.partial && (
          <>
            <dt>Nodes</dt>
            <dd data-testid="model-nodes">{summary.nodes}</dd>
            <dt>Leaves</dt>
            <dd data-testid="model-leaves">{statNumber(summary.leaves)}</dd>
            <dt>Depth</dt>
            <dd data-testid="model-depth">{summary.maxDepth}</dd>
          </>
        )}
        <dt>Features</dt>
        <dd data-testid="model-features">
          {model.features.length}
          {namedFeatures > 0 && namedFeatures < model.features.length ? ` (${namedFeatures} named)` : ''}
        </dd>
        <dt>File</dt>
        <dd title={document.path ?? document.fileName}>
          {document.partial ? document.fileName : `${document.fileName} · ${statNumber(Math.round(document.sizeBytes / 1024))} KB · parsed in ${Math.round(document.parseMillis)} ms`}
        </dd>
      </dl>
      <ImportOptions />
      <FeatureNaming />
      {model.warnings.length > 0 && (
        <section className="warnings" data-testid="warnings">
          <h3>
            <button type="button" className="section-toggle" onClick={() => setWarningsOpen(!isWarningsOpen)} aria-expanded={isWarningsOpen}>
              Import warnings <span className="count-chip warning-chip">{model.warnings.length}</span>
            </button>
          </h3>
          {isWarningsOpen && (
            <ul>
              {model.warnings.map((warning, index) => (
                <li key={index} data-testid="warning" data-warning-code={warning.code}>
                  <code>{warning.code}</code> {warning.position ? `line ${warning.position.line}: ` : ''}
                  {warning.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <FeatureImportance importance={summary.importance} featureName={(feature) => featureName(model, feature)} />
    </section>
  );
}
