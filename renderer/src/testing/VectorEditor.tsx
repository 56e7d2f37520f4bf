import { memo, useEffect, useState } from 'react';
import type { FeatureDomain } from '../../../app/analysis';
import { parseNumberCell } from '../../../app/data/cells';
import type { TreeModel } from '../../../app/model/types';
import { statNumber } from '../flow/flowElements';
import { appStore, useAppStore } from '../store/store';
import { domainsOf } from './compiled';

/** Steps of a slider over its range: fine enough that every gap between thresholds gets some. */
const SLIDER_STEPS = 1_000;

function formatValue(value: number): string {
  return value === value ? String(value) : '';
}

/** One feature: its input (empty = missing), a category list or a slider with threshold ticks. */
const FeatureRow = memo(function FeatureRow({ model, domain, value }: { model: TreeModel; domain: FeatureDomain; value: number }) {
  const feature = model.features[domain.feature];
  const [draft, setDraft] = useState(formatValue(value));
  const [isFocused, setFocused] = useState(false);
  useEffect(() => {
    if (!isFocused) setDraft(formatValue(value));
  }, [value, isFocused]);
  const parsed = parseNumberCell(draft.trim());
  const isInvalid = parsed === undefined;
  const isCategorical = domain.kind === 'categorical';
  const span = domain.max - domain.min;
  const step = span > 0 ? span / SLIDER_STEPS : 1;
  const listId = `ticks-${domain.feature}`;
  return (
    <div className="feature-row" data-testid="feature-row" data-feature={feature?.name ?? domain.name}>
      <label className="feature-name" title={domain.name}>
        {domain.name}
      </label>
      {isCategorical ? (
        <select
          data-testid="feature-input"
          data-feature={domain.name}
          value={value === value ? String(value) : ''}
          onChange={(event) => appStore.getState().setFeatureValue(domain.feature, event.currentTarget.value === '' ? NaN : Number(event.currentTarget.value))}
        >
          <option value="">missing</option>
          {domain.categories.map((category) => (
            <option key={category.code} value={category.code}>
              {category.label}
            </option>
          ))}
          {value === value && !domain.categories.some((category) => category.code === value) && <option value={value}>{`${value} (no split)`}</option>}
        </select>
      ) : (
        <input
          type="text"
          inputMode="decimal"
          className={isInvalid ? 'is-invalid' : undefined}
          data-testid="feature-input"
          data-feature={domain.name}
          placeholder="missing"
          value={draft}
          aria-invalid={isInvalid}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onChange={(event) => {
            const text = event.currentTarget.value;
            setDraft(text);
            const number = parseNumberCell(text.trim());
            if (number !== undefined) appStore.getState().setFeatureValue(domain.feature, number);
          }}
        />
      )}
      {!isCategorical && domain.splitCount > 0 && (
        <>
          <input
            type="range"
            className="feature-slider"
            data-testid="feature-slider"
            data-feature={domain.name}
            min={domain.min}
            max={domain.max}
            step={step}
            list={listId}
            value={value === value ? Math.min(domain.max, Math.max(domain.min, value)) : domain.min}
            title={`${statNumber(domain.min)} … ${statNumber(domain.max)}; ${domain.thresholds.length} thresholds`}
            onChange={(event) => appStore.getState().setFeatureValue(domain.feature, Number(event.currentTarget.value))}
          />
          <datalist id={listId}>
            {domain.thresholds.slice(0, 200).map((threshold) => (
              <option key={threshold} value={threshold} />
            ))}
          </datalist>
        </>
      )}
    </div>
  );
});

/** Paste box and one row per feature; features the model never splits on come last. */
export function VectorEditor({ model }: { model: TreeModel }) {
  const vector = useAppStore((state) => state.vector);
  const pasteMessage = useAppStore((state) => state.pasteMessage);
  const isWaitingForColumns = useAppStore((state) => state.pendingPasteLine !== undefined);
  const columnCount = useAppStore((state) => {
    const document = state.document;
    return document && state.pasteColumns?.file === (document.path ?? document.fileName) ? state.pasteColumns.names.length : undefined;
  });
  const domains = domainsOf(model);
  const ordered = [...domains].sort((a, b) => Number(b.splitCount > 0) - Number(a.splitCount > 0) || a.feature - b.feature);
  return (
    <section className="testing-section" aria-label="Feature vector">
      <div className="section-head">
        <h3 className="panel-title">Feature vector</h3>
        <button type="button" data-testid="clear-vector" onClick={() => appStore.getState().clearVector()}>
          Clear
        </button>
      </div>
      <textarea
        className="paste-box"
        data-testid="vector-paste"
        placeholder="Paste a CSV line (with or without header) or a JSON object"
        rows={2}
        onPaste={(event) => {
          const text = event.clipboardData.getData('text');
          event.preventDefault();
          appStore.getState().pasteVector(text);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            appStore.getState().pasteVector(event.currentTarget.value);
          }
        }}
      />
      {isWaitingForColumns ? (
        <ColumnOrderPrompt model={model} />
      ) : (
        columnCount !== undefined && (
          <p className="note" data-testid="column-order-note">
            Lines without a header are read in your column order ({columnCount} columns).{' '}
            <button type="button" className="link-button" data-testid="column-order-forget" onClick={() => appStore.getState().setPasteColumns(undefined)}>
              Forget it
            </button>
          </p>
        )
      )}
      {pasteMessage && (
        <p className="note" data-testid="paste-message">
          {pasteMessage}
        </p>
      )}
      <div className="feature-rows" data-testid="feature-rows">
        {ordered.map((domain) => (
          <FeatureRow key={domain.feature} model={model} domain={domain} value={vector ? vector[domain.feature] : NaN} />
        ))}
      </div>
    </section>
  );
}

/**
 * Asked when a line without a header was pasted for a model whose file does not say its column
 * order (scikit-learn export_text, XGBoost dumps with names): the header of the user's data, or the
 * model's own order chosen knowingly. The answer is kept for later lines of this model.
 */
function ColumnOrderPrompt({ model }: { model: TreeModel }) {
  const [header, setHeader] = useState('');
  const apply = () => appStore.getState().setPasteColumns(header);
  return (
    <div className="column-order-prompt" role="group" aria-label="Column order" data-testid="column-order-prompt">
      <p className="note">
        {model.fileName} does not say in which order its {model.features.length} features come as columns, so a line without a
        header cannot be read safely. Paste the header line of your data (it is kept for the next lines):
      </p>
      <input
        type="text"
        data-testid="column-order-input"
        placeholder="name1,name2,…"
        value={header}
        onChange={(event) => setHeader(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            apply();
          }
        }}
      />
      <div className="button-row">
        <button type="button" data-testid="column-order-apply" disabled={header.trim() === ''} onClick={apply}>
          Read the line with these columns
        </button>
        <button
          type="button"
          data-testid="column-order-model"
          title={model.features.map((feature) => feature.name).join(', ')}
          onClick={() => appStore.getState().setPasteColumns('model')}
        >
          Use the order in the file
        </button>
        <button type="button" data-testid="column-order-cancel" onClick={() => appStore.getState().dismissPendingPaste()}>
          Cancel
        </button>
      </div>
    </div>
  );
}
