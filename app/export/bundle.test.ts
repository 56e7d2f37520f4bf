import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../eval';
import { parseModelText } from '../formats';
import { packModel } from '../model/forestBuilder';
import { unpackModel } from '../model/materialize';
import { FOREST_COLUMNS } from '../model/packed';
import { decodePackedModel } from '../model/packedCodec';
import type { TreeModel } from '../model/types';
import { corpus, REFERENCE_DIR } from '../testing/shared';
import { MODEL_FILE, planBundle, PYTHON_RUNTIME_FILES, type RuntimeCode } from './bundle';
import { decodeExactJson, encodeExactJson } from './exactJson';
import { generateGoldenRows } from './golden';
import { sha256Hex, sha256HexOfBytes } from './sha256';

const MODELS = [
  corpus('spark/mllib_dt_banknote_depth5.txt'),
  corpus('spark/ml_rf_classifier_spark201_4class_3trees.txt'),
  corpus('spark/ml_dt_classifier_spark2x_categorical_with_prefix_line.txt'),
  join(REFERENCE_DIR, 'xgb_binary_missing', 'model.json'),
  join(REFERENCE_DIR, 'xgb_multiclass_softprob', 'model.json'),
  join(REFERENCE_DIR, 'skl_dtc_iris', 'tree.txt'),
  join(REFERENCE_DIR, 'lgb_multiclass_iris', 'model.txt'),
  join(REFERENCE_DIR, 'lgb_binary_nan', 'model.txt'),
  corpus('lightgbm/lleaves_mixed_categorical_v3.txt'),
  corpus('xgboost/mushroom_indicator_fmap_v2x.txt'),
];

/** Parses a model; a parser that throws fails the test that needs it (never a skip). */
function load(path: string): TreeModel {
  return parseModelText(readFileSync(path, 'utf8'), path);
}

const RUNTIME = {
  lambda: '/* lambda */',
  server: '/* server */',
  selftest: '/* selftest */',
  python: Object.fromEntries(PYTHON_RUNTIME_FILES.map((name) => [name, `# ${name}`])),
};

describe('the bundle ships the packed model as a binary file', () => {
  for (const path of MODELS) {
    it(`${path.split('/').slice(-2).join('/')}: ${MODEL_FILE} holds every column scoring reads exactly, and its checksum is its sha256`, () => {
      const model = load(path);
      const plan = planBundle({ model, target: 'lambda', runtime: RUNTIME, version: 'test', maxGoldenRows: 300 });
      const file = plan.files.find((entry) => entry.path === MODEL_FILE)!;
      expect(file.content).toBeInstanceOf(Uint8Array);
      const bytes = file.content as Uint8Array;
      expect(plan.checksum).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(plan.modelBytes).toBe(bytes.length);
      const entry = plan.files.find((candidate) => candidate.path === plan.entryFile)!.content as string;
      expect(entry).toContain(`const SPLITSCOPE_MODEL_CHECKSUM = ${JSON.stringify(plan.checksum)};`);
      expect(entry).toContain(`const SPLITSCOPE_MODEL_FILE = ${JSON.stringify(MODEL_FILE)};`);
      const decoded = decodePackedModel(bytes.slice());
      // Only the file name travels (the exporting machine's folders stay private).
      const packed = packModel({ ...model, fileName: path.split('/').pop()! });
      expect(decoded.header).toEqual(packed.header);
      for (const name of FOREST_COLUMNS) {
        // Training statistics and source positions stay in the app: no service reads them.
        if (['gain', 'count', 'cover', 'internalValue', 'line', 'column'].includes(name)) expect(decoded.forest[name], name).toBeUndefined();
        else expect(decoded.forest[name], name).toEqual(packed.forest[name]);
      }
      const withoutStatistics = unpackModel(packed);
      for (const tree of withoutStatistics.trees) for (const node of tree.nodes) delete node.stats, delete node.position;
      expect(unpackModel(decoded)).toEqual(withoutStatistics);
      const original = compileModel(model);
      const copy = compileModel(decoded);
      for (const row of generateGoldenRows(model, { maxRows: 300 })) {
        const a = original.predictRow(row);
        const b = copy.predictRow(row);
        expect(b.raw.map(String)).toEqual(a.raw.map(String));
        b.prediction.forEach((value, k) => expect(Object.is(value, a.prediction[k])).toBe(true));
        expect(b.leaves).toEqual(a.leaves);
      }
    });
  }
});

describe('sha256Hex', () => {
  it('agrees with node:crypto, for text and bytes', () => {
    const texts = ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'Zürich → 東京 🌲', readFileSync(MODELS[0], 'utf8')];
    for (const text of texts) expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131) & 255);
    expect(sha256HexOfBytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('encodeExactJson', () => {
  it('round-trips −0, NaN and infinities', () => {
    const back = decodeExactJson<number[]>(encodeExactJson([-0, 0, NaN, Infinity, -Infinity, 1.5]));
    expect(back.map((value) => (Object.is(value, -0) ? '-0' : String(value)))).toEqual(['-0', '0', 'NaN', 'Infinity', '-Infinity', '1.5']);
  });
});
