import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelText } from '../../app/formats';
import type { ExportResult, ExportSuccess } from '../../app/export/result';
import type { TreeModel } from '../../app/model/types';
import { PROJECT_ROOT } from '../paths';

/**
 * Helpers for the export tests and the service benchmark: build the runtime from runtime/ into a
 * fresh folder, read a model file, insist on a successful export, and run a bundle's server.mjs as
 * a real child process on a free loopback port.
 */
/** A model file as the app reads it (format recognised from the content). */
export function loadModelFile(path: string): TreeModel {
  return parseModelText(readFileSync(path, 'utf8'), path);
}

/** The export's success, or an error carrying its code, message and the selftest's output. */
export function expectOk(result: ExportResult): ExportSuccess {
  if (result.status !== 'ok') throw new Error(`export failed: ${result.code}: ${result.message}\n${result.output ?? ''}`);
  return result;
}

export function buildRuntimeForTests(): string {
  const folder = mkdtempSync(join(tmpdir(), 'splitscope-runtime-'));
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build-runtime.mjs'), '--out', folder], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build-runtime failed: ${result.stderr}`);
  return folder;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `node server.mjs serve` in `folder` with PORT=0 on 127.0.0.1 and waits for its log line. */
export function startServerProcess(folder: string, environment: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['server.mjs', 'serve'], {
    cwd: folder,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SM_MODEL_DIR: join(folder, 'no-override'), ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1],
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
}
