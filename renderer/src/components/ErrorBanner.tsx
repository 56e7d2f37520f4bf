import { useAppStore } from '../store/store';

/** The last open/parse error: what, where (line and column) and the offending line. */
export function ErrorBanner() {
  const error = useAppStore((state) => state.error);
  const dismissError = useAppStore((state) => state.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error" data-error-code={error.code}>
      <div className="error-text">
        <strong>{error.code}</strong> {error.message}
        {error.sourceLine !== undefined && error.position && (
          <pre className="error-source">
            {error.sourceLine}
            {'\n'}
            {' '.repeat(Math.max(0, error.position.column - 1))}^
          </pre>
        )}
      </div>
      <button type="button" onClick={dismissError} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
