import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePackedModel } from '../app/formats';
import { compileModel, layoutOf } from '../app/eval/compile';
import { encodeFlatModel } from '../app/eval/flatCodec';
import { FOREST_COLUMNS } from '../app/model/packed';
import { decodePackedModel, encodePackedModel } from '../app/model/packedCodec';
import { CORPUS_DIR } from '../app/testing/shared';
import { readEmbeddedModel, type EmbeddedInfo } from './embedded';

const folder = mkdtempSync(join(tmpdir(), 'splitscope-embedded-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A bundle's two model files for a corpus model, as the exporter writes them. */
function bundleOf(name: string, corpusPath: string): { info: EmbeddedInfo; modelBytes: Uint8Array } {
  const packed = parsePackedModel(readFileSync(join(CORPUS_DIR, corpusPath), 'utf8'), corpusPath);
  const modelBytes = encodePackedModel(packed);
  const layoutBytes = encodeFlatModel(layoutOf(packed));
  const path = join(folder, `${name}.spkm`);
  const layoutPath = join(folder, `${name}.layout`);
  writeFileSync(path, modelBytes);
  writeFileSync(layoutPath, layoutBytes);
  return { info: { path, checksum: sha256(modelBytes), version: 'test', layout: { path: layoutPath, checksum: sha256(layoutBytes) } }, modelBytes };
}

describe('readEmbeddedModel: a bundle with an evaluator layout', () => {
  // keiba's model file is 1.9 MB: the check reads it in 15 chunks of at most 128 KiB.
  const { info, modelBytes } = bundleOf('keiba', 'lightgbm/keiba_binary_nan_missing_v4.txt');

  it('checks the model file at start, serves from the layout, and reads the forest only when asked, checked again', () => {
    const { packed, layout } = readEmbeddedModel(info);
    const eager = decodePackedModel(modelBytes);
    expect(packed.header).toEqual(eager.header);
    expect(packed.forest.treeCount).toBe(1000);
    expect(packed.forest.nodeCount).toBe(eager.forest.nodeCount);
    // The service scores through the layout alone: the same raw scores and leaves as a fresh compile.
    const served = compileModel(packed, { layout });
    const fresh = compileModel(eager);
    const rows = 64;
    const values = new Float64Array(rows * fresh.numFeatures).map((_, index) => (index % 5 === 0 ? NaN : ((index * 2654435761) % 997) / 50 - 8));
    const a = served.predictBatch(values, rows, { leafNodes: true });
    const b = fresh.predictBatch(values, rows, { leafNodes: true });
    expect(a.raw).toEqual(b.raw);
    expect(a.leafNodes).toEqual(b.leafNodes);
    // The file changes on disk after start: a column asked for now is refused, never read unchecked.
    const damaged = modelBytes.slice();
    damaged[damaged.length - 1] ^= 1;
    writeFileSync(info.path, damaged);
    expect(() => packed.forest.value).toThrow(/has checksum sha256:[0-9a-f]{64}, but this bundle was exported with .*: the file was changed or damaged/);
    // Put back, the columns read are the file's own.
    writeFileSync(info.path, modelBytes);
    for (const name of FOREST_COLUMNS) expect(packed.forest[name], name).toEqual(eager.forest[name]);
  });

  it('refuses to start on a damaged model file, a damaged layout, or a missing file, naming it', () => {
    const damaged = modelBytes.slice();
    damaged[5000] ^= 1;
    const copy = join(folder, 'damaged.spkm');
    writeFileSync(copy, damaged);
    expect(() => readEmbeddedModel({ ...info, path: copy })).toThrow(`the model file ${copy} has checksum ${sha256(damaged)}, but this bundle was exported with ${info.checksum}`);
    expect(() => readEmbeddedModel({ ...info, layout: { ...info.layout!, checksum: info.checksum } })).toThrow(/the model layout file .* has checksum/);
    const absent = join(folder, 'absent.spkm');
    expect(() => readEmbeddedModel({ ...info, path: absent })).toThrow(`cannot read the model file ${absent}: ENOENT`);
    // Shorter than its prefix, but with the checksum of what is there: the packed model's own error.
    const tiny = join(folder, 'tiny.spkm');
    writeFileSync(tiny, 'SPKM');
    expect(() => readEmbeddedModel({ ...info, path: tiny, checksum: sha256(new TextEncoder().encode('SPKM')) })).toThrow(/4 bytes is too short for a packed model/);
  });
});
