/**
 * The objective rules of FORMATS.md C.4 shared by the XGBoost readers: base margin (ProbToMargin),
 * output groups (tree i → class ⌊i/P⌋ mod K), transforms, and the guesses made for dumps that hold
 * no objective, base_score or num_class.
 */
import type { Feature, ImportWarning, OutputTransform, SourcePosition, Task, Tree, TreeModel, TreeNode } from '../../model/types';
import type { ParseOptions } from '../options';
import type { ModelHeader, PackedModel } from '../../model/packed';
import type { ForestBuilder } from '../../model/forestBuilder';
import { xgbError } from './xgboostModel';
import { addCategoricalFeatures } from '../../model/tree';

/** How an objective turns margins into predictions (FORMATS.md C.4, X-obj). */
export interface ObjectiveRules {
  task: Task;
  transform: OutputTransform;
  /** How base_score becomes the base margin. */
  link: 'logit' | 'log' | 'identity';
  isMulticlass: boolean;
  known: boolean;
}

const EXP_OBJECTIVES = new Set(['count:poisson', 'reg:gamma', 'reg:tweedie', 'survival:cox', 'survival:aft']);
const IDENTITY_REGRESSION = new Set([
  'reg:squarederror',
  'reg:linear',
  'reg:squaredlogerror',
  'reg:pseudohubererror',
  'reg:absoluteerror',
  'reg:quantileerror',
]);

/** The rules of one objective name. Unknown names read as identity regression with `known: false`. */
export function objectiveRules(objective: string): ObjectiveRules {
  switch (objective) {
    case 'binary:logistic':
      return { task: 'binary', transform: { kind: 'sigmoid', scale: 1 }, link: 'logit', isMulticlass: false, known: true };
    case 'reg:logistic':
      return { task: 'regression', transform: { kind: 'sigmoid', scale: 1 }, link: 'logit', isMulticlass: false, known: true };
    case 'binary:logitraw':
      // LogisticRaw inherits ProbToMargin from LogisticRegression: the base score is still a probability.
      return { task: 'binary', transform: { kind: 'identity' }, link: 'logit', isMulticlass: false, known: true };
    case 'binary:hinge':
      return { task: 'binary', transform: { kind: 'hinge' }, link: 'identity', isMulticlass: false, known: true };
    case 'multi:softprob':
      return { task: 'multiclass', transform: { kind: 'softmax' }, link: 'identity', isMulticlass: true, known: true };
    case 'multi:softmax':
      return { task: 'multiclass', transform: { kind: 'argmax' }, link: 'identity', isMulticlass: true, known: true };
  }
  if (EXP_OBJECTIVES.has(objective)) return { task: 'regression', transform: { kind: 'exp' }, link: 'log', isMulticlass: false, known: true };
  if (objective.startsWith('rank:')) return { task: 'ranking', transform: { kind: 'identity' }, link: 'identity', isMulticlass: false, known: true };
  return { task: 'regression', transform: { kind: 'identity' }, link: 'identity', isMulticlass: false, known: IDENTITY_REGRESSION.has(objective) };
}

/**
 * XGBoost's `ProbToMargin` in float32, as the library computes it: `-logf(1.0f/b - 1.0f)` for
 * logistic objectives, `logf(b)` for poisson/gamma/tweedie/cox/aft, `b` otherwise.
 */
export function baseMargin(baseScore: number, link: ObjectiveRules['link']): number {
  const score = Math.fround(baseScore);
  if (link === 'logit') return Math.fround(-Math.log(Math.fround(Math.fround(1 / score) - 1)));
  if (link === 'log') return Math.fround(Math.log(score));
  return score;
}

/**
 * Guesses the number of output groups of a dump that does not say. Multiclass models grow one tree
 * per class per round (tree i → class i mod K), and a class's trees look alike from round to round:
 * the same split features and thresholds. So tree i resembles tree i−K more than tree i−1. Each
 * tree is given as the set of its split tokens (`name<threshold`, or `leaf` for a single leaf); the
 * resemblance is their Jaccard index. Returns 1 when no period stands out.
 */
export function guessClassPeriod<T>(signatures: readonly (readonly T[])[]): number {
  const count = signatures.length;
  if (count < 6) return 1;
  const sets = signatures.map((tokens) => new Set(tokens));
  const similarity = (a: Set<T>, b: Set<T>): number => {
    let shared = 0;
    for (const token of a) if (b.has(token)) shared++;
    const union = a.size + b.size - shared;
    return union === 0 ? 1 : shared / union;
  };
  const score = (period: number): number => {
    let total = 0;
    for (let index = period; index < count; index++) total += similarity(sets[index], sets[index - period]);
    return total / (count - period);
  };
  const baseline = score(1);
  const scores: Array<[number, number]> = [];
  // At least three rounds, so one coincidence cannot make a period.
  for (let period = 2; period <= Math.min(Math.floor(count / 3), 100); period++) {
    if (count % period === 0) scores.push([period, score(period)]);
  }
  const best = Math.max(...scores.map(([, value]) => value), -1);
  if (best < 0.2 || best < baseline + 0.15) return 1;
  // Multiples of the true period score as well; take the smallest period that is nearly as good.
  return scores.find(([, value]) => value >= 0.85 * best)![0];
}

/** Everything a reader found besides its trees, handed to `finishHeader` (or, with the trees, to `finishModel`). */
export interface XgbHeaderParts {
  fileName: string;
  variant: string;
  /** How many trees the model has. */
  treeCount: number;
  /** Features some tree splits on by category: they become categorical features. */
  categoricalFeatures: Iterable<number>;
  features: Feature[];
  options: ParseOptions;
  warnings: ImportWarning[];
  metadata: Record<string, string>;
  /** Output group of each tree when the file says (model JSON `tree_info`). */
  groups?: number[];
  /** DART `weight_drop`. */
  weights?: number[];
  /** Model JSON only: what the file itself says; it wins over `options`. */
  file?: { objective: string; baseScores: number[]; numClass: number; numParallelTree: number };
  /** Split tokens of each tree (see `guessClassPeriod`; strings, or numbers standing for them), for guessing the class period of a dump. */
  signatures: readonly (readonly (string | number)[])[];
  /** Where the dump starts, for warnings about the whole dump. */
  position?: SourcePosition;
}

/** `XgbHeaderParts` with the trees as node objects (the dumps). */
export type XgbModelParts = Omit<XgbHeaderParts, 'treeCount' | 'categoricalFeatures'> & { trees: TreeNode[][] };

function classLabels(rules: ObjectiveRules, numClass: number): string[] | undefined {
  if (rules.isMulticlass) return Array.from({ length: numClass }, (_, index) => String(index));
  return rules.task === 'binary' ? ['0', '1'] : undefined;
}

/**
 * Applies the objective rules of FORMATS.md C.4 and builds the `TreeModel`. Dumps hold no objective,
 * base_score or num_class: values come from `options`, else they are guessed and every guess is a
 * warning and an entry in `assumptions`.
 */
export function finishModel(parts: XgbModelParts): TreeModel {
  const categoricalFeatures = new Set<number>();
  for (const nodes of parts.trees) addCategoricalFeatures(nodes, categoricalFeatures);
  const { header, outputIndex, weight } = finishHeader({ ...parts, treeCount: parts.trees.length, categoricalFeatures });
  const trees: Tree[] = parts.trees.map((nodes, index) => ({ index, outputIndex: outputIndex[index], weight: weight(index), nodes }));
  return { ...header, trees };
}

/**
 * The packed model of a reader that packed its trees before `finishHeader` settled what each adds
 * to: the builder's forest with each tree's output and weight set from `finished`.
 */
export function finishPacked(builder: ForestBuilder, finished: ReturnType<typeof finishHeader>): PackedModel {
  const forest = builder.finish();
  for (let tree = 0; tree < forest.treeCount; tree++) {
    forest.treeOutput[tree] = finished.outputIndex[tree];
    forest.treeWeight[tree] = finished.weight(tree);
  }
  return { header: finished.header, forest };
}

/**
 * `finishModel` for a reader that packs its trees itself (model JSON): the header, each tree's output
 * (`outputIndex`) and weight.
 */
export function finishHeader(parts: XgbHeaderParts): { header: ModelHeader; outputIndex: readonly number[]; weight: (tree: number) => number } {
  const { options, warnings, metadata, treeCount } = parts;
  const assumptions: TreeModel['assumptions'] = {};
  let objective: string;
  let numClass: number;
  let baseScores: number[];
  let numParallelTree = 1;

  if (parts.file) {
    objective = parts.file.objective;
    numClass = parts.file.numClass;
    baseScores = parts.file.baseScores;
    numParallelTree = parts.file.numParallelTree;
    for (const [key, given, stored] of [
      ['objective', options.objective, objective],
      ['base_score', options.baseScore, baseScores.join(',')],
      ['num_class', options.numClass, numClass],
    ] as const) {
      if (given !== undefined && String(given) !== String(stored)) {
        warnings.push({ code: 'W_XGB_OPTION_IGNORED', message: `The model file stores ${key} = ${stored}; the ${key} you gave (${given}) is ignored.` });
      }
    }
  } else {
    const period = guessClassPeriod(parts.signatures);
    if (options.objective) {
      objective = options.objective;
    } else {
      objective = period > 1 || (options.numClass ?? 0) > 1 ? 'multi:softprob' : 'reg:squarederror';
      warnings.push({
        code: 'W_XGB_NO_OBJECTIVE',
        message:
          options.numClass !== undefined && options.numClass > 1
            ? `XGBoost dumps do not store the objective; with ${options.numClass} classes it is read as multi:softprob (softmax). Give the real objective if this is wrong.`
            : period > 1
            ? `XGBoost dumps do not store the objective. The ${treeCount} trees repeat with a period of ${period}, as a ${period}-class model's do, so they are read as multi:softprob with ${period} classes (softmax). Give the real objective (and num_class) if this is wrong.`
            : `XGBoost dumps do not store the objective; read as ${objective} (margin = base score + sum of leaves, no transform). Give the real objective (binary:logistic, multi:softprob, count:poisson…) to get its predictions.`,
        position: parts.position,
      });
    }
    assumptions.objective = objective;
    const rules = objectiveRules(objective);
    numClass = 1;
    if (rules.isMulticlass) {
      numClass = options.numClass ?? period;
      if (numClass < 2) {
        throw xgbError(
          'E_PARSE_STRUCTURE',
          parts.fileName,
          `${objective} needs the number of classes, which XGBoost dumps do not store, and the ${treeCount} trees show no class period: give num_class.`,
        );
      }
      if (options.numClass === undefined && options.objective) {
        warnings.push({
          code: 'W_XGB_NO_NUM_CLASS',
          message: `XGBoost dumps do not store num_class; the trees repeat with a period of ${numClass}, so ${numClass} classes are assumed (tree i adds to class i mod ${numClass}). Give num_class if this is wrong.`,
          position: parts.position,
        });
      }
      assumptions.numClass = numClass;
    }
    if (options.baseScore !== undefined) {
      baseScores = [options.baseScore];
    } else {
      baseScores = [0.5];
      warnings.push({
        code: 'W_XGB_NO_BASE_SCORE',
        message:
          'XGBoost dumps do not store base_score; 0.5 is assumed (the default before XGBoost 2.0, which estimates it from the training labels). ' +
          'Margins are off by a constant unless you give the model’s base_score (learner_model_param.base_score in model.json).',
        position: parts.position,
      });
    }
    assumptions.baseScore = baseScores[0];
  }

  const rules = objectiveRules(objective);
  if (!rules.known) {
    warnings.push({ code: 'W_XGB_UNKNOWN_OBJECTIVE', message: `Unknown objective '${objective}': read as a regression with no output transform.` });
  }
  const numOutputs = rules.isMulticlass ? Math.max(numClass, 1) : 1;
  if (!parts.groups && treeCount % (numOutputs * numParallelTree) !== 0) {
    warnings.push({
      code: 'W_XGB_TREE_COUNT',
      message: `${treeCount} trees is not a whole number of rounds of ${numOutputs * numParallelTree} trees; the last round is incomplete.`,
    });
  }
  const groups = parts.groups ?? Array.from({ length: treeCount }, (_, index) => Math.floor(index / numParallelTree) % numOutputs);
  for (const feature of parts.categoricalFeatures) if (parts.features[feature]) parts.features[feature].kind = 'categorical';
  const margins = Array.from({ length: numOutputs }, (_, output) => baseMargin(baseScores[baseScores.length === 1 ? 0 : output], rules.link));

  metadata.objective = objective;
  metadata.baseScore = baseScores.join(', ');
  metadata.baseMargin = margins.join(', ');
  if (rules.isMulticlass) metadata.numClass = String(numOutputs);
  metadata.trees = String(treeCount);

  const header: ModelHeader = {
    format: 'xgboost',
    variant: parts.variant,
    fileName: parts.fileName,
    task: rules.task,
    objective,
    classes: classLabels(rules, numOutputs),
    features: parts.features,
    numOutputs,
    aggregation: { kind: 'sum', base: margins },
    transform: rules.transform,
    arithmetic: { input: 'float32', accumulate: 'float32' },
    assumptions,
    warnings,
    metadata,
  };
  return { header, outputIndex: groups, weight: (tree) => parts.weights?.[tree] ?? 1 };
}
