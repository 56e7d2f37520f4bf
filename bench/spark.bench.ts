/**
 * The Spark bundle's numpy evaluator (score.py, `--target spark`) against the app, in the same run:
 * 1. `predict_pandas` on 100k rows of a generated 500-tree LightGBM model (bench/bigLightgbm.ts,
 *    255 leaves, 28 features) beside `splitscope predict --raw` (dist/main/cli.mjs) on the same CSV.
 *    Python is timed inside the process (read_csv, then predict_pandas alone); the CLI as a whole
 *    process (start, parse, read, score, write). Both outputs are compared number for number.
 * 2. Dask distributed: a LocalCluster with 1 worker process, then with 2 (best of two rounds each), scoring the same 1M-row CSV
 *    (8 files) with `map_partitions(predict_pandas)`; throughput ratio, beside the machine's own
 *    two-process scaling without Dask (two processes scoring a file each at once). The model there is the
 *    reference case lgb_binary_nan (100 trees, 20 features), so the run stays a few minutes.
 * Prints figures; asserts nothing. Needs Debian's /usr/bin/python3 (numpy, pandas, dask, distributed).
 * Run: npm run build && node scripts/bench.mjs spark
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelText } from '../app/formats';
import type { TreeModel } from '../app/model/types';
import { seededRandom as random } from '../app/util/random';
import { exportBundle } from '../main/export/index';
import { writeBigLightgbm } from './bigLightgbm';

const ROOT = process.cwd();
const PYTHON = process.env.SPLITSCOPE_PYTHON || '/usr/bin/python3';
const CLI = join(ROOT, 'dist', 'main', 'cli.mjs');
const ROWS = 100_000;
const DASK_ROWS = 1_000_000;
const DASK_FILES = 8;

/** Rows as CSV text: each value a split threshold of its feature nudged either way, or (5%) empty. */
function csvRows(model: TreeModel, rows: number, seed: number): string {
  const thresholds: number[][] = model.features.map(() => []);
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type === 'split' && node.split.kind === 'numeric' && Number.isFinite(node.split.threshold)) thresholds[node.feature]?.push(node.split.threshold);
    }
  }
  const next = random(seed);
  const lines: string[] = [model.features.map((feature) => feature.name).join(',')];
  for (let r = 0; r < rows; r++) {
    const cells = thresholds.map((list) => {
      if (next() < 0.05) return '';
      const base = list.length > 0 ? list[Math.floor(next() * list.length)] : next() * 2 - 1;
      return (base + (next() - 0.5) * 0.02 * Math.max(1, Math.abs(base))).toPrecision(7);
    });
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

const PANDAS_SCRIPT = `
import json, sys, time
import numpy as np, pandas as pd
import score
rows_csv, cli_csv = sys.argv[1], sys.argv[2]
started = time.perf_counter()
m = score.model()
loaded = time.perf_counter()
frame = pd.read_csv(rows_csv, float_precision="round_trip")
read = time.perf_counter()
cpu = time.process_time()
table = score.predict_pandas(frame)
predicted = time.perf_counter()
cpu = time.process_time() - cpu
cli = pd.read_csv(cli_csv, float_precision="round_trip")
same = list(cli.columns) == list(table.columns) and all(
    (cli[c].astype(str) == table[c].astype(str)).all() if table[c].dtype == object
    else bool(np.array_equal(cli[c].to_numpy(np.float64).view(np.uint64), table[c].to_numpy(np.float64).view(np.uint64)))
    for c in table.columns)
print(json.dumps({"load": loaded - started, "read": read - loaded, "predict": predicted - read, "predictCpu": cpu, "identical": same}))
`;

const DASK_SCRIPT = `
import json, os, sys, time
import dask.dataframe as dd
from distributed import Client, LocalCluster
import score

def run(pattern, workers):
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(lambda: score.model() and None)  # every worker loads the model before the clock starts
        frame = dd.read_csv(pattern, float_precision="round_trip")
        scored = frame.map_partitions(score.predict_pandas, meta=score.predict_pandas(frame._meta))
        cpu = sum(client.run(time.process_time).values())
        started = time.perf_counter()
        rows, total = dd.compute(scored["prob"].count(), scored["prob"].sum())
        seconds = time.perf_counter() - started
        cpu = sum(client.run(time.process_time).values()) - cpu
        return {"workers": workers, "seconds": seconds, "cpu": cpu, "rows": int(rows), "partitions": frame.npartitions}

def score_file(path):
    import pandas
    score.model()  # loaded before the clock starts, as the Dask workers' is
    started = time.perf_counter()
    score.predict_pandas(pandas.read_csv(path, float_precision="round_trip"))
    return time.perf_counter() - started

def ceiling(files):
    """The machine's own two-process scaling, without Dask: one file scored alone, then two files in
    two processes at once (each timed inside its process); the best of two rounds, as for Dask."""
    from concurrent.futures import ProcessPoolExecutor
    ratios = []
    for _ in range(2):
        with ProcessPoolExecutor(1) as pool:
            alone = pool.submit(score_file, files[0]).result()
        with ProcessPoolExecutor(2) as pool:
            both = max(pool.map(score_file, files[:2]))
        ratios.append(2 * alone / both)
    return max(ratios)

if __name__ == "__main__":
    import glob
    # Best of two interleaved rounds: other work on this shared machine slows one round or the other.
    rounds = [(run(sys.argv[1], 1), run(sys.argv[1], 2)) for _ in range(2)]
    one = min((pair[0] for pair in rounds), key=lambda result: result["seconds"])
    two = min((pair[1] for pair in rounds), key=lambda result: result["seconds"])
    print(json.dumps({"one": one, "two": two, "ceiling": ceiling(sorted(glob.glob(sys.argv[1])))}))
`;

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'splitscope-spark-bench-'));
  try {
    console.log(`machine: ${cpus().length} cores (shared); Python ${PYTHON}`);
    // 1. predict_pandas vs splitscope predict, 100k rows, 500 trees.
    const generated = writeBigLightgbm(join(scratch, 'lightgbm_500x255.txt'), { trees: 500, leaves: 255 });
    const model = parseModelText(readFileSync(generated.path, 'utf8'), 'lightgbm_500x255.txt');
    const bundle = join(scratch, 'bundle');
    const exported = await exportBundle({ model, target: 'spark', outDir: bundle, python: PYTHON });
    if (exported.status !== 'ok') throw new Error(`export failed: ${exported.message}`);
    console.log(`bundle: ${generated.trees} trees × ${generated.leaves} leaves, ${generated.features} features; selftest ${exported.selftest.rows} rows in ${exported.selftest.millis} ms`);
    const rowsCsv = join(scratch, 'rows.csv');
    writeFileSync(rowsCsv, csvRows(model, ROWS, 11));
    const cliCsv = join(scratch, 'cli.csv');
    const cliTimes: number[] = [];
    const pythonRuns: { load: number; read: number; predict: number; predictCpu: number; identical: boolean }[] = [];
    for (let run = 0; run < 2; run++) {
      let start = performance.now();
      execFileSync(process.execPath, [CLI, 'predict', generated.path, '--csv', rowsCsv, '--raw', '-o', cliCsv], { stdio: 'ignore' });
      cliTimes.push(seconds(start));
      start = performance.now();
      const out = spawnSync(PYTHON, ['-B', '-c', PANDAS_SCRIPT, rowsCsv, cliCsv], { cwd: bundle, encoding: 'utf8', env: { ...process.env, PYTHONPATH: bundle } });
      if (out.status !== 0) throw new Error(out.stderr);
      pythonRuns.push(JSON.parse(out.stdout));
    }
    const cli = Math.min(...cliTimes);
    const predict = Math.min(...pythonRuns.map((run) => run.predict));
    const best = pythonRuns.find((run) => run.predict === predict)!;
    console.log(`splitscope predict --raw, ${ROWS} rows (whole process: start, parse model, read CSV, score, write): ${cli.toFixed(2)} s (best of 2)`);
    console.log(
      `predict_pandas, same rows: ${predict.toFixed(2)} s (CPU ${best.predictCpu.toFixed(2)} s; read_csv ${best.read.toFixed(2)} s, model load ${best.load.toFixed(2)} s); ` +
        `outputs identical to the CLI's: ${pythonRuns.every((run) => run.identical)}`,
    );
    console.log(`ratio predict_pandas / splitscope predict: ${(predict / cli).toFixed(2)}× (goal ≤ 3×); with read_csv: ${((predict + best.read) / cli).toFixed(2)}×`);

    // 2. Dask LocalCluster, 1 vs 2 workers, 1M rows.
    const daskModelPath = join(ROOT, '..', 'shared', 'reference', 'lgb_binary_nan', 'model.txt');
    const daskModel = parseModelText(readFileSync(daskModelPath, 'utf8'), 'model.txt');
    const daskBundle = join(scratch, 'dask-bundle');
    const daskExport = await exportBundle({ model: daskModel, target: 'spark', outDir: daskBundle, python: PYTHON });
    if (daskExport.status !== 'ok') throw new Error(`export failed: ${daskExport.message}`);
    for (let file = 0; file < DASK_FILES; file++) writeFileSync(join(scratch, `dask-${file}.csv`), csvRows(daskModel, DASK_ROWS / DASK_FILES, 100 + file));
    const dask = spawnSync(PYTHON, ['-B', '-c', DASK_SCRIPT, join(scratch, 'dask-*.csv')], { cwd: daskBundle, encoding: 'utf8', env: { ...process.env, PYTHONPATH: daskBundle } });
    if (dask.status !== 0) throw new Error(dask.stderr.slice(-2000));
    const { one, two, ceiling } = JSON.parse(dask.stdout.trim().split('\n').pop()!) as Record<'one' | 'two', { seconds: number; cpu: number; rows: number; partitions: number }> & { ceiling: number };
    for (const run of [one, two]) {
      console.log(
        `dask LocalCluster, ${run === one ? 1 : 2} worker process${run === one ? '' : 'es'}: ${run.rows} rows (${run.partitions} partitions, read_csv + predict_pandas) ` +
          `in ${run.seconds.toFixed(2)} s = ${Math.round(run.rows / run.seconds)} rows/s; workers' CPU ${run.cpu.toFixed(1)} s (${(run.cpu / run.seconds).toFixed(2)} cores busy on average)`,
      );
    }
    console.log(`dask throughput 2 workers / 1 worker: ${(one.seconds / two.seconds).toFixed(2)}× (best of 2 rounds each; goal ≥ 1.6×; this machine has ${cpus().length} cores shared with other work)`);
    console.log(`reference, the machine without Dask: two processes scoring a file each at once do ${ceiling.toFixed(2)}× the work of one alone in the same time`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
