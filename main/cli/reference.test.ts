import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../app/testing/shared';
import { PROJECT_ROOT } from '../paths';
import { cli, readCsvFile, readCsvText } from './testing';

/*
 * End to end against the libraries' own predictions (../shared/reference/README.md): every case's
 * model (../shared/reference and the project's own fixtures/reference), through `splitscope predict --raw --leaves`, on input_main.csv and input_edge.csv, compared
 * with expected_<input>_{raw,pred,leaf,label}.csv. These depend on the format adapters: a case whose
 * adapter has not landed yet fails here with the importer's "not supported yet" message (exit 3).
 */

interface Meta {
  library: 'lightgbm' | 'xgboost' | 'sklearn';
  objective: string;
  num_class: number;
  base_score?: number;
}

interface Variant {
  title: string;
  modelFile: string;
  args: string[];
}

function variants(folder: string, meta: Meta): Variant[] {
  switch (meta.library) {
    case 'lightgbm':
      return [{ title: '[needs the LightGBM adapter] model.txt', modelFile: 'model.txt', args: [] }];
    case 'sklearn':
      // export_text names only the features the tree splits on; the CSV has them all.
      return [{ title: 'export_text tree.txt', modelFile: 'tree.txt', args: ['--ignore-unknown-columns'] }];
    case 'xgboost': {
      // Dumps hold neither the objective nor base_score nor the class count: pass what meta.json says.
      // They list only the features the trees use, so the CSV may have more columns.
      const dumpArgs = ['--objective', meta.objective, '--base-score', String(meta.base_score), '--ignore-unknown-columns'];
      if (meta.num_class > 0) dumpArgs.push('--num-class', String(meta.num_class));
      return [
        { title: 'native model.json', modelFile: 'model.json', args: [] },
        { title: 'text dump model.dump.txt', modelFile: 'model.dump.txt', args: dumpArgs },
        { title: 'JSON dump model.dump.json', modelFile: 'model.dump.json', args: dumpArgs },
      ].filter((variant) => existsSync(join(folder, variant.modelFile)));
    }
  }
}

/** README tolerances: XGBoost exact (float32 arithmetic reproduced); LightGBM and scikit-learn ≤ 1e-12 relative. */
function expectClose(actual: string, expected: string, library: Meta['library'], where: string): void {
  const a = Number(actual);
  const e = Number(expected);
  if (library === 'xgboost' || !Number.isFinite(e)) {
    expect(Object.is(a, e) || a === e, `${where}: ${actual} vs ${expected}`).toBe(true);
    return;
  }
  expect(Math.abs(a - e), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
}

function column(table: { header: string[]; rows: string[][] }, name: string): string[] {
  const index = table.header.indexOf(name);
  if (index < 0) throw new Error(`no column ${name} in ${table.header.slice(0, 8).join(',')}`);
  return table.rows.map((row) => row[index]);
}

/** The shared cases, and the ones the project made itself (fixtures/reference, same layout, with their script). */
const PROJECT_REFERENCE_DIR = join(PROJECT_ROOT, 'fixtures', 'reference');
const cases = [REFERENCE_DIR, PROJECT_REFERENCE_DIR].flatMap((root) =>
  existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'meta.json')))
        .map((name) => ({ name: root === REFERENCE_DIR ? name : `fixtures/${name}`, folder: join(root, name) }))
    : [],
);

describe.each(cases)('reference case $name', ({ folder }) => {
  const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as Meta;

  describe.each(variants(folder, meta))('$title', ({ modelFile, args }) => {
    it.each(['main', 'edge'])('predicts input_%s.csv exactly like the library (leaves, raw, predictions)', async (input) => {
      const inputPath = join(folder, `input_${input}.csv`);
      const result = await cli('predict', join(folder, modelFile), '--csv', inputPath, '--raw', '--leaves', ...args);
      expect(result.code, result.stderr).toBe(0);
      const output = readCsvText(result.stdout);
      const inputRows = readCsvFile(inputPath).rows.length;
      expect(output.rows).toHaveLength(inputRows);

      const leaf = readCsvFile(join(folder, `expected_${input}_leaf.csv`));
      leaf.header.forEach((tree, t) => {
        const actual = column(output, `leaf_${t}`);
        const expected = column(leaf, tree);
        expect(actual, `leaves of tree ${t}`).toEqual(expected.map((value) => String(Number(value))));
      });

      const rawPath = join(folder, `expected_${input}_raw.csv`);
      if (existsSync(rawPath)) {
        const raw = readCsvFile(rawPath);
        for (const name of raw.header) {
          const actual = column(output, name);
          column(raw, name).forEach((expected, row) => expectClose(actual[row], expected, meta.library, `${name} row ${row + 2}`));
        }
      }

      const pred = readCsvFile(join(folder, `expected_${input}_pred.csv`));
      const probabilityColumns = output.header.filter((header) => header.startsWith('prob_'));
      pred.header.forEach((name, k) => {
        // `pred` is P(class 1) for a binary classifier and the value for a regressor; prob_k is the k-th class.
        const mine = name === 'pred' ? (output.header.includes('prob') ? 'prob' : 'prediction') : probabilityColumns[k];
        const actual = column(output, mine);
        column(pred, name).forEach((expected, row) => expectClose(actual[row], expected, meta.library, `${name} row ${row + 2}`));
      });

      const labelPath = join(folder, `expected_${input}_label.csv`);
      if (existsSync(labelPath)) {
        const actual = column(output, 'prediction');
        column(readCsvFile(labelPath), 'label').forEach((expected, row) => expect(Number(actual[row]), `label row ${row + 2}`).toBe(Number(expected)));
      }
    });
  });
});
