import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/** What colours the glyphs of the forest view. */
export type ForestMeasure = 'leaves' | 'depth' | 'gain' | 'rootFeature' | 'contribution';

/** What the feature × tree heatmap shows. */
export type HeatmapMode = 'gain' | 'traffic';

/**
 * The forest view (issue 15): a mode of the canvas beside the single tree. Its own small store (like
 * diff/compareStore.ts): the document and the selected tree stay in the app store, which the view
 * reads; this one holds only what the forest view adds.
 */
export interface ForestState {
  isOpen: boolean;
  measure: ForestMeasure;
  heatmapMode: HeatmapMode;
  /** Asks the glyph canvas to fit every tree in view; `serial` makes repeated requests distinct. */
  fitRequest: number;
}

export const forestStore = createStore<ForestState>()(() => ({ isOpen: false, measure: 'leaves', heatmapMode: 'gain', fitRequest: 0 }));

export function useForest<T>(selector: (state: ForestState) => T): T {
  return useStore(forestStore, selector);
}

export function openForest(): void {
  forestStore.setState({ isOpen: true });
}

/** Back to the single-tree view (on whatever tree the app store has selected). */
export function closeForest(): void {
  forestStore.setState({ isOpen: false });
}

export function setMeasure(measure: ForestMeasure): void {
  forestStore.setState({ measure });
}

export function setHeatmapMode(heatmapMode: HeatmapMode): void {
  forestStore.setState({ heatmapMode });
}

export function requestFit(): void {
  forestStore.setState((state) => ({ fitRequest: state.fitRequest + 1 }));
}
