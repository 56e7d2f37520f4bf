import { featureTreeMatrix, forestFacts, type FeatureTreeMatrix, type ForestFacts } from '../../../app/analysis/forest';
import type { PackedModel } from '../../../app/model/packed';
import type { TreeModel } from '../../../app/model/types';
import { outputName } from '../components/TreeList';
import { appStore } from '../store/store';
import { registerCommand } from '../commands';
import { closeForest, forestStore, openForest, requestFit } from './forestStore';

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

let isSetUp = false;

/** The forest view's commands (palette, menu): open or leave it, fit every tree in view. */
export function setUpForest(): void {
  if (isSetUp) return;
  isSetUp = true;
  const isComplete = () => {
    const document = appStore.getState().document;
    return document !== undefined && document.partial === undefined;
  };
  registerCommand({ id: 'toggle-forest', title: 'Forest view on/off (every tree at once)', group: 'View', isEnabled: isComplete, run: () => (forestStore.getState().isOpen ? closeForest() : openForest()) });
  registerCommand({ id: 'forest-fit', title: 'Fit every tree in view', group: 'View', isEnabled: () => isComplete() && forestStore.getState().isOpen, run: requestFit });
}
