import type { ModelHeader } from './packed';

/**
 * Names for a model whose file does not name its features (Spark `feature 3`, XGBoost dumps without a
 * feature map `f3`, scikit-learn `export_text` defaults `feature_3`), given by the user (issue 15).
 * Such a model numbers its features by their column in the training data, so names given in that
 * order name them exactly. Read from:
 * - a CSV header (`.csv`, `.tsv`, or a single line with commas or tabs): one column per feature, in
 *   order; a label column (`label`, `target`, `y`, `class`) is left out;
 * - an XGBoost feature map (`0<TAB>age<TAB>q`, one line per feature, indices 0, 1, 2 …);
 * - a names file: one name per line.
 * Every problem is an error naming the file and the line (and column, for a header): a count that is
 * not the model's feature count, a name given twice, a blank line or column, a feature map out of order.
 */

/** Stable codes of naming errors. */
export type FeatureNamesErrorCode = 'E_NAMES_COUNT' | 'E_NAMES_DUPLICATE' | 'E_NAMES_BLANK' | 'E_NAMES_FEATMAP' | 'E_NAMES_TOO_LONG' | 'E_NAMES_EMPTY' | 'E_NAMES_MODEL_NAMED';

/** A naming problem as data; `message` is the whole sentence for people, file and line included. */
export interface FeatureNamesError {
  code: FeatureNamesErrorCode;
  message: string;
  fileName: string;
  line?: number;
  column?: number;
}

/** Where the names came from. */
export type FeatureNamesSource = 'csv-header' | 'feature-map' | 'lines';

export type FeatureNamesResult = { ok: true; names: string[]; source: FeatureNamesSource; skippedColumns: string[] } | { ok: false; error: FeatureNamesError };

/** Longest name accepted (the bridge refuses longer ones too). */
export const MAX_FEATURE_NAME_LENGTH = 1000;

/** Header columns that hold the label, not a feature (the Test tab guesses the label column the same way). */
const LABEL_COLUMN = /^(label|target|y|class)$/i;

function failure(code: FeatureNamesErrorCode, fileName: string, detail: string, line?: number, column?: number): FeatureNamesResult {
  const where = line === undefined ? '' : column === undefined ? `line ${line}: ` : `line ${line}, column ${column}: `;
  return { ok: false, error: { code, fileName, line, column, message: `${fileName}: ${where}${detail}` } };
}

/** Splits one CSV line into cells (double quotes around a cell, `""` inside one). */
function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (isQuoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') isQuoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      isQuoted = true;
      cell = '';
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((text) => text.trim());
}

const FEATURE_MAP_LINE = /^(\d+)\s+(\S+)\s+(\S+)\s*$/;

/**
 * Reads feature names from a file's text for a model with `featureCount` features (see the module
 * comment for the accepted forms). Pure: the caller reads the file.
 */
export function readFeatureNames(text: string, fileName: string, featureCount: number): FeatureNamesResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\r|\n/);
  // One line break at the end of the file is the end of its last line, not a blank line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.every((line) => line.trim() === '')) return failure('E_NAMES_EMPTY', fileName, `no names: the file is empty; the model has ${featureCount} features`);
  const isHeaderFile = /\.(csv|tsv)$/i.test(fileName) || (lines.length === 1 && featureCount > 1 && /[,\t]/.test(lines[0]));
  if (isHeaderFile) return readHeader(lines[0], fileName, featureCount);
  if (FEATURE_MAP_LINE.test(lines[0]) && lines[0].includes('\t')) return readFeatureMap(lines, fileName, featureCount);
  return readLines(lines, fileName, featureCount);
}

function readHeader(line: string, fileName: string, featureCount: number): FeatureNamesResult {
  const delimiter = line.includes('\t') && !line.includes(',') ? '\t' : ',';
  const cells = splitCsvLine(line, delimiter);
  const blank = cells.findIndex((cell) => cell === '');
  if (blank >= 0) return failure('E_NAMES_BLANK', fileName, `the header's column ${blank + 1} has no name`, 1, blank + 1);
  // Column indices of the names kept: all, or all but label columns when there are more than features.
  const columns = cells.map((_, index) => index).filter((index) => cells.length <= featureCount || !LABEL_COLUMN.test(cells[index]));
  const kept = columns.map((index) => cells[index]);
  const skippedColumns = cells.filter((_, index) => !columns.includes(index));
  if (kept.length !== featureCount) {
    const leftOut = skippedColumns.length > 0 ? ` (${kept.length} once the label column ${skippedColumns.map((name) => JSON.stringify(name)).join(', ')} is left out)` : '';
    return failure('E_NAMES_COUNT', fileName, `the header has ${cells.length} columns${leftOut}; the model has ${featureCount} features, one column each, in order`, 1);
  }
  const checked = checkNames(kept, fileName, (index) => ({ line: 1, column: columns[index] + 1 }));
  return checked ?? { ok: true, names: kept, source: 'csv-header', skippedColumns };
}

function readFeatureMap(lines: string[], fileName: string, featureCount: number): FeatureNamesResult {
  const names: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') return failure('E_NAMES_BLANK', fileName, 'blank line in a feature map (one `index name type` line per feature)', index + 1);
    const match = FEATURE_MAP_LINE.exec(line);
    if (!match) return failure('E_NAMES_FEATMAP', fileName, `expected \`index name type\` (e.g. \`${index}\tage\tq\`), found ${JSON.stringify(line.slice(0, 80))}`, index + 1);
    if (Number(match[1]) !== index) return failure('E_NAMES_FEATMAP', fileName, `feature index ${match[1]}; the feature map lists features in order, so this line is feature ${index}`, index + 1, 1);
    names.push(match[2]);
  }
  if (names.length !== featureCount) return countFailure(names.length, fileName, featureCount, 'feature map lines');
  return checkNames(names, fileName, (index) => ({ line: index + 1 })) ?? { ok: true, names, source: 'feature-map', skippedColumns: [] };
}

function readLines(lines: string[], fileName: string, featureCount: number): FeatureNamesResult {
  const names: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const name = lines[index].trim();
    if (name === '') return failure('E_NAMES_BLANK', fileName, 'blank line: the file gives one name per line, one line per feature', index + 1);
    names.push(name);
  }
  if (names.length !== featureCount) return countFailure(names.length, fileName, featureCount, 'names (one per line)');
  return checkNames(names, fileName, (index) => ({ line: index + 1 })) ?? { ok: true, names, source: 'lines', skippedColumns: [] };
}

function countFailure(count: number, fileName: string, featureCount: number, what: string): FeatureNamesResult {
  if (count > featureCount) {
    return failure('E_NAMES_COUNT', fileName, `${count} ${what}, but the model has ${featureCount} features: this line and those after it name no feature`, featureCount + 1);
  }
  const missing = featureCount - count;
  return failure('E_NAMES_COUNT', fileName, `${count} ${what}, but the model has ${featureCount} features: ${missing} name${missing === 1 ? '' : 's'} missing after this line`, count);
}

/** Duplicates and over-long names; `where` gives the line (and column) of name `index`. */
function checkNames(names: readonly string[], fileName: string, where: (index: number) => { line: number; column?: number }): FeatureNamesResult | undefined {
  const seen = new Map<string, number>();
  for (let index = 0; index < names.length; index++) {
    const name = names[index];
    const at = where(index);
    if (name.length > MAX_FEATURE_NAME_LENGTH) return failure('E_NAMES_TOO_LONG', fileName, `a name of ${name.length} characters; at most ${MAX_FEATURE_NAME_LENGTH}`, at.line, at.column);
    const first = seen.get(name);
    if (first !== undefined) {
      const before = where(first);
      const earlier = at.column === undefined ? `line ${before.line}` : `column ${before.column}`;
      return failure('E_NAMES_DUPLICATE', fileName, `${JSON.stringify(name)} is also the name on ${earlier}; each feature needs its own name`, at.line, at.column);
    }
    seen.set(name, index);
  }
  return undefined;
}

/**
 * The model's header with the user's names: the same features, now named, in the same order. Throws
 * an `Error` whose message starts with its code when the names do not fit the model (wrong count,
 * duplicates, a blank or over-long name, or a file that names its own features: their index order
 * may not be the column order, so renaming them by position could swap them).
 */
export function applyFeatureNames(header: ModelHeader, names: readonly string[]): ModelHeader {
  if (header.features.some((feature) => feature.isNamed)) {
    throw new Error(`E_NAMES_MODEL_NAMED: ${header.fileName} names its own features; only features without names can be named`);
  }
  if (names.length !== header.features.length) {
    throw new Error(`E_NAMES_COUNT: ${names.length} names for the ${header.features.length} features of ${header.fileName}`);
  }
  const problem = checkNames(names, header.fileName, (index) => ({ line: index + 1 }));
  if (problem && !problem.ok) throw new Error(`${problem.error.code}: ${problem.error.message}`);
  const blank = names.findIndex((name) => name.trim() === '');
  if (blank >= 0) throw new Error(`E_NAMES_BLANK: name ${blank + 1} of ${names.length} is blank`);
  return {
    ...header,
    features: header.features.map((feature, index) => ({ ...feature, name: names[index], isNamed: true })),
    metadata: { ...header.metadata, featureNames: 'given by the user, in feature index order' },
  };
}
