import { startTransition, Suspense, useEffect, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { connectEvents } from '../bridgeClient';
import { openStartupModel, useAppStore } from '../store/store';
import { CanvasToolbar } from './CanvasToolbar';
import { ErrorBanner } from './ErrorBanner';
import { ModelPanel } from './ModelPanel';
import { ProgressPanel } from './ProgressPanel';
import { RightPanel } from './RightPanel';
import { Toolbar } from './Toolbar';
import { TreeCanvas } from './TreeCanvas';
import { TreeList } from './TreeList';
import { afterStartupModel, setUpTesting } from '../testing/setup';
import { ExportDialog } from '../export/ExportDialog';
import { DesktopLayer } from '../desktop/DesktopLayer';
import { runHostCommand } from '../desktop/desktopCommands';
import { useDesktop } from '../desktop/panels';
import { ViewCommands } from '../desktop/ViewCommands';
import { useCompare } from '../diff/compareStore';
import { CompareView, ForestView, preloadViews } from '../lazyViews';
import { afterFirstTree, firstTreeDrawn } from '../flow/firstDraw';
import { useForest } from '../forest/forestStore';
import { setUpForest } from '../forest/forestCommands';

/** The window: toolbar, error banner, model overview and tree navigator, the tree canvas, the node panel. */
export function App() {
  const document = useAppStore((state) => state.document);
  const selectedTree = useAppStore((state) => state.selectedTree);
  const canvasKey = useAppStore((state) => state.canvasKey);
  const canvasArea = useRef<HTMLDivElement>(null);
  const isLeftPanelHidden = useDesktop((state) => state.isLeftPanelHidden);
  const isRightPanelHidden = useDesktop((state) => state.isRightPanelHidden);
  const isForestOpen = useForest((state) => state.isOpen);
  const isCompareOpen = useCompare((state) => state.isOpen);
  const hasDrawnTree = useFirstTreeDrawn();
  // The forest view draws no tree: nothing to wait for.
  const arePanelsShown = hasDrawnTree || isForestOpen;

  useEffect(() => {
    setUpTesting();
    setUpForest();
    afterFirstTree(preloadViews);
    void openStartupModel().then(() => {
      void afterStartupModel();
      // Ready signal for tests and tools: the first model (or its error) is on screen.
      window.document.body.dataset.ready = 'true';
    });
    // Native menu and OS commands run through the command registry (desktop/desktopCommands.ts).
    return connectEvents().onCommand(runHostCommand);
  }, []);

  return (
    <div className="app" data-left-panel={isLeftPanelHidden ? 'hidden' : 'shown'} data-right-panel={isRightPanelHidden ? 'hidden' : 'shown'}>
      <Toolbar />
      <ProgressPanel />
      <ExportDialog />
      {isCompareOpen && (
        <Suspense fallback={<p className="view-loading">Loading the comparison…</p>}>
          <CompareView />
        </Suspense>
      )}
      <ErrorBanner />
      <DesktopLayer />
      <main className="workspace">
        {document && (
          <aside className="side-panel left-panel">
            {arePanelsShown && <ModelPanel />}
            {arePanelsShown && document.model.trees.length > 1 && !document.partial && <TreeList model={document.model} />}
          </aside>
        )}
        <section className="canvas" data-testid="tree-canvas">
          {document && isForestOpen && !document.partial && (
            <Suspense fallback={<p className="view-loading">Loading the forest view…</p>}>
              <ForestView document={document} />
            </Suspense>
          )}
          {document && !(isForestOpen && !document.partial) && (
            <ReactFlowProvider>
              <ViewCommands canvas={canvasArea} />
              <CanvasToolbar model={document.model} fileName={document.fileName} canvas={canvasArea} />
              <div ref={canvasArea} className="canvas-area">
                <TreeCanvas key={`${canvasKey}:${selectedTree}`} model={document.model} treeIndex={selectedTree} />
              </div>
            </ReactFlowProvider>
          )}
        </section>
        {document && (arePanelsShown ? <RightPanel model={document.model} treeIndex={selectedTree} /> : <aside className="side-panel right-panel" />)}
      </main>
    </div>
  );
}

/**
 * False until the page has painted its first tree (or 2 s passed, `firstTreeDrawn`). The panels
 * beside the canvas (model overview, tree list, node and Test panels) wait for it when the app
 * starts, so the first tree is not held back by them; they then render as a transition, which React
 * splits into short slices, so the page stays responsive while they come.
 */
function useFirstTreeDrawn(): boolean {
  const [isDrawn, setDrawn] = useState(false);
  useEffect(() => {
    let isMounted = true;
    void firstTreeDrawn().then(() => {
      if (isMounted) startTransition(() => setDrawn(true));
    });
    return () => {
      isMounted = false;
    };
  }, []);
  return isDrawn;
}
