import { createStore, type StateCreator } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelDocument, ModelPreview, OpenModelResult, SplitscopeBridge } from '../../../app/bridge';
import { connectBridge, connectEvents, eventsConnected, readModelBytes, takeStartupOpen } from '../bridgeClient';
import { receiveJobEvent } from './jobs';
import { firstTreeDrawn } from '../flow/firstDraw';
import type { ModelErrorInfo } from '../../../app/formats/errors';
import type { Tree } from '../../../app/model/types';
import { searchNodes } from '../../../app/graph/search';
import type { TreeSort } from '../../../app/graph/treeSummary';
import {
  collapseNode,
  expandNode,
  expandToDepth,
  initialCollapsed,
  MAX_DRAWN_NODES,
  revealNode,
} from '../../../app/graph/visibility';
import { createTestingSlice, type TestingSlice } from './testingSlice';

/*
 * One store in slices: `document` (the open model), `graph` (which tree and which of its nodes are
 * drawn), `selection` (the selected node and the search), `ui` (panels and list settings).
 *
 * Issue 5 (testing: feature vector, path highlight, CSV) adds a `TestingSlice` the same way: its
 * own `createTestingSlice`, spread into `createAppStore`, added to `AppState`; its panel goes into
 * the right-side panel as another `RightPanelTab`, and `selectTreeOutputs` below starts reading it.
 */

/** The open model and how it got there. */
export interface DocumentSlice {
  document: ModelDocument | undefined;
  error: ModelErrorInfo | undefined;
  isLoading: boolean;
  /** Applies the result of any open/parse call. An error keeps the previous model on screen. */
  applyOpenResult: (result: OpenModelResult) => void;
  /**
   * Shows the first tree of a model still being opened (progressive open) as a partial document;
   * the open's result replaces it, and a cancel or an error brings back what was on screen before.
   */
  applyPreview: (preview: ModelPreview) => void;
  /** Drops a shown preview and brings back the document it replaced (the open was cancelled or failed). */
  discardPreview: () => void;
  /** What a preview replaced, while one is shown. */
  beforePreview: { document: ModelDocument | undefined; selectedTree: number } | undefined;
  /**
   * Which drawing the canvas shows (its React key with the tree index). A new open draws afresh; the
   * whole model replacing its own preview keeps the drawing: the view the user moved, the splits
   * opened, the node selected (the preview's tree is the whole model's tree 0, node for node).
   */
  canvasKey: string;
  setLoading: (isLoading: boolean) => void;
  dismissError: () => void;
}

/** Which tree is drawn, and which of its splits are collapsed. */
export interface GraphSlice {
  selectedTree: number;
  /** Splits whose subtrees are hidden; the tree opens collapsed to fit the drawn-node budget. */
  collapsed: ReadonlySet<number>;
  /** The node the last collapse or expand acted on: the canvas keeps it in place on screen. */
  anchorNode: number | undefined;
  /** A note about the last view change the app had to limit (expand to depth past the node limit). */
  viewNotice: string | undefined;
  selectTree: (index: number) => void;
  /** Collapses an expanded split or expands a collapsed one (a bounded number of levels). */
  toggleNode: (id: number) => void;
  /** Shows every node down to `depth` (root is 0), within the drawn-node limit. */
  expandToDepth: (depth: number) => void;
  /** Back to the view the tree opened with. */
  resetView: () => void;
}

/** The selected node and the search through the drawn tree. */
export interface SelectionSlice {
  selectedNode: number | undefined;
  searchQuery: string;
  /** Matching node ids in reading order. */
  searchMatches: readonly number[];
  searchMatchSet: ReadonlySet<number>;
  /** Index into `searchMatches` of the current match, -1 before the first jump. */
  searchIndex: number;
  /** Asks the canvas to centre a node once it is drawn; `serial` makes repeated requests distinct. */
  focusRequest: { nodeId: number; serial: number } | undefined;
  selectNode: (id: number | undefined) => void;
  /** Selects a node, expands its collapsed ancestors and centres it. */
  revealAndFocus: (id: number) => void;
  setSearchQuery: (query: string) => void;
  /** Jumps to the next (`+1`) or previous (`-1`) match. */
  stepSearch: (step: 1 | -1) => void;
}

/** Tabs of the right-side panel; issue 5 adds `'testing'`. */
export type RightPanelTab = 'node' | 'testing';

/** Panels and list settings. */
export interface UiSlice {
  rightPanel: RightPanelTab;
  treeSort: TreeSort;
  treeFilterText: string;
  /** Only trees of this output (class); undefined for all. */
  treeFilterOutput: number | undefined;
  /** The whole tree is shown on one canvas over the drawing (issue 15), until a node in it is clicked. */
  isWholeTreeShown: boolean;
  setRightPanel: (tab: RightPanelTab) => void;
  showWholeTree: (isShown: boolean) => void;
  setTreeSort: (sort: TreeSort) => void;
  setTreeFilter: (filter: { text?: string; outputIndex?: number | undefined }) => void;
}

export type AppState = DocumentSlice & GraphSlice & SelectionSlice & UiSlice & TestingSlice;

function currentTree(state: AppState): Tree | undefined {
  return state.document?.model.trees[state.selectedTree];
}

const emptySelection = {
  selectedNode: undefined,
  searchMatches: [] as readonly number[],
  searchMatchSet: new Set<number>() as ReadonlySet<number>,
  searchIndex: -1,
  focusRequest: undefined,
};

/** Selection and graph state for a newly shown tree: opened collapsed, the search re-run on it. */
function freshTreeState(state: AppState, document: ModelDocument, treeIndex: number) {
  const tree = document.model.trees[treeIndex];
  const searchMatches = state.searchQuery ? searchNodes(document.model, tree, state.searchQuery) : [];
  return {
    selectedTree: treeIndex,
    collapsed: initialCollapsed(tree),
    anchorNode: undefined,
    viewNotice: undefined,
    ...emptySelection,
    searchMatches,
    searchMatchSet: new Set(searchMatches),
  };
}

const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set, get) => ({
  document: undefined,
  error: undefined,
  isLoading: false,
  beforePreview: undefined,
  canvasKey: '',
  applyOpenResult: (result) => {
    if (result.status === 'ok') {
      const state = get();
      const shown = state.document;
      const isOwnPreview =
        state.beforePreview !== undefined &&
        shown?.partial !== undefined &&
        shown.fileName === result.document.fileName &&
        shown.partial.treeCount === result.document.model.trees.length &&
        shown.model.trees[0]?.nodes.length === result.document.model.trees[0]?.nodes.length;
      if (isOwnPreview) {
        set({ document: result.document, error: undefined, isLoading: false, beforePreview: undefined });
        return;
      }
      // A newly opened model shows its drawing, not the whole-tree overlay the last one had open.
      set({
        document: result.document,
        error: undefined,
        isLoading: false,
        beforePreview: undefined,
        isWholeTreeShown: false,
        canvasKey: result.document.id,
        ...freshTreeState(state, result.document, 0),
      });
    } else {
      // Same text in the console as on screen, so logs and bug reports carry the line and column.
      console.error(`splitscope: ${result.error.message}`);
      get().discardPreview();
      set({ error: result.error, isLoading: false });
    }
  },
  applyPreview: (preview) => {
    const state = get();
    const document: ModelDocument = {
      id: `preview:${preview.fileName}`,
      fileName: preview.fileName,
      sizeBytes: 0,
      parseMillis: 0,
      options: {},
      ...readModelBytes(preview.packedBytes),
      partial: { treeCount: preview.treeCount },
    };
    set({
      document,
      beforePreview: state.beforePreview ?? { document: state.document, selectedTree: state.selectedTree },
      canvasKey: document.id,
      ...freshTreeState(state, document, 0),
    });
  },
  discardPreview: () => {
    const state = get();
    const before = state.beforePreview;
    if (!before) return;
    set({ document: before.document, beforePreview: undefined, canvasKey: before.document?.id ?? '', ...(before.document ? freshTreeState(state, before.document, before.selectedTree) : {}) });
  },
  setLoading: (isLoading) => set({ isLoading }),
  dismissError: () => set({ error: undefined }),
});

const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => ({
  selectedTree: 0,
  collapsed: new Set(),
  anchorNode: undefined,
  viewNotice: undefined,
  selectTree: (index) => {
    const state = get();
    if (!state.document || index === state.selectedTree) return;
    if (!(index >= 0 && index < state.document.model.trees.length)) return;
    set(freshTreeState(state, state.document, index));
  },
  toggleNode: (id) => {
    const state = get();
    const tree = currentTree(state);
    if (!tree || tree.nodes[id]?.type !== 'split') return;
    const collapsed = state.collapsed.has(id) ? expandNode(tree, state.collapsed, id) : collapseNode(state.collapsed, id);
    set({ collapsed, anchorNode: id, viewNotice: undefined });
  },
  expandToDepth: (depth) => {
    const tree = currentTree(get());
    if (!tree) return;
    const expansion = expandToDepth(tree, depth, MAX_DRAWN_NODES);
    const viewNotice =
      expansion.depth < depth && expansion.asked > expansion.drawn
        ? `Depth ${depth} would draw ${expansion.asked.toLocaleString('en')} nodes; showing depth ${expansion.depth} (${expansion.drawn.toLocaleString('en')} nodes). Expand subtrees one by one to go deeper.`
        : undefined;
    set({ collapsed: expansion.collapsed, anchorNode: 0, viewNotice });
  },
  resetView: () => {
    const tree = currentTree(get());
    if (tree) set({ collapsed: initialCollapsed(tree), anchorNode: 0, viewNotice: undefined });
  },
});

let focusSerial = 0;

const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  ...emptySelection,
  searchQuery: '',
  selectNode: (id) => set({ selectedNode: id }),
  revealAndFocus: (id) => {
    const state = get();
    const tree = currentTree(state);
    if (!tree || !(id >= 0 && id < tree.nodes.length)) return;
    set({ collapsed: revealNode(tree, state.collapsed, id), anchorNode: undefined, selectedNode: id, focusRequest: { nodeId: id, serial: ++focusSerial } });
  },
  setSearchQuery: (query) => {
    const state = get();
    const tree = currentTree(state);
    const searchMatches = tree && state.document ? searchNodes(state.document.model, tree, query) : [];
    set({ searchQuery: query, searchMatches, searchMatchSet: new Set(searchMatches), searchIndex: -1 });
  },
  stepSearch: (step) => {
    const state = get();
    const count = state.searchMatches.length;
    if (count === 0) return;
    const searchIndex = state.searchIndex < 0 ? (step > 0 ? 0 : count - 1) : (state.searchIndex + step + count) % count;
    set({ searchIndex });
    get().revealAndFocus(state.searchMatches[searchIndex]);
  },
});

const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  rightPanel: 'node',
  treeSort: 'index',
  treeFilterText: '',
  treeFilterOutput: undefined,
  isWholeTreeShown: false,
  setRightPanel: (rightPanel) => set({ rightPanel }),
  showWholeTree: (isWholeTreeShown) => set({ isWholeTreeShown }),
  setTreeSort: (treeSort) => set({ treeSort }),
  setTreeFilter: (filter) =>
    set((state) => ({
      treeFilterText: filter.text ?? state.treeFilterText,
      treeFilterOutput: 'outputIndex' in filter ? filter.outputIndex : state.treeFilterOutput,
    })),
});

/** A fresh store (tests make their own). */
export function createAppStore() {
  return createStore<AppState>()((...args) => ({
    ...createDocumentSlice(...args),
    ...createGraphSlice(...args),
    ...createSelectionSlice(...args),
    ...createUiSlice(...args),
    ...createTestingSlice(...args),
  }));
}

export const appStore = createAppStore();

/** Selects the smallest value a component needs. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/**
 * Each tree's output for the feature vector being tested, by tree index, for the ensemble navigator.
 * Undefined until issue 5's testing slice sets a vector.
 */
export function selectTreeOutputs(state: AppState): ReadonlyArray<number | undefined> | undefined {
  return state.rowPrediction?.leafValues;
}

/**
 * Runs a bridge call that opens a model, with the loading flag and error handling around it.
 * `begun`: an open already under way (the startup model's, `takeStartupOpen`), with its job and the
 * preview it may already have had.
 */
export async function openWith(
  call: (jobId: string) => Promise<OpenModelResult | { status: 'cancelled' }>,
  begun?: { jobId: string; preview?: ModelPreview },
): Promise<void> {
  const state = appStore.getState();
  state.setLoading(true);
  const jobId = begun?.jobId ?? crypto.randomUUID();
  let hasPreview = false;
  const showPreview = (preview: ModelPreview) => {
    hasPreview = true;
    appStore.getState().applyPreview(preview);
  };
  // A big model's first tree may arrive ahead of the rest (progressive open): show it meanwhile.
  const stopPreviews = connectEvents().onProgress((event) => {
    if (event.jobId === jobId && event.preview) showPreview(event.preview);
  });
  if (begun?.preview) showPreview(begun.preview);
  try {
    if (!begun) await eventsConnected();
    const result = await call(jobId);
    // The page's first tree, when it came as a preview, is drawn before the whole model is read
    // into the panels (the startup model can come whole while the app's code loads, or right
    // after its preview). Resolved at once for every later open.
    if (hasPreview && result.status === 'ok') await firstTreeDrawn();
    if (result.status === 'cancelled') {
      appStore.getState().discardPreview();
      state.setLoading(false);
    } else appStore.getState().applyOpenResult(result);
  } catch (error) {
    appStore.getState().applyOpenResult({
      status: 'error',
      error: { code: 'E_FORMAT_UNKNOWN', message: `Could not open the model: ${(error as Error).message}`, fileName: '' },
    });
  } finally {
    stopPreviews();
  }
}

/** Opens the model the app starts with, taking over the open the page's first script began (`beginStartupOpen`). */
export function openStartupModel(): Promise<void> {
  const begun = takeStartupOpen();
  if (!begun) return openWith((jobId) => connectBridge().openStartupModel({ jobId }));
  const progress = begun.progress();
  if (progress) receiveJobEvent(progress);
  return openWith(() => begun.result, { jobId: begun.jobId, preview: begun.preview() });
}

export type { SplitscopeBridge };
