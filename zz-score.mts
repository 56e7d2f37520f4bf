import { readFileSync } from 'node:fs';
import { compileModel } from './app/eval';
import { parseModelText } from './app/formats';
import { seededRandom } from './app/util/random';
const path = process.argv[2];
const rows = Number(process.argv[3] ?? 100000);
const model = parseModelText(readFileSync(path, 'utf8'), path.split('/').pop()!);
const m0 = compileModel(model, { kernel: 'interpreter' });
const nf = m0.numFeatures;
const next = seededRandom(7);
const values = new Float64Array(rows * nf);
for (let i = 0; i < values.length; i++) values[i] = next() < 0.03 ? NaN : (next() - 0.5) * 6;
for (const choice of (process.argv[4] ?? 'interpreter,wasm').split(',')) {
  const t0 = performance.now();
  const m = compileModel(model, { kernel: choice as 'wasm' });
  const b = m.predictBatch(values, rows);
  const t1 = performance.now();
  const b2 = m.predictBatch(values, rows);
  const t2 = performance.now();
  let sum = 0; for (const v of b.raw) sum += v;
  let same = true; for (let i = 0; i < b.raw.length; i++) if (!Object.is(b.raw[i], b2.raw[i])) same = false;
  console.log(choice, JSON.stringify(m.kernel), 'first', (t1 - t0).toFixed(0), 'ms, second', (t2 - t1).toFixed(0), 'ms, sum', sum, same);
}
