/**
 * Every corpus model the adapters read compiles, and its three scoring paths agree: the batch
 * walkers, the row API and the plain IR walk (`predictPath`), on rows built from the model's own
 * thresholds (values on, just below and just above each split, and missing values).
 */
import { describe, expect, it } from 'vitest';
import { ModelParseError, parseModelText } from '../formats';
import type { TreeModel } from '../model/types';
import { corpusFiles, readCorpus } from '../testing/shared';
import { compileModel, predictPath } from './index';
import { expectKernel } from './kernel.testkit';

function rowsFor(model: TreeModel, numFeatures: number, rows: number): Float64Array {
  const values: number[][] = Array.from({ length: numFeatures }, () => [NaN, 0]);
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type !== 'split') continue;
      const split = node.split;
      if (split.kind === 'numeric' && Number.isFinite(split.threshold)) values[node.feature].push(split.threshold, split.threshold * (1 + 1e-9) + 1e-12, split.threshold - 1e-9);
      if (split.kind === 'categorical') values[node.feature].push(...split.categories.slice(0, 3), -1, 1e9);
    }
  }
  let state = 12345;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const data = new Float64Array(rows * numFeatures);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < numFeatures; j++) data[r * numFeatures + j] = values[j][Math.floor(next() * values[j].length)];
  }
  return data;
}

/** Corpus files that are not whole models, and the code each is refused with. Every other file must parse. */
const REFUSED = new Map([
  ['lightgbm/leaves_fragment_tree_3leaves_handwritten.txt', 'E_PARSE_SYNTAX'],
  ['xgboost/mushroom_indicator_fmap_v2x.featmap.txt', 'E_FORMAT_UNKNOWN'],
]);

describe('corpus models: batch, row and IR walk agree', () => {
  for (const folder of ['spark', 'lightgbm', 'xgboost', 'sklearn']) {
    for (const file of corpusFiles(folder)) {
      if (!/\.(txt|json)$/.test(file) || /(predictions|pred_leaves|margin|pred)\.txt$|data\.txt$/.test(file)) continue;
      // Through the interpreter and through the model compiler (app/eval/wasm.ts).
      for (const kernel of ['interpreter', 'wasm'] as const) it(`${folder}/${file} (${kernel})`, () => {
        const refusal = REFUSED.get(`${folder}/${file}`);
        if (refusal) {
          // Not a model: the adapters must keep refusing it, with its code (a parse that starts passing shows here).
          expect(() => parseModelText(readCorpus(`${folder}/${file}`), file)).toThrow(ModelParseError);
          try {
            parseModelText(readCorpus(`${folder}/${file}`), file);
          } catch (error) {
            expect((error as ModelParseError).info.code).toBe(refusal);
          }
          return;
        }
        const model: TreeModel = parseModelText(readCorpus(`${folder}/${file}`), file);
        const compiled = compileModel(model, { kernel });
        const rows = 64;
        const data = rowsFor(model, compiled.numFeatures, rows);
        const batch = compiled.predictBatch(data, rows, { leafNodes: true });
        expectKernel(compiled.kernel, kernel, model);
        const problems: string[] = [];
        const trees = Math.min(compiled.numTrees, 60);
        // Once a batch compiled the trees, single rows take them too: they must answer as the interpreter does.
        const interpreted = kernel === 'wasm' ? compileModel(model, { kernel: 'interpreter' }) : undefined;
        for (let r = 0; r < rows && problems.length < 5; r++) {
          const row = data.subarray(r * compiled.numFeatures, (r + 1) * compiled.numFeatures);
          const single = compiled.predictRow(row);
          if (interpreted) {
            const expected = interpreted.predictRow(row);
            for (const key of ['raw', 'prediction', 'leaves', 'leafNodes', 'leafValues'] as const) {
              if (single[key].length !== expected[key].length || !single[key].every((value, index) => Object.is(value, expected[key][index]))) problems.push(`row ${r}: predictRow ${key} differs from the interpreter's`);
            }
            if (single.predictedClass !== expected.predictedClass || single.error !== expected.error) problems.push(`row ${r}: predictRow class or error differs from the interpreter's`);
          }
          for (let k = 0; k < compiled.numOutputs; k++) {
            if (!Object.is(single.raw[k], batch.raw[r * compiled.numOutputs + k])) problems.push(`row ${r} raw[${k}] ${single.raw[k]} vs batch ${batch.raw[r * compiled.numOutputs + k]}`);
          }
          for (let t = 0; t < trees; t++) {
            const leaf = predictPath(model, t, row).at(-1);
            if (leaf !== single.leafNodes[t] || leaf !== batch.leafNodes![r * compiled.numTrees + t]) problems.push(`row ${r} tree ${t}: path ${leaf}, row ${single.leafNodes[t]}, batch ${batch.leafNodes![r * compiled.numTrees + t]}`);
          }
        }
        expect(problems).toEqual([]);
      });
    }
  }
});
