/**
 * "What flips it": the smallest change of one feature that changes the predicted class (or moves a
 * regression prediction across a value the user gives), found exactly from the split thresholds.
 *
 * With the other features fixed, the model's output is constant between consecutive cuts of the
 * feature (`candidates.ts`), so the closest input with a different outcome is always one of the
 * inputs just across a cut; candidates are evaluated by the real evaluator, nearest first, so the
 * answer is exact by construction. For float32 models (XGBoost, scikit-learn) the values are
 * float32 numbers, the inputs the library actually compares: the flip happens at that float32, and a
 * double less than half a float32 step closer rounds onto it (so it flips too).
 * A current value that is missing (NaN) has no distance to measure: that feature is skipped.
 */
import type { CompiledModel, RowPrediction } from '../eval/types';
import type { TreeModel } from '../model/types';
import { featureCandidates, hasLinearLeaves, type FeatureCandidates } from './candidates';
import { featureDomains, type FeatureDomain } from './domains';

/** What counts as a flip. */
export interface FlipOptions {
  /**
   * Regression (and any model without classes): the value the prediction must cross. The row is
   * "above" when prediction ≥ target, else "below"; a flip changes the side. Ignored for classifiers.
   */
  target?: number;
  /** Which prediction value to watch for `target` (default 0). */
  output?: number;
  /** Only these features (default: all). */
  features?: readonly number[];
  /** Slider domains from `featureDomains` (computed when absent); they scale numeric changes. */
  domains?: readonly FeatureDomain[];
  /** Rows scored per evaluator call while searching (default 64). */
  chunk?: number;
  /**
   * `all` (default): the nearest flip of every feature (`perFeature`). `best`: only the overall
   * smallest flip: candidates of all features are tried in order of relative change and the search
   * stops at the first flip, usually after far fewer evaluations. Same `best` either way.
   */
  scope?: 'all' | 'best';
  /** Search numeric features only this far: a fraction of each feature's slider range (default: no limit). */
  maxRelativeChange?: number;
}

/** The nearest flip along one feature. */
export interface FeatureFlip {
  feature: number;
  name: string;
  kind: 'numeric' | 'categorical';
  /** The current value and the new one. */
  from: number;
  to: number;
  /** to − from (NaN for categorical changes, where distance has no meaning). */
  change: number;
  /**
   * The change measured against the feature's slider range: |to − from| / (max − min) for numeric
   * features, 1 for any category change (a category change counts as crossing the whole range).
   * This is what ranks features against each other.
   */
  relativeChange: number;
  /** The row's prediction with `to` in place, re-evaluated by `compiledModel.predictRow`. */
  prediction: RowPrediction;
}

/** The outcome of `findFlips`. */
export interface FlipSearch {
  /** The current row's prediction. */
  baseline: RowPrediction;
  /** `class`: the predicted class must change; `threshold`: the prediction must cross `target`. */
  criterion: 'class' | 'threshold';
  /** The smallest flip over all features (smallest relativeChange, then smallest |change|). */
  best?: FeatureFlip;
  /** Nearest flip per feature, smallest relativeChange first; features with no flip are absent. */
  perFeature: FeatureFlip[];
  /** Features not searched and why (missing current value, indicator-only, never split on). */
  skipped: { feature: number; reason: string }[];
  /** Rows the evaluator scored. */
  evaluations: number;
  /** False when the model has linear leaves: then a flip may also lie between cuts, unseen here. */
  isExact: boolean;
}

/**
 * Searches every feature for its nearest flip. `values` is the current row in feature order
 * (NaN = missing). Throws RangeError for a model without classes when `options.target` is absent.
 */
export function findFlips(model: TreeModel, compiledModel: CompiledModel, values: ArrayLike<number>, options: FlipOptions = {}): FlipSearch {
  const numFeatures = compiledModel.numFeatures;
  const row = new Float64Array(numFeatures).fill(NaN);
  for (let f = 0; f < Math.min(numFeatures, values.length); f++) row[f] = values[f];
  const baseline = compiledModel.predictRow(row);
  const isClass = baseline.predictedClass !== undefined;
  const output = options.output ?? 0;
  const target = options.target;
  if (!isClass && (target === undefined || Number.isNaN(target))) {
    throw new RangeError('this model predicts values, not classes: give the value the prediction must cross (target)');
  }
  const side = (prediction: number) => prediction >= target!;
  const baselineSide = isClass ? false : side(baseline.prediction[output]);
  const flipsAt = (batch: { predictedClass: Int32Array; prediction: Float64Array; predictionWidth?: number }, r: number) =>
    isClass ? batch.predictedClass[r] !== baseline.predictedClass : side(batch.prediction[r * (batch.predictionWidth ?? compiledModel.numOutputs) + output]) !== baselineSide;

  const domains = options.domains ?? featureDomains(model);
  const candidates = featureCandidates(model, numFeatures);
  const chunk = Math.max(1, options.chunk ?? 64);
  const scratch = new Float64Array(chunk * numFeatures);
  const result: FlipSearch = { baseline, criterion: isClass ? 'class' : 'threshold', perFeature: [], skipped: [], evaluations: 0, isExact: !hasLinearLeaves(model) };
  if (baseline.error) {
    result.skipped.push({ feature: -1, reason: baseline.error });
    return result;
  }

  /** Evaluates trials (feature, value) in the order given; returns the index of the first that flips. */
  const firstFlip = (features: ArrayLike<number>, trial: readonly number[]): number | undefined => {
    for (let start = 0; start < trial.length; start += chunk) {
      const count = Math.min(chunk, trial.length - start);
      for (let r = 0; r < count; r++) {
        scratch.set(row, r * numFeatures);
        scratch[r * numFeatures + features[start + r]] = trial[start + r];
      }
      const batch = compiledModel.predictBatch(scratch, count);
      result.evaluations += count;
      for (let r = 0; r < count; r++) if (!batch.errors.has(r) && flipsAt(batch, r)) return start + r;
    }
    return undefined;
  };
  const flipOf = (f: number, found: number, isCategorical: boolean): FeatureFlip => {
    const current = row[f];
    const changed = Float64Array.from(row);
    changed[f] = found;
    const domain = domains[f];
    const span = domain ? domain.max - domain.min : 0;
    const change = isCategorical ? NaN : found - current;
    return {
      feature: f,
      name: model.features[f]?.name ?? `f${f}`,
      kind: isCategorical ? 'categorical' : 'numeric',
      from: current,
      to: found,
      change,
      relativeChange: relativeChange(change, isCategorical, span),
      prediction: compiledModel.predictRow(changed),
    };
  };
  // For `best`: every feature's trials, ranked together.
  const pooled: { feature: number; value: number; relative: number; distance: number; isCategorical: boolean }[] = [];

  for (const f of options.features ?? Array.from({ length: numFeatures }, (_, index) => index)) {
    const current = row[f];
    const candidate: FeatureCandidates = candidates[f];
    const isCategorical = candidate.categories.length > 0 && candidate.numeric.length === 0;
    if (candidate.numeric.length === 0 && candidate.categories.length === 0) {
      result.skipped.push({ feature: f, reason: candidate.hasIndicator ? 'only indicator splits: only present vs missing matters' : 'the model never splits on it' });
      continue;
    }
    if (current !== current) {
      result.skipped.push({ feature: f, reason: 'the value is missing, so there is no distance to measure' });
      continue;
    }
    let trial: number[];
    if (isCategorical) {
      trial = [...candidate.categories, ...(candidate.nonMember !== undefined ? [candidate.nonMember] : [])].filter((code) => code !== current).sort((a, b) => a - b);
    } else {
      // Each piece between two cuts is reached from x by its nearest end: the right side of the cut
      // below it when it lies above x, the left side of the cut above it when it lies below x.
      trial = [...candidate.rights.filter((value) => value > current), ...candidate.lefts.filter((value) => value < current)];
      trial.sort((a, b) => Math.abs(a - current) - Math.abs(b - current) || a - b);
      if (options.maxRelativeChange !== undefined) {
        const limit = options.maxRelativeChange * (domains[f] ? domains[f].max - domains[f].min : 0);
        trial = trial.filter((value) => Math.abs(value - current) <= limit);
      }
    }
    if (options.scope === 'best') {
      const span = domains[f] ? domains[f].max - domains[f].min : 0;
      for (const value of trial) {
        const change = value - current;
        pooled.push({ feature: f, value, relative: relativeChange(change, isCategorical, span), distance: isCategorical ? Infinity : Math.abs(change), isCategorical });
      }
      continue;
    }
    const index = firstFlip(new Int32Array(trial.length).fill(f), trial);
    if (index !== undefined) result.perFeature.push(flipOf(f, trial[index], isCategorical));
  }
  if (options.scope === 'best') {
    pooled.sort((a, b) => a.relative - b.relative || a.distance - b.distance || a.feature - b.feature || a.value - b.value);
    const index = firstFlip(
      Int32Array.from(pooled, (entry) => entry.feature),
      pooled.map((entry) => entry.value),
    );
    if (index !== undefined) result.perFeature.push(flipOf(pooled[index].feature, pooled[index].value, pooled[index].isCategorical));
  }
  result.perFeature.sort((a, b) => a.relativeChange - b.relativeChange || Math.abs(a.change) - Math.abs(b.change) || a.feature - b.feature);
  result.best = result.perFeature[0];
  return result;
}

/** See `FeatureFlip.relativeChange`. */
function relativeChange(change: number, isCategorical: boolean, span: number): number {
  if (isCategorical) return 1;
  return span > 0 && Number.isFinite(span) ? Math.abs(change) / span : Math.abs(change);
}
