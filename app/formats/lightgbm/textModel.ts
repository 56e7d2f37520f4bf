import type { TerminalNode } from 'antlr4ng';
import { countProblem } from '../limits';
import {
  FeatureImportancesContext,
  IgnoredBlockContext,
  KnownContext,
  LightGBMParser,
  PandasCategoricalContext,
  TreeBlockContext,
  type ModelContext,
  ParametersContext,
  ParserConfigContext,
} from '../../../grammar/generated/LightGBM/LightGBMParser';
import type { ImportWarning, SourcePosition, Tree, TreeModel } from '../../model/types';
import { detectFormat } from '../detect';
import { ModelParseError } from '../errors';
import type { ParseOptions } from '../options';
import { assembleHeader, outputOfTree, type LightgbmHeader } from './assemble';
import { ForestBuilder } from '../../model/forestBuilder';
import { addCategoricalFeatures, ForestTally, type ModelSummary } from '../../model/tree';
import type { ModelHeader, PackedModel } from '../../model/packed';
import { runGrammar } from './grammarRun';
import { BadNumberError, readOneInteger } from './numbers';
import { buildTreeNodes, type KeyLine, type StructureFailure } from './treeBlock';
import { LineTokenSource, type LineToken, type TextPieces } from './lineTokens';

/**
 * Key text of each `key=value` token type (the grammar names each token after its key, upper-cased), so
 * values are found without searching for `=`.
 */
const KEY_OF_TYPE: string[] = [];
for (let type = LightGBMParser.VERSION; type <= LightGBMParser.SHRINKAGE; type++) {
  const name = LightGBMParser.symbolicNames[type]!;
  KEY_OF_TYPE[type] = name.toLowerCase();
}

/**
 * The `key=value` line of `token`, with offsets into `text`, which holds the token's line at offset
 * `token.start - base`.
 */
function keyLineOf(token: LineToken, text: string, base: number): KeyLine {
  const lineStart = token.start - base;
  let key = KEY_OF_TYPE[token.type];
  let valueStart: number;
  if (key !== undefined) {
    valueStart = lineStart + key.length + 1;
  } else {
    const equals = text.indexOf('=', lineStart);
    key = text.slice(lineStart, equals);
    valueStart = equals + 1;
  }
  return { type: token.type, key, valueStart, valueEnd: token.stop - base, lineStart, line: token.line, text };
}

/** A header or footer line: offsets into the text piece the token came from. */
function ownKeyLineOf(token: LineToken): KeyLine {
  return keyLineOf(token, token.segment, token.segmentStart);
}

function valueOf(line: KeyLine): string {
  return line.text.slice(line.valueStart, line.valueEnd).trim();
}

/** The line that starts at `lineStart` of `text`, without its line break. */
function lineTextAt(text: string, lineStart: number): string {
  const end = text.indexOf('\n', lineStart);
  return text.slice(lineStart, end < 0 ? undefined : end).replace(/\r$/, '');
}

/** LightGBM `model.txt` → IR (FORMATS.md section B). */
export function readLightgbmText(input: string, fileName: string, options: ParseOptions): TreeModel {
  const trees: Tree[] = [];
  const header = readLightgbmTrees(input, undefined, input.length, fileName, options, (tree) => trees.push(tree));
  return { ...header, trees };
}

/**
 * LightGBM `model.txt` → the packed form in one pass: each tree block's arrays go straight into the
 * builder's columns (no node objects; trees with linear leaves, which are rare, go through node
 * objects one tree at a time). Same checks, errors and header as `readLightgbmText`.
 */
export function readLightgbmTextPacked(input: string, fileName: string, options: ParseOptions): PackedModel {
  return readLightgbmPieces(input, undefined, input.length, fileName, options, countNodes(input));
}

/**
 * As `readLightgbmTextPacked`, for a text that comes in pieces (`first`, then `rest`, `textLength`
 * characters in all, or an upper bound of it such as the file's size in bytes): a file read
 * a piece at a time is never held whole, and each tree's text can be let go once the tree is
 * packed. `expectedNodes` (a hint: what `countNodes` would count, e.g. `outlineLightgbm` over the
 * file's bytes) sizes the columns once; without it they grow as trees arrive. `first` must hold the start of the file up to its
 * `tree` line (`detectFormat` finds the format in it).
 */
export function readLightgbmPieces(first: string, rest: TextPieces | undefined, textLength: number, fileName: string, options: ParseOptions, expectedNodes = 0): PackedModel {
  const builder = new ForestBuilder(options.keepsDetails ?? true);
  if (expectedNodes > 0) builder.reserve(expectedNodes);
  const header = readLightgbmTrees(first, rest, textLength, fileName, options, (tree) => builder.addTree(tree), builder);
  return { header, forest: builder.finish() };
}

/** Trees packed before the summary counts them and lets them go (`summarizeLightgbmPieces`). */
const SUMMARY_BATCH_TREES = 64;

/**
 * The header and the overview figures (`summarizeModel`) of a model.txt read in pieces, without
 * holding the model: trees are packed a batch at a time, counted and let go, so memory follows the
 * biggest batch, not the file. Same checks and errors as `readLightgbmPieces`.
 */
export function summarizeLightgbmPieces(first: string, rest: TextPieces | undefined, textLength: number, fileName: string, options: ParseOptions): { header: ModelHeader; summary: ModelSummary } {
  const tally = new ForestTally();
  const builder = new ForestBuilder();
  const afterTree = () => {
    if (builder.treeCount < SUMMARY_BATCH_TREES) return;
    // Counted from views into the builder's buffers, which the next batch then fills again.
    tally.add(builder.view());
    builder.clear();
  };
  const header = readLightgbmTrees(first, rest, textLength, fileName, options, (tree) => builder.addTree(tree), builder, afterTree);
  tally.add(builder.view());
  return { header, summary: tally.summary(header.features.length) };
}

/**
 * The node count the `num_leaves=` lines promise (2 × leaves − 1 per tree), to size the packed
 * columns once. Only a size hint, never trusted: the reader checks every tree, and the count is
 * bounded by the text's length (each node takes more than two characters of it).
 */
function countNodes(text: string): number {
  let nodes = 0;
  for (let at = text.indexOf('\nnum_leaves='); at >= 0; at = text.indexOf('\nnum_leaves=', at + 1)) {
    const leaves = Number.parseInt(text.slice(at + 12, at + 24), 10);
    if (leaves >= 1) nodes += 2 * leaves - 1;
  }
  return Math.min(nodes, Math.floor(text.length / 2));
}

/**
 * Reads the model, handing each tree to `onTree` as soon as it is read, or, given a `builder`,
 * writing its rows there directly (then `onTree` gets only the trees that needed node objects), and
 * calling `afterTree` after each tree;
 * returns the rest of the model. The text is `first` followed by the pieces of `rest`, `textLength`
 * characters in all (at most; it bounds the counts the header may declare).
 */
function readLightgbmTrees(
  first: string,
  rest: TextPieces | undefined,
  textLength: number,
  fileName: string,
  options: ParseOptions,
  onTree: (tree: Tree) => void,
  builder?: ForestBuilder,
  afterTree?: () => void,
): ModelHeader {
  const warnings: ImportWarning[] = [];

  // Users put banners before dumps (FORMATS.md section 0): start at the `tree` line.
  let start = 0;
  let firstLine = 1;
  const detected = detectFormat(first);
  if (detected?.kind === 'lightgbm-text' && detected.line > 1) {
    for (let line = 1; line < detected.line; line++) start = first.indexOf('\n', start) + 1;
    firstLine = detected.line;
    if (first.slice(0, start).trim() !== '') {
      warnings.push({ code: 'W_WRAPPER_TEXT', message: `Skipped ${detected.line - 1} line(s) of text before the LightGBM model.`, position: { line: 1, column: 1 } });
    }
  }

  /** Throws E_PARSE_STRUCTURE at `offset` of the line that starts at `lineStart` of `text`. */
  const failIn = (text: string, line: number, lineStart: number, offset: number, detail: string): never => {
    throw new ModelParseError({
      code: 'E_PARSE_STRUCTURE',
      fileName,
      format: 'lightgbm',
      position: { line, column: offset - lineStart + 1 },
      sourceLine: lineTextAt(text, lineStart),
      detail,
    });
  };
  const failAt = (line: KeyLine, offset: number, detail: string): never => failIn(line.text, line.line, line.lineStart, offset, detail);

  let header: LightgbmHeader | undefined;
  let numFeatures = 0;
  const unknownKeys = new Map<string, SourcePosition>();
  let treeCount = 0;
  const categoricalFeatures = new Set<number>();

  const readHeader = (model: ModelContext): LightgbmHeader => {
    const headerLines: (KeyLine | undefined)[] = [];
    let averageOutput = false;
    for (const headerLine of model.headerLine()) {
      if (headerLine.AVERAGE_OUTPUT()) {
        averageOutput = true;
        continue;
      }
      const line = ownKeyLineOf(headerLine.start as LineToken);
      if (line.type === LightGBMParser.KEY_VALUE || line.type > LightGBMParser.TREE_SIZES) {
        if (!unknownKeys.has(line.key)) unknownKeys.set(line.key, { line: line.line, column: 1 });
        continue;
      }
      const earlier = headerLines[line.type];
      if (earlier) failAt(line, line.lineStart, `${line.key} appears twice in the header (first on line ${earlier.line})`);
      headerLines[line.type] = line;
    }
    const headerPosition: SourcePosition = { line: firstLine, column: 1 };
    const integerOf = (type: number): number | undefined => {
      const line = headerLines[type];
      if (!line) return undefined;
      try {
        return readOneInteger(line.text, line.valueStart, line.valueEnd);
      } catch (error) {
        if (error instanceof BadNumberError) return failAt(line, line.valueStart, `${line.key}: ${error.message}`);
        throw error;
      }
    };
    const missingHeader = (key: string): never => failIn(first, firstLine, start, start, `the header has no ${key}= line, which LightGBM needs to load the model`);
    const numClass = integerOf(LightGBMParser.NUM_CLASS) ?? missingHeader('num_class');
    const maxFeatureIndex = integerOf(LightGBMParser.MAX_FEATURE_IDX) ?? missingHeader('max_feature_idx');
    const numTreePerIteration = integerOf(LightGBMParser.NUM_TREE_PER_ITERATION) ?? numClass;
    if (numClass < 1) {
      const line = headerLines[LightGBMParser.NUM_CLASS]!;
      failAt(line, line.valueStart, 'num_class must be at least 1');
    }
    if (numTreePerIteration < 1) {
      const line = headerLines[LightGBMParser.NUM_TREE_PER_ITERATION]!;
      failAt(line, line.valueStart, 'num_tree_per_iteration must be at least 1');
    }
    if (maxFeatureIndex < 0) {
      const line = headerLines[LightGBMParser.MAX_FEATURE_IDX]!;
      failAt(line, line.valueStart, 'max_feature_idx must not be negative');
    }
    // Counts that size memory are bounded by what the file can describe (limits.ts).
    for (const [type, count] of [
      [LightGBMParser.NUM_CLASS, numClass],
      [LightGBMParser.NUM_TREE_PER_ITERATION, numTreePerIteration],
      [LightGBMParser.MAX_FEATURE_IDX, maxFeatureIndex + 1],
    ] as const) {
      const line = headerLines[type];
      const problem = countProblem(count, line?.key ?? 'num_tree_per_iteration (from num_class)', textLength);
      if (problem) {
        if (line) failAt(line, line.valueStart, problem);
        else failIn(first, firstLine, start, start, problem);
      }
    }
    const listOf = (type: number): string[] | undefined => {
      const line = headerLines[type];
      if (!line) return undefined;
      const value = valueOf(line);
      // LightGBM separates with single spaces; split on any blank run only when the line has others.
      const items = value === '' ? [] : /\t| {2}/.test(value) ? value.split(/[ \t]+/) : value.split(' ');
      if (items.length !== maxFeatureIndex + 1) {
        failAt(line, line.valueStart, `${line.key} has ${items.length} entries but max_feature_idx=${maxFeatureIndex} means ${maxFeatureIndex + 1} features`);
      }
      return items;
    };
    for (const [type, key] of [
      [LightGBMParser.LABEL_INDEX, 'label_index'],
      [LightGBMParser.FEATURE_NAMES, 'feature_names'],
      [LightGBMParser.FEATURE_INFOS, 'feature_infos'],
    ] as const) {
      if (!headerLines[type]) {
        warnings.push({ code: 'W_LGB_HEADER_KEY_MISSING', message: `The header has no ${key}= line; LightGBM itself would refuse to load this file.`, position: headerPosition });
      }
    }
    const read: LightgbmHeader = {
      version: headerLines[LightGBMParser.VERSION] ? valueOf(headerLines[LightGBMParser.VERSION]!) : undefined,
      numClass,
      numTreePerIteration,
      labelIndex: integerOf(LightGBMParser.LABEL_INDEX),
      maxFeatureIndex,
      objective: headerLines[LightGBMParser.OBJECTIVE] ? valueOf(headerLines[LightGBMParser.OBJECTIVE]!) : undefined,
      averageOutput,
      featureNames: listOf(LightGBMParser.FEATURE_NAMES),
      featureInfos: listOf(LightGBMParser.FEATURE_INFOS),
      monotoneConstraints: headerLines[LightGBMParser.MONOTONE_CONSTRAINTS] ? valueOf(headerLines[LightGBMParser.MONOTONE_CONSTRAINTS]!) : undefined,
      parameters: [],
      featureImportances: [],
      position: headerPosition,
    };
    if (read.objective === '') read.objective = undefined;
    numFeatures = maxFeatureIndex + 1;
    return read;
  };

  const readTreeBlock = (block: TreeBlockContext, lightgbm: LightgbmHeader): void => {
    const children = block.children as TerminalNode[];
    const headerToken = children[0].symbol as LineToken;
    // The block's lines in one text: the piece they all came from, or (a block across pieces) a copy of them.
    let text = headerToken.segment;
    let base = headerToken.segmentStart;
    if ((children[children.length - 1].symbol as LineToken).segment !== text) {
      text = children.map((child) => child.symbol.text!).join('');
      base = headerToken.start;
    }
    const fail: StructureFailure = (line, lineStart, offset, detail) => failIn(text, line, lineStart, offset, detail);
    const name = headerToken.text.trim();
    const lines: (KeyLine | undefined)[] = [];
    for (let index = 1; index < children.length; index++) {
      const line = keyLineOf(children[index].symbol as LineToken, text, base);
      if (line.type === LightGBMParser.KEY_VALUE || line.type < LightGBMParser.NUM_LEAVES) {
        if (line.key === 'Tree') failAt(line, line.valueStart, `expected a tree number after 'Tree=', found '${valueOf(line)}'`);
        if (!unknownKeys.has(line.key)) unknownKeys.set(line.key, { line: line.line, column: 1 });
        continue;
      }
      const earlier = lines[line.type];
      if (earlier) failAt(line, line.lineStart, `${line.key} appears twice in ${name} (first on line ${earlier.line})`);
      lines[line.type] = line;
    }
    const outputIndex = outputOfTree(treeCount, lightgbm);
    const into = builder ? { builder, outputIndex, categoricalFeatures } : undefined;
    const nodes = buildTreeNodes({ text, lines, header: { line: headerToken.line, lineStart: headerToken.start - base, name }, numFeatures, fail, into });
    treeCount++;
    // An empty result: the tree went into the builder as rows (its categorical features noted).
    if (!into || nodes.length > 0) {
      addCategoricalFeatures(nodes, categoricalFeatures);
      onTree({ index: treeCount - 1, outputIndex, weight: 1, nodes });
    }
    afterTree?.();
  };

  const source = new LineTokenSource(first, start, firstLine, rest);
  const model = runGrammar(source, fileName, (block) => {
    header ??= readHeader(block.parent as ModelContext);
    readTreeBlock(block, header);
  });
  header ??= readHeader(model);
  const headerPosition = header.position;

  if (unknownKeys.size > 0) {
    const [first] = unknownKeys.values();
    warnings.push({
      code: 'W_LGB_UNKNOWN_KEY',
      message: `Ignored key(s) that LightGBM does not write: ${[...unknownKeys.keys()].slice(0, 8).join(', ')}${unknownKeys.size > 8 ? ', …' : ''}.`,
      position: first,
    });
  }
  if (treeCount === 0) warnings.push({ code: 'W_LGB_NO_TREES', message: 'The model has no trees: every prediction is 0 before the transform.', position: headerPosition });

  // Footer blocks.
  let ignored: { count: number; position: SourcePosition } | undefined;
  const blocks = [...model.knownBlock(), ...model.trailerBlock().map((block) => (block instanceof KnownContext ? block.knownBlock() : block))];
  for (const block of blocks) {
    if (block instanceof FeatureImportancesContext) {
      for (let index = 1; index < block.getChildCount(); index++) {
        const child = block.getChild(index)!;
        const line = child.getText().trim();
        if (line !== '') header.featureImportances.push(line);
      }
    } else if (block instanceof ParametersContext) {
      for (const parameter of block.PARAMETER()) {
        const line = parameter.getText().trim();
        const inner = line.endsWith(']') ? line.slice(1, -1) : line.slice(1);
        const colon = inner.indexOf(':');
        header.parameters.push(colon < 0 ? [inner.trim(), ''] : [inner.slice(0, colon).trim(), inner.slice(colon + 1).trim()]);
      }
    } else if (block instanceof ParserConfigContext) {
      header.parserConfig = block.parserLine().map((line) => line.getText().replace(/\r?\n$/, '')).join('\n');
    } else if (block instanceof PandasCategoricalContext) {
      const token = block.PANDAS_CATEGORICAL().symbol;
      const json = token.text!.slice('pandas_categorical:'.length).trim();
      try {
        header.pandasCategorical = JSON.parse(json);
      } catch {
        warnings.push({ code: 'W_LGB_PANDAS_CATEGORICAL', message: 'pandas_categorical is not valid JSON; category labels are not shown.', position: { line: token.line, column: 20 } });
      }
    } else if (block instanceof IgnoredBlockContext) {
      ignored ??= { count: 0, position: { line: block.start!.line, column: 1 } };
      ignored.count += 1 + block.otherLine().filter((line) => line.BLANK() === null).length;
    }
  }
  if (ignored) {
    warnings.push({
      code: 'W_LGB_IGNORED_LINES',
      message: `Ignored ${ignored.count} line(s) after the trees that are not part of LightGBM's model format.`,
      position: ignored.position,
    });
  }

  return assembleHeader({ header, treeCount, categoricalFeatures, fileName, source: 'model.txt', parseOptions: options, warnings });
}
