/**
 * Cold start of an exported AWS Lambda bundle (issue 10): a fresh `node` process imports the bundle's
 * `index.mjs` and answers one API Gateway event (`events/get-v2.json`), against a bare `node -e`
 * start, interleaved, medians; an empty ES module beside shows what Node's ES module loader adds,
 * and a module that only checks the bundle's files (sha256) what that check costs at any start.
 * Bundles are made by the built CLI (`splitscope export --target lambda`, which also runs the
 * bundle's selftest) into temp folders deleted afterwards.
 * Goals: keiba ≤ 30 ms above bare Node; a generated 500 × 255-leaf LightGBM model ≤ 100 ms above.
 * Run: node scripts/bench.mjs cold-start (needs `npm run build`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigLightgbm } from './bigLightgbm';
import { KEIBA, mb, median, recordGoal, requireBuilt, ROOT, runNode, verdict } from './common';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

interface Inside {
  sinceStart: number;
  importMs?: number;
  answerMs?: number;
  cpu: number;
}

requireBuilt('dist/main/cli.mjs', 'dist/runtime/lambda.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-cold-bench-'));
try {
  const generated = writeBigLightgbm(join(scratch, 'lightgbm_500x255.txt'), { trees: 500, leaves: 255 });
  const bareScript = 'const c = process.cpuUsage(); console.log(JSON.stringify({ sinceStart: performance.now(), cpu: (c.user + c.system) / 1000 }))';
  // The bundle is an ES module, and Node starts its ES module loader only for one: an empty module
  // shows how much of the figure above bare `node -e` that costs, and how much the bundle's own code.
  writeFileSync(join(scratch, 'empty.mjs'), `${bareScript};\n`);
  // What the bundle's start must do whatever its code: load node:crypto, read the layout whole and
  // check its sha256, check the model file's through one small buffer (runtime/embedded.ts). A fresh
  // process doing only that shows how much of the figure the integrity check of the files costs.
  writeFileSync(
    join(scratch, 'check-files.mjs'),
    `const { createHash } = process.getBuiltinModule('node:crypto');\nconst fs = process.getBuiltinModule('node:fs');\n` +
      `const [layout, model] = process.argv.slice(2);\ncreateHash('sha256').update(fs.readFileSync(layout)).digest('hex');\n` +
      `const hash = createHash('sha256');\nconst chunk = Buffer.allocUnsafe(128 * 1024);\nconst fd = fs.openSync(model, 'r');\n` +
      `for (let read; (read = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, read));\n` +
      `fs.closeSync(fd);\nhash.digest('hex');\n${bareScript};\n`,
  );
  for (const [label, modelPath, goalAboveBare] of [
    ['keiba (LightGBM, 1,000 trees)', KEIBA, 30],
    ['LightGBM 500 × 255 leaves (generated)', generated.path, 100],
  ] as const) {
    const folder = join(scratch, `bundle-${goalAboveBare}`);
    const exported = runNode([join(ROOT, 'dist', 'main', 'cli.mjs'), 'export', modelPath, '--target', 'lambda', '--out', folder]);
    const eventPath = join(folder, 'events', 'get-v2.json');
    if (!existsSync(eventPath)) throw new Error(`the bundle in ${folder} has no events/get-v2.json`);
    const event = readFileSync(eventPath, 'utf8').trim();
    writeFileSync(
      join(folder, 'cold.mjs'),
      `const importStart = performance.now();\nconst { handler } = await import('./index.mjs');\nconst answerStart = performance.now();\n` +
        `const response = await handler(${event});\nconst answered = performance.now();\n` +
        `if (response.statusCode !== 200) { console.error(response.body); process.exit(1); }\n` +
        `const cpu = process.cpuUsage();\n` +
        `console.log(JSON.stringify({ sinceStart: answered, importMs: answerStart - importStart, answerMs: answered - answerStart, cpu: (cpu.user + cpu.system) / 1000 }));\n`,
    );
    const cold: number[] = [];
    const bare: number[] = [];
    const emptyModule: number[] = [];
    const checkFiles: number[] = [];
    const layoutPath = join(folder, 'model.layout');
    const hasLayout = existsSync(layoutPath);
    const coldInside: Inside[] = [];
    const bareInside: Inside[] = [];
    for (let run = 0; run < RUNS; run++) {
      const bareRun = runNode(['-e', bareScript], folder);
      bare.push(bareRun.wall);
      bareInside.push(JSON.parse(bareRun.stdout));
      emptyModule.push(runNode([join(scratch, 'empty.mjs')], folder).wall);
      if (hasLayout) checkFiles.push(runNode([join(scratch, 'check-files.mjs'), layoutPath, join(folder, 'model.spkm')], folder).wall);
      const coldRun = runNode(['cold.mjs'], folder);
      cold.push(coldRun.wall);
      coldInside.push(JSON.parse(coldRun.stdout.trim().split('\n').pop()!));
    }
    const coldMs = median(cold);
    const bareMs = median(bare);
    const above = coldMs - bareMs;
    const inside = (values: Inside[], key: keyof Inside) => median(values.map((value) => value[key] ?? NaN)).toFixed(0);
    const bundleModel = ['model.spkm', 'model.json'].map((name) => join(folder, name)).find((path) => existsSync(path));
    console.log(
      `\n${label}: ${mb(statSync(modelPath).size)} model file${bundleModel ? `; bundle model ${bundleModel.split('/').pop()} ${mb(statSync(bundleModel).size)}` : ''}; export + selftest ${(exported.wall / 1000).toFixed(1)} s`,
    );
    console.log(`  fresh node, import index.mjs + one GET event: ${coldMs.toFixed(0)} ms wall (median of ${RUNS}: ${cold.map((ms) => ms.toFixed(0)).join(', ')})`);
    console.log(`  bare node -e                                 : ${bareMs.toFixed(0)} ms wall (median of ${RUNS}: ${bare.map((ms) => ms.toFixed(0)).join(', ')})`);
    console.log(
      `  an empty ES module (node empty.mjs)          : ${median(emptyModule).toFixed(0)} ms wall (median of ${RUNS}: ${emptyModule.map((ms) => ms.toFixed(0)).join(', ')}); ` +
        `the bundle above it: ${(coldMs - median(emptyModule)).toFixed(0)} ms`,
    );
    if (hasLayout) {
      console.log(
        `  only checking the bundle's files (node:crypto, sha256 of model.layout and model.spkm): ${median(checkFiles).toFixed(0)} ms wall (median of ${RUNS}: ${checkFiles.map((ms) => ms.toFixed(0)).join(', ')}); ` +
          `${(median(checkFiles) - bareMs).toFixed(0)} ms above bare, a floor for any bundle that checks them at start`,
      );
    }
    console.log(
      `  inside the process: import ${inside(coldInside, 'importMs')} ms, first answer ${inside(coldInside, 'answerMs')} ms; answered ${inside(coldInside, 'sinceStart')} ms after start ` +
        `(bare: ${inside(bareInside, 'sinceStart')} ms); CPU ${inside(coldInside, 'cpu')} ms (bare: ${inside(bareInside, 'cpu')} ms)`,
    );
    console.log(`  cold start above bare Node: ${above.toFixed(0)} ms; goal ≤ ${goalAboveBare} ms above: ${verdict(above <= goalAboveBare)} (load average ${loadavg()[0].toFixed(1)})`);
    recordGoal({
      issue: 10,
      goal: `${label}: Lambda import + first answer ≤ ${goalAboveBare} ms above bare node -e`,
      figure: `${above.toFixed(0)} ms`,
      reference: `bare node -e ${bareMs.toFixed(0)} ms${hasLayout ? `; only checking the files ${(median(checkFiles) - bareMs).toFixed(0)} ms above it` : ''}`,
      met: above <= goalAboveBare,
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
