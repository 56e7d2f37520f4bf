/// <reference lib="webworker" />
import { QuoteFreeBytes, TableSink } from '../../../app/data/csvTable';
import type { CsvPartRequest, CsvPartResponse } from './csvReadProtocol';

/*
 * Reads one stretch of a dropped CSV (whole lines after its header) into columns, in slices of its
 * bytes: the next slice is read while this one is parsed, and the file is never decoded whole (the
 * numbers are read from the bytes; decoding 149 MB took about as long as reading it). The columns come
 * back transferred.
 */

/**
 * Bytes read at a time: bigger slices read faster from a File (16 MiB: 0.67 s for 149 MB; 4 MiB:
 * 1.0 s), but a stretch is cut in at least four, so reading the next overlaps parsing this one.
 */
const MAX_SLICE_BYTES = 16 << 20;
const MIN_SLICE_BYTES = 1 << 20;

const post = (message: CsvPartResponse, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<CsvPartRequest>) => {
  const { file, start, end, header, delimiter, linebreak, textColumns, usesSlab } = event.data;
  try {
    const sink = new TableSink();
    sink.usesSlab = usesSlab;
    // A byte-order mark can only begin the file, and the header (read by the page) holds it.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const lines = new QuoteFreeBytes(sink, delimiter, linebreak, (bytes) => decoder.decode(bytes));
    const sliceBytes = Math.max(MIN_SLICE_BYTES, Math.min(MAX_SLICE_BYTES, Math.ceil((end - start) / 4)));
    let next: Promise<ArrayBuffer> | undefined = file.slice(start, Math.min(end, start + sliceBytes)).arrayBuffer();
    for (let at = start; at < end; at += sliceBytes) {
      const bytes = new Uint8Array(await next!);
      const sliceEnd = Math.min(end, at + sliceBytes);
      next = sliceEnd < end ? file.slice(sliceEnd, Math.min(end, sliceEnd + sliceBytes)).arrayBuffer() : undefined;
      if (!sink.builders) {
        // Columns sized for the stretch from its first slice's lines per byte (they still grow past it).
        sink.expectLike(bytes, end - start);
        sink.header(header, false, new Set(textColumns));
      }
      if (!lines.push(bytes)) return post({ kind: 'has-quotes' });
      post({ kind: 'progress', bytes: sliceEnd - start });
    }
    if (!sink.builders) sink.header(header, false, new Set(textColumns));
    if (!lines.end()) return post({ kind: 'has-quotes' });
    const part = sink.part()!;
    // Columns in the slab share its buffer: each buffer is transferred once.
    const transfer = new Set<ArrayBuffer>(part.columns.flatMap((column) => (column.kind === 'numbers' ? [column.numbers.buffer as ArrayBuffer] : [])));
    if (part.slab) transfer.add(part.slab);
    post({ kind: 'done', part }, [...transfer]);
  } catch (error) {
    post({ kind: 'error', message: (error as Error).message });
  }
};
