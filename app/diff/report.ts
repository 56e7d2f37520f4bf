/*
 * The diff as one plain JSON object (what `splitscope diff --json` prints and the HTML report shows).
 */
import type { PredictionDiff } from './predictions';
import type { StructuralDiff } from './structural';

/** Plain-data report of a diff: no typed arrays, stable field names (documented in main/cli/README.md). */
export interface DiffReport {
  old: { file: string; format: string; variant: string; trees: number };
  new: { file: string; format: string; variant: string; trees: number };
  comparable: boolean;
  notComparable?: string;
  trees: StructuralDiff['trees'];
  nodes: StructuralDiff['nodes'];
  header: StructuralDiff['header'];
  features: StructuralDiff['features'];
  importance: StructuralDiff['importance'];
  warnings: StructuralDiff['warnings'];
  changedTrees: StructuralDiff['treeDiffs'];
  changedNodes: StructuralDiff['changedNodes'];
  rows?: {
    compared: number;
    predictionChanged: number;
    maxAbsDelta: number;
    unscored: { old: number; new: number };
    byClass: boolean;
    tolerance: number;
    /** Data row numbers (1 = first row after the header) of the first changed rows. */
    changedRows: number[];
    histogram: PredictionDiff['histogram'];
    largest: PredictionDiff['largest'];
    classTable?: PredictionDiff['classTable'];
    metrics?: PredictionDiff['metrics'];
  };
}

export interface ModelSide {
  file: string;
  format: string;
  variant: string;
  trees: number;
}

/** Builds the report; lists (changed trees, changed rows) are capped at `listLimit` (default 1000). */
export function diffReport(oldSide: ModelSide, newSide: ModelSide, structural: StructuralDiff, predictions?: PredictionDiff, listLimit = 1000): DiffReport {
  const report: DiffReport = {
    old: oldSide,
    new: newSide,
    comparable: structural.notComparable === undefined,
    trees: structural.trees,
    nodes: structural.nodes,
    header: structural.header,
    features: structural.features,
    importance: structural.importance,
    warnings: structural.warnings,
    changedTrees: structural.treeDiffs.filter((tree) => tree.status !== 'same').slice(0, listLimit),
    changedNodes: structural.changedNodes,
  };
  if (structural.notComparable) report.notComparable = structural.notComparable;
  if (predictions) {
    report.rows = {
      compared: predictions.rows.compared,
      predictionChanged: predictions.rows.predictionChanged,
      maxAbsDelta: predictions.rows.maxAbsDelta,
      unscored: predictions.rows.unscored,
      byClass: predictions.byClass,
      tolerance: predictions.tolerance,
      changedRows: Array.from(predictions.changedRows.subarray(0, listLimit), (row) => row + 1),
      histogram: predictions.histogram,
      largest: predictions.largest.map((entry) => ({ ...entry, row: entry.row + 1 })),
    };
    if (predictions.classTable) report.rows.classTable = predictions.classTable;
    if (predictions.metrics) report.rows.metrics = predictions.metrics;
  }
  return report;
}

/** The report as JSON text; non-finite numbers become strings (`"Infinity"`, `"NaN"`) so the text stays JSON. */
export function reportJson(report: DiffReport, indent?: number): string {
  return JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), indent);
}

/** A short plain-text summary for the terminal. */
export function reportText(report: DiffReport): string {
  const lines: string[] = [];
  lines.push(`old: ${report.old.file} (${report.old.variant}, ${report.old.trees} trees)`);
  lines.push(`new: ${report.new.file} (${report.new.variant}, ${report.new.trees} trees)`);
  if (report.notComparable) lines.push(`not comparable tree by tree: ${report.notComparable}`);
  const t = report.trees;
  lines.push(`trees: ${t.same} same, ${t.changed} changed, ${t.added} added, ${t.removed} removed`);
  lines.push(`nodes: ${report.nodes.changed} changed, ${report.nodes.added} added, ${report.nodes.removed} removed (in matched trees)`);
  for (const change of report.header) lines.push(`${change.field}: ${change.old} → ${change.new}`);
  if (report.features.added.length > 0) lines.push(`features added: ${report.features.added.join(', ')}`);
  if (report.features.removed.length > 0) lines.push(`features removed: ${report.features.removed.join(', ')}`);
  if (report.importance.length > 0) {
    lines.push('importance moved most (splits old → new):');
    for (const entry of report.importance.slice(0, 5)) lines.push(`  ${entry.feature}: ${entry.oldSplits} → ${entry.newSplits}`);
  }
  const shown = report.changedNodes.slice(0, 10);
  if (shown.length > 0) {
    lines.push('first changed nodes:');
    for (const node of shown) {
      const where = `tree ${node.oldTree}→${node.newTree} node ${node.path === '' ? 'root' : node.path}`;
      lines.push(`  ${where}: ${node.changes.map((c) => `${c.kind} ${c.old} → ${c.new}`).join('; ')}`);
    }
  }
  for (const side of ['old', 'new'] as const) {
    for (const warning of report.warnings[side]) lines.push(`${side} warning ${warning.code}: ${warning.message}`);
  }
  const rows = report.rows;
  if (rows) {
    const what = rows.byClass ? 'class changed' : `moved by more than ${rows.tolerance}`;
    lines.push(`rows: ${rows.compared} compared, ${rows.predictionChanged} ${what}, largest |Δ| ${rows.maxAbsDelta}`);
    if (rows.unscored.old + rows.unscored.new > 0) lines.push(`rows not scored: ${rows.unscored.old} by the old model, ${rows.unscored.new} by the new`);
    if (rows.metrics) {
      for (const side of ['old', 'new'] as const) {
        const m = rows.metrics[side];
        lines.push(m.kind === 'classification' ? `${side} accuracy ${m.accuracy}${m.logLoss !== undefined ? `, log loss ${m.logLoss}` : ''}` : `${side} RMSE ${m.rmse}, MAE ${m.meanAbsoluteError}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}
