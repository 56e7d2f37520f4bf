import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { filterAndSortTrees, type TreeRow, type TreeSort } from '../../../app/graph/treeSummary';
import type { TreeModel } from '../../../app/model/types';
import { largestOf } from '../../../app/util/extremes';
import { statNumber } from '../flow/flowElements';
import { treeRows } from '../store/derived';
import { appStore, selectTreeOutputs, useAppStore } from '../store/store';

const ROW_HEIGHT = 30;

/** Label of the output a tree adds to: its class for multiclass boosting, nothing otherwise. */
export function outputName(model: TreeModel, outputIndex: number): string | undefined {
  // Only boosting splits its trees by output; forest trees all vote for every class.
  if (model.numOutputs <= 1 || model.aggregation.kind !== 'sum') return undefined;
  return model.classes?.[outputIndex] ?? `output ${outputIndex}`;
}

/** The rows the navigator shows, in its order: the list, and previous/next, use the same. */
export function useVisibleTreeRows(model: TreeModel): TreeRow[] {
  const sort = useAppStore((state) => state.treeSort);
  const text = useAppStore((state) => state.treeFilterText);
  const outputIndex = useAppStore((state) => state.treeFilterOutput);
  const outputs = useAppStore(selectTreeOutputs);
  return useMemo(() => filterAndSortTrees(treeRows(model), { text, outputIndex }, sort, outputs), [model, sort, text, outputIndex, outputs]);
}

/** Selects the tree `step` places away from the current one in the navigator's order. */
export function stepTree(rows: TreeRow[], step: number): void {
  const state = appStore.getState();
  if (rows.length === 0) return;
  const at = rows.findIndex((row) => row.index === state.selectedTree);
  const next = at < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, at + step));
  state.selectTree(rows[next].index);
}

/**
 * Ensemble navigator: every tree with its size and depth (and its output once a feature vector is
 * set), filtered and sorted; virtualised, since ensembles reach thousands of trees.
 */
export function TreeList({ model }: { model: TreeModel }) {
  const rows = useVisibleTreeRows(model);
  const selectedTree = useAppStore((state) => state.selectedTree);
  const sort = useAppStore((state) => state.treeSort);
  const filterText = useAppStore((state) => state.treeFilterText);
  const filterOutput = useAppStore((state) => state.treeFilterOutput);
  const outputs = useAppStore(selectTreeOutputs);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const selectedRow = rows.findIndex((row) => row.index === selectedTree);

  // Keeps the selected tree's row in view. Not for the first row when the list mounts: a new list
  // shows it already, and scrolling reads the list's layout while the first tree is being drawn.
  const hasMounted = useRef(false);
  useEffect(() => {
    const isMounting = !hasMounted.current;
    hasMounted.current = true;
    if (selectedRow > 0 || (selectedRow === 0 && !isMounting)) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  const onKeyDown = (event: KeyboardEvent) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    stepTree(rows, Number.isFinite(step) ? step : step > 0 ? rows.length : -rows.length);
  };

  const maxNodes = largestOf(rows.map((row) => row.nodes), 1);
  return (
    <section className="tree-navigator" aria-label="Trees">
      <div className="section-head">
        <h2 className="panel-title">
          Trees <span className="count-chip">{rows.length === model.trees.length ? model.trees.length : `${rows.length} / ${model.trees.length}`}</span>
        </h2>
      </div>
      <div className="tree-filters">
        <input
          type="search"
          placeholder="Filter: 12, 10-20, nodes>30, depth>=6"
          value={filterText}
          data-testid="tree-filter"
          aria-label="Filter trees"
          onChange={(event) => appStore.getState().setTreeFilter({ text: event.currentTarget.value })}
        />
        <div className="tree-filter-row">
          {model.numOutputs > 1 && model.aggregation.kind === 'sum' && (
            <select
              value={filterOutput ?? ''}
              aria-label="Only trees of class"
              data-testid="tree-filter-output"
              onChange={(event) => appStore.getState().setTreeFilter({ outputIndex: event.currentTarget.value === '' ? undefined : Number(event.currentTarget.value) })}
            >
              <option value="">All classes</option>
              {Array.from({ length: model.numOutputs }, (_, index) => (
                <option key={index} value={index}>
                  {outputName(model, index)}
                </option>
              ))}
            </select>
          )}
          <select value={sort} aria-label="Sort trees by" data-testid="tree-sort" onChange={(event) => appStore.getState().setTreeSort(event.currentTarget.value as TreeSort)}>
            <option value="index">Model order</option>
            <option value="nodes">Most nodes</option>
            <option value="depth">Deepest</option>
            {outputs && <option value="output">Largest output</option>}
          </select>
        </div>
      </div>
      <div
        ref={scroller}
        className="tree-list"
        data-testid="tree-list"
        role="listbox"
        tabIndex={0}
        aria-label="Trees of the model"
        aria-activedescendant={selectedRow >= 0 ? `tree-row-${selectedTree}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const output = outputs?.[row.index];
            const className = outputName(model, row.outputIndex);
            return (
              <div
                key={row.index}
                id={`tree-row-${row.index}`}
                role="option"
                aria-selected={row.index === selectedTree}
                className="tree-row"
                data-testid="tree-row"
                data-tree-index={row.index}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => appStore.getState().selectTree(row.index)}
              >
                <span className="tree-row-index">#{row.index}</span>
                {className !== undefined && <span className="tree-row-class" title={`adds to ${className}`}>{className}</span>}
                <span className="tree-row-size" title={`${row.nodes} nodes, ${row.leaves} leaves`}>
                  <span className="size-bar" style={{ width: `${Math.max(4, (row.nodes / maxNodes) * 100)}%` }} />
                  <span className="size-text">{statNumber(row.nodes)} n</span>
                </span>
                <span className="tree-row-depth" title="depth">d{row.depth}</span>
                {outputs && <span className="tree-row-output">{output === undefined ? '' : statNumber(output)}</span>}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
