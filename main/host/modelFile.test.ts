import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePackedModel } from '../../app/formats';
import { encodePackedModel } from '../../app/model/packedCodec';
import { corpus, corpusFiles, REFERENCE_DIR } from '../../app/testing/shared';
import { decodeTextFile } from './decodeText';
import { outlineLightgbm, parseModelFile } from './modelFile';

/** The file read a piece at a time against the same file read whole (`decodeTextFile` + `parsePackedModel`). */

const scratch = mkdtempSync(join(tmpdir(), 'splitscope-model-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function outcome(parse: () => Uint8Array): { bytes?: Uint8Array; error?: unknown } {
  try {
    return { bytes: parse() };
  } catch (error) {
    return { error: (error as { info?: unknown }).info ?? String(error) };
  }
}

function expectSameAsWhole(path: string): { bytes?: Uint8Array; error?: unknown } {
  const whole = outcome(() => encodePackedModel(parsePackedModel(decodeTextFile(readFileSync(path)), 'model.txt')));
  const pieces = outcome(() => encodePackedModel(parseModelFile(path, 'model.txt', {}).model));
  expect(pieces.error).toEqual(whole.error);
  if (whole.bytes) expect(Buffer.compare(pieces.bytes!, whole.bytes)).toBe(0);
  return pieces;
}

const lightgbm = corpusFiles('lightgbm').filter((name) => name.endsWith('.txt') && !/\.(pred_leaves|true_predictions|data)\.txt$/.test(name));

describe('a model file read a piece at a time', () => {
  it.each(lightgbm)('%s: the same packed model (or error) as the file read whole', (name) => {
    expectSameAsWhole(corpus(`lightgbm/${name}`));
  });

  it.each([
    ['XGBoost text dump', 'xgboost/digits_multiclass10.txt'],
    ['Spark toDebugString', 'spark/ml_dt_classifier_spark3x_depth30_13641nodes.txt'],
  ])('%s (read whole): the same packed model', (_label, relative) => {
    expect(expectSameAsWhole(corpus(relative)).bytes).toBeDefined();
  });

  const text = readFileSync(corpus('lightgbm/leaves_breast_cancer_binary_v3.txt'), 'utf8');
  const write = (name: string, bytes: Buffer | string) => {
    const path = join(scratch, name);
    writeFileSync(path, bytes);
    return path;
  };
  const utf16be = (value: string) => Buffer.from(value, 'utf16le').swap16();

  it.each([
    ['UTF-8 with a byte-order mark', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 LE with a byte-order mark', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 LE without one', () => Buffer.from(text, 'utf16le')],
    ['UTF-16 BE with a byte-order mark', () => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
    ['CRLF line ends', () => Buffer.from(text.replace(/\n/g, '\r\n'))],
    ['a banner before the model', () => Buffer.from(`# exported by a pipeline\n\n${text}`)],
    ['no final line break', () => Buffer.from(text.trimEnd())],
    ['a non-ASCII feature name across pieces', () => Buffer.from(text.replace(/feature_names=(\S+)/, (_, names: string) => `feature_names=${'é'.repeat(70_000)}${names}`))],
    ['four-byte characters and malformed UTF-8 across pieces', () => {
      // 😀 (F0 9F 98 80), an invalid pair (E0 80), a lone lead byte (C3) and x: seven bytes a round, so the pieces' ends fall at every place in it.
      const round = Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xe0, 0x80, 0xc3, 0x78]);
      const [before, after] = text.split(/(?<=feature_names=)/);
      return Buffer.concat([Buffer.from(before), Buffer.concat(Array.from({ length: 30_000 }, () => round)), Buffer.from(after)]);
    }],
  ])('%s: the same model as read whole', (label, bytes) => {
    expect(expectSameAsWhole(write(`${label}.txt`, bytes())).bytes).toBeDefined();
  });

  it('a model.json (read in pieces, then joined): a character cut by the first piece, in UTF-8 and UTF-16', () => {
    const json = readFileSync(join(REFERENCE_DIR, 'xgb_binary_missing', 'model.json'), 'utf8');
    // A first feature name of two-byte characters placed so that the first 64 KiB piece ends inside one.
    const featureCount = Number(/"num_feature":"(\d+)"/.exec(json)![1]);
    const longName = (pad: number) => `${'a'.repeat(pad)}${'é'.repeat(40_000)}`;
    const names = (pad: number) => JSON.stringify([longName(pad), ...Array.from({ length: featureCount - 1 }, (_, index) => `f${index + 1}`)]);
    const withNote = (pad: number) => json.replace('"feature_names":[]', `"feature_names":${names(pad)}`);
    const pad = [0, 1].find((pad) => (Buffer.from(withNote(pad))[64 * 1024] & 0xc0) === 0x80)!;
    const utf8 = Buffer.from(withNote(pad));
    expect(utf8[64 * 1024] & 0xc0).toBe(0x80);
    const read = expectSameAsWhole(write('note.json', utf8));
    expect(read.bytes).toBeDefined();
    expect(parseModelFile(join(scratch, 'note.json'), 'model.json', {}).model.header.features[0].name).toBe(longName(pad));
    expect(expectSameAsWhole(write('note16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(withNote(1), 'utf16le')]))).bytes).toBeDefined();
  });

  it('a cut file fails as the file read whole does, with line and column', () => {
    const cut = text.slice(0, text.indexOf('threshold=', text.indexOf('Tree=5\n')) + 15);
    const result = expectSameAsWhole(write('cut.txt', cut));
    expect(result.error).toMatchObject({ code: expect.stringMatching(/^E_PARSE/), position: { line: expect.any(Number), column: expect.any(Number) } });
  });

  it('the pre-scan finds the node count, the trees and the footer from the bytes alone, across chunk boundaries', () => {
    const path = corpus('lightgbm/keiba_binary_nan_missing_v4.txt');
    const bytes = readFileSync(path);
    const model = parsePackedModel(bytes.toString('utf8'), 'keiba');
    const fd = openSync(path, 'r');
    try {
      const outline = outlineLightgbm(fd, bytes.length);
      expect(outline.expectedNodes).toBe(model.forest.nodeCount);
      expect(outline.treeCount).toBe(model.forest.treeCount);
      expect(bytes.toString('latin1', outline.endOfTrees, outline.endOfTrees + 12)).toBe('end of trees');
    } finally {
      closeSync(fd);
    }
  });

  it('a hint past what the file can hold is capped by its size', () => {
    const path = write('promises.txt', text.replace(/\nnum_leaves=\d+/g, '\nnum_leaves=2000000000'));
    const fd = openSync(path, 'r');
    try {
      expect(outlineLightgbm(fd, readFileSync(path).length).expectedNodes).toBe(Math.floor(readFileSync(path).length / 2));
    } finally {
      closeSync(fd);
    }
    expect(expectSameAsWhole(path).error).toMatchObject({ code: 'E_PARSE_STRUCTURE' });
  });
});
