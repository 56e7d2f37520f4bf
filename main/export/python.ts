import { spawn } from 'node:child_process';
import type { SelftestReport } from '../../runtime/selftest';
import type { WorkerOutcome } from './worker';

/** The Python used when the caller names none: `SPLITSCOPE_PYTHON`, else `python3` on PATH. */
export function defaultPython(): string {
  return process.env.SPLITSCOPE_PYTHON || 'python3';
}

/** Most of a selftest's output kept for the error message. */
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs `selftest.py` in the bundle folder with the user's Python and reads its report: the last
 * line of stdout that is a JSON object (`SelftestReport`). Bytecode is not written (`-B`), so the
 * folder holds only what the export wrote. Always settles: on exit, the timeout or the signal (the
 * last two kill the process).
 */
export function runPythonSelftest(folder: string, python: string | undefined, timeoutMillis: number, signal?: AbortSignal): Promise<WorkerOutcome<SelftestReport>> {
  const command = python ?? defaultPython();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const child = spawn(command, ['-B', 'selftest.py'], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    const keep = (text: string, chunk: string) => (text.length < MAX_OUTPUT ? text + chunk : text);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = keep(stdout, chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = keep(stderr, chunk)));
    const finish = (outcome: Omit<WorkerOutcome<SelftestReport>, 'output'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve({ ...outcome, output: (stdout + stderr).trim() });
    };
    const timer = setTimeout(() => finish({ timedOut: true, cancelled: false, problem: `did not finish within ${timeoutMillis / 1000} s` }), timeoutMillis);
    const onAbort = () => finish({ timedOut: false, cancelled: true, problem: 'cancelled' });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error: NodeJS.ErrnoException) => {
      const problem =
        error.code === 'ENOENT'
          ? `${command} was not found: the bundle's selftest needs Python 3 (set SPLITSCOPE_PYTHON, or --python in the CLI, to name one)`
          : `${command} could not be started: ${error.message}`;
      finish({ timedOut: false, cancelled: false, problem });
    });
    child.once('close', (code) => {
      const line = stdout
        .split('\n')
        .map((text) => text.trim())
        .reverse()
        .find((text) => text.startsWith('{'));
      let value: SelftestReport | undefined;
      try {
        value = line ? (JSON.parse(line) as SelftestReport) : undefined;
      } catch {
        value = undefined;
      }
      const lastError = stderr.trim().split('\n').pop();
      finish({ value, timedOut: false, cancelled: false, problem: value ? undefined : `${command} selftest.py exited with code ${code} without a report${lastError ? `: ${lastError}` : ''}` });
    });
  });
}
