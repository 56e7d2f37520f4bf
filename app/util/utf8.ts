/*
 * UTF-8 for app/, which compiles against the ES library alone: the platform's TextEncoder and
 * TextDecoder where there are (Node, browsers, workers: native, and a directory of a few dozen kB
 * decodes in well under a millisecond, where the plain-TypeScript loop below took 3 ms in a cold
 * process), else that loop. Both make a lone surrogate or a bad byte U+FFFD; the loop replaces a
 * malformed sequence byte by byte, where the platform may replace it as one. Everything decoded here
 * was encoded here.
 */

interface Platform {
  TextEncoder?: new () => { encode(text: string): Uint8Array };
  TextDecoder?: new (label: string, options: { ignoreBOM: boolean }) => { decode(bytes: Uint8Array): string };
}
const platform = globalThis as Platform;
const nativeEncoder = platform.TextEncoder ? new platform.TextEncoder() : undefined;
// ignoreBOM: a leading U+FEFF is text like any other, as in the loop.
const nativeDecoder = platform.TextDecoder ? new platform.TextDecoder('utf-8', { ignoreBOM: true }) : undefined;

/** UTF-8 bytes of a string. */
export function encodeUtf8(text: string): Uint8Array {
  if (nativeEncoder) return nativeEncoder.encode(text);
  return encodeInScript(text);
}

function encodeInScript(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(bytes);
}

/** The string of UTF-8 `bytes`; malformed sequences read as U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (nativeDecoder) return nativeDecoder.decode(bytes);
  return decodeInScript(bytes);
}

function decodeInScript(bytes: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  const flush = () => {
    parts.push(String.fromCharCode(...units));
    units = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i];
    let code = 0xfffd;
    let size = 1;
    if (first < 0x80) code = first;
    else if (first >= 0xc2 && first < 0xe0 && isTail(bytes, i + 1)) {
      code = ((first & 31) << 6) | (bytes[i + 1] & 63);
      size = 2;
    } else if (first >= 0xe0 && first < 0xf0 && isTail(bytes, i + 1) && isTail(bytes, i + 2)) {
      const value = ((first & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63);
      if (value >= 0x800 && !(value >= 0xd800 && value <= 0xdfff)) {
        code = value;
        size = 3;
      }
    } else if (first >= 0xf0 && first < 0xf5 && isTail(bytes, i + 1) && isTail(bytes, i + 2) && isTail(bytes, i + 3)) {
      const value = ((first & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63);
      if (value >= 0x10000 && value <= 0x10ffff) {
        code = value;
        size = 4;
      }
    }
    if (code >= 0x10000) units.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 1023));
    else units.push(code);
    if (units.length >= 8192) flush();
    i += size;
  }
  flush();
  return parts.join('');
}

function isTail(bytes: Uint8Array, at: number): boolean {
  return at < bytes.length && (bytes[at] & 0xc0) === 0x80;
}

/** The plain-TypeScript coders, for tests against the platform's. */
export const inScript = { encodeUtf8: encodeInScript, decodeUtf8: decodeInScript };
