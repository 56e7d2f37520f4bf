import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Cancelled, CsvLoadResult, ExportFolderChoice, RecentFile, SavedFile, HostInfo, JobRequest, SentModelDocument, SentModelResult, ProgressEvent, SplitscopeBridge } from '../../app/bridge';
import type { ExportResult } from '../../app/export/result';
import type { PackedModel } from '../../app/model/packed';
import { encodePackedParts } from '../../app/model/packedCodec';
import { ExportHost } from './exportHost';
import { DesktopHost, type RecentFilesStore } from './desktopHost';
import type { ParseOptions } from '../../app/formats';
import { cancelJobSchema, jobRequestSchema, loadCsvTextRequestSchema, parseTextRequestSchema, reparseRequestSchema } from './schemas';
import { readCsv, type CsvSource } from './csvReader';
import { JobRegistry, untilAborted } from './jobs';
import { fileSource } from './parseWorkerThread';
import { takeTestHold } from './testHold';
import { ParserStoppedError, type ModelParser, type ParseSource } from './modelParser';

export interface ModelHostOptions {
  kind: HostInfo['kind'];
  version: string;
  /** The model named on the command line, if any. */
  startupPath?: string;
  /** The bundled sample, opened when no model was named. */
  samplePath: string;
  /** Native Open dialog; undefined where there is none (browser mode). */
  showOpenDialog?: () => Promise<string | undefined>;
  /** The CSV named on the command line (`--csv FILE`), read once the renderer asks for it. */
  startupCsvPath?: string;
  /** The sample's labelled rows: the startup CSV when the sample opens (no model and no CSV named). */
  sampleCsvPath?: string;
  /** Native Open dialog for a CSV file (Electron); undefined in browser mode. */
  showOpenCsvDialog?: () => Promise<string | undefined>;
  /** Native folder picker for exports; undefined in browser mode. */
  showFolderDialog?: () => Promise<string | undefined>;
  /** How models are parsed; the apps use a worker thread, tests may parse in process. */
  parser?: ModelParser;
  /** Receives progress of long jobs, for every window. */
  onProgress?: (event: ProgressEvent) => void;
  /** Called with every error result, so it also reaches the console. */
  onError?: (message: string) => void;
  /** Called after a model file from disk opened successfully (recent files). */
  onOpenedPath?: (path: string) => void;
  /** Recent files kept by main (Electron); browser mode keeps its own in local storage. */
  recentFiles?: RecentFilesStore;
  /** Native Save dialog for exported images (Electron). */
  showSaveDialog?: (fileName: string, format: 'png' | 'svg') => Promise<string | undefined>;
}

/** The in-process parser, loaded on first use (`inProcessParser.ts`): hosts given a worker parser never load the formats. */
const parseInProcess: ModelParser = async (source, options, job) => (await import('./inProcessParser')).inProcessParser(source, options, job);

/**
 * The bridge as the Node side implements it, shared by Electron IPC and the browser-mode HTTP host.
 * Parsing runs here, in the main process (in a worker thread), never in the renderer.
 */
export class ModelHost implements SplitscopeBridge {
  private readonly documents = new Map<string, ParseSource & { model: PackedModel }>();
  readonly jobs: JobRegistry;
  /** The startup model's open, begun before the renderer asked (`prefetchStartupModel`). */
  private startupOpen: { jobId: string; result: Promise<SentModelResult | Cancelled> } | undefined;
  /** A CSV path main was handed, read by the next `openStartupCsv`. */
  private pendingCsvPath: string | undefined;
  private readonly parser: ModelParser;
  private readonly exports: ExportHost;
  private readonly desktop: DesktopHost;

  constructor(private readonly options: ModelHostOptions) {
    this.jobs = new JobRegistry((event) => options.onProgress?.(event));
    this.parser = options.parser ?? parseInProcess;
    this.exports = new ExportHost({
      kind: options.kind,
      jobs: this.jobs,
      modelOf: (documentId) => this.documents.get(documentId)?.model,
      showFolderDialog: options.showFolderDialog,
    });
    this.desktop = new DesktopHost({
      recentFiles: options.recentFiles,
      showSaveDialog: options.showSaveDialog,
      openPath: (path, jobId) => this.openPath(path, jobId),
    });
  }

  chooseExportFolder(): Promise<ExportFolderChoice | Cancelled> {
    return this.exports.chooseExportFolder();
  }

  exportBundle(request: unknown): Promise<ExportResult | Cancelled> {
    return this.exports.exportBundle(request);
  }

  async openStartupModel(request?: unknown): Promise<SentModelResult | Cancelled> {
    const { jobId } = jobRequestSchema.parse(request ?? {});
    const early = this.startupOpen;
    this.startupOpen = undefined;
    // The page's first ask takes over the parse that began when the host started (its progress and cancel included).
    if (early) {
      if (jobId !== undefined) this.jobs.follow(early.jobId, jobId); // false once it has finished: nothing left to report
      return early.result;
    }
    return this.openPath(this.options.startupPath ?? this.options.samplePath, jobId);
  }

  /**
   * Starts opening the startup model now, while the window or page is still loading, so the model is
   * read by the time the renderer asks for it (`openStartupModel` takes the result over). Called once
   * by the Electron main process and the browser-mode host after they create the host.
   */
  prefetchStartupModel(): void {
    const jobId = `startup-${randomUUID()}`;
    // Quiet: its progress shows under the id of the window that takes it over (`openStartupModel`).
    this.startupOpen = { jobId, result: this.openPath(this.options.startupPath ?? this.options.samplePath, jobId, true) };
  }

  async openModelDialog(request?: unknown): Promise<SentModelResult | Cancelled> {
    const { jobId } = jobRequestSchema.parse(request ?? {});
    const path = await this.options.showOpenDialog?.();
    if (!path) return { status: 'cancelled' };
    return this.openPath(path, jobId);
  }

  async parseModelText(request: unknown): Promise<SentModelResult | Cancelled> {
    const { text, fileName, options, jobId } = parseTextRequestSchema.parse(request);
    return this.parse({ text, fileName }, options ?? {}, jobId);
  }

  async reparseModel(request: unknown): Promise<SentModelResult | Cancelled> {
    const { documentId, options, jobId } = reparseRequestSchema.parse(request);
    const document = this.documents.get(documentId);
    if (!document) throw new Error(`unknown document ${documentId}`);
    return this.parse({ fileName: document.fileName, path: document.path, text: document.text }, options, jobId);
  }

  async cancelJob(request: unknown): Promise<{ wasRunning: boolean }> {
    const { jobId } = cancelJobSchema.parse(request);
    return { wasRunning: this.jobs.cancel(jobId) };
  }

  listRecentFiles(): Promise<RecentFile[]> {
    return this.desktop.listRecentFiles();
  }

  openRecentFile(request: unknown): Promise<SentModelResult | Cancelled> {
    return this.desktop.openRecentFile(request);
  }

  saveImageFile(request: unknown): Promise<SavedFile | Cancelled> {
    return this.desktop.saveImageFile(request);
  }

  async getHostInfo(): Promise<HostInfo> {
    return { kind: this.options.kind, version: this.options.version };
  }

  async openStartupCsv(request?: unknown): Promise<CsvLoadResult | Cancelled | { status: 'none' }> {
    const { jobId } = jobRequestSchema.parse(request ?? {});
    const path = this.pendingCsvPath ?? this.options.startupCsvPath ?? (this.options.startupPath ? undefined : this.options.sampleCsvPath);
    this.pendingCsvPath = undefined;
    if (!path) return { status: 'none' };
    return this.openCsvPath(path, jobId);
  }

  /**
   * A CSV the OS handed to main (Electron drop on the window, "open with"): remembered here, then
   * main sends the renderer the command `open-pending-csv`, whose `openStartupCsv` call reads it.
   * The renderer itself can never name a path.
   */
  queueCsvPath(path: string): void {
    this.pendingCsvPath = resolve(path);
  }

  async openCsvDialog(request?: unknown): Promise<CsvLoadResult | Cancelled> {
    const { jobId } = jobRequestSchema.parse(request ?? {});
    const path = await this.options.showOpenCsvDialog?.();
    if (!path) return { status: 'cancelled' };
    return this.openCsvPath(path, jobId);
  }

  async loadCsvText(request: unknown): Promise<CsvLoadResult | Cancelled> {
    const { text, fileName, jobId } = loadCsvTextRequestSchema.parse(request);
    return this.readCsvJob({ text, fileName }, jobId);
  }

  /** Reads a CSV file the user chose (dialog, drop, command line); as with models, never a renderer-named path. */
  async openCsvPath(path: string, jobId?: string): Promise<CsvLoadResult | Cancelled> {
    return this.readCsvJob(fileSource(path), jobId);
  }

  private async readCsvJob(source: CsvSource, jobId: string | undefined): Promise<CsvLoadResult | Cancelled> {
    const job = this.jobs.start(jobId, 'load-csv', `Reading ${source.fileName}`);
    try {
      if (takeTestHold(source.fileName)) await untilAborted(job.signal);
      const result = await readCsv(source, job);
      job.finish(result.status === 'ok' ? 'done' : result.status === 'cancelled' ? 'cancelled' : 'failed');
      if (result.status === 'error') this.options.onError?.(result.error.message);
      return result;
    } catch (error) {
      job.finish('failed');
      const message = `${source.fileName}: ${(error as Error).message}`;
      this.options.onError?.(message);
      return { status: 'error', error: { code: 'E_CSV_READ', message, fileName: source.fileName } };
    }
  }

  /**
   * Opens a file the user chose (dialog, drop, command line, OS "open with"). Callers vouch for the
   * path; the renderer can never name one (file paths only from those sources).
   */
  async openPath(path: string, jobId?: JobRequest['jobId'], isQuiet = false): Promise<SentModelResult | Cancelled> {
    const source = fileSource(path);
    // Names the user gave this file before (kept with its recent entry) name its features again.
    const featureNames = this.options.recentFiles?.featureNamesOf(source.path);
    if (featureNames) {
      const named = await this.parse(source, { featureNames }, jobId, isQuiet);
      if (named.status !== 'error' || named.error.code !== 'E_FEATURE_NAMES') return named;
      // The file changed since (its feature count): open it as it is and forget names that no longer fit.
      this.options.recentFiles?.setFeatureNames(source.path, undefined);
    }
    return this.parse(source, {}, jobId, isQuiet);
  }

  private async parse(source: ParseSource, options: ParseOptions, jobId: string | undefined, isQuiet = false): Promise<SentModelResult | Cancelled> {
    const started = performance.now();
    const job = this.jobs.start(jobId, 'open-model', `Opening ${source.fileName}`, isQuiet);
    let outcome;
    try {
      outcome = await this.parser(source, options, job);
    } catch (error) {
      // The parser itself failed (its worker crashed or ran out of memory): the job ends, the caller hears why.
      job.finish('failed');
      this.options.onError?.((error as Error).message);
      if (!(error instanceof ParserStoppedError)) throw error;
      // The file may be fine (the machine ran out of memory, a bug): no line is at fault, so no position.
      return { status: 'error', error: { code: error.code, message: error.message, fileName: source.fileName } };
    }
    if (outcome.status === 'cancelled') {
      job.finish('cancelled');
      return { status: 'cancelled' };
    }
    if (outcome.status === 'error') {
      job.finish('failed');
      this.options.onError?.(outcome.error.message);
      return outcome;
    }
    job.finish('done');
    const id = randomUUID();
    this.documents.clear(); // one open document at a time keeps memory bounded for 100 MB models
    this.documents.set(id, { ...source, model: outcome.model });
    if (source.path) {
      this.options.onOpenedPath?.(source.path);
      // The names it was read with go with its recent entry (none: forgotten, the user cleared them).
      this.options.recentFiles?.setFeatureNames(source.path, options.featureNames);
    }
    const document: SentModelDocument = {
      id,
      fileName: source.fileName,
      path: source.path,
      sizeBytes: outcome.sizeBytes,
      parseMillis: performance.now() - started,
      options,
      packedBytes: encodePackedParts(outcome.model),
    };
    return { status: 'ok', document };
  }
}
