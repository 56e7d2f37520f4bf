// Two build steps for the ANTLR code of the Node side (Vite plugin `antlrBuildPlugin`, and the same
// steps for the benches' esbuild bundles, `antlrEsbuildPlugin`, so a bench times the code the app
// runs). The generated files and antlr4ng's package are never edited; the build fails if antlr4ng's
// bundle no longer has what a step rewrites, as written, so a new antlr4ng is looked at rather than
// silently paying the cost again.
//
// 1. Recognizers build their DFA tables when first used, not when their module loads.
//    antlr4ng's recognizers, and the ones antlr-ng generates, fill a static `decisionsToDFA` field at
//    class definition, which deserializes the class's ATN. So every process that loads the parsers
//    paid for all of them at start, used or not: antlr4ng's own XPath lexer (this project never uses
//    XPath) took 23 ms of each start of the CLI and of the parse worker, and the four grammars 6 ms
//    more (CPU profile of importing the bundle). The step turns that field into a static getter that
//    fills it on first read: a recognizer's constructor is its only reader, so a parser still builds
//    its tables on its first parse, as before.
//
// 2. A parse context's five fields are assigned in its constructor instead of declared as class fields.
//    Every rule of every grammar has a context class of its own, and all of them run
//    `ParserRuleContext`'s field initializers, which define (not assign) `start`, `stop`, `children`,
//    `invokingState` and `parent` on objects of as many shapes. V8 handles such defines slowly once
//    they have seen many shapes: a quarter of the time of a warm parse of the 13,641-node Spark tree
//    went to that initializer (CPU profile), and 300,000 objects of 12 subclasses take 200 ms with
//    the fields declared against 53 ms assigned (Node 20). Assigned in the constructor, in the same
//    order and to the same values, the contexts are the same objects: no accessor of these names
//    exists on any context class, so assigning and defining give the same own properties.
//
// Both steps rewrite only the lines they change, so every other line keeps its number (the bundle's
// source map stays right without a map of these steps).

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const FIELD = /static decisionsToDFA = (\w+)\._ATN\.decisionToState\.map\(/g;

/** The text of `code` from the `(` at `open` to its matching `)`, inclusive; undefined if unbalanced. */
function balanced(code, open) {
  let depth = 0;
  for (let at = open; at < code.length; at++) {
    const char = code[at];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return code.slice(open, at + 1);
  }
  return undefined;
}

/** `code` with every `static decisionsToDFA = X._ATN.decisionToState.map(…);` made a lazy static getter (step 1 above), and how many. */
function lazyDecisionTables(code) {
  let count = 0;
  let result = '';
  let from = 0;
  for (const match of code.matchAll(FIELD)) {
    const className = match[1];
    const open = match.index + match[0].length - 1;
    const args = balanced(code, open);
    if (!args) continue;
    let end = open + args.length;
    if (code[end] === ';') end++;
    result +=
      code.slice(from, match.index) +
      `static __decisionsToDFA; static get decisionsToDFA() { return ${className}.__decisionsToDFA ??= ${className}._ATN.decisionToState.map${args}; }`;
    from = end;
    count++;
  }
  return { code: result + code.slice(from), count };
}

/** The five class fields of `ParserRuleContext` as antlr4ng 3 declares them, and their constructor. */
const CONTEXT_CLASS = 'var ParserRuleContext = class _ParserRuleContext {';
const CONTEXT_FIELDS = ['  start = null;', '  stop = null;', '  children = [];', '  invokingState;', '  parent;'];
const CONTEXT_CONSTRUCTOR = '  constructor(parent, invokingStateNumber = -1) {\n    this.parent = parent;\n    this.invokingState = invokingStateNumber;\n  }';
/** The constructor's first line once the fields are gone: the fields in their declared order, then what the constructor did. */
const ASSIGNED_FIELDS = '    this.start = null; this.stop = null; this.children = []; this.invokingState = void 0; this.parent = parent;';

/**
 * antlr4ng's bundle `code` with `ParserRuleContext`'s class fields assigned in its constructor
 * (step 2 above), or an error saying what was not found as written.
 */
function assignedContextFields(code) {
  const classStart = code.indexOf(CONTEXT_CLASS);
  const constructorAt = classStart < 0 ? -1 : code.indexOf(CONTEXT_CONSTRUCTOR, classStart);
  if (classStart < 0 || constructorAt < 0) return { error: 'ParserRuleContext or its constructor is not as written' };
  const lines = code.slice(classStart, constructorAt).split('\n');
  for (const field of CONTEXT_FIELDS) {
    const at = lines.indexOf(field);
    if (at < 0 || lines.indexOf(field, at + 1) >= 0) return { error: `ParserRuleContext does not declare "${field.trim()}" once` };
    lines[at] = '';
  }
  const constructor = CONTEXT_CONSTRUCTOR.replace('    this.parent = parent;', ASSIGNED_FIELDS);
  return { code: code.slice(0, classStart) + lines.join('\n') + constructor + code.slice(constructorAt + CONTEXT_CONSTRUCTOR.length) };
}

const RUNTIME = /[\\/]node_modules[\\/]antlr4ng[\\/]dist[\\/]index\.mjs$/;
const GENERATED = /[\\/]grammar[\\/]generated[\\/]/;

/** `code` of module `id` after both steps, or undefined when neither applies to it; throws when antlr4ng's bundle is not as written. */
function transformAntlr(code, id) {
  const isRuntime = RUNTIME.test(id);
  if (!isRuntime && !GENERATED.test(id)) return undefined;
  const { code: lazy, count } = lazyDecisionTables(code);
  if (!isRuntime) return count > 0 ? lazy : undefined;
  const problem = (what) => new Error(`antlrBuild: antlr4ng's bundle (${id}) ${what}; look at scripts/antlrBuild.mjs again`);
  if (count === 0) throw problem('no longer has "static decisionsToDFA = …" as written');
  const assigned = assignedContextFields(lazy);
  if (assigned.error) throw problem(assigned.error);
  return assigned.code;
}

/** Both steps, for the Vite (Rollup) build of the Node side. */
export function antlrBuildPlugin() {
  return {
    name: 'splitscope-antlr-build',
    transform(code, id) {
      const transformed = transformAntlr(code, id);
      return transformed === undefined ? null : { code: transformed, map: null };
    },
  };
}

/**
 * Both steps, for an esbuild bundle whose packages stay external otherwise (the benches): antlr4ng is
 * bundled from its ES module build and the grammars' generated files go through the same steps.
 */
export function antlrEsbuildPlugin() {
  return {
    name: 'splitscope-antlr-build',
    setup(build) {
      build.onResolve({ filter: /^antlr4ng$/ }, () => ({ path: fileURLToPath(import.meta.resolve('antlr4ng')) }));
      build.onLoad({ filter: /[\\/](antlr4ng[\\/]dist[\\/]index\.mjs|grammar[\\/]generated[\\/].*\.ts)$/ }, async (args) => {
        const code = await readFile(args.path, 'utf8');
        return { contents: transformAntlr(code, args.path) ?? code, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}
