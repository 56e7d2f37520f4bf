import { pipeline, Transform, type Readable } from 'node:stream';

/**
 * The text of `source` without a leading byte-order mark. papaparse drops a BOM only from a string,
 * not from a stream, and Excel's "CSV UTF-8" starts with one: before a quoted header
 * (`\uFEFF"age",…`) the first cell would not read as quoted. Destroying the result destroys
 * `source` too (pipeline).
 */
export function withoutBom(source: Readable): Readable {
  let isFirst = true;
  const strip = new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string | Buffer, _encoding, done) {
      let text = String(chunk);
      if (isFirst && text.length > 0) {
        isFirst = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      done(null, text);
    },
  });
  pipeline(source, strip, () => {
    // Errors reach the consumer through `strip`; nothing else to do here.
  });
  return strip;
}
