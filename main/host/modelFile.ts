import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { decodeTextFile, textEncodingOf } from './decodeText';
import { decodeUtf8 } from '../../app/util/utf8';
import { TextDecoder } from 'node:util';
import { parsePackedModel, parsePackedPieces, readsInPieces, summarizePieces, type ParseOptions } from '../../app/formats';
import { summarizeModel, type ModelSummary } from '../../app/model/tree';
import type { ModelHeader } from '../../app/model/packed';
import type { PackedModel } from '../../app/model/packed';

/**
 * Reads a model file a piece at a time (`PIECE_BYTES`), so a 100 MB LightGBM model.txt is never held
 * whole, as bytes or as a string: each piece is decoded and handed to the parser, which packs tree by
 * tree and lets the text go (`parsePackedPieces`). Other formats are joined and read whole, as before.
 * 64 KiB pieces are small enough that a piece's string dies young in V8: with 4 MiB pieces every
 * piece went to the old generation, and `inspect` of a 55 MB model peaked at 260 MB RSS against
 * 145 MB (both 1.8–2.3 s).
 * Synchronous: it runs in the parse worker and in the CLI, where nothing else waits on the thread.
 */

const PIECE_BYTES = 64 * 1024;
/** The pre-scan reads bytes it does not keep: bigger chunks, fewer reads. */
const OUTLINE_CHUNK_BYTES = 1024 * 1024;
/** How far back a pattern may start in the previous chunk of the pre-scan (`\nnum_leaves=` and its number). */
const OVERLAP_BYTES = 32;

export interface ModelFileReading {
  /** Called after each piece is read, with the bytes read so far and the file's size. */
  onProgress?: (bytesRead: number, size: number) => void;
}

/** What the pre-scan of a model.txt found: the node count its `num_leaves=` lines promise, its trees, and where its footer starts. */
export interface LightgbmOutline {
  expectedNodes: number;
  treeCount: number;
  /** Byte offset of the `end of trees` line, or -1. */
  endOfTrees: number;
}

/**
 * The text decoder for a model file's first bytes (`textEncodingOf`, as `decodeTextFile` reads a
 * whole file). A UTF-16 byte-order mark is dropped, a UTF-8 one stays in the text as
 * `Buffer.toString` keeps it (the parser drops it).
 */
export function decoderFor(head: Uint8Array): TextDecoder {
  const { encoding } = textEncodingOf(head);
  return new TextDecoder(encoding, { ignoreBOM: encoding === 'utf-8' });
}

/**
 * One pass over the bytes of a UTF-8 model.txt, a chunk at a time, without decoding them: what the
 * `num_leaves=` lines promise sizes the packed columns once, so they never grow and get copied. Only a
 * hint (the parser checks every tree); bounded by the file's size like `countNodes`.
 */
export function outlineLightgbm(fd: number, size: number): LightgbmOutline {
  const chunk = Buffer.allocUnsafe(OUTLINE_CHUNK_BYTES + OVERLAP_BYTES);
  let expectedNodes = 0;
  let treeCount = 0;
  let endOfTrees = -1;
  let carried = 0;
  for (let position = 0; position < size; ) {
    const bytesRead = readSync(fd, chunk, carried, OUTLINE_CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    const end = carried + bytesRead;
    const isLast = position + bytesRead >= size;
    // Patterns starting in the last OVERLAP_BYTES are left for the next chunk (which starts with them).
    const limit = isLast ? end : end - OVERLAP_BYTES;
    const base = position - carried;
    for (let at = chunk.indexOf('\nnum_leaves=', 0, 'latin1'); at >= 0 && at < limit; at = chunk.indexOf('\nnum_leaves=', at + 1, 'latin1')) {
      if (at + 12 > end) break;
      const leaves = Number.parseInt(chunk.toString('latin1', at + 12, Math.min(end, at + 24)), 10);
      if (leaves >= 1) expectedNodes += 2 * leaves - 1;
    }
    for (let at = chunk.indexOf('\nTree=', 0, 'latin1'); at >= 0 && at < limit; at = chunk.indexOf('\nTree=', at + 1, 'latin1')) treeCount++;
    if (endOfTrees < 0) {
      const at = chunk.indexOf('\nend of trees', 0, 'latin1');
      if (at >= 0 && at < limit) endOfTrees = base + at + 1;
    }
    position += bytesRead;
    if (isLast) break;
    chunk.copy(chunk, 0, end - OVERLAP_BYTES, end);
    carried = OVERLAP_BYTES;
  }
  return { expectedNodes: Math.min(expectedNodes, Math.floor(size / 2)), treeCount, endOfTrees };
}

/** An open model file, read a piece at a time. */
export class ModelFile {
  readonly size: number;
  private readonly fd: number;
  private readonly decoder: TextDecoder;
  private position = 0;
  private readonly buffer: Buffer;
  private isClosed = false;
  /** UTF-8: bytes at the buffer's start that the last piece left, the start of a character it cut. */
  private carried = 0;

  constructor(
    path: string,
    private readonly reading: ModelFileReading = {},
  ) {
    this.fd = openSync(path, 'r');
    try {
      const stat = fstatSync(this.fd);
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: stat.isDirectory() ? 'EISDIR' : 'ENOTFILE' });
      this.size = stat.size;
      // Room for a piece and the start of a character the last piece cut (at most 3 bytes).
      this.buffer = Buffer.allocUnsafe(Math.min(PIECE_BYTES, Math.max(1, this.size)) + 3);
      const head = Buffer.allocUnsafe(Math.min(4096, this.size));
      readSync(this.fd, head, 0, head.length, 0);
      this.decoder = decoderFor(head);
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  /** Whether the file is UTF-8 (the pre-scan reads bytes as ASCII). */
  get isUtf8(): boolean {
    return this.decoder.encoding === 'utf-8';
  }

  /**
   * The next piece of text, or undefined at the end of the file. A UTF-8 file's piece ends after its
   * last whole character (the bytes of a character cut by the read start the next piece) and is
   * decoded on its own: as Latin-1 when it is all ASCII (a copy, where the streaming UTF-8 decoder
   * converted every byte), else by a UTF-8 decoder. Same text as one streaming decoder gives: a
   * piece never ends inside a sequence that could still complete.
   */
  next(): string | undefined {
    if (this.isClosed) return undefined;
    if (!this.isUtf8) return this.nextDecoded();
    if (this.position >= this.size) {
      this.close();
      const tail = this.carried > 0 ? decodeUtf8Bytes(this.buffer.subarray(0, this.carried)) : '';
      this.carried = 0;
      return tail === '' ? undefined : tail;
    }
    const bytesRead = readSync(this.fd, this.buffer, this.carried, this.buffer.length - this.carried, this.position);
    if (bytesRead === 0) {
      // The file shrank while it was read: end where it ends now.
      this.position = this.size;
      return this.next();
    }
    this.position += bytesRead;
    this.reading.onProgress?.(this.position, this.size);
    const end = this.carried + bytesRead;
    const cut = this.position >= this.size ? end : wholeCharactersEnd(this.buffer, end);
    const text = decodeUtf8Bytes(this.buffer.subarray(0, cut));
    this.buffer.copyWithin(0, cut, end);
    this.carried = end - cut;
    return text;
  }

  /** `next` of a file in another encoding (UTF-16): one streaming decoder. */
  private nextDecoded(): string | undefined {
    if (this.position >= this.size) {
      this.close();
      const tail = this.decoder.decode();
      return tail === '' ? undefined : tail;
    }
    const bytesRead = readSync(this.fd, this.buffer, 0, this.buffer.length - 3, this.position);
    if (bytesRead === 0) {
      this.position = this.size;
      return this.nextDecoded();
    }
    this.position += bytesRead;
    this.reading.onProgress?.(this.position, this.size);
    return this.decoder.decode(this.buffer.subarray(0, bytesRead), { stream: true });
  }

  /** `length` bytes from `offset` as text (the footer of a model.txt for a preview); the read position does not move. */
  textAt(offset: number, length: number): string {
    const bytes = Buffer.allocUnsafe(Math.max(0, Math.min(length, this.size - offset)));
    const bytesRead = readSync(this.fd, bytes, 0, bytes.length, offset);
    return new TextDecoder(this.decoder.encoding).decode(bytes.subarray(0, bytesRead));
  }

  /** The LightGBM outline (`outlineLightgbm`) when the file is UTF-8; no hint otherwise. */
  outline(): LightgbmOutline {
    return this.isUtf8 ? outlineLightgbm(this.fd, this.size) : { expectedNodes: 0, treeCount: 0, endOfTrees: -1 };
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    closeSync(this.fd);
  }
}

/**
 * The text of whole UTF-8 characters: Latin-1 when all ASCII (the same text, a plain copy), else
 * decoded (`decodeUtf8`: a byte-order mark stays in the text, as `Buffer.toString` keeps it; the
 * parser drops it).
 */
function decodeUtf8Bytes(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : decodeUtf8(bytes);
}

/**
 * Where the bytes `bytes[0, end)` of UTF-8 stop being whole characters: before the lead byte of a
 * sequence the end cuts (it needs more bytes than follow it), else `end`. Malformed bytes count as
 * whole (the decoder replaces them the same wherever the piece ends).
 */
function wholeCharactersEnd(bytes: Uint8Array, end: number): number {
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = bytes[end - back];
    if (byte < 0x80) return end;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? end - back : end;
    }
  }
  return end;
}

/**
 * Reads and parses the model file at `path`, a piece at a time (see the module comment). Throws
 * `ModelParseError` for a bad model, and Node's error for a file that cannot be read.
 */
export function parseModelFile(path: string, fileName: string, options: ParseOptions, reading: ModelFileReading = {}): { model: PackedModel; sizeBytes: number } {
  return withModelFile(
    path,
    reading,
    (text) => ({ model: parsePackedModel(text, fileName, options) }),
    (first, file) => {
      const { expectedNodes } = readsInPieces(first, options) ? file.outline() : { expectedNodes: 0 };
      return { model: parsePackedPieces(first, file, file.size, fileName, options, expectedNodes) };
    },
  );
}

/**
 * The header and overview figures of the model file at `path` (what `splitscope inspect` prints):
 * a LightGBM model.txt is summarised as it is read and never held (`summarizePieces`). Errors as
 * `parseModelFile`.
 */
export function summarizeModelFile(path: string, fileName: string, options: ParseOptions): { header: ModelHeader; summary: ModelSummary; sizeBytes: number } {
  return withModelFile(
    path,
    {},
    (text) => {
      const model = parsePackedModel(text, fileName, options);
      return { header: model.header, summary: summarizeModel(model) };
    },
    (first, file) => summarizePieces(first, file, file.size, fileName, options),
  );
}

/** Opens `path` and reads it with `inPieces`, or (a pipe or a device: no size to read by) whole with `whole`. */
function withModelFile<T>(path: string, reading: ModelFileReading, whole: (text: string) => T, inPieces: (first: string, file: ModelFile) => T): T & { sizeBytes: number } {
  let file: ModelFile;
  try {
    file = new ModelFile(path, reading);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTFILE') throw error;
    // `<(zcat model.txt.gz)`, /dev/stdin.
    const bytes = readFileSync(path);
    return { ...whole(decodeTextFile(bytes)), sizeBytes: bytes.length };
  }
  try {
    const first = file.next() ?? '';
    return { ...inPieces(first, file), sizeBytes: file.size };
  } finally {
    file.close();
  }
}
