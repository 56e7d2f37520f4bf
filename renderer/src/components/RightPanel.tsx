import { Suspense } from 'react';
import type { TreeModel } from '../../../app/model/types';
import { appStore, useAppStore, type RightPanelTab } from '../store/store';
import { NodeDetails } from './NodeDetails';
import { TestingPanel } from '../lazyViews';
import { NodeTrafficLine } from '../testing/NodeTrafficLine';

/** Tabs of the right-side panel. Issue 5 adds its `testing` tab here and to `RightPanelTab`. */
const TABS: Array<{ tab: RightPanelTab; label: string }> = [
  { tab: 'node', label: 'Node' },
  { tab: 'testing', label: 'Test' },
];

/** The right-side panel: node details now; the testing panel joins it as a second tab. */
export function RightPanel({ model, treeIndex }: { model: TreeModel; treeIndex: number }) {
  const tab = useAppStore((state) => state.rightPanel);
  const isPartial = useAppStore((state) => state.document?.partial !== undefined);
  return (
    <aside className="side-panel right-panel" data-testid="right-panel">
      <nav className="panel-tabs" role="tablist">
        {TABS.map((entry) => (
          <button
            key={entry.tab}
            type="button"
            role="tab"
            aria-selected={tab === entry.tab}
            data-testid={`panel-tab-${entry.tab}`}
            onClick={() => appStore.getState().setRightPanel(entry.tab)}
          >
            {entry.label}
          </button>
        ))}
      </nav>
      <div className="panel-body">
        {tab === 'node' && (
          <>
            <NodeDetails model={model} tree={model.trees[treeIndex]} />
            <NodeTrafficLine />
          </>
        )}
        {tab === 'testing' &&
          (isPartial ? (
            <p className="muted" data-testid="testing-waits">
              Testing starts once every tree is read: a prediction needs the whole model.
            </p>
          ) : (
            <Suspense fallback={<p className="view-loading">Loading the Test panel…</p>}>
              <TestingPanel model={model} />
            </Suspense>
          ))}
      </div>
    </aside>
  );
}
