/**
 * What each feature's slider covers: the thresholds the model's numeric splits use (tick marks), a
 * range around them, and the categories its categorical splits test.
 */
import type { TreeModel } from '../model/types';
import { NODE_CATEGORICAL, NODE_LEAF, NODE_NUMERIC, type PackedModel } from '../model/packed';
import { packedFormOf } from '../model/tree';

/** One category a categorical split tests, with its human-readable label when the model has one. */
export interface CategoryOption {
  code: number;
  label: string;
}

/** The slider domain of one feature. */
export interface FeatureDomain {
  feature: number;
  name: string;
  kind: 'numeric' | 'categorical';
  /** Distinct finite thresholds of the numeric splits on this feature, ascending (slider ticks). */
  thresholds: number[];
  /** Numeric splits at +∞ or −∞ (LightGBM writes `inf`): they send every finite value one way. */
  infiniteThresholds: number;
  /** Split nodes that test this feature, of any kind, over all trees. */
  splitCount: number;
  /**
   * Slider range. Covers every finite threshold and the training range when the dump gives one,
   * plus a margin of 10% of that span on each side (a lone threshold t gets max(|t|·10%, 1)).
   * A feature with no finite threshold gets its training range, or [0, 1].
   */
  min: number;
  max: number;
  /** Categories the model's categorical splits test, ascending by code (empty for numeric features). */
  categories: CategoryOption[];
  /** True when an indicator split (XGBoost `i`) tests this feature: only present vs missing matters. */
  hasIndicator: boolean;
}

/** Relative margin added on both sides of the thresholds' span. */
const MARGIN = 0.1;

/**
 * The slider domain of every feature of the model (index = feature index). Features the model
 * never splits on still get an entry (no thresholds, splitCount 0). One pass over the packed
 * columns (a view or node objects are packed first): O(total nodes), no node objects made.
 */
export function featureDomains(input: TreeModel | PackedModel): FeatureDomain[] {
  const { header: model, forest } = packedFormOf(input);
  let numFeatures = model.features.length;
  for (let row = 0; row < forest.nodeCount; row++) if (forest.kind[row] !== NODE_LEAF && forest.feature[row] >= numFeatures) numFeatures = forest.feature[row] + 1;
  const thresholds: Set<number>[] = Array.from({ length: numFeatures }, () => new Set());
  const categories: Set<number>[] = Array.from({ length: numFeatures }, () => new Set());
  const infinite = new Int32Array(numFeatures);
  const splits = new Int32Array(numFeatures);
  const indicator = new Uint8Array(numFeatures);
  for (let row = 0; row < forest.nodeCount; row++) {
    const kind = forest.kind[row];
    if (kind === NODE_LEAF) continue;
    const f = forest.feature[row];
    splits[f]++;
    if (kind === NODE_NUMERIC) {
      const threshold = forest.value[row];
      if (Number.isFinite(threshold)) thresholds[f].add(threshold === 0 ? 0 : threshold);
      else if (threshold === threshold) infinite[f]++;
    } else if (kind === NODE_CATEGORICAL) {
      const set = forest.extra[row];
      for (let at = forest.categoryStart[set]; at < forest.categoryStart[set + 1]; at++) categories[f].add(forest.categories[at]);
    } else indicator[f] = 1;
  }
  const domains: FeatureDomain[] = [];
  for (let f = 0; f < numFeatures; f++) {
    const feature = model.features[f];
    const sorted = [...thresholds[f]].sort((a, b) => a - b);
    const range = sliderRange(sorted, feature?.trainingRange);
    const labels = feature?.categoryLabels;
    const isCategorical = feature?.kind === 'categorical' || (categories[f].size > 0 && sorted.length === 0);
    domains.push({
      feature: f,
      name: feature?.name ?? `f${f}`,
      kind: isCategorical ? 'categorical' : 'numeric',
      thresholds: sorted,
      infiniteThresholds: infinite[f],
      splitCount: splits[f],
      min: range.min,
      max: range.max,
      categories: [...categories[f]].sort((a, b) => a - b).map((code) => ({ code, label: categoryLabel(code, labels) })),
      hasIndicator: indicator[f] === 1,
    });
  }
  return domains;
}

/** The label of a category code: `categoryLabels[code]` when present, else the code itself. */
export function categoryLabel(code: number, labels: readonly string[] | undefined): string {
  const label = Number.isInteger(code) && code >= 0 ? labels?.[code] : undefined;
  return label ?? String(code);
}

/**
 * A slider range over sorted finite thresholds and an optional training range (see
 * `FeatureDomain.min`). Always finite with min < max.
 */
export function sliderRange(sortedThresholds: readonly number[], trainingRange?: { min: number; max: number }): { min: number; max: number } {
  let low = Infinity;
  let high = -Infinity;
  if (sortedThresholds.length > 0) {
    low = sortedThresholds[0];
    high = sortedThresholds[sortedThresholds.length - 1];
  }
  if (trainingRange && Number.isFinite(trainingRange.min) && Number.isFinite(trainingRange.max) && trainingRange.min <= trainingRange.max) {
    low = Math.min(low, trainingRange.min);
    high = Math.max(high, trainingRange.max);
  }
  if (low > high) return { min: 0, max: 1 };
  const span = high - low;
  const margin = span > 0 ? span * MARGIN : Math.max(Math.abs(low) * MARGIN, 1);
  let min = low - margin;
  let max = high + margin;
  // Near ±Number.MAX_VALUE the margin overflows: keep the bound itself, or its neighbour.
  if (!Number.isFinite(min)) min = low > -Number.MAX_VALUE ? low : -Number.MAX_VALUE;
  if (!Number.isFinite(max)) max = high < Number.MAX_VALUE ? high : Number.MAX_VALUE;
  if (min >= max) {
    min = Math.max(-Number.MAX_VALUE, low - Math.abs(low) * MARGIN);
    max = Math.min(Number.MAX_VALUE, high + Math.abs(high) * MARGIN);
    if (min === low) min = -Number.MAX_VALUE;
    if (max === high && min >= max) max = Number.MAX_VALUE;
  }
  return { min, max };
}
