import { useEffect, useState } from 'react';
import type { ExportFolderChoice } from '../../../app/bridge';
import { fidelityStatement, type ExportResult } from '../../../app/export/result';
import { EXPORT_TARGETS, TARGETS, type ExportTarget } from '../../../app/export/targets';
import { connectBridge, hasNativeDialog } from '../bridgeClient';
import { registerCommand } from '../commands';
import { showPendingJob, newJobId } from '../store/jobs';
import { appStore, useAppStore } from '../store/store';

type Target = ExportTarget;

/** Rows of the user's CSV for the golden file, when the testing panel has loaded one. */
export type GoldenRowsProvider = () => Array<Array<number | null>> | undefined;
let goldenRows: GoldenRowsProvider = () => undefined;

/** The testing panel tells the export where the user's rows are. */
export function provideGoldenRows(provider: GoldenRowsProvider): void {
  goldenRows = provider;
}

function defaultFolder(fileName: string, target: Target): string {
  const stem = fileName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_.-]+/g, '_') || 'model';
  return `splitscope-export/${stem}-${target}`;
}

/**
 * One-click deployable bundles: pick the target and the folder, export, and see the selftest proof
 * and the next commands (`data-testid="export-dialog"`). Never replaces a non-empty folder unless the
 * user confirms.
 */
export function ExportDialog() {
  const [isOpen, setOpen] = useState(false);
  const document = useAppStore((state) => state.document);
  const [target, setTarget] = useState<Target>('docker');
  const [folderPath, setFolderPath] = useState('');
  const [chosen, setChosen] = useState<ExportFolderChoice | undefined>();
  const [useCsvRows, setUseCsvRows] = useState(true);
  const [isRunning, setRunning] = useState(false);
  const [result, setResult] = useState<ExportResult | undefined>();
  const [confirmOverwrite, setConfirmOverwrite] = useState(false);
  const isNative = hasNativeDialog();

  useEffect(
    () =>
      registerCommand({
        id: 'export-bundle',
        title: 'Export bundle…',
        group: 'Export',
        // Not while a preview (one tree) stands in for a model still being read.
        isEnabled: () => appStore.getState().document !== undefined && !appStore.getState().document?.partial,
        run: () => setOpen(true),
      }),
    [],
  );
  useEffect(() => {
    if (!document) return;
    setResult(undefined);
    setConfirmOverwrite(false);
    if (!isNative) setFolderPath(defaultFolder(document.fileName, target));
  }, [document, target, isNative]);

  if (!isOpen || !document) return null;
  const rows = goldenRows();

  const run = async (overwrite: boolean) => {
    const destination = isNative ? (chosen ? { folderId: chosen.folderId } : undefined) : folderPath.trim() ? { path: folderPath.trim() } : undefined;
    if (!destination) return;
    const jobId = newJobId();
    showPendingJob(jobId, 'export', `Exporting a ${target} bundle`);
    setRunning(true);
    setResult(undefined);
    try {
      const outcome = await connectBridge().exportBundle({
        jobId,
        documentId: document.id,
        target,
        destination,
        overwrite,
        rows: useCsvRows && rows ? rows : undefined,
      });
      if (outcome.status === 'cancelled') return;
      setResult(outcome);
      setConfirmOverwrite(outcome.status === 'error' && outcome.code === 'E_EXPORT_FOLDER_NOT_EMPTY');
    } catch (error) {
      setResult({ status: 'error', code: 'E_EXPORT_WRITE', message: (error as Error).message });
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="modal-backdrop" onClick={() => !isRunning && setOpen(false)}>
      <div className="modal export-dialog" data-testid="export-dialog" role="dialog" aria-label="Export bundle" onClick={(event) => event.stopPropagation()}>
        <h2>Export a deployable bundle</h2>
        <p className="hint">
          {document.fileName}: a dependency-free service or batch job with the same evaluator as the app, proven equal to it on {rows ? `${rows.length} rows of your CSV` : 'rows that cross every threshold'} before it reports success (ONNX: how close ONNX Runtime comes is measured and stated).
        </p>
        <fieldset className="export-targets">
          {EXPORT_TARGETS.map((option) => (
            <label key={option} className={option === target ? 'is-selected' : ''}>
              <input type="radio" name="target" value={option} data-testid={`export-target-${option}`} checked={target === option} onChange={() => setTarget(option)} />
              <strong>{TARGETS[option].title}</strong>
              <span>{TARGETS[option].detail}</span>
            </label>
          ))}
        </fieldset>
        <label className="export-folder">
          Folder
          {isNative ? (
            <span className="folder-row">
              <code data-testid="export-folder">{chosen?.path ?? 'none chosen'}</code>
              <button
                type="button"
                data-testid="export-choose-folder"
                onClick={async () => {
                  const choice = await connectBridge().chooseExportFolder();
                  if (choice.status === 'ok') setChosen(choice);
                }}
              >
                Choose…
              </button>
            </span>
          ) : (
            <input data-testid="export-folder-input" value={folderPath} onChange={(event) => setFolderPath(event.currentTarget.value)} spellCheck={false} />
          )}
        </label>
        {rows && (
          <label className="checkbox">
            <input type="checkbox" checked={useCsvRows} onChange={(event) => setUseCsvRows(event.currentTarget.checked)} />
            Prove it on the {rows.length} rows of the loaded CSV
          </label>
        )}
        <div className="modal-actions">
          <button type="button" onClick={() => setOpen(false)} disabled={isRunning}>
            Close
          </button>
          <button type="button" className="primary" data-testid="export-run" disabled={isRunning || (isNative ? !chosen : !folderPath.trim())} onClick={() => void run(false)}>
            {isRunning ? 'Exporting…' : 'Export'}
          </button>
        </div>
        {result?.status === 'ok' && (
          <section className="export-result" data-testid="export-result" data-status="ok">
            <h3>{result.fidelity && !result.fidelity.exact ? 'Bundle ready, not proven equal' : 'Bundle ready and proven'}</h3>
            <p>
              <code data-testid="export-result-folder">{result.folder}</code>
            </p>
            {result.fidelity ? (
              <p data-testid="export-selftest" data-exact={result.fidelity.exact ? 'true' : 'false'}>
                Selftest in ONNX Runtime, {result.selftest.rows} {result.selftest.source === 'csv' ? 'CSV' : 'generated'} rows: {fidelityStatement(result.fidelity)} ({Math.round(result.selftest.millis)} ms). Model{' '}
                {result.checksum.slice(0, 19)}…
              </p>
            ) : (
              <p data-testid="export-selftest">
                Selftest: {result.selftest.rows} {result.selftest.source === 'csv' ? 'CSV' : 'generated'} rows, every prediction identical to the app’s ({Math.round(result.selftest.millis)} ms). Model {result.checksum.slice(0, 19)}…
              </p>
            )}
            <h4>Next</h4>
            <pre data-testid="export-next-commands">{result.nextCommands.join('\n')}</pre>
            <details>
              <summary>{result.files.length} files</summary>
              <ul>
                {result.files.map((file) => (
                  <li key={file}>
                    <code>{file}</code>
                  </li>
                ))}
              </ul>
            </details>
          </section>
        )}
        {result?.status === 'error' && (
          <section className="export-result is-error" data-testid="export-result" data-status="error" data-error-code={result.code}>
            <p>
              <strong>{result.code}</strong> {result.message}
            </p>
            {result.entries && (
              <p className="hint">
                Found: {result.entries.slice(0, 8).join(', ')}
                {result.entries.length > 8 ? ', …' : ''}
              </p>
            )}
            {confirmOverwrite && (
              <button type="button" data-testid="export-overwrite" onClick={() => void run(true)} disabled={isRunning}>
                Replace the earlier export in this folder
              </button>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
