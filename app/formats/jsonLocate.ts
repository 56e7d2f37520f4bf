import type { SourcePosition } from '../model/types';

/*
 * Where a value sits in a JSON text: for error messages, and to cut a big document into the values
 * a reader parses one at a time (`jsonRootSpans`, `jsonArrayElements`). `JSON.parse` keeps no
 * positions, and a position-keeping parser would slow every open; so when a JSON model is refused,
 * this scanner walks the text once more to the value the error is about, skipping everything else
 * without building it. It is iterative (any nesting depth) and stops at the first thing it cannot
 * follow.
 */

/** A step into a JSON document: an object key or an array index. */
export type JsonPathStep = string | number;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function skipBlanks(text: string, at: number): number {
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break;
    at++;
  }
  return at;
}

/** End (exclusive) of the string starting at the quote `at`. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE) return i + 1;
  }
  return text.length;
}

/** End (exclusive) of the value starting at `at` (object, array, string, number or literal). */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return stringEnd(text, at);
  if (first !== 0x7b && first !== 0x5b) {
    let i = at;
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
    return i;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) i = stringEnd(text, i) - 1;
    else if (code === 0x7b || code === 0x5b) depth++;
    else if (code === 0x7d || code === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** The object key at `at` (its quote), decoded as `JSON.parse` decodes it, and where its value starts past the colon; undefined when a key and colon are not there. */
function memberKey(text: string, at: number): { key: unknown; valueAt: number } | undefined {
  if (text.charCodeAt(at) !== QUOTE) return undefined;
  const keyEnd = stringEnd(text, at);
  let key: unknown;
  try {
    key = JSON.parse(text.slice(at, keyEnd));
  } catch {
    return undefined;
  }
  const colon = skipBlanks(text, keyEnd);
  if (text.charCodeAt(colon) !== 0x3a) return undefined;
  return { key, valueAt: skipBlanks(text, colon + 1) };
}

/** Offsets in a JSON text: each root member's value, and the elements of one array member. */
export interface JsonRootSpans {
  /** Each key of the root object (the last of repeated keys wins, as in `JSON.parse`): its value's start and end. */
  members: Map<string, [number, number]>;
  /** The elements of the member named by `list`, when its value is an array: start and end in turn (`[start0, end0, start1, …]`). */
  elements?: number[];
}

/**
 * Cuts the object at the root of `text` into its members, and the array member `list.key` into its
 * elements, without building anything: a reader then parses each piece with `JSON.parse`, one at a
 * time, which also checks it. Undefined when the root is not an object or the text between the
 * pieces is not what JSON has there (keys, colons, commas, blanks, nothing after the object).
 *
 * The pieces are delimited, not checked, and the array's elements may be found quickly from
 * `list.first`, how each element starts (`quickElements`): such a cut is a guess. It is
 * right whenever every piece then parses: pieces that are each a JSON value, joined by commas, make
 * exactly the array of those values. A reader must treat a piece that does not parse as a reason
 * to read the whole document instead, not as an error of the file.
 */
export function jsonRootSpans(text: string, list?: { key: string; first?: ElementStart }): JsonRootSpans | undefined {
  const spans: JsonRootSpans = { members: new Map() };
  let at = skipBlanks(text, 0);
  if (text.charCodeAt(at) !== 0x7b) return undefined;
  at = skipBlanks(text, at + 1);
  if (text.charCodeAt(at) === 0x7d) return skipBlanks(text, at + 1) === text.length ? spans : undefined;
  for (;;) {
    const member = memberKey(text, at);
    if (!member) return undefined;
    const { key } = member;
    at = member.valueAt;
    let end: number;
    if (list && key === list.key) {
      const array = text.charCodeAt(at) === 0x5b ? (list.first ? quickElements(text, at, list.first) : undefined) ?? arrayElements(text, at) : undefined;
      if (array === null) return undefined;
      spans.elements = array?.elements;
      end = array?.end ?? valueEnd(text, at);
    } else {
      end = valueEnd(text, at);
    }
    if (end <= at) return undefined;
    spans.members.set(key as string, [at, end]);
    at = skipBlanks(text, end);
    const next = text.charCodeAt(at);
    at = skipBlanks(text, at + 1);
    if (next === 0x7d) return at === text.length ? spans : undefined;
    if (next !== 0x2c) return undefined;
  }
}

/**
 * True when the pieces `spans` delimits (start and end offsets in turn), from piece `first` on, each
 * parse as JSON; each is let go at once. A reader that refuses one piece checks the rest with it:
 * a syntax error anywhere in the file is reported before any structure problem.
 */
export function piecesParse(text: string, spans: readonly number[], first: number): boolean {
  try {
    for (let index = first; index < spans.length / 2; index++) JSON.parse(text.slice(spans[2 * index], spans[2 * index + 1]));
    return true;
  } catch {
    return false;
  }
}

/**
 * The elements of the array at the root of `text`, as start and end offsets in turn, delimited but
 * not checked (as `jsonRootSpans`); undefined when the root is not an array or the text between
 * the elements is not commas and blanks, or anything but blanks follows the array.
 */
export function jsonArrayElements(text: string, first?: ElementStart): number[] | undefined {
  const start = skipBlanks(text, 0);
  if (text.charCodeAt(start) !== 0x5b) return undefined;
  const array = (first ? quickElements(text, start, first) : undefined) ?? arrayElements(text, start);
  return array && skipBlanks(text, array.end) === text.length ? array.elements : undefined;
}

/**
 * How each element of an array starts, so its elements can be found quickly (`quickElements`):
 * an object whose first key is `key`, and whose first value, when given, is written as `value`
 * (an XGBoost JSON dump's trees start `{ "nodeid": 0`, and every node starts with `nodeid`).
 */
export interface ElementStart {
  key: string;
  value?: string;
}

/** The elements of the array at `start` (a `[`) and the offset after its `]`, walking every character; null when the text between them is not commas and blanks. */
function arrayElements(text: string, start: number): { elements: number[]; end: number } | null {
  const elements: number[] = [];
  let at = skipBlanks(text, start + 1);
  if (text.charCodeAt(at) === 0x5d) return { elements, end: at + 1 };
  for (;;) {
    const end = valueEnd(text, at);
    if (end <= at) return null;
    elements.push(at, end);
    at = skipBlanks(text, end);
    const next = text.charCodeAt(at);
    if (next === 0x5d) return { elements, end: at + 1 };
    if (next !== 0x2c) return null;
    at = skipBlanks(text, at + 1);
  }
}

/**
 * The elements of the array at `start` when each starts as `first` says: every `{` followed by that
 * key (and value) starts one, found with `indexOf` rather than character by character, and only
 * the last element is walked, to find the array's end. Undefined (walk them all instead) when that
 * does not cut the array cleanly: a first element elsewhere, or something other than a comma
 * between two starts. A cut at a nested object that starts the same way makes a piece that does
 * not parse (see `jsonRootSpans`).
 */
function quickElements(text: string, start: number, { key, value }: ElementStart): { elements: number[]; end: number } | undefined {
  const first = skipBlanks(text, start + 1);
  const quotedKey = JSON.stringify(key);
  const starts: number[] = [];
  for (let found = text.indexOf(quotedKey, first); found >= 0; found = text.indexOf(quotedKey, found + quotedKey.length)) {
    let before = found - 1;
    while (before >= first && isBlank(text.charCodeAt(before))) before--;
    if (text.charCodeAt(before) !== 0x7b) continue;
    if (value !== undefined) {
      let after = skipBlanks(text, found + quotedKey.length);
      if (text.charCodeAt(after) !== 0x3a) continue;
      after = skipBlanks(text, after + 1);
      // The value as written, then what may follow a value (a number must not go on: `0` is not `01` or `0.5`).
      if (!text.startsWith(value, after) || !/^[\s,}\]]/.test(text.charAt(after + value.length))) continue;
    }
    starts.push(before);
  }
  if (starts.length === 0 || starts[0] !== first) return undefined;
  const elements: number[] = [];
  for (let index = 0; index < starts.length; index++) {
    let end: number;
    if (index + 1 < starts.length) {
      // Back from the next start over blanks, one comma and blanks.
      end = starts[index + 1] - 1;
      while (end > starts[index] && isBlank(text.charCodeAt(end))) end--;
      if (text.charCodeAt(end) !== 0x2c) return undefined;
      end--;
      while (end > starts[index] && isBlank(text.charCodeAt(end))) end--;
      end++;
    } else {
      end = valueEnd(text, starts[index]);
    }
    elements.push(starts[index], end);
  }
  const close = skipBlanks(text, elements[elements.length - 1]);
  // Past the last start something else may follow the last element (a non-tree element): walk it all then.
  return text.charCodeAt(close) === 0x5d ? { elements, end: close + 1 } : undefined;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Offset of the value at `path` in `text`; where a step cannot be followed, the offset of the last value reached. */
export function locateJsonValue(text: string, path: readonly JsonPathStep[]): number {
  let at = skipBlanks(text, 0);
  for (const step of path) {
    const open = text.charCodeAt(at);
    if (typeof step === 'number' && open === 0x5b) {
      let i = skipBlanks(text, at + 1);
      let index = 0;
      while (index < step && i < text.length && text.charCodeAt(i) !== 0x5d) {
        i = skipBlanks(text, valueEnd(text, i));
        if (text.charCodeAt(i) === 0x2c) i = skipBlanks(text, i + 1);
        index++;
      }
      if (index !== step || i >= text.length || text.charCodeAt(i) === 0x5d) return at;
      at = i;
    } else if (typeof step === 'string' && open === 0x7b) {
      let i = skipBlanks(text, at + 1);
      let found = -1;
      while (i < text.length && text.charCodeAt(i) === QUOTE) {
        const member = memberKey(text, i);
        if (!member) return at;
        i = member.valueAt;
        if (member.key === step) found = i; // the last of repeated keys wins, as in JSON.parse
        i = skipBlanks(text, valueEnd(text, i));
        if (text.charCodeAt(i) === 0x2c) i = skipBlanks(text, i + 1);
      }
      if (found < 0) return at;
      at = found;
    } else {
      return at;
    }
  }
  return at;
}

/** 1-based line and column of `offset`. */
export function positionOfOffset(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Line and column of the value at `path` (see `locateJsonValue`). */
export function jsonPathPosition(text: string, path: readonly JsonPathStep[]): SourcePosition {
  return positionOfOffset(text, locateJsonValue(text, path));
}

/** Steps of a path written as in messages: `tree_info[3].tree_structure.left_child`. */
export function parseJsonPath(written: string): JsonPathStep[] {
  const steps: JsonPathStep[] = [];
  for (const match of written.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  return steps;
}

/**
 * Finds where JSON text first goes wrong, because engines differ in whether their message gives a
 * position (Node 20's does not). Returns the offset and what was expected there. Iterative: an open
 * bracket costs one entry of an explicit stack, so no nesting depth reaches the call stack.
 */
export function locateJsonError(text: string): { offset: number; expected: string } | undefined {
  let at = 0;
  const skip = () => {
    at = skipBlanks(text, at);
  };
  /** Containers open around `at`: the closing character each waits for. */
  const closers: string[] = [];
  const literalPattern = /true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  /** Reads a string at `at` (a quote); the problem, or undefined. */
  const string = (): { offset: number; expected: string } | undefined => {
    at++;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) break;
      if (code === BACKSLASH) at++;
      else if (code < 0x20) return { offset: at, expected: "'\"' before the end of the line" };
      at++;
    }
    if (at >= text.length) return { offset: at, expected: "'\"'" };
    at++;
    return undefined;
  };
  /** Reads an object key and its colon, when the innermost container is an object. */
  const key = (): { offset: number; expected: string } | undefined => {
    skip();
    if (text[at] !== '"') return { offset: at, expected: 'a quoted key' };
    const problem = string();
    if (problem) return problem;
    skip();
    if (text[at] !== ':') return { offset: at, expected: "':'" };
    at++;
    return undefined;
  };
  // Each turn reads one value, then closes every container that ends after it.
  for (;;) {
    skip();
    const char = text[at];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      at++;
      skip();
      if (text[at] !== close) {
        closers.push(close);
        if (close === '}') {
          const problem = key();
          if (problem) return problem;
        }
        continue;
      }
      at++;
    } else if (char === '"') {
      const problem = string();
      if (problem) return problem;
    } else {
      literalPattern.lastIndex = at;
      const literal = literalPattern.exec(text);
      if (!literal) {
        const word = char === 't' ? 'true' : char === 'f' ? 'false' : char === 'n' ? 'null' : undefined;
        if (word) {
          let i = 1;
          while (i < word.length && text[at + i] === word[i]) i++;
          return { offset: at + i, expected: `'${word}'` };
        }
        return { offset: char === '-' ? at + 1 : at, expected: char === '-' ? 'a digit after the minus sign' : 'a value' };
      }
      at += literal[0].length;
      // A number cut short (`1.`, `4E`, `4E+`): the place the missing digit should be, as engines report it.
      if (text[at] === '.' && /[-\d]/.test(char)) return { offset: at + 1, expected: 'a digit after the decimal point' };
      if ((text[at] === 'e' || text[at] === 'E') && /[-\d]/.test(char)) {
        at++;
        if (text[at] === '+' || text[at] === '-') at++;
        return { offset: at, expected: 'a digit in the exponent' };
      }
    }
    // After a value: a comma for the next one, or the closer of the innermost container.
    for (;;) {
      if (closers.length === 0) {
        skip();
        return at < text.length ? { offset: at, expected: 'the end of the file' } : undefined;
      }
      const close = closers[closers.length - 1];
      skip();
      if (text[at] === ',') {
        at++;
        if (close === '}') {
          const problem = key();
          if (problem) return problem;
        }
        break;
      }
      if (text[at] === close) {
        at++;
        closers.pop();
        continue;
      }
      return { offset: at, expected: `',' or '${close}'` };
    }
  }
}
