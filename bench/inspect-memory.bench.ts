/**
 * `splitscope inspect` on a 2,000 × 255-leaf LightGBM model (≈ 55 MB, generated into a temp folder
 * and deleted afterwards; issue 10): wall time and peak RSS of the built CLI in a fresh process,
 * against the file size (goal: peak RSS ≤ 2× the file) and beside two references measured the same
 * way in this run: bare `node -e 0`, and a Node process that only reads the file as text.
 * Peak RSS is the process's own `resourceUsage().maxRSS` (worker threads included), written at exit by
 * a tiny preload. Run: node scripts/bench.mjs inspect-memory (needs `npm run build`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigLightgbm } from './bigLightgbm';
import { mb, median, recordGoal, requireBuilt, ROOT, runNode, verdict } from './common';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

requireBuilt('dist/main/cli.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-inspect-bench-'));
try {
  const model = writeBigLightgbm(join(scratch, 'lightgbm_2000x255.txt'), { trees: 2000, leaves: 255 });
  const preload = join(scratch, 'peak-rss.cjs');
  const rssFile = join(scratch, 'peak-rss.txt');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));\n`);
  // The preload runs as CommonJS (--require), so it also works before an ES module entry.
  const measure = (args: string[]): { wall: number; peak: number; stdout: string } => {
    rmSync(rssFile, { force: true });
    const { wall, stdout } = runNode(['--require', preload, ...args]);
    return { wall, peak: Number(readFileSync(rssFile, 'utf8')), stdout };
  };
  const cases = {
    bare: ['-e', '0'],
    read: ['-e', `require('node:fs').readFileSync(${JSON.stringify(model.path)}, 'utf8')`],
    inspect: [join(ROOT, 'dist', 'main', 'cli.mjs'), 'inspect', model.path],
  };
  const results: Record<keyof typeof cases, Array<{ wall: number; peak: number }>> = { bare: [], read: [], inspect: [] };
  let inspectOutput = '';
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, so all three see the same machine load.
    for (const name of Object.keys(cases) as Array<keyof typeof cases>) {
      const result = measure(cases[name]);
      results[name].push(result);
      if (name === 'inspect') inspectOutput = result.stdout;
    }
  }
  const summary = (name: keyof typeof cases) => ({ wall: median(results[name].map((run) => run.wall)), peak: median(results[name].map((run) => run.peak)) });
  const bare = summary('bare');
  const read = summary('read');
  const inspect = summary('inspect');
  const trees = /trees\D*([\d,]+)/i.exec(inspectOutput)?.[1];
  console.log(`model: generated LightGBM 2,000 × 255 leaves, ${mb(model.bytes)}${trees ? ` (inspect reports ${trees} trees)` : ''}; medians of ${RUNS} interleaved runs`);
  console.log(`  splitscope inspect      : ${inspect.wall.toFixed(0).padStart(6)} ms wall, peak RSS ${mb(inspect.peak)}`);
  console.log(`  node reading the file   : ${read.wall.toFixed(0).padStart(6)} ms wall, peak RSS ${mb(read.peak)}`);
  console.log(`  bare node -e 0          : ${bare.wall.toFixed(0).padStart(6)} ms wall, peak RSS ${mb(bare.peak)}`);
  const ratio = inspect.peak / model.bytes;
  console.log(
    `  inspect peak RSS = ${ratio.toFixed(2)}× the file (${mb(inspect.peak - bare.peak)} above bare Node = ${((inspect.peak - bare.peak) / model.bytes).toFixed(2)}× the file); ` +
      `goal ≤ 2× the file: ${verdict(ratio <= 2)}`,
  );
  console.log(`  inspect wall time = ${(inspect.wall / read.wall).toFixed(1)}× reading the file in a fresh Node (${(inspect.wall - bare.wall).toFixed(0)} ms above bare Node)`);
  recordGoal({ issue: 10, goal: 'splitscope inspect (2,000 × 255) peak RSS ≤ 2× the file', figure: `${ratio.toFixed(2)}×`, reference: `node reading the file ${mb(read.peak)}; file ${mb(model.bytes)}`, met: ratio <= 2 });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
