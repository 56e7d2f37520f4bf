import type { TreeModel } from '../model/types';
import { packModel } from '../model/forestBuilder';
import type { ModelHeader, PackedModel } from '../model/packed';
import { applyFeatureNames } from '../model/featureNames';
import { detectFormat, type DumpKind } from './detect';
import { ModelParseError } from './errors';
import type { ParseOptions } from './options';
import { parseSparkText, readSparkPacked } from './spark/sparkAdapter';
import { parseSklearnText } from './sklearn/sklearnAdapter';
import { parseLightgbmText, parseLightgbmJson } from './lightgbm/lightgbmAdapter';
import { readLightgbmPieces, readLightgbmTextPacked, summarizeLightgbmPieces } from './lightgbm/textModel';
import { readLightgbmJsonPacked } from './lightgbm/jsonModel';
import { summarizeModel, type ModelSummary } from '../model/tree';
import type { TextPieces } from './lightgbm/lineTokens';
import { parseXgboostText, parseXgboostJsonDump, parseXgboostModelJson, readXgboostTextPacked } from './xgboost/xgboostAdapter';
import { readXgboostJsonDumpPacked, readXgboostModelJsonPacked } from './xgboost/xgboostJson';

export type { ParseOptions } from './options';
export type { TextPieces } from './lightgbm/lineTokens';
export { ModelParseError, type ModelErrorInfo, type ModelErrorCode } from './errors';
export { detectFormat, type Detection, type DumpKind } from './detect';

type Adapter = (text: string, fileName: string, options: ParseOptions) => TreeModel;

const ADAPTERS: Record<Exclude<DumpKind, 'dot'>, Adapter> = {
  'spark-text': parseSparkText,
  'sklearn-text': parseSklearnText,
  'lightgbm-text': parseLightgbmText,
  'lightgbm-json': parseLightgbmJson,
  'xgboost-text': parseXgboostText,
  'xgboost-json-dump': parseXgboostJsonDump,
  'xgboost-model-json': parseXgboostModelJson,
};

const TEXT_KIND_OF_FORMAT = {
  spark: 'spark-text',
  sklearn: 'sklearn-text',
  lightgbm: 'lightgbm-text',
  xgboost: 'xgboost-text',
} as const;

/**
 * Reads a model dump of any supported library into the IR. The format is recognised from the
 * content unless `options.format` forces it. Throws `ModelParseError` with a stable code and, where
 * it applies, line and column.
 */
export function parseModelText(text: string, fileName: string, options: ParseOptions = {}): TreeModel {
  const source = recognise(text, fileName, options);
  return ADAPTERS[source.kind](source.text, fileName, options);
}

/** Adapters that pack as they read (one tree at a time), by kind; the others pack their `TreeModel`. */
const PACKING_ADAPTERS: Partial<Record<Exclude<DumpKind, 'dot'>, (text: string, fileName: string, options: ParseOptions) => PackedModel>> = {
  'lightgbm-text': readLightgbmTextPacked,
  'lightgbm-json': readLightgbmJsonPacked,
  'xgboost-model-json': readXgboostModelJsonPacked,
  'xgboost-text': readXgboostTextPacked,
  'xgboost-json-dump': readXgboostJsonDumpPacked,
  'spark-text': readSparkPacked,
};

/** The text as the adapters read it (no BOM, LF line ends) and the kind of dump it is; throws when it is none. */
function recognise(text: string, fileName: string, options: ParseOptions): { text: string; kind: Exclude<DumpKind, 'dot'> } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Classic Mac line ends (CR only): every reader here splits lines at LF.
  if (text.indexOf('\n') < 0 && text.indexOf('\r') >= 0) text = text.replace(/\r/g, '\n');
  const detected = detectFormat(text);
  let kind: DumpKind | undefined = detected?.kind;
  if (options.format && detected?.format !== options.format) kind = TEXT_KIND_OF_FORMAT[options.format];
  if (kind === 'dot') {
    throw new ModelParseError({
      code: 'E_PARSE_UNSUPPORTED',
      fileName,
      position: { line: detected!.line, column: 1 },
      detail:
        'this is a Graphviz DOT drawing, not a model dump: its thresholds are rounded for display. ' +
        'Export the model as text instead (LightGBM model.txt, XGBoost dump_model, scikit-learn export_text, Spark toDebugString).',
    });
  }
  if (!kind) {
    throw new ModelParseError({
      code: 'E_FORMAT_UNKNOWN',
      fileName,
      position: { line: 1, column: 1 },
      detail:
        'not a recognised tree-model dump: expected a LightGBM model.txt (`tree` line), an XGBoost dump ' +
        '(`booster[0]:`), a scikit-learn export_text (`|--- `) or a Spark toDebugString (`DecisionTreeModel …`).' +
        (text.includes('\u0000') ? ' The text holds NUL characters: it may be a binary file or text in an encoding other than UTF-8 or UTF-16.' : ''),
    });
  }
  return { text, kind };
}

/**
 * Reads a model dump of any supported library into the packed form (`app/model/packed.ts`), the
 * form the evaluator, the bridge and the bundles use. Errors as `parseModelText`.
 */
export function parsePackedModel(text: string, fileName: string, options: ParseOptions = {}): PackedModel {
  const source = recognise(text, fileName, options);
  const packing = PACKING_ADAPTERS[source.kind];
  return named(packing ? packing(source.text, fileName, options) : packModel(ADAPTERS[source.kind](source.text, fileName, options), options.keepsDetails ?? true), fileName, options);
}

/**
 * As `parsePackedModel`, for a file read a piece at a time: `first` (the start of the file, a few MB,
 * ending anywhere), then the pieces of `rest`, `textLength` characters in all at most (the file's
 * size). A LightGBM model.txt is read as the pieces come, so the file is never one string and its
 * text is let go tree by tree; `expectedNodes` (from `countNodes` over the file) sizes its columns
 * once. Every other format, and a file whose start does not show its format, is joined and read
 * whole. Same models and the same errors as `parsePackedModel` on the joined text.
 */
export function parsePackedPieces(first: string, rest: TextPieces, textLength: number, fileName: string, options: ParseOptions = {}, expectedNodes = 0): PackedModel {
  if (first.charCodeAt(0) === 0xfeff) first = first.slice(1);
  if (readsInPieces(first, options)) return named(readLightgbmPieces(first, rest, textLength, fileName, options, expectedNodes), fileName, options);
  return parsePackedModel(joined(first, rest), fileName, options);
}

/**
 * The header and overview figures (`summarizeModel`) of a model file read a piece at a time, as
 * `parsePackedPieces` reads it. A LightGBM model.txt is summarised a batch of trees at a time and
 * never held whole (`summarizeLightgbmPieces`): what `splitscope inspect` prints, in memory that does
 * not grow with the model. Same errors as `parsePackedPieces`.
 */
export function summarizePieces(first: string, rest: TextPieces, textLength: number, fileName: string, options: ParseOptions = {}): { header: ModelHeader; summary: ModelSummary } {
  if (first.charCodeAt(0) === 0xfeff) first = first.slice(1);
  if (readsInPieces(first, options)) {
    const { header, summary } = summarizeLightgbmPieces(first, rest, textLength, fileName, options);
    return { header: namedHeader(header, fileName, options), summary };
  }
  const model = parsePackedModel(joined(first, rest), fileName, options);
  return { header: model.header, summary: summarizeModel(model) };
}

/**
 * Whether a file whose text starts with `first` is read as its pieces come (a LightGBM model.txt),
 * not joined: what `parsePackedPieces` and `summarizePieces` decide, for callers that prepare for it
 * (a size pre-scan, a first-tree preview).
 */
export function readsInPieces(first: string, options: ParseOptions): boolean {
  // Whole lines only: a line cut at the end of `first` might read as a format's signature.
  const start = first.charCodeAt(0) === 0xfeff ? 1 : 0;
  const detected = detectFormat(first.slice(start, first.lastIndexOf('\n') + 1));
  return (
    detected?.kind === 'lightgbm-text' &&
    (options.format === undefined || options.format === 'lightgbm') &&
    // Classic Mac line ends are rewritten on the whole text (`recognise`).
    (first.indexOf('\n') >= 0 || first.indexOf('\r') < 0)
  );
}

function joined(first: string, rest: TextPieces): string {
  const pieces = [first];
  for (let piece = rest.next(); piece !== undefined; piece = rest.next()) pieces.push(piece);
  return pieces.join('');
}

/** The model with the feature names the caller gave (`options.featureNames`), if any. */
function named(packed: PackedModel, fileName: string, options: ParseOptions): PackedModel {
  return options.featureNames ? { ...packed, header: namedHeader(packed.header, fileName, options) } : packed;
}

function namedHeader(header: ModelHeader, fileName: string, options: ParseOptions): ModelHeader {
  if (!options.featureNames) return header;
  try {
    return applyFeatureNames(header, options.featureNames);
  } catch (error) {
    throw new ModelParseError({ code: 'E_FEATURE_NAMES', fileName, detail: `the feature names given do not fit: ${(error as Error).message}` });
  }
}
