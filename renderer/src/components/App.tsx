import { useEffect, useRef } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { connectEvents } from '../bridgeClient';
import { openWith, useAppStore } from '../store/store';
import { CanvasToolbar } from './CanvasToolbar';
import { ErrorBanner } from './ErrorBanner';
import { ModelPanel } from './ModelPanel';
import { ProgressPanel } from './ProgressPanel';
import { RightPanel } from './RightPanel';
import { bridge, openFile, openModel, Toolbar } from './Toolbar';
import { TreeCanvas } from './TreeCanvas';
import { TreeList } from './TreeList';
import { afterStartupModel, openDroppedCsv, setUpTesting } from '../testing/setup';
import { runCommand } from '../commands';

/** The window: toolbar, error banner, model overview and tree navigator, the tree canvas, the node panel. */
export function App() {
  const document = useAppStore((state) => state.document);
  const selectedTree = useAppStore((state) => state.selectedTree);
  const canvasArea = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setUpTesting();
    void openWith((jobId) => bridge.openStartupModel({ jobId })).then(() => {
      void afterStartupModel();
      // Ready signal for tests and tools: the first model (or its error) is on screen.
      window.document.body.dataset.ready = 'true';
    });
    return connectEvents().onCommand((command) => {
      if (command === 'open-model') void openModel(null);
      else runCommand(command);
    });
  }, []);

  return (
    <div
      className="app"
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        const file = event.dataTransfer.files[0];
        if (file && !openDroppedCsv(file)) void openFile(file);
      }}
    >
      <Toolbar />
      <ProgressPanel />
      <ErrorBanner />
      <main className="workspace">
        {document && (
          <aside className="side-panel left-panel">
            <ModelPanel />
            {document.model.trees.length > 1 && <TreeList model={document.model} />}
          </aside>
        )}
        <section className="canvas" data-testid="tree-canvas">
          {document && (
            <ReactFlowProvider>
              <CanvasToolbar model={document.model} fileName={document.fileName} canvas={canvasArea} />
              <div ref={canvasArea} className="canvas-area">
                <TreeCanvas key={`${document.id}:${selectedTree}`} model={document.model} treeIndex={selectedTree} />
              </div>
            </ReactFlowProvider>
          )}
        </section>
        {document && <RightPanel model={document.model} treeIndex={selectedTree} />}
      </main>
    </div>
  );
}
