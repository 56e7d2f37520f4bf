import { useAppStore } from '../store/store';
import { closeForest, openForest, useForest } from './forestStore';

/** Tree | Forest: which view the canvas shows. The forest needs the whole model, so it waits for a partial one. */
export function ViewSwitch() {
  const isOpen = useForest((state) => state.isOpen);
  const isPartial = useAppStore((state) => state.document?.partial !== undefined);
  return (
    <div className="segmented view-switch" role="group" aria-label="Canvas view">
      <button type="button" aria-pressed={!isOpen || isPartial} data-testid="view-tree" onClick={closeForest} title="One tree, every split">
        Tree
      </button>
      <button
        type="button"
        aria-pressed={isOpen && !isPartial}
        data-testid="view-forest"
        disabled={isPartial}
        onClick={openForest}
        title={isPartial ? 'The forest view opens once every tree is read' : 'Every tree of the model at once'}
      >
        Forest
      </button>
    </div>
  );
}
