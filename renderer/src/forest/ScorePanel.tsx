import { useMemo } from 'react';
import uPlot from 'uplot';
import { topTrees, type ScoreByTrees } from '../../../app/analysis/forest';
import type { TreeModel } from '../../../app/model/types';
import { statNumber } from '../flow/flowElements';
import { outputName } from '../components/TreeList';
import { UplotChart } from '../testing/UplotChart';
import { useAppStore } from '../store/store';
import { openTree } from './forestData';

const TOP_COUNT = 5;

const chartOptions = (hasPrediction: boolean): Omit<uPlot.Options, 'width' | 'height'> => ({
  legend: { show: true, live: true },
  scales: { x: { time: false }, prediction: { auto: true } },
  axes: [
    { label: 'trees', size: 34, labelSize: 14 },
    { size: 54, values: (_plot, splits) => splits.map((split) => statNumber(split)) },
    ...(hasPrediction ? [{ scale: 'prediction', side: 1, size: 50, grid: { show: false }, values: (_plot: uPlot, splits: number[]) => splits.map((split) => statNumber(split)) } as uPlot.Axis] : []),
  ],
  series: [
    { label: 'trees' },
    { label: 'raw', stroke: '#3559e0', width: 1.5, points: { show: false } },
    ...(hasPrediction ? [{ label: 'prediction', scale: 'prediction', stroke: '#e15759', width: 1.5, points: { show: false } } as uPlot.Series] : []),
  ],
});

/**
 * With a feature vector: its raw score (and prediction) after each tree, ending at the evaluator's
 * score, and the trees that add or take the most, each a click from its drawing with the path shown.
 */
export function ScorePanel({ model, scores }: { model: TreeModel; scores: ScoreByTrees | undefined }) {
  const predictedClass = useAppStore((state) => state.rowPrediction?.predictedClass);
  // For multiclass boosting follow the predicted class: its trees decide the outcome.
  const output = scores && scores.numOutputs > 1 ? (predictedClass ?? 0) : 0;
  const hasPrediction = scores !== undefined && model.transform.kind !== 'identity' && scores.predictionWidth === scores.numOutputs;
  const options = useMemo(() => chartOptions(hasPrediction), [hasPrediction]);
  const data = useMemo<uPlot.AlignedData>(() => {
    if (!scores) return [[]];
    const points = scores.treeCount + 1;
    const x = Float64Array.from({ length: points }, (_, k) => k);
    const raw = Float64Array.from({ length: points }, (_, k) => scores.raw[k * scores.numOutputs + output]);
    const series: uPlot.AlignedData = [x as unknown as number[], raw as unknown as number[]];
    if (hasPrediction) series.push(Float64Array.from({ length: points }, (_, k) => scores.prediction[k * scores.predictionWidth + output]) as unknown as number[]);
    return series;
  }, [scores, output, hasPrediction]);
  const top = useMemo(() => (scores ? topTrees(scores, TOP_COUNT, output) : undefined), [scores, output]);

  if (!scores || !top) {
    return (
      <section className="forest-panel" data-testid="forest-score-empty">
        <h3 className="panel-title">Score tree by tree</h3>
        <p className="muted small">Set a feature vector in the Test tab (type, paste, or click a CSV row) to see its score build up over the trees.</p>
      </section>
    );
  }
  const finalRaw = Array.from(scores.raw.subarray(scores.treeCount * scores.numOutputs));
  const className = outputName(model, output);
  return (
    <section className="forest-panel" data-testid="forest-score" data-final-raw={finalRaw.join(',')} data-points={scores.treeCount + 1} data-output={output}>
      <h3 className="panel-title">
        Score tree by tree{className !== undefined && <span className="class-chip">{className}</span>}
      </h3>
      <UplotChart options={options} data={data} testId="forest-score-chart" height={120} />
      <div className="forest-top">
        {(
          [
            ['up', 'Push up', top.up],
            ['down', 'Push down', top.down],
          ] as const
        ).map(([direction, title, trees]) => (
          <div key={direction} className="forest-top-list">
            <span className="muted small">{title}</span>
            {trees.length === 0 && <span className="muted small">none</span>}
            {trees.map((tree) => (
              <button
                key={tree}
                type="button"
                className="link-button mono"
                data-testid={`forest-top-${direction}`}
                data-tree={tree}
                title={`Open tree ${tree} with the vector's path`}
                onClick={() => openTree(tree)}
              >
                #{tree} {scores.contribution[tree] > 0 ? '+' : ''}
                {statNumber(scores.contribution[tree])}
              </button>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
