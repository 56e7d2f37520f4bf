import { useState } from 'react';
import type { FeatureImportance as Importance } from '../../../app/model/tree';
import { largestOf } from '../../../app/util/extremes';
import { statNumber } from '../flow/flowElements';
import { appStore } from '../store/store';

const SHOWN_AT_FIRST = 12;

interface FeatureImportanceProps {
  importance: Importance[];
  featureName: (feature: number) => string;
}

/** Features ranked by how often they split and, when the format has gains, by total gain; bars to compare. */
export function FeatureImportance({ importance, featureName }: FeatureImportanceProps) {
  const hasGain = importance.some((entry) => entry.gain !== undefined);
  const [sortBy, setSortBy] = useState<'splits' | 'gain'>(hasGain ? 'gain' : 'splits');
  const [isAllShown, setAllShown] = useState(false);
  const order = sortBy === 'gain' && hasGain ? [...importance].sort((a, b) => (b.gain ?? 0) - (a.gain ?? 0) || a.feature - b.feature) : importance;
  const shown = isAllShown ? order : order.slice(0, SHOWN_AT_FIRST);
  const maxSplits = largestOf(importance.map((entry) => entry.splits), 1);
  const maxGain = largestOf(importance.map((entry) => entry.gain ?? 0), Number.MIN_VALUE);
  return (
    <section className="importance" data-testid="feature-importance">
      <div className="section-head">
        <h3>Feature importance</h3>
        {hasGain && (
          <div className="segmented" role="group" aria-label="Rank features by">
            <button type="button" aria-pressed={sortBy === 'gain'} onClick={() => setSortBy('gain')} data-testid="importance-by-gain">
              Gain
            </button>
            <button type="button" aria-pressed={sortBy === 'splits'} onClick={() => setSortBy('splits')} data-testid="importance-by-splits">
              Splits
            </button>
          </div>
        )}
      </div>
      <table className="importance-table">
        <thead>
          <tr>
            <th>Feature</th>
            <th className="number">Splits</th>
            {hasGain && <th className="number">Total gain</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => {
            const share = sortBy === 'gain' && hasGain ? (entry.gain ?? 0) / maxGain : entry.splits / maxSplits;
            return (
              <tr
                key={entry.feature}
                data-testid="importance-row"
                data-feature={entry.feature}
                title={`Search the tree for ${featureName(entry.feature)}`}
                onClick={() => appStore.getState().setSearchQuery(featureName(entry.feature))}
              >
                <td className="feature-cell">
                  <span className="importance-bar" style={{ width: `${Math.max(2, share * 100)}%` }} />
                  <span className="feature-name">{featureName(entry.feature)}</span>
                </td>
                <td className="number">{entry.splits.toLocaleString('en')}</td>
                {hasGain && <td className="number">{entry.gain === undefined ? '—' : statNumber(entry.gain)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {order.length > SHOWN_AT_FIRST && (
        <button type="button" className="link-button" onClick={() => setAllShown(!isAllShown)}>
          {isAllShown ? 'Show fewer' : `Show all ${order.length} features used`}
        </button>
      )}
    </section>
  );
}
