import { fileSource, ParseWorker } from '../host/parseWorkerThread';
import { PARSE_WORKER_SCRIPT, SAMPLE_MODEL, resolveUserPath } from '../paths';

/*
 * `npm run web [-- MODEL]`, the browser-mode host's entry. Small on purpose: it starts the startup
 * model's parse worker first, then loads the host's code (webMain.ts: the model host, the HTTP
 * server, the exporters), so the worker loads the parsers and reads the file on the other core
 * meanwhile. The worker used to start once that code had loaded, about 100 ms into the host's
 * start; a page opened at once then shared the machine's two cores with the rest of the parse.
 */

const USAGE = 'usage: npm run web [-- MODEL] [--csv FILE] [--port N]';

export interface WebArguments {
  modelPath?: string;
  csvPath?: string;
  port?: number;
}

/** The command line's model, CSV and port; undefined after printing the usage (`--help`). Throws on a bad one. */
function parseArguments(argv: string[]): WebArguments | undefined {
  const parsed: WebArguments = {};
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--port') parsed.port = Number(argv[++index]);
    else if (argument === '--csv') {
      const value = argv[++index];
      if (!value) throw new Error(`--csv needs a file\n${USAGE}`);
      parsed.csvPath = resolveUserPath(value);
    } else if (argument === '--help' || argument === '-h') return void console.log(USAGE);
    else if (argument.startsWith('-')) throw new Error(`unknown option ${argument}\n${USAGE}`);
    else parsed.modelPath = resolveUserPath(argument);
  }
  const { port } = parsed;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new Error(`--port needs a port number\n${USAGE}`);
  return parsed;
}

async function main(argv: string[]): Promise<void> {
  const parsed = parseArguments(argv);
  if (!parsed) return;
  // The file the host opens first, named as the host names it, so its first open takes this worker over.
  const early = new ParseWorker(PARSE_WORKER_SCRIPT, fileSource(parsed.modelPath ?? SAMPLE_MODEL), {});
  try {
    const { runWeb } = await import('./webMain');
    await runWeb(parsed, early);
  } catch (error) {
    early.terminate();
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`splitscope: ${error.message}`);
  process.exit(2);
});
