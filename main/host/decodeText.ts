/**
 * The text of a model file's bytes. Model dumps are UTF-8, but Windows tools (PowerShell's `>`,
 * Notepad's "Unicode") write UTF-16: read it by its byte-order mark, or by the NUL bytes every
 * ASCII character then carries, instead of failing with "not a recognised dump".
 */
export function decodeTextFile(bytes: Buffer): string {
  const { encoding, bomBytes } = textEncodingOf(bytes);
  if (encoding === 'utf-16le') return bytes.subarray(bomBytes).toString('utf16le');
  if (encoding === 'utf-16be') return bigEndian(bytes.subarray(bomBytes));
  return bytes.toString('utf8');
}

/**
 * The encoding of a text file from its first bytes (a few KB are enough): UTF-16 by its byte-order
 * mark (`bomBytes` 2) or by the NUL byte every ASCII character then carries, else UTF-8 (whose
 * byte-order mark, if any, stays in the text: the parsers drop it).
 */
export function textEncodingOf(head: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bomBytes: number } {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const sample = head.subarray(0, Math.min(head.length, 4096) & ~1);
  if (sample.length >= 8) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let index = 0; index < sample.length; index += 2) {
      if (sample[index] === 0) evenZeros++;
      if (sample[index + 1] === 0) oddZeros++;
    }
    const pairs = sample.length / 2;
    if (oddZeros > 0.9 * pairs && evenZeros < 0.1 * pairs) return { encoding: 'utf-16le', bomBytes: 0 };
    if (evenZeros > 0.9 * pairs && oddZeros < 0.1 * pairs) return { encoding: 'utf-16be', bomBytes: 0 };
  }
  return { encoding: 'utf-8', bomBytes: 0 };
}

function bigEndian(bytes: Buffer): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  swapped.swap16();
  return swapped.toString('utf16le');
}
