import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { CliFailure, EXIT } from './io';
import { describeIoError } from './model';

/**
 * Reads a whole CSV file as its header and data rows (blank lines skipped). A file that cannot be
 * read, has broken quoting or no header is a `CliFailure` with exit code 4, naming the file and row.
 */
export async function readCsvTable(path: string): Promise<{ header: string[]; body: string[][] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliFailure(EXIT.data, [`${path}: cannot read the data file: ${describeIoError(error)}`]);
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: 'greedy' });
  const syntax = parsed.errors.find((error) => error.type === 'Quotes');
  if (syntax) throw new CliFailure(EXIT.data, [`error E_DATA_CSV_SYNTAX: ${path}: row ${(syntax.row ?? 0) + 1}: ${syntax.message}`]);
  const [header, ...body] = parsed.data;
  if (!header) throw new CliFailure(EXIT.data, [`error E_DATA_EMPTY: ${path}: the file is empty; it needs a header row with the column names`]);
  return { header, body };
}
