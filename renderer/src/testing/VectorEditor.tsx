import { memo, useEffect, useState } from 'react';
import type { FeatureDomain } from '../../../app/analysis';
import { parseNumberCell } from '../../../app/data/cells';
import type { TreeModel } from '../../../app/model/types';
import { statNumber } from '../flow/flowElements';
import { appStore, useAppStore } from '../store/store';
import { domainsOf } from './compiled';
import { parseVectorText } from './table';

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
  const [pasteMessage, setPasteMessage] = useState<string | undefined>();
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
          applyPaste(model, text, setPasteMessage);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            applyPaste(model, event.currentTarget.value, setPasteMessage);
          }
        }}
      />
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

function applyPaste(model: TreeModel, text: string, report: (message: string | undefined) => void): void {
  const parsed = parseVectorText(model, text);
  if ('error' in parsed) return report(parsed.error);
  appStore.getState().setVector(parsed.values);
  report(parsed.unknown.length > 0 ? `Not features of the model (ignored): ${parsed.unknown.join(', ')}` : undefined);
}
