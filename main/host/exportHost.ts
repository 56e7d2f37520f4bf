import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Cancelled, ExportBundleRequest, ExportFolderChoice, HostInfo } from '../../app/bridge';
import type { ExportResult } from '../../app/export/result';
import type { PackedModel } from '../../app/model/packed';
import { exportBundle } from '../export';
import type { JobRegistry } from './jobs';
import { exportBundleRequestSchema } from './schemas';

export interface ExportHostOptions {
  kind: HostInfo['kind'];
  jobs: JobRegistry;
  /** The model of an open document. */
  modelOf: (documentId: string) => PackedModel | undefined;
  /** Native folder picker (Electron); undefined in browser mode. */
  showFolderDialog?: () => Promise<string | undefined>;
}

async function isEmptyFolder(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch {
    return true; // absent: it will be created
  }
}

/**
 * Export bundles from the app: the folder comes from the native dialog (Electron, by an id the
 * renderer cannot forge) or, in browser mode, from the path the user typed into the page of the
 * host they started themselves. Exports run as jobs with progress and report the selftest outcome.
 */
export class ExportHost {
  private readonly folders = new Map<string, string>();

  constructor(private readonly options: ExportHostOptions) {}

  async chooseExportFolder(): Promise<ExportFolderChoice | Cancelled> {
    const path = await this.options.showFolderDialog?.();
    if (!path) return { status: 'cancelled' };
    const folderId = randomUUID();
    this.folders.set(folderId, path);
    return { status: 'ok', folderId, path, isEmpty: await isEmptyFolder(path) };
  }

  async exportBundle(request: unknown): Promise<ExportResult | Cancelled> {
    const parsed: ExportBundleRequest = exportBundleRequestSchema.parse(request);
    const model = this.options.modelOf(parsed.documentId);
    if (!model) throw new Error(`unknown document ${parsed.documentId}`);
    let folder: string | undefined;
    if ('folderId' in parsed.destination) folder = this.folders.get(parsed.destination.folderId);
    else if (this.options.kind === 'web') folder = resolve(parsed.destination.path);
    if (!folder) throw new Error('the export folder must come from the folder dialog');

    const job = this.options.jobs.start(parsed.jobId, 'export', `Exporting a ${parsed.target} bundle`);
    const result = await exportBundle({
      model,
      target: parsed.target,
      outDir: folder,
      rows: parsed.rows?.map((row) => row.map((value) => (value === null ? Number.NaN : value))),
      overwrite: parsed.overwrite,
      onProgress: (step, fraction) => job.report(fraction, `Export: ${step}`),
      signal: job.signal,
    });
    if (job.signal.aborted) {
      job.finish('cancelled');
      return { status: 'cancelled' };
    }
    job.finish(result.status === 'ok' ? 'done' : 'failed');
    return result;
  }
}
