/**
 * `splitscope inspect` on big files (issue 10), wall time and peak RSS of the built CLI in a fresh
 * process, beside references measured the same way, interleaved, in this run:
 * 1. A 2,000 × 255-leaf LightGBM model.txt (≈ 55 MB; goal: peak RSS ≤ 2× the file), beside bare
 *    `node -e 0` and a Node process that only reads the file as text.
 * 2. The `dump_model()` JSON of the 500 × 255-leaf model (≈ 45 MB; no goal in the issue), beside
 *    the same two and a Node process that reads it with `JSON.parse`, what a reader of the whole
 *    document holds at least (Splitscope reads the dump one tree at a time).
 * The files are generated into a temp folder and deleted afterwards. Peak RSS is the process's own
 * `resourceUsage().maxRSS` (worker threads included), written at exit by a tiny preload.
 * Run: node scripts/bench.mjs inspect-memory (needs `npm run build`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigLightgbm } from './bigLightgbm';
import { mb, median, recordGoal, requireBuilt, ROOT, runNode, verdict } from './common';
import { writeLightgbmDump } from './lightgbmDump';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

type Measured = { wall: number; peak: number; stdout: string };

requireBuilt('dist/main/cli.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-inspect-bench-'));
try {
  const model = writeBigLightgbm(join(scratch, 'lightgbm_2000x255.txt'), { trees: 2000, leaves: 255 });
  const preload = join(scratch, 'peak-rss.cjs');
  const rssFile = join(scratch, 'peak-rss.txt');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));\n`);
  // The preload runs as CommonJS (--require), so it also works before an ES module entry.
  const measure = (args: string[]): Measured => {
    rmSync(rssFile, { force: true });
    const { wall, stdout } = runNode(['--require', preload, ...args]);
    return { wall, peak: Number(readFileSync(rssFile, 'utf8')), stdout };
  };
  /** Medians of `RUNS` interleaved runs of each case, so all see the same machine load. */
  const measureAll = <K extends string>(cases: Record<K, string[]>) => {
    const results = Object.fromEntries(Object.keys(cases).map((name) => [name, [] as Measured[]])) as Record<K, Measured[]>;
    for (let run = 0; run < RUNS; run++) for (const name of Object.keys(cases) as K[]) results[name].push(measure(cases[name]));
    return Object.fromEntries(
      (Object.keys(cases) as K[]).map((name) => [name, { wall: median(results[name].map((run) => run.wall)), peak: median(results[name].map((run) => run.peak)), stdout: results[name][0].stdout }]),
    ) as Record<K, Measured>;
  };
  const line = (label: string, result: Measured) => console.log(`  ${label.padEnd(24)}: ${result.wall.toFixed(0).padStart(6)} ms wall, peak RSS ${mb(result.peak)}`);
  const readCase = (path: string) => ['-e', `require('node:fs').readFileSync(${JSON.stringify(path)}, 'utf8')`];
  const inspectCase = (path: string) => [join(ROOT, 'dist', 'main', 'cli.mjs'), 'inspect', path];

  const text = measureAll({ bare: ['-e', '0'], read: readCase(model.path), inspect: inspectCase(model.path) });
  const trees = /trees\D*([\d,]+)/i.exec(text.inspect.stdout)?.[1];
  console.log(`model: generated LightGBM 2,000 × 255 leaves, ${mb(model.bytes)}${trees ? ` (inspect reports ${trees} trees)` : ''}; medians of ${RUNS} interleaved runs`);
  line('splitscope inspect', text.inspect);
  line('node reading the file', text.read);
  line('bare node -e 0', text.bare);
  const ratio = text.inspect.peak / model.bytes;
  console.log(
    `  inspect peak RSS = ${ratio.toFixed(2)}× the file (${mb(text.inspect.peak - text.bare.peak)} above bare Node = ${((text.inspect.peak - text.bare.peak) / model.bytes).toFixed(2)}× the file); ` +
      `goal ≤ 2× the file: ${verdict(ratio <= 2)}`,
  );
  console.log(`  inspect wall time = ${(text.inspect.wall / text.read.wall).toFixed(1)}× reading the file in a fresh Node (${(text.inspect.wall - text.bare.wall).toFixed(0)} ms above bare Node)`);
  recordGoal({ issue: 10, goal: 'splitscope inspect (2,000 × 255) peak RSS ≤ 2× the file', figure: `${ratio.toFixed(2)}×`, reference: `node reading the file ${mb(text.read.peak)}; file ${mb(model.bytes)}`, met: ratio <= 2 });

  const small = writeBigLightgbm(join(scratch, 'lightgbm_500x255.txt'), { trees: 500, leaves: 255 });
  const dumpPath = join(scratch, 'lightgbm_500x255.json');
  const dumpBytes = writeLightgbmDump(small.path, dumpPath);
  rmSync(small.path);
  const dump = measureAll({ bare: ['-e', '0'], read: readCase(dumpPath), parse: ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(dumpPath)}, 'utf8'))`], inspect: inspectCase(dumpPath) });
  const dumpTrees = /trees\D*([\d,]+)/i.exec(dump.inspect.stdout)?.[1];
  console.log(`\nmodel: dump_model JSON of the generated 500 × 255 leaves, ${mb(dumpBytes)}${dumpTrees ? ` (inspect reports ${dumpTrees} trees)` : ''}; medians of ${RUNS} interleaved runs`);
  line('splitscope inspect', dump.inspect);
  line('node JSON.parse of it', dump.parse);
  line('node reading the file', dump.read);
  line('bare node -e 0', dump.bare);
  console.log(
    `  inspect peak RSS = ${(dump.inspect.peak / dumpBytes).toFixed(2)}× the file, ${(dump.inspect.peak / dump.parse.peak).toFixed(2)}× JSON.parse of it alone; ` +
      `wall ${(dump.inspect.wall / dump.parse.wall).toFixed(2)}× JSON.parse of it alone (no goal in the issue)`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
