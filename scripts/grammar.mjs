// Regenerates grammar/generated/<Grammar>/ from grammar/<Grammar>.g4 with antlr-ng (pinned in
// package.json). The output is gitignored: only the .g4 files are source.
// Usage: node scripts/grammar.mjs [GrammarName …]   (default: every grammar)
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const grammarDir = join(root, 'grammar');
const requested = process.argv.slice(2);
const grammars = readdirSync(grammarDir)
  .filter((f) => f.endsWith('.g4'))
  .map((f) => f.slice(0, -3))
  .filter((name) => requested.length === 0 || requested.includes(name))
  .sort();
const cli = join(root, 'node_modules', 'antlr-ng', 'dist', 'cli', 'runner.js');

for (const name of grammars) {
  const outDir = join(grammarDir, 'generated', name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    process.execPath,
    [cli, '-Dlanguage=TypeScript', '--generate-visitor', 'true', '--generate-listener', 'false',
      '--warnings-are-errors', 'true', '-o', outDir, join(grammarDir, `${name}.g4`)],
    { stdio: 'inherit' },
  );
}
console.log(`grammar: ${grammars.join(', ')} -> grammar/generated/`);
