import type { ModelErrorInfo } from './formats/errors';
import type { ParseOptions } from './formats/options';
import type { TreeModel } from './model/types';

/**
 * The one contract between the renderer and the Node side. Main implements it (Electron IPC and the
 * browser-mode HTTP host share the same handlers), the preload exposes exactly these methods, and
 * the renderer types `window.splitscope` from it, so a rename breaks the build on every side.
 *
 * Expected failures (a syntax error, a cancelled dialog) come back as typed results; a rejected
 * promise means a bug or a lost connection.
 */
export interface SplitscopeBridge {
  /** The model to show at start: the one named on the command line, else the bundled sample. */
  openStartupModel(request?: JobRequest): Promise<OpenModelResult | Cancelled>;
  /** Shows the native Open dialog (Electron) and parses the chosen file. */
  openModelDialog(request?: JobRequest): Promise<OpenModelResult | Cancelled>;
  /** Parses text the renderer already holds (browser file input, drag-and-drop, paste). */
  parseModelText(request: ParseTextRequest): Promise<OpenModelResult | Cancelled>;
  /** Parses an open document again with other options (XGBoost base_score and objective, Spark learning rate…). */
  reparseModel(request: ReparseRequest): Promise<OpenModelResult | Cancelled>;
  /** Stops a long job (parsing a big model, reading a CSV, exporting); its call resolves as `cancelled`. */
  cancelJob(request: { jobId: string }): Promise<{ wasRunning: boolean }>;
  /** What the host is: Electron or the browser-mode server. */
  getHostInfo(): Promise<HostInfo>;
}

/**
 * A request that may run long. The renderer picks `jobId` (any unique string) so it can follow the
 * job's progress events and cancel it before the call returns.
 */
export interface JobRequest {
  jobId?: string;
}

/** What a long job reports while it runs; `fraction` is null while the amount of work is unknown. */
export interface ProgressEvent {
  jobId: string;
  task: 'open-model' | 'load-csv' | 'export';
  label: string;
  fraction: number | null;
  state: 'running' | 'done' | 'cancelled' | 'failed';
}

/** Events from the Node side to the renderer. Each `on…` returns a function that unsubscribes. */
export interface SplitscopeEvents {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Menu and OS commands (`open-model`, `open-path:<path>`…) that the renderer acts on. */
  onCommand(listener: (command: string) => void): () => void;
}

/** Channels of `SplitscopeEvents` (Electron `webContents.send`; server-sent events in browser mode). */
export const EVENT_CHANNELS = {
  progress: 'job:progress',
  command: 'app:command',
} as const;

/** An opened model file. `id` names it for `reparseModel`. */
export interface ModelDocument {
  id: string;
  fileName: string;
  /** Absolute path when the file came from disk. */
  path?: string;
  sizeBytes: number;
  parseMillis: number;
  options: ParseOptions;
  model: TreeModel;
}

export type OpenModelResult = { status: 'ok'; document: ModelDocument } | { status: 'error'; error: ModelErrorInfo };

export interface Cancelled {
  status: 'cancelled';
}

export interface ParseTextRequest extends JobRequest {
  text: string;
  fileName: string;
  options?: ParseOptions;
}

export interface ReparseRequest extends JobRequest {
  documentId: string;
  options: ParseOptions;
}

export interface HostInfo {
  kind: 'electron' | 'web';
  version: string;
}

/** IPC channel of each bridge method, `area:action`. The HTTP host uses the same names under `/api/`. */
export const BRIDGE_CHANNELS = {
  openStartupModel: 'model:openStartup',
  openModelDialog: 'model:openDialog',
  parseModelText: 'model:parseText',
  reparseModel: 'model:reparse',
  cancelJob: 'job:cancel',
  getHostInfo: 'host:info',
} as const satisfies Record<keyof SplitscopeBridge, string>;

export type BridgeMethod = keyof SplitscopeBridge;
