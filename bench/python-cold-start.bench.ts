/**
 * Cold start of an exported Python Lambda bundle (issue 13): a fresh python3 process imports the
 * bundle's handler.py (which reads model.spkm, checks its sha256, validates it and prepares the
 * evaluator) and answers one API Gateway event (events/get-v2.json), against a bare `python3 -c pass`
 * start, interleaved, medians. Bytecode is neither read nor written (-B, and the bundle ships no
 * __pycache__), as on Lambda, whose package folder is read-only. Models: the largest corpus file
 * (treelite's 5,057-feature LightGBM model) and the largest by trees (keiba, 1,000 trees).
 * Python: SPLITSCOPE_PYTHON, else Debian's /usr/bin/python3. Run: node scripts/bench.mjs python-cold-start
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelText } from '../app/formats';
import { exportBundle } from '../main/export';
import { buildRuntimeForTests } from '../main/export/testkit';
import { corpusFile, KEIBA, mb, median } from './common';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PYTHON = process.env.SPLITSCOPE_PYTHON || '/usr/bin/python3';

interface Inside {
  importMs: number;
  answerMs: number;
  sinceStart: number;
}

function runPython(args: string[], cwd: string): { wall: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(PYTHON, ['-B', ...args], { cwd, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${PYTHON} ${args.join(' ')} failed: ${result.stderr}`);
  return { wall, stdout: result.stdout };
}

const COLD_SCRIPT = `import json, time
started = time.perf_counter()
import handler
imported = time.perf_counter()
with open("events/get-v2.json", encoding="utf-8") as file:
    result = handler.handler(json.load(file), None)
answered = time.perf_counter()
if result["statusCode"] != 200:
    raise SystemExit(result["body"])
print(json.dumps({"importMs": (imported - started) * 1000, "answerMs": (answered - imported) * 1000, "sinceStart": answered * 1000}))
`;

const scratch = mkdtempSync(join(tmpdir(), 'splitscope-python-cold-bench-'));
try {
  const runtimeDir = buildRuntimeForTests();
  const version = spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout.trim();
  for (const [label, modelPath] of [
    ['largest corpus file: treelite sparse categorical (LightGBM, 5,057 features)', corpusFile('lightgbm/treelite_sparse_categorical_binary_5057feat_v2.txt')],
    ['keiba (LightGBM, 1,000 trees)', KEIBA],
  ] as const) {
    const model = parseModelText(readFileSync(modelPath, 'utf8'), modelPath);
    const exportStarted = performance.now();
    const result = await exportBundle({ model, target: 'lambda-python', outDir: join(scratch, model.fileName.split('/').pop()!), runtimeDir, python: PYTHON });
    if (result.status !== 'ok') throw new Error(`${result.code}: ${result.message}`);
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    writeFileSync(join(result.folder, 'cold.py'), COLD_SCRIPT);
    const cold: number[] = [];
    const bare: number[] = [];
    const inside: Inside[] = [];
    for (let run = 0; run < RUNS; run++) {
      bare.push(runPython(['-c', 'pass'], result.folder).wall);
      const coldRun = runPython(['cold.py'], result.folder);
      cold.push(coldRun.wall);
      inside.push(JSON.parse(coldRun.stdout.trim().split('\n').pop()!) as Inside);
    }
    const coldMs = median(cold);
    const bareMs = median(bare);
    const of = (key: keyof Inside) => median(inside.map((value) => value[key])).toFixed(0);
    console.log(
      `\n${label}: ${mb(statSync(modelPath).size)} model file, ${model.trees.length} trees; bundle model.spkm ${mb(result.sizes.model)}; ` +
        `export + selftest.py (${result.selftest.rows} rows) ${exportSeconds.toFixed(1)} s; ${version}`,
    );
    console.log(`  fresh python3, import handler.py + one GET event: ${coldMs.toFixed(0)} ms wall (median of ${RUNS}: ${cold.map((ms) => ms.toFixed(0)).join(', ')})`);
    console.log(`  bare python3 -c pass                            : ${bareMs.toFixed(0)} ms wall (median of ${RUNS}: ${bare.map((ms) => ms.toFixed(0)).join(', ')})`);
    console.log(`  inside the process: import ${of('importMs')} ms (reads, checks and prepares the model), first answer ${of('answerMs')} ms`);
    console.log(`  cold init above bare Python: ${(coldMs - bareMs).toFixed(0)} ms (load average ${loadavg()[0].toFixed(1)})`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
