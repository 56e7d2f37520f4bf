/**
 * TEST KIT ONLY (not used by the app): reads the models and CSVs the analysis tests and the slider
 * bench need, through the real adapters and the data layer's column matching.
 */
import { parseModelText, type ParseOptions } from '../formats';
import type { TreeModel } from '../model/types';
import { matchColumns } from '../data/columns';

/** Any dump through the real adapters (`parseModelText`). */
export function loadModel(text: string, fileName: string, options: ParseOptions = {}): TreeModel {
  return parseModelText(text, fileName, options);
}

/** Row-major doubles from rows of numbers, padded with NaN. */
export function rowMajor(rows: readonly (readonly number[])[], numFeatures: number): Float64Array {
  const values = new Float64Array(rows.length * numFeatures).fill(NaN);
  rows.forEach((row, r) => row.forEach((value, f) => f < numFeatures && (values[r * numFeatures + f] = value)));
  return values;
}

/** A CSV of numbers: header row, then cells parsed to double; empty or `nan` = NaN; `inf` spelled out. */
export function parseNumberCsv(text: string): { header: string[]; rows: number[][] } {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) =>
    line.split(',').map((cell) => {
      const lower = cell.trim().toLowerCase();
      if (lower === '' || lower === 'nan') return NaN;
      if (lower === 'inf' || lower === '+inf' || lower === 'infinity') return Infinity;
      if (lower === '-inf' || lower === '-infinity') return -Infinity;
      return Number(lower);
    }),
  );
  return { header, rows };
}

/**
 * The rows of a numeric CSV in the model's feature order, columns matched by the data layer's
 * `matchColumns` (scikit-learn text models order features as they first appear in the dump).
 */
export function rowsForModel(model: TreeModel, csvText: string, count = Infinity): number[][] {
  const { header, rows } = parseNumberCsv(csvText);
  const mapping = matchColumns(header, model.features, 'input.csv', { ignoreUnknownColumns: true });
  return rows.slice(0, count).map((row) => mapping.featureColumns.map((column) => row[column]));
}
