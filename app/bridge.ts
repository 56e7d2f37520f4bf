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
  openStartupModel(): Promise<OpenModelResult>;
  /** Shows the native Open dialog (Electron) and parses the chosen file. */
  openModelDialog(): Promise<OpenModelResult | Cancelled>;
  /** Parses text the renderer already holds (browser file input, drag-and-drop, paste). */
  parseModelText(request: ParseTextRequest): Promise<OpenModelResult>;
  /** Parses an open document again with other options (XGBoost base_score and objective, Spark learning rate…). */
  reparseModel(request: ReparseRequest): Promise<OpenModelResult>;
  /** What the host is: Electron or the browser-mode server. */
  getHostInfo(): Promise<HostInfo>;
}

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

export interface ParseTextRequest {
  text: string;
  fileName: string;
  options?: ParseOptions;
}

export interface ReparseRequest {
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
  getHostInfo: 'host:info',
} as const satisfies Record<keyof SplitscopeBridge, string>;

export type BridgeMethod = keyof SplitscopeBridge;
