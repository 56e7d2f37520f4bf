/**
 * The computational core behind "Testing a model" (issue 5): slider domains, per-feature
 * contributions, the smallest change that flips a prediction, dependence curves, metrics against a
 * label column and per-node traffic. Pure functions over the IR and the compiled evaluator.
 *
 * Typical use by a panel (prepare once per model, then per slider move):
 * ```ts
 * const compiled = compileModel(model);
 * const domains = featureDomains(model);                 // slider ranges, ticks, categories
 * const attribution = prepareAttribution(model);         // or { available: false, reason }
 * // On every slider move (≈0.1–0.2 ms on 500–1000 trees):
 * const prediction = compiled.predictRow(values, { paths: true });
 * const bars = attribution.available ? sortedContributions(pathContributions(attribution, prediction.paths!), 0, model) : [];
 * // On demand (tens of ms on 1000 trees): exact TreeSHAP, the dependence curve, the flip search.
 * treeShapContributions(attribution, values);
 * dependenceCurve(model, compiled, values, feature, { domain: domains[feature] });
 * findFlips(model, compiled, values, { domains, scope: 'best' });
 * // A labelled CSV: scores, metrics, wrong rows and where they flow.
 * const batch = compiled.predictBatch(rows, count, { leafNodes: true });
 * const metrics = computeMetrics(model, batch, labelCells);
 * const traffic = nodeTraffic(trafficPlan(model), batch.leafNodes!, count, wrongRows(metrics));
 * ```
 */
export { featureDomains, sliderRange, categoryLabel, type FeatureDomain, type CategoryOption } from './domains';
export {
  prepareAttribution,
  pathContributions,
  sortedContributions,
  type AttributionModel,
  type AttributionUnavailable,
  type Contributions,
  type ContributionBar,
  type NodeValueSource,
} from './contributions';
export { treeShapContributions } from './treeShap';
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
export { trafficPlan, nodeTraffic, trafficFromLeafCounts, type NodeTraffic, type TrafficPlan } from './traffic';
export {
  forestFacts,
  scoreByTrees,
  topTrees,
  metricsByTrees,
  featureTreeMatrix,
  featureTreeTraffic,
  type ForestFacts,
  type ScoreByTrees,
  type TopTrees,
  type MetricCurve,
  type MetricsByTrees,
  type FeatureTreeMatrix,
} from './forest';
export { featureCandidates, type FeatureCandidates } from './candidates';
export { nextUp, nextDown, nextUpFloat32, nextDownFloat32, thresholdSides } from './numbers';
