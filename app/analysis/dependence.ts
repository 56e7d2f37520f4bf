/**
 * Dependence curve of one feature for the current row (an individual conditional expectation
 * curve): the prediction as that feature sweeps its slider range, the other features fixed.
 * The whole model is evaluated at every point, so each point is exactly what the evaluator says.
 */
import type { CompiledModel } from '../eval/types';
import type { TreeModel } from '../model/types';
import { featureCandidates, hasLinearLeaves } from './candidates';
import { featureDomains, type FeatureDomain } from './domains';

/** Options for `dependenceCurve`. */
export interface DependenceOptions {
  /** Evenly spaced points over [min, max] added to the threshold points (default 200). */
  gridPoints?: number;
  /** Sweep range (default: the feature's slider domain). */
  min?: number;
  max?: number;
  /** Slider domain of the feature, when the caller has it (else computed from the model). */
  domain?: FeatureDomain;
  /** Skip the points just across every threshold (grid only). Default false. */
  gridOnly?: boolean;
}

/** A curve, columnar: point i is at `x[i]`, its outputs at `raw[i·numOutputs + k]` and `prediction[i·predictionWidth + k]`. */
export interface DependenceCurve {
  feature: number;
  /** Categorical features sweep their split categories plus one code no split holds. */
  kind: 'numeric' | 'categorical';
  /** Ascending inputs. */
  x: Float64Array;
  raw: Float64Array;
  prediction: Float64Array;
  predictionWidth: number;
  numOutputs: number;
  /** Predicted class per point, -1 without classes. */
  predictedClass: Int32Array;
  /**
   * True when the curve is exact as a step function: without linear leaves, the output is constant
   * between consecutive threshold points, so drawing each point's value until the next point is
   * the model itself (grid points only add resolution for the eye).
   */
  isStepwise: boolean;
}

/**
 * The dependence curve of `feature` for the row `values` (feature order, NaN = missing): points
 * just on both sides of every threshold of the feature inside the range, plus an even grid, all
 * scored in one `predictBatch` call.
 */
export function dependenceCurve(model: TreeModel, compiledModel: CompiledModel, values: ArrayLike<number>, feature: number, options: DependenceOptions = {}): DependenceCurve {
  const numFeatures = compiledModel.numFeatures;
  if (!(feature >= 0 && feature < numFeatures)) throw new RangeError(`feature ${feature} does not exist (the model has ${numFeatures})`);
  const domain = options.domain ?? featureDomains(model)[feature];
  const candidates = featureCandidates(model, numFeatures)[feature];
  const isCategorical = candidates.categories.length > 0 && candidates.numeric.length === 0;
  let points: number[];
  if (isCategorical) {
    points = [...candidates.categories, ...(candidates.nonMember !== undefined ? [candidates.nonMember] : [])].sort((a, b) => a - b);
  } else {
    const min = options.min ?? domain?.min ?? 0;
    const max = options.max ?? domain?.max ?? 1;
    const gridPoints = Math.max(2, Math.floor(options.gridPoints ?? 200));
    const set = new Set<number>();
    for (let i = 0; i < gridPoints; i++) set.add(i === gridPoints - 1 ? max : min + ((max - min) * i) / (gridPoints - 1));
    if (!options.gridOnly) for (const value of candidates.numeric) if (value >= min && value <= max) set.add(value);
    points = [...set].sort((a, b) => a - b);
  }
  const count = points.length;
  const rows = new Float64Array(count * numFeatures);
  for (let r = 0; r < count; r++) {
    for (let f = 0; f < numFeatures; f++) rows[r * numFeatures + f] = f < values.length ? values[f] : NaN;
    rows[r * numFeatures + feature] = points[r];
  }
  const batch = compiledModel.predictBatch(rows, count);
  return {
    feature,
    kind: isCategorical ? 'categorical' : 'numeric',
    x: Float64Array.from(points),
    raw: batch.raw,
    prediction: batch.prediction,
    predictionWidth: batch.predictionWidth ?? batch.numOutputs,
    numOutputs: batch.numOutputs,
    predictedClass: batch.predictedClass,
    isStepwise: !hasLinearLeaves(model) && !options.gridOnly,
  };
}
