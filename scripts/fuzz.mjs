// `npm run fuzz [-- --per-format N --seed S]`: bundles fuzz/fuzz.ts and its worker with esbuild and
// runs the fuzzer (see fuzz/fuzz.ts). Reproducers and findings go to .fuzz/ (gitignored).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, '.fuzz', 'build');
await build({
  entryPoints: { fuzz: join(root, 'fuzz', 'fuzz.ts'), worker: join(root, 'fuzz', 'worker.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
try {
  execFileSync(process.execPath, [join(outdir, 'fuzz.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
} catch {
  process.exitCode = 1;
}
