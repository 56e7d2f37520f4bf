import type { TerminalNode, Token } from 'antlr4ng';
import { countProblem } from '../limits';
import {
  FeatureImportancesContext,
  IgnoredBlockContext,
  KnownContext,
  LightGBMParser,
  PandasCategoricalContext,
  ParametersContext,
  ParserConfigContext,
} from '../../../grammar/generated/LightGBM/LightGBMParser';
import type { ImportWarning, SourcePosition, Tree, TreeModel } from '../../model/types';
import { detectFormat } from '../detect';
import { ModelParseError, sourceLineAt } from '../errors';
import type { ParseOptions } from '../options';
import { assembleHeader, outputOfTree, type LightgbmHeader } from './assemble';
import { ForestBuilder } from '../../model/forestBuilder';
import type { ModelHeader, PackedModel } from '../../model/packed';
import { runGrammar } from './grammarRun';
import { BadNumberError, readOneInteger } from './numbers';
import { buildTreeNodes, type KeyLine } from './treeBlock';

/**
 * Key text of each `key=value` token type (the grammar names each token after its key, upper-cased), so
 * values are found without searching for `=`.
 */
const KEY_OF_TYPE: string[] = [];
for (let type = LightGBMParser.VERSION; type <= LightGBMParser.SHRINKAGE; type++) {
  const name = LightGBMParser.symbolicNames[type]!;
  KEY_OF_TYPE[type] = name.toLowerCase();
}

function keyLineOf(token: Token, text: string): KeyLine {
  let key = KEY_OF_TYPE[token.type];
  let valueStart: number;
  if (key !== undefined) {
    valueStart = token.start + key.length + 1;
  } else {
    const equals = text.indexOf('=', token.start);
    key = text.slice(token.start, equals);
    valueStart = equals + 1;
  }
  return { type: token.type, key, valueStart, valueEnd: token.stop, lineStart: token.start, line: token.line };
}

function valueOf(line: KeyLine, text: string): string {
  return text.slice(line.valueStart, line.valueEnd).trim();
}

/** LightGBM `model.txt` → IR (FORMATS.md section B). */
export function readLightgbmText(input: string, fileName: string, options: ParseOptions): TreeModel {
  const trees: Tree[] = [];
  const header = readLightgbmTrees(input, fileName, options, (tree) => trees.push(tree));
  return { ...header, trees };
}

/**
 * LightGBM `model.txt` → the packed form in one pass: each tree block's arrays go straight into the
 * builder's columns (no node objects; trees with linear leaves, which are rare, go through node
 * objects one tree at a time). Same checks, errors and header as `readLightgbmText`.
 */
export function readLightgbmTextPacked(input: string, fileName: string, options: ParseOptions): PackedModel {
  const builder = new ForestBuilder();
  builder.reserve(countNodes(input));
  const header = readLightgbmTrees(input, fileName, options, (tree) => builder.addTree(tree), builder);
  return { header, forest: builder.finish() };
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
 * writing its rows there directly (then `onTree` gets only the trees that needed node objects);
 * returns the rest of the model.
 */
function readLightgbmTrees(input: string, fileName: string, options: ParseOptions, onTree: (tree: Tree) => void, builder?: ForestBuilder): ModelHeader {
  // Every token includes its line break, so the last line needs one.
  const text = input.endsWith('\n') ? input : `${input}\n`;
  const warnings: ImportWarning[] = [];

  // Users put banners before dumps (FORMATS.md section 0): start at the `tree` line.
  let start = 0;
  let firstLine = 1;
  const detected = detectFormat(text);
  if (detected?.kind === 'lightgbm-text' && detected.line > 1) {
    for (let line = 1; line < detected.line; line++) start = text.indexOf('\n', start) + 1;
    firstLine = detected.line;
    if (text.slice(0, start).trim() !== '') {
      warnings.push({ code: 'W_WRAPPER_TEXT', message: `Skipped ${detected.line - 1} line(s) of text before the LightGBM model.`, position: { line: 1, column: 1 } });
    }
  }

  const fail = (line: number, lineStart: number, offset: number, detail: string): never => {
    throw new ModelParseError({
      code: 'E_PARSE_STRUCTURE',
      fileName,
      format: 'lightgbm',
      position: { line, column: offset - lineStart + 1 },
      sourceLine: sourceLineAt(text, line),
      detail,
    });
  };

  const model = runGrammar(text, start, firstLine, fileName);

  // Header.
  const headerLines: (KeyLine | undefined)[] = [];
  let averageOutput = false;
  const unknownKeys = new Map<string, SourcePosition>();
  for (const headerLine of model.headerLine()) {
    if (headerLine.AVERAGE_OUTPUT()) {
      averageOutput = true;
      continue;
    }
    const line = keyLineOf(headerLine.start!, text);
    if (line.type === LightGBMParser.KEY_VALUE || line.type > LightGBMParser.TREE_SIZES) {
      if (!unknownKeys.has(line.key)) unknownKeys.set(line.key, { line: line.line, column: 1 });
      continue;
    }
    const earlier = headerLines[line.type];
    if (earlier) fail(line.line, line.lineStart, line.lineStart, `${line.key} appears twice in the header (first on line ${earlier.line})`);
    headerLines[line.type] = line;
  }
  const headerPosition: SourcePosition = { line: firstLine, column: 1 };
  const integerOf = (type: number): number | undefined => {
    const line = headerLines[type];
    if (!line) return undefined;
    try {
      return readOneInteger(text, line.valueStart, line.valueEnd);
    } catch (error) {
      if (error instanceof BadNumberError) return fail(line.line, line.lineStart, line.valueStart, `${line.key}: ${error.message}`);
      throw error;
    }
  };
  const missingHeader = (key: string): never => fail(firstLine, start, start, `the header has no ${key}= line, which LightGBM needs to load the model`);
  const numClass = integerOf(LightGBMParser.NUM_CLASS) ?? missingHeader('num_class');
  const maxFeatureIndex = integerOf(LightGBMParser.MAX_FEATURE_IDX) ?? missingHeader('max_feature_idx');
  const numTreePerIteration = integerOf(LightGBMParser.NUM_TREE_PER_ITERATION) ?? numClass;
  if (numClass < 1) {
    const line = headerLines[LightGBMParser.NUM_CLASS]!;
    fail(line.line, line.lineStart, line.valueStart, 'num_class must be at least 1');
  }
  if (numTreePerIteration < 1) {
    const line = headerLines[LightGBMParser.NUM_TREE_PER_ITERATION]!;
    fail(line.line, line.lineStart, line.valueStart, 'num_tree_per_iteration must be at least 1');
  }
  if (maxFeatureIndex < 0) {
    const line = headerLines[LightGBMParser.MAX_FEATURE_IDX]!;
    fail(line.line, line.lineStart, line.valueStart, 'max_feature_idx must not be negative');
  }
  // Counts that size memory are bounded by what the file can describe (limits.ts).
  for (const [type, count] of [
    [LightGBMParser.NUM_CLASS, numClass],
    [LightGBMParser.NUM_TREE_PER_ITERATION, numTreePerIteration],
    [LightGBMParser.MAX_FEATURE_IDX, maxFeatureIndex + 1],
  ] as const) {
    const line = headerLines[type];
    const problem = countProblem(count, line?.key ?? 'num_tree_per_iteration (from num_class)', text.length);
    if (problem) fail(line?.line ?? firstLine, line?.lineStart ?? start, line?.valueStart ?? start, problem);
  }
  const listOf = (type: number): string[] | undefined => {
    const line = headerLines[type];
    if (!line) return undefined;
    const value = valueOf(line, text);
    // LightGBM separates with single spaces; split on any blank run only when the line has others.
    const items = value === '' ? [] : /\t| {2}/.test(value) ? value.split(/[ \t]+/) : value.split(' ');
    if (items.length !== maxFeatureIndex + 1) {
      fail(line.line, line.lineStart, line.valueStart, `${line.key} has ${items.length} entries but max_feature_idx=${maxFeatureIndex} means ${maxFeatureIndex + 1} features`);
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
  const header: LightgbmHeader = {
    version: headerLines[LightGBMParser.VERSION] ? valueOf(headerLines[LightGBMParser.VERSION]!, text) : undefined,
    numClass,
    numTreePerIteration,
    labelIndex: integerOf(LightGBMParser.LABEL_INDEX),
    maxFeatureIndex,
    objective: headerLines[LightGBMParser.OBJECTIVE] ? valueOf(headerLines[LightGBMParser.OBJECTIVE]!, text) : undefined,
    averageOutput,
    featureNames: listOf(LightGBMParser.FEATURE_NAMES),
    featureInfos: listOf(LightGBMParser.FEATURE_INFOS),
    monotoneConstraints: headerLines[LightGBMParser.MONOTONE_CONSTRAINTS] ? valueOf(headerLines[LightGBMParser.MONOTONE_CONSTRAINTS]!, text) : undefined,
    parameters: [],
    featureImportances: [],
    position: headerPosition,
  };
  if (header.objective === '') header.objective = undefined;

  // Trees.
  let treeCount = 0;
  const categoricalFeatures = new Set<number>();
  const numFeatures = maxFeatureIndex + 1;
  for (const block of model.treeBlock()) {
    const children = block.children as TerminalNode[];
    const headerToken = children[0].symbol;
    const name = text.slice(headerToken.start, headerToken.stop).trim();
    const lines: (KeyLine | undefined)[] = [];
    for (let index = 1; index < children.length; index++) {
      const line = keyLineOf(children[index].symbol, text);
      if (line.type === LightGBMParser.KEY_VALUE || line.type < LightGBMParser.NUM_LEAVES) {
        if (line.key === 'Tree') fail(line.line, line.lineStart, line.valueStart, `expected a tree number after 'Tree=', found '${valueOf(line, text)}'`);
        if (!unknownKeys.has(line.key)) unknownKeys.set(line.key, { line: line.line, column: 1 });
        continue;
      }
      const earlier = lines[line.type];
      if (earlier) fail(line.line, line.lineStart, line.lineStart, `${line.key} appears twice in ${name} (first on line ${earlier.line})`);
      lines[line.type] = line;
    }
    const outputIndex = outputOfTree(treeCount, header);
    const into = builder ? { builder, outputIndex, categoricalFeatures } : undefined;
    const nodes = buildTreeNodes({ text, lines, header: { line: headerToken.line, lineStart: headerToken.start, name }, numFeatures, fail, into });
    treeCount++;
    // An empty result: the tree went into the builder as rows (its categorical features noted).
    if (into && nodes.length === 0) continue;
    for (const node of nodes) if (node.type === 'split' && node.split.kind === 'categorical') categoricalFeatures.add(node.feature);
    onTree({ index: treeCount - 1, outputIndex, weight: 1, nodes });
  }
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
      const json = text.slice(token.start + 'pandas_categorical:'.length, token.stop).trim();
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
