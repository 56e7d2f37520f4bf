import { useEffect, useState, type FormEvent } from 'react';
import type { ModelDocument } from '../../../app/bridge';
import type { ParseOptions } from '../../../app/formats/options';
import { openWith, useAppStore } from '../store/store';
import { connectBridge } from '../bridgeClient';

/** XGBoost objectives a dump may come from, grouped as the XGBoost docs list them. */
const XGBOOST_OBJECTIVES = [
  'binary:logistic',
  'binary:logitraw',
  'binary:hinge',
  'multi:softprob',
  'multi:softmax',
  'reg:squarederror',
  'reg:logistic',
  'reg:pseudohubererror',
  'reg:absoluteerror',
  'reg:quantileerror',
  'count:poisson',
  'reg:gamma',
  'reg:tweedie',
  'survival:cox',
  'rank:pairwise',
  'rank:ndcg',
];

/** Which of the user-settable import options apply to this model. */
function applicableOptions(document: ModelDocument): Array<keyof ParseOptions> {
  const { model } = document;
  const keys = new Set(Object.keys(model.assumptions) as Array<keyof ParseOptions>);
  if (model.format === 'xgboost' && (keys.has('objective') || keys.has('baseScore'))) {
    keys.add('objective');
    keys.add('baseScore');
    keys.add('numClass');
  }
  if (document.options.learningRate !== undefined) keys.add('learningRate');
  return ['objective', 'baseScore', 'numClass', 'learningRate', 'sparkEnsemble', 'lightgbmLegacyRf'].filter((key) =>
    keys.has(key as keyof ParseOptions),
  ) as Array<keyof ParseOptions>;
}

/**
 * Values a dump does not hold (XGBoost objective and base_score, Spark GBT learning rate…): shows
 * what was assumed and lets the user re-read the model with the right ones
 * (`data-testid="import-options"`).
 */
export function ImportOptions() {
  const document = useAppStore((state) => state.document);
  const [draft, setDraft] = useState<ParseOptions>({});
  useEffect(() => setDraft(document ? { ...document.model.assumptions, ...document.options } : {}), [document]);
  // A preview has no document on the host to parse again.
  if (!document || document.partial) return null;
  const keys = applicableOptions(document);
  if (keys.length === 0) return null;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    // Feature names the user gave stay: they are not one of this form's values.
    const options: ParseOptions = document.options.featureNames ? { featureNames: document.options.featureNames } : {};
    for (const key of keys) if (draft[key] !== undefined && draft[key] !== '') Object.assign(options, { [key]: draft[key] });
    void openWith((jobId) => connectBridge().reparseModel({ documentId: document.id, options, jobId }));
  };
  const numberField = (key: 'baseScore' | 'numClass' | 'learningRate', label: string, testId: string, step: string) => (
    <label key={key}>
      {label}
      <input
        type="number"
        step={step}
        data-testid={testId}
        value={draft[key] ?? ''}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setDraft((previous) => ({ ...previous, [key]: text === '' ? undefined : Number(text) }));
        }}
      />
    </label>
  );

  return (
    <form className="import-options" data-testid="import-options" onSubmit={apply}>
      <h3>What the file does not say</h3>
      <p className="hint">These values are not in the dump; predictions use them. Set them to match your training run.</p>
      {keys.includes('objective') && (
        <label>
          Objective
          <select
            data-testid="option-objective"
            value={draft.objective ?? ''}
            onChange={(event) => {
              const objective = event.currentTarget.value;
              setDraft((previous) => ({ ...previous, objective }));
            }}
          >
            {[...new Set([draft.objective ?? '', ...XGBOOST_OBJECTIVES])].filter(Boolean).map((objective) => (
              <option key={objective}>{objective}</option>
            ))}
          </select>
        </label>
      )}
      {keys.includes('baseScore') && numberField('baseScore', 'base_score', 'option-base-score', 'any')}
      {keys.includes('numClass') && numberField('numClass', 'Classes', 'option-num-class', '1')}
      {keys.includes('learningRate') && numberField('learningRate', 'Learning rate', 'option-learning-rate', 'any')}
      {keys.includes('sparkEnsemble') && (
        <label>
          Ensemble
          <select
            data-testid="option-spark-ensemble"
            value={draft.sparkEnsemble ?? 'rf'}
            onChange={(event) => {
              const sparkEnsemble = event.currentTarget.value as 'rf' | 'gbt';
              setDraft((previous) => ({ ...previous, sparkEnsemble }));
            }}
          >
            <option value="rf">random forest (vote / average)</option>
            <option value="gbt">gradient-boosted trees (weighted sum)</option>
          </select>
        </label>
      )}
      {keys.includes('lightgbmLegacyRf') && (
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="option-legacy-rf"
            checked={Boolean(draft.lightgbmLegacyRf)}
            onChange={(event) => {
              const lightgbmLegacyRf = event.currentTarget.checked;
              setDraft((previous) => ({ ...previous, lightgbmLegacyRf }));
            }}
          />
          Written by LightGBM ≤ 2.2.2 (leaves already transformed)
        </label>
      )}
      <button type="submit" data-testid="apply-options">
        Re-read with these values
      </button>
    </form>
  );
}
