import type { RowMismatch } from './compare';
import type { ExportTarget } from './targets';

/**
 * What `exportBundle` (main/export) returns: typed for the UI dialog and the CLI. Expected failures
 * are results, not rejections.
 */
/**
 * How closely an export that is not the app's own code (ONNX) reproduces the app, measured on the
 * golden rows in the target's runtime. `exact` only when every number of every row is identical
 * (`Object.is`); otherwise the export is not proven equal and says by how much it differs.
 */
export interface ExportFidelity {
  exact: boolean;
  rowsCompared: number;
  /** Rows where the prediction, a raw score or the class differs. */
  rowsDiffering: number;
  /** Rows whose raw scores differ (the rest differ only after the output transform). */
  rawRowsDiffering: number;
  /** Largest |ONNX − app| over the prediction values (0 when exact). */
  maxAbsDiff: number;
  /** Largest |ONNX − app| / |app| over the prediction values with a non-zero app value. */
  maxRelDiff: number;
  /** Rows whose predicted class differs (classifiers). */
  classChanges: number;
}

/** One sentence on an export's fidelity, for the CLI, the Export dialog and the bundle README. */
export function fidelityStatement(fidelity: ExportFidelity): string {
  const rows = fidelity.rowsCompared;
  if (fidelity.exact) return `proven equal: ONNX Runtime matched the app bit for bit on all ${rows} golden rows (prediction, raw scores and class)`;
  const figure = (x: number) => (x === Infinity ? 'infinity' : Number(x.toPrecision(3)).toString());
  const raw = fidelity.rawRowsDiffering === 0 ? 'raw scores identical' : `raw scores differ on ${fidelity.rawRowsDiffering}`;
  return (
    `not proven equal: ${fidelity.rowsDiffering} of ${rows} golden rows differ from the app by up to ${figure(fidelity.maxAbsDiff)} ` +
    `(relative ${figure(fidelity.maxRelDiff)}) in the prediction; ${raw}; ${fidelity.classChanges} class change${fidelity.classChanges === 1 ? '' : 's'}`
  );
}

export interface SelftestSummary {
  /** Golden rows checked, and where they came from. */
  rows: number;
  source: 'csv' | 'generated';
  /** Requests the selftest sent to the bundle's own code. */
  requests: number;
  millis: number;
  /** Targets that run outside the app's evaluator (ONNX): how close they came. */
  fidelity?: ExportFidelity;
}

export interface ExportSuccess {
  status: 'ok';
  target: ExportTarget;
  /** Absolute path of the bundle folder. */
  folder: string;
  /** Files written, relative to `folder`. */
  files: string[];
  /** `sha256:<hex>` of the embedded model (`GET /model` reports it). */
  checksum: string;
  selftest: SelftestSummary;
  /** Shell commands to run next (cd, selftest, local run, deploy). */
  nextCommands: string[];
  /** Bytes: the service file, the model inside it, and the rest (runtime code). */
  sizes: { entryFile: number; model: number; runtime: number };
  /** ONNX: measured agreement with the app on the golden rows (absent for targets that run the app's evaluator and must match exactly). */
  fidelity?: ExportFidelity;
}

export type ExportErrorCode =
  /** The folder holds files and `overwrite` was not set. */
  | 'E_EXPORT_FOLDER_NOT_EMPTY'
  /** The output path exists and is not a folder. */
  | 'E_EXPORT_NOT_A_FOLDER'
  /** The model cannot be compiled (inconsistent IR). */
  | 'E_EXPORT_MODEL'
  /** A user row does not fit the model. */
  | 'E_EXPORT_ROWS'
  /** The prebuilt runtime (dist/runtime) is missing and cannot be built. */
  | 'E_EXPORT_RUNTIME'
  /** Writing the folder failed (permissions, disk full). */
  | 'E_EXPORT_WRITE'
  /** The bundle answered differently from the app on a golden row. */
  | 'E_EXPORT_SELFTEST_MISMATCH'
  /** The selftest could not run to the end (crash, timeout, an error response). */
  | 'E_EXPORT_SELFTEST_FAILED'
  /** A path in the folder is a symbolic link, or a manifest entry leaves the folder: nothing is written or deleted through it. */
  | 'E_EXPORT_UNSAFE_PATH'
  /** The user cancelled; the folder may hold a partial bundle. */
  | 'E_EXPORT_CANCELLED';

export interface ExportError {
  status: 'error';
  code: ExportErrorCode;
  /** One sentence for the user, naming the folder, row or file. */
  message: string;
  folder?: string;
  /** E_EXPORT_FOLDER_NOT_EMPTY: some of the entries found. */
  entries?: string[];
  /** E_EXPORT_SELFTEST_MISMATCH: the first differing row (0-based), field, both values and the input row. */
  mismatch?: RowMismatch & { input: (number | string | null)[] };
  /** E_EXPORT_SELFTEST_FAILED: what the selftest printed. */
  output?: string;
}

export type ExportResult = ExportSuccess | ExportError;
