/**
 * Reference harness: every case folder under ../shared/reference and fixtures/reference (same
 * layout, README.md there) is parsed with the real adapters and scored; leaves must be identical and
 * scores within the README tolerances (XGBoost 0 ulp; LightGBM and scikit-learn 1e-12 relative).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseModelText, type ParseOptions } from '../formats';
import type { TreeModel } from '../model/types';
import { REFERENCE_DIR } from '../testing/shared';
import { loadLightgbmText, loadSklearnTreeJson, loadXgboostModelJson } from './directLoaders.testkit';
import { compileModel, predictPath } from './index';
import { expectKernel } from './kernel.testkit';

const FIXTURE_REFERENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'reference');

interface Meta {
  case: string;
  library: string;
  objective?: string;
  base_score?: number;
  num_class?: number;
  classes?: number[];
  model_files: Record<string, string>;
  inputs: { name: string; input: string; expected: Record<string, string> }[];
}

/** A CSV of numbers: header row, then cells parsed to double; empty = NaN; `inf`/`-inf`/`nan` spelled out. */
export function readNumberCsv(path: string): { header: string[]; rows: number[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) =>
    line.split(',').map((cell) => {
      const text = cell.trim().toLowerCase();
      if (text === '' || text === 'nan') return NaN;
      if (text === 'inf' || text === '+inf' || text === 'infinity') return Infinity;
      if (text === '-inf' || text === '-infinity') return -Infinity;
      const value = Number(text);
      if (Number.isNaN(value)) throw new Error(`${path}: '${cell}' is not a number`);
      return value;
    }),
  );
  return { header, rows };
}

function caseFolders(): string[] {
  const folders: string[] = [];
  for (const root of [REFERENCE_DIR, FIXTURE_REFERENCE_DIR]) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      if (existsSync(join(root, name, 'meta.json'))) folders.push(join(root, name));
    }
  }
  return folders;
}

interface Variant {
  label: string;
  load: () => TreeModel;
}

/**
 * How a case's model is read: through the real adapters (`parseModelText`; dumps get the objective
 * and base_score they lack from meta.json) and, as an adapter-independent check of the evaluator,
 * through the test kit's direct readers.
 */
function modelVariants(folder: string, meta: Meta): Variant[] {
  const read = (file: string) => readFileSync(join(folder, file), 'utf8');
  const variants: Variant[] = [];
  for (const [key, file] of Object.entries(meta.model_files)) {
    if (key === 'tree_json') continue; // scikit-learn's exact arrays: not a dump format Splitscope reads.
    const options: ParseOptions = {};
    if (key.startsWith('dump')) {
      if (meta.objective) options.objective = meta.objective;
      if (meta.base_score !== undefined) options.baseScore = meta.base_score;
      if (meta.num_class) options.numClass = meta.num_class;
    }
    variants.push({ label: `${file} via parseModelText`, load: () => parseModelText(read(file), file, options) });
  }
  const files = meta.model_files;
  if (meta.library === 'lightgbm' && files.model_txt) variants.push({ label: `${files.model_txt} via test kit`, load: () => loadLightgbmText(read(files.model_txt)) });
  if (meta.library === 'xgboost' && files.native_json) variants.push({ label: `${files.native_json} via test kit`, load: () => loadXgboostModelJson(read(files.native_json)) });
  if (meta.library === 'sklearn' && files.tree_json) variants.push({ label: `${files.tree_json} via test kit`, load: () => loadSklearnTreeJson(read(files.tree_json)) });
  return variants;
}

/**
 * The CSV column feeding each model feature. The header holds the names in the library's model order;
 * a dump may list features in another order (XGBoost dumps and export_text name only the features
 * they use, in order of appearance), so named features are matched by name, the rest by position.
 */
function columnsOf(model: TreeModel, header: string[], numFeatures: number): number[] {
  return Array.from({ length: numFeatures }, (_, index) => {
    const feature = model.features[index];
    const byName = feature ? header.indexOf(feature.name) : -1;
    if (byName >= 0) return byName;
    if (feature?.isNamed) throw new Error(`model feature '${feature.name}' is not a column of the input (${header.join(', ')})`);
    return index < header.length ? index : -1;
  });
}

function within(actual: number, expected: number, exact: boolean): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (exact) return actual === expected;
  return actual === expected || Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

const folders = caseFolders();

describe('reference cases', () => {
  it('finds the shared reference cases', () => {
    expect(folders.length).toBeGreaterThanOrEqual(6);
  });

  for (const folder of folders) {
    const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as Meta;
    const isExact = meta.library === 'xgboost';
    describe(`${meta.case} (${folder.startsWith(REFERENCE_DIR) ? 'shared' : 'fixtures'})`, () => {
      for (const variant of modelVariants(folder, meta)) {
        for (const input of meta.inputs) {
          // Every case through the interpreter and through the model compiler (app/eval/wasm.ts).
          for (const kernel of ['interpreter', 'wasm'] as const) it(`${variant.label} × ${input.input} (${kernel})`, () => {
            const model = variant.load();
            const compiled = compileModel(model, { kernel });
            const { header, rows } = readNumberCsv(join(folder, input.input));
            const numFeatures = compiled.numFeatures;
            const columns = columnsOf(model, header, numFeatures);
            const values = new Float64Array(rows.length * numFeatures).fill(NaN);
            rows.forEach((row, r) => columns.forEach((column, j) => column >= 0 && (values[r * numFeatures + j] = row[column])));
            const batch = compiled.predictBatch(values, rows.length, { leafNodes: true });
            expect(batch.errors.size).toBe(0);
            expectKernel(compiled.kernel, kernel, model);

            const problems: string[] = [];
            const note = (message: string) => problems.length < 10 && problems.push(message);

            if (input.expected.leaf) {
              const expected = readNumberCsv(join(folder, input.expected.leaf)).rows;
              expect(expected.length).toBe(rows.length);
              expect(expected[0].length).toBe(compiled.numTrees);
              for (let r = 0; r < rows.length; r++) {
                for (let t = 0; t < compiled.numTrees; t++) {
                  const nodeId = batch.leafNodes![r * compiled.numTrees + t];
                  const sourceId = model.trees[t].nodes[nodeId].sourceId;
                  if (sourceId !== expected[r][t]) note(`row ${r} tree ${t}: leaf ${sourceId}, expected ${expected[r][t]}`);
                }
              }
            }
            const compare = (kind: 'raw' | 'pred', actual: Float64Array, width: number) => {
              const expected = readNumberCsv(join(folder, input.expected[kind])).rows;
              expect(expected.length).toBe(rows.length);
              expect(expected[0].length).toBe(width);
              for (let r = 0; r < rows.length; r++) {
                for (let k = 0; k < width; k++) {
                  const value = actual[r * width + k];
                  if (!within(value, expected[r][k], isExact)) note(`row ${r} ${kind}[${k}]: ${value}, expected ${expected[r][k]}`);
                }
              }
            };
            if (input.expected.raw) compare('raw', batch.raw, batch.numOutputs);
            if (input.expected.pred) compare('pred', batch.prediction, batch.predictionWidth ?? batch.numOutputs);
            if (input.expected.label) {
              const expected = readNumberCsv(join(folder, input.expected.label)).rows;
              const classes = meta.classes ?? model.classes?.map(Number) ?? [];
              for (let r = 0; r < rows.length; r++) {
                const label = classes[batch.predictedClass[r]];
                if (label !== expected[r][0]) note(`row ${r} label: ${label}, expected ${expected[r][0]}`);
              }
            }

            // The row API and the independent IR walk must agree with the batch.
            for (let r = 0; r < rows.length; r += Math.max(1, Math.floor(rows.length / 50))) {
              const row = values.subarray(r * numFeatures, (r + 1) * numFeatures);
              const single = compiled.predictRow(row, { paths: true });
              for (let k = 0; k < batch.numOutputs; k++) {
                if (!Object.is(single.raw[k], batch.raw[r * batch.numOutputs + k])) note(`row ${r}: predictRow raw differs from predictBatch`);
              }
              for (let t = 0; t < compiled.numTrees; t++) {
                const path = predictPath(model, t, row);
                if (path.at(-1) !== single.leafNodes[t] || path.join() !== single.paths![t].join()) note(`row ${r} tree ${t}: predictPath disagrees`);
              }
              // Without paths, a row takes the compiled trees once they exist: the same answer.
              const lean = compiled.predictRow(row);
              for (const key of ['raw', 'prediction', 'leaves', 'leafNodes', 'leafValues'] as const) {
                if (!lean[key].every((value, index) => Object.is(value, single[key][index])) || lean[key].length !== single[key].length) note(`row ${r}: predictRow ${key} differs with and without paths`);
              }
              if (lean.predictedClass !== single.predictedClass || lean.error !== single.error) note(`row ${r}: predictRow class or error differs with and without paths`);
            }
            expect(problems).toEqual([]);
          });
        }
      }
    });
  }
});
