import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { classLabel, isClassifier } from '../../../app/data/output';
import type { KernelState } from '../../../app/eval/types';
import type { TreeModel } from '../../../app/model/types';
import { statNumber } from '../flow/flowElements';
import { appStore, useAppStore } from '../store/store';
import type { CsvState } from '../store/testingSlice';
import { exportResults, openCsv, openCsvFile, setCsvFileInput } from './csvActions';
import { cellText, rowValues } from './table';

const ROW_HEIGHT = 24;

function prettyMetric(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(4);
}

/** Accuracy, log loss, ROC AUC and confusion matrix, or RMSE and MAE. */
function Metrics({ csv }: { csv: CsvState }) {
  const metrics = csv.metrics;
  if (!metrics) return null;
  return (
    <div className="csv-metrics" data-testid="csv-metrics" data-kind={metrics.kind}>
      {metrics.kind === 'classification' ? (
        <>
          <dl className="facts">
            <dt>rows</dt>
            <dd data-testid="metric-rows">{metrics.rows}</dd>
            <dt>accuracy</dt>
            <dd data-testid="metric-accuracy" data-value={metrics.accuracy}>
              {prettyMetric(metrics.accuracy)}
            </dd>
            <dt>log loss</dt>
            <dd data-testid="metric-logloss" data-value={metrics.logLoss}>
              {prettyMetric(metrics.logLoss)}
            </dd>
            <dt>ROC AUC</dt>
            <dd data-testid="metric-auc" data-value={metrics.rocAuc}>
              {prettyMetric(metrics.rocAuc)}
            </dd>
          </dl>
          <table className="confusion" data-testid="confusion-matrix">
            <thead>
              <tr>
                <th title="label \\ predicted">label \ pred</th>
                {metrics.classes.map((name) => (
                  <th key={name}>{name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {metrics.confusion.map((row, label) => (
                <tr key={label}>
                  <th>{metrics.classes[label]}</th>
                  {row.map((count, predicted) => (
                    <td key={predicted} className={label === predicted ? 'is-diagonal' : undefined} data-label={label} data-predicted={predicted}>
                      {count}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <dl className="facts">
          <dt>rows</dt>
          <dd data-testid="metric-rows">{metrics.rows}</dd>
          <dt>RMSE</dt>
          <dd data-testid="metric-rmse" data-value={metrics.rmse}>
            {prettyMetric(metrics.rmse)}
          </dd>
          <dt>MAE</dt>
          <dd data-testid="metric-mae" data-value={metrics.meanAbsoluteError}>
            {prettyMetric(metrics.meanAbsoluteError)}
          </dd>
        </dl>
      )}
      {metrics.skipped.length > 0 && (
        <p className="note" data-testid="metric-skipped">
          {metrics.skipped.length} rows not counted (first: row {csv.prepared.rowNumber(metrics.skipped[0].row)}: {metrics.skipped[0].reason})
        </p>
      )}
    </div>
  );
}

/** Cells that did not read as their feature needs, by row and column: nothing disappears silently. */
function Problems({ csv }: { csv: CsvState }) {
  const { counts, problems, problemRows } = csv.prepared;
  const total = counts.notANumber + counts.unknownCategory + counts.ragged + counts.outOfRange;
  if (total === 0) return null;
  return (
    <details className="csv-problems" data-testid="csv-problems" open>
      <summary>
        <span data-testid="csv-problem-rows" data-count={problemRows}>
          {problemRows.toLocaleString('en')} rows
        </span>{' '}
        with problems: {counts.notANumber > 0 && <span data-testid="count-not-a-number">{counts.notANumber} cells not numbers </span>}
        {counts.unknownCategory > 0 && <span data-testid="count-unknown-category">{counts.unknownCategory} unknown categories </span>}
        {counts.ragged > 0 && <span data-testid="count-ragged">{counts.ragged} ragged rows</span>} (read as missing, still scored)
        {counts.outOfRange > 0 && <span data-testid="count-out-of-range"> · {counts.outOfRange} numbers beyond a double&apos;s range (read as ±Infinity or 0)</span>}
      </summary>
      <ul className="problem-list">
        {problems.map((problem, index) => (
          <li key={index} data-testid="csv-problem" data-row={problem.row} data-column={problem.column} data-kind={problem.kind}>
            row {problem.row}
            {problem.column && `, column ${JSON.stringify(problem.column)}`}: {problem.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Open a CSV, see its rows with their predictions, pick a label column for metrics, export results. */
/** " (2 workers, compiled to WebAssembly)": how the rows were scored, for the summary line. */
function scoredHow(workers: number | undefined, kernel: KernelState | undefined): string {
  const parts: string[] = [];
  if (workers && workers > 1) parts.push(`${workers} workers`);
  if (kernel?.kind === 'wasm') parts.push('compiled to WebAssembly');
  else if (kernel?.isRefused) parts.push(`interpreted: ${kernel.reason}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function CsvSection({ model }: { model: TreeModel }) {
  const csv = useAppStore((state) => state.csv);
  const csvError = useAppStore((state) => state.csvError);
  const wrongOnly = useAppStore((state) => state.wrongOnly);
  const showTraffic = useAppStore((state) => state.showTraffic);
  const vectorRow = useAppStore((state) => state.vectorRow);
  const scroller = useRef<HTMLDivElement>(null);
  const rowIndices = useMemo(() => {
    if (!csv) return [];
    if (wrongOnly && csv.wrong) return Array.from(csv.wrong);
    return Array.from({ length: csv.table.rows }, (_, index) => index);
  }, [csv, wrongOnly]);
  const virtualizer = useVirtualizer({ count: rowIndices.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const labelColumn = csv?.labelColumn ? csv.table.columns.find((column) => column.name === csv.labelColumn) : undefined;
  const wrongSet = useMemo(() => new Set(csv?.wrong ?? []), [csv?.wrong]);
  const classifier = isClassifier(model);

  const predictionText = (row: number): string => {
    const batch = csv?.batch;
    if (!batch) return '…';
    if (batch.errors.has(row)) return 'error';
    const predicted = batch.predictedClass[row];
    const width = batch.predictionWidth ?? batch.numOutputs;
    return classifier && predicted >= 0 ? classLabel(model, predicted) : statNumber(batch.prediction[row * width]);
  };

  const selectRow = (row: number) => {
    if (!csv) return;
    appStore.getState().setVector(rowValues(csv.prepared, row), row);
  };

  return (
    <section className="testing-section" aria-label="CSV">
      <div className="section-head">
        <h3 className="panel-title">Rows from a CSV</h3>
        <button type="button" data-testid="open-csv" onClick={() => void openCsv()}>
          Open CSV…
        </button>
        <input
          ref={setCsvFileInput}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          data-testid="csv-input"
          hidden
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void openCsvFile(file);
          }}
        />
      </div>
      {csvError && (
        <p className="csv-error" role="alert" data-testid="csv-error">
          {csvError}
        </p>
      )}
      {csv && (
        <>
          <p className="csv-summary" data-testid="csv-summary" data-rows={csv.table.rows} data-read-parts={csv.table.readParts} data-scored={csv.batch ? 'true' : 'false'}>
            <strong>{csv.table.fileName}</strong>: {csv.table.rows.toLocaleString('en')} rows
            {csv.table.blankRows > 0 && `, ${csv.table.blankRows} blank lines skipped`}; read {readWhere(csv.table.readParts)}in {csv.table.readMillis.toFixed(0)} ms
            {csv.timings?.requestMillis !== undefined && ` (${csv.timings.requestMillis.toFixed(0)} ms with transfer)`}
            {csv.timings && `, matched in ${csv.timings.prepareMillis.toFixed(0)} ms`}
            {csv.scoreMillis !== undefined && `, scored in ${csv.scoreMillis.toFixed(0)} ms${scoredHow(csv.scoreWorkers, csv.scoreKernel)}`}
            {csv.trafficMillis !== undefined && `, traffic counted in ${csv.trafficMillis.toFixed(0)} ms`}; columns matched by {csv.prepared.matchedBy}.
          </p>
          {csv.prepared.unusedColumns.length > 0 && (
            <p className="note" data-testid="csv-unused">
              Not used: {csv.prepared.unusedColumns.join(', ')}
            </p>
          )}
          <Problems csv={csv} />
          <div className="csv-controls">
            <label>
              Label column{' '}
              <select
                data-testid="label-column"
                value={csv.labelColumn ?? ''}
                onChange={(event) => appStore.getState().setLabelColumn(event.currentTarget.value || undefined)}
              >
                <option value="">none</option>
                {csv.prepared.unusedColumns.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <input type="checkbox" data-testid="wrong-only" checked={wrongOnly} disabled={!csv.wrong} onChange={(event) => appStore.getState().setWrongOnly(event.currentTarget.checked)} /> wrong rows
              only{csv.wrong ? ` (${csv.wrong.length})` : ''}
            </label>
            <label>
              <input type="checkbox" data-testid="show-traffic" checked={showTraffic} onChange={(event) => appStore.getState().setShowTraffic(event.currentTarget.checked)} /> traffic on the tree
            </label>
            <button type="button" data-testid="export-results" disabled={!csv.batch} onClick={() => void exportResults()}>
              Export results
            </button>
          </div>
          <Metrics csv={csv} />
          <div className="csv-table-head">
            <span>row</span>
            <span>prediction</span>
            {labelColumn && <span>label</span>}
          </div>
          <div ref={scroller} className="csv-table" data-testid="csv-table">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rowIndices[item.index];
                return (
                  <div
                    key={row}
                    className={`csv-row${wrongSet.has(row) ? ' is-wrong' : ''}${vectorRow === row ? ' is-current' : ''}`}
                    data-testid="csv-row"
                    data-row-index={row}
                    data-file-row={csv.prepared.rowNumber(row)}
                    style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                    onClick={() => selectRow(row)}
                  >
                    <span>{csv.prepared.rowNumber(row)}</span>
                    <span data-testid="csv-prediction">{predictionText(row)}</span>
                    {labelColumn && <span>{cellText(labelColumn, row)}</span>}
                  </div>
                );
              })}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/** Who read the file: the page (a dropped file, by its workers side by side) or the host. */
function readWhere(parts: number | undefined): string {
  if (parts === undefined) return '';
  return parts > 1 ? `in the page by ${parts} workers ` : 'in the page ';
}
