import type { Token, TokenStream } from 'antlr4ng';
import { XGBoostTextLexer } from '../../../grammar/generated/XGBoostText/XGBoostTextLexer';
import { EntryContext, XGBoostTextParser } from '../../../grammar/generated/XGBoostText/XGBoostTextParser';
import type { Feature, ImportWarning, SourcePosition, TreeModel } from '../../model/types';
import { ForestBuilder } from '../../model/forestBuilder';
import { unpackModel } from '../../model/materialize';
import {
  FLAG_DEFAULT_LEFT,
  FLAG_MISSING_LEFT,
  FLAG_OP_LESS,
  FLAG_PRESENT_LEFT,
  MISSING_DEFAULT,
  MISSING_SHIFT,
  NODE_CATEGORICAL,
  NODE_INDICATOR,
  NODE_LEAF,
  NODE_NUMERIC,
  type PackedModel,
} from '../../model/packed';
import { parseWithGrammar, StringCharStream } from '../antlr';
import { parseShortDecimalIn } from '../../data/cells';
import { detectFormat } from '../detect';
import type { ParseOptions } from '../options';
import { parseFeatureMap, resolveFeatures, unescapeName, xgbError, type FeatureMapEntry, type NamedUse } from './xgboostModel';
import { finishHeader, finishPacked } from './xgboostOutputs';
import { XgboostTokenSource } from './xgboostTokens';

import { parseXgboostJsonDump, parseXgboostModelJson, readXgboostJsonDumpPacked, readXgboostModelJsonPacked } from './xgboostJson';

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

// Any `nid:` line counts, so a damaged last node line is reported by the grammar instead of being cut off as a note.
const DUMP_LINE = /^[ \t]*(booster\[\d+\]:?[ \t]*\r?$|\d+:)/;
const SPECIAL_NUMBERS: Record<string, number> = { inf: Infinity, '-inf': -Infinity, nan: NaN, '-nan': NaN };

function numberOf(token: Token): number {
  // Most numbers are short decimals, read from the dump's text without making the token's string
  // (exactly as Number() rounds them; see parseShortDecimalIn). The generated lexer's char stream of
  // a text with characters beyond the BMP counts code points, not string offsets: that one takes the token's text.
  const input = token.inputStream;
  if (input instanceof StringCharStream) {
    const fast = parseShortDecimalIn(input.text, token.start, token.stop + 1);
    if (fast === fast) return fast;
  }
  const text = token.text!;
  const value = Number(text);
  // Only `inf`, `-inf`, `nan`, `-nan` are not JavaScript number literals; look them up only then.
  return value === value ? value : (SPECIAL_NUMBERS[text] ?? value);
}

/** A node id (an INT token: digits only), read as `numberOf` reads numbers. */
function nodeIdOf(token: Token): number {
  const input = token.inputStream;
  // Up to 15 digits the sum below is exact.
  if (input instanceof StringCharStream && token.stop - token.start < 15) {
    const text = input.text;
    let value = 0;
    for (let index = token.start; index <= token.stop; index++) value = value * 10 + (text.charCodeAt(index) - 48);
    return value;
  }
  return Number(token.text);
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

/** Kinds of a node line, in `DumpLines.kind`. */
const LEAF = 0;
const NUMERIC = 1;
const INDICATOR = 2;
const CATEGORICAL = 3;

/** `DumpLines.has` bits: what a node line printed. */
const HAS_GAIN = 1;
const HAS_COVER = 2;
const HAS_MISSING = 4;

/**
 * What the grammar pass keeps of a dump: one row per node line, in file order, in typed columns
 * sized by the dump's line count (no object per node: a 2.7 MB dump has 75,000 of them), and each
 * tree as a range of rows. Feature names are kept once each, in order of first appearance.
 */
class DumpLines {
  private count = 0;
  // Node ids as doubles: a hostile dump may print ids beyond int32, and they must stay what Number() reads.
  readonly nodeId: Float64Array;
  readonly kind: Uint8Array;
  /** Index into `uses` (splits), −1 for leaves. */
  readonly use: Int32Array;
  /** float32 threshold of a numeric split, float32 value of a leaf, 0 otherwise. */
  readonly value: Float64Array;
  readonly yes: Float64Array;
  readonly no: Float64Array;
  readonly missing: Float64Array;
  readonly gain: Float64Array;
  readonly cover: Float64Array;
  /** HAS_* bits. */
  readonly has: Uint8Array;
  /** Position of the node id (the line's start) and the column of its `missing=` child. */
  readonly line: Int32Array;
  readonly column: Int32Array;
  readonly missingColumn: Int32Array;
  /** Categorical splits: their categories are `categories[categoryStart[row] … categoryStart[row + 1])`. */
  readonly categoryStart: Int32Array;
  readonly categories: number[] = [];
  /** Split token of each split (see `guessClassPeriod`), as an index into the distinct tokens; −1 for leaves. */
  readonly signature: Int32Array;
  /** Per feature name (unescaped, as the tokens use it): what follows its `<` in a token → the token's id. */
  private readonly signatureIds = new Map<string, Map<string, number>>();
  private signatureCount = 0;
  /** Each distinct printed feature name, at its first use. */
  readonly uses: NamedUse[] = [];
  readonly useIds = new Map<string, number>();
  /** Trees: first row, `booster[i]` number (−1 without a header) and position. */
  readonly treeStart: number[] = [];
  readonly treeHeader: number[] = [];
  readonly treePosition: SourcePosition[] = [];

  /** `capacity`: the most node lines the dump can hold (its line count). */
  constructor(capacity: number) {
    this.nodeId = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.use = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.yes = new Float64Array(capacity);
    this.no = new Float64Array(capacity);
    this.missing = new Float64Array(capacity);
    this.gain = new Float64Array(capacity);
    this.cover = new Float64Array(capacity);
    this.has = new Uint8Array(capacity);
    this.line = new Int32Array(capacity);
    this.column = new Int32Array(capacity);
    this.missingColumn = new Int32Array(capacity);
    this.categoryStart = new Int32Array(capacity + 1);
    this.signature = new Int32Array(capacity);
  }

  add(
    nodeId: number,
    kind: number,
    use: number,
    value: number,
    yes: number,
    no: number,
    missing: number,
    gain: number,
    cover: number,
    has: number,
    line: number,
    column: number,
    missingColumn: number,
    signature: number,
  ): void {
    const row = this.count++;
    this.nodeId[row] = nodeId;
    this.kind[row] = kind;
    this.use[row] = use;
    this.value[row] = value;
    this.yes[row] = yes;
    this.no[row] = no;
    this.missing[row] = missing;
    this.gain[row] = gain;
    this.cover[row] = cover;
    this.has[row] = has;
    this.line[row] = line;
    this.column[row] = column;
    this.missingColumn[row] = missingColumn;
    this.categoryStart[row + 1] = this.categories.length;
    this.signature[row] = signature;
  }

  get trees(): number {
    return this.treeStart.length;
  }

  /** Node lines read so far. */
  get rows(): number {
    return this.count;
  }

  /** One past the last row of `tree`. */
  treeEnd(tree: number): number {
    return tree + 1 < this.treeStart.length ? this.treeStart[tree + 1] : this.count;
  }

  startTree(header: number, position: SourcePosition): void {
    this.treeStart.push(this.count);
    this.treeHeader.push(header);
    this.treePosition.push(position);
  }

  positionOf(row: number): SourcePosition {
    return { line: this.line[row], column: this.column[row] };
  }

  /** The id of the split token `name<condition` (the threshold as printed, `categorical` or `indicator`). */
  signatureOf(use: number, condition: string): number {
    const name = this.uses[use].name;
    let ofName = this.signatureIds.get(name);
    if (ofName === undefined) {
      ofName = new Map();
      this.signatureIds.set(name, ofName);
    }
    let id = ofName.get(condition);
    if (id === undefined) {
      id = this.signatureCount++;
      ofName.set(condition, id);
    }
    return id;
  }
}

/** Signature id of a one-node tree (the `leaf` token of `guessClassPeriod`). */
const SINGLE_NODE_SIGNATURE = -1;

/**
 * XGBoost text dump → IR: `dump_model` / CLI files (`booster[i]:`), R `xgb.dump` (`booster[i]`),
 * and headerless `get_dump` strings (a `0:` line starts the next tree). Structure comes from the
 * node ids (FORMATS.md C.1, E.2). The objective, base_score and num_class come from `options` or are
 * guessed with warnings (C.4); `options.featureMap` gives feature indices and types (C.2).
 */
export function parseXgboostText(text: string, fileName: string, options: ParseOptions): TreeModel {
  if (isJsonText(text)) return parseForcedJson(text, fileName, options);
  return unpackModel(readXgboostTextPacked(text, fileName, options));
}

/** `--format xgboost` forced on JSON the sniffer did not place (a single tree from get_dump(dump_format='json')). */
function isJsonText(text: string): boolean {
  const first = text[text.search(/\S/)];
  return first === '{' || first === '[';
}

/** Forced JSON that is a saved model (`save_model("model.json")`), not a JSON dump. */
const MODEL_JSON = /^\s*\{\s*"learner"\s*:/;

function parseForcedJson(text: string, fileName: string, options: ParseOptions): TreeModel {
  return MODEL_JSON.test(text) ? parseXgboostModelJson(text, fileName, options) : parseXgboostJsonDump(text, fileName, options);
}

/**
 * `parseXgboostText` straight into the packed form: the grammar pass keeps each node line as a row
 * of number columns (`DumpLines`), then each tree is checked and packed in turn, so no node object
 * is made for the whole model.
 */
export function readXgboostTextPacked(text: string, fileName: string, options: ParseOptions): PackedModel {
  if (isJsonText(text)) {
    if (MODEL_JSON.test(text)) return readXgboostModelJsonPacked(text, fileName, options);
    return readXgboostJsonDumpPacked(text, fileName, options);
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

  // What the lines say, filled as the parser finishes each line; a second (exact) pass after a
  // syntax error starts again from nothing.
  const dumpText = text.slice(startIndex, endIndex);
  let lineCount = 1;
  for (let at = dumpText.indexOf('\n'); at >= 0; at = dumpText.indexOf('\n', at + 1)) lineCount++;
  let lines = new DumpLines(lineCount);
  let headerStyle: 'python' | 'r' | 'none' = 'none';
  let hasStats = false;
  let maxDigits = 0;
  let sixDigitNumbers = 0;
  // A finite number in the text that float32 cannot hold (1e400, 1e39) reads as ±Infinity: say so, with where.
  let overflow: { count: number; text: string; position: SourcePosition } | undefined;
  // Thrown once the whole text has parsed, so a syntax error anywhere is still reported first.
  let unsupported: Error | undefined;
  const startPass = () => {
    lines = new DumpLines(lineCount);
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
  const noteDigits = (token: Token, printed?: string) => {
    // One number with more than 6 digits settles it. Integer-typed features print ceil(threshold) as an integer at
    // any precision, so integers say nothing.
    if (maxDigits > 6) return;
    const text = printed ?? token.text!;
    if (!hasFraction(text)) return;
    const digits = significantDigits(text);
    maxDigits = Math.max(maxDigits, digits);
    if (digits === 6) sixDigitNumbers++;
  };
  // A split's feature as printed; the name starts one column after the `[` that begins its token.
  const useOf = (printed: string, token: Token): number => {
    let id = lines.useIds.get(printed);
    if (id === undefined) {
      id = lines.uses.length;
      lines.useIds.set(printed, id);
      const name = unescapeName(printed);
      const use: NamedUse = { name, position: { line: token.line + lineOffset, column: token.column + 2 } };
      if (name !== printed) use.printed = printed;
      lines.uses.push(use);
    }
    return id;
  };

  const readLine = (line: EntryContext): void => {
    const booster = line._booster;
    if (booster) {
      const headerText = booster.text!;
      headerStyle = headerText.endsWith(':') ? 'python' : 'r';
      lines.startTree(Number(/\d+/.exec(headerText)![0]), positionOf(booster));
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
    const nodeId = nodeIdOf(idToken);
    const trees = lines.trees;
    if (trees === 0 || (nodeId === 0 && lines.treeEnd(trees - 1) > lines.treeStart[trees - 1])) lines.startTree(-1, positionOf(idToken));
    let has = 0;
    let kind = LEAF;
    let use = -1;
    let value = 0;
    let yes = -1;
    let no = -1;
    let missing = -1;
    let missingColumn = 0;
    let gain = 0;
    let cover = 0;
    let signature = -1;
    if (line._cover) {
      cover = numberOf(line._cover);
      has |= HAS_COVER;
      hasStats = true;
    }
    if (line._value) {
      value = Math.fround(numberOf(line._value));
      noteOverflow(value, line._value);
      noteDigits(line._value);
    } else {
      yes = nodeIdOf(line._yesId!);
      no = nodeIdOf(line._noId!);
      if (line._missingId) {
        missing = nodeIdOf(line._missingId);
        missingColumn = line._missingId.column + 1;
        has |= HAS_MISSING;
      }
      if (line._gain) {
        gain = numberOf(line._gain);
        has |= HAS_GAIN;
        hasStats = true;
      }
      const numericHead = line._numericHead;
      const categoricalHead = line._categoricalHead;
      if (numericHead) {
        kind = NUMERIC;
        use = useOf(numericHead.text!.slice(1, -1), numericHead);
        const thresholdText = line._threshold!.text!;
        value = Math.fround(numberOf(line._threshold!));
        noteOverflow(value, line._threshold!);
        noteDigits(line._threshold!, thresholdText);
        signature = lines.signatureOf(use, thresholdText);
      } else if (categoricalHead) {
        kind = CATEGORICAL;
        use = useOf(categoricalHead.text!.slice(1, -2), categoricalHead);
        for (const token of line._categories) lines.categories.push(Number(token.text));
        signature = lines.signatureOf(use, 'categorical');
      } else {
        kind = INDICATOR;
        const token = line._indicator!;
        use = useOf(token.text!.slice(1, -1), token);
        signature = lines.signatureOf(use, 'indicator');
      }
    }
    lines.add(nodeId, kind, use, value, yes, no, missing, gain, cover, has, idToken.line + lineOffset, idToken.column + 1, missingColumn, signature);
  };

  parseWithGrammar({
    text: dumpText,
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
  if (lines.trees === 0) fail('the dump holds no trees', { line: startLine, column: 1 });

  const featureMap: FeatureMapEntry[] | undefined = options.featureMap ? parseFeatureMap(options.featureMap, fileName) : undefined;
  const resolution = resolveFeatures(lines.uses, featureMap, fileName, text);
  warnings.push(...resolution.warnings);
  const featureOfUse = lines.uses.map((use) => resolution.indexOf(use.name));

  const packed = packTrees(lines, featureOfUse, resolution.features, options.keepsDetails ?? true, fail, warnings);

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
  if (packed.integerTyped.size > 0) {
    warnings.push({
      code: 'W_XGB_LOSSY',
      message:
        `The feature map types ${[...packed.integerTyped].map((name) => `'${name}'`).join(', ')} as int: XGBoost printed ceil(threshold) for them, which is exact for ` +
        'integer inputs only; non-integer inputs may take the other branch.',
    });
  }
  if (packed.indicatorCount > 0) {
    warnings.push({
      code: 'W_XGB_INDICATOR',
      message:
        `${packed.indicatorCount} indicator split(s) (feature-map type i) print no threshold: a present value goes to 'yes' and a missing one to 'no'. ` +
        'Any present value counts, so a 0 in a dense row is not treated as absent; leave absent one-hot entries empty.',
    });
  }
  if (packed.missingDefaulted > 0) {
    warnings.push({
      code: 'W_XGB_NO_MISSING',
      message: `${packed.missingDefaulted} numeric or categorical split(s) print no 'missing=' child; missing values are sent to the right ('no' for numeric splits).`,
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
  return finishPacked(
    packed.builder,
    finishHeader({
      fileName,
      variant: `XGBoost text dump (${headerText}${hasStats ? ', with stats' : ''})`,
      treeCount: lines.trees,
      categoricalFeatures: packed.categoricalFeatures,
      features: resolution.features,
      options,
      warnings,
      metadata,
      signatures: treeSignatures(lines),
      position: { line: startLine, column: 1 },
    }),
  );
}

/** The split tokens of each tree, as `guessClassPeriod` compares them: a one-node tree is the single-node token. */
function treeSignatures(lines: DumpLines): number[][] {
  const signatures: number[][] = [];
  for (let tree = 0; tree < lines.trees; tree++) {
    const start = lines.treeStart[tree];
    const end = lines.treeEnd(tree);
    if (end - start === 1) {
      signatures.push([SINGLE_NODE_SIGNATURE]);
      continue;
    }
    const tokens: number[] = [];
    for (let row = start; row < end; row++) if (lines.signature[row] >= 0) tokens.push(lines.signature[row]);
    signatures.push(tokens);
  }
  return signatures;
}

/**
 * Checks each tree of `lines` and packs it, in pre-order from XGBoost node 0 (left subtree first,
 * as XGBoost prints), so a node's `sourceId` is XGBoost's node id (what `pred_leaf` reports).
 * Yes/no become left/right: numeric `yes` is left (`x < threshold`); categorical `yes` is right (the
 * categories in the braces); an indicator's present side is whichever child is printed first.
 */
function packTrees(
  lines: DumpLines,
  featureOfUse: readonly number[],
  features: readonly Feature[],
  keepsDetails: boolean,
  fail: (detail: string, position?: SourcePosition) => never,
  warnings: ImportWarning[],
): { builder: ForestBuilder; categoricalFeatures: Set<number>; integerTyped: Set<string>; indicatorCount: number; missingDefaulted: number } {
  const builder = new ForestBuilder(keepsDetails);
  // Every node line becomes a node (a tree with one it cannot place is refused): the columns are sized once.
  builder.reserve(lines.rows);
  const categoricalFeatures = new Set<number>();
  const integerTyped = new Set<string>();
  let indicatorCount = 0;
  let missingDefaulted = 0;
  // Per tree, by row inside the tree: its left and right children, whether missing goes left
  // (indicators: whether a present value does) and its pre-order id (−1 not reached, −2 on the stack).
  let scratch = new Int32Array(0);
  let children = new Float64Array(0);
  const rowOf = new Map<number, number>();
  for (let tree = 0; tree < lines.trees; tree++) {
    const start = lines.treeStart[tree];
    const count = lines.treeEnd(tree) - start;
    const headerIndex = lines.treeHeader[tree];
    const label = headerIndex >= 0 ? `booster[${headerIndex}]` : `tree ${tree}`;
    if (count === 0) fail(`${label} has no nodes`, lines.treePosition[tree]);
    if (headerIndex >= 0 && headerIndex !== tree) {
      warnings.push({ code: 'W_XGB_BOOSTER_INDEX', message: `${label} is tree ${tree} of the file; trees are numbered by their order in the file.`, position: lines.treePosition[tree] });
    }
    rowOf.clear();
    for (let row = start; row < start + count; row++) {
      const nodeId = lines.nodeId[row];
      if (rowOf.has(nodeId)) fail(`node ${nodeId} appears twice in ${label}`, lines.positionOf(row));
      rowOf.set(nodeId, row - start);
    }
    if (scratch.length < 4 * count) scratch = new Int32Array(4 * count);
    if (children.length < 2 * count) children = new Float64Array(2 * count);
    // Children as printed node ids (doubles, as the ids are).
    const left = children.subarray(0, count);
    const right = children.subarray(count, 2 * count);
    const goesLeft = scratch.subarray(0, count);
    const idOf = scratch.subarray(count, 2 * count).fill(-1);
    const order = scratch.subarray(2 * count, 3 * count);
    const stack = scratch.subarray(3 * count, 4 * count);
    // Child node ids as printed; −1 where the tree has no such node (reported by the walk below).
    const local = (nodeId: number): number => rowOf.get(nodeId) ?? -1;
    for (let index = 0; index < count; index++) {
      const row = start + index;
      const kind = lines.kind[row];
      if (kind === LEAF) continue;
      const yes = lines.yes[row];
      const no = lines.no[row];
      if (yes === no) fail(`node ${lines.nodeId[row]} sends yes and no to the same node ${yes}`, lines.positionOf(row));
      const feature = featureOfUse[lines.use[row]];
      if (features[feature]?.featureType === 'int') integerTyped.add(features[feature].name);
      if (kind === INDICATOR) {
        indicatorCount++;
        // `no` is the default (missing) child and `yes` the other one; which is left only shows in the printing order.
        const yesFirst = (rowOf.get(yes) ?? Infinity) < (rowOf.get(no) ?? Infinity);
        left[index] = yesFirst ? yes : no;
        right[index] = yesFirst ? no : yes;
        goesLeft[index] = yesFirst ? 1 : 0;
        continue;
      }
      const hasMissing = (lines.has[row] & HAS_MISSING) !== 0;
      const missing = lines.missing[row];
      if (hasMissing && missing !== yes && missing !== no) {
        fail(
          `node ${lines.nodeId[row]} sends missing values to node ${missing}, which is neither its yes (${yes}) nor its no (${no}) child`,
          { line: lines.line[row], column: lines.missingColumn[row] },
        );
      }
      if (kind === CATEGORICAL) categoricalFeatures.add(feature);
      // Categorical lines flip the meaning: yes is the RIGHT child, taken by the categories in the braces.
      left[index] = kind === NUMERIC ? yes : no;
      right[index] = kind === NUMERIC ? no : yes;
      if (!hasMissing) missingDefaulted++;
      goesLeft[index] = hasMissing && missing === left[index] ? 1 : 0;
    }

    // Pre-order from node 0; every child must exist and be reached once, and every node be reached.
    const root = rowOf.get(0);
    if (root === undefined) fail(`${label} has no node 0 (its root)`, lines.positionOf(start));
    let reached = 0;
    let depth = 0;
    stack[depth++] = root!;
    idOf[root!] = -2;
    while (depth > 0) {
      const index = stack[--depth];
      idOf[index] = reached;
      order[reached++] = index;
      if (lines.kind[start + index] === LEAF) continue;
      for (const childId of [right[index], left[index]]) {
        const child = local(childId);
        if (child < 0) fail(`node ${lines.nodeId[start + index]} of ${label} points to node ${childId}, which the tree does not have`, lines.positionOf(start + index));
        if (idOf[child] !== -1) fail(`node ${childId} of ${label} is reached twice`, lines.positionOf(start + index));
        idOf[child] = -2;
        stack[depth++] = child;
      }
    }
    if (reached !== count) {
      let orphan = 0;
      while (idOf[orphan] >= 0) orphan++;
      fail(`node ${lines.nodeId[start + orphan]} of ${label} is not reachable from the root`, lines.positionOf(start + orphan));
    }

    // Each tree's output and weight are known once the objective is read (`finishHeader`).
    builder.beginTree(0, 1, count);
    for (let id = 0; id < count; id++) {
      const index = order[id];
      const row = start + index;
      const has = lines.has[row];
      const gain = has & HAS_GAIN ? lines.gain[row] : undefined;
      const cover = has & HAS_COVER ? lines.cover[row] : undefined;
      const kind = lines.kind[row];
      const sourceId = lines.nodeId[row];
      const line = lines.line[row];
      const column = lines.column[row];
      if (kind === LEAF) {
        builder.addRow(NODE_LEAF, 0, -1, -1, -1, lines.value[row], sourceId, undefined, gain, undefined, cover, undefined, line, column);
        continue;
      }
      const feature = featureOfUse[lines.use[row]];
      const leftId = idOf[local(left[index])];
      const rightId = idOf[local(right[index])];
      if (kind === NUMERIC) {
        // `x < threshold` (float32), missing → the default side.
        const flags = FLAG_OP_LESS | (MISSING_DEFAULT << MISSING_SHIFT) | (goesLeft[index] ? FLAG_DEFAULT_LEFT : 0);
        builder.addRow(NODE_NUMERIC, flags, feature, leftId, rightId, lines.value[row], sourceId, undefined, gain, undefined, cover, undefined, line, column);
      } else if (kind === CATEGORICAL) {
        // In the set → right, missing → the default side, truncating match.
        const set = [...new Set(lines.categories.slice(lines.categoryStart[row], lines.categoryStart[row + 1]))].sort((a, b) => a - b);
        builder.addRow(NODE_CATEGORICAL, goesLeft[index] ? FLAG_MISSING_LEFT : 0, feature, leftId, rightId, 0, sourceId, set, gain, undefined, cover, undefined, line, column);
      } else {
        builder.addRow(NODE_INDICATOR, goesLeft[index] ? FLAG_PRESENT_LEFT : 0, feature, leftId, rightId, 0, sourceId, undefined, gain, undefined, cover, undefined, line, column);
      }
    }
    builder.endTree();
  }
  return { builder, categoricalFeatures, integerTyped, indicatorCount, missingDefaulted };
}
