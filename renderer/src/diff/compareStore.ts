import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ModelDocument } from '../../../app/bridge';
import type { ModelErrorInfo } from '../../../app/formats/errors';

/** The Compare view: the other model (NEW; the open model is OLD) and what it is showing. */
export interface CompareState {
  other?: ModelDocument;
  /** The other file failed to parse: shown in the Compare view, the open model stays. */
  error?: ModelErrorInfo;
  isOpen: boolean;
}

/** Its own small store (like desktop/panels.ts): the Compare view lives beside the document, not in it. */
export const compareStore = createStore<CompareState>()(() => ({ isOpen: false }));

export function useCompare<T>(selector: (state: CompareState) => T): T {
  return useStore(compareStore, selector);
}

export function closeCompare(): void {
  compareStore.setState({ isOpen: false });
}
