import { useEffect, useMemo, useRef, useState } from 'react';
import { featureTreeTraffic, type FeatureTreeMatrix } from '../../../app/analysis/forest';
import type { PackedModel } from '../../../app/model/packed';
import type { ModelDocument } from '../../../app/bridge';
import { statNumber } from '../flow/flowElements';
import { useAppStore } from '../store/store';
import { matrixOf } from './forestData';
import { setHeatmapMode, useForest } from './forestStore';

/** Feature rows drawn (the most used features first). */
const MAX_ROWS = 12;
const ROW_HEIGHT = 10;
const GUTTER = 120;

/** Height of the heatmap's canvas: one row per feature up to MAX_ROWS (known before the matrix is). */
function heatmapHeight(document: ModelDocument): number {
  return Math.min(MAX_ROWS, Math.max(1, document.packed.header.features.length)) * ROW_HEIGHT;
}

/** Light to dark, the glyphs' sequential scale; empty cells stay the panel colour. */
function cellColor(share: number): [number, number, number] {
  const from = [214, 224, 250];
  const to = [27, 45, 130];
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * share)) as [number, number, number];
}

/**
 * Feature × tree heatmap: where each feature is used (split gain, or split count when the model has
 * no gains) and, with a scored CSV, the share of its rows whose path in each tree tests the feature.
 * More trees than pixels: each column shows the largest cell of the trees it covers.
 */
export function HeatmapPanel({ document }: { document: ModelDocument }) {
  const [matrix, setMatrix] = useState<{ packed: PackedModel; matrix: FeatureTreeMatrix }>();
  useEffect(() => {
    // After the glyphs' first frame: the matrix is a pass over every node, the glyphs come first.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setMatrix({ packed: document.packed, matrix: matrixOf(document.packed) }))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [document.packed]);
  if (matrix?.packed !== document.packed) {
    return (
      // As tall as the heatmap will be, so the glyph canvas above keeps its size when it arrives.
      <section className="forest-panel forest-heatmap" data-testid="forest-heatmap-pending">
        <div className="forest-panel-head">
          <h3 className="panel-title">Features × trees</h3>
        </div>
        <div style={{ height: heatmapHeight(document) }} />
        <div className="muted small heatmap-readout">Reading where each feature is used…</div>
      </section>
    );
  }
  return <Heatmap document={document} matrix={matrix.matrix} />;
}

function Heatmap({ document, matrix }: { document: ModelDocument; matrix: FeatureTreeMatrix }) {
  const { packed, model } = document;
  const traffic = useAppStore((state) => state.csv?.traffic);
  const requested = useForest((state) => state.heatmapMode);
  const mode = requested === 'traffic' && traffic ? 'traffic' : 'gain';
  const shares = useMemo(() => (traffic ? featureTreeTraffic(packed, matrix, traffic) : undefined), [packed, matrix, traffic]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [readout, setReadout] = useState('');
  const rows = Math.min(MAX_ROWS, matrix.features.length);
  const trees = matrix.treeCount;
  const plotWidth = Math.max(1, width - GUTTER);
  const bins = Math.max(1, Math.min(trees, Math.floor(plotWidth)));
  const treesPerBin = trees / bins;

  useEffect(() => {
    const element = canvas.current!;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = canvas.current;
    if (!element || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const height = rows * ROW_HEIGHT;
    element.width = Math.round(width * ratio);
    element.height = Math.max(1, Math.round(height * ratio));
    const context = element.getContext('2d')!;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const values = mode === 'traffic' ? shares!.cells : matrix.values;
    const max = mode === 'traffic' ? 1 : matrix.max;
    if (rows === 0 || max <= 0) return;
    // One pixel per (bin, feature), scaled up without smoothing.
    const image = new ImageData(bins, rows);
    for (let row = 0; row < rows; row++) {
      for (let bin = 0; bin < bins; bin++) {
        let cell = 0;
        const first = Math.floor(bin * treesPerBin);
        const last = Math.max(first + 1, Math.floor((bin + 1) * treesPerBin));
        for (let t = first; t < last; t++) cell = Math.max(cell, values[row * trees + t]);
        const at = (row * bins + bin) * 4;
        if (cell <= 0) continue;
        const [r, g, b] = cellColor(Math.sqrt(cell / max));
        image.data[at] = r;
        image.data[at + 1] = g;
        image.data[at + 2] = b;
        image.data[at + 3] = 255;
      }
    }
    const bitmap = new OffscreenCanvas(bins, rows);
    bitmap.getContext('2d')!.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(bitmap, GUTTER, 0, plotWidth, height);
    context.fillStyle = getComputedStyle(element).color;
    context.font = '10px Inter, system-ui, sans-serif';
    context.textBaseline = 'middle';
    for (let row = 0; row < rows; row++) {
      const name = model.features[matrix.features[row]]?.name ?? `feature ${matrix.features[row]}`;
      context.fillText(name.length > 19 ? `${name.slice(0, 18)}…` : name, 2, row * ROW_HEIGHT + ROW_HEIGHT / 2, GUTTER - 6);
    }
  }, [width, rows, bins, treesPerBin, trees, plotWidth, mode, shares, matrix, model]);

  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left - GUTTER;
    const row = Math.floor((event.clientY - box.top) / ROW_HEIGHT);
    if (x < 0 || row < 0 || row >= rows) return setReadout('');
    const bin = Math.min(bins - 1, Math.floor((x / plotWidth) * bins));
    const first = Math.floor(bin * treesPerBin);
    const last = Math.max(first + 1, Math.floor((bin + 1) * treesPerBin));
    const values = mode === 'traffic' ? shares!.cells : matrix.values;
    let cell = 0;
    for (let t = first; t < last; t++) cell = Math.max(cell, values[row * trees + t]);
    const name = model.features[matrix.features[row]]?.name ?? `feature ${matrix.features[row]}`;
    const span = last - first > 1 ? `trees ${first}–${last - 1}` : `tree ${first}`;
    const figure = mode === 'traffic' ? `${(cell * 100).toFixed(1)}% of rows test it` : `${matrix.measure === 'gain' ? 'gain' : 'splits'} ${statNumber(cell)}`;
    setReadout(`${name} · ${span} · ${figure}`);
  };

  return (
    <section className="forest-panel forest-heatmap" data-testid="forest-heatmap" data-mode={mode} data-features={rows}>
      <div className="forest-panel-head">
        <h3 className="panel-title">Features × trees</h3>
        <div className="segmented" role="group" aria-label="Heatmap shows">
          <button type="button" aria-pressed={mode === 'gain'} data-testid="heatmap-gain" onClick={() => setHeatmapMode('gain')}>
            {matrix.measure === 'gain' ? 'Gain' : 'Splits'}
          </button>
          <button type="button" aria-pressed={mode === 'traffic'} data-testid="heatmap-traffic" disabled={!traffic} title={traffic ? 'Share of the CSV rows whose path tests the feature' : 'Open a CSV in the Test tab'} onClick={() => setHeatmapMode('traffic')}>
            CSV traffic
          </button>
        </div>
      </div>
      <canvas ref={canvas} className="heatmap-canvas" style={{ height: heatmapHeight(document) }} onMouseMove={onMove} onMouseLeave={() => setReadout('')} />
      <div className="muted small heatmap-readout" data-testid="heatmap-readout">
        {readout || `${rows} of ${matrix.features.length} used features, most ${matrix.measure === 'gain' ? 'gain' : 'splits'} first; ${trees.toLocaleString('en')} trees left to right`}
      </div>
    </section>
  );
}
