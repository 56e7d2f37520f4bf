import { describe, expect, it } from 'vitest';
import { parseModelText, parsePackedModel } from '../formats';
import { decodeModelReply, encodeModelReply } from '../bridgeBinary';
import { readCorpus } from '../testing/shared';
import { packModel } from './forestBuilder';
import { packedOf, viewOfPacked } from './modelView';
import { decodePackedModel, encodePackedModel, encodePackedParts, joinedBytes, joinParts } from './packedCodec';

const FOREST = 'lightgbm/leaves_multiclass5_v2.txt';

describe('viewOfPacked', () => {
  const text = readCorpus(FOREST);
  const objects = parseModelText(text, 'model.txt');
  const packed = parsePackedModel(text, 'model.txt');

  it('reads as the parsed node objects, tree by tree, and as a whole', () => {
    const view = viewOfPacked(packed);
    expect(view.trees.length).toBe(objects.trees.length);
    expect(view.trees[3]).toEqual(objects.trees[3]);
    expect(Array.isArray(view.trees)).toBe(true);
    expect(view.trees.map((tree) => tree.nodes.length)).toEqual(objects.trees.map((tree) => tree.nodes.length));
    expect([...view.trees]).toEqual(objects.trees);
    expect(Object.keys(view.trees)).toEqual(Object.keys(objects.trees));
    expect(view).toEqual(objects);
  });

  it('makes a tree once, only when it is read', () => {
    const view = viewOfPacked(packed);
    const first = view.trees[5];
    expect(view.trees[5]).toBe(first);
    expect(view.trees[objects.trees.length]).toBeUndefined();
    expect(0 in view.trees).toBe(true);
    expect(objects.trees.length in view.trees).toBe(false);
  });

  it('is read-only and gives back its packed model, so packing and compiling never walk it', () => {
    const view = viewOfPacked(packed);
    expect(packedOf(view)).toBe(packed);
    expect(packModel(view)).toBe(packed);
    expect(packedOf(objects)).toBeUndefined();
    expect(() => {
      (view.trees as unknown as unknown[])[0] = null;
    }).toThrow(TypeError);
  });
});

describe('the browser-mode model reply', () => {
  it('carries the file info and the packed bytes, 8-byte aligned, and reads back without copying', () => {
    const packed = parsePackedModel(readCorpus(FOREST), 'model.txt');
    const packedBytes = encodePackedModel(packed);
    const info = { id: 'd1', fileName: 'model.txt', path: '/models/rf.txt', sizeBytes: 1234, parseMillis: -0, options: { learningRate: 0.1 } };
    const [head, body, ...more] = encodeModelReply({ status: 'ok', document: { ...info, packedBytes } });
    expect(body).toBe(packedBytes);
    expect(more).toEqual([]);
    expect(head.length % 8).toBe(0);
    const joined = new Uint8Array(head.length + body.length);
    joined.set(head);
    joined.set(body, head.length);
    const reply = decodeModelReply(joined.buffer);
    if (reply.status !== 'ok') throw new Error('not ok');
    const { packedBytes: received, ...rest } = reply.document;
    expect(rest).toEqual(info);
    expect(Object.is(rest.parseMillis, -0)).toBe(true);
    expect((received as Uint8Array).buffer).toBe(joined.buffer);
    expect(decodePackedModel(joinedBytes(received))).toEqual(packed);
  });

  it('carries a model sent as its parts (views of its columns, as the host sends it): the same body as its bytes', () => {
    const packed = parsePackedModel(readCorpus(FOREST), 'model.txt');
    const parts = encodePackedParts(packed);
    // The columns are the model's own arrays, not copies.
    expect(parts.some((part) => part.buffer === packed.forest.value.buffer)).toBe(true);
    const info = { id: 'd1', fileName: 'model.txt', sizeBytes: 1234, parseMillis: 5, options: {} };
    const fromParts = joinParts(encodeModelReply({ status: 'ok', document: { ...info, packedBytes: parts } }));
    const fromBytes = joinParts(encodeModelReply({ status: 'ok', document: { ...info, packedBytes: encodePackedModel(packed) } }));
    expect(Buffer.compare(fromParts, fromBytes)).toBe(0);
    const reply = decodeModelReply(fromParts.buffer as ArrayBuffer);
    if (reply.status !== 'ok') throw new Error('not ok');
    expect(decodePackedModel(joinedBytes(reply.document.packedBytes))).toEqual(packed);
  });

  it('refuses a body that is not framed or whose file info runs past its end', () => {
    expect(() => decodeModelReply(new TextEncoder().encode('{"status":"ok"}').buffer as ArrayBuffer)).toThrow(/not "SPBR" framed/);
    const bad = new Uint8Array(16);
    bad.set([0x53, 0x50, 0x42, 0x52]);
    new DataView(bad.buffer).setUint32(4, 1000, true);
    expect(() => decodeModelReply(bad.buffer)).toThrow(/damaged model reply/);
  });
});
