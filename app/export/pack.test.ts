import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../eval';
import { parseModelText } from '../formats';
import type { TreeModel } from '../model/types';
import { corpus, REFERENCE_DIR } from '../testing/shared';
import { decodeExactJson, encodeExactJson } from './exactJson';
import { generateGoldenRows } from './golden';
import { packModel, unpackModel } from './pack';
import { sha256Hex } from './sha256';

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

/** Exact JSON with sorted keys, so key order does not matter. */
function canonical(value: unknown): string {
  const sorted = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(sorted)
      : item && typeof item === 'object'
        ? Object.fromEntries(Object.keys(item).sort().filter((key) => (item as Record<string, unknown>)[key] !== undefined).map((key) => [key, sorted((item as Record<string, unknown>)[key])]))
        : item;
  return encodeExactJson(sorted(value));
}

describe('packModel / unpackModel', () => {
  for (const path of MODELS) {
    it(`keeps every prediction of ${path.split('/').slice(-2).join('/')} bit for bit`, () => {
      const model = load(path);
      const unpacked = unpackModel(JSON.parse(packModel(model)));
      // Everything but positions and statistics survives exactly.
      const strip = (m: TreeModel) => ({
        ...m,
        trees: m.trees.map((tree) => ({ ...tree, nodes: tree.nodes.map(({ position: _p, stats: _s, ...rest }) => rest) })),
      });
      expect(canonical(unpacked)).toBe(canonical(strip(model)));
      const original = compileModel(model);
      const copy = compileModel(unpacked);
      for (const row of generateGoldenRows(model, { maxRows: 300 })) {
        const a = original.predictRow(row);
        const b = copy.predictRow(row);
        expect(b.raw.map(String)).toEqual(a.raw.map(String));
        b.prediction.forEach((value, k) => expect(Object.is(value, a.prediction[k])).toBe(true));
        expect(b.leaves).toEqual(a.leaves);
      }
    });
  }

  it('keeps −0, NaN and infinities in number columns', () => {
    const model = load(corpus('spark/mllib_dt_handwritten_nested.txt'));
    const split = model.trees[0].nodes.find((node) => node.type === 'split')!;
    if (split.type === 'split' && split.split.kind === 'numeric') split.split.threshold = Infinity;
    const leaf = model.trees[0].nodes.find((node) => node.type === 'leaf')!;
    if (leaf.type === 'leaf') leaf.value = [-0];
    const unpacked = unpackModel(JSON.parse(packModel(model)));
    const splitBack = unpacked.trees[0].nodes[split.id];
    expect(splitBack.type === 'split' && splitBack.split.kind === 'numeric' && splitBack.split.threshold).toBe(Infinity);
    const leafBack = unpacked.trees[0].nodes[leaf.id];
    expect(leafBack.type === 'leaf' && Object.is(leafBack.value[0], -0)).toBe(true);
  });
});

describe('sha256Hex', () => {
  it('agrees with node:crypto', () => {
    const texts = ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'Zürich → 東京 🌲', readFileSync(MODELS[0], 'utf8')];
    for (const text of texts) expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('encodeExactJson', () => {
  it('round-trips −0, NaN and infinities', () => {
    const back = decodeExactJson<number[]>(encodeExactJson([-0, 0, NaN, Infinity, -Infinity, 1.5]));
    expect(back.map((value) => (Object.is(value, -0) ? '-0' : String(value)))).toEqual(['-0', '0', 'NaN', 'Infinity', '-Infinity', '1.5']);
  });
});
