import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { openWith, useAppStore } from '../store/store';
import { ErrorBanner } from './ErrorBanner';
import { ModelPanel } from './ModelPanel';
import { bridge, openFile, openModel, Toolbar } from './Toolbar';
import { TreeCanvas } from './TreeCanvas';

/** The window: toolbar, error banner, model panel and the tree canvas. */
export function App() {
  const document = useAppStore((state) => state.document);
  const selectedTree = useAppStore((state) => state.selectedTree);

  useEffect(() => {
    void openWith(() => bridge.openStartupModel()).then(() => {
      // Ready signal for tests and tools: the first model (or its error) is on screen.
      window.document.body.dataset.ready = 'true';
    });
    return window.splitscopeMenu?.onCommand((command) => {
      if (command === 'open-model') void openModel(null);
    });
  }, []);

  return (
    <div
      className="app"
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        const file = event.dataTransfer.files[0];
        if (file) void openFile(file);
      }}
    >
      <Toolbar />
      <ErrorBanner />
      <main className="workspace">
        <ModelPanel />
        <section className="canvas" data-testid="tree-canvas">
          {document && (
            <ReactFlowProvider>
              <TreeCanvas key={`${document.id}:${selectedTree}`} model={document.model} treeIndex={selectedTree} />
            </ReactFlowProvider>
          )}
        </section>
      </main>
    </div>
  );
}
