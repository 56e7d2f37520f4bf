import { parentPort, workerData } from 'node:worker_threads';
import { parsePackedModel, parsePackedPieces, readsInPieces, ModelParseError, type ParseOptions } from '../../app/formats';
import type { PackedModel } from '../../app/model/packed';
import { ModelFile } from './modelFile';
import { encodePackedModel } from '../../app/model/packedCodec';
import { lightgbmFirstTreeText } from '../../app/formats/preview';

/**
 * Parses one model off the main thread, so a 100 MB file neither freezes Electron's main process
 * nor the browser-mode host, and can be cancelled by terminating the worker.
 * Messages to the parent: {type:'progress', fraction, label}, maybe {type:'preview', packed, treeCount},
 * then {type:'ok', model} (the packed model, its columns transferred) or {type:'error', info}.
 */
interface ParseJob {
  path?: string;
  text?: string;
  fileName: string;
  options: ParseOptions;
  /** E2E hook (`takeTestHold` in testHold.ts): stop after reading (and sending the first tree), before parsing, until cancelled (terminated). */
  isHeldForTest?: boolean;
}

/** Models from this size on send their first tree ahead (progressive open); smaller ones open at once anyway. */
const PREVIEW_MIN_BYTES = 2 * 1024 * 1024;
/** How much of a file's start and end the preview reads: the header and tree 0, and the footer. */
const PREVIEW_HEAD_BYTES = 4 * 1024 * 1024;
const PREVIEW_TAIL_BYTES = 16 * 1024 * 1024;
/** Progress is reported at most this often (bytes). */
const PROGRESS_STEP_BYTES = 1024 * 1024;

/** Parses the first tree alone (header, tree 0 and footer) and sends it ahead; false when it does not parse. */
function sendPreview(job: ParseJob, text: string, treeCount: number): boolean {
  let packed: Uint8Array;
  try {
    packed = encodePackedModel(parsePackedModel(text, job.fileName, job.options));
  } catch {
    // A first tree that does not parse sends nothing: the full parse reports the problem with its place.
    return false;
  }
  const buffer = packed.slice().buffer;
  // The label first: the preview event carries the job's latest label (reports in between may be throttled).
  parentPort!.postMessage({ type: 'progress', fraction: null, label: otherTreesLabel(job, treeCount) });
  parentPort!.postMessage({ type: 'preview', packed: buffer, treeCount }, [buffer]);
  return true;
}

const otherTreesLabel = (job: ParseJob, treeCount: number) => `Reading the other ${treeCount - 1} trees of ${job.fileName}`;

/** Progressive open of text the renderer sent (LightGBM model.txt of a few MB and more). */
function sendTextPreview(job: ParseJob, text: string): boolean {
  if (text.length < PREVIEW_MIN_BYTES || !readsInPieces(text, job.options)) return false;
  const first = lightgbmFirstTreeText(text);
  return first !== undefined && first.treeCount >= 2 && sendPreview(job, first.text, first.treeCount);
}

/** Holds the worker, answering nothing, until the host terminates it on cancel (the e2e hook). */
function holdForTest(): void {
  setInterval(() => {}, 1 << 30);
}

/**
 * The packed model's columns move to the host without a copy (transferred): encoding them into one
 * buffer here would hold the model twice at the end of the parse (a 55 MB model.txt: 71 MB more).
 */
function answer(model: PackedModel, sizeBytes: number): void {
  const buffers = new Set<ArrayBuffer>();
  for (const column of Object.values(model.forest)) if (ArrayBuffer.isView(column)) buffers.add(column.buffer as ArrayBuffer);
  parentPort!.postMessage({ type: 'ok', model, sizeBytes }, [...buffers]);
}

/** Text the renderer sent: parsed whole. */
function runText(job: ParseJob, text: string): void {
  parentPort!.postMessage({ type: 'progress', fraction: null, label: `Parsing ${job.fileName}` });
  sendTextPreview(job, text);
  if (job.isHeldForTest) return holdForTest();
  answer(parsePackedModel(text, job.fileName, job.options), Buffer.byteLength(text));
}

/**
 * A file on disk, read a piece at a time (`ModelFile`): a LightGBM model.txt is packed as it is read,
 * so neither its bytes nor its text are ever held whole, and progress follows the bytes read.
 */
function runFile(job: ParseJob, path: string): void {
  let label = `Reading ${job.fileName}`;
  let reported = 0;
  const file = new ModelFile(path, {
    onProgress: (bytesRead, size) => {
      if (bytesRead - reported < PROGRESS_STEP_BYTES && bytesRead < size) return;
      reported = bytesRead;
      parentPort!.postMessage({ type: 'progress', fraction: bytesRead / size, label });
    },
  });
  try {
    const first = file.next() ?? '';
    const outline = readsInPieces(first, job.options) ? file.outline() : undefined;
    if (outline && file.size >= PREVIEW_MIN_BYTES && outline.treeCount >= 2 && outline.endOfTrees >= 0) {
      // Header and tree 0 from the file's start, the footer from its end; the trees between are not read here.
      const head = file.textAt(0, PREVIEW_HEAD_BYTES);
      const second = head.indexOf('\nTree=', head.indexOf('\nTree=') + 1);
      if (second >= 0 && file.size - outline.endOfTrees <= PREVIEW_TAIL_BYTES) {
        const preview = lightgbmFirstTreeText(head.slice(0, second + 1) + file.textAt(outline.endOfTrees, PREVIEW_TAIL_BYTES));
        if (preview && sendPreview(job, preview.text, outline.treeCount)) label = otherTreesLabel(job, outline.treeCount);
      }
    }
    if (job.isHeldForTest) return holdForTest();
    answer(parsePackedPieces(first, file, file.size, job.fileName, job.options, outline?.expectedNodes), file.size);
  } finally {
    file.close();
  }
}

function run(job: ParseJob): void {
  try {
    if (job.text !== undefined) runText(job, job.text);
    else runFile(job, job.path!);
  } catch (error) {
    if (!(error instanceof ModelParseError)) throw error;
    parentPort!.postMessage({ type: 'error', info: error.info });
  }
}

try {
  run(workerData as ParseJob);
} catch (error) {
  parentPort!.postMessage({ type: 'crash', message: (error as Error).message });
}
