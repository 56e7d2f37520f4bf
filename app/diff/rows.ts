/*
 * One CSV read for two models: each side finds its own features in the header, so a column the
 * other model uses is not "unknown", and a column a side needs but the file lacks says which side.
 */
import { createCellReader } from '../data/cells';
import { matchColumns, type ColumnMapping } from '../data/columns';
import { DataError, dataLocation } from '../data/errors';
import type { ModelHeader } from '../model/packed';
import type { DiffRows } from './predictions';

export interface DiffRowOptions {
  /** Header name of the label column (used for metrics, never as a feature). */
  labelColumn?: string;
  /** Columns that are features of neither model (an id…). */
  ignoreColumns?: readonly string[];
  /** Skip every column that is a feature of neither model. */
  ignoreUnknownColumns?: boolean;
  /** How each side is named in messages. Default `old model` / `new model`. */
  sideNames?: { old: string; new: string };
}

/** Re-words a side's column error so it names the side: `rows.csv: row 1 (the header): old model (a.json): …`. */
function sideError(error: DataError, side: string): DataError {
  const location = dataLocation(error.info.fileName, error.info.row, error.info.column);
  const detail = error.info.message.startsWith(location) ? error.info.message.slice(location.length) : error.info.message;
  return new DataError({ code: error.info.code, fileName: error.info.fileName, row: error.info.row, column: error.info.column, detail: `for the ${side}: ${detail.replace(/ \(row 1 is the header\)$/, '')}` });
}

function namesOf(header: ModelHeader): string[] {
  return header.features.filter((feature) => feature.isNamed).map((feature) => feature.name);
}

/**
 * Reads the CSV's data rows (`body`, without the header) into each model's feature order.
 * Throws `DataError` with the side, row and column of the first problem.
 */
export function readDiffRows(
  header: readonly string[],
  body: readonly (readonly string[])[],
  fileName: string,
  oldHeader: ModelHeader,
  newHeader: ModelHeader,
  options: DiffRowOptions = {},
): DiffRows {
  const sides = options.sideNames ?? { old: 'old model', new: 'new model' };
  const labelIndex = options.labelColumn === undefined ? -1 : header.indexOf(options.labelColumn);
  if (options.labelColumn !== undefined && labelIndex < 0) {
    throw new DataError({ code: 'E_DATA_COLUMN_MISSING', fileName, row: 1, detail: `no label column ${JSON.stringify(options.labelColumn)}` });
  }
  const common = [...(options.ignoreColumns ?? []), ...(options.labelColumn !== undefined ? [options.labelColumn] : [])];
  const oldNames = new Set(namesOf(oldHeader));
  const newNames = new Set(namesOf(newHeader));
  const bothNamed = oldNames.size > 0 && newNames.size > 0;
  // Named models: a column that is a feature of neither model is one error, not one per side.
  const neither = bothNamed ? header.filter((column) => !oldNames.has(column) && !newNames.has(column) && !common.includes(column)) : [];
  if (neither.length > 0 && !options.ignoreUnknownColumns) {
    const listed = neither.slice(0, 8).map((name) => JSON.stringify(name)).join(', ') + (neither.length > 8 ? `, … (${neither.length})` : '');
    throw new DataError({
      code: 'E_DATA_COLUMN_UNKNOWN',
      fileName,
      row: 1,
      column: neither[0],
      detail: `${neither.length === 1 ? 'column' : 'columns'} ${listed} ${neither.length === 1 ? 'is' : 'are'} a feature of neither model; skip with --ignore-columns or --ignore-unknown-columns`,
    });
  }
  const mapSide = (own: ModelHeader, ownNames: Set<string>, otherNames: Set<string>, side: string): ColumnMapping => {
    // The other model's features and the columns of neither are known here, unless this model uses the name.
    const skipped = header.filter((column) => !ownNames.has(column) && (otherNames.has(column) || neither.includes(column)));
    try {
      return matchColumns(header, own.features, fileName, { ignoreColumns: [...common, ...skipped], ignoreUnknownColumns: options.ignoreUnknownColumns });
    } catch (error) {
      if (error instanceof DataError) throw sideError(error, side);
      throw error;
    }
  };
  // Both sides are checked before failing, so a file that fits neither says so for both.
  const problems: DataError[] = [];
  let oldMapping: ColumnMapping | undefined;
  let newMapping: ColumnMapping | undefined;
  try {
    oldMapping = mapSide(oldHeader, oldNames, newNames, sides.old);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    problems.push(error);
  }
  try {
    newMapping = mapSide(newHeader, newNames, oldNames, sides.new);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    problems.push(error);
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length === 2) {
    const [first, second] = problems;
    const location = dataLocation(fileName, first.info.row, first.info.column);
    throw new DataError({ code: first.info.code, fileName, row: first.info.row, column: first.info.column, detail: `${first.info.message.slice(location.length)}; and ${second.info.message}` });
  }
  const rows = body.length;
  const fill = (features: ModelHeader['features'], mapping: ColumnMapping): Float64Array => {
    const width = features.length;
    const values = new Float64Array(rows * width);
    const readers = features.map((feature) => createCellReader(feature));
    for (let r = 0; r < rows; r++) {
      const cells = body[r];
      if (cells.length !== header.length) {
        throw new DataError({ code: 'E_DATA_ROW_LENGTH', fileName, row: r + 2, detail: `${cells.length} cells; the header has ${header.length}` });
      }
      for (let f = 0; f < width; f++) {
        const column = mapping.featureColumns[f];
        const result = readers[f](cells[column]);
        if (result.problem) throw new DataError({ code: 'E_DATA_VALUE', fileName, row: r + 2, column: header[column], detail: result.problem });
        values[r * width + f] = result.value;
      }
    }
    return values;
  };
  const result: DiffRows = { rows, oldValues: fill(oldHeader.features, oldMapping!), newValues: fill(newHeader.features, newMapping!) };
  if (labelIndex >= 0) result.labels = body.map((cells) => cells[labelIndex] ?? '');
  return result;
}
