import { createCellReader, parseNumberCell, scanShortDecimal, scannedEnd, type CellReader } from '../app/data/cells';
import type { TreeModel } from '../app/model/types';

/**
 * Reading prediction requests into rows of doubles in feature order (NaN = missing). Every problem
 * a client can cause becomes a `RequestError` with an HTTP status, a stable code and a message that
 * names the row, the feature and the offending text.
 */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Rows read from a request, row-major, plus notes worth returning (unknown category labels). */
export interface Rows {
  count: number;
  values: number[][];
  warnings: string[];
}

export interface InputLimits {
  /** More rows than this in one request get 413. */
  maxRows: number;
}

/** Per-model reading state, built once. */
export class InputReader {
  readonly numFeatures: number;
  private readonly readers: CellReader[];
  private nameIndex: Map<string, number> | undefined;
  private readonly names: string[];
  /** Whether every feature reads a cell as a plain number (no category labels): `plainQueryRow` may then read a query. */
  private readonly isPlainNumeric: boolean;
  private readonly plainRow: Float64Array;

  constructor(
    private readonly model: Pick<TreeModel, 'features'>,
    numFeatures: number,
    private readonly limits: InputLimits,
  ) {
    this.numFeatures = numFeatures;
    this.names = Array.from({ length: numFeatures }, (_, i) => model.features[i]?.name ?? `f${i}`);
    this.readers = Array.from({ length: numFeatures }, (_, i) => {
      const feature = model.features[i] ?? { index: i, name: `f${i}`, isNamed: false, kind: 'numeric' as const };
      return createCellReader(feature);
    });
    this.isPlainNumeric = Array.from({ length: numFeatures }, (_, i) => model.features[i]?.categoryLabels).every((labels) => !labels || labels.length === 0);
    this.plainRow = new Float64Array(numFeatures);
  }

  /**
   * The row of a query that is exactly `features=v1,v2,…` of plain decimals or empty cells (missing),
   * `numFeatures` of them, read straight from the query: the row a service is sent most. Undefined
   * for anything else (other parameters, `nan`, blanks, labels, a malformed escape, a wrong count):
   * `query` then reads it, or says what is wrong. The same doubles as `query`: the cell reader takes
   * a decimal of up to 24 characters by the same scan (`scanShortDecimal`). Commas escaped as `%2C`
   * (what `encodeURIComponent` writes) are read in place; any other escape is decoded first. The row
   * is this reader's own, overwritten by the next call: score it before reading another.
   */
  plainQueryRow(query: string): Float64Array | undefined {
    if (!this.isPlainNumeric || this.numFeatures === 0 || !query.startsWith('features=') || query.includes('&') || query.includes('+')) return undefined;
    const text = query.slice(9);
    if (!text.includes('%')) return this.readPlainCells(text, false) ? this.plainRow : undefined;
    if (this.readPlainCells(text, true)) return this.plainRow;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return undefined;
    }
    return this.readPlainCells(decoded, false) ? this.plainRow : undefined;
  }

  /** `plainQueryRow`'s cells into `plainRow`: separated by `,`, or by `%2C` when `isEscaped`; false when the text is not that. */
  private readPlainCells(text: string, isEscaped: boolean): boolean {
    const row = this.plainRow;
    const count = this.numFeatures;
    const end = text.length;
    const stopCode = isEscaped ? PERCENT : COMMA;
    const separatorLength = isEscaped ? 3 : 1;
    let start = 0;
    for (let i = 0; i < count; i++) {
      let cellEnd = start;
      if (start < end && text.charCodeAt(start) !== stopCode) {
        const value = scanShortDecimal(text, start, end, stopCode);
        if (value !== value) return false;
        cellEnd = scannedEnd;
        if (cellEnd - start > 24) return false;
        row[i] = value;
      } else row[i] = NaN;
      if (i === count - 1) return cellEnd === end;
      // A separator after every cell but the last.
      if (cellEnd >= end || text.charCodeAt(cellEnd) !== stopCode) return false;
      if (isEscaped && !(text.charCodeAt(cellEnd + 1) === 50 /* 2 */ && (text.charCodeAt(cellEnd + 2) | 0x20) === 99) /* c or C */) return false;
      start = cellEnd + separatorLength;
    }
    return false;
  }

  /**
   * Feature index by name, made when a request first names a feature: a Lambda's cold start whose
   * first request lists its values in order does without it (keiba: about 1 ms).
   */
  private get indexOfName(): Map<string, number> {
    if (this.nameIndex) return this.nameIndex;
    const index = new Map<string, number>();
    this.names.forEach((name, at) => {
      if (!index.has(name)) index.set(name, at);
      const trimmed = name.trim();
      if (!index.has(trimmed)) index.set(trimmed, at);
    });
    // Unnamed features also answer to the libraries' default names (as CSV headers do in the app).
    this.names.forEach((_, at) => {
      if (this.model.features[at]?.isNamed) return;
      for (const alias of [`f${at}`, `feature ${at}`, `feature_${at}`, `Column_${at}`]) {
        if (!index.has(alias)) index.set(alias, at);
      }
    });
    return (this.nameIndex = index);
  }

  private describeFeature(index: number): string {
    return `feature ${index} (${JSON.stringify(this.names[index])})`;
  }

  private featureList(): string {
    const shown = this.names.slice(0, 12).map((name) => JSON.stringify(name)).join(', ');
    return this.names.length > 12 ? `${shown}, … (${this.names.length} in all)` : shown;
  }

  /** The feature index of a name, or a 400 naming the unknown name. */
  featureIndex(name: string, where: string): number {
    const index = this.indexOfName.get(name) ?? this.indexOfName.get(name.trim());
    if (index === undefined) {
      const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
      throw new RequestError(400, 'E_UNKNOWN_FEATURE', `${where}: unknown feature ${JSON.stringify(shown)}; the model's features are ${this.featureList()}`);
    }
    return index;
  }

  /** One cell's text for a feature; `where` says which row for messages. */
  text(index: number, text: string, where: string, warnings: string[]): number {
    const result = this.readers[index](text);
    if (result.problem !== undefined) throw new RequestError(400, 'E_NOT_A_NUMBER', `${where}, ${this.describeFeature(index)}: ${result.problem}`);
    if (result.unknownLabel && warnings.length < 20) {
      warnings.push(`${where}, ${this.describeFeature(index)}: unknown category ${JSON.stringify(text)} read as missing`);
    }
    return result.value;
  }

  /** A JSON value for a feature: a number, null (missing), or text read like a CSV cell. */
  json(index: number, value: unknown, where: string, warnings: string[]): number {
    if (typeof value === 'number') return value;
    if (value === null) return NaN;
    if (typeof value === 'string') return this.text(index, value, where, warnings);
    throw new RequestError(400, 'E_NOT_A_NUMBER', `${where}, ${this.describeFeature(index)}: ${JSON.stringify(value)} is not a number`);
  }

  checkCount(count: number): void {
    if (count > this.limits.maxRows) {
      throw new RequestError(413, 'E_TOO_MANY_ROWS', `the request holds ${count} rows; this service takes at most ${this.limits.maxRows} per request`);
    }
  }

  checkLength(length: number, where: string): void {
    if (length !== this.numFeatures) {
      throw new RequestError(
        400,
        'E_FEATURE_COUNT',
        `${where} has ${length} value${length === 1 ? '' : 's'}; the model has ${this.numFeatures} feature${this.numFeatures === 1 ? '' : 's'} (${this.featureList()})`,
      );
    }
  }

  /** A positional row of texts (`features=1,2,3` or a CSV line). */
  textRow(cells: readonly string[], where: string, warnings: string[]): number[] {
    this.checkLength(cells.length, where);
    const row = new Array<number>(cells.length);
    for (let i = 0; i < cells.length; i++) row[i] = this.text(i, cells[i], where, warnings);
    return row;
  }

  /** A positional row of JSON values. */
  jsonRow(values: unknown, where: string, warnings: string[]): number[] {
    if (!Array.isArray(values)) throw new RequestError(400, 'E_BAD_REQUEST', `${where} must be an array of ${this.numFeatures} values, got ${typeof values === 'object' ? JSON.stringify(values)?.slice(0, 60) : typeof values}`);
    this.checkLength(values.length, where);
    const row = new Array<number>(values.length);
    for (let i = 0; i < values.length; i++) row[i] = this.json(i, values[i], where, warnings);
    return row;
  }

  /** A record `{name: value}`; features it does not name are missing. */
  recordRow(record: unknown, where: string, warnings: string[]): number[] {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new RequestError(400, 'E_BAD_REQUEST', `${where} must be an object of feature names to values`);
    }
    const row = new Array<number>(this.numFeatures).fill(NaN);
    for (const [name, value] of Object.entries(record)) {
      const index = this.featureIndex(name, where);
      row[index] = this.json(index, value, where, warnings);
    }
    return row;
  }

  /** `GET /predict?features=…` or `GET /predict?name=value&…` (already split into pairs). */
  query(pairs: [string, string][]): Rows {
    const warnings: string[] = [];
    const positional = pairs.filter(([name]) => name === 'features');
    const named = pairs.filter(([name]) => name !== 'features' && name !== 'explain');
    if (positional.length > 1) throw new RequestError(400, 'E_BAD_REQUEST', 'give `features` once (comma-separated values in feature order)');
    if (positional.length === 1 && named.length > 0) {
      throw new RequestError(400, 'E_BAD_REQUEST', `give either features=v1,v2,… or feature=value pairs, not both (got features and ${JSON.stringify(named[0][0])})`);
    }
    if (positional.length === 1) return { count: 1, values: [this.textRow(positional[0][1].split(','), 'features', warnings)], warnings };
    if (named.length === 0) {
      throw new RequestError(400, 'E_BAD_REQUEST', `no features given: use ?features=v1,v2,… (${this.numFeatures} values in feature order) or ?name=value&…`);
    }
    const row = new Array<number>(this.numFeatures).fill(NaN);
    const seen = new Set<number>();
    for (const [name, value] of named) {
      const index = this.featureIndex(name, 'query');
      if (seen.has(index)) throw new RequestError(400, 'E_BAD_REQUEST', `query: ${this.describeFeature(index)} is given twice`);
      seen.add(index);
      row[index] = this.text(index, value, 'query', warnings);
    }
    return { count: 1, values: [row], warnings };
  }

  /** A JSON body: `{"features": […]}`, `{"instances": [[…], …]}`, `{"records": [{…}, …]}`, or a bare array. */
  jsonBody(text: string): { rows: Rows; explain?: boolean } {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new RequestError(400, 'E_BAD_JSON', `the body is not valid JSON: ${(error as Error).message}`);
    }
    const warnings: string[] = [];
    if (Array.isArray(body)) {
      // A bare array: one row of values, or a list of rows.
      if (body.length > 0 && body.every((item) => Array.isArray(item))) return { rows: this.instances(body, warnings) };
      return { rows: { count: 1, values: [this.jsonRow(body, 'the body', warnings)], warnings } };
    }
    if (typeof body !== 'object' || body === null) {
      throw new RequestError(400, 'E_BAD_REQUEST', 'the body must be a JSON object with "features", "instances" or "records"');
    }
    const object = body as Record<string, unknown>;
    const keys = ['features', 'instances', 'records'].filter((key) => key in object);
    const unknown = Object.keys(object).filter((key) => key !== 'explain' && !keys.includes(key));
    if (keys.length !== 1 || unknown.length > 0) {
      const detail = unknown.length > 0 ? `unknown key ${JSON.stringify(unknown[0])}` : keys.length === 0 ? 'none given' : `got ${keys.join(' and ')}`;
      throw new RequestError(400, 'E_BAD_REQUEST', `the body must hold exactly one of "features", "instances" or "records" (${detail})`);
    }
    const explain = object.explain === undefined ? undefined : object.explain === true || object.explain === 1 || object.explain === '1';
    if (keys[0] === 'features') return { rows: { count: 1, values: [this.jsonRow(object.features, '"features"', warnings)], warnings }, explain };
    if (keys[0] === 'instances') {
      if (!Array.isArray(object.instances)) throw new RequestError(400, 'E_BAD_REQUEST', '"instances" must be an array of rows');
      return { rows: this.instances(object.instances, warnings), explain };
    }
    const records = object.records;
    if (!Array.isArray(records)) throw new RequestError(400, 'E_BAD_REQUEST', '"records" must be an array of objects');
    this.checkCount(records.length);
    const values = records.map((record, i) => this.recordRow(record, `records[${i}]`, warnings));
    return { rows: { count: values.length, values, warnings }, explain };
  }

  private instances(list: unknown[], warnings: string[]): Rows {
    this.checkCount(list.length);
    const values = list.map((row, i) => this.jsonRow(row, `instances[${i}]`, warnings));
    return { count: values.length, values, warnings };
  }

  /** A `text/csv` body: one row per line, an optional header of feature names. */
  csvBody(text: string): Rows {
    const warnings: string[] = [];
    const lines = text.split(/\r?\n/);
    let first = 0;
    while (first < lines.length && lines[first].trim() === '') first++;
    let mapping: number[] | undefined;
    const firstCells = first < lines.length ? splitCsvLine(lines[first], 1) : [];
    const isHeader = firstCells.some((cell) => this.indexOfName.has(cell.trim()) && parseNumberCell(cell) === undefined);
    if (isHeader) {
      mapping = firstCells.map((cell) => this.featureIndex(cell, 'CSV header'));
      first++;
    }
    const values: number[][] = [];
    for (let line = first; line < lines.length; line++) {
      if (lines[line].trim() === '') continue;
      if (values.length >= this.limits.maxRows) this.checkCount(values.length + 1);
      const where = `CSV line ${line + 1}`;
      const cells = splitCsvLine(lines[line], line + 1);
      if (!mapping) values.push(this.textRow(cells, where, warnings));
      else {
        if (cells.length !== mapping.length) {
          throw new RequestError(400, 'E_FEATURE_COUNT', `${where} has ${cells.length} values; the header has ${mapping.length} columns`);
        }
        const row = new Array<number>(this.numFeatures).fill(NaN);
        for (let i = 0; i < cells.length; i++) row[mapping[i]] = this.text(mapping[i], cells[i], where, warnings);
        values.push(row);
      }
    }
    if (values.length === 0) throw new RequestError(400, 'E_BAD_REQUEST', 'the CSV body holds no rows');
    return { count: values.length, values, warnings };
  }
}

const COMMA = 44;
const PERCENT = 37;

/** Splits one CSV line (RFC 4180 quotes; a quoted field cannot span lines here). */
export function splitCsvLine(line: string, lineNumber: number): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let i = 0;
  let isQuoted = false;
  while (i < line.length) {
    const char = line[i];
    if (isQuoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') isQuoted = false;
      else cell += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
    i++;
  }
  if (isQuoted) throw new RequestError(400, 'E_BAD_CSV', `CSV line ${lineNumber}: a quoted field is not closed`);
  cells.push(cell);
  return cells;
}

/** Splits a raw query string into decoded pairs; a malformed escape is a 400. */
export function parseQuery(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (query === '') return pairs;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals < 0 ? part : part.slice(0, equals);
    const rawValue = equals < 0 ? '' : part.slice(equals + 1);
    pairs.push([decode(rawName), decode(rawValue)]);
  }
  return pairs;
}

function decode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new RequestError(400, 'E_BAD_REQUEST', `the query holds a malformed escape: ${JSON.stringify(text.slice(0, 60))}`);
  }
}
