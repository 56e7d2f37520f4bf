/*
 * The diff as one self-contained HTML page: inline CSS, inline SVG histogram, no script, no
 * network, no external assets (the Content-Security-Policy forbids them all).
 */
import type { DiffReport } from './report';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function table(headers: string[], rows: (string | number)[][]): string {
  if (rows.length === 0) return '<p class="none">none</p>';
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function histogramSvg(histogram: NonNullable<DiffReport['rows']>['histogram']): string {
  const width = 480;
  const height = 120;
  const max = Math.max(1, ...histogram.counts);
  const barWidth = width / histogram.counts.length;
  const bars = histogram.counts
    .map((count, i) => {
      const h = (count / max) * (height - 20);
      return `<rect x="${(i * barWidth).toFixed(1)}" y="${(height - 20 - h).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${count}</title></rect>`;
    })
    .join('');
  return (
    `<svg class="histogram" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="distribution of prediction deltas">` +
    `${bars}<text x="0" y="${height - 4}">${escapeHtml(String(histogram.min))}</text>` +
    `<text x="${width}" y="${height - 4}" text-anchor="end">${escapeHtml(String(histogram.max))}</text></svg>`
  );
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .6em;text-align:left}
th{background:#f4f4f4}.counts span{display:inline-block;margin-right:1.5em}.warn{color:#a15c00}
.none{color:#777}.histogram rect{fill:#4a7fb5}.histogram text{font-size:11px;fill:#555}
@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}th{background:#2a2a2a}td,th{border-color:#444}}`;

/** The whole report as an HTML document (a string; the caller writes it). */
export function renderDiffHtml(report: DiffReport): string {
  const parts: string[] = [];
  const t = report.trees;
  parts.push(`<h1>Model diff</h1>`);
  parts.push(
    table(
      ['', 'file', 'format', 'trees'],
      [
        ['old', report.old.file, report.old.variant, report.old.trees],
        ['new', report.new.file, report.new.variant, report.new.trees],
      ],
    ),
  );
  if (report.notComparable) parts.push(`<p class="warn" data-testid="not-comparable">Not comparable tree by tree: ${escapeHtml(report.notComparable)}</p>`);
  parts.push(
    `<h2>Trees</h2><p class="counts" data-testid="tree-counts"><span>same ${t.same}</span><span>changed ${t.changed}</span><span>added ${t.added}</span><span>removed ${t.removed}</span></p>` +
      `<p class="counts"><span>nodes changed ${report.nodes.changed}</span><span>nodes added ${report.nodes.added}</span><span>nodes removed ${report.nodes.removed}</span></p>`,
  );
  parts.push('<h2>Model facts</h2>' + table(['field', 'old', 'new'], report.header.map((c) => [c.field, c.old, c.new])));
  if (report.features.added.length + report.features.removed.length > 0) {
    parts.push(`<p>Features added: ${escapeHtml(report.features.added.join(', ') || 'none')}. Removed: ${escapeHtml(report.features.removed.join(', ') || 'none')}.</p>`);
  }
  parts.push(
    '<h2>Feature importance that moved most</h2>' +
      table(
        ['feature', 'splits old', 'splits new', 'gain old', 'gain new'],
        report.importance.map((i) => [i.feature, i.oldSplits, i.newSplits, i.oldGain ?? '', i.newGain ?? '']),
      ),
  );
  parts.push(
    '<h2>Changed nodes</h2>' +
      table(
        ['output', 'tree (old → new)', 'path', 'change', 'old', 'new'],
        report.changedNodes.flatMap((node) => node.changes.map((c) => [node.output, `${node.oldTree} → ${node.newTree}`, node.path === '' ? 'root' : node.path, c.kind, c.old, c.new])),
      ) +
      (report.nodes.changed > report.changedNodes.length ? `<p class="none">first ${report.changedNodes.length} of ${report.nodes.changed} changed nodes</p>` : ''),
  );
  const warnings = (['old', 'new'] as const).flatMap((side) => report.warnings[side].map((w) => [side, w.code, w.message]));
  parts.push('<h2>Import warnings</h2>' + table(['side', 'code', 'message'], warnings));
  const rows = report.rows;
  if (rows) {
    const what = rows.byClass ? 'rows whose class changed' : `rows that moved by more than ${rows.tolerance}`;
    parts.push(
      `<h2>Predictions</h2><p class="counts" data-testid="row-counts"><span>rows compared ${rows.compared}</span><span>${escapeHtml(what)} ${rows.predictionChanged}</span><span>largest |Δ| ${rows.maxAbsDelta}</span></p>`,
    );
    parts.push(histogramSvg(rows.histogram));
    if (rows.classTable) {
      const ct = rows.classTable;
      parts.push('<h3>Old class × new class</h3>' + table(['old \\ new', ...ct.newClasses], ct.oldClasses.map((name, i) => [name, ...ct.counts[i]])));
    }
    if (rows.metrics) {
      const line = (side: 'old' | 'new') => {
        const m = rows.metrics![side];
        return m.kind === 'classification'
          ? [side, m.rows, `accuracy ${m.accuracy}`, m.logLoss !== undefined ? `log loss ${m.logLoss}` : '', m.rocAuc !== undefined ? `AUC ${m.rocAuc}` : '']
          : [side, m.rows, `RMSE ${m.rmse}`, `MAE ${m.meanAbsoluteError}`, ''];
      };
      parts.push('<h3>Metrics against the label column</h3>' + table(['side', 'rows', '', '', ''], [line('old'), line('new')]));
    }
    parts.push(
      '<h3>Largest deltas</h3>' +
        table(
          ['row', 'old', 'new', 'Δ'],
          rows.largest.map((entry) => [entry.row, entry.oldClass ?? entry.old.join(', '), entry.newClass ?? entry.new.join(', '), entry.delta]),
        ),
    );
  }
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>Model diff: ${escapeHtml(report.old.file)} → ${escapeHtml(report.new.file)}</title><style>${STYLE}</style></head>\n<body>\n${parts.join('\n')}\n</body></html>\n`
  );
}
