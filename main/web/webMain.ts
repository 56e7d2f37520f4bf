import { EVENT_CHANNELS } from '../../app/bridge';
import { ModelHost } from '../host/modelHost';
import { workerParser } from '../host/modelParser';
import type { ParseWorker } from '../host/parseWorkerThread';
import { PARSE_WORKER_SCRIPT, RENDERER_DIR, SAMPLE_CSV, SAMPLE_MODEL, VERSION } from '../paths';
import type { WebArguments } from './index';
import type { RunningWebHost } from './webHost';
import { startWebHost } from './webHost';

/**
 * The browser-mode host: serves the page and the bridge, opens the startup model (or the bundled
 * sample), and prints the URL to open. `early`: the startup model's parse worker, already started
 * (main/web/index.ts); the host's first open of that file takes it over.
 */
export async function runWeb({ modelPath, csvPath, port }: WebArguments, early?: ParseWorker): Promise<void> {
  let host: RunningWebHost | undefined;
  const bridge = new ModelHost({
    kind: 'web',
    version: VERSION,
    startupPath: modelPath,
    startupCsvPath: csvPath,
    samplePath: SAMPLE_MODEL,
    sampleCsvPath: SAMPLE_CSV,
    parser: workerParser(PARSE_WORKER_SCRIPT, { early }),
    onProgress: (event) => host?.broadcast(EVENT_CHANNELS.progress, event),
    onError: (message) => console.error(`splitscope: ${message}`),
  });
  bridge.prefetchStartupModel();
  host = await startWebHost({ bridge, rendererDir: RENDERER_DIR, port });
  console.log(`Splitscope (browser mode) is running: open ${host.url}`);
  console.log(`Showing ${modelPath ?? 'the bundled sample'}. Press Ctrl+C to stop.`);
  const stop = () => void host!.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
