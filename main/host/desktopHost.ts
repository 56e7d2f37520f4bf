import { writeFile } from 'node:fs/promises';
import type { Cancelled, SentModelResult, RecentFile, SavedFile } from '../../app/bridge';
import { openRecentRequestSchema, saveImageRequestSchema } from './schemas';

/** The recent-files list as the host needs it (main/electron/recentFiles.ts keeps it on disk). */
export interface RecentFilesStore {
  list(): RecentFile[];
  pathAt(index: number): string | undefined;
  remove(path: string): void;
  /** Feature names the user gave the file at `path` (issue 15), applied whenever it opens. */
  featureNamesOf(path: string): string[] | undefined;
  setFeatureNames(path: string, names: readonly string[] | undefined): void;
}

export interface DesktopHostOptions {
  /** Recent files (Electron); undefined in browser mode, which keeps them in local storage. */
  recentFiles?: RecentFilesStore;
  /** Native Save dialog: the chosen path, or undefined when cancelled or absent (browser mode). */
  showSaveDialog?: (fileName: string, format: 'png' | 'svg') => Promise<string | undefined>;
  /** Opens a file the host vouches for (ModelHost.openPath). */
  openPath: (path: string, jobId: string | undefined) => Promise<SentModelResult | Cancelled>;
}

/**
 * Desktop services of the bridge: the recent-files list (by index, so the renderer never names a
 * path) and saving exported images where the user picks in the native Save dialog.
 */
export class DesktopHost {
  constructor(private readonly options: DesktopHostOptions) {}

  async listRecentFiles(): Promise<RecentFile[]> {
    return this.options.recentFiles?.list() ?? [];
  }

  async openRecentFile(request: unknown): Promise<SentModelResult | Cancelled> {
    const { index, jobId } = openRecentRequestSchema.parse(request);
    const path = this.options.recentFiles?.pathAt(index);
    if (!path) {
      return { status: 'error', error: { code: 'E_FORMAT_UNKNOWN', message: `Recent file #${index + 1} is no longer in the list.`, fileName: '' } };
    }
    const result = await this.options.openPath(path, jobId);
    // A file that was moved or deleted leaves the list, so the menu does not keep offering it.
    if (result.status === 'error' && /no such file/.test(result.error.message)) this.options.recentFiles?.remove(path);
    return result;
  }

  async saveImageFile(request: unknown): Promise<SavedFile | Cancelled> {
    const { fileName, format, content } = saveImageRequestSchema.parse(request);
    const path = await this.options.showSaveDialog?.(fileName, format);
    if (!path) return { status: 'cancelled' };
    const data = format === 'svg' ? content : Buffer.from(content.slice('data:image/png;base64,'.length), 'base64');
    await writeFile(path, data);
    return { status: 'saved', fileName: path };
  }
}
