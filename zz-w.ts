import { compileModel } from './app/eval';
import { parseModelText } from './app/formats';
import { seededRandom } from './app/util/random';
self.onmessage = (event: MessageEvent) => {
  const { text, rows, choices } = event.data as { text: string; rows: number; choices: string[] };
  const model = parseModelText(text, 'm.txt');
  const nf = compileModel(model, { kernel: 'interpreter' }).numFeatures;
  const next = seededRandom(7);
  const values = new Float64Array(rows * nf);
  for (let i = 0; i < values.length; i++) values[i] = next() < 0.03 ? NaN : (next() - 0.5) * 6;
  const out: string[] = [];
  for (const choice of choices) {
    const t0 = performance.now();
    const m = compileModel(model, { kernel: choice as 'wasm' });
    const prepared = performance.now();
    const times: number[] = [];
    for (let start = 0; start < rows; start += 8192) { const t = performance.now(); m.predictBatch(values.subarray(start * nf, Math.min(rows, start + 8192) * nf), Math.min(8192, rows - start)); times.push(Math.round(performance.now() - t)); }
    const t1 = performance.now();
    m.predictBatch(values, rows);
    const t2 = performance.now();
    out.push(`${choice} ${JSON.stringify(m.kernel).slice(0, 60)} compile ${(prepared - t0).toFixed(0)} first ${(t1 - t0).toFixed(0)} ms [${times.join(' ')}], second ${(t2 - t1).toFixed(0)} ms`);
  }
  (self as any).postMessage(out.join('\n'));
};
