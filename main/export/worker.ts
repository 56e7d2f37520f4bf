import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

/**
 * Runs export code in a `worker_threads` Worker instead of a child process. The packaged desktop
 * app's Electron has the `runAsNode` fuse off, so it cannot be spawned as Node
 * (`ELECTRON_RUN_AS_NODE` is ignored); a Worker runs on the Node inside the app's own process and
 * is stopped with `terminate()` (cancel, timeout). The code it loads comes from real files on disk
 * (the bundle folder, or a script), never from inside app.asar.
 */

export interface WorkerOutcome<T> {
  /** What the worker posted, when it finished. */
  value?: T;
  /** The worker's uncaught error, or why it exited without an answer. */
  problem?: string;
  /** What it wrote to stdout and stderr. */
  output: string;
  timedOut: boolean;
  cancelled: boolean;
}

/**
 * Evaluates `source` (CommonJS, with `workerData` and `parentPort` in scope) in a new Worker and
 * resolves with the first message it posts. Always settles: on a message, an error, an exit without
 * a message, the timeout or the signal (the last two terminate the worker).
 */
export function runInWorker<T>(source: string, workerData: unknown, timeoutMillis: number, signal?: AbortSignal, argv: string[] = []): Promise<WorkerOutcome<T>> {
  return new Promise((resolve) => {
    const code = `const { parentPort, workerData } = require('node:worker_threads');\n${source}`;
    const worker = new Worker(code, { eval: true, workerData, argv, stdout: true, stderr: true });
    let output = '';
    worker.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    worker.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    let outcome: Omit<WorkerOutcome<T>, 'output'> | undefined;
    const finish = (result: Omit<WorkerOutcome<T>, 'output'>) => {
      // The first thing that happens decides; the worker is stopped and its exit settles the promise.
      if (outcome) return;
      outcome = result;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
    };
    const timer = setTimeout(() => finish({ timedOut: true, cancelled: false, problem: `did not finish within ${timeoutMillis / 1000} s` }), timeoutMillis);
    const onAbort = () => finish({ timedOut: false, cancelled: true, problem: 'cancelled' });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (value: T) => finish({ value, timedOut: false, cancelled: false }));
    worker.once('error', (error) => finish({ timedOut: false, cancelled: false, problem: error?.stack ?? String(error) }));
    worker.once('exit', (code) => {
      finish({ timedOut: false, cancelled: false, problem: `the worker exited with code ${code} without an answer` });
      resolve({ ...outcome!, output });
    });
  });
}

/** The module at `path` as an `import()` argument the worker can load. */
export function moduleUrl(path: string): string {
  return pathToFileURL(path).href;
}
