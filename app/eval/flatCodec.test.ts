import { describe, expect, it } from 'vitest';
import { parsePackedModel } from '../formats';
import { compileModel, layoutOf } from './compile';
import { decodeFlatModel, encodeFlatModel, FlatLayoutError } from './flatCodec';
import type { FlatModel } from './flat';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packModel } from '../model/forestBuilder';
import { referenceModels } from '../testing/referenceCases';
import { CORPUS_DIR, corpusFiles } from '../testing/shared';

const corpusFile = (name: string) => join(CORPUS_DIR, name);

const FILES = ['lightgbm/keiba_binary_nan_missing_v4.txt', 'lightgbm/lleaves_airline_binary_categorical_v3.txt', 'xgboost/missing_goes_right.txt'];

describe('the evaluator layout file (flatCodec)', () => {
  for (const name of FILES) {
    it(`${name}: reads back as the layout it was written from, and scores the same`, () => {
      const packed = parsePackedModel(readFileSync(corpusFile(name), 'utf8'), name);
      const layout = layoutOf(packed);
      const bytes = encodeFlatModel(layout);
      // Reading from an odd offset copies once; the arrays are still the same.
      const shifted = new Uint8Array(bytes.length + 3);
      shifted.set(bytes, 3);
      for (const decoded of [decodeFlatModel(bytes), decodeFlatModel(shifted.subarray(3))]) {
        expect(decoded).toEqual(layout);
        const fromFile = compileModel(packed, { layout: decoded });
        const fresh = compileModel(packed);
        const rows = 40;
        const values = new Float64Array(rows * fresh.numFeatures).map((_, index) => (index % 7 === 0 ? NaN : ((index * 2654435761) % 1000) / 100 - 3));
        const a = fromFile.predictBatch(values, rows, { leafNodes: true });
        const b = fresh.predictBatch(values, rows, { leafNodes: true });
        expect(a.raw).toEqual(b.raw);
        expect(a.leafNodes).toEqual(b.leafNodes);
      }
    });
  }

  it('refuses what is not a layout, another version, a column out of bounds, and a layout of another model', () => {
    const packed = parsePackedModel(readFileSync(corpusFile(FILES[0]), 'utf8'), FILES[0]);
    const bytes = encodeFlatModel(layoutOf(packed));
    expect(() => decodeFlatModel(new TextEncoder().encode('SPKM not this'))).toThrow(FlatLayoutError);
    const version = bytes.slice();
    version[4] = 9;
    expect(() => decodeFlatModel(version)).toThrow(/format version 9 is not supported/);
    expect(() => decodeFlatModel(bytes.subarray(0, bytes.length - 64))).toThrow(/lies outside the file/);
    const other = parsePackedModel(readFileSync(corpusFile(FILES[2]), 'utf8'), FILES[2]);
    expect(() => compileModel(packed, { layout: layoutOf(other) })).toThrow(/the evaluator layout holds 100 trees, the model 1000/);
  });

  describe('columns kept without bytes (fill, step, repeat)', () => {
    const keiba = () => layoutOf(parsePackedModel(readFileSync(corpusFile(FILES[0]), 'utf8'), FILES[0]));
    const directoryOf = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true)))) as { columns: unknown[][] };

    it('every corpus and reference model reads back bit for bit', () => {
      let count = 0;
      const check = (label: string, layout: FlatModel) => {
        const decoded = decodeFlatModel(encodeFlatModel(layout));
        for (const key of Object.keys(layout) as (keyof FlatModel)[]) {
          const [a, b] = [layout[key], decoded[key]];
          // Bits, not values: a NaN or -0 that came back as another number would score differently.
          const bits = (x: unknown) => (ArrayBuffer.isView(x) ? Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)) : x);
          expect(bits(b), `${label}: ${key}`).toEqual(bits(a));
          expect(b?.constructor, `${label}: ${key}`).toBe(a?.constructor);
        }
        count++;
      };
      for (const folder of ['lightgbm', 'xgboost', 'spark', 'sklearn']) {
        for (const name of corpusFiles(folder)) {
          // keiba, the largest, has a test of its own below.
          if (statSync(corpusFile(`${folder}/${name}`)).size > 1_500_000) continue;
          let packed;
          try {
            packed = parsePackedModel(readFileSync(corpusFile(`${folder}/${name}`), 'utf8'), name);
          } catch {
            continue; // files the adapters refuse (their own tests say why)
          }
          check(`${folder}/${name}`, layoutOf(packed));
        }
      }
      for (const reference of referenceModels()) check(reference.label, layoutOf(packModel(reference.load())));
      expect(count).toBeGreaterThan(40);
    });

    it('keiba: repeated and constant columns take no bytes, and the file shrinks by more than a third', () => {
      const layout = keiba();
      const bytes = encodeFlatModel(layout);
      const entries = new Map(directoryOf(bytes).columns.map((entry) => [entry[0] as string, entry]));
      expect(entries.get('vectors')).toEqual(['vectors', 'f64', 'of', layout.vectors.length, ['leafValue', 0, 1]]);
      expect(entries.get('leafClass')).toEqual(['leafClass', 'i32', 'fill', layout.leafClass.length, -1]);
      expect(entries.get('vectorStart')).toEqual(['vectorStart', 'i32', 'step', layout.vectorStart.length, [0, 1]]);
      expect(typeof entries.get('threshold')![2]).toBe('number');
      let plain = 0;
      for (const value of Object.values(layout)) if (ArrayBuffer.isView(value)) plain += value.byteLength;
      expect(bytes.length).toBeLessThan((plain * 2) / 3);
    });

    it('keiba: a column without bytes that walks never read is made when first read; walked columns are plain arrays', () => {
      const layout = keiba();
      const decoded = decodeFlatModel(encodeFlatModel(layout));
      const made = (name: keyof FlatModel) => Object.getOwnPropertyDescriptor(decoded, name)!;
      // Walked node by node: never behind a getter, even when kept without bytes (keiba's kind is a fill).
      for (const name of ['kind', 'leafKind', 'roots', 'treeOutput', 'threshold'] as const) expect(made(name).value, name).toBeInstanceOf(layout[name].constructor);
      // Read only by vector, linear, truncated or categorical leaves and splits: a getter, the same array on every read.
      for (const name of ['vectorStart', 'vectorLength', 'leafClass', 'linearStart', 'inSet'] as const) {
        expect(made(name).get, name).toBeTypeOf('function');
        expect(decoded[name], name).toBe(decoded[name]);
        expect(decoded[name], name).toEqual(layout[name]);
      }
    });

    it('a fill of -0 or NaN, and a long fill in a small file, are stored as bytes', () => {
      const layout = keiba();
      layout.threshold = new Float64Array(layout.threshold.length).fill(-0);
      layout.linearConstant = new Float64Array(layout.linearConstant.length).fill(NaN);
      const decoded = decodeFlatModel(encodeFlatModel(layout));
      expect(Object.is(decoded.threshold[5], -0)).toBe(true);
      expect(Number.isNaN(decoded.linearConstant[5])).toBe(true);
      const tiny = layoutOf(parsePackedModel('booster[0]:\n0:leaf=0.5\n', 'stump.txt'));
      tiny.leafClass = new Int32Array(200_000).fill(-1);
      const bytes = encodeFlatModel(tiny);
      expect(bytes.length).toBeGreaterThan(800_000);
      expect(decodeFlatModel(bytes).leafClass).toEqual(tiny.leafClass);
    });

    /** The file with its directory's entry for `name` replaced (stored columns keep their bytes). */
    const withEntry = (bytes: Uint8Array, name: string, entry: unknown[]) => {
      const directory = directoryOf(bytes);
      const oldLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
      const oldStart = (12 + oldLength + 7) & ~7;
      for (let delta = 0; ; delta += 8) {
        const columns = directory.columns.map((column) => (column[0] === name ? entry : typeof column[2] === 'number' ? [column[0], column[1], column[2] + delta, column[3]] : column));
        const text = new TextEncoder().encode(JSON.stringify({ ...directory, columns }));
        if (12 + text.length > oldStart + delta) continue;
        const out = new Uint8Array(bytes.length + delta);
        out.set(bytes.subarray(0, 12));
        new DataView(out.buffer).setUint32(8, oldStart + delta - 12, true);
        out.fill(0x20, 12, oldStart + delta);
        out.set(text, 12);
        out.set(bytes.subarray(oldStart), oldStart + delta);
        return out;
      }
    };

    it('refuses a fill or step longer than the file allows, a bad value, and a repeat of what is not stored', () => {
      const bytes = encodeFlatModel(keiba());
      const leaves = keiba().leafClass.length;
      expect(decodeFlatModel(withEntry(bytes, 'leafClass', ['leafClass', 'i32', 'fill', leaves, -1])).leafClass[0]).toBe(-1);
      expect(() => decodeFlatModel(withEntry(bytes, 'leafClass', ['leafClass', 'i32', 'fill', 2_000_000_000, -1]))).toThrow(/column leafClass has 2000000000 entries, more than 8 per byte of the file/);
      expect(() => decodeFlatModel(withEntry(bytes, 'leafKind', ['leafKind', 'u8', 'fill', leaves, 300]))).toThrow(/column leafKind fills with 300, not a u8 value/);
      expect(() => decodeFlatModel(withEntry(bytes, 'leafClass', ['leafClass', 'i32', 'fill', leaves, 'x']))).toThrow(/fills with "x"/);
      expect(() => decodeFlatModel(withEntry(bytes, 'vectorStart', ['vectorStart', 'i32', 'step', leaves, [0x7fffff00, 1]]))).toThrow(/column vectorStart has a bad step/);
      expect(() => decodeFlatModel(withEntry(bytes, 'leafValue', ['leafValue', 'f64', 'step', leaves, [0, 1]]))).toThrow(/column leafValue has a bad step/);
      // vectors repeats leafValue: with leafValue a fill, there is nothing stored to repeat.
      expect(() => decodeFlatModel(withEntry(bytes, 'leafValue', ['leafValue', 'f64', 'fill', leaves, 0]))).toThrow(/column vectors repeats "leafValue", which is not a stored column/);
      // A repeat with a stride reads every stride-th entry of its source.
      const splits = keiba().missing.length;
      const strided = decodeFlatModel(withEntry(bytes, 'missing', ['missing', 'i32', 'of', splits, ['children', 1, 2]]));
      expect(strided.missing).toEqual(Int32Array.from({ length: splits }, (_, i) => strided.children[2 * i + 1]));
      expect(() => decodeFlatModel(withEntry(bytes, 'missing', ['missing', 'i32', 'of', 10_000_000, ['children', 0, 2]]))).toThrow(/column missing repeats "children", which is not a stored column of type i32 long enough/);
      expect(() => decodeFlatModel(withEntry(bytes, 'missing', ['missing', 'i32', 'of', 10, ['threshold', 0, 1]]))).toThrow(/column missing repeats "threshold"/);
      expect(() => decodeFlatModel(withEntry(bytes, 'missing', ['missing', 'i32', 'zip', 10, 0]))).toThrow(/column missing has an unknown kind of entry "zip"/);
    });
  });
});

