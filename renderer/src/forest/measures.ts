import type { ForestFacts } from '../../../app/analysis/forest';
import type { ForestMeasure } from './forestStore';

/*
 * Glyph colours for a measure: each tree gets a palette index (a bucket), so the canvas fills all
 * glyphs of one colour in one path. Sequential measures run light to dark; the contribution runs
 * blue (takes from the score) through grey to red (adds to it); the root feature takes a colour per
 * most common feature.
 */

const STEPS = 24;
/** Colours of the most common root features (the palette of classes in the tree view). */
const FEATURE_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];
const OTHER_FEATURE = '#bab0ac';
const NO_SPLIT = '#d5dae3';

export type MeasureLegend =
  | { kind: 'range'; min: number; max: number; low: string; high: string; diverging: boolean; unit: string }
  | { kind: 'categories'; entries: Array<{ color: string; label: string }> };

export interface MeasureColors {
  measure: ForestMeasure;
  /** Per tree: index into `palette`. */
  bucket: Uint8Array;
  palette: string[];
  legend: MeasureLegend;
}

function mix(from: [number, number, number], to: [number, number, number], t: number): string {
  const channel = (i: number) => Math.round(from[i] + (to[i] - from[i]) * t);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

const LIGHT: [number, number, number] = [214, 224, 250];
const DARK: [number, number, number] = [27, 45, 130];
const NEGATIVE: [number, number, number] = [33, 102, 172];
const NEUTRAL: [number, number, number] = [222, 226, 232];
const POSITIVE: [number, number, number] = [196, 40, 48];

const SEQUENTIAL = Array.from({ length: STEPS }, (_, i) => mix(LIGHT, DARK, i / (STEPS - 1)));
const DIVERGING = Array.from({ length: 2 * STEPS + 1 }, (_, i) => (i < STEPS ? mix(NEGATIVE, NEUTRAL, i / STEPS) : mix(NEUTRAL, POSITIVE, (i - STEPS) / STEPS)));

/** Whether a measure can be shown for this model and state, and why not. */
export function measureUnavailable(measure: ForestMeasure, facts: ForestFacts, hasVector: boolean): string | undefined {
  if (measure === 'gain' && !facts.totalGain) return 'the model file holds no split gains';
  if (measure === 'contribution' && !hasVector) return 'set a feature vector in the Test tab';
  return undefined;
}

/** Colours of every glyph for `measure`. `contribution` is each tree's addition to its output's raw score. */
export function measureColors(measure: ForestMeasure, facts: ForestFacts, contribution: Float64Array | undefined, featureName: (feature: number) => string): MeasureColors {
  const count = facts.treeCount;
  const bucket = new Uint8Array(count);
  if (measure === 'rootFeature') {
    const uses = new Map<number, number>();
    for (let t = 0; t < count; t++) if (facts.rootFeature[t] >= 0) uses.set(facts.rootFeature[t], (uses.get(facts.rootFeature[t]) ?? 0) + 1);
    const common = [...uses.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, FEATURE_COLORS.length);
    const slot = new Map(common.map(([feature], index) => [feature, index]));
    const palette = [...FEATURE_COLORS.slice(0, common.length), OTHER_FEATURE, NO_SPLIT];
    for (let t = 0; t < count; t++) {
      const feature = facts.rootFeature[t];
      bucket[t] = feature < 0 ? palette.length - 1 : (slot.get(feature) ?? palette.length - 2);
    }
    const entries = common.map(([feature, uses], index) => ({ color: FEATURE_COLORS[index], label: `${featureName(feature)} (${uses})` }));
    if (uses.size > common.length) entries.push({ color: OTHER_FEATURE, label: `${uses.size - common.length} other features` });
    if (facts.rootFeature.some((feature) => feature < 0)) entries.push({ color: NO_SPLIT, label: 'single leaf' });
    return { measure, bucket, palette, legend: { kind: 'categories', entries } };
  }
  if (measure === 'contribution') {
    let largest = 0;
    if (contribution) for (let t = 0; t < count; t++) if (Math.abs(contribution[t]) > largest) largest = Math.abs(contribution[t]);
    for (let t = 0; t < count; t++) {
      const value = contribution?.[t] ?? 0;
      bucket[t] = largest > 0 && value === value ? STEPS + Math.round((value / largest) * STEPS) : STEPS;
    }
    return { measure, bucket, palette: DIVERGING, legend: { kind: 'range', min: -largest, max: largest, low: DIVERGING[0], high: DIVERGING[2 * STEPS], diverging: true, unit: 'added to the raw score' } };
  }
  const values: ArrayLike<number> = measure === 'leaves' ? facts.leaves : measure === 'depth' ? facts.depth : (facts.totalGain ?? new Float64Array(count));
  let min = Infinity;
  let max = -Infinity;
  for (let t = 0; t < count; t++) {
    if (values[t] < min) min = values[t];
    if (values[t] > max) max = values[t];
  }
  const span = max - min;
  for (let t = 0; t < count; t++) bucket[t] = span > 0 ? Math.round(((values[t] - min) / span) * (STEPS - 1)) : STEPS >> 1;
  const unit = measure === 'leaves' ? 'leaves' : measure === 'depth' ? 'depth' : 'total gain';
  return { measure, bucket, palette: SEQUENTIAL, legend: { kind: 'range', min: count > 0 ? min : 0, max: count > 0 ? max : 0, low: SEQUENTIAL[0], high: SEQUENTIAL[STEPS - 1], diverging: false, unit } };
}

/** Size of a glyph's silhouette inside its cell (0–1 each): width by leaves, height by depth, against the largest tree. */
export function glyphShape(facts: ForestFacts): { width: Float32Array; height: Float32Array } {
  let maxLeaves = 1;
  let maxDepth = 1;
  for (let t = 0; t < facts.treeCount; t++) {
    if (facts.leaves[t] > maxLeaves) maxLeaves = facts.leaves[t];
    if (facts.depth[t] > maxDepth) maxDepth = facts.depth[t];
  }
  const width = new Float32Array(facts.treeCount);
  const height = new Float32Array(facts.treeCount);
  for (let t = 0; t < facts.treeCount; t++) {
    width[t] = 0.35 + 0.65 * Math.sqrt(facts.leaves[t] / maxLeaves);
    height[t] = 0.35 + 0.65 * (facts.depth[t] / maxDepth);
  }
  return { width, height };
}
