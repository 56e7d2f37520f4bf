import { useEffect, useRef } from 'react';
import { registerCommand } from '../commands';
import { appStore, useAppStore } from '../store/store';
import { compareWith, compareWithFile } from './compareActions';

/** Toolbar button and command-palette entry "Compare with…": picks the NEW model to diff the open one against. */
export function CompareButton() {
  const fileInput = useRef<HTMLInputElement>(null);
  const hasDocument = useAppStore((state) => state.document !== undefined);
  useEffect(
    () =>
      registerCommand({
        id: 'compare-with',
        title: 'Compare with…',
        group: 'File',
        isEnabled: () => appStore.getState().document !== undefined && !appStore.getState().document?.partial,
        run: () => compareWith(fileInput.current),
      }),
    [],
  );
  return (
    <>
      <button type="button" data-testid="compare-with" disabled={!hasDocument} onClick={() => void compareWith(fileInput.current)}>
        Compare with…
      </button>
      <input
        ref={fileInput}
        type="file"
        data-testid="compare-file-input"
        hidden
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void compareWithFile(file);
        }}
      />
    </>
  );
}
