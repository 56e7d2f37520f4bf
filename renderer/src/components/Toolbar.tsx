import { useEffect, useRef } from 'react';
import { connectBridge, hasNativeDialog, uploadModelFile } from '../bridgeClient';
import { showPendingJob } from '../store/jobs';
import { registerCommand, runCommand } from '../commands';
import { rememberOpenedFile } from '../desktop/recent';
import { ThemeSwitch } from '../desktop/ThemeSwitch';
import { CompareButton } from '../diff/CompareButton';
import { openWith, useAppStore } from '../store/store';

const bridge = connectBridge();

/** Reads a file the user picked or dropped and has the host parse it. */
export async function openFile(file: File): Promise<void> {
  await openWith((jobId) => {
    showPendingJob(jobId, 'open-model', `Sending ${file.name}`);
    return uploadModelFile(file, jobId);
  });
  await rememberOpenedFile(file);
}

/** Opens a model: the native dialog in Electron, a file input in the browser. */
export async function openModel(fileInput: HTMLInputElement | null): Promise<void> {
  if (hasNativeDialog()) await openWith((jobId) => bridge.openModelDialog({ jobId }));
  else fileInput?.click();
}

/** Top bar: open a model, the model's name and its shape. */
export function Toolbar() {
  const fileInput = useRef<HTMLInputElement>(null);
  const document = useAppStore((state) => state.document);
  const isLoading = useAppStore((state) => state.isLoading);
  useEffect(() => registerCommand({ id: 'open-model', title: 'Open model…', group: 'File', run: () => openModel(fileInput.current) }), []);
  return (
    <header className="toolbar">
      <span className="brand">Splitscope</span>
      <button type="button" data-testid="open-model" onClick={() => void openModel(fileInput.current)}>
        Open model…
      </button>
      <input
        ref={fileInput}
        type="file"
        data-testid="file-input"
        hidden
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void openFile(file);
        }}
      />
      <button type="button" data-testid="open-export" disabled={!document || document.partial !== undefined} onClick={() => runCommand('export-bundle')}>
        Export bundle…
      </button>
      <CompareButton />
      {isLoading && <span className="status">Opening…</span>}
      {document && (
        <span className="model-title" data-testid="model-title" title={document.path ?? document.fileName}>
          {document.fileName} · {document.model.variant}
        </span>
      )}
      <ThemeSwitch />
    </header>
  );
}

