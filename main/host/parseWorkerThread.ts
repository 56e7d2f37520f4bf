import { basename, resolve } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ParseOptions } from '../../app/formats';
import { takeTestHold } from './testHold';

/*
 * Kept free of the host's other code on purpose: the browser-mode host starts the startup model's
 * parse worker as its first step (main/web/index.ts), before the rest of the host has loaded.
 */

/** A model to parse: a file on disk or text the renderer sent. */
export interface ParseSource {
  fileName: string;
  path?: string;
  text?: string;
}

/**
 * A file the user chose, as the host names it: its absolute path and its file name. The browser-mode
 * entry names its early worker's file this way, so the host's open of that file finds the worker.
 */
export function fileSource(path: string): { path: string; fileName: string } {
  const absolute = resolve(path);
  return { path: absolute, fileName: basename(absolute) };
}

/** What a parse worker said or did, in the order it happened. */
export type ParseWorkerEvent =
  | { kind: 'message'; message: { type: string; [key: string]: unknown } }
  | { kind: 'error'; error: Error & { code?: string } }
  | { kind: 'exit'; code: number };

/**
 * The parse worker's young generation. The model.txt reader's garbage (64 KiB text pieces, number
 * strings) dies young, so a small one costs little time and keeps the host's peak down: opening a
 * 55 MB model.txt peaked at 170 MB RSS (host and worker) with V8's default, at 161 MB with 8 MB and
 * at 157 MB with 4 MB, in about the same time (a 5.7 MB XGBoost model.json: 155 → 121 MB).
 */
const YOUNG_GENERATION_MB = 4;

/**
 * One parse worker thread (`parseWorker.mjs` of the build) reading one source. What it says waits,
 * in order, until one reader follows it (`follow`), so a worker can start before anyone listens:
 * the browser-mode host starts the startup model's before its own code has loaded, and the host's
 * first parse of that file takes it over (`workerParser` in modelParser.ts).
 */
export class ParseWorker {
  private readonly worker: Worker;
  private readonly waiting: ParseWorkerEvent[] = [];
  private listener: ((event: ParseWorkerEvent) => void) | undefined;
  private hasEnded = false;

  constructor(
    workerPath: string,
    readonly source: ParseSource,
    readonly options: ParseOptions,
    resourceLimits: ResourceLimits = {},
  ) {
    const workerData = { ...source, options, isHeldForTest: takeTestHold(source.fileName) };
    this.worker = new Worker(workerPath, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...resourceLimits } });
    this.worker.on('message', (message: { type: string; [key: string]: unknown }) => this.emit({ kind: 'message', message }));
    this.worker.on('error', (error: Error & { code?: string }) => this.emit({ kind: 'error', error }));
    this.worker.on('exit', (code: number) => {
      this.hasEnded = true;
      this.emit({ kind: 'exit', code });
    });
  }

  /** Whether this worker reads `source` as `options` ask: the same file, no text, the same options. */
  reads(source: ParseSource, options: ParseOptions): boolean {
    return (
      source.text === undefined &&
      this.source.text === undefined &&
      source.path === this.source.path &&
      source.fileName === this.source.fileName &&
      JSON.stringify(options) === JSON.stringify(this.options)
    );
  }

  /** Sends `listener` every event so far, then each as it comes. One listener only. */
  follow(listener: (event: ParseWorkerEvent) => void): void {
    if (this.listener) throw new Error('a parse worker is followed once');
    this.listener = listener;
    for (const event of this.waiting.splice(0)) listener(event);
  }

  /** Ends the thread (its answer, if one comes, is dropped). */
  terminate(): void {
    void this.worker.terminate();
  }

  /** Resolves once the thread has ended (tests). */
  whenEnded(): Promise<void> {
    return new Promise((resolve) => (this.hasEnded ? resolve() : this.worker.once('exit', () => resolve())));
  }

  private emit(event: ParseWorkerEvent): void {
    if (this.listener) this.listener(event);
    else this.waiting.push(event);
  }
}
