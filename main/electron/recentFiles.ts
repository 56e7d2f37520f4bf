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

  constructor(private readonly storePath: string) {
    this.paths = readPaths(storePath);
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
    this.save();
  }

  /** Drops a path that no longer opens. */
  remove(path: string): void {
    const before = this.paths.length;
    this.paths = this.paths.filter((known) => known !== path);
    if (this.paths.length !== before) this.save();
  }

  clear(): void {
    this.paths = [];
    this.save();
  }

  private save(): void {
    mkdirSync(dirname(this.storePath), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a half file that loses the whole list.
    const temporary = `${this.storePath}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, paths: this.paths }, null, 2));
    renameSync(temporary, this.storePath);
  }
}

/** Reads the stored list; a missing or damaged file is an empty list (and says so once). */
function readPaths(storePath: string): string[] {
  if (!existsSync(storePath)) return [];
  try {
    const stored = JSON.parse(readFileSync(storePath, 'utf8')) as { paths?: unknown };
    if (!Array.isArray(stored.paths)) return [];
    return stored.paths.filter((path): path is string => typeof path === 'string' && isAbsolute(path)).slice(0, MAX_RECENT_FILES);
  } catch (error) {
    console.error(`splitscope: ignoring unreadable recent-files list ${storePath}: ${(error as Error).message}`);
    return [];
  }
}
