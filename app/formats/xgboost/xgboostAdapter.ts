import type { Token, TokenStream } from 'antlr4ng';
import { XGBoostTextLexer } from '../../../grammar/generated/XGBoostText/XGBoostTextLexer';
import { EntryContext, XGBoostTextParser } from '../../../grammar/generated/XGBoostText/XGBoostTextParser';
import type { ImportWarning, SourcePosition, TreeModel, TreeNode } from '../../model/types';
import { parseWithGrammar } from '../antlr';
import { detectFormat } from '../detect';
import type { ParseOptions } from '../options';
import {
  assembleTree,
  parseFeatureMap,
  resolveFeatures,
  unescapeName,
  xgbError,
  type FeatureMapEntry,
  type NamedUse,
  type XgbNodeRecord,
} from './xgboostModel';
import { finishModel } from './xgboostOutputs';
import { XgboostTokenSource } from './xgboostTokens';

import { parseXgboostJsonDump, parseXgboostModelJson } from './xgboostJson';

export { parseXgboostJsonDump, parseXgboostModelJson };

/**
 * The generated parser without the parse tree: a dump has ~14 tokens per line, and a tree node per token
 * (plus its garbage collection) cost more than the parse. The adapter reads only labelled tokens, so it
 * is handed each `entry` context as the parser finishes it (`onEntry`), and the context, its tokens
 * with it, is garbage at once instead of being kept until the whole file is read.
 */
class EntryReadingParser extends XGBoostTextParser {
  onEntry: (context: EntryContext) => void = () => undefined;

  constructor(input: TokenStream) {
    super(input);
    this.buildParseTrees = false;
  }

  // Returns only when the line parsed without an error (an error throws out of it, in both passes),
  // so a line an error cuts short is never handed on.
  override entry(): EntryContext {
    const context = super.entry();
    this.onEntry(context);
    return context;
  }
}

/** A node line before its feature name becomes an index and its yes/no become left/right. */
interface TextNode {
  nodeId: number;
  position: SourcePosition;
  kind: XgbNodeRecord['kind'];
  /** Order of the line inside its tree: XGBoost prints the left subtree first. */
  order: number;
  use?: NamedUse;
  threshold?: number;
  thresholdText?: string;
  categories?: number[];
  yes?: number;
  no?: number;
  missing?: number;
  missingPosition?: SourcePosition;
  value?: number;
  gain?: number;
  cover?: number;
}

interface TextTree {
  headerIndex?: number;
  position: SourcePosition;
  nodes: TextNode[];
}

// Any `nid:` line counts, so a damaged last node line is reported by the grammar instead of being cut off as a note.
const DUMP_LINE = /^[ \t]*(booster\[\d+\]:?[ \t]*\r?$|\d+:)/;
const SPECIAL_NUMBERS: Record<string, number> = { inf: Infinity, '-inf': -Infinity, nan: NaN, '-nan': NaN };

function numberOf(token: Token): number {
  const text = token.text!;
  const value = Number(text);
  // Only `inf`, `-inf`, `nan`, `-nan` are not JavaScript number literals; look them up only then.
  return value === value ? value : (SPECIAL_NUMBERS[text] ?? value);
}

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * Significant digits as printed (`-1.77587152e-05` → 9), to recognise the 6-digit dumps of XGBoost ≤ 0.71:
 * the digits of the mantissa without leading zeros. A character loop: it runs on every number of old dumps.
 */
function significantDigits(text: string): number {
  let digits = 0;
  let isLeading = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === LOWER_E || code === UPPER_E) break;
    if (code < ZERO || code > NINE) continue;
    if (isLeading && code === ZERO) continue;
    isLeading = false;
    digits++;
  }
  return digits;
}

/** True when a number text has a decimal point or an exponent (integers say nothing about precision). */
function hasFraction(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === DOT || code === LOWER_E || code === UPPER_E) return true;
  }
  return false;
}

/** Where the dump starts and ends inside wrapper text (FORMATS.md section 0). */
function dumpRange(text: string): { startLine: number; startIndex: number; endIndex: number; trailingLines: number } {
  const detected = detectFormat(text);
  const startLine = detected?.kind === 'xgboost-text' ? detected.line : 1;
  let startIndex = 0;
  for (let line = 1; line < startLine; line++) startIndex = text.indexOf('\n', startIndex) + 1;
  // The last line that looks like a dump line ends the dump; notes after it are cut off.
  let endIndex = text.length;
  let trailingLines = 0;
  while (endIndex > startIndex) {
    const lineStart = text.lastIndexOf('\n', endIndex - 1) + 1;
    const line = text.slice(lineStart, endIndex);
    if (DUMP_LINE.test(line)) break;
    if (line.trim() !== '') trailingLines++;
    endIndex = lineStart > 0 ? lineStart - 1 : 0;
    if (lineStart === 0) break;
  }
  if (endIndex <= startIndex) endIndex = text.length;
  return { startLine, startIndex, endIndex, trailingLines };
}

/**
 * XGBoost text dump → IR: `dump_model` / CLI files (`booster[i]:`), R `xgb.dump` (`booster[i]`),
 * and headerless `get_dump` strings (a `0:` line starts the next tree). Structure comes from the
 * node ids (FORMATS.md C.1, E.2). The objective, base_score and num_class come from `options` or are
 * guessed with warnings (C.4); `options.featureMap` gives feature indices and types (C.2).
 */
export function parseXgboostText(text: string, fileName: string, options: ParseOptions): TreeModel {
  // Forced `--format xgboost` on JSON the sniffer did not place (a single tree from get_dump(dump_format='json')).
  const first = text[text.search(/\S/)];
  if (first === '{' || first === '[') {
    return /^\s*\{\s*"learner"\s*:/.test(text) ? parseXgboostModelJson(text, fileName, options) : parseXgboostJsonDump(text, fileName, options);
  }
  const { startLine, startIndex, endIndex, trailingLines } = dumpRange(text);
  const lineOffset = startLine - 1;
  const warnings: ImportWarning[] = [];
  if (startLine > 1 && text.slice(0, startIndex).trim() !== '') {
    warnings.push({ code: 'W_WRAPPER_TEXT', message: `Skipped ${startLine - 1} line(s) of text before the XGBoost dump.`, position: { line: 1, column: 1 } });
  }
  if (trailingLines > 0) {
    warnings.push({ code: 'W_WRAPPER_TEXT', message: `Skipped ${trailingLines} line(s) of text after the XGBoost dump.` });
  }
  const positionOf = (token: Token | null | undefined): SourcePosition =>
    token ? { line: token.line + lineOffset, column: token.column + 1 } : { line: startLine, column: 1 };
  const fail = (detail: string, position?: SourcePosition): never => {
    throw xgbError('E_PARSE_STRUCTURE', fileName, detail, position, text);
  };
  // The name starts one column after the `[` that begins its token.
  const nameUse = (printed: string, token: Token): NamedUse => {
    const name = unescapeName(printed);
    return { name, ...(name !== printed ? { printed } : {}), position: { line: token.line + lineOffset, column: token.column + 2 } };
  };

  // What the lines say, filled as the parser finishes each line; a second (exact) pass after a
  // syntax error starts again from nothing.
  let trees: TextTree[] = [];
  let current: TextTree | undefined;
  let headerStyle: 'python' | 'r' | 'none' = 'none';
  let hasStats = false;
  let maxDigits = 0;
  let sixDigitNumbers = 0;
  // A finite number in the text that float32 cannot hold (1e400, 1e39) reads as ±Infinity: say so, with where.
  let overflow: { count: number; text: string; position: SourcePosition } | undefined;
  // Thrown once the whole text has parsed, so a syntax error anywhere is still reported first.
  let unsupported: Error | undefined;
  const startPass = () => {
    trees = [];
    current = undefined;
    headerStyle = 'none';
    hasStats = false;
    maxDigits = 0;
    sixDigitNumbers = 0;
    overflow = undefined;
    unsupported = undefined;
  };
  const noteOverflow = (value: number, token: Token): void => {
    if (Number.isFinite(value) || value !== value || /inf/i.test(token.text!)) return;
    if (overflow) overflow.count++;
    else overflow = { count: 1, text: token.text!, position: positionOf(token) };
  };
  const noteDigits = (text: string) => {
    // One number with more than 6 digits settles it. Integer-typed features print ceil(threshold) as an integer at
    // any precision, so integers say nothing.
    if (maxDigits > 6 || !hasFraction(text)) return;
    const digits = significantDigits(text);
    maxDigits = Math.max(maxDigits, digits);
    if (digits === 6) sixDigitNumbers++;
  };

  const readLine = (line: EntryContext): void => {
    const booster = line._booster;
    if (booster) {
      const token = booster;
      const headerText = token.text!;
      headerStyle = headerText.endsWith(':') ? 'python' : 'r';
      current = { headerIndex: Number(/\d+/.exec(headerText)![0]), position: positionOf(token), nodes: [] };
      trees.push(current);
      return;
    }
    const vectorLeaf = line._vectorLeaf;
    if (vectorLeaf) {
      unsupported ??= xgbError(
        'E_PARSE_UNSUPPORTED',
        fileName,
        'this is a multi-target (vector-leaf) tree: the text dump truncates its leaf vectors, so it cannot be evaluated. Load the model JSON instead.',
        positionOf(vectorLeaf),
        text,
      );
      return;
    }
    const idToken = line._nodeId!;
    const nodeId = Number(idToken.text);
    if (!current || (nodeId === 0 && current.nodes.length > 0)) {
      current = { position: positionOf(idToken), nodes: [] };
      trees.push(current);
    }
    const node: TextNode = { nodeId, position: positionOf(idToken), kind: 'leaf', order: current.nodes.length };
    if (line._cover) {
      node.cover = numberOf(line._cover);
      hasStats = true;
    }
    if (line._value) {
      node.value = Math.fround(numberOf(line._value!));
      noteOverflow(node.value, line._value!);
      noteDigits(line._value!.text!);
    } else {
      node.yes = Number(line._yesId!.text);
      node.no = Number(line._noId!.text);
      if (line._missingId) {
        node.missing = Number(line._missingId.text);
        node.missingPosition = positionOf(line._missingId);
      }
      if (line._gain) {
        node.gain = numberOf(line._gain);
        hasStats = true;
      }
      const numericHead = line._numericHead;
      const categoricalHead = line._categoricalHead;
      if (numericHead) {
        const head = numericHead;
        node.kind = 'numeric';
        node.use = nameUse(head.text!.slice(1, -1), head);
        node.thresholdText = line._threshold!.text!;
        node.threshold = Math.fround(numberOf(line._threshold!));
        noteOverflow(node.threshold, line._threshold!);
        noteDigits(node.thresholdText);
      } else if (categoricalHead) {
        const head = categoricalHead;
        node.kind = 'categorical';
        node.use = nameUse(head.text!.slice(1, -2), head);
        node.categories = line._categories.map((token) => Number(token.text));
      } else {
        const token = line._indicator!;
        node.kind = 'indicator';
        node.use = nameUse(token.text!.slice(1, -1), token);
      }
    }
    current.nodes.push(node);
  };

  parseWithGrammar({
    text: text.slice(startIndex, endIndex),
    fileName,
    format: 'xgboost',
    createLexer: (input) => new XGBoostTextLexer(input),
    createParser: (tokens) => new EntryReadingParser(tokens),
    createTokenSource: (dumpText) => new XgboostTokenSource(dumpText),
    entry: (parser) => {
      startPass();
      parser.onEntry = readLine;
      parser.dump();
    },
    lineOffset,
    originalText: text,
  });
  if (unsupported) throw unsupported;
  if (trees.length === 0) fail('the dump holds no trees', { line: startLine, column: 1 });

  const featureMap: FeatureMapEntry[] | undefined = options.featureMap ? parseFeatureMap(options.featureMap, fileName) : undefined;
  const uses = trees.flatMap((tree) => tree.nodes.flatMap((node) => (node.use ? [node.use] : [])));
  const resolution = resolveFeatures(uses, featureMap, fileName, text);
  warnings.push(...resolution.warnings);

  let indicatorCount = 0;
  let missingDefaulted = 0;
  const integerTyped = new Set<string>();
  const builtTrees: TreeNode[][] = trees.map((tree, treeIndex) => {
    const label = tree.headerIndex !== undefined ? `booster[${tree.headerIndex}]` : `tree ${treeIndex}`;
    if (tree.nodes.length === 0) fail(`${label} has no nodes`, tree.position);
    if (tree.headerIndex !== undefined && tree.headerIndex !== treeIndex) {
      warnings.push({ code: 'W_XGB_BOOSTER_INDEX', message: `${label} is tree ${treeIndex} of the file; trees are numbered by their order in the file.`, position: tree.position });
    }
    const records = new Map<number, XgbNodeRecord>();
    const orderOf = new Map<number, number>();
    for (const node of tree.nodes) {
      if (records.has(node.nodeId)) fail(`node ${node.nodeId} appears twice in ${label}`, node.position);
      orderOf.set(node.nodeId, node.order);
      records.set(node.nodeId, { nodeId: node.nodeId, position: node.position, kind: node.kind, value: node.value, gain: node.gain, cover: node.cover });
    }
    for (const node of tree.nodes) {
      if (node.kind === 'leaf') continue;
      const record = records.get(node.nodeId)!;
      const yes = node.yes!;
      const no = node.no!;
      if (yes === no) fail(`node ${node.nodeId} sends yes and no to the same node ${yes}`, node.position);
      record.feature = resolution.indexOf(node.use!.name);
      const feature = resolution.features[record.feature];
      if (feature?.featureType === 'int') integerTyped.add(feature.name);
      if (node.kind === 'indicator') {
        indicatorCount++;
        // `no` is the default (missing) child and `yes` the other one; which is left only shows in the printing order.
        const yesFirst = (orderOf.get(yes) ?? Infinity) < (orderOf.get(no) ?? Infinity);
        record.left = yesFirst ? yes : no;
        record.right = yesFirst ? no : yes;
        record.presentGoes = yesFirst ? 'left' : 'right';
        continue;
      }
      if (node.missing !== undefined && node.missing !== yes && node.missing !== no) {
        fail(`node ${node.nodeId} sends missing values to node ${node.missing}, which is neither its yes (${yes}) nor its no (${no}) child`, node.missingPosition);
      }
      if (node.kind === 'numeric') {
        record.threshold = node.threshold;
        record.left = yes;
        record.right = no;
      } else {
        // Categorical lines flip the meaning: yes is the RIGHT child, taken by the categories in the braces.
        record.categories = node.categories;
        record.left = no;
        record.right = yes;
      }
      if (node.missing === undefined) missingDefaulted++;
      record.defaultLeft = node.missing === undefined ? false : node.missing === record.left;
    }
    return assembleTree(records, label, fail);
  });

  if (overflow) {
    warnings.push({
      code: 'W_NUMBER_OVERFLOW',
      message:
        `${overflow.count === 1 ? 'A number' : `${overflow.count} numbers`} in this dump (first: '${overflow.text.slice(0, 40)}') ` +
        'lie beyond float32, the precision XGBoost keeps, and read as ±Infinity; predictions reaching them are ±Infinity or NaN.',
      position: overflow.position,
    });
  }
  if (maxDigits <= 6 && sixDigitNumbers > 0) {
    warnings.push({
      code: 'W_XGB_LOSSY',
      message:
        'Numbers in this dump have at most 6 significant digits (XGBoost ≤ 0.71): thresholds and leaf values are rounded, so inputs close to a ' +
        'threshold may take the other branch and margins can differ from XGBoost’s in the 6th digit.',
    });
  }
  if (integerTyped.size > 0) {
    warnings.push({
      code: 'W_XGB_LOSSY',
      message:
        `The feature map types ${[...integerTyped].map((name) => `'${name}'`).join(', ')} as int: XGBoost printed ceil(threshold) for them, which is exact for ` +
        'integer inputs only; non-integer inputs may take the other branch.',
    });
  }
  if (indicatorCount > 0) {
    warnings.push({
      code: 'W_XGB_INDICATOR',
      message:
        `${indicatorCount} indicator split(s) (feature-map type i) print no threshold: a present value goes to 'yes' and a missing one to 'no'. ` +
        'Any present value counts, so a 0 in a dense row is not treated as absent; leave absent one-hot entries empty.',
    });
  }
  if (missingDefaulted > 0) {
    warnings.push({
      code: 'W_XGB_NO_MISSING',
      message: `${missingDefaulted} numeric or categorical split(s) print no 'missing=' child; missing values are sent to the right ('no' for numeric splits).`,
    });
  }

  const headerText = { python: 'booster[i]: headers', r: 'R booster[i] headers', none: 'no headers (get_dump)' }[headerStyle];
  const metadata: Record<string, string> = {
    dump: 'text',
    headers: headerText,
    significantDigits: maxDigits <= 6 && sixDigitNumbers > 0 ? '6 (XGBoost ≤ 0.71)' : '9',
    stats: hasStats ? 'gain, cover' : 'none',
    featureOrder: resolution.order,
  };
  return finishModel({
    fileName,
    variant: `XGBoost text dump (${headerText}${hasStats ? ', with stats' : ''})`,
    trees: builtTrees,
    features: resolution.features,
    options,
    warnings,
    metadata,
    signatures: trees.map((tree) =>
      tree.nodes.length === 1 ? ['leaf'] : tree.nodes.flatMap((node) => (node.use ? [`${node.use.name}<${node.thresholdText ?? node.kind}`] : [])),
    ),
    position: { line: startLine, column: 1 },
  });
}
