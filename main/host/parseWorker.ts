import { parentPort, workerData } from 'node:worker_threads';
import { open } from 'node:fs/promises';
import { decodeTextFile } from './decodeText';
import { parsePackedModel, ModelParseError, type ParseOptions } from '../../app/formats';
import { encodePackedModel } from '../../app/model/packedCodec';
import { detectFormat } from '../../app/formats/detect';
import { lightgbmFirstTreeText } from '../../app/formats/preview';

/**
 * Parses one model off the main thread, so a 100 MB file neither freezes Electron's main process
 * nor the browser-mode host, and can be cancelled by terminating the worker.
 * Messages to the parent: {type:'progress', fraction, label}, then {type:'ok', packed} (the packed
 * model's bytes, transferred) or {type:'error', info}.
 */
interface ParseJob {
  path?: string;
  text?: string;
  fileName: string;
  options: ParseOptions;
  /** E2E hook (`takeTestHold` in jobs.ts): stop after reading (and sending the first tree), before parsing, until cancelled (terminated). */
  isHeldForTest?: boolean;
}

const CHUNK_BYTES = 4 * 1024 * 1024;
/** Models from this size on send their first tree ahead (progressive open); smaller ones open at once anyway. */
const PREVIEW_MIN_CHARS = 2 * 1024 * 1024;

/**
 * Progressive open: where the format allows (LightGBM model.txt), parses the first tree alone and
 * sends it ahead, so the page shows the overview and tree 0 while the rest is parsed. A first tree that
 * does not parse sends nothing: the full parse reports the problem with its place.
 */
function sendPreview(job: ParseJob, text: string): boolean {
  if (text.length < PREVIEW_MIN_CHARS || (job.options.format !== undefined && job.options.format !== 'lightgbm')) return false;
  if (detectFormat(text)?.kind !== 'lightgbm-text') return false;
  const first = lightgbmFirstTreeText(text);
  if (!first || first.treeCount < 2) return false;
  let packed: Uint8Array;
  try {
    packed = encodePackedModel(parsePackedModel(first.text, job.fileName, job.options));
  } catch {
    return false;
  }
  const buffer = packed.slice().buffer;
  // The label first: the preview event carries the job's latest label (reports in between may be throttled).
  parentPort!.postMessage({ type: 'progress', fraction: null, label: `Reading the other ${first.treeCount - 1} trees of ${job.fileName}` });
  parentPort!.postMessage({ type: 'preview', packed: buffer, treeCount: first.treeCount }, [buffer]);
  return true;
}

async function readWithProgress(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await file.read(buffer, offset, Math.min(CHUNK_BYTES, size - offset), offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      parentPort!.postMessage({ type: 'progress', fraction: (offset / size) * 0.3, label: `Reading ${Math.round(offset / 1e6)} of ${Math.round(size / 1e6)} MB` });
    }
    return decodeTextFile(buffer.subarray(0, offset));
  } finally {
    await file.close();
  }
}

async function run(job: ParseJob): Promise<void> {
  // Held in an object so the file's text can be let go once parsed, before the model is encoded.
  const read: { text?: string } = { text: job.text ?? (await readWithProgress(job.path!)) };
  parentPort!.postMessage({ type: 'progress', fraction: null, label: `Parsing ${job.fileName}` });
  sendPreview(job, read.text!);
  if (job.isHeldForTest) {
    // Stays alive, answering nothing, until the host terminates it on cancel.
    setInterval(() => {}, 1 << 30);
    return;
  }
  try {
    const sizeBytes = Buffer.byteLength(read.text!);
    const model = parsePackedModel(read.text!, job.fileName, job.options);
    read.text = undefined;
    const packed = encodePackedModel(model);
    // The packed model's one buffer moves to the host without a copy (it was never an object graph).
    const buffer = packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength ? packed.buffer : packed.slice().buffer;
    parentPort!.postMessage({ type: 'ok', packed: buffer, sizeBytes }, [buffer as ArrayBuffer]);
  } catch (error) {
    if (!(error instanceof ModelParseError)) throw error;
    parentPort!.postMessage({ type: 'error', info: error.info });
  }
}

run(workerData as ParseJob).catch((error: Error) => parentPort!.postMessage({ type: 'crash', message: error.message }));
