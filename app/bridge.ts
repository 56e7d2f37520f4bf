import type { ExportTarget } from './export/targets';
import type { ModelErrorInfo } from './formats/errors';
import type { ParseOptions } from './formats/options';
import type { TreeModel } from './model/types';
import type { PackedModel } from './model/packed';
import type { ExportResult } from './export/result';

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
  openStartupModel(request?: JobRequest): Promise<SentModelResult | Cancelled>;
  /** Shows the native Open dialog (Electron) and parses the chosen file. */
  openModelDialog(request?: JobRequest): Promise<SentModelResult | Cancelled>;
  /** Parses text the renderer already holds (browser file input, drag-and-drop, paste). */
  parseModelText(request: ParseTextRequest): Promise<SentModelResult | Cancelled>;
  /** Parses an open document again with other options (XGBoost base_score and objective, Spark learning rate…). */
  reparseModel(request: ReparseRequest): Promise<SentModelResult | Cancelled>;
  /** Stops a long job (parsing a big model, reading a CSV, exporting); its call resolves as `cancelled`. */
  cancelJob(request: { jobId: string }): Promise<{ wasRunning: boolean }>;
  /** Native folder picker for an export (Electron); browser mode types the path into the dialog. */
  chooseExportFolder(): Promise<ExportFolderChoice | Cancelled>;
  /** Writes a Lambda or Docker bundle of an open model and proves it with its selftest. */
  exportBundle(request: ExportBundleRequest): Promise<ExportResult | Cancelled>;
  /** What the host is: Electron or the browser-mode server. */
  getHostInfo(): Promise<HostInfo>;
  /** Files opened from disk lately, newest first (Electron; kept by main in the user-data folder). */
  listRecentFiles(): Promise<RecentFile[]>;
  /** Reopens entry `index` of that list: the renderer names an entry, never a path. */
  openRecentFile(request: OpenRecentRequest): Promise<SentModelResult | Cancelled>;
  /** Native Save dialog for an exported image (Electron); browser mode downloads instead. */
  saveImageFile(request: SaveImageRequest): Promise<SavedFile | Cancelled>;
  /** The CSV named on the command line (`--csv FILE`), read as a `load-csv` job; `none` without one. */
  openStartupCsv(request?: JobRequest): Promise<CsvLoadResult | Cancelled | { status: 'none' }>;
  /** Shows the native Open dialog for a CSV (Electron) and reads the chosen file. */
  openCsvDialog(request?: JobRequest): Promise<CsvLoadResult | Cancelled>;
  /** Reads CSV text the renderer holds (browser file input, drag-and-drop); browser mode sends the raw file. */
  loadCsvText(request: LoadCsvTextRequest): Promise<CsvLoadResult | Cancelled>;
}

/** CSV text to read; `text` is the whole file. */
export interface LoadCsvTextRequest extends JobRequest {
  text: string;
  fileName: string;
}

/**
 * One CSV column as read in the main process. A column whose every cell is a number or a missing
 * token travels as doubles (NaN = missing); any other column travels as its cell texts, and the
 * renderer decides (category labels, a label column, or bad numeric cells it reports by row).
 */
export type CsvColumn = { name: string; kind: 'numbers'; numbers: Float64Array } | { name: string; kind: 'texts'; texts: string[] };

/** A row whose cell count differs from the header's, with its 1-based file row (header = row 1). */
export interface RaggedRow {
  row: number;
  cells: number;
}

/** A read CSV: columns of equal length (short rows padded with missing cells), ragged rows listed. */
export interface CsvTable {
  fileName: string;
  path?: string;
  sizeBytes: number;
  rows: number;
  /** File row number of data row 0 (2 with a header). Blank lines are skipped and counted. */
  firstRow: number;
  /** File row numbers of the data rows when blank lines were skipped; absent when row i is firstRow + i. */
  rowNumbers?: Int32Array;
  blankRows: number;
  columns: CsvColumn[];
  ragged: RaggedRow[];
  /** Total ragged rows (the list holds the first 1,000). */
  raggedCount: number;
  /** Numeric cells beyond a double's range (`1e400` read as Infinity, `1e-400` as 0): how many, and the first. */
  outOfRange?: { count: number; row: number; column: string; text: string };
  readMillis: number;
  /** Read by the page's workers side by side, in this many parts (a dropped file); absent when the host read it. */
  readParts?: number;
}

export type CsvLoadResult =
  | { status: 'ok'; table: CsvTable }
  | { status: 'error'; error: { code: string; message: string; fileName: string; row?: number } };

/** An entry of the recent-files list; `index` is what `openRecentFile` takes. */
export interface RecentFile {
  index: number;
  fileName: string;
  /** Shown to the user; never sent back. */
  path: string;
}

export interface OpenRecentRequest extends JobRequest {
  index: number;
}

/** An image to save: SVG text, or a PNG as a `data:image/png;base64,` URL. */
export interface SaveImageRequest {
  /** Suggested file name (no folder), e.g. `model-tree0.png`. */
  fileName: string;
  format: 'png' | 'svg';
  content: string;
}

export interface SavedFile {
  status: 'saved';
  fileName: string;
}

/** A folder the user picked in the native dialog, known to main by `folderId`. */
export interface ExportFolderChoice {
  status: 'ok';
  folderId: string;
  path: string;
  isEmpty: boolean;
}

export interface ExportBundleRequest extends JobRequest {
  documentId: string;
  target: ExportTarget;
  /** From `chooseExportFolder` (Electron), or a typed path (browser mode only). */
  destination: { folderId: string } | { path: string };
  /** Replace an earlier export in a non-empty folder (its own files only). */
  overwrite?: boolean;
  /** The user's rows in feature order (null = missing) for the golden file; generated when absent. */
  rows?: Array<Array<number | null>>;
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
  /** Once, while a big model opens: its first tree, to show before the rest is read (progressive open). */
  preview?: ModelPreview;
}

/**
 * The model being opened with only its first tree (header, features and tree 0, packed as in
 * `SentModelDocument`), and how many trees the whole model has. Sent where the format allows it
 * (LightGBM model.txt of a few MB and more); the open call's result replaces it.
 */
export interface ModelPreview {
  fileName: string;
  treeCount: number;
  packedBytes: Uint8Array;
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

/** What is known about an opened model file besides the model. `id` names it for `reparseModel`. */
export interface ModelFileInfo {
  id: string;
  fileName: string;
  /** Absolute path when the file came from disk. */
  path?: string;
  sizeBytes: number;
  parseMillis: number;
  options: ParseOptions;
}

/**
 * An opened model as it crosses the bridge: the packed model (`app/model/packed.ts`) as its binary
 * bytes (`encodePackedModel`), never JSON of nodes. Electron IPC clones the bytes; browser mode sends
 * them as the binary body of the reply (`app/bridgeBinary.ts`).
 */
export interface SentModelDocument extends ModelFileInfo {
  /**
   * The bytes as one buffer, or as the parts that join into it (`encodePackedParts`): the host sends
   * parts, views of the model's own columns, so a 100 MB model is not copied into one buffer first.
   */
  packedBytes: Uint8Array | readonly Uint8Array[];
}

export type SentModelResult = { status: 'ok'; document: SentModelDocument } | { status: 'error'; error: ModelErrorInfo };

/**
 * An opened model as the renderer holds it: the packed model (what scoring, summaries and analysis
 * read) and a readable view of it whose trees are made on first access (`viewOfPacked`).
 */
export interface ModelDocument extends ModelFileInfo {
  packed: PackedModel;
  model: TreeModel;
  /** Set while only a preview is shown (`ModelPreview`): the whole model's tree count. */
  partial?: { treeCount: number };
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
  chooseExportFolder: 'export:chooseFolder',
  exportBundle: 'export:bundle',
  getHostInfo: 'host:info',
  listRecentFiles: 'recent:list',
  openRecentFile: 'recent:open',
  saveImageFile: 'export:saveImage',
  openStartupCsv: 'csv:openStartup',
  openCsvDialog: 'csv:openDialog',
  loadCsvText: 'csv:loadText',
} as const satisfies Record<keyof SplitscopeBridge, string>;

export type BridgeMethod = keyof SplitscopeBridge;
