import { useRef, useState } from 'react';
import type { ModelDocument } from '../../../app/bridge';
import { readFeatureNames } from '../../../app/model/featureNames';
import { connectBridge } from '../bridgeClient';
import { rememberFeatureNames } from '../desktop/recent';
import { appStore, openWith, useAppStore } from '../store/store';

/** Larger "names files" are not names files: read nothing past this. */
const MAX_NAMES_FILE_BYTES = 20_000_000;

/**
 * Reads the open model again with the user's feature names (or, with undefined, without them): the
 * host applies them (its copy is what exports ship), and the recent entry keeps them.
 */
export async function nameFeatures(document: ModelDocument, names: string[] | undefined): Promise<boolean> {
  const { featureNames: _previous, ...options } = document.options;
  await openWith((jobId) => connectBridge().reparseModel({ documentId: document.id, options: names ? { ...options, featureNames: names } : options, jobId }));
  const state = appStore.getState();
  const isRead = state.document !== document && state.error === undefined;
  if (isRead) rememberFeatureNames(document.fileName, names);
  return isRead;
}

/**
 * For a model whose file does not name its features (Spark, XGBoost dumps without a feature map,
 * `export_text` defaults): name them from a CSV header, an XGBoost feature map or a names file (one
 * per line). The names are then used everywhere: the vector editor, CSV matching, contributions,
 * exports. Problems are shown with their code, file and line (`app/model/featureNames.ts`).
 */
export function FeatureNaming() {
  const document = useAppStore((state) => state.document);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string; code?: string }>();
  const input = useRef<HTMLInputElement>(null);
  if (!document || document.partial) return null;
  const given = document.options.featureNames;
  if (!given && document.model.features.some((feature) => feature.isNamed)) return null;

  const onFile = async (file: File) => {
    if (file.size > MAX_NAMES_FILE_BYTES) {
      setMessage({ kind: 'error', code: 'E_NAMES_TOO_BIG', text: `${file.name}: ${file.size.toLocaleString('en')} bytes is not a names file (at most ${MAX_NAMES_FILE_BYTES.toLocaleString('en')})` });
      return;
    }
    const result = readFeatureNames(await file.text(), file.name, document.model.features.length);
    if (!result.ok) {
      setMessage({ kind: 'error', code: result.error.code, text: result.error.message });
      return;
    }
    if (!(await nameFeatures(document, result.names))) return setMessage(undefined); // the error banner says why
    const skipped = result.skippedColumns.length > 0 ? ` (label column ${result.skippedColumns.join(', ')} left out)` : '';
    setMessage({ kind: 'done', text: `Named ${result.names.length} features from ${file.name}${skipped}.` });
  };
  const forget = async () => {
    await nameFeatures(document, undefined);
    setMessage(undefined);
  };

  return (
    <section className="feature-naming" data-testid="feature-naming" aria-label="Feature names">
      {given ? (
        <p className="hint" data-testid="feature-names-given" data-count={given.length}>
          Features named by you ({given.length}), kept with this file.{' '}
          <button type="button" className="link-button" data-testid="forget-feature-names" onClick={() => void forget()}>
            Forget the names
          </button>
        </p>
      ) : (
        <p className="hint">
          {document.fileName} does not name its {document.model.features.length} features. Name them from your data&apos;s CSV header, an XGBoost
          feature map or a file with one name per line.
        </p>
      )}
      <button type="button" data-testid="name-features" onClick={() => input.current?.click()}>
        {given ? 'Rename features…' : 'Name features…'}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,.tsv,.txt,.fmap,.map,text/plain,text/csv"
        data-testid="feature-names-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void onFile(file);
        }}
      />
      {message && (
        <p className={message.kind === 'error' ? 'feature-names-error' : 'note'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={message.kind === 'error' ? 'feature-names-error' : 'feature-names-status'} data-error-code={message.code}>
          {message.text}
        </p>
      )}
    </section>
  );
}
