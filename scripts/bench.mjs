// `npm run bench`: bundles every bench/*.bench.ts with esbuild and runs each in its own Node process,
// one after another, so figures are not disturbed by each other. Each bench prints its own figures
// and the ratio against a reference measured in the same run; a table of every issue goal measured
// (bench/common.ts, recordGoal) closes the run. Usage: node scripts/bench.mjs [filter]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { antlrEsbuildPlugin } from './antlrBuild.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.bench');
mkdirSync(outDir, { recursive: true });
const filter = process.argv[2] ?? '';
const benches = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
// Each bench notes its goals here (bench/common.ts, recordGoal): one table of them closes the run.
const goalsFile = join(outDir, 'goals.jsonl');
rmSync(goalsFile, { force: true });
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
    // The ANTLR code as the app's build has it (scripts/antlrBuild.mjs): antlr4ng is bundled for that.
    plugins: [antlrEsbuildPlugin()],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  console.log(`\n=== ${file} ===`);
  try {
    execFileSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit', cwd: root, env: { ...process.env, SPLITSCOPE_BENCH_GOALS: goalsFile } });
  } catch {
    failed++;
    console.log(`!!! ${file} failed`);
  }
}
printGoals();
if (failed) process.exitCode = 1;

/** The goals the benches measured, one line each: issue, goal, figure beside its same-run reference, verdict. */
function printGoals() {
  if (!existsSync(goalsFile)) return;
  const goals = readFileSync(goalsFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  if (goals.length === 0) return;
  const verdictOf = (goal) => (goal.met === undefined || goal.met === null ? 'cannot be measured here' : goal.met ? 'met' : 'NOT met');
  console.log(`\n=== goals (${goals.length}; each figure beside its reference from the same run) ===`);
  for (const goal of goals) {
    console.log(`  issue ${goal.issue}: ${goal.goal}\n    ${goal.figure} (${goal.reference}): ${verdictOf(goal)}`);
  }
  const missed = goals.filter((goal) => goal.met === false).length;
  const unmeasured = goals.filter((goal) => goal.met === undefined || goal.met === null).length;
  console.log(`  ${goals.length - missed - unmeasured} met, ${missed} not met, ${unmeasured} cannot be measured here`);
}
