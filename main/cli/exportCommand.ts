import { EXPORT_TARGETS, TARGETS, type ExportTarget } from '../../app/export/targets';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createCellReader } from '../../app/data/cells';
import { matchColumns } from '../../app/data/columns';
import { unusedColumnsLine } from './predict';
import { DataError } from '../../app/data/errors';
import type { TreeModel } from '../../app/model/types';
import { exportBundle, type ExportResult } from '../export';
import { fidelityStatement } from '../../app/export/result';
import { resolveUserPath } from '../paths';
import { loadModel } from './model';
import { readCsvTable } from './csvTable';
import { CliFailure, EXIT, type CliIo } from './io';
import { MODEL_OPTIONS, modelOptions, oneOf, UsageError, type ModelOptions } from './args';

/**
 * `splitscope export MODEL --target TARGET --out DIR [--csv ROWS.csv] [--force]` (targets: app/export/targets.ts)
 *
 * Writes a deployable service bundle and proves it with the bundle's own selftest. Exit codes:
 * 0 ok, 2 usage, 3 model file, 4 data file (the --csv rows), 5 export failed: the folder is not
 * empty (without --force), the selftest found a row where the bundle differs from the app, or the
 * bundle could not be written or checked. Wire it in run.ts as `case 'export': return runExportCommand(argv.slice(1), io)`.
 */
export const EXIT_EXPORT = 5;

const TARGET_LINES = EXPORT_TARGETS.map((target) => `    ${target.padEnd(21)}${TARGETS[target].title}: ${TARGETS[target].detail}`).join('\n');

export const EXPORT_HELP = `Usage: splitscope export MODEL --target ${EXPORT_TARGETS.join('|')} --out DIR [options]

Writes a deployable prediction service for MODEL into DIR and checks it: the bundle's own
selftest scores golden rows and must match the app bit for bit.

  --target TARGET          one of:
${TARGET_LINES}
  --out DIR                the bundle folder (created; must be empty unless --force)
  --csv ROWS.csv           golden rows from your data (header of feature names) instead of generated ones
  --ignore-columns A,B     CSV columns that are not features (a label, an id)
  --ignore-unknown-columns skip every CSV column that is not a feature
  --strict-columns         a column matched by name that is not a feature is an error (default: skipped, named on stderr)
  --force                  write into a non-empty folder (files of an earlier export are replaced)
  --format, --objective, --base-score, --num-class, --feature-map, --feature-names, --learning-rate,
  --spark-ensemble, --legacy-rf   as for splitscope predict
  --python PATH            the Python that runs a Python bundle's selftest (default: $SPLITSCOPE_PYTHON, else python3)

Exit codes: 0 ok, 2 usage, 3 model file, 4 CSV file, 5 export failed (folder not empty, selftest mismatch).
`;

const OPTIONS = {
  ...MODEL_OPTIONS,
  target: { type: 'string' },
  out: { type: 'string', short: 'o' },
  csv: { type: 'string' },
  force: { type: 'boolean' },
  python: { type: 'string' },
  'ignore-columns': { type: 'string', multiple: true },
  'ignore-unknown-columns': { type: 'boolean' },
  'strict-columns': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

interface ExportCommand {
  modelPath: string;
  model: ModelOptions;
  target: ExportTarget;
  outDir: string;
  csvPath?: string;
  ignoreColumns: string[];
  ignoreUnknownColumns: boolean;
  strictColumns: boolean;
  force: boolean;
  python?: string;
}

function parseExportArgs(argv: readonly string[]): ExportCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'export: missing the MODEL file' : `export: expected one MODEL file, got ${positionals.length}`);
  if (values.target === undefined) throw new UsageError(`export: missing --target ${EXPORT_TARGETS.join('|')}`);
  const target = oneOf('target', values.target, EXPORT_TARGETS)!;
  if (values.out === undefined) throw new UsageError('export: missing --out DIR (the bundle folder)');
  return {
    modelPath: positionals[0],
    model: modelOptions(values),
    target,
    outDir: values.out,
    csvPath: values.csv,
    ignoreColumns: (values['ignore-columns'] ?? []).flatMap((list) => list.split(',')).filter((name) => name !== ''),
    ignoreUnknownColumns: values['ignore-unknown-columns'] === true,
    strictColumns: values['strict-columns'] === true,
    force: values.force === true,
    python: values.python,
  };
}

/** Reads the CSV's rows in feature order, as the scoring code matches columns (exit 4 on any problem). */
async function readRows(command: ExportCommand, model: TreeModel, io: CliIo): Promise<number[][]> {
  const path = command.csvPath!;
  const { header, body } = await readCsvTable(path);
  try {
    const mapping = matchColumns(header, model.features, path, {
      ignoreColumns: command.ignoreColumns,
      ignoreUnknownColumns: command.ignoreUnknownColumns,
      strictColumns: command.strictColumns,
    });
    const skipped = unusedColumnsLine(header, mapping.skippedColumns, command.ignoreColumns);
    if (skipped) io.stderr.write(skipped + '\n');
    const readers = model.features.map((feature) => createCellReader(feature));
    return body.map((cells, index) => {
      const rowNumber = index + 2;
      if (cells.length !== header.length) {
        throw new DataError({ code: 'E_DATA_ROW_LENGTH', fileName: path, row: rowNumber, detail: `${cells.length} cells; the header has ${header.length}` });
      }
      return mapping.featureColumns.map((column, feature) => {
        const result = readers[feature](cells[column]);
        if (result.problem) throw new DataError({ code: 'E_DATA_VALUE', fileName: path, row: rowNumber, column: header[column], detail: result.problem });
        return result.value;
      });
    });
  } catch (error) {
    if (error instanceof DataError) throw new CliFailure(EXIT.data, [`error ${error.info.code}: ${error.info.message}`]);
    throw error;
  }
}

function reportLines(result: ExportResult): string[] {
  if (result.status === 'ok') {
    const { selftest } = result;
    const rows = `${selftest.rows} ${selftest.source === 'csv' ? 'rows from the CSV' : 'generated rows'}`;
    return [
      `splitscope: wrote a ${result.target} bundle to ${result.folder} (${result.files.length} files; ${result.sizes.entryFile} bytes of ${result.fidelity ? 'model.onnx' : 'service code'}, model ${result.checksum})`,
      result.fidelity
        ? `splitscope: fidelity (${rows} in ONNX Runtime, ${Math.round(selftest.millis)} ms): ${fidelityStatement(result.fidelity)}`
        : `splitscope: selftest passed: ${rows} scored by the bundle matched the app bit for bit (${selftest.requests} requests, ${selftest.millis} ms)`,
      'next:',
      ...result.nextCommands.map((command) => `  ${command}`),
    ];
  }
  const lines = [`splitscope: error ${result.code}: ${result.message}`];
  if (result.mismatch) lines.push(`  input row: ${JSON.stringify(result.mismatch.input)}`);
  if (result.code === 'E_EXPORT_FOLDER_NOT_EMPTY') lines.push('  add --force to write into it anyway (files of an earlier export are replaced, others kept)');
  return lines;
}

/**
 * Runs `splitscope export` with the arguments after `export`. Returns the exit code; never throws.
 * Usage errors print the message and a pointer to `splitscope export --help` (exit 2).
 */
export async function runExportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let command: ExportCommand | 'help';
  try {
    command = parseExportArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`splitscope: ${error.message}\nTry 'splitscope export --help'.\n`);
    return EXIT.usage;
  }
  if (command === 'help') {
    io.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  try {
    const model = await loadModel(command.modelPath, command.model);
    const rows = command.csvPath !== undefined ? await readRows(command, model, io) : undefined;
    const result = await exportBundle({
      model,
      target: command.target,
      outDir: resolveUserPath(command.outDir),
      rows,
      overwrite: command.force,
      // A bare name (python3) is looked up on PATH; a path is the user's, relative to where they ran the command.
      python: command.python?.includes('/') ? resolveUserPath(command.python) : command.python,
    });
    if (result.status === 'ok') {
      io.stdout.write(reportLines(result).join('\n') + '\n');
      return EXIT.ok;
    }
    io.stderr.write(reportLines(result).join('\n') + '\n');
    if (result.code === 'E_EXPORT_ROWS') return EXIT.data;
    if (result.code === 'E_EXPORT_MODEL') return EXIT.model;
    return EXIT_EXPORT;
  } catch (error) {
    if (error instanceof CliFailure) {
      for (const line of error.lines) io.stderr.write(`${line}\n`);
      return error.exitCode;
    }
    io.stderr.write(`splitscope: unexpected failure (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.unexpected;
  }
}
