import { describe, expect, it } from 'vitest';
import { decodeValueReply, encodeValueReply } from './bridgeBinary';

/** The chunks as one body, as the page receives it. */
function joined(chunks: Uint8Array[]): ArrayBuffer {
  const body = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body.buffer;
}

describe('binary value replies', () => {
  it('carry typed arrays as their bytes and everything else as bridge JSON, and read back equal', () => {
    const value = {
      status: 'ok',
      numbers: Float64Array.from([1.5, NaN, -0, Infinity, -1e-310]),
      odd: Uint8Array.from([1, 2, 3]), // 3 bytes: the next array must still start on an 8-byte boundary
      rows: Int32Array.from([2, 3, 5]),
      nested: [{ texts: ['a', 'é', '"quoted"\n'], weights: Float32Array.from([0.5, -2]) }],
      scalar: -Infinity,
      negativeZero: -0,
    };
    const chunks = encodeValueReply(value);
    // The arrays are views of the caller's arrays, not copies.
    expect(chunks.some((chunk) => chunk.buffer === value.numbers.buffer)).toBe(true);
    const back = decodeValueReply<typeof value>(joined(chunks));
    expect(back.numbers).toBeInstanceOf(Float64Array);
    expect(Array.from(back.numbers)).toEqual([1.5, NaN, -0, Infinity, -1e-310]);
    expect(Object.is(back.numbers[2], -0)).toBe(true);
    expect(Array.from(back.odd)).toEqual([1, 2, 3]);
    expect(back.rows).toBeInstanceOf(Int32Array);
    expect(Array.from(back.rows)).toEqual([2, 3, 5]);
    expect(back.nested[0].texts).toEqual(['a', 'é', '"quoted"\n']);
    expect(Array.from(back.nested[0].weights)).toEqual([0.5, -2]);
    expect(back.scalar).toBe(-Infinity);
    expect(Object.is(back.negativeZero, -0)).toBe(true);
  });

  it('refuse a body that is not framed, or whose arrays run past its end', () => {
    expect(() => decodeValueReply(new TextEncoder().encode('{"status":"ok"}').buffer)).toThrow(/not "SPBV" framed/);
    const body = new Uint8Array(joined(encodeValueReply({ numbers: new Float64Array(4) })));
    expect(() => decodeValueReply(body.slice(0, body.length - 8).buffer)).toThrow(/runs past the end/);
  });
});
