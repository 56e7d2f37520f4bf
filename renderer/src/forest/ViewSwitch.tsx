import { useAppStore } from '../store/store';
import { closeForest, openForest, useForest } from './forestStore';

/** Tree | Forest: which view the canvas shows. The forest needs the whole model, so it waits for a partial one. */
export function ViewSwitch() {
  const isOpen = useForest((state) => state.isOpen);
  const isPartial = useAppStore((state) => state.document?.partial !== undefined);
  return (
    <div className="segmented view-switch" role="group" aria-label="Canvas view">
      <button type="button" aria-pressed={!isOpen || isPartial} aria-label="Tree" data-testid="view-tree" onClick={closeForest} title="One tree, every split">
        <TreeIcon />
        <span className="view-label">Tree</span>
      </button>
      <button
        type="button"
        aria-pressed={isOpen && !isPartial}
        aria-label="Forest"
        data-testid="view-forest"
        disabled={isPartial}
        onClick={openForest}
        title={isPartial ? 'The forest view opens once every tree is read' : 'Every tree of the model at once'}
      >
        <ForestIcon />
        <span className="view-label">Forest</span>
      </button>
    </div>
  );
}

/** A root and two children: one tree. (The labels give way to these icons on a narrow canvas.) */
function TreeIcon() {
  return (
    <svg className="view-icon" viewBox="0 0 14 14" width="13" height="13" aria-hidden="true">
      <path d="M7 2.5v3M7 5.5 3.5 9.5M7 5.5l3.5 4" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <circle cx="7" cy="2.5" r="1.6" fill="currentColor" />
      <circle cx="3.5" cy="10.5" r="1.6" fill="currentColor" />
      <circle cx="10.5" cy="10.5" r="1.6" fill="currentColor" />
    </svg>
  );
}

/** A grid of glyphs: every tree at once. */
function ForestIcon() {
  return (
    <svg className="view-icon" viewBox="0 0 14 14" width="13" height="13" aria-hidden="true">
      {[1.5, 5.5, 9.5].flatMap((y) => [1.5, 5.5, 9.5].map((x) => <rect key={`${x},${y}`} x={x} y={y} width="3" height="3" rx="0.6" fill="currentColor" />))}
    </svg>
  );
}
