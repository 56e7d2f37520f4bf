import type { ParserRuleContext, Token } from 'antlr4ng';
import { countProblem } from '../limits';
import { SparkTreeLexer } from '../../../grammar/generated/SparkTree/SparkTreeLexer';
import {
  EnsembleContext,
  MlEnsembleHeaderContext,
  MlKeyValueHeaderContext,
  MllibEnsembleHeaderContext,
  MllibTreeHeaderContext,
  MlTreeHeaderContext,
  SingleTreeContext,
  SparkTreeParser,
  type BodyContext,
  type ConditionContext,
  type HeaderContext,
  type NodeItemContext,
  type NodeItemsContext,
} from '../../../grammar/generated/SparkTree/SparkTreeParser';
import { ForestBuilder } from '../../model/forestBuilder';
import { unpackModel } from '../../model/materialize';
import { FLAG_IN_SET_LEFT, FLAG_MATCH_EXACT, MISSING_COMPARE, MISSING_SHIFT, NODE_CATEGORICAL, NODE_NUMERIC, type ModelHeader, type PackedModel } from '../../model/packed';
import type { Feature, ImportWarning, SourcePosition, TreeModel } from '../../model/types';
import { parseWithGrammar } from '../antlr';
import { detectFormat } from '../detect';
import { ModelParseError, sourceLineAt } from '../errors';
import type { ParseOptions } from '../options';
import { SparkTokenSource } from './sparkTokens';

type SparkApi = 'mllib' | 'ml';
type SparkKind = 'tree' | 'forest' | 'gbt' | 'ensemble';

/** What the header says. Counts are only checks: hand-made files lie about them. */
interface SparkHeader {
  api: SparkApi;
  kind: SparkKind;
  isClassifier: boolean;
  className: string;
  generation: string;
  depth?: number;
  numNodes?: number;
  numTrees?: number;
  numClasses?: number;
  numFeatures?: number;
  uid?: string;
}

/** A parsed condition of an `If`/`Else` line. */
interface Condition {
  feature: number;
  kind: '<=' | '>' | 'in' | 'not in';
  threshold?: number;
  categories?: number[];
}

const ML_CLASS_INFO: Record<string, { kind: SparkKind; isClassifier: boolean }> = {
  DecisionTreeClassificationModel: { kind: 'tree', isClassifier: true },
  DecisionTreeRegressionModel: { kind: 'tree', isClassifier: false },
  RandomForestClassificationModel: { kind: 'forest', isClassifier: true },
  RandomForestRegressionModel: { kind: 'forest', isClassifier: false },
  GBTClassificationModel: { kind: 'gbt', isClassifier: true },
  GBTRegressionModel: { kind: 'gbt', isClassifier: false },
};

function positionOf(token: Token | null | undefined, lineOffset: number): SourcePosition | undefined {
  return token ? { line: token.line + lineOffset, column: token.column + 1 } : undefined;
}

function tokenNumber(token: Token | null | undefined): number {
  // Java's Double.toString output (and `NaN`, `Infinity`) are all valid JavaScript number literals.
  return Number(token!.text);
}

function readHeader(context: HeaderContext): SparkHeader {
  if (context instanceof MllibTreeHeaderContext) {
    const [depth, nodes] = context.INT().map((token) => Number(token.getText()));
    const isClassifier = context.taskWord().getText() === 'classifier';
    return { api: 'mllib', kind: 'tree', isClassifier, className: 'DecisionTreeModel', generation: 'RDD API', depth, numNodes: nodes };
  }
  if (context instanceof MllibEnsembleHeaderContext) {
    const counts = context.INT().map((token) => Number(token.getText()));
    const className = context._ensembleWord!.text!;
    const isClassifier = context.taskWord().getText() === 'classifier';
    return {
      api: 'mllib',
      kind: className === 'RandomForestModel' ? 'forest' : 'ensemble',
      isClassifier,
      className,
      generation: className === 'RandomForestModel' ? 'RDD API, Spark 1.1' : 'RDD API',
      numTrees: counts[0],
      numNodes: counts[1],
    };
  }
  if (context instanceof MlTreeHeaderContext || context instanceof MlEnsembleHeaderContext) {
    const className = context.mlClass().getText();
    const uid = context.uid()?.word().getText();
    const counts = context instanceof MlTreeHeaderContext ? context.INT().map((token) => Number(token.getText())) : [];
    return {
      api: 'ml',
      ...ML_CLASS_INFO[className],
      className,
      generation: uid ? 'spark.ml, Spark 1.6–2.4 header' : 'spark.ml, Spark 1.4/1.5 header',
      uid,
      depth: counts[0],
      numNodes: counts[1],
      numTrees: context instanceof MlEnsembleHeaderContext ? Number(context.INT().getText()) : undefined,
    };
  }
  const keyValues = context as MlKeyValueHeaderContext;
  const className = keyValues.mlClass().getText();
  const values = new Map<string, string>();
  for (const pair of keyValues.keyValue()) {
    const [key, word] = pair.word();
    values.set(key.getText(), (pair.number() ?? word).getText());
  }
  const integer = (key: string) => (values.has(key) ? Number(values.get(key)) : undefined);
  return {
    api: 'ml',
    ...ML_CLASS_INFO[className],
    className,
    generation: 'spark.ml, Spark 3.x header',
    uid: values.get('uid'),
    depth: integer('depth'),
    numNodes: integer('numNodes'),
    numTrees: integer('numTrees'),
    numClasses: integer('numClasses'),
    numFeatures: integer('numFeatures'),
  };
}

function readCondition(context: ConditionContext): Condition {
  const feature = tokenNumber(context._feature);
  const operator = context._operator!.text!;
  if (operator === '<=' || operator === '>') return { feature, kind: operator, threshold: tokenNumber(context._threshold) };
  const categories = context._categories!._categories.map(tokenNumber);
  return { feature, kind: operator === 'in' ? 'in' : 'not in', categories };
}

/**
 * A condition as printed, for messages: its tokens without the white space the grammar skips (what
 * `getText()` gives on a built tree; the body is parsed without one).
 */
function conditionText(context: ConditionContext): string {
  const start = context.start!;
  return start.inputStream!.getTextFromRange(start.start, context.stop!.stop).replace(/[ \t\r\n]+/g, '');
}

/** What reads the body while it is parsed (`SparkParser.reader`). */
interface BodyReader {
  /** An item, once the parser has finished it without an error. */
  item(tree: NodeItemsContext, item: NodeItemContext): void;
  /** A tree, once the parser has finished all its items without an error. */
  endTree(tree: NodeItemsContext): void;
}

/**
 * The generated parser, building the parse tree for the header only: trees with 10^5 nodes have ~10^6
 * tokens, and a tree node per token costs more than the parse. The body is read through labels, each
 * item as the parser finishes it (`reader`); the items are then dropped from their tree's list, so an
 * item's context and tokens are garbage at once instead of being kept until the whole file is read.
 */
class SparkParser extends SparkTreeParser {
  reader: BodyReader | undefined;

  override body(): BodyContext {
    this.buildParseTrees = false;
    try {
      return super.body();
    } finally {
      this.buildParseTrees = true;
    }
  }

  // Returns only when the item parsed without an error (an error throws out of it, in both passes).
  override nodeItem(): NodeItemContext {
    const item = super.nodeItem();
    const tree = this.context as NodeItemsContext;
    this.reader?.item(tree, item);
    // The items before this one are read: only the last one stays listed (the generated rule adds it next).
    tree._items.length = 0;
    return item;
  }

  override nodeItems(): NodeItemsContext {
    const tree = super.nodeItems();
    this.reader?.endTree(tree);
    return tree;
  }
}

function sameCategories(a: number[], b: number[]): boolean {
  const sortedA = [...a].sort((x, y) => x - y);
  const sortedB = [...b].sort((x, y) => x - y);
  return sortedA.length === sortedB.length && sortedA.every((value, index) => Object.is(value, sortedB[index]));
}

/** What the model's checks need of a tree once it is read. */
interface TreeSummary {
  nodeCount: number;
  depth: number;
  maxFeature: number;
  categoricalFeatures: Set<number>;
  /** Every leaf predicts a class index (0.0, 1.0, …). */
  leavesAreClassIndices: boolean;
  /** The largest class index a leaf predicts, −1 for none. */
  maxClass: number;
  /** The first leaf that cannot be a classifier's prediction: not a class index, or one beyond what the file can describe. */
  badLeaf?: { position: SourcePosition | undefined; detail: string };
}

/** A split whose subtrees are not complete yet. */
interface OpenSplit {
  /** Its local id (pre-order index) in the tree. */
  id: number;
  depth: number;
  ifCondition: Condition;
  line: number;
  /** Its `Else` was read: the items now read are its right subtree. */
  inRight: boolean;
}

/**
 * Reads one tree's flat run of `If` / `Else` / `Predict` items (pre-order, so node ids equal Spark's
 * pre-order node index) straight into the packed forest's rows, one item at a time: no node object
 * is made, so a single decision tree of 10^5 nodes costs its rows and no more. Open splits are an
 * explicit stack, so any depth costs memory in proportion to the file, never call stack. A split's
 * right child is set when its `Else` is read. An item out of place is refused at its line and column.
 */
class TreeBuilder {
  private readonly open: OpenSplit[] = [];
  private isAwaitingElse = false;
  private isComplete = false;
  private nodeCount = 0;
  private readonly summary: TreeSummary = { nodeCount: 0, depth: 0, maxFeature: -1, categoricalFeatures: new Set(), leavesAreClassIndices: true, maxClass: -1 };

  constructor(
    private readonly forest: ForestBuilder,
    private readonly fail: (context: ParserRuleContext, detail: string) => never,
    /** An item out of place (what the grammar checked while it nested items itself): E_PARSE_SYNTAX. */
    private readonly syntax: (context: ParserRuleContext, detail: string) => never,
    private readonly lineOffset: number,
    private readonly textLength: number,
  ) {
    forest.beginTree(0, 1);
  }

  add(item: NodeItemContext): void {
    const open = this.open;
    const kind = item._kind!.text!;
    if (this.isComplete) this.syntax(item, `expected 'Tree' or the end of the file after a complete tree, found '${kind}'`);
    if (this.isAwaitingElse) {
      const split = open[open.length - 1];
      if (kind !== 'Else') this.syntax(item, `expected 'Else' for the 'If' at line ${split.line}, found '${kind}'`);
      const elseCondition = readCondition(item._test!);
      this.checkNegation(split.ifCondition, elseCondition, item._test!);
      split.inRight = true;
      this.forest.setRightChild(split.id, this.nodeCount);
      this.isAwaitingElse = false;
      return;
    }
    if (kind === 'Else') this.syntax(item, `expected 'If' or 'Predict', found an 'Else' without its 'If'`);
    const id = this.nodeCount++;
    const depth = open.length > 0 ? open[open.length - 1].depth + 1 : 0;
    const summary = this.summary;
    if (depth > summary.depth) summary.depth = depth;
    const start = item.start!;
    const line = start.line + this.lineOffset;
    const column = start.column + 1;
    if (kind === 'If') {
      const test = item._test!;
      const ifCondition = readCondition(test);
      const feature = ifCondition.feature;
      const isNumeric = ifCondition.kind === '<=';
      if (!isNumeric && ifCondition.kind !== 'in') {
        this.fail(test, `expected the left branch to test 'feature N <= T' or 'feature N in {…}', found '${conditionText(test)}'`);
      }
      if (feature > summary.maxFeature) {
        const problem = countProblem(feature + 1, 'feature count', this.textLength);
        if (problem) this.fail(test, `feature ${feature}: ${problem}`);
        summary.maxFeature = feature;
      }
      if (isNumeric) {
        // NaN goes right, as in Spark: `NaN <= t` is false.
        this.forest.addRow(NODE_NUMERIC, MISSING_COMPARE << MISSING_SHIFT, feature, id + 1, -1, ifCondition.threshold!, id, undefined, undefined, undefined, undefined, undefined, line, column);
      } else {
        const categories = [...new Set(ifCondition.categories!)].sort((a, b) => a - b);
        summary.categoricalFeatures.add(feature);
        this.forest.addRow(NODE_CATEGORICAL, FLAG_IN_SET_LEFT | FLAG_MATCH_EXACT, feature, id + 1, -1, 0, id, categories, undefined, undefined, undefined, undefined, line, column);
      }
      open.push({ id, depth, ifCondition, line, inRight: false });
      return;
    }
    const value = tokenNumber(item._value);
    this.forest.addPlainLeaf(id, value, undefined, { line, column });
    this.noteLeaf(value, line, column);
    // A leaf ends a subtree: close every split whose right subtree it ended, up to one still waiting for its Else.
    while (open.length > 0 && open[open.length - 1].inRight) open.pop();
    if (open.length > 0) this.isAwaitingElse = true;
    else this.isComplete = true;
  }

  /** The tree's items are all read: refuses a tree that stops inside a split, at its last item. */
  finish(tree: NodeItemsContext): TreeSummary {
    if (!this.isComplete) {
      const last = tree._items[tree._items.length - 1];
      const split = this.open[this.open.length - 1];
      this.syntax(last, `the tree ends here, before ${this.isAwaitingElse ? `the 'Else' of the 'If' at line ${split.line}` : `the subtree the 'If' at line ${split.line} needs`}`);
    }
    this.forest.endTree();
    this.summary.nodeCount = this.nodeCount;
    return this.summary;
  }

  /** What a classifier's checks need of a leaf's prediction. */
  private noteLeaf(value: number, line: number, column: number): void {
    const summary = this.summary;
    if (!(Number.isInteger(value) && value >= 0)) {
      summary.leavesAreClassIndices = false;
      summary.badLeaf ??= { position: { line, column }, detail: `a classifier's leaf predicts a class index (0.0, 1.0, …), found ${value}` };
      return;
    }
    // One far beyond the file would size the class list by a number in the file.
    const problem = countProblem(value + 1, `predicted class ${value}: class count`, this.textLength);
    if (problem) summary.badLeaf ??= { position: { line, column }, detail: problem };
    else if (value > summary.maxClass) summary.maxClass = value;
  }

  private checkNegation(ifCondition: Condition, elseCondition: Condition, context: ConditionContext): void {
    const expected = ifCondition.kind === '<=' ? '>' : 'not in';
    const matches =
      elseCondition.feature === ifCondition.feature &&
      elseCondition.kind === expected &&
      (expected === '>'
        ? Object.is(elseCondition.threshold, ifCondition.threshold)
        : sameCategories(elseCondition.categories!, ifCondition.categories!));
    if (!matches) {
      this.fail(context, `the Else condition must negate its If condition (feature ${ifCondition.feature} ${expected} …), found '${conditionText(context)}'`);
    }
  }
}

/**
 * Spark `toDebugString` (MLlib and spark.ml, every header generation) → IR.
 * Prediction rules: FORMATS.md A.4. What the dump cannot reproduce is stated in warnings.
 */
export function parseSparkText(text: string, fileName: string, options: ParseOptions): TreeModel {
  return unpackModel(readSparkPacked(text, fileName, options));
}

/**
 * `parseSparkText` into the packed form: each item goes into the packed rows as the parser finishes
 * it (`TreeBuilder`), so no node object is made for any tree.
 */
export function readSparkPacked(text: string, fileName: string, options: ParseOptions): PackedModel {
  const detected = detectFormat(text);
  const startLine = detected?.kind === 'spark-text' ? detected.line : 1;
  let startIndex = 0;
  for (let line = 1; line < startLine; line++) startIndex = text.indexOf('\n', startIndex) + 1;
  const lineOffset = startLine - 1;
  const warnings: ImportWarning[] = [];
  if (startLine > 1 && text.slice(0, startIndex).trim() !== '') {
    warnings.push({ code: 'W_WRAPPER_TEXT', message: `Skipped ${startLine - 1} line(s) of text before the Spark header.`, position: { line: 1, column: 1 } });
  }

  const failWith = (code: 'E_PARSE_STRUCTURE' | 'E_PARSE_SYNTAX', context: ParserRuleContext, detail: string): never => {
    const position = positionOf(context.start, lineOffset)!;
    throw new ModelParseError({
      code,
      fileName,
      format: 'spark',
      position,
      sourceLine: sourceLineAt(text, position.line),
      detail,
    });
  };
  const fail = (context: ParserRuleContext, detail: string): never => failWith('E_PARSE_STRUCTURE', context, detail);
  const syntax = (context: ParserRuleContext, detail: string): never => failWith('E_PARSE_SYNTAX', context, detail);

  // Each pass of the grammar reads the trees as it goes; the first problem in file order is kept and
  // thrown once the whole text has parsed, so a syntax error anywhere, and the header's checks below,
  // still come first.
  // The tree being read, the trees packed so far (in file order) and what the checks need of each.
  let builders = new Map<NodeItemsContext, TreeBuilder>();
  let packed = new ForestBuilder(options.keepsDetails ?? true);
  let summaries = new Map<NodeItemsContext, TreeSummary>();
  let problem: { error: unknown } | undefined;
  const builderOf = (tree: NodeItemsContext): TreeBuilder => {
    let builder = builders.get(tree);
    if (!builder) {
      builder = new TreeBuilder(packed, fail, syntax, lineOffset, text.length);
      builders.set(tree, builder);
    }
    return builder;
  };
  const reader: BodyReader = {
    item(tree, item) {
      if (problem) return;
      try {
        builderOf(tree).add(item);
      } catch (error) {
        problem = { error };
      }
    },
    endTree(tree) {
      if (problem) return;
      try {
        // Each tree's weight is known once the whole body is read (the end of readSparkPacked).
        summaries.set(tree, builderOf(tree).finish(tree));
        builders.delete(tree);
      } catch (error) {
        problem = { error };
      }
    },
  };
  const modelContext = parseWithGrammar({
    text: text.slice(startIndex),
    fileName,
    format: 'spark',
    createLexer: (input) => new SparkTreeLexer(input),
    createParser: (tokens) => new SparkParser(tokens),
    createTokenSource: (body) => new SparkTokenSource(body),
    entry: (parser) => {
      builders = new Map();
      packed = new ForestBuilder(options.keepsDetails ?? true);
      summaries = new Map();
      problem = undefined;
      parser.reader = reader;
      return parser.model();
    },
    lineOffset,
    originalText: text,
  });

  const header = readHeader(modelContext.header());
  const body = modelContext._content!;
  if (body instanceof SingleTreeContext) {
    if (header.kind !== 'tree') fail(body, `expected 'Tree 0' blocks after an ensemble header (${header.className})`);
  } else if (header.kind === 'tree') {
    fail(body, `expected a single tree after a ${header.className} header, found 'Tree' blocks`);
  }
  if (problem) throw problem.error;
  // The trees in file order (the order they were packed in), with their printed weights.
  const trees: TreeSummary[] = [];
  const weights: number[] = [];
  const printedWeights: number[] = [];
  if (body instanceof SingleTreeContext) {
    trees.push(summaries.get(body._root!)!);
    weights.push(1);
  } else {
    for (const member of (body as EnsembleContext)._trees) {
      const weight = member._weight ? tokenNumber(member._weight) : undefined;
      if (weight !== undefined) printedWeights.push(weight);
      trees.push(summaries.get(member._tree!)!);
      weights.push(weight ?? 1);
    }
  }
  let maxFeature = -1;
  let hasCategorical = false;
  for (const tree of trees) {
    maxFeature = Math.max(maxFeature, tree.maxFeature);
    hasCategorical ||= tree.categoricalFeatures.size > 0;
  }

  // Header counts are checks only (hand-written "Spark" files are common): warn, never fail.
  let nodeCount = 0;
  let depth = 0;
  for (const tree of trees) {
    nodeCount += tree.nodeCount;
    if (tree.depth > depth) depth = tree.depth;
  }
  if (header.kind === 'tree' && header.numNodes !== undefined && (header.numNodes !== nodeCount || header.depth !== depth)) {
    warnings.push({
      code: 'W_HEADER_MISMATCH',
      message: `The header says depth ${header.depth} with ${header.numNodes} nodes, but the body has depth ${depth} with ${nodeCount} nodes; the body is used.`,
      position: { line: startLine, column: 1 },
    });
  }
  if (header.numTrees !== undefined && header.numTrees !== trees.length) {
    warnings.push({
      code: 'W_HEADER_MISMATCH',
      message: `The header says ${header.numTrees} trees, but the body has ${trees.length}; the body is used.`,
      position: { line: startLine, column: 1 },
    });
  }

  const failAt = (position: SourcePosition | undefined, detail: string): never => {
    throw new ModelParseError({ code: 'E_PARSE_STRUCTURE', fileName, format: 'spark', position, sourceLine: position && sourceLineAt(text, position.line), detail });
  };
  for (const [what, count] of [['numFeatures', header.numFeatures], ['numClasses', header.numClasses]] as const) {
    const problem = count === undefined ? undefined : countProblem(count, `the header's ${what}`, text.length);
    if (problem) failAt({ line: startLine, column: 1 }, problem);
  }
  const numFeatures = Math.max(header.numFeatures ?? 0, maxFeature + 1);
  const features: Feature[] = Array.from({ length: numFeatures }, (_, index) => ({
    index,
    name: `feature ${index}`,
    isNamed: false,
    kind: 'numeric',
  }));
  for (const tree of trees) for (const feature of tree.categoricalFeatures) features[feature].kind = 'categorical';

  // Decide how trees combine (FORMATS.md A.4).
  let kind = header.kind;
  const assumptions: TreeModel['assumptions'] = {};
  if (kind === 'ensemble') {
    // MLlib prints `TreeEnsembleModel` for both random forests and GBTs.
    const guessed = options.sparkEnsemble ?? (header.isClassifier && trees.every((tree) => tree.leavesAreClassIndices) ? 'rf' : header.isClassifier ? 'gbt' : 'rf');
    kind = guessed === 'gbt' ? 'gbt' : 'forest';
    assumptions.sparkEnsemble = guessed;
    if (!options.sparkEnsemble) {
      warnings.push({
        code: 'W_SPARK_ENSEMBLE_KIND',
        message: `MLlib prints 'TreeEnsembleModel' for random forests and gradient-boosted trees alike; read as ${guessed === 'gbt' ? 'GBT (weighted sum)' : 'random forest (vote/average)'}. Override with --spark-ensemble rf|gbt.`,
        position: { line: startLine, column: 1 },
      });
    }
  }
  if (kind === 'gbt' && header.api === 'mllib') {
    const learningRate = options.learningRate ?? 0.1;
    assumptions.learningRate = learningRate;
    weights.forEach((_, index) => (weights[index] = index === 0 ? 1 : learningRate));
    warnings.push({
      code: 'W_SPARK_GBT_WEIGHTS',
      message: `MLlib does not print GBT tree weights: assumed 1.0 for tree 0 and the learning rate ${learningRate} for the others${options.learningRate === undefined ? ' (Spark’s default; override with --learning-rate)' : ''}.`,
    });
  }
  if (header.api === 'ml' && hasCategorical) {
    warnings.push({
      code: 'W_SPARK_UNSEEN_CATEGORY',
      message: 'spark.ml routes categories outside the training range by a flag the dump does not print; such values are sent right here (in set → left, otherwise right).',
    });
  }
  if (header.api === 'ml' && kind === 'forest' && header.isClassifier) {
    warnings.push({
      code: 'W_SPARK_SOFT_VOTE',
      message: 'spark.ml random forests vote with each leaf’s class distribution, which the dump does not print; a majority vote over the printed predictions is used, which can differ on close calls.',
    });
  }

  let maxClass = -1;
  if (header.isClassifier && kind !== 'gbt') {
    for (const tree of trees) {
      if (tree.badLeaf) failAt(tree.badLeaf.position, tree.badLeaf.detail);
      maxClass = Math.max(maxClass, tree.maxClass);
    }
  }
  const numClasses = header.isClassifier ? Math.max(header.numClasses ?? 2, maxClass + 1, 2) : 0;
  const classes = header.isClassifier ? Array.from({ length: numClasses }, (_, index) => `${index}.0`) : undefined;
  const isVote = header.isClassifier && kind !== 'gbt';

  const metadata: Record<string, string> = { api: header.api === 'ml' ? 'spark.ml' : 'MLlib (RDD API)', header: header.className, generation: header.generation };
  if (header.uid) metadata.uid = header.uid;
  if (header.depth !== undefined) metadata.headerDepth = String(header.depth);
  if (header.numNodes !== undefined) metadata.headerNodes = String(header.numNodes);
  if (printedWeights.length) metadata.treeWeights = printedWeights.join(' ');

  const modelHeader: ModelHeader = {
    format: 'spark',
    variant: `${metadata.api} ${header.className}${kind !== header.kind ? ` (${kind === 'gbt' ? 'GBT' : 'random forest'})` : ''}`,
    fileName,
    task: header.isClassifier ? (numClasses > 2 ? 'multiclass' : 'binary') : 'regression',
    objective: kind === 'gbt' ? (header.isClassifier ? 'logloss' : 'squared error') : header.isClassifier ? 'classification' : 'regression',
    classes,
    features,
    numOutputs: isVote ? numClasses : 1,
    aggregation: kind === 'gbt' ? { kind: 'sum', base: [0] } : isVote ? { kind: 'vote' } : { kind: 'mean' },
    // GBT classifiers: P(1) = 1 / (1 + exp(−2m)) (Spark's LogLoss), label 1 when m > 0.
    transform: kind === 'gbt' && header.isClassifier ? { kind: 'sigmoid', scale: 2 } : { kind: 'identity' },
    arithmetic: { input: 'float64', accumulate: 'float64' },
    assumptions,
    warnings,
    metadata,
  };
  const forest = packed.finish();
  forest.treeWeight.set(weights);
  return { header: modelHeader, forest };
}
