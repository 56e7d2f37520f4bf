import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DataError } from '../../app/data/errors';
import { renderDiffHtml } from '../../app/diff/html';
import { diffPredictions, type PredictionDiff } from '../../app/diff/predictions';
import { diffReport, reportJson, reportText } from '../../app/diff/report';
import { readDiffRows } from '../../app/diff/rows';
import { diffStructure } from '../../app/diff/structural';
import { packModel } from '../../app/model/forestBuilder';
import type { PackedModel } from '../../app/model/packed';
import { MODEL_OPTIONS, modelOptions, UsageError, type ModelOptions } from './args';
import { readCsvTable } from './csvTable';
import { CliFailure, EXIT, type CliIo } from './io';
import { describeIoError, loadModel } from './model';

/** `--fail-on-change` and some row's prediction changed. */
export const EXIT_DIFF_CHANGED = 6;

export const DIFF_HELP = `Usage: splitscope diff OLD NEW [options]

Compares two versions of a model (any of the four formats, also two formats of the same model):
trees same, changed, added and removed (matched by position within each output), nodes whose
feature, threshold, missing side, category set or leaf value changed, model facts, feature
importance and import warnings. With --csv, scores the rows with both and compares the predictions.

  --csv ROWS.csv           rows to score with both models (a header of feature names)
  --label COLUMN           the label column of ROWS.csv: metrics of each side (never read as a feature)
  --tolerance T            non-classifiers: a row changed when |new − old| > T (default 0)
  --fail-on-change         exit 6 when any row's prediction changed (class for classifiers, > T otherwise)
  --json                   print the diff as one JSON object instead of text
  --report FILE.html       also write a self-contained HTML page of the diff
  --ignore-columns A,B     CSV columns that are features of neither model (an id); repeatable
  --ignore-unknown-columns skip every CSV column that is a feature of neither model
  --format, --objective, --base-score, --num-class, --feature-map, --feature-names, --learning-rate,
  --spark-ensemble, --legacy-rf   as for splitscope predict; they apply to both files

Exit codes: 0 ok, 2 usage, 3 model file (the message says old or new), 4 CSV file,
6 --fail-on-change and some row's prediction changed.
`;

const OPTIONS = {
  ...MODEL_OPTIONS,
  csv: { type: 'string' },
  label: { type: 'string' },
  tolerance: { type: 'string' },
  'fail-on-change': { type: 'boolean' },
  json: { type: 'boolean' },
  report: { type: 'string' },
  'ignore-columns': { type: 'string', multiple: true },
  'ignore-unknown-columns': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

interface DiffCommand {
  oldPath: string;
  newPath: string;
  model: ModelOptions;
  csvPath?: string;
  label?: string;
  tolerance: number;
  failOnChange: boolean;
  json: boolean;
  reportPath?: string;
  ignoreColumns: string[];
  ignoreUnknownColumns: boolean;
}

function parseDiffArgs(argv: readonly string[]): DiffCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 2) throw new UsageError(`diff: expected the OLD and NEW model files, got ${positionals.length} file${positionals.length === 1 ? '' : 's'}`);
  let tolerance = 0;
  if (values.tolerance !== undefined) {
    tolerance = Number(values.tolerance);
    if (values.tolerance.trim() === '' || !(tolerance >= 0) || !Number.isFinite(tolerance)) throw new UsageError(`diff: --tolerance must be a number ≥ 0, got ${JSON.stringify(values.tolerance)}`);
  }
  if (values.label !== undefined && values.csv === undefined) throw new UsageError('diff: --label needs --csv');
  if (values['fail-on-change'] && values.csv === undefined) throw new UsageError('diff: --fail-on-change needs --csv ROWS.csv (the rows whose predictions must not change)');
  return {
    oldPath: positionals[0],
    newPath: positionals[1],
    model: modelOptions(values),
    csvPath: values.csv,
    label: values.label,
    tolerance,
    failOnChange: values['fail-on-change'] === true,
    json: values.json === true,
    reportPath: values.report,
    ignoreColumns: (values['ignore-columns'] ?? []).flatMap((list) => list.split(',')).filter((name) => name !== ''),
    ignoreUnknownColumns: values['ignore-unknown-columns'] === true,
  };
}

/** Loads one side; a failure names the side before the file's own error (code, line, column). */
async function loadSide(path: string, side: 'old' | 'new', options: ModelOptions): Promise<PackedModel> {
  try {
    return packModel(await loadModel(path, options));
  } catch (error) {
    if (error instanceof CliFailure) throw new CliFailure(error.exitCode, [`${side} model: ${error.lines[0]}`, ...error.lines.slice(1)]);
    throw error;
  }
}

async function predictionDiff(command: DiffCommand, oldModel: PackedModel, newModel: PackedModel): Promise<PredictionDiff> {
  const path = command.csvPath!;
  const { header, body } = await readCsvTable(path);
  try {
    const rows = readDiffRows(header, body, path, oldModel.header, newModel.header, {
      labelColumn: command.label,
      ignoreColumns: command.ignoreColumns,
      ignoreUnknownColumns: command.ignoreUnknownColumns,
      sideNames: { old: `old model (${command.oldPath})`, new: `new model (${command.newPath})` },
    });
    return diffPredictions(oldModel, newModel, rows, { tolerance: command.tolerance });
  } catch (error) {
    if (error instanceof DataError) throw new CliFailure(EXIT.data, [`error ${error.info.code}: ${error.info.message}`]);
    throw error;
  }
}

/** Writes the report beside its final name, then renames it, so a failed run never leaves half a page. */
async function writeReport(path: string, html: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, html, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new CliFailure(EXIT.unexpected, [`${path}: cannot write the report: ${describeIoError(error)}`]);
  }
}

/**
 * `splitscope diff OLD NEW [--csv ROWS] [--json] [--report FILE.html] [--fail-on-change] [--tolerance T]`.
 * Wire it in run.ts as `case 'diff': return runDiffCommand(argv.slice(1), io)`.
 */
export async function runDiffCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseDiffArgs(argv);
  if (command === 'help') {
    io.stdout.write(DIFF_HELP);
    return EXIT.ok;
  }
  const oldModel = await loadSide(command.oldPath, 'old', command.model);
  const newModel = await loadSide(command.newPath, 'new', command.model);
  const structural = diffStructure(oldModel, newModel);
  const predictions = command.csvPath !== undefined ? await predictionDiff(command, oldModel, newModel) : undefined;
  const side = (path: string, model: PackedModel) => ({ file: path, format: model.header.format, variant: model.header.variant, trees: model.forest.treeCount });
  const report = diffReport(side(command.oldPath, oldModel), side(command.newPath, newModel), structural, predictions);
  if (command.reportPath !== undefined) await writeReport(command.reportPath, renderDiffHtml(report));
  io.stdout.write(command.json ? reportJson(report) + '\n' : reportText(report));
  if (command.failOnChange && predictions && predictions.rows.predictionChanged > 0) {
    io.stderr.write(`splitscope diff: ${predictions.rows.predictionChanged} of ${predictions.rows.compared} rows changed their prediction (--fail-on-change)\n`);
    return EXIT_DIFF_CHANGED;
  }
  return EXIT.ok;
}
