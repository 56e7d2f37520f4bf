import { useEffect, useMemo } from 'react';
import uPlot from 'uplot';
import { metricsByTrees, type MetricCurve } from '../../../app/analysis/forest';
import type { ModelDocument } from '../../../app/bridge';
import { statNumber } from '../flow/flowElements';
import { UplotChart } from '../testing/UplotChart';
import { useAppStore } from '../store/store';
import { keepLeafNodes } from '../testing/csvActions';
import { leafNodesBudget } from '../testing/scoreClient';

const LABELS: Record<MetricCurve['name'], string> = { logLoss: 'log loss', auc: 'AUC', rmse: 'RMSE' };
const COLORS: Record<MetricCurve['name'], string> = { logLoss: '#3559e0', auc: '#59a14f', rmse: '#3559e0' };
/** Lower is better for these; AUC is better higher. */
const isLowerBetter = (name: MetricCurve['name']) => name !== 'auc';

const chartOptions = (names: Array<MetricCurve['name']>): Omit<uPlot.Options, 'width' | 'height'> => ({
  legend: { show: true, live: true },
  scales: { x: { time: false }, ...Object.fromEntries(names.map((name) => [name, { auto: true }])) },
  axes: [
    { label: 'trees', size: 34, labelSize: 14 },
    ...names.map((name, index) => ({ scale: name, side: index === 0 ? 3 : 1, size: 50, grid: { show: index === 0 }, values: (_plot: uPlot, splits: number[]) => splits.map((split) => statNumber(split)) }) as uPlot.Axis),
  ],
  series: [{ label: 'trees' }, ...names.map((name) => ({ label: LABELS[name], scale: name, stroke: COLORS[name], width: 1.5, spanGaps: true, points: { show: false } }) as uPlot.Series)],
});

/** Where a curve is best: its k and value. */
function bestOf(curve: MetricCurve): { k: number; value: number } {
  let best = 0;
  for (let i = 1; i < curve.values.length; i++) {
    const better = isLowerBetter(curve.name) ? curve.values[i] < curve.values[best] : curve.values[i] > curve.values[best];
    if (better) best = i;
  }
  return { k: curve.k[best], value: curve.values[best] };
}

/** With a CSV and a label column: the metric of the first k trees against k, on the user's own rows. */
export function MetricPanel({ document }: { document: ModelDocument }) {
  const batch = useAppStore((state) => state.csv?.batch);
  const metrics = useAppStore((state) => state.csv?.metrics);
  const hasCsv = useAppStore((state) => state.csv !== undefined);
  const result = useMemo(() => (batch && metrics ? metricsByTrees(document.packed, batch, metrics) : undefined), [document.packed, batch, metrics]);
  const curves = result?.available ? result.curves : [];
  const names = curves.map((curve) => curve.name);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const options = useMemo(() => chartOptions(names), [names.join()]);
  const data = useMemo<uPlot.AlignedData>(() => {
    if (curves.length === 0) return [[]];
    const ks = curves[0].k;
    const columns = curves.map((curve) => {
      // Curves computed every few trees (AUC on big inputs) leave gaps, spanned by the line.
      const at = new Map(Array.from(curve.k, (k, i) => [k, curve.values[i]]));
      return Array.from(ks, (k) => at.get(k) ?? null);
    });
    return [Array.from(ks), ...columns] as uPlot.AlignedData;
  }, [curves]);

  // The curve reads each row's leaf in every tree, which the first scoring does not keep: within
  // the budget they are made now (a second scoring, with its progress bar); beyond it the user is asked.
  const isWithinBudget = batch !== undefined && batch.rows * batch.numTrees <= leafNodesBudget();
  const needsLeaves = result !== undefined && !result.available && batch !== undefined && !batch.leafNodes;
  useEffect(() => {
    if (needsLeaves && isWithinBudget) void keepLeafNodes();
  }, [needsLeaves, isWithinBudget]);

  if (!result) {
    return (
      <section className="forest-panel" data-testid="forest-metric-empty">
        <h3 className="panel-title">Metric by number of trees</h3>
        <p className="muted small">
          {hasCsv ? 'Choose the label column in the Test tab to see where the model stops improving on this CSV.' : 'Open a CSV with a label column in the Test tab to see where the model stops improving on your data.'}
        </p>
      </section>
    );
  }
  if (!result.available) {
    return (
      <section className="forest-panel" data-testid="forest-metric-unavailable">
        <h3 className="panel-title">Metric by number of trees</h3>
        <p className="muted small">No curve: {result.reason}.</p>
        {needsLeaves && isWithinBudget && (
          <p className="muted small" data-testid="forest-metric-scoring">
            The rows are being scored again, keeping each row’s leaf in every tree.{' '}
            <button type="button" className="link-button" data-testid="forest-metric-keep-leaves" onClick={() => void keepLeafNodes()}>
              Start again
            </button>
          </p>
        )}
        {needsLeaves && !isWithinBudget && (
          <p className="muted small">
            A big CSV keeps only how many rows reach each leaf ({batch.rows.toLocaleString('en')} rows × {batch.numTrees.toLocaleString('en')} trees would take{' '}
            {Math.ceil((batch.rows * batch.numTrees * 4) / 1e6).toLocaleString('en')} MB).{' '}
            <button type="button" className="link-button" data-testid="forest-metric-keep-leaves" onClick={() => void keepLeafNodes()}>
              Score the rows again keeping them
            </button>
          </p>
        )}
      </section>
    );
  }
  const finals = Object.fromEntries(curves.map((curve) => [`data-final-${curve.name === 'logLoss' ? 'log-loss' : curve.name}`, String(curve.values.at(-1))]));
  return (
    <section className="forest-panel" data-testid="forest-metric" data-rows={result.rows} data-points={curves[0].k.length} {...finals}>
      <h3 className="panel-title">
        Metric by number of trees <span className="count-chip">{result.rows.toLocaleString('en')} rows</span>
      </h3>
      <UplotChart options={options} data={data} testId="forest-metric-chart" height={120} />
      <ul className="forest-best">
        {curves.map((curve) => {
          const best = bestOf(curve);
          return (
            <li key={curve.name} className="small" data-testid="forest-metric-best" data-metric={curve.name} data-k={best.k}>
              {isLowerBetter(curve.name) ? 'Lowest' : 'Highest'} {LABELS[curve.name]} {statNumber(best.value)} at {best.k.toLocaleString('en')} trees
              <span className="muted"> (all: {statNumber(curve.values.at(-1)!)})</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
