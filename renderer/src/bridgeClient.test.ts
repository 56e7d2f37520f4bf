import { describe, expect, it } from 'vitest';
import { readBinaryBody } from './bridgeClient';

/** A response whose body comes in `pieces`, announcing `length` (none when undefined); a byte stream (read into one buffer) or not (pieces copied). */
function response(pieces: number[][], length?: number, isByteStream = false): Response {
  const source = {
    start(controller: ReadableStreamController<Uint8Array>) {
      for (const piece of pieces) controller.enqueue(Uint8Array.from(piece));
      controller.close();
    },
  };
  const body = isByteStream ? new ReadableStream({ type: 'bytes', ...source } as UnderlyingByteSource) : new ReadableStream<Uint8Array>(source);
  return new Response(body, { headers: length === undefined ? {} : { 'Content-Length': String(length) } });
}

const bytesOf = async (reply: Response) => [...new Uint8Array(await readBinaryBody(reply))];

describe('readBinaryBody (a binary reply read piece by piece into the announced length)', () => {
  for (const isByteStream of [false, true]) {
    const kind = isByteStream ? 'a byte stream, read into the buffer' : 'a stream of pieces, copied';
    it(`joins the pieces in order (${kind})`, async () => {
      expect(await bytesOf(response([[1, 2, 3], [4], [5, 6]], 6, isByteStream))).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it(`keeps every byte of a body longer than announced, and no more than came of a shorter one (${kind})`, async () => {
      expect(await bytesOf(response([[1, 2, 3], [4, 5, 6, 7, 8]], 4, isByteStream))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await bytesOf(response([[1, 2, 3, 4], [5]], 4, isByteStream))).toEqual([1, 2, 3, 4, 5]);
      expect(await bytesOf(response([[9, 8], [7]], 10, isByteStream))).toEqual([9, 8, 7]);
    });
  }

  it('reads a byte stream of the announced length into one buffer of that length', async () => {
    const body = await readBinaryBody(response([[1, 2], [3, 4, 5]], 5, true));
    expect(body.byteLength).toBe(5);
    expect([...new Uint8Array(body)]).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads a body without a length as a whole', async () => {
    expect(await bytesOf(response([[1], [2, 3]]))).toEqual([1, 2, 3]);
    expect(await bytesOf(new Response(new Uint8Array([5, 6])))).toEqual([5, 6]);
  });
});
