import type { Feature, ImportWarning, OutputTransform, SourcePosition, Task, Tree, TreeModel } from '../../model/types';
import type { ParseOptions } from '../options';
import { addCategoricalFeatures } from '../../model/tree';
import type { ModelHeader } from '../../model/packed';
import { parseLightgbmNumber } from './numbers';

/** What the header, the parameters and the footer of a LightGBM model say (text and JSON alike). */
export interface LightgbmHeader {
  /** `version=` (`v2`, `v3`, `v4`); absent in files from LightGBM ≤ 2.0.11. */
  version?: string;
  numClass: number;
  numTreePerIteration: number;
  labelIndex?: number;
  maxFeatureIndex: number;
  /** The objective line as written (`binary sigmoid:1`); absent for custom objectives. */
  objective?: string;
  averageOutput: boolean;
  featureNames?: string[];
  featureInfos?: string[];
  monotoneConstraints?: string;
  /** `[key: value]` lines of the parameters block, in order. */
  parameters: [string, string][];
  featureImportances: string[];
  parserConfig?: string;
  /** The parsed `pandas_categorical:` JSON. */
  pandasCategorical?: unknown;
  /** Where the header starts (for warnings). */
  position?: SourcePosition;
}

/** How a LightGBM objective turns raw scores into predictions (FORMATS.md B.5). */
interface ObjectiveInfo {
  transform: OutputTransform;
  task: Task;
  /** Number of classes for classifiers. */
  classCount?: number;
  known: boolean;
}

const SQUARE_ROOT_OBJECTIVES = new Set(['regression', 'regression_l1', 'fair', 'quantile', 'mape']);
const EXPONENTIAL_OBJECTIVES = new Set(['poisson', 'gamma', 'tweedie']);
const RANKING_OBJECTIVES = new Set(['lambdarank', 'rank_xendcg']);

/** Reads `name key:value … [sqrt]` as LightGBM's `ObjectiveFunction::CreateObjectiveFunction(str)` does. */
export function objectiveInfo(objective: string, numClass: number): ObjectiveInfo {
  const tokens = objective.trim().split(/\s+/);
  const name = tokens[0];
  const parameters = new Map<string, string>();
  for (const token of tokens.slice(1)) {
    const colon = token.indexOf(':');
    if (colon > 0) parameters.set(token.slice(0, colon), token.slice(colon + 1));
  }
  const hasSquareRoot = tokens.slice(1).includes('sqrt');
  const sigmoid = parameters.has('sigmoid') ? parseLightgbmNumber(parameters.get('sigmoid')!) : 1;
  const classCount = parameters.has('num_class') ? Number(parameters.get('num_class')) : numClass;
  if (name === 'binary') return { transform: { kind: 'sigmoid', scale: sigmoid }, task: 'binary', classCount: 2, known: true };
  if (name === 'multiclass') return { transform: { kind: 'softmax' }, task: 'multiclass', classCount, known: true };
  if (name === 'multiclassova') return { transform: { kind: 'sigmoidEach', scale: sigmoid }, task: 'multiclass', classCount, known: true };
  // cross_entropy predicts a probability in [0, 1] (labels may be fractional); xentlambda does not.
  if (name === 'cross_entropy') return { transform: { kind: 'sigmoid', scale: 1 }, task: 'binary', classCount: 2, known: true };
  if (name === 'cross_entropy_lambda') return { transform: { kind: 'log1pExp' }, task: 'regression', known: true };
  if (EXPONENTIAL_OBJECTIVES.has(name)) return { transform: { kind: 'exp' }, task: 'regression', known: true };
  // The L1, fair, quantile and MAPE objectives inherit the L2 `sqrt` handling; huber switches it off.
  if (SQUARE_ROOT_OBJECTIVES.has(name)) {
    return { transform: hasSquareRoot ? { kind: 'signedSquare' } : { kind: 'identity' }, task: 'regression', known: true };
  }
  if (name === 'huber') return { transform: { kind: 'identity' }, task: 'regression', known: true };
  if (RANKING_OBJECTIVES.has(name)) return { transform: { kind: 'identity' }, task: 'ranking', known: true };
  return { transform: { kind: 'identity' }, task: 'regression', known: false };
}

/** `[min:max]` → range; `a:b:c` → categories; `none` → nothing. */
function readFeatureInfo(info: string | undefined): Pick<Feature, 'trainingRange' | 'trainingCategories'> & { isCategorical: boolean } {
  if (info === undefined || info === 'none' || info === '') return { isCategorical: false };
  if (info.charCodeAt(0) === 91 /* [ */ && info.charCodeAt(info.length - 1) === 93 /* ] */) {
    const colon = info.indexOf(':');
    const min = parseLightgbmNumber(info.slice(1, colon));
    const max = parseLightgbmNumber(info.slice(colon + 1, -1));
    return colon < 0 || Number.isNaN(min) || Number.isNaN(max) ? { isCategorical: false } : { trainingRange: { min, max }, isCategorical: false };
  }
  const categories = info.split(':').map(Number);
  return categories.every(Number.isInteger) ? { trainingCategories: categories, isCategorical: true } : { isCategorical: false };
}

/** Indices of the categorical features, from `[categorical_feature: …]` or else from `feature_infos`. */
function categoricalFeatureOrder(header: LightgbmHeader, features: Feature[]): number[] {
  const parameter = header.parameters.find(([key]) => key === 'categorical_feature')?.[1].trim();
  if (parameter && /^\d+(,\d+)*$/.test(parameter)) {
    return parameter.split(',').map(Number).filter((index) => index < features.length);
  }
  return features.filter((feature) => feature.kind === 'categorical').map((feature) => feature.index);
}

/** Applies `pandas_categorical` (L-py): the i-th list labels the codes of the i-th categorical feature. */
function applyPandasCategorical(header: LightgbmHeader, features: Feature[], warnings: ImportWarning[]): void {
  const lists = header.pandasCategorical;
  if (lists === undefined || lists === null) return;
  if (!Array.isArray(lists) || !lists.every(Array.isArray)) {
    warnings.push({ code: 'W_LGB_PANDAS_CATEGORICAL', message: 'pandas_categorical is not a list of lists; category labels are not shown.' });
    return;
  }
  if (lists.length === 0) return;
  const order = categoricalFeatureOrder(header, features);
  if (order.length !== lists.length) {
    warnings.push({
      code: 'W_LGB_PANDAS_CATEGORICAL',
      message: `pandas_categorical has ${lists.length} lists but the model has ${order.length} categorical features; labels are given in order to the first ${Math.min(order.length, lists.length)}.`,
    });
  }
  lists.slice(0, order.length).forEach((labels: unknown[], position) => {
    const feature = features[order[position]];
    feature.kind = 'categorical';
    feature.categoryLabels = labels.map((label) => (typeof label === 'string' ? label : JSON.stringify(label)));
  });
}

/** The features of the model: names, kinds, training ranges and categories, pandas labels. */
function buildFeatures(header: LightgbmHeader, categoricalFeatures: ReadonlySet<number>, warnings: ImportWarning[]): Feature[] {
  const count = header.maxFeatureIndex + 1;
  const features: Feature[] = [];
  for (let index = 0; index < count; index++) {
    const written = header.featureNames?.[index];
    // `Column_<i>` is the name LightGBM makes up when the data had none.
    const isNamed = written !== undefined && written !== `Column_${index}`;
    const info = readFeatureInfo(header.featureInfos?.[index]);
    const feature: Feature = { index, name: written ?? `Column_${index}`, isNamed, kind: info.isCategorical ? 'categorical' : 'numeric' };
    if (info.trainingRange) feature.trainingRange = info.trainingRange;
    if (info.trainingCategories) feature.trainingCategories = info.trainingCategories;
    features.push(feature);
  }
  for (const feature of categoricalFeatures) features[feature].kind = 'categorical';
  applyPandasCategorical(header, features, warnings);
  return features;
}

/** Header facts worth showing, as strings. */
function buildMetadata(header: LightgbmHeader, source: string): Record<string, string> {
  const metadata: Record<string, string> = { source };
  metadata.version = header.version ?? 'none (LightGBM ≤ 2.0.11)';
  metadata.numClass = String(header.numClass);
  metadata.numTreePerIteration = String(header.numTreePerIteration);
  if (header.labelIndex !== undefined) metadata.labelIndex = String(header.labelIndex);
  metadata.maxFeatureIndex = String(header.maxFeatureIndex);
  if (header.objective !== undefined) metadata.objective = header.objective;
  if (header.averageOutput) metadata.averageOutput = 'true';
  if (header.monotoneConstraints !== undefined) metadata.monotoneConstraints = header.monotoneConstraints;
  const boosting = header.parameters.find(([key]) => key === 'boosting')?.[1];
  if (boosting) metadata.boosting = boosting;
  if (header.featureImportances.length) metadata.featureImportances = header.featureImportances.join('\n');
  if (header.parameters.length) metadata.parameters = header.parameters.map(([key, value]) => `${key}: ${value}`).join('\n');
  if (header.parserConfig !== undefined) metadata.parserConfig = header.parserConfig;
  return metadata;
}

/**
 * Builds the IR from a LightGBM header and its trees (FORMATS.md B.1, B.5): output per tree
 * (t mod num_tree_per_iteration), sum aggregation with `average_output`, the objective's transform,
 * classes, features and metadata.
 */
export function assembleModel(options: {
  header: LightgbmHeader;
  trees: Tree[];
  fileName: string;
  source: string;
  parseOptions: ParseOptions;
  warnings: ImportWarning[];
}): TreeModel {
  const { trees, ...rest } = options;
  const categoricalFeatures = new Set<number>();
  for (const tree of trees) {
    tree.outputIndex = outputOfTree(tree.index, options.header);
    addCategoricalFeatures(tree.nodes, categoricalFeatures);
  }
  return { ...assembleHeader({ ...rest, treeCount: trees.length, categoricalFeatures }), trees };
}

/** The output (class) tree `index` adds to: trees cycle through the outputs, one per iteration. */
export function outputOfTree(index: number, header: LightgbmHeader): number {
  return index % header.numTreePerIteration;
}

/**
 * The model's facts besides its trees, from the header, the footer and two facts about the trees
 * (how many, and which features their categorical splits test), so a reader that packs trees one
 * at a time never holds them all.
 */
export function assembleHeader(options: {
  header: LightgbmHeader;
  treeCount: number;
  categoricalFeatures: ReadonlySet<number>;
  fileName: string;
  source: string;
  parseOptions: ParseOptions;
  warnings: ImportWarning[];
}): ModelHeader {
  const { header, fileName, parseOptions, warnings } = options;
  const outputs = header.numTreePerIteration;
  const { treeCount } = options;

  const parameterObjective = header.parameters.find(([key]) => key === 'objective')?.[1];
  const boosting = header.parameters.find(([key]) => key === 'boosting')?.[1];
  let info: ObjectiveInfo;
  let objective: string;
  if (header.objective !== undefined) {
    objective = header.objective;
    info = objectiveInfo(header.objective, header.numClass);
    if (!info.known) {
      warnings.push({
        code: 'W_LGB_UNKNOWN_OBJECTIVE',
        message: `Unknown objective '${header.objective.split(/\s+/)[0]}': predictions are the raw scores, which may not be what LightGBM returns.`,
        position: header.position,
      });
    }
  } else {
    // A custom (callable) objective writes no objective line, and LightGBM then predicts raw scores.
    objective = parameterObjective ? `${parameterObjective} (from parameters; no objective line)` : 'custom (no objective line)';
    const fromParameters = parameterObjective ? objectiveInfo(parameterObjective, header.numClass) : undefined;
    info = { transform: { kind: 'identity' }, task: fromParameters?.task === 'ranking' ? 'ranking' : 'regression', known: false };
    warnings.push({
      code: 'W_LGB_NO_OBJECTIVE',
      message: `The model has no objective line (a custom objective${parameterObjective ? `; the parameters say '${parameterObjective}'` : ''}): LightGBM predicts raw scores for it, and so does Splitscope.`,
      position: header.position,
    });
  }

  const iterations = Math.floor(treeCount / outputs);
  if (treeCount % outputs !== 0) {
    warnings.push({
      code: 'W_LGB_TREE_COUNT',
      message: `${treeCount} trees is not a whole number of iterations of ${outputs} trees; LightGBM predicts with the first ${iterations * outputs} only.`,
    });
  }
  const assumptions: TreeModel['assumptions'] = {};
  let transform = info.transform;
  if (header.averageOutput) {
    const legacy = parseOptions.lightgbmLegacyRf ?? false;
    assumptions.lightgbmLegacyRf = legacy;
    if (legacy) {
      transform = { kind: 'identity' };
    } else if (header.version === 'v2' && transform.kind !== 'identity') {
      warnings.push({
        code: 'W_LGB_LEGACY_RF',
        message:
          'This v2 random-forest model (average_output) may come from LightGBM ≤ 2.2.2, which stored already transformed leaf values ' +
          'and did not transform the average. It is read with the rule of LightGBM ≥ 2.2.3 (average, then ' +
          `${transform.kind}); if predictions look wrong, reopen it with the legacy random-forest option.`,
        position: header.position,
      });
    }
  }

  const features = buildFeatures(header, options.categoricalFeatures, warnings);
  const classCount = info.classCount;
  const metadata = buildMetadata(header, options.source);
  return {
    format: 'lightgbm',
    variant: `LightGBM ${options.source}${header.version ? ` ${header.version}` : ''}${boosting ? ` (${boosting})` : header.averageOutput ? ' (rf)' : ''}`,
    fileName,
    task: info.task,
    objective,
    classes: classCount !== undefined ? Array.from({ length: classCount }, (_, index) => String(index)) : undefined,
    features,
    numOutputs: outputs,
    aggregation: header.averageOutput
      ? { kind: 'sum', base: new Array<number>(outputs).fill(0), averageOver: iterations }
      : { kind: 'sum', base: new Array<number>(outputs).fill(0) },
    transform,
    // LightGBM's row readers (CLI, Python, C API) drop |x| ≤ kZeroThreshold as zeros before predicting.
    arithmetic: { input: 'float64', accumulate: 'float64', zeroTinyInputs: true },
    assumptions,
    warnings,
    metadata,
  };
}
