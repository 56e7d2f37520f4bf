import { useCallback, useMemo, useRef } from 'react';
import { scoreByTrees } from '../../../app/analysis/forest';
import type { ModelDocument } from '../../../app/bridge';
import { statNumber } from '../flow/flowElements';
import { outputName } from '../components/TreeList';
import { useAppStore } from '../store/store';
import { bandTitles, factsOf, openTree } from './forestData';
import { requestFit, setMeasure, useForest, type ForestMeasure } from './forestStore';
import { GlyphCanvas } from './GlyphCanvas';
import { layoutGlyphs } from './layout';
import { glyphShape, measureColors, measureUnavailable, type MeasureLegend } from './measures';
import { ScorePanel } from './ScorePanel';
import { MetricPanel } from './MetricPanel';
import { HeatmapPanel } from './HeatmapPanel';
import { ViewSwitch } from './ViewSwitch';
import './forest.css';

const MEASURES: Array<{ measure: ForestMeasure; label: string }> = [
  { measure: 'leaves', label: 'Leaves' },
  { measure: 'depth', label: 'Depth' },
  { measure: 'gain', label: 'Total gain' },
  { measure: 'rootFeature', label: 'Root feature' },
  { measure: 'contribution', label: 'Contribution (vector)' },
];

/** Width / height the glyph block is laid out for (the canvas is wider than tall beside the panels). */
const LAYOUT_ASPECT = 2.2;

/**
 * The forest view (issue 15): every tree as a glyph on one canvas in boosting order (one band per
 * class for multiclass boosting), coloured by a measure; with a feature vector, its score tree by
 * tree and the trees that move it most; with a labelled CSV, the metric against the number of trees
 * and the feature × tree heatmap. Click a glyph to open that tree.
 */
export function ForestView({ document }: { document: ModelDocument }) {
  const { packed, model } = document;
  const view = useRef<HTMLDivElement>(null);
  const facts = factsOf(packed);
  const requested = useForest((state) => state.measure);
  const selectedTree = useAppStore((state) => state.selectedTree);
  const rowPrediction = useAppStore((state) => state.rowPrediction);
  const scores = useMemo(() => (rowPrediction && !rowPrediction.error ? scoreByTrees(packed, rowPrediction) : undefined), [packed, rowPrediction]);
  const measure = measureUnavailable(requested, facts, scores !== undefined) ? 'leaves' : requested;
  const featureName = useCallback((feature: number) => model.features[feature]?.name ?? `feature ${feature}`, [model]);
  const layout = useMemo(() => layoutGlyphs(facts.output, bandTitles(model), LAYOUT_ASPECT), [facts, model]);
  const shape = useMemo(() => glyphShape(facts), [facts]);
  const colors = useMemo(() => measureColors(measure, facts, scores?.contribution, featureName), [measure, facts, scores, featureName]);
  const data = useMemo(() => ({ layout, colors, shape }), [layout, colors, shape]);

  const describe = useCallback(
    (tree: number) => {
      const parts = [`Tree ${tree}`];
      const output = outputName(model, facts.output[tree]);
      if (output !== undefined) parts.push(output);
      parts.push(`${facts.leaves[tree].toLocaleString('en')} leaves`, `depth ${facts.depth[tree]}`);
      if (facts.totalGain) parts.push(`gain ${statNumber(facts.totalGain[tree])}`);
      parts.push(facts.rootFeature[tree] >= 0 ? `root: ${featureName(facts.rootFeature[tree])}` : 'single leaf');
      if (scores) parts.push(`adds ${signed(scores.contribution[tree])}`);
      return parts.join(' · ');
    },
    [model, facts, scores, featureName],
  );

  return (
    <div
      ref={view}
      className="forest-view"
      data-testid="forest-view"
      data-tree-count={facts.treeCount}
      data-selected-tree={selectedTree}
      data-measure={measure}
      data-hover-tree="-1"
    >
      <div className="canvas-toolbar forest-toolbar" data-testid="forest-toolbar">
        <div className="toolbar-group">
          <ViewSwitch />
          <span data-testid="forest-title">
            {facts.treeCount.toLocaleString('en')} trees
            {layout.bands.length > 1 && <span className="muted"> · {layout.bands.length} classes</span>}
          </span>
        </div>
        <div className="toolbar-group">
          <label className="depth-control">
            Colour by
            <select value={measure} data-testid="forest-measure" aria-label="Colour trees by" onChange={(event) => setMeasure(event.currentTarget.value as ForestMeasure)}>
              {MEASURES.map((entry) => {
                const reason = measureUnavailable(entry.measure, facts, scores !== undefined);
                return (
                  <option key={entry.measure} value={entry.measure} disabled={reason !== undefined} title={reason}>
                    {entry.label}
                  </option>
                );
              })}
            </select>
          </label>
          <button type="button" data-testid="forest-fit" onClick={requestFit} title="Every tree in view">
            Fit
          </button>
        </div>
        <Legend legend={colors.legend} />
      </div>
      <GlyphCanvas data={data} selectedTree={selectedTree} view={view} describe={describe} onOpen={openTree} />
      <div className="forest-panels">
        <ScorePanel model={model} scores={scores} />
        <MetricPanel document={document} />
        <HeatmapPanel document={document} />
      </div>
    </div>
  );
}

function signed(value: number): string {
  return value > 0 ? `+${statNumber(value)}` : statNumber(value);
}

function Legend({ legend }: { legend: MeasureLegend }) {
  if (legend.kind === 'categories') {
    return (
      <div className="toolbar-group forest-legend" data-testid="forest-legend">
        {legend.entries.slice(0, 6).map((entry) => (
          <span key={entry.label} className="legend-chip">
            <span className="legend-swatch" style={{ background: entry.color }} />
            {entry.label}
          </span>
        ))}
      </div>
    );
  }
  return (
    <div className="toolbar-group forest-legend" data-testid="forest-legend">
      <span className="muted">{legend.unit}</span>
      <span className="legend-number">{statNumber(legend.min)}</span>
      <span className="forest-gradient" style={{ background: `linear-gradient(90deg, ${legend.low}, ${legend.diverging ? 'rgb(222, 226, 232), ' : ''}${legend.high})` }} />
      <span className="legend-number">{statNumber(legend.max)}</span>
    </div>
  );
}
