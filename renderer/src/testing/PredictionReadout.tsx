import { useMemo, useState } from 'react';
import uPlot from 'uplot';
import { pathContributions, sortedContributions, treeShapContributions, type ContributionBar } from '../../../app/analysis';
import { classLabel, hasProbabilities, isClassifier } from '../../../app/data/output';
import type { RowPredictionWithPaths } from '../../../app/eval/types';
import type { TreeModel } from '../../../app/model/types';
import { statNumber } from '../flow/flowElements';
import { appStore, useAppStore } from '../store/store';
import { attributionOf } from './compiled';
import { UplotChart } from './UplotChart';

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

const barOptions = (bars: ContributionBar[]): Omit<uPlot.Options, 'width' | 'height'> => ({
  legend: { show: false },
  cursor: { show: false },
  scales: { x: { time: false, range: [-0.5, Math.max(0.5, bars.length - 0.5)] } },
  axes: [
    { values: (_plot, splits) => splits.map((split) => (Number.isInteger(split) ? (bars[split]?.name ?? '') : '')), rotate: -40, size: 70, gap: 2, incrs: [1] } as uPlot.Axis,
    { size: 50, values: (_plot, splits) => splits.map((split) => statNumber(split)) },
  ],
  series: [
    {},
    {
      label: 'contribution',
      paths: uPlot.paths.bars!({ size: [0.7, 40] }),
      points: { show: false },
      stroke: '#4e79a7',
      fill: '#4e79a780',
    },
  ],
});

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
  const names = shown.map((bar) => bar.name).join('\u0000');
  // Options (and so the axis labels) change only when the set of bars does, not on every value change.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const options = useMemo(() => barOptions(shown), [names]);
  const data = useMemo<uPlot.AlignedData>(() => [shown.map((_, index) => index), shown.map((bar) => bar.value)], [shown]);

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
          <UplotChart options={options} data={data} testId="contribution-chart" height={180} />
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
