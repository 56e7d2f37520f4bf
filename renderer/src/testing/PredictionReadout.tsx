import { useMemo, useState } from 'react';
import { pathContributions, sortedContributions, treeShapContributions, type ContributionBar } from '../../../app/analysis';
import { classLabel, hasProbabilities, isClassifier } from '../../../app/data/output';
import type { RowPredictionWithPaths } from '../../../app/eval/types';
import type { TreeModel } from '../../../app/model/types';
import { largestOf } from '../../../app/util/extremes';
import { statNumber } from '../flow/flowElements';
import { appStore, useAppStore } from '../store/store';
import { attributionOf } from './compiled';

/** Most bars the chart draws (the rest are small by construction: bars are sorted by size). */
const MAX_BARS = 15;

/** Probability of each class, when the model gives probabilities. */
export function classProbabilitiesOf(model: TreeModel, prediction: RowPredictionWithPaths): number[] | undefined {
  if (!hasProbabilities(model)) return undefined;
  if (model.task === 'binary') {
    const positive = model.numOutputs === 1 ? prediction.prediction[0] : prediction.prediction[1];
    return [1 - positive, positive];
  }
  return prediction.prediction;
}

/** The output contributions explain: the predicted class of a multi-output classifier, else 0. */
function explainedOutput(model: TreeModel, prediction: RowPredictionWithPaths): number {
  if (model.numOutputs > 1 && prediction.predictedClass !== undefined) return prediction.predictedClass;
  return 0;
}

/**
 * The contributions as labelled horizontal bars around zero: each bar carries its feature's name
 * and value, whatever their number (a tick axis drops labels when bars crowd), and the longest bar
 * spans half the width, so pushes up and down read on one scale.
 */
function ContributionBars({ bars }: { bars: ContributionBar[] }) {
  const largest = largestOf(bars.map((bar) => Math.abs(bar.value)), Number.MIN_VALUE);
  return (
    <div className="contribution-bars" data-testid="contribution-chart" role="img" aria-label="Contributions by feature">
      {bars.map((bar) => {
        const share = (Math.abs(bar.value) / largest) * 50;
        return (
          <div key={bar.feature} className="contribution-bar" data-testid="contribution-bar" data-feature={bar.name} data-value={bar.value} title={`${bar.name}: ${bar.value}`}>
            <span className="contribution-name">{bar.name}</span>
            <span className="contribution-track">
              <span className={bar.value >= 0 ? 'contribution-fill up' : 'contribution-fill down'} style={bar.value >= 0 ? { left: '50%', width: `${share}%` } : { right: '50%', width: `${share}%` }} />
            </span>
            <span className="contribution-value">
              {bar.value >= 0 ? '+' : ''}
              {statNumber(bar.value)}
            </span>
          </div>
        );
      })}
    </div>
  );
}

/** The vector's prediction: class or value, probabilities, raw score, leaf per tree, contributions. */
export function PredictionReadout({ model }: { model: TreeModel }) {
  const prediction = useAppStore((state) => state.rowPrediction);
  const vector = useAppStore((state) => state.vector);
  const predictMillis = useAppStore((state) => state.predictMillis);
  const [method, setMethod] = useState<'path' | 'treeShap'>('path');
  // Thousands of list items would be re-rendered on every slider step: only while the list is open.
  const [isLeafListOpen, setLeafListOpen] = useState(false);
  const attribution = attributionOf(model);
  const bars = useMemo(() => {
    if (!prediction?.paths || !attribution.available || !vector) return [];
    const output = explainedOutput(model, prediction);
    const contributions = method === 'treeShap' && !attribution.treeShapUnavailable ? treeShapContributions(attribution, vector) : pathContributions(attribution, prediction.paths);
    return sortedContributions(contributions, output, model);
  }, [prediction, attribution, model, method, vector]);
  const shown = bars.slice(0, MAX_BARS);

  if (!prediction) {
    return (
      <p className="note" data-testid="prediction-empty">
        Type values, paste a row, or click a CSV row to see where it goes.
      </p>
    );
  }
  const probabilities = classProbabilitiesOf(model, prediction);
  const classified = isClassifier(model) && prediction.predictedClass !== undefined;
  return (
    <section className="testing-section prediction" data-testid="prediction" aria-label="Prediction">
      <div className="prediction-main">
        {prediction.error ? (
          <span className="prediction-error" data-testid="prediction-error">
            {prediction.error}
          </span>
        ) : classified ? (
          <>
            <span className="prediction-label">class</span>{' '}
            <strong data-testid="prediction-class" data-class-index={prediction.predictedClass}>
              {classLabel(model, prediction.predictedClass!)}
            </strong>
          </>
        ) : (
          <>
            <span className="prediction-label">prediction</span>{' '}
            <strong data-testid="prediction-value" data-value={prediction.prediction[0]}>
              {statNumber(prediction.prediction[0])}
            </strong>
          </>
        )}
        <span className="prediction-timing" title="predictRow with paths">
          {predictMillis.toFixed(2)} ms
        </span>
      </div>
      {probabilities && (
        <ul className="probabilities">
          {probabilities.map((probability, index) => (
            <li key={index} data-testid="prediction-probability" data-class={classLabel(model, index)} data-value={probability}>
              <span>{classLabel(model, index)}</span>
              <span className="prob-bar" style={{ width: `${Math.round(probability * 100)}%` }} />
              <span>{probability.toFixed(4)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="prediction-raw" data-testid="prediction-raw" data-values={prediction.raw.join(',')}>
        raw {prediction.raw.map((value) => statNumber(value)).join(', ')}
      </div>
      <details className="leaf-values" data-testid="leaf-values-toggle" open={isLeafListOpen} onToggle={(event) => setLeafListOpen(event.currentTarget.open)}>
        <summary>
          Leaf in each of {prediction.leafValues.length} tree{prediction.leafValues.length === 1 ? '' : 's'}
        </summary>
        <ol className="leaf-value-list" start={0} data-testid="leaf-values">
          {isLeafListOpen && prediction.leafValues.map((value, tree) => (
            <li key={tree} data-testid="tree-leaf" data-tree={tree} data-leaf={prediction.leaves[tree]} data-leaf-node={prediction.leafNodes[tree]} data-value={value}>
              <button type="button" className="link-button" onClick={() => appStore.getState().selectTree(tree)}>
                #{tree}
              </button>{' '}
              leaf {prediction.leaves[tree]} · {statNumber(value)}
            </li>
          ))}
        </ol>
      </details>
      <div className="section-head">
        <h3 className="panel-title">Contributions</h3>
        {attribution.available && (
          <select value={method} aria-label="Attribution method" data-testid="attribution-method" onChange={(event) => setMethod(event.currentTarget.value as 'path' | 'treeShap')}>
            <option value="path">Along the path</option>
            <option value="treeShap" disabled={attribution.available && attribution.treeShapUnavailable !== undefined}>
              TreeSHAP (exact)
            </option>
          </select>
        )}
      </div>
      {attribution.available ? (
        <>
          <ContributionBars bars={shown} />
          <ol className="contribution-list" data-testid="contributions">
            {shown.map((bar) => (
              <li key={bar.feature} data-feature={bar.name} data-value={bar.value}>
                {bar.name}: {bar.value >= 0 ? '+' : ''}
                {statNumber(bar.value)}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="note">{attribution.reason}</p>
      )}
    </section>
  );
}
