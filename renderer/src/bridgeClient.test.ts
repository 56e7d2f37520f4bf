import { describe, expect, it } from 'vitest';
import { readBinaryBody } from './bridgeClient';

/** A response whose body comes in `pieces`, announcing `length` (none when undefined). */
function response(pieces: number[][], length?: number): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(Uint8Array.from(piece));
      controller.close();
    },
  });
  return new Response(body, { headers: length === undefined ? {} : { 'Content-Length': String(length) } });
}

const bytesOf = async (reply: Response) => [...new Uint8Array(await readBinaryBody(reply))];

describe('readBinaryBody (a binary reply read piece by piece into the announced length)', () => {
  it('joins the pieces in order', async () => {
    expect(await bytesOf(response([[1, 2, 3], [4], [5, 6]], 6))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps every byte of a body longer than announced, and no more than came of a shorter one', async () => {
    expect(await bytesOf(response([[1, 2, 3], [4, 5, 6, 7, 8]], 4))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await bytesOf(response([[9, 8], [7]], 10))).toEqual([9, 8, 7]);
  });

  it('reads a body without a length as a whole', async () => {
    expect(await bytesOf(response([[1], [2, 3]]))).toEqual([1, 2, 3]);
    expect(await bytesOf(new Response(new Uint8Array([5, 6])))).toEqual([5, 6]);
  });
});
