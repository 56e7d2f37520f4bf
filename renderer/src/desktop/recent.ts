import { connectBridge, hasNativeDialog } from '../bridgeClient';
import { openWith, appStore } from '../store/store';
import { openFile } from '../components/Toolbar';
import { safeStorage } from './theme';

/** A recent file as the palette shows it. */
export interface RecentEntry {
  index: number;
  fileName: string;
  /** Where it is (Electron) or when it was opened (browser). */
  detail: string;
}

/**
 * Browser mode keeps recent files in local storage with their text (a page cannot reopen a file by
 * path), so only files up to this size are remembered; local storage holds about 5 MB in all.
 */
export const MAX_REMEMBERED_CHARS = 1_500_000;
const MAX_BROWSER_ENTRIES = 8;
const STORAGE_KEY = 'splitscope.recent.v1';

interface StoredFile {
  fileName: string;
  openedAt: number;
  text: string;
  /** Names the user gave the file's unnamed features (issue 15), applied when it reopens. */
  featureNames?: string[];
}

function readStored(): StoredFile[] {
  try {
    const value = JSON.parse(safeStorage()?.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((entry): entry is StoredFile => typeof entry?.fileName === 'string' && typeof entry?.text === 'string') : [];
  } catch {
    return [];
  }
}

function writeStored(files: StoredFile[]): void {
  const storage = safeStorage();
  if (!storage) return;
  // When storage is full, forget the oldest files until the list fits.
  for (let kept = files.length; kept >= 0; kept--) {
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(files.slice(0, kept)));
      return;
    } catch {
      continue;
    }
  }
}

/** The recent list: main's (Electron, by index) or local storage's (browser). */
export async function listRecent(): Promise<RecentEntry[]> {
  if (hasNativeDialog()) {
    const files = await connectBridge().listRecentFiles();
    return files.map((file) => ({ index: file.index, fileName: file.fileName, detail: file.path }));
  }
  return readStored().map((file, index) => ({ index, fileName: file.fileName, detail: `opened ${new Date(file.openedAt).toLocaleString()}` }));
}

/** Reopens entry `index`: main reads the file (Electron), or the stored text is parsed again (browser). */
export async function openRecent(index: number): Promise<void> {
  if (hasNativeDialog()) {
    await openWith((jobId) => connectBridge().openRecentFile({ index, jobId }));
    return;
  }
  const stored = readStored()[index];
  if (!stored) return;
  await openFile(new File([stored.text], stored.fileName, { type: 'text/plain' }));
  // Its feature names come back with it: the host reads it again with them (as Electron's main does at once).
  const document = appStore.getState().document;
  if (!stored.featureNames || document?.fileName !== stored.fileName || appStore.getState().error) return;
  const options = { ...document.options, featureNames: stored.featureNames };
  await openWith((jobId) => connectBridge().reparseModel({ documentId: document.id, options, jobId }));
}

/**
 * Browser mode: keeps (or, with undefined, forgets) feature names with the stored file of that name.
 * Electron's main process keeps them with its own recent entry when the model is read with them.
 */
export function rememberFeatureNames(fileName: string, names: readonly string[] | undefined): void {
  if (hasNativeDialog()) return;
  const files = readStored();
  const index = files.findIndex((file) => file.fileName === fileName);
  if (index < 0) return;
  files[index] = { ...files[index], featureNames: names ? [...names] : undefined };
  writeStored(files);
}

/**
 * Browser mode: remembers a file the user picked or dropped once it opened as a model. Electron's
 * main process keeps its own list (files opened from disk), so nothing is stored here there.
 */
export async function rememberOpenedFile(file: File): Promise<void> {
  if (hasNativeDialog() || file.size > MAX_REMEMBERED_CHARS) return;
  const document = appStore.getState().document;
  if (!document || document.fileName !== file.name || appStore.getState().error) return;
  const text = await file.text();
  const stored = readStored();
  const same = stored.find((entry) => entry.fileName === file.name && entry.text === text);
  const others = stored.filter((entry) => entry !== same);
  writeStored([{ fileName: file.name, openedAt: Date.now(), text, featureNames: same?.featureNames }, ...others].slice(0, MAX_BROWSER_ENTRIES));
}
