// Writes a big, realistic LightGBM v4 model.txt (binary objective) for benchmarks, deterministically
// (seeded PRNG): the same options give the same bytes. The generator is bench/bigLightgbm.ts, built
// here with esbuild. Never commit the output (a 2,000 × 255-leaf model is about 55 MB).
// Usage: node scripts/make-big-lightgbm.mjs [--trees 500] [--leaves 255] [--features 28] [--seed N] --out PATH
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node scripts/make-big-lightgbm.mjs [--trees 500] [--leaves 255] [--features 28] [--seed N] --out PATH';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function count(values, name) {
  if (values[name] === undefined) return undefined;
  const value = Number(values[name]);
  if (!/^\d+$/.test(values[name])) throw new Error(`--${name} needs a whole number, got ${JSON.stringify(values[name])}\n${USAGE}`);
  return value;
}

try {
  const { values } = parseArgs({
    options: { trees: { type: 'string' }, leaves: { type: 'string' }, features: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.out) throw new Error(`missing --out PATH\n${USAGE}`);
  const folder = mkdtempSync(join(tmpdir(), 'splitscope-biglgb-'));
  let generator;
  try {
    const outfile = join(folder, 'bigLightgbm.mjs');
    await build({ entryPoints: [join(root, 'bench', 'bigLightgbm.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    generator = await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const started = performance.now();
  const written = generator.writeBigLightgbm(resolve(values.out), {
    trees: count(values, 'trees'),
    leaves: count(values, 'leaves'),
    features: count(values, 'features'),
    seed: count(values, 'seed'),
  });
  console.log(
    `wrote ${written.path}: ${written.trees} trees × ${written.leaves} leaves, ${written.features} features, ` +
      `${(written.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(`make-big-lightgbm: ${error.message}`);
  process.exit(2);
}
