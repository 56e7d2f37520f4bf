import { createStore, type StateCreator } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelDocument, OpenModelResult, SplitscopeBridge } from '../../../app/bridge';
import type { ModelErrorInfo } from '../../../app/formats/errors';

/** The open model and how it got there. */
export interface DocumentSlice {
  document: ModelDocument | undefined;
  error: ModelErrorInfo | undefined;
  isLoading: boolean;
  /** Applies the result of any open/parse call. An error keeps the previous model on screen. */
  applyOpenResult: (result: OpenModelResult) => void;
  setLoading: (isLoading: boolean) => void;
  dismissError: () => void;
}

/** What the user is looking at. */
export interface ViewSlice {
  selectedTree: number;
  selectTree: (index: number) => void;
}

export type AppState = DocumentSlice & ViewSlice;

const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set) => ({
  document: undefined,
  error: undefined,
  isLoading: false,
  applyOpenResult: (result) => {
    if (result.status === 'ok') {
      set({ document: result.document, error: undefined, isLoading: false, selectedTree: 0 });
    } else {
      // Same text in the console as on screen, so logs and bug reports carry the line and column.
      console.error(`splitscope: ${result.error.message}`);
      set({ error: result.error, isLoading: false });
    }
  },
  setLoading: (isLoading) => set({ isLoading }),
  dismissError: () => set({ error: undefined }),
});

const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  selectedTree: 0,
  selectTree: (index) => set({ selectedTree: index }),
});

/** A fresh store (tests make their own). */
export function createAppStore() {
  return createStore<AppState>()((...args) => ({ ...createDocumentSlice(...args), ...createViewSlice(...args) }));
}

export const appStore = createAppStore();

/** Selects the smallest value a component needs. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Runs a bridge call that opens a model, with the loading flag and error handling around it. */
export async function openWith(call: () => Promise<OpenModelResult | { status: 'cancelled' }>): Promise<void> {
  const state = appStore.getState();
  state.setLoading(true);
  try {
    const result = await call();
    if (result.status === 'cancelled') state.setLoading(false);
    else appStore.getState().applyOpenResult(result);
  } catch (error) {
    appStore.getState().applyOpenResult({
      status: 'error',
      error: { code: 'E_FORMAT_UNKNOWN', message: `Could not open the model: ${(error as Error).message}`, fileName: '' },
    });
  }
}

export type { SplitscopeBridge };
