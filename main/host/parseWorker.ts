import { parentPort, workerData } from 'node:worker_threads';
import { open } from 'node:fs/promises';
import { decodeTextFile } from './decodeText';
import { parseModelText, ModelParseError, type ParseOptions } from '../../app/formats';

/**
 * Parses one model off the main thread, so a 100 MB file neither freezes Electron's main process
 * nor the browser-mode host, and can be cancelled by terminating the worker.
 * Messages to the parent: {type:'progress', fraction, label}, then {type:'ok', model} or {type:'error', info}.
 */
interface ParseJob {
  path?: string;
  text?: string;
  fileName: string;
  options: ParseOptions;
  /** E2E hook (`takeTestHold` in jobs.ts): stop after reading, before parsing, until cancelled (terminated). */
  isHeldForTest?: boolean;
}

const CHUNK_BYTES = 4 * 1024 * 1024;

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
  const text = job.text ?? (await readWithProgress(job.path!));
  parentPort!.postMessage({ type: 'progress', fraction: null, label: `Parsing ${job.fileName}` });
  if (job.isHeldForTest) {
    // Stays alive, answering nothing, until the host terminates it on cancel.
    setInterval(() => {}, 1 << 30);
    return;
  }
  try {
    const model = parseModelText(text, job.fileName, job.options);
    parentPort!.postMessage({ type: 'ok', model, sizeBytes: Buffer.byteLength(text) });
  } catch (error) {
    if (!(error instanceof ModelParseError)) throw error;
    parentPort!.postMessage({ type: 'error', info: error.info });
  }
}

run(workerData as ParseJob).catch((error: Error) => parentPort!.postMessage({ type: 'crash', message: error.message }));
