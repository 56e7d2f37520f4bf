import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron/findElectron';
import { PROJECT_ROOT } from './paths';

/*
 * `npm start` (the built dist/main/launch.mjs) on a machine without the Electron binary: it starts
 * browser mode with the same arguments, model paths resolved against the folder npm ran from.
 */
const LAUNCH = join(PROJECT_ROOT, 'dist', 'main', 'launch.mjs');
const isBuilt = existsSync(LAUNCH);
if (!isBuilt) console.warn(`SKIPPED: ${LAUNCH} does not exist; run the build (scripts/build-main.mjs) to test the launcher`);
const electron = findElectronBinary(PROJECT_ROOT);
const hasElectron = 'path' in electron;
if (hasElectron) console.warn('SKIPPED: the Electron binary is installed, so `npm start` opens the desktop app; the browser-mode fallback is not tested here');

/** Runs the launcher until it has printed both lines of a started host (then stops it) or exits; all it printed. */
function launch(args: string[]): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LAUNCH, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, INIT_CWD: PROJECT_ROOT }, stdio: ['ignore', 'pipe', 'pipe'] });
    // A host that never says it started must not outlive the test.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      // The second line ("Showing …") may come in a chunk of its own.
      if (output.includes('Press Ctrl+C to stop.')) child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

describe('npm start without the Electron binary', () => {
  it.skipIf(!isBuilt || hasElectron)('starts browser mode on the port asked for: the number after --port is not a path', async () => {
    const { output } = await launch(['assets/samples/wine_decision_tree.txt', '--port', '0']);
    expect(output).toContain('starting browser mode instead');
    expect(output).toMatch(/is running: open http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(output).toContain(`Showing ${join(PROJECT_ROOT, 'assets', 'samples', 'wine_decision_tree.txt')}`);
  });

  it.skipIf(!isBuilt || hasElectron)('refuses a port that is not a number, saying so', async () => {
    const { output, code } = await launch(['--port', 'http']);
    expect(code).toBe(2);
    expect(output).toContain('--port needs a port number');
  });
});
