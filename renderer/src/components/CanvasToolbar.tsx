import { useEffect, useRef, useState, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { BranchFlowEdge } from './BranchEdge';
import type { TreeFlowNode } from './TreeNodes';
import type { TreeModel } from '../../../app/model/types';
import { exportCurrentView } from '../flow/exportView';
import { appStore, useAppStore } from '../store/store';
import { outputName, stepTree, useVisibleTreeRows } from './TreeList';
import { ViewSwitch } from '../forest/ViewSwitch';

interface CanvasToolbarProps {
  model: TreeModel;
  fileName: string;
  canvas: RefObject<HTMLElement | null>;
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'SELECT' || element.tagName === 'TEXTAREA' || element.isContentEditable);
}

/** Bar above the canvas: which tree, previous/next, search, expand to depth, fit, export. */
export function CanvasToolbar({ model, fileName, canvas }: CanvasToolbarProps) {
  const selectedTree = useAppStore((state) => state.selectedTree);
  const searchQuery = useAppStore((state) => state.searchQuery);
  const matchCount = useAppStore((state) => state.searchMatches.length);
  const searchIndex = useAppStore((state) => state.searchIndex);
  const viewNotice = useAppStore((state) => state.viewNotice);
  const rows = useVisibleTreeRows(model);
  const flow = useReactFlow<TreeFlowNode, BranchFlowEdge>();
  const searchInput = useRef<HTMLInputElement>(null);
  const [depthText, setDepthText] = useState('3');
  const [exportStatus, setExportStatus] = useState('');
  const tree = model.trees[selectedTree];
  const output = outputName(model, tree.outputIndex);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
          event.preventDefault();
          searchInput.current?.focus();
        }
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === ']' || event.key === 'n') stepTree(rows, 1);
      else if (event.key === '[' || event.key === 'p') stepTree(rows, -1);
      else if (event.key === '/') {
        event.preventDefault();
        searchInput.current?.focus();
      } else if (event.key === 'f') void flow.fitView({ padding: 0.06, duration: 200 });
      else if (event.key === 'w') appStore.getState().showWholeTree(!appStore.getState().isWholeTreeShown);
      else if (event.key === 'Escape' && appStore.getState().isWholeTreeShown) appStore.getState().showWholeTree(false);
      else return;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [rows, flow]);

  const runExport = async (format: 'png' | 'svg') => {
    const element = canvas.current;
    if (!element) return;
    setExportStatus('Exporting…');
    try {
      const baseName = `${fileName.replace(/\.[^.]+$/, '')}-tree${selectedTree}`;
      const saved = await exportCurrentView(flow, element, format, baseName);
      setExportStatus(saved ? `Saved ${saved}` : 'Export cancelled');
    } catch (error) {
      console.error(`splitscope: export failed: ${(error as Error).message}`);
      setExportStatus(`Export failed: ${(error as Error).message}`);
    }
  };

  const applyDepth = () => {
    const depth = Number(depthText);
    if (Number.isInteger(depth) && depth >= 0) appStore.getState().expandToDepth(depth);
  };

  return (
    <div className="canvas-toolbar" data-testid="canvas-toolbar">
      <div className="toolbar-group tree-title">
        <ViewSwitch />
        {model.trees.length > 1 && (
          <button type="button" className="icon-button" aria-label="Previous tree" title="Previous tree ( [ )" data-testid="tree-previous" onClick={() => stepTree(rows, -1)}>
            ‹
          </button>
        )}
        <span data-testid="tree-title" title={`Tree ${selectedTree} of ${model.trees.length}: ${tree.nodes.length.toLocaleString('en')} nodes`}>
          Tree {selectedTree}
          {model.trees.length > 1 && <span className="muted tree-count"> of {model.trees.length}</span>}
          {output !== undefined && <span className="class-chip">{output}</span>}
          <span className="muted tree-size"> · {tree.nodes.length.toLocaleString('en')} nodes</span>
        </span>
        {model.trees.length > 1 && (
          <button type="button" className="icon-button" aria-label="Next tree" title="Next tree ( ] )" data-testid="tree-next" onClick={() => stepTree(rows, 1)}>
            ›
          </button>
        )}
      </div>
      <div className="toolbar-group search">
        <input
          ref={searchInput}
          type="search"
          placeholder="Search…"
          title="Search feature names, thresholds or #id (Enter: next match)"
          aria-label="Search nodes"
          data-testid="search-input"
          value={searchQuery}
          onChange={(event) => appStore.getState().setSearchQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              appStore.getState().stepSearch(event.shiftKey ? -1 : 1);
            }
          }}
        />
        <span className="search-count" data-testid="search-count">
          {searchQuery.trim() === '' ? '' : matchCount === 0 ? 'no match' : `${searchIndex >= 0 ? searchIndex + 1 : '–'} / ${matchCount}`}
        </span>
        <button type="button" className="icon-button" aria-label="Previous match" data-testid="search-previous" disabled={matchCount === 0} onClick={() => appStore.getState().stepSearch(-1)}>
          ↑
        </button>
        <button type="button" className="icon-button" aria-label="Next match" data-testid="search-next" disabled={matchCount === 0} onClick={() => appStore.getState().stepSearch(1)}>
          ↓
        </button>
      </div>
      <div className="toolbar-group">
        <label className="depth-control" title="Expand to depth">
          <span className="depth-label">Depth</span>
          <input
            type="number"
            min={0}
            max={99}
            value={depthText}
            data-testid="expand-depth"
            aria-label="Expand to depth"
            onChange={(event) => setDepthText(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Enter' && applyDepth()}
          />
        </label>
        <button type="button" data-testid="expand-depth-apply" onClick={applyDepth} title="Show every node down to this depth">
          Expand
        </button>
        <button type="button" data-testid="reset-view" onClick={() => appStore.getState().resetView()} title="Back to the opening view">
          Reset
        </button>
        <button type="button" data-testid="fit-view" onClick={() => void flow.fitView({ padding: 0.06, duration: 200 })} title="Fit the drawn tree in view ( f )">
          Fit
        </button>
      </div>
      <div className="toolbar-group">
        <button type="button" data-testid="export-png" onClick={() => void runExport('png')} title="Save the current view as PNG">
          PNG
        </button>
        <button type="button" data-testid="export-svg" onClick={() => void runExport('svg')} title="Save the current view as SVG">
          SVG
        </button>
        {exportStatus && <span className="muted small" data-testid="export-status">{exportStatus}</span>}
      </div>
      {viewNotice && (
        <div className="view-notice" data-testid="view-notice" role="status">
          {viewNotice}
        </div>
      )}
    </div>
  );
}
