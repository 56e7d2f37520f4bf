import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as url from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the built-ins of the exported bundles', () => {
  it('are the modules Node has, through process.getBuiltinModule', async () => {
    expect(typeof (process as unknown as { getBuiltinModule?: unknown }).getBuiltinModule).toBe('function');
    const { nodeCrypto, nodeFs, nodeUrl } = await import('./builtins');
    expect(nodeCrypto.createHash).toBe(crypto.createHash);
    expect(nodeFs.readFileSync).toBe(fs.readFileSync);
    expect(nodeUrl.fileURLToPath).toBe(url.fileURLToPath);
  });

  it('are the same modules through import() on a Node without it', async () => {
    vi.resetModules();
    vi.stubGlobal('process', Object.assign(Object.create(process) as NodeJS.Process, { getBuiltinModule: undefined }));
    const { nodeCrypto, nodeFs, nodeUrl } = await import('./builtins');
    expect(nodeCrypto.createHash).toBe(crypto.createHash);
    expect(nodeFs.readSync).toBe(fs.readSync);
    expect(nodeUrl.fileURLToPath).toBe(url.fileURLToPath);
  });
});
