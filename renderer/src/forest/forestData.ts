import { featureTreeMatrix, forestFacts, type FeatureTreeMatrix, type ForestFacts } from '../../../app/analysis/forest';
import type { PackedModel } from '../../../app/model/packed';
import type { TreeModel } from '../../../app/model/types';
import { outputName } from '../components/TreeList';
import { appStore } from '../store/store';
import { closeForest } from './forestStore';

/*
 * What the forest view derives once per model (models never change after parsing, so weak caches
 * keyed by the packed model need no invalidation), and the one action it shares with its panels.
 */
function cached<V>(compute: (packed: PackedModel) => V): (packed: PackedModel) => V {
  const cache = new WeakMap<PackedModel, V>();
  return (packed) => {
    let value = cache.get(packed);
    if (value === undefined) {
      value = compute(packed);
      cache.set(packed, value);
    }
    return value;
  };
}

export const factsOf: (packed: PackedModel) => ForestFacts = cached(forestFacts);
/** The heatmap's rows: the 24 features with the most gain (or splits). */
export const matrixOf: (packed: PackedModel) => FeatureTreeMatrix = cached((packed) => featureTreeMatrix(packed, 24));

/** Band titles for multiclass boosting (one band per class); undefined when all trees add to one score. */
export function bandTitles(model: TreeModel): string[] | undefined {
  if (model.numOutputs <= 1 || model.aggregation.kind !== 'sum') return undefined;
  return Array.from({ length: model.numOutputs }, (_, output) => (model.classes?.[output] !== undefined ? `class ${model.classes[output]}` : (outputName(model, output) ?? `output ${output}`)));
}

/** Opens tree `index` in the single-tree view (a tested vector's path shows on it, see testing/setup.ts). */
export function openTree(index: number): void {
  appStore.getState().selectTree(index);
  closeForest();
}
