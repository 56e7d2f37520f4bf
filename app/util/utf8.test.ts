import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8, inScript } from './utf8';

// Text the codecs carry: feature names and labels in any script, a byte-order mark, astral characters.
const TEXTS = ['', 'plain ascii', '\uFEFFstarts with a BOM', 'Größe, 価格, цена, 🌲 tree, 𝑥₁ ≤ 0.5', '{"header":{"features":[{"name":"é"}]}}', 'x'.repeat(20_000) + 'ü'];

describe('UTF-8 (util/utf8)', () => {
  it('the platform coders and the plain-TypeScript ones agree on text, and round-trip it', () => {
    for (const text of TEXTS) {
      const bytes = encodeUtf8(text);
      expect(inScript.encodeUtf8(text)).toEqual(bytes);
      expect(Array.from(bytes)).toEqual(Array.from(Buffer.from(text, 'utf8')));
      expect(decodeUtf8(bytes)).toBe(text);
      expect(inScript.decodeUtf8(bytes)).toBe(text);
    }
  });

  it('a lone surrogate is written as U+FFFD by both, and a bad byte read as U+FFFD by both', () => {
    for (const text of ['a\uD800b', 'end\uDC00']) expect(inScript.encodeUtf8(text)).toEqual(encodeUtf8(text));
    const bad = Uint8Array.from([0x61, 0xff, 0x62, 0xc3]);
    expect(decodeUtf8(bad)).toBe('a\uFFFDb\uFFFD');
    expect(inScript.decodeUtf8(bad)).toBe('a\uFFFDb\uFFFD');
  });
});
