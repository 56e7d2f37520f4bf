import { describe, expect, it } from 'vitest';
import { decodeBridgeJson, encodeBridgeJson } from './bridgeJson';

describe('bridge JSON', () => {
  it('carries Infinity, -Infinity and NaN through JSON', () => {
    const value = { thresholds: [Infinity, -Infinity, 0.5], raw: NaN, nested: [{ x: -0.25 }] };
    const text = encodeBridgeJson(value);
    expect(JSON.parse(text).thresholds[0]).toEqual({ $num: 'Infinity' });
    const back = decodeBridgeJson<typeof value>(text);
    expect(back.thresholds).toEqual([Infinity, -Infinity, 0.5]);
    expect(Number.isNaN(back.raw)).toBe(true);
    expect(back.nested[0].x).toBe(-0.25);
  });

  it('decodes plain JSON without non-finite numbers unchanged', () => {
    expect(decodeBridgeJson('{"a":[1,2,{"b":"$num"}]}')).toEqual({ a: [1, 2, { b: '$num' }] });
  });
});
