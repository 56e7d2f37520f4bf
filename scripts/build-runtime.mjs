// Bundles the code that runs inside exported services (runtime/) into dist/runtime/: lambda.mjs
// (becomes a bundle's index.mjs), server.mjs and selftest.mjs. Each is one ES module for Node 20+
// with no imports besides Node built-ins; the exporter (main/export) prepends the model constants.
// The Python bundle's modules (runtime/python/*.py, standard library only) are copied as they are
// to dist/runtime/python/, the one source of the Python code every export reads.
// Usage: node scripts/build-runtime.mjs [--out DIR]
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'dist', 'runtime');
mkdirSync(outDir, { recursive: true });

const entries = { lambda: 'runtime/lambda.ts', server: 'runtime/server.ts', selftest: 'runtime/selftest.ts' };
for (const [name, entry] of Object.entries(entries)) {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(outDir, `${name}.mjs`),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Readable output: users deploy and may read this file; the model dominates the size anyway.
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}
const pythonDir = join(outDir, 'python');
// A fresh folder: a module renamed or removed in runtime/python never lingers in the package.
rmSync(pythonDir, { recursive: true, force: true });
mkdirSync(pythonDir, { recursive: true });
const pythonFiles = readdirSync(join(root, 'runtime', 'python')).filter((name) => name.endsWith('.py'));
for (const name of pythonFiles) copyFileSync(join(root, 'runtime', 'python', name), join(pythonDir, name));
const sizes = Object.keys(entries).map((name) => `${name}.mjs ${(statSync(join(outDir, `${name}.mjs`)).size / 1024).toFixed(1)} KiB`);
console.log(`build-runtime: ${outDir}: ${sizes.join(', ')}; python/: ${pythonFiles.join(', ')}`);
