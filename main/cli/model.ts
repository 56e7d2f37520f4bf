import { decodeTextFile } from '../host/decodeText';
import { readFile } from 'node:fs/promises';
import { parsePackedModel, ModelParseError, type ParseOptions } from '../../app/formats';
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
 * the returned view makes a tree's node objects only when a command reads that tree.
 */
export async function loadModel(modelPath: string, options: ModelOptions): Promise<TreeModel> {
  const text = await readText(modelPath, 'model file');
  const { featureMapPath, featureNamesPath, ...rest } = options;
  const parseOptions: ParseOptions = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  if (featureMapPath !== undefined) parseOptions.featureMap = await readText(featureMapPath, 'feature map');
  const namesText = featureNamesPath === undefined ? undefined : await readText(featureNamesPath, 'feature names file');
  let packed;
  try {
    // The path as typed, so `file:line:column` in messages leads the user (and editors) to the file.
    packed = parsePackedModel(text, modelPath, parseOptions);
  } catch (error) {
    if (error instanceof ModelParseError) throw new CliFailure(EXIT.model, modelErrorLines(error));
    throw error;
  }
  if (featureNamesPath !== undefined && namesText !== undefined) packed = { ...packed, header: namedHeader(packed.header, namesText, featureNamesPath) };
  return viewOfPacked(packed);
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
