import { decodeTextFile } from '../host/decodeText';
import { readFile } from 'node:fs/promises';
import { ModelParseError, type ParseOptions } from '../../app/formats';
import { parseModelFile, summarizeModelFile } from '../host/modelFile';
import type { ModelSummary } from '../../app/model/tree';
import { viewOfPacked } from '../../app/model/modelView';
import type { TreeModel } from '../../app/model/types';
import type { ModelHeader } from '../../app/model/packed';
import { applyFeatureNames, readFeatureNames } from '../../app/model/featureNames';
import type { ModelOptions } from './args';
import { CliFailure, EXIT } from './io';

async function readText(path: string, what: string): Promise<string> {
  try {
    return decodeTextFile(await readFile(path));
  } catch (error) {
    throw new CliFailure(EXIT.model, [`${path}: cannot read the ${what}: ${describeIoError(error)}`]);
  }
}

/** `no such file or directory` rather than Node's `ENOENT: no such file or directory, open '…'`. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return (code && known[code]) ?? (error as Error).message;
}

/** The message lines of a model error: the message, then the offending line with a caret under the column. */
export function modelErrorLines(error: ModelParseError): string[] {
  const { info } = error;
  const lines = [`error ${info.code}: ${info.message}`];
  if (info.sourceLine !== undefined) {
    const shown = info.sourceLine.length > 160 ? `${info.sourceLine.slice(0, 160)}…` : info.sourceLine;
    lines.push(`  ${shown}`);
    const column = info.position?.column;
    if (column !== undefined && column >= 1 && column <= shown.length + 1) {
      // Keep tabs so the caret lines up with the source line as the terminal shows it.
      lines.push(`  ${shown.slice(0, column - 1).replace(/[^\t]/g, ' ')}^`);
    }
  }
  return lines;
}

/**
 * Reads and parses a model file with the command-line options. Any failure becomes a `CliFailure`
 * with exit code 3, worded with file, line and column. The model is packed (`app/model/packed.ts`);
 * the returned view makes a tree's node objects only when a command reads that tree. `keepsDetails`
 * false leaves out node statistics and source positions (`ParseOptions.keepsDetails`): for scoring.
 */
export async function loadModel(modelPath: string, options: ModelOptions, keepsDetails = true): Promise<TreeModel> {
  const { parseOptions, names } = await readModelOptions(options);
  if (!keepsDetails) parseOptions.keepsDetails = false;
  // The path as typed, so `file:line:column` in messages leads the user (and editors) to the file.
  // Read a piece at a time: a LightGBM model.txt is never held whole (`parseModelFile`).
  let packed = withModelErrors(modelPath, () => parseModelFile(modelPath, modelPath, parseOptions).model);
  if (names) packed = { ...packed, header: namedHeader(packed.header, names.text, names.path) };
  return viewOfPacked(packed);
}

/**
 * The header and overview figures of a model file (`splitscope inspect` without `--json`): a
 * LightGBM model.txt is summarised as it is read, so memory does not grow with the model
 * (`summarizeModelFile`). Failures as `loadModel`.
 */
export async function loadModelSummary(modelPath: string, options: ModelOptions): Promise<{ header: ModelHeader; summary: ModelSummary }> {
  const { parseOptions, names } = await readModelOptions(options);
  const { header, summary } = withModelErrors(modelPath, () => summarizeModelFile(modelPath, modelPath, parseOptions));
  return { header: names ? namedHeader(header, names.text, names.path) : header, summary };
}

/** The parse options of the command line, with the feature map read, and the feature names file's text. */
async function readModelOptions(options: ModelOptions): Promise<{ parseOptions: ParseOptions; names?: { text: string; path: string } }> {
  const { featureMapPath, featureNamesPath, ...rest } = options;
  const parseOptions: ParseOptions = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  if (featureMapPath !== undefined) parseOptions.featureMap = await readText(featureMapPath, 'feature map');
  if (featureNamesPath === undefined) return { parseOptions };
  return { parseOptions, names: { text: await readText(featureNamesPath, 'feature names file'), path: featureNamesPath } };
}

/** Runs a read of the model file, turning a model error or a file that cannot be read into exit 3. */
function withModelErrors<T>(modelPath: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ModelParseError) throw new CliFailure(EXIT.model, modelErrorLines(error));
    if ((error as NodeJS.ErrnoException).code !== undefined) throw new CliFailure(EXIT.model, [`${modelPath}: cannot read the model file: ${describeIoError(error)}`]);
    throw error;
  }
}

/**
 * `--feature-names FILE`: the header named from a CSV header, an XGBoost feature map or one name per
 * line, as the app's *Name features…* reads them; a problem names the file and its line (exit 3).
 */
function namedHeader(header: ModelHeader, text: string, path: string): ModelHeader {
  if (header.features.some((feature) => feature.isNamed)) {
    throw new CliFailure(EXIT.model, [`error E_NAMES_MODEL_NAMED: --feature-names ${path}: ${header.fileName} names its own features; only a file without names can be named`]);
  }
  const result = readFeatureNames(text, path, header.features.length);
  if (!result.ok) throw new CliFailure(EXIT.model, [`error ${result.error.code}: ${result.error.message}`]);
  return applyFeatureNames(header, result.names);
}
