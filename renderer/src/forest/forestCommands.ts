import { registerCommand } from '../commands';
import { appStore } from '../store/store';
import { closeForest, forestStore, openForest, requestFit } from './forestStore';

// Apart from the forest view's code (a chunk loaded after the first tree, see lazyViews.tsx): the
// commands exist from the page's start.

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
