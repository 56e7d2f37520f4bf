import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseModelText } from '../../app/formats';
import { corpus } from '../../app/testing/shared';
import { defaultRuntimeDir, exportBundle, RUNTIME_FILES } from '../export';
import { buildRuntimeForTests } from '../export/testkit';
import { PROJECT_ROOT } from '../paths';
import { findElectronBinary } from './findElectron';

const config = parse(readFileSync(join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8'));
const require = createRequire(import.meta.url);
const distCheck = require('./distCheck.cjs') as { electronDistProblem: (root: string) => string | undefined };

type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, expand: (pattern: string) => string, patterns: string[]) => { createFilter(): Filter };
};

/**
 * Whether electron-builder's own matcher (the one `npm run dist` uses) takes a project path with
 * these patterns: the file and every folder on its way must pass, as when it walks the tree.
 */
function matcher(patterns: string[]): (path: string) => boolean {
  const filter = new FileMatcher(PROJECT_ROOT, join(PROJECT_ROOT, 'app'), (pattern) => pattern, patterns).createFilter();
  return (path) => {
    const folders: string[] = [];
    for (let folder = dirname(path); folder !== '.'; folder = dirname(folder)) folders.push(folder);
    return folders.every((folder) => filter(join(PROJECT_ROOT, folder), { isDirectory: () => true })) && filter(join(PROJECT_ROOT, path), { isDirectory: () => false });
  };
}
const isPacked = matcher(config.files);
const isUnpacked = matcher(config.asarUnpack);

function filesUnder(folder: string): string[] {
  return readdirSync(join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(PROJECT_ROOT, join(entry.parentPath, entry.name)));
}

const isBuilt = existsSync(join(PROJECT_ROOT, 'dist', 'main', 'electron.mjs')) && existsSync(join(defaultRuntimeDir(), 'server.mjs'));

describe('electron-builder.yml', () => {
  it('names the app and builds the required targets per OS', () => {
    expect(config.appId).toBe('dev.splitscope.app');
    expect(config.productName).toBe('Splitscope');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('takes icons from assets/ that exist', () => {
    for (const icon of [config.mac.icon, config.win.icon, 'assets/icons/icon.png', 'assets/icons/512x512.png']) {
      expect(existsSync(join(PROJECT_ROOT, icon)), icon).toBe(true);
    }
    expect(existsSync(join(PROJECT_ROOT, config.linux.icon))).toBe(true);
  });

  it('unpacks what worker_threads must load from disk, and starts main from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/main/parseWorker.mjs', 'dist/main/scoreThread.mjs', 'dist/main/chunks/**', 'assets/samples/**']));
    expect(config.extraMetadata.main).toBe('dist/main/electron.mjs');
    expect(config.files).toContain('!dist/**/*.map');
  });

  it('never makes Splitscope the default for .txt, .json or .csv', () => {
    expect(config.win.fileAssociations ?? config.fileAssociations).toBeUndefined();
    for (const association of config.mac.fileAssociations) expect(association.rank).toBe('Alternate');
    expect(JSON.stringify(config)).not.toMatch(/\bcsv\b/);
  });

  it('packs every runtime file the exporter reads, where the packaged exporter looks for them', () => {
    const runtimeFiles = RUNTIME_FILES.map((name) => relative(PROJECT_ROOT, join(defaultRuntimeDir(), name)));
    expect(runtimeFiles).toEqual([
      'dist/runtime/lambda.mjs',
      'dist/runtime/server.mjs',
      'dist/runtime/selftest.mjs',
      ...['score.py', 'job.py', 'spark_selftest.py', 'handler.py', 'service.py', 'evaluator.py', 'spkm.py', 'lambda_selftest.py'].map((name) => `dist/runtime/python/${name}`),
    ]);
    for (const path of runtimeFiles) expect(isPacked(path), path).toBe(true);
    for (const path of ['dist/main/electron.mjs', 'dist/main/preload.cjs', 'dist/main/parseWorker.mjs', 'dist/renderer/index.html', 'package.json']) expect(isPacked(path), path).toBe(true);
    // And not everything: sources, maps and tests stay out.
    for (const path of ['main/export/index.ts', 'runtime/server.ts', 'dist/main/electron.mjs.map', 'node_modules/esbuild/package.json']) expect(isPacked(path), path).toBe(false);
  });

  it.skipIf(!isBuilt)('packs the whole built dist/main and dist/runtime, and unpacks what worker_threads load (needs npm run build; skipped without it)', () => {
    const built = [...filesUnder('dist/main'), ...filesUnder('dist/runtime')].filter((path) => !path.endsWith('.map'));
    expect(built).toEqual(expect.arrayContaining(['dist/main/electron.mjs', 'dist/runtime/selftest.mjs']));
    expect(built.filter((path) => !isPacked(path))).toEqual([]);
    // The parse worker and the chunks it imports are loaded by worker_threads from disk.
    const chunks = built.filter((path) => path.startsWith('dist/main/chunks/'));
    for (const path of ['dist/main/parseWorker.mjs', 'dist/main/scoreThread.mjs', ...chunks]) expect(isUnpacked(path), path).toBe(true);
  });

  it('exports and runs the selftest without spawning the executable as Node (the runAsNode fuse is off)', async () => {
    const runtimeDir = buildRuntimeForTests();
    const model = parseModelText(readFileSync(corpus('spark/mllib_dt_banknote_depth5.txt'), 'utf8'), 'banknote.txt');
    // As in the packaged app: the executable cannot act as Node, so any spawn of it would fail.
    const realExecPath = process.execPath;
    const realRunAsNode = process.env.ELECTRON_RUN_AS_NODE;
    process.execPath = join(tmpdir(), 'no-such-electron-binary');
    delete process.env.ELECTRON_RUN_AS_NODE;
    try {
      for (const target of ['docker', 'lambda'] as const) {
        const result = await exportBundle({ model, target, outDir: join(mkdtempSync(join(tmpdir(), 'splitscope-packaged-')), 'bundle'), runtimeDir });
        expect(result, target).toMatchObject({ status: 'ok', selftest: { source: 'generated' } });
        if (result.status === 'ok') expect(result.selftest.requests, target).toBeGreaterThan(1);
      }
    } finally {
      process.execPath = realExecPath;
      if (realRunAsNode !== undefined) process.env.ELECTRON_RUN_AS_NODE = realRunAsNode;
    }
  });

  it('turns off the Electron fuses an attacker could use', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
  });
});

describe('npm run dist without the Electron binary', () => {
  it('the beforePack hook agrees with findElectronBinary on why it cannot package', () => {
    const found = findElectronBinary(PROJECT_ROOT);
    const problem = distCheck.electronDistProblem(PROJECT_ROOT);
    if ('reason' in found) expect(problem).toBe(found.reason);
    else expect(problem).toBeUndefined();
    expect(config.beforePack).toBe('./main/electron/distCheck.cjs');
  });
});
