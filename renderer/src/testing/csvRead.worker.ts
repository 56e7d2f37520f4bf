/// <reference lib="webworker" />
import { QuoteFreeLines, TableSink } from '../../../app/data/csvTable';
import type { CsvPartRequest, CsvPartResponse } from './csvReadProtocol';

/*
 * Reads one stretch of a dropped CSV (whole lines after its header) into columns, in slices, so the
 * text held at a time stays small; the next slice is read from disk while this one is parsed. The
 * columns come back transferred.
 */

/** Bytes read and decoded at a time. */
const SLICE_BYTES = 4 << 20;

const post = (message: CsvPartResponse, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<CsvPartRequest>) => {
  const { file, start, end, header, delimiter, linebreak, textColumns } = event.data;
  try {
    const sink = new TableSink();
    const lines = new QuoteFreeLines(sink, delimiter, linebreak);
    // A byte-order mark can only begin the file, and the header (read by the page) holds it.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let next: Promise<ArrayBuffer> | undefined = file.slice(start, Math.min(end, start + SLICE_BYTES)).arrayBuffer();
    for (let at = start; at < end; at += SLICE_BYTES) {
      const bytes = await next!;
      const sliceEnd = Math.min(end, at + SLICE_BYTES);
      next = sliceEnd < end ? file.slice(sliceEnd, Math.min(end, sliceEnd + SLICE_BYTES)).arrayBuffer() : undefined;
      const text = decoder.decode(bytes, { stream: sliceEnd < end });
      if (!sink.builders) {
        // Columns sized for the stretch from its first slice's lines per byte (they still grow past it).
        let count = 0;
        for (let found = text.indexOf(linebreak); found >= 0; found = text.indexOf(linebreak, found + 1)) count++;
        const stretch = end - start;
        if (count > 1 && bytes.byteLength < stretch) sink.expected = { rows: Math.ceil((stretch / bytes.byteLength) * count * 1.02), fileBytes: stretch };
        sink.header(header, false, new Set(textColumns));
      }
      if (!lines.push(text)) return post({ kind: 'has-quotes' });
      post({ kind: 'progress', bytes: sliceEnd - start });
    }
    if (!sink.builders) sink.header(header, false, new Set(textColumns));
    lines.end();
    const part = sink.part()!;
    const transfer = part.columns.flatMap((column) => (column.kind === 'numbers' ? [column.numbers.buffer] : []));
    post({ kind: 'done', part }, transfer);
  } catch (error) {
    post({ kind: 'error', message: (error as Error).message });
  }
};
