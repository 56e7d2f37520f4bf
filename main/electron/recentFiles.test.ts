import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENT_FILES, RecentFiles } from './recentFiles';

describe('recent files in the user-data folder', () => {
  let folder: string;
  let store: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'splitscope-recent-'));
    store = join(folder, 'recent-files.json');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the newest first, without duplicates, and survives a restart', () => {
    const recent = new RecentFiles(store);
    recent.add('/models/a.txt');
    recent.add('/models/b.json');
    recent.add('/models/a.txt');
    expect(recent.list()).toEqual([
      { index: 0, fileName: 'a.txt', path: '/models/a.txt' },
      { index: 1, fileName: 'b.json', path: '/models/b.json' },
    ]);
    const reopened = new RecentFiles(store);
    expect(reopened.pathAt(1)).toBe('/models/b.json');
    expect(JSON.parse(readFileSync(store, 'utf8')).paths).toEqual(['/models/a.txt', '/models/b.json']);
  });

  it('answers only indices in the list, and never relative paths', () => {
    const recent = new RecentFiles(store);
    recent.add('relative/model.txt');
    recent.add('/models/a.txt');
    expect(recent.list()).toHaveLength(1);
    expect(recent.pathAt(1)).toBeUndefined();
    expect(recent.pathAt(-1)).toBeUndefined();
    expect(recent.pathAt(0.5)).toBeUndefined();
  });

  it('holds at most MAX_RECENT_FILES, removes and clears', () => {
    const recent = new RecentFiles(store);
    for (let index = 0; index < MAX_RECENT_FILES + 3; index++) recent.add(`/models/m${index}.txt`);
    expect(recent.list()).toHaveLength(MAX_RECENT_FILES);
    expect(recent.pathAt(0)).toBe(`/models/m${MAX_RECENT_FILES + 2}.txt`);
    recent.remove(`/models/m${MAX_RECENT_FILES + 2}.txt`);
    expect(recent.pathAt(0)).toBe(`/models/m${MAX_RECENT_FILES + 1}.txt`);
    recent.clear();
    expect(new RecentFiles(store).list()).toEqual([]);
  });

  it('keeps feature names with a file across a restart, and forgets them with the file', () => {
    const recent = new RecentFiles(store);
    recent.add('/models/a.txt');
    recent.add('/models/b.txt');
    recent.setFeatureNames('/models/a.txt', ['age', 'income']);
    recent.setFeatureNames('/models/elsewhere.txt', ['x']); // not in the list: not kept
    recent.add('/models/a.txt'); // reopened: moves first, names kept
    const reopened = new RecentFiles(store);
    expect(reopened.featureNamesOf('/models/a.txt')).toEqual(['age', 'income']);
    expect(reopened.featureNamesOf('/models/b.txt')).toBeUndefined();
    expect(reopened.featureNamesOf('/models/elsewhere.txt')).toBeUndefined();
    reopened.setFeatureNames('/models/a.txt', undefined);
    expect(new RecentFiles(store).featureNamesOf('/models/a.txt')).toBeUndefined();
    reopened.setFeatureNames('/models/b.txt', ['p']);
    reopened.remove('/models/b.txt');
    expect(new RecentFiles(store).featureNamesOf('/models/b.txt')).toBeUndefined();
    // A damaged names entry is dropped, the list stays.
    writeFileSync(store, JSON.stringify({ version: 1, paths: ['/models/a.txt'], featureNames: { '/models/a.txt': [1, 2] } }));
    const damaged = new RecentFiles(store);
    expect(damaged.list()).toHaveLength(1);
    expect(damaged.featureNamesOf('/models/a.txt')).toBeUndefined();
  });

  it('treats a damaged list as empty', () => {
    writeFileSync(store, '{"paths": [42, "relative", "/ok.txt"]}');
    expect(new RecentFiles(store).list().map((file) => file.path)).toEqual(['/ok.txt']);
    writeFileSync(store, '{oops');
    expect(new RecentFiles(store).list()).toEqual([]);
  });
});
