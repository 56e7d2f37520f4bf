import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../paths';
import { findElectronBinary } from './findElectron';

const config = parse(readFileSync(join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8'));
const require = createRequire(import.meta.url);
const distCheck = require('./distCheck.cjs') as { electronDistProblem: (root: string) => string | undefined };

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
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/main/parseWorker.mjs', 'dist/main/chunks/**', 'assets/samples/**']));
    expect(config.extraMetadata.main).toBe('dist/main/electron.mjs');
    expect(config.files).toContain('!dist/**/*.map');
  });

  it('never makes Splitscope the default for .txt, .json or .csv', () => {
    expect(config.win.fileAssociations ?? config.fileAssociations).toBeUndefined();
    for (const association of config.mac.fileAssociations) expect(association.rank).toBe('Alternate');
    expect(JSON.stringify(config)).not.toMatch(/\bcsv\b/);
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
