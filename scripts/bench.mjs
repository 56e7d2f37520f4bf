// `npm run bench`: bundles every bench/*.bench.ts with esbuild and runs each in its own Node process,
// one after another, so figures are not disturbed by each other. Each bench prints its own figures
// and the ratio against a reference measured in the same run. Usage: node scripts/bench.mjs [filter]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.bench');
mkdirSync(outDir, { recursive: true });
const filter = process.argv[2] ?? '';
const benches = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
let failed = 0;
for (const file of benches) {
  const outfile = join(outDir, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(root, 'bench', file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  console.log(`\n=== ${file} ===`);
  try {
    execFileSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit', cwd: root });
  } catch {
    failed++;
    console.log(`!!! ${file} failed`);
  }
}
if (failed) process.exitCode = 1;
