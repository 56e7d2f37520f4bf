import Papa from 'papaparse';
import { useMemo, useRef, useState } from 'react';
import { DataError } from '../../../app/data/errors';
import { diffPredictions, type DiffRows, type PredictionDiff } from '../../../app/diff/predictions';
import { rowDiffDetail, type RowDiffContext, type RowDiffDetail } from '../../../app/diff/rowDetail';
import { readDiffRows } from '../../../app/diff/rows';
import { compileModel } from '../../../app/eval';
import type { PackedModel } from '../../../app/model/packed';
import { TableHead } from './TableHead';

interface Loaded {
  fileName: string;
  header: string[];
  body: string[][];
}

function Histogram(props: { histogram: PredictionDiff['histogram'] }) {
  const { counts, min, max } = props.histogram;
  const top = Math.max(1, ...counts);
  return (
    <svg className="compare-histogram" width={360} height={90} role="img" aria-label="distribution of prediction deltas" data-testid="compare-histogram">
      {counts.map((count, i) => (
        <rect key={i} x={i * (360 / counts.length)} y={70 - (count / top) * 70} width={360 / counts.length - 1} height={(count / top) * 70}>
          <title>{count}</title>
        </rect>
      ))}
      <text x={0} y={86}>{min}</text>
      <text x={360} y={86} textAnchor="end">{max}</text>
    </svg>
  );
}

/** Loads a CSV once, scores it with both models and shows what moved; a row opens both paths and the contribution change. */
export function PredictionDiffPanel(props: { oldModel: PackedModel; newModel: PackedModel }) {
  const { oldModel, newModel } = props;
  const input = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<Loaded>();
  const [label, setLabel] = useState('');
  const [tolerance, setTolerance] = useState(0);
  const [selected, setSelected] = useState<number>();
  const context = useMemo<RowDiffContext>(() => ({ oldModel, newModel, oldCompiled: compileModel(oldModel), newCompiled: compileModel(newModel) }), [oldModel, newModel]);
  const result = useMemo((): { rows: DiffRows; diff: PredictionDiff } | { error: string } | undefined => {
    if (!loaded) return undefined;
    try {
      const rows = readDiffRows(loaded.header, loaded.body, loaded.fileName, oldModel.header, newModel.header, { labelColumn: label || undefined, ignoreUnknownColumns: true });
      return { rows, diff: diffPredictions(oldModel, newModel, rows, { tolerance, oldCompiled: context.oldCompiled, newCompiled: context.newCompiled }) };
    } catch (error) {
      if (error instanceof DataError) return { error: `${error.info.code}: ${error.info.message}` };
      throw error;
    }
  }, [loaded, label, tolerance, oldModel, newModel, context]);
  const detail = useMemo((): RowDiffDetail | undefined => {
    if (selected === undefined || !result || 'error' in result) return undefined;
    const { rows } = result;
    const oldWidth = oldModel.header.features.length;
    const newWidth = newModel.header.features.length;
    return rowDiffDetail(context, selected, rows.oldValues.subarray(selected * oldWidth, (selected + 1) * oldWidth), rows.newValues.subarray(selected * newWidth, (selected + 1) * newWidth));
  }, [selected, result, context, oldModel, newModel]);

  const onFile = async (file: File) => {
    const parsed = Papa.parse<string[]>((await file.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
    const [header = [], ...body] = parsed.data;
    setSelected(undefined);
    setLabel(header.includes('label') ? 'label' : '');
    setLoaded({ fileName: file.name, header, body });
  };

  return (
    <section className="compare-predictions" data-testid="compare-predictions">
      <h3>Predictions on your rows</h3>
      <button type="button" data-testid="compare-load-csv" onClick={() => input.current?.click()}>
        Load CSV…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="compare-csv-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void onFile(file);
        }}
      />
      {loaded && (
        <>
          <label>
            {' '}label column{' '}
            <select value={label} onChange={(event) => setLabel(event.currentTarget.value)} data-testid="compare-label">
              <option value="">(none)</option>
              {loaded.header.map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </select>
          </label>
          <label>
            {' '}tolerance{' '}
            <input type="number" min={0} step="any" value={tolerance} onChange={(event) => setTolerance(Math.max(0, Number(event.currentTarget.value) || 0))} />
          </label>
        </>
      )}
      {result && 'error' in result && (
        <p className="compare-error" data-testid="compare-csv-error">
          {result.error}
        </p>
      )}
      {result && 'diff' in result && (
        <div>
          <p data-testid="compare-row-counts">
            {result.diff.rows.compared} rows compared · {result.diff.rows.predictionChanged} {result.diff.byClass ? 'changed class' : `moved by more than ${result.diff.tolerance}`} · largest |Δ| {result.diff.rows.maxAbsDelta}
          </p>
          <Histogram histogram={result.diff.histogram} />
          {result.diff.metrics && (
            <table data-testid="compare-metrics">
              <tbody>
                {(['old', 'new'] as const).map((side) => {
                  const m = result.diff.metrics![side];
                  return (
                    <tr key={side}>
                      <th>{side}</th>
                      <td>{m.kind === 'classification' ? `accuracy ${m.accuracy.toFixed(4)}` : `RMSE ${m.rmse.toFixed(4)}`}</td>
                      <td>{m.kind === 'classification' ? (m.logLoss !== undefined ? `log loss ${m.logLoss.toFixed(4)}` : '') : `MAE ${m.meanAbsoluteError.toFixed(4)}`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {result.diff.classTable && (
            <table data-testid="compare-class-table">
              <thead>
                <tr>
                  <th>old \ new</th>
                  {result.diff.classTable.newClasses.map((name) => (
                    <th key={name}>{name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.diff.classTable.oldClasses.map((name, i) => (
                  <tr key={name}>
                    <th>{name}</th>
                    {result.diff.classTable!.counts[i].map((count, j) => (
                      <td key={j}>{count}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h4>Largest deltas</h4>
          <table data-testid="compare-largest">
            <TableHead columns={['row', 'old', 'new', 'Δ']} />
            <tbody>
              {result.diff.largest.map((entry) => (
                <tr key={entry.row} className={entry.row === selected ? 'is-selected' : undefined} data-testid="compare-largest-row" onClick={() => setSelected(entry.row)}>
                  <td>{entry.row + 1}</td>
                  <td>{entry.oldClass ?? entry.old.join(', ')}</td>
                  <td>{entry.newClass ?? entry.new.join(', ')}</td>
                  <td>{entry.delta}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {detail && (
        <div data-testid="compare-row-detail">
          <h4>Row {detail.row + 1}</h4>
          <p>
            paths: {detail.oldPaths.length} trees old, {detail.newPaths.length} new; {detail.oldPaths.filter((path, t) => JSON.stringify(path) !== JSON.stringify(detail.newPaths[t])).length} of the common trees take another path
          </p>
          {detail.contributionsUnavailable && <p className="none">contributions: {detail.contributionsUnavailable}</p>}
          {detail.contributions && (
            <table data-testid="compare-contributions">
              <TableHead columns={['feature', 'old', 'new', 'Δ']} />
              <tbody>
                {detail.contributions.slice(0, 20).map((entry) => (
                  <tr key={entry.feature}>
                    <td>{entry.feature}</td>
                    <td>{entry.old.toFixed(5)}</td>
                    <td>{entry.new.toFixed(5)}</td>
                    <td>{entry.delta.toFixed(5)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
