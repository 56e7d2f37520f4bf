import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModelText } from '../../app/formats';
import { corpus } from '../../app/testing/shared';
import { exportBundle, type ExportResult } from './index';
import { isSafeRelativePath } from './safeFolder';
import { buildRuntimeForTests } from './testkit';

// Every test plants real symbolic links in a temporary folder and checks the file outside the
// export folder afterwards: its content unchanged, or still there.

const MODEL_PATH = corpus('spark/mllib_dt_banknote_depth5.txt');
const model = parseModelText(readFileSync(MODEL_PATH, 'utf8'), MODEL_PATH);
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-folder-safety-'));
let count = 0;
let runtimeDir: string;

beforeAll(() => {
  runtimeDir = buildRuntimeForTests();
});

/** A fresh export folder and, beside it (outside it), a folder holding the user's own file. */
function setUp(): { folder: string; outside: string; secret: string } {
  const base = join(scratch, `case-${++count}`);
  const folder = join(base, 'bundle');
  const outside = join(base, 'outside');
  mkdirSync(folder, { recursive: true });
  mkdirSync(outside);
  const secret = join(outside, 'secret.txt');
  writeFileSync(secret, 'the user’s own file');
  return { folder, outside, secret };
}

function run(folder: string, target: 'lambda' | 'docker', overwrite = true): Promise<ExportResult> {
  return exportBundle({ model, target, outDir: folder, runtimeDir, overwrite });
}

function writeManifest(folder: string, files: unknown[]): void {
  writeFileSync(join(folder, '.splitscope-export.json'), JSON.stringify({ exportedBy: 'splitscope 0.1.0', target: 'lambda', files }));
}

describe('export --force never writes through a link', () => {
  it('replaces a link at a bundle file name by the file, leaving its target unchanged', async () => {
    const { folder, secret } = setUp();
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    symlinkSync(secret, join(folder, 'server.mjs'));
    symlinkSync(secret, join(folder, 'Dockerfile'));
    const result = await run(folder, 'docker');
    expect(result.status).toBe('ok');
    expect(readFileSync(secret, 'utf8')).toBe('the user’s own file');
    for (const name of ['server.mjs', 'Dockerfile']) {
      expect(lstatSync(join(folder, name)).isSymbolicLink(), name).toBe(false);
      expect(readFileSync(join(folder, name), 'utf8')).not.toBe('the user’s own file');
    }
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('the same after an earlier export listed the file in its manifest', async () => {
    const { folder, secret } = setUp();
    expect((await run(folder, 'docker', false)).status).toBe('ok');
    const server = join(folder, 'server.mjs');
    rmSync(server);
    symlinkSync(secret, server);
    expect((await run(folder, 'docker')).status).toBe('ok');
    expect(readFileSync(secret, 'utf8')).toBe('the user’s own file');
    expect(lstatSync(server).isSymbolicLink()).toBe(false);
  });

  it('refuses a bundle sub-folder that is a link, and changes nothing', async () => {
    const { folder, outside } = setUp();
    const deployment = join(outside, 'deployment.yaml');
    writeFileSync(deployment, 'kind: Mine');
    symlinkSync(outside, join(folder, 'k8s'));
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const result = await run(folder, 'docker');
    expect(result).toMatchObject({ status: 'error', code: 'E_EXPORT_UNSAFE_PATH' });
    if (result.status === 'error') expect(result.message).toMatch(/k8s is a symbolic link/);
    expect(readFileSync(deployment, 'utf8')).toBe('kind: Mine');
    expect(existsSync(join(outside, 'service.yaml'))).toBe(false);
    expect(existsSync(join(folder, 'server.mjs'))).toBe(false);
  });

  it('writes into the real folder when the user names a link to it', async () => {
    const { folder } = setUp();
    const link = `${folder}-link`;
    symlinkSync(folder, link);
    const result = await run(link, 'docker', false);
    expect(result.status).toBe('ok');
    expect(existsSync(join(folder, 'server.mjs'))).toBe(true);
    expect(readlinkSync(link)).toBe(folder);
  });
});

describe('export --force never deletes through a link or outside the folder', () => {
  for (const [label, entry] of [
    ['climbs out with ..', '../outside/secret.txt'],
    ['is absolute', '/etc/hostname'],
    ['hides .. in the middle', 'events/../../outside/secret.txt'],
    ['uses backslashes', '..\\outside\\secret.txt'],
  ] as const) {
    it(`refuses a manifest entry that ${label}, before deleting anything`, async () => {
      const { folder, secret } = setUp();
      writeFileSync(join(folder, 'index.mjs'), 'an earlier bundle');
      writeManifest(folder, ['index.mjs', entry]);
      const result = await run(folder, 'docker');
      expect(result).toMatchObject({ status: 'error', code: 'E_EXPORT_UNSAFE_PATH' });
      if (result.status === 'error') expect(result.message).toContain(JSON.stringify(entry));
      expect(readFileSync(secret, 'utf8')).toBe('the user’s own file');
      expect(readFileSync(join(folder, 'index.mjs'), 'utf8')).toBe('an earlier bundle');
    });
  }

  it('refuses a manifest entry whose folder is a link to outside', async () => {
    const { folder, outside, secret } = setUp();
    symlinkSync(outside, join(folder, 'events'));
    writeManifest(folder, ['events/secret.txt']);
    const result = await run(folder, 'docker');
    expect(result).toMatchObject({ status: 'error', code: 'E_EXPORT_UNSAFE_PATH' });
    expect(readFileSync(secret, 'utf8')).toBe('the user’s own file');
  });

  it('removes a listed link itself, never the file it points to', async () => {
    const { folder, secret } = setUp();
    symlinkSync(secret, join(folder, 'index.mjs'));
    writeManifest(folder, ['index.mjs']);
    const result = await run(folder, 'docker');
    expect(result.status).toBe('ok');
    expect(existsSync(join(folder, 'index.mjs'))).toBe(false);
    expect(readFileSync(secret, 'utf8')).toBe('the user’s own file');
  });
});

describe('isSafeRelativePath', () => {
  it('accepts the paths bundles use and nothing that could leave the folder', () => {
    for (const path of ['server.mjs', 'events/get-v1.json', 'k8s/hpa.yaml', '.dockerignore', '.splitscope-export.json']) expect(isSafeRelativePath(path), path).toBe(true);
    for (const path of ['', '/etc/passwd', '..', '../x', 'a/../b', 'a//b', './a', 'a/', 'C:\\x', 'C:x', '\\\\server\\share', 'a\u0000b']) expect(isSafeRelativePath(path), path).toBe(false);
  });
});
