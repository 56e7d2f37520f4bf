import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelHost } from '../host/modelHost';
import { startWebHost, type RunningWebHost } from './webHost';
import { decodeBridgeJson } from '../../app/bridgeJson';
import { corpus } from '../../app/testing/shared';
import type { OpenModelResult } from '../../app/bridge';

let running: RunningWebHost | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(startupPath?: string) {
  const rendererDir = mkdtempSync(join(tmpdir(), 'splitscope-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Splitscope</title>');
  const bridge = new ModelHost({ kind: 'web', version: 'test', startupPath, samplePath: corpus('spark/mllib_dt_banknote_depth5.txt') });
  running = await startWebHost({ bridge, rendererDir });
  const origin = new URL(running.url).origin;
  const call = (channel: string, body: unknown, token: string | null = running!.token) =>
    fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: token ? { 'X-Splitscope-Token': token } : {},
      body: body === undefined ? '' : JSON.stringify(body),
    });
  return { origin, call };
}

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 and prints a URL with a random token', async () => {
    await start();
    expect(running!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect((running!.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const { call } = await start();
    expect((await call('model:openStartup', undefined, null)).status).toBe(403);
    expect((await call('model:openStartup', undefined, 'x'.repeat(32))).status).toBe(403);
    expect((await call('model:openStartup', undefined)).status).toBe(200);
  });

  it('opens the startup model through the same handlers as Electron', async () => {
    const { call } = await start();
    const result = decodeBridgeJson<OpenModelResult>(await (await call('model:openStartup', undefined)).text());
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expect(result.document.model.trees[0].nodes).toHaveLength(37);
  });

  it('returns parse errors as data with line and column', async () => {
    const { call } = await start();
    const response = await call('model:parseText', { text: 'DecisionTreeModel classifier of depth 1 with 3 nodes\n  If (feature 0 <= x)\n', fileName: 'bad.txt' });
    const result = decodeBridgeJson<OpenModelResult>(await response.text());
    expect(result).toMatchObject({ status: 'error', error: { code: 'E_PARSE_SYNTAX', position: { line: 2, column: 20 } } });
  });

  it('rejects malformed arguments with 400', async () => {
    const { call } = await start();
    expect((await call('model:parseText', { text: 42 })).status).toBe(400);
    expect((await call('model:nope', {})).status).toBe(404);
  });

  it('serves the renderer but nothing outside it', async () => {
    const { origin } = await start();
    expect(await (await fetch(`${origin}/`)).text()).toContain('<title>Splitscope</title>');
    expect((await fetch(`${origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });
});
