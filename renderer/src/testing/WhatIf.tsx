import { useEffect, useMemo, useState } from 'react';
import uPlot from 'uplot';
import { dependenceCurve, findFlips, type FlipSearch } from '../../../app/analysis';
import { classLabel, isClassifier } from '../../../app/data/output';
import type { TreeModel } from '../../../app/model/types';
import { statNumber } from '../flow/flowElements';
import { appStore, useAppStore } from '../store/store';
import { compiledModel, domainsOf } from './compiled';
import { UplotChart } from './UplotChart';

/** Pause after the last vector change before the dependence curve is computed again. */
const SWEEP_DELAY_MS = 120;

const curveOptions = (name: string): Omit<uPlot.Options, 'width' | 'height'> => ({
  legend: { show: false },
  scales: { x: { time: false } },
  axes: [{ label: name, size: 40 }, { size: 50, values: (_plot, splits) => splits.map((split) => statNumber(split)) }],
  series: [{}, { label: 'prediction', stroke: '#f28e2b', width: 2, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } }],
});

/** Partial dependence: the prediction as one feature sweeps its range, the others fixed. */
export function DependenceChart({ model }: { model: TreeModel }) {
  const liveVector = useAppStore((state) => state.vector);
  // The sweep scores hundreds of rows: it follows a slider drag once the drag pauses, so each
  // drag step stays within a frame.
  const [vector, setVector] = useState(liveVector);
  useEffect(() => {
    if (!liveVector || !vector) return setVector(liveVector);
    const timer = setTimeout(() => setVector(liveVector), SWEEP_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [liveVector]);
  const domains = domainsOf(model);
  const splitFeatures = domains.filter((domain) => domain.splitCount > 0);
  const [feature, setFeature] = useState(splitFeatures[0]?.feature ?? 0);
  const output = 0;
  const curve = useMemo(() => {
    if (!vector || !domains[feature] || domains[feature].splitCount === 0) return undefined;
    return dependenceCurve(model, compiledModel(model), vector, feature, { domain: domains[feature], gridPoints: 100 });
  }, [model, vector, feature, domains]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const options = useMemo(() => curveOptions(domains[feature]?.name ?? ''), [feature, model]);
  const data = useMemo<uPlot.AlignedData>(() => {
    if (!curve) return [[], []];
    const width = curve.predictionWidth;
    // Classifiers with several outputs: the probability of the currently predicted class.
    const k = width > 1 ? Math.max(0, appStore.getState().rowPrediction?.predictedClass ?? output) : output;
    return [Array.from(curve.x), Array.from({ length: curve.x.length }, (_, index) => curve.prediction[index * width + k])];
  }, [curve]);
  if (!vector) return null;
  return (
    <section className="testing-section" aria-label="Partial dependence">
      <div className="section-head">
        <h3 className="panel-title">Prediction as one feature sweeps</h3>
        <select value={feature} aria-label="Feature to sweep" data-testid="dependence-feature" onChange={(event) => setFeature(Number(event.currentTarget.value))}>
          {splitFeatures.map((domain) => (
            <option key={domain.feature} value={domain.feature}>
              {domain.name}
            </option>
          ))}
        </select>
      </div>
      {curve && <UplotChart options={options} data={data} testId="dependence-chart" height={150} />}
    </section>
  );
}

/** The smallest single-feature change that flips the prediction, found from the thresholds; one click applies it. */
export function FlipFinder({ model }: { model: TreeModel }) {
  const vector = useAppStore((state) => state.vector);
  const isClass = isClassifier(model);
  const [target, setTarget] = useState('');
  const [search, setSearch] = useState<{ forVector: Float64Array; result: FlipSearch | { error: string } } | undefined>();
  if (!vector) return null;
  const run = () => {
    try {
      const options = isClass ? {} : { target: Number(target) };
      if (!isClass && !(target.trim() !== '' && Number.isFinite(Number(target)))) throw new Error('Set the value the prediction must cross');
      setSearch({ forVector: vector, result: findFlips(model, compiledModel(model), vector, { ...options, domains: domainsOf(model), scope: 'all' }) });
    } catch (error) {
      setSearch({ forVector: vector, result: { error: (error as Error).message } });
    }
  };
  const result = search?.forVector === vector ? search.result : undefined;
  return (
    <section className="testing-section" aria-label="What flips it">
      <div className="section-head">
        <h3 className="panel-title">What flips it</h3>
        {!isClass && <input type="text" inputMode="decimal" placeholder="cross value" data-testid="flip-target" value={target} onChange={(event) => setTarget(event.currentTarget.value)} />}
        <button type="button" data-testid="find-flip" onClick={run}>
          Find
        </button>
      </div>
      {result && 'error' in result && <p className="note">{result.error}</p>}
      {result && !('error' in result) && (
        <div data-testid="flip-result">
          {result.perFeature.length === 0 ? (
            <p className="note">No single-feature change flips this prediction.</p>
          ) : (
            <ol className="flip-list">
              {result.perFeature.slice(0, 5).map((flip) => (
                <li key={flip.feature} data-testid="flip" data-feature={flip.name} data-to={flip.to}>
                  <span>
                    {flip.name}: {statNumber(flip.from)} → {statNumber(flip.to)}{' '}
                    <span className="note">
                      gives {flip.prediction.predictedClass !== undefined ? classLabel(model, flip.prediction.predictedClass) : statNumber(flip.prediction.prediction[0])}
                    </span>
                  </span>
                  <button type="button" data-testid="apply-flip" onClick={() => appStore.getState().setFeatureValue(flip.feature, flip.to)}>
                    Apply
                  </button>
                </li>
              ))}
            </ol>
          )}
          {!result.isExact && <p className="note">The model has linear leaves: a flip between thresholds may be missed.</p>}
        </div>
      )}
    </section>
  );
}
