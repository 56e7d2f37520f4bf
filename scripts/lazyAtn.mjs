// A Vite (Rollup) plugin for the Node-side build: ANTLR recognizers build their DFA tables when first
// used, not when their module loads.
//
// antlr4ng's recognizers, and the ones antlr-ng generates, fill a static `decisionsToDFA` field at
// class definition, which deserializes the class's ATN. So every process that loads the parsers
// paid for all of them at start, used or not: antlr4ng's own XPath lexer (this project never uses
// XPath) took 23 ms of each start of the CLI and of the parse worker, and the four grammars 6 ms
// more (CPU profile of importing the bundle). The plugin turns that field into a static getter that
// fills it on first read: a recognizer's constructor is its only reader, so a parser still builds
// its tables on its first parse, as before. The generated files themselves are never edited.
//
// The build fails if antlr4ng's bundle no longer has the field as written, so a new antlr4ng is
// looked at rather than silently paying the cost again.

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

/**
 * `code` with every `static decisionsToDFA = X._ATN.decisionToState.map(…);` made a lazy static
 * getter, and how many. Written on the field's own lines, so every other line keeps its number (the
 * bundle's source map stays right without a map of this step).
 */
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

export function lazyAtnPlugin() {
  return {
    name: 'splitscope-lazy-antlr-tables',
    transform(code, id) {
      const isRuntime = /[\\/]node_modules[\\/]antlr4ng[\\/]dist[\\/]index\.mjs$/.test(id);
      const isGenerated = /[\\/]grammar[\\/]generated[\\/]/.test(id);
      if (!isRuntime && !isGenerated) return null;
      const { code: lazy, count } = lazyDecisionTables(code);
      if (isRuntime && count === 0) throw new Error(`lazyAtnPlugin: antlr4ng's bundle (${id}) no longer has "static decisionsToDFA = …" as written; look at scripts/lazyAtn.mjs again`);
      return count > 0 ? { code: lazy, map: null } : null;
    },
  };
}
