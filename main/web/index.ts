import { join } from 'node:path';
import { EVENT_CHANNELS } from '../../app/bridge';
import { ModelHost } from '../host/modelHost';
import { workerParser } from '../host/modelParser';
import { PROJECT_ROOT, RENDERER_DIR, SAMPLE_CSV, SAMPLE_MODEL, VERSION, resolveUserPath } from '../paths';
import type { RunningWebHost } from './webHost';
import { startWebHost } from './webHost';

const USAGE = 'usage: npm run web [-- MODEL] [--csv FILE] [--port N]';

/** `npm run web [-- MODEL]`: the browser-mode host. Prints the URL to open. */
export async function runWeb(argv: string[]): Promise<void> {
  let modelPath: string | undefined;
  let port: number | undefined;
  let csvPath: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--port') port = Number(argv[++index]);
    else if (argument === '--csv') {
      const value = argv[++index];
      if (!value) throw new Error(`--csv needs a file\n${USAGE}`);
      csvPath = resolveUserPath(value);
    }
    else if (argument === '--help' || argument === '-h') return void console.log(USAGE);
    else if (argument.startsWith('-')) throw new Error(`unknown option ${argument}\n${USAGE}`);
    else modelPath = resolveUserPath(argument);
  }
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new Error(`--port needs a port number\n${USAGE}`);
  let host: RunningWebHost | undefined;
  const bridge = new ModelHost({
    kind: 'web',
    version: VERSION,
    startupPath: modelPath,
    startupCsvPath: csvPath,
    samplePath: SAMPLE_MODEL,
    sampleCsvPath: SAMPLE_CSV,
    parser: workerParser(join(PROJECT_ROOT, 'dist', 'main', 'parseWorker.mjs')),
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

runWeb(process.argv.slice(2)).catch((error: Error) => {
  console.error(`splitscope: ${error.message}`);
  process.exit(2);
});
