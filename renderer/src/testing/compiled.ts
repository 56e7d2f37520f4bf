import { compileModel } from '../../../app/eval';
import type { CompiledModel } from '../../../app/eval/types';
import { featureDomains, prepareAttribution, trafficPlan, type AttributionModel, type AttributionUnavailable, type FeatureDomain, type TrafficPlan } from '../../../app/analysis';
import type { TreeModel } from '../../../app/model/types';

/*
 * What the testing panel derives once per model: the compiled evaluator (slider moves score in the
 * renderer, well under a frame), slider domains, attribution tables and the traffic plan. Models
 * never change after parsing, so weak caches keyed by the model object need no invalidation.
 */
function cached<V>(compute: (model: TreeModel) => V): (model: TreeModel) => V {
  const cache = new WeakMap<TreeModel, V>();
  return (model) => {
    let value = cache.get(model);
    if (value === undefined) {
      value = compute(model);
      cache.set(model, value);
    }
    return value;
  };
}

export const compiledModel: (model: TreeModel) => CompiledModel = cached(compileModel);
export const domainsOf: (model: TreeModel) => FeatureDomain[] = cached(featureDomains);
export const attributionOf: (model: TreeModel) => AttributionModel | AttributionUnavailable = cached((model) => prepareAttribution(model));
export const trafficPlanOf: (model: TreeModel) => TrafficPlan = cached(trafficPlan);
