/**
 * The computational core behind "Testing a model" (issue 5): slider domains, per-feature
 * contributions, the smallest change that flips a prediction, dependence curves, metrics against a
 * label column and per-node traffic. Pure functions over the IR and the compiled evaluator.
 */
export { featureDomains, sliderRange, categoryLabel, type FeatureDomain, type CategoryOption } from './domains';
export {
  prepareAttribution,
  pathContributions,
  treeShapContributions,
  sortedContributions,
  type AttributionModel,
  type AttributionUnavailable,
  type Contributions,
  type ContributionBar,
  type NodeValueSource,
} from './contributions';
export { findFlips, type FlipOptions, type FlipSearch, type FeatureFlip } from './flips';
export { dependenceCurve, type DependenceCurve, type DependenceOptions } from './dependence';
export {
  computeMetrics,
  classNames,
  labelReader,
  classProbabilities,
  accuracy,
  logLoss,
  rocAuc,
  rocAucOneVsRest,
  confusionMatrix,
  rmse,
  meanAbsoluteError,
  wrongRows,
  LOG_LOSS_EPSILON,
  type ClassificationMetrics,
  type RegressionMetrics,
  type SkippedRow,
} from './metrics';
export { trafficPlan, nodeTraffic, type NodeTraffic, type TrafficPlan } from './traffic';
export { featureCandidates, type FeatureCandidates } from './candidates';
export { nextUp, nextDown, nextUpFloat32, nextDownFloat32, thresholdSides } from './numbers';
