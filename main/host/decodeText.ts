/**
 * The text of a model file's bytes. Model dumps are UTF-8, but Windows tools (PowerShell's `>`,
 * Notepad's "Unicode") write UTF-16: read it by its byte-order mark, or by the NUL bytes every
 * ASCII character then carries, instead of failing with "not a recognised dump".
 */
export function decodeTextFile(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return bigEndian(bytes.subarray(2));
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length >= 8) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let index = 0; index < sample.length; index += 2) {
      if (sample[index] === 0) evenZeros++;
      if (sample[index + 1] === 0) oddZeros++;
    }
    const pairs = sample.length / 2;
    if (oddZeros > 0.9 * pairs && evenZeros < 0.1 * pairs) return bytes.toString('utf16le');
    if (evenZeros > 0.9 * pairs && oddZeros < 0.1 * pairs) return bigEndian(bytes);
  }
  return bytes.toString('utf8');
}

function bigEndian(bytes: Buffer): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  swapped.swap16();
  return swapped.toString('utf16le');
}
