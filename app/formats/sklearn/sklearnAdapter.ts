import { SklearnTextLexer } from '../../../grammar/generated/SklearnText/SklearnTextLexer';
import { countProblem } from '../limits';
import type { TokenStream } from 'antlr4ng';
import { LineContext, SklearnTextParser } from '../../../grammar/generated/SklearnText/SklearnTextParser';
import { linkTree } from '../../model/tree';
import type { ImportWarning, Tree, TreeModel } from '../../model/types';
import { parseWithGrammar } from '../antlr';
import { ModelParseError, sourceLineAt } from '../errors';
import type { ParseOptions } from '../options';
import { findTreeRegion, readLine, type SklearnLine } from './sklearnLines';
import { decimalsOf, mayBeRoundedValue, thresholdExactness } from './sklearnNumbers';
import { assignClasses, buildFeatures, TreeReader } from './sklearnTree';
import { largestOf } from '../../util/extremes';
import { SklearnTokenSource } from './sklearnTokens';

/** Truncated branches get one warning each up to this many, then one summary. */
const TRUNCATION_WARNINGS = 10;

const LINE_FORMS =
  "a split ('name <= threshold' or 'name >  threshold') or a leaf ('class: label', 'weights: [w1, w2] class: label', 'value: [v]', 'truncated branch of depth N')";

/**
 * The generated parser without the parse tree (a node per token costs more than the parse): the adapter
 * reads labelled tokens only, so it takes each `line` context as the parser finishes it.
 */
class LineCollectingParser extends SklearnTextParser {
  readonly lines: LineContext[] = [];

  constructor(input: TokenStream) {
    super(input);
    this.buildParseTrees = false;
  }

  override exitRule(): void {
    const context = this.context;
    if (context instanceof LineContext) this.lines.push(context);
    super.exitRule();
  }
}

/**
 * ANTLR's lexer reports the rest of the line as one "unexpected character"; say instead what a
 * line may hold. Errors from the parser (inside a `[…]` list, an empty line) are kept as they are.
 */
function explainSyntaxError(error: unknown, text: string, fileName: string, spacing: number): unknown {
  if (!(error instanceof ModelParseError) || error.info.code !== 'E_PARSE_SYNTAX' || !error.info.position) return error;
  const { line, column } = error.info.position;
  const raw = sourceLineAt(text, line) ?? '';
  const found = raw.slice(column - 1);
  const contentColumn = /^(\|[ -]+)*\|-+ /.exec(raw)?.[0].length;
  let detail: string | undefined;
  if (raw.trim() === '') detail = 'a blank line inside the tree: export_text prints none';
  else if (!raw.startsWith('|')) detail = `expected a tree line starting with '|${'-'.repeat(spacing)} ' but found '${raw}' (text inside the tree)`;
  else if (contentColumn !== undefined && column === contentColumn + 1) detail = `expected ${LINE_FORMS}, found '${found}'`;
  else if (error.info.message.includes(': unexpected character ')) detail = `unexpected '${found}' at the end of the line`;
  if (detail === undefined) return error;
  return new ModelParseError({ code: 'E_PARSE_SYNTAX', fileName, format: 'sklearn', position: { line, column }, sourceLine: raw, detail });
}

/**
 * scikit-learn `export_text` (any spacing and decimals, with or without show_weights) → IR.
 * Prediction rules: FORMATS.md D.2. Node ids are pre-order positions, which equal scikit-learn's
 * node ids for depth-first trees. What the text cannot reproduce is stated in warnings.
 */
export function parseSklearnText(text: string, fileName: string, _options: ParseOptions): TreeModel {
  const allLines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const region = findTreeRegion(text, allLines, fileName);
  const warnings: ImportWarning[] = [];
  const before = allLines.slice(0, region.firstLine - 1);
  const after = allLines.slice(region.lastLine);
  if (before.some((line) => line.trim() !== '') || after.some((line) => line.trim() !== '')) {
    const parts = [];
    if (before.some((line) => line.trim() !== '')) parts.push(`${before.length} line(s) before the tree`);
    if (after.some((line) => line.trim() !== '')) parts.push(`${after.length} line(s) after it`);
    warnings.push({ code: 'W_WRAPPER_TEXT', message: `Skipped text that is not part of the tree: ${parts.join(' and ')}.`, position: { line: 1, column: 1 } });
  }

  const fail = (line: number, column: number, detail: string): never => {
    throw new ModelParseError({ code: 'E_PARSE_STRUCTURE', fileName, format: 'sklearn', position: { line, column }, sourceLine: sourceLineAt(text, line), detail });
  };

  let lineContexts: LineContext[];
  try {
    lineContexts = parseWithGrammar({
      text: text.slice(region.start, region.end),
      fileName,
      format: 'sklearn',
      createLexer: (input) => new SklearnTextLexer(input),
      createParser: (tokens) => new LineCollectingParser(tokens),
      createTokenSource: (treeText) => new SklearnTokenSource(treeText),
      entry: (parser) => {
        parser.tree();
        return parser.lines;
      },
      lineOffset: region.firstLine - 1,
      originalText: text,
    });
  } catch (error) {
    throw explainSyntaxError(error, text, fileName, region.spacing);
  }

  const rawLines = allLines.slice(region.firstLine - 1, region.lastLine);
  const lines = lineContexts.map((context, index) => readLine(context, rawLines[index], region.firstLine + index, region.spacing, text, fileName));

  const reader = new TreeReader(lines, rawLines, region.firstLine, region.spacing, fail);
  reader.read(1, -1);
  if (reader.hasRest) {
    const extra = reader.next;
    fail(extra.line, 1, `the tree is complete at line ${extra.line - 1} but more tree lines follow (depth ${extra.depth}): one export_text tree per file is supported`);
  }
  const nodes = reader.nodes;
  const problem = linkTree(nodes);
  if (problem) fail(region.firstLine, 1, problem);

  // `feature_100000000` would size the feature list by a number in the file.
  for (const [position, name] of reader.featureNames.entries()) {
    const index = /^feature_(\d+)$/.exec(name)?.[1];
    const problem = index === undefined ? undefined : countProblem(Number(index) + 1, 'feature count', text.length);
    if (!problem) continue;
    const node = nodes.find((candidate) => candidate.type === 'split' && candidate.feature === position);
    fail(node?.position?.line ?? region.firstLine, node?.position?.column ?? 1, `feature ${name.slice(0, 40)}: ${problem}`);
  }
  const { features, remap } = buildFeatures(reader);
  for (const node of nodes) if (node.type === 'split') node.feature = remap[node.feature];

  // Pair each leaf with its line once: classes, rounding and truncation all need both.
  const lineOf = new Map<number, SklearnLine>();
  for (const line of lines) lineOf.set(line.line, line);
  const leaves = nodes.flatMap((node) => (node.type === 'leaf' ? [{ node, line: lineOf.get(node.position!.line)! }] : []));
  const printedLeaves = leaves.filter((leaf) => leaf.line.kind !== 'truncated');
  const truncated = leaves.filter((leaf) => leaf.line.kind === 'truncated');
  const leafKind = reader.leafKind;
  if (leafKind === undefined) {
    fail(region.firstLine, 1, 'every leaf of this tree is a truncated branch: nothing to predict with; re-export with a larger export_text max_depth');
  }
  const isClassifier = leafKind !== 'value';

  let classes: string[] | undefined;
  let numOutputs = 1;
  let trees: Tree[] = [{ index: 0, outputIndex: 0, weight: 1, nodes }];
  if (isClassifier) {
    const assignment = assignClasses(printedLeaves, leafKind === 'weights', fail);
    classes = assignment.classes;
    warnings.push(...assignment.warnings);
    for (const { node, line } of printedLeaves) node.classIndex = classes.indexOf(line.label!);
    numOutputs = classes.length;
    // A single-output leaf always holds some weight; a multi-output classifier prints class-0 counts per output instead.
    const empty = printedLeaves.find(({ node }) => leafKind === 'weights' && node.value.every((weight) => weight === 0));
    if (empty) {
      warnings.push({
        code: 'W_SKL_ZERO_WEIGHTS',
        message: `Line ${empty.line.line}: a leaf whose weights are all 0. A multi-output classifier prints this way (its 'weights' are class-0 counts per output, not a distribution), which cannot be evaluated from the text; scikit-learn gives such a leaf probability 0 for every class.`,
        position: { line: empty.line.line, column: empty.line.contentColumn },
      });
    }
  } else {
    numOutputs = printedLeaves[0].node.value.length;
    for (const { node, line } of printedLeaves) {
      if (node.value.length !== numOutputs) fail(line.line, line.contentColumn, `expected ${numOutputs} value(s) as on line ${printedLeaves[0].line.line}, found ${node.value.length}`);
    }
    if (numOutputs > 1) {
      // One tree per output, same splits: the IR's mean aggregation takes one value per leaf.
      trees = Array.from({ length: numOutputs }, (_, output) => ({
        index: output,
        outputIndex: output,
        weight: 1,
        nodes: nodes.map((node) => (node.type === 'leaf' ? { ...node, value: node.truncatedDepth === undefined ? [node.value[output]] : [] } : { ...node, split: { ...node.split } })),
      }));
      warnings.push({
        code: 'W_SKL_MULTI_OUTPUT',
        message: `A multi-output regressor (${numOutputs} values per leaf) is shown as ${numOutputs} trees with the same splits, one per output.`,
      });
    }
  }

  // Rounding: export_text prints fixed point with `decimals` decimals (2 by default).
  const splitLines = lines.filter((line) => line.kind === 'left');
  const rounded = splitLines.filter((line) => thresholdExactness(line.thresholdText!) === 'rounded');
  const decimals = largestOf(splitLines.map((line) => decimalsOf(line.thresholdText!)), 0);
  if (rounded.length > 0) {
    warnings.push({
      code: 'W_SKL_ROUNDED',
      message:
        `${rounded.length} of ${splitLines.length} thresholds are rounded (printed with ${decimals} decimals; scikit-learn's thresholds are midpoints of float32 values, which these are not), ` +
        `so inputs near a threshold may go the other way than in scikit-learn. Re-export with export_text(decimals=…) large enough to print the exact values.`,
      position: { line: rounded[0].line, column: rounded[0].thresholdColumn! },
    });
  }
  const roundedLeaf = printedLeaves.find(({ line }) => (line.numbers ?? []).some(mayBeRoundedValue));
  if (roundedLeaf) {
    warnings.push({
      code: 'W_SKL_ROUNDED',
      message: isClassifier
        ? 'Class weights are printed with too few decimals to be exact: probabilities may differ slightly from predict_proba.'
        : 'Leaf values are printed with too few decimals to be exact: predictions may differ slightly from predict.',
      position: { line: roundedLeaf.line.line, column: roundedLeaf.line.contentColumn },
    });
  }

  truncated.slice(0, TRUNCATION_WARNINGS).forEach(({ line }) => {
    warnings.push({
      code: 'W_SKL_TRUNCATED',
      message: `Line ${line.line}: a branch of depth ${line.truncatedDepth} was not printed (export_text max_depth); rows that reach it cannot be scored.`,
      position: { line: line.line, column: line.contentColumn },
    });
  });
  if (truncated.length > TRUNCATION_WARNINGS) {
    warnings.push({ code: 'W_SKL_TRUNCATED', message: `${truncated.length - TRUNCATION_WARNINGS} more truncated branches (${truncated.length} in all).` });
  }
  warnings.push({
    code: 'W_SKL_NODE_IDS',
    message:
      truncated.length > 0
        ? `Node ids are pre-order positions. They match scikit-learn's node ids (apply()) only up to line ${truncated[0].line.line}: a truncated branch hides nodes that scikit-learn numbers.`
        : "Node ids are pre-order positions, which match scikit-learn's node ids (apply()) for depth-first trees; a tree grown with max_leaf_nodes (best-first) numbers its nodes differently.",
  });
  warnings.push({
    code: 'W_SKL_MISSING',
    message: 'The text does not say where scikit-learn ≥ 1.3 sends missing values (a per-node flag); here NaN fails every comparison and goes right. scikit-learn < 1.3 rejects NaN.',
  });

  const showWeights = leafKind === 'weights';
  const metadata: Record<string, string> = {
    spacing: String(region.spacing),
    decimals: String(decimals),
    showWeights: String(showWeights),
    estimator: isClassifier ? 'DecisionTreeClassifier (or ExtraTreeClassifier)' : 'DecisionTreeRegressor (or ExtraTreeRegressor)',
    firstLine: String(region.firstLine),
  };
  if (truncated.length > 0) metadata.truncatedBranches = String(truncated.length);

  return {
    format: 'sklearn',
    variant: `scikit-learn export_text, ${isClassifier ? 'classifier' : numOutputs > 1 ? `${numOutputs}-output regressor` : 'regressor'}${showWeights ? ' with weights' : ''}`,
    fileName,
    task: isClassifier ? (classes!.length > 2 ? 'multiclass' : 'binary') : 'regression',
    objective: isClassifier ? 'classification' : 'regression',
    classes,
    features,
    numOutputs,
    trees,
    ...(trees.length > 1 ? { sourceTreeCount: 1 } : {}),
    aggregation: isClassifier ? { kind: 'distribution' } : { kind: 'mean' },
    transform: { kind: 'identity' },
    arithmetic: { input: 'float32', accumulate: 'float64' },
    assumptions: {},
    warnings,
    metadata,
  };
}
