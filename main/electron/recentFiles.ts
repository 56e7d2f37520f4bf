import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute } from 'node:path';
import type { RecentFile } from '../../app/bridge';

/** How many recent files the menu and the palette offer. */
export const MAX_RECENT_FILES = 10;

/**
 * Recent files, kept by main in a JSON file of the user-data folder. The renderer only ever sees
 * the list and asks to reopen an entry by its index, so it can never name a path itself.
 */
export class RecentFiles {
  private paths: string[];
  /** Feature names the user gave a file that has none (issue 15), by path; reapplied whenever it opens. */
  private featureNames: Map<string, string[]>;

  constructor(private readonly storePath: string) {
    const stored = readStore(storePath);
    this.paths = stored.paths;
    this.featureNames = stored.featureNames;
  }

  /** The names kept with a recent file, if the user gave it some. */
  featureNamesOf(path: string): string[] | undefined {
    return this.featureNames.get(path);
  }

  /** Keeps (or, with undefined, forgets) the names of a file in the list. */
  setFeatureNames(path: string, names: readonly string[] | undefined): void {
    const known = this.featureNames.get(path);
    if (names === undefined ? known === undefined : known !== undefined && known.length === names.length && known.every((name, index) => name === names[index])) return;
    if (names === undefined) this.featureNames.delete(path);
    else if (this.paths.includes(path)) this.featureNames.set(path, [...names]);
    else return;
    this.save();
  }

  /** The list, newest first, as the renderer may see it. */
  list(): RecentFile[] {
    return this.paths.map((path, index) => ({ index, fileName: basename(path), path }));
  }

  /** The path of entry `index`, or undefined for an index not in the list. */
  pathAt(index: number): string | undefined {
    return Number.isInteger(index) ? this.paths[index] : undefined;
  }

  /** Puts a path first (moving it if present) and saves the list. */
  add(path: string): void {
    if (!isAbsolute(path)) return;
    this.paths = [path, ...this.paths.filter((known) => known !== path)].slice(0, MAX_RECENT_FILES);
    this.dropStaleNames();
    this.save();
  }

  /** Drops a path that no longer opens. */
  remove(path: string): void {
    const before = this.paths.length;
    this.paths = this.paths.filter((known) => known !== path);
    this.dropStaleNames();
    if (this.paths.length !== before) this.save();
  }

  clear(): void {
    this.paths = [];
    this.featureNames.clear();
    this.save();
  }

  private dropStaleNames(): void {
    for (const path of this.featureNames.keys()) if (!this.paths.includes(path)) this.featureNames.delete(path);
  }

  private save(): void {
    mkdirSync(dirname(this.storePath), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a half file that loses the whole list.
    const temporary = `${this.storePath}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, paths: this.paths, featureNames: Object.fromEntries(this.featureNames) }, null, 2));
    renameSync(temporary, this.storePath);
  }
}

/** Reads the stored list; a missing or damaged file is an empty list (and says so once). */
function readStore(storePath: string): { paths: string[]; featureNames: Map<string, string[]> } {
  const empty = { paths: [], featureNames: new Map<string, string[]>() };
  if (!existsSync(storePath)) return empty;
  try {
    const stored = JSON.parse(readFileSync(storePath, 'utf8')) as { paths?: unknown; featureNames?: unknown };
    if (!Array.isArray(stored.paths)) return empty;
    const paths = stored.paths.filter((path): path is string => typeof path === 'string' && isAbsolute(path)).slice(0, MAX_RECENT_FILES);
    const featureNames = new Map<string, string[]>();
    if (stored.featureNames && typeof stored.featureNames === 'object') {
      for (const [path, names] of Object.entries(stored.featureNames)) {
        // Names are checked again when they are applied (app/model/featureNames.ts); here only their shape.
        if (paths.includes(path) && Array.isArray(names) && names.length > 0 && names.every((name) => typeof name === 'string' && name !== '')) featureNames.set(path, names);
      }
    }
    return { paths, featureNames };
  } catch (error) {
    console.error(`splitscope: ignoring unreadable recent-files list ${storePath}: ${(error as Error).message}`);
    return empty;
  }
}
