import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = join(ROOT, '..', 'shared');
export const corpusPath = (relative: string) => join(SHARED, 'corpus', relative);
export const referencePath = (relative: string) => join(SHARED, 'reference', relative);
export const e2eData = (name: string) => join(ROOT, 'e2e', 'data', name);
/** The second bundled sample (one scikit-learn tree), for tests that want a small known model on screen. */
export const WINE_SAMPLE = join(ROOT, 'assets', 'samples', 'wine_decision_tree.txt');

export interface RunningHost {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real browser-mode host (`dist/main/web.mjs`) on a free loopback port, optionally with a
 * model on its command line and extra environment (e.g. `SPLITSCOPE_TEST_HOLD`, see main/host/testHold.ts),
 * and resolves with the URL it prints (token included).
 */
export async function startWebHost(modelPath?: string, extraArgs: readonly string[] = [], env: Record<string, string> = {}): Promise<RunningHost> {
  const entry = join(ROOT, 'dist', 'main', 'web.mjs');
  if (!existsSync(entry)) throw new Error('dist/main/web.mjs is missing: run `npm run build` first');
  const child = spawn(process.execPath, [entry, ...(modelPath ? [modelPath] : []), ...extraArgs, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 15_000);
    const check = () => {
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
