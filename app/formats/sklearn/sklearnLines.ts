/**
 * Line-level reading of scikit-learn `export_text`: where the tree starts and ends inside a file
 * with wrapper text, the spacing, and each line's depth and meaning. The grammar classifies lines;
 * this module checks the prefix shape (which depends on the spacing) and splits split lines.
 */
import type { LineContext } from '../../../grammar/generated/SklearnText/SklearnTextParser';
import { ModelParseError, sourceLineAt } from '../errors';

/** One tree line, as read. `line` and `column` are 1-based in the whole file. */
export interface SklearnLine {
  line: number;
  /** The line's depth: 1 for the root's branch lines (and for a one-leaf tree's only line). */
  depth: number;
  /** Column where the text after the prefix and its space starts. */
  contentColumn: number;
  kind: 'left' | 'right' | 'class' | 'weights' | 'value' | 'truncated';
  /** Split lines: the feature name as printed (any characters, trailing spaces kept). */
  name?: string;
  thresholdText?: string;
  /** Column of the threshold text. */
  thresholdColumn?: number;
  /** Class leaves: the label text after `class: `. */
  label?: string;
  /** `weights: […]` / `value: […]` texts. */
  numbers?: string[];
  truncatedDepth?: number;
}

/** Where the tree sits in the file. Lines are 1-based and inclusive. */
export interface TreeRegion {
  firstLine: number;
  lastLine: number;
  spacing: number;
  /** Character offsets of the region in the text. */
  start: number;
  end: number;
}

const FIRST_LINE = /^\|(-+) /;
// Python's `format(x, '.Nf')` after ` <= ` / ` >  ` at the end of a split line.
// Spaces after the threshold are not part of it (the grammar skips them too).
const SPLIT_TAIL = / (<=|> ) (-?[0-9]+(?:\.[0-9]+)?|-?inf|nan) *$/;

function fail(fileName: string, text: string, line: number, column: number, detail: string, code: 'E_PARSE_SYNTAX' | 'E_PARSE_STRUCTURE' | 'E_PARSE_UNSUPPORTED' = 'E_PARSE_STRUCTURE'): never {
  throw new ModelParseError({ code, fileName, format: 'sklearn', position: { line, column }, sourceLine: sourceLineAt(text, line), detail });
}

/**
 * Walks the `|   |   ` levels of a line's prefix for `spacing`: the depth the branch marker would
 * have, where it should start, the marker itself, and whether it is there.
 */
function readPrefix(raw: string, spacing: number): { depth: number; position: number; branch: string; hasBranch: boolean } {
  const level = '|' + ' '.repeat(spacing);
  const branch = '|' + '-'.repeat(spacing) + ' ';
  let position = 0;
  let depth = 1;
  while (raw.startsWith(level, position)) {
    position += spacing + 1;
    depth++;
  }
  return { depth, position, branch, hasBranch: raw.startsWith(branch, position) };
}

/** The depth of a line that follows the `|…|---` prefix shape of `spacing`, or undefined. */
function depthOf(raw: string, spacing: number): number | undefined {
  const prefix = readPrefix(raw, spacing);
  return prefix.hasBranch ? prefix.depth : undefined;
}

/**
 * Finds the tree inside `lines` (without line breaks): from the first `|---` line to the last
 * well-formed tree line. Everything else is wrapper text. A second tree after wrapper text is
 * rejected: export_text prints one tree, and joined forests have no agreed layout.
 */
export function findTreeRegion(text: string, lines: string[], fileName: string): TreeRegion {
  const first = lines.findIndex((line) => FIRST_LINE.test(line));
  if (first < 0) {
    fail(fileName, text, 1, 1, "no scikit-learn export_text tree found: expected a line starting with '|--- '", 'E_PARSE_SYNTAX');
  }
  const spacing = FIRST_LINE.exec(lines[first])![1].length;
  let last = first;
  while (last + 1 < lines.length && lines[last + 1].startsWith('|')) last++;
  // Tree lines after a gap of other text: either a second tree or stray text inside this one.
  let later = -1;
  for (let index = lines.length - 1; index > last; index--) {
    if (depthOf(lines[index], spacing) !== undefined) {
      later = index;
      break;
    }
  }
  if (later >= 0) {
    const rootLines = lines.slice(first, last + 1).filter((line) => depthOf(line, spacing) === 1).length;
    const gapEnd = lines.findIndex((line, index) => index > last && line.startsWith('|'));
    if (rootLines >= 2 && depthOf(lines[gapEnd], spacing) === 1) {
      fail(fileName, text, gapEnd + 1, 1, `a second tree starts here (the first ends at line ${last + 1}): one export_text tree per file is supported; save each tree of a forest to its own file`, 'E_PARSE_UNSUPPORTED');
    }
    last = later;
  }
  // Offsets in the text itself: `lines` lost their `\r`.
  const offsetOfLine = (line: number) => {
    let offset = 0;
    for (let index = 0; index < line; index++) offset = text.indexOf('\n', offset) + 1;
    return offset;
  };
  const start = offsetOfLine(first);
  const end = last + 1 < lines.length ? offsetOfLine(last + 1) : text.length;
  return { firstLine: first + 1, lastLine: last + 1, spacing, start, end };
}

/**
 * Reads one parsed line: checks the prefix against the spacing (errors point at the first wrong
 * character) and takes the feature name, operator and threshold apart at the last operator.
 */
export function readLine(context: LineContext, raw: string, lineNumber: number, spacing: number, text: string, fileName: string): SklearnLine {
  const { depth, position, branch, hasBranch } = readPrefix(raw, spacing);
  if (!hasBranch) {
    const found = raw.slice(position, position + branch.length);
    let offset = 0;
    while (offset < branch.length && found[offset] === branch[offset]) offset++;
    fail(fileName, text, lineNumber, position + offset + 1, `malformed prefix: expected '${branch}' (spacing ${spacing}, from the first tree line) but found '${found}'`);
  }
  const contentStart = position + branch.length;
  const result: SklearnLine = { line: lineNumber, depth, contentColumn: contentStart + 1, kind: 'class' };
  const classToken = context._label;
  if (context._split) {
    // The raw line, not the token, is split: the prefix token also swallows names that start with `-` or `|`.
    const body = raw.slice(contentStart);
    const tail = SPLIT_TAIL.exec(body)!;
    result.kind = tail[1] === '<=' ? 'left' : 'right';
    result.name = body.slice(0, tail.index);
    result.thresholdText = tail[2];
    result.thresholdColumn = contentStart + tail.index + 5;
  } else if (context._weights) {
    result.kind = 'weights';
    result.numbers = context._numbers.map((token) => token.text!);
    result.label = classToken!.text!.slice('class: '.length);
  } else if (classToken) {
    result.kind = 'class';
    result.label = classToken.text!.slice('class: '.length);
  } else if (context._value) {
    result.kind = 'value';
    result.numbers = context._numbers.map((token) => token.text!);
  } else {
    const depthToken = context._depth!;
    const depthText = depthToken.text!;
    if (!/^[0-9]+$/.test(depthText)) {
      fail(fileName, text, lineNumber, depthToken.column + 1, `expected a whole number after 'truncated branch of depth', found '${depthText}'`);
    }
    result.kind = 'truncated';
    result.truncatedDepth = Number(depthText);
  }
  return result;
}

/**
 * A class leaf whose label happens to end in ` <= 1.5` is lexed as a split, and a split on a feature
 * named `class: …` as a leaf. The next line's depth tells which it is; this re-reads the line.
 */
export function reinterpret(line: SklearnLine, raw: string, asSplit: boolean): SklearnLine | undefined {
  const body = raw.slice(line.contentColumn - 1);
  if (asSplit && line.kind === 'class') {
    const tail = SPLIT_TAIL.exec(body);
    if (!tail) return undefined;
    return { line: line.line, depth: line.depth, contentColumn: line.contentColumn, kind: tail[1] === '<=' ? 'left' : 'right', name: body.slice(0, tail.index), thresholdText: tail[2], thresholdColumn: line.contentColumn + tail.index + 4 };
  }
  if (!asSplit && (line.kind === 'left' || line.kind === 'right') && body.startsWith('class: ')) {
    return { line: line.line, depth: line.depth, contentColumn: line.contentColumn, kind: 'class', label: body.slice('class: '.length) };
  }
  return undefined;
}
