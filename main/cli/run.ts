import { VERSION } from '../paths';
import { parseCommandLine, UsageError, type Command } from './args';
import { helpText } from './help';
import { describeModel, writeModelJson } from './inspect';
import { runDiffCommand } from './diffCommand';
import { runExportCommand } from './exportCommand';
import { CliFailure, EXIT, type CliIo } from './io';
import { loadModel, loadModelSummary } from './model';
import { runPredict } from './predict';

export type { CliIo, CliWritable } from './io';
export { EXIT } from './io';

async function run(command: Command, io: CliIo): Promise<number> {
  switch (command.command) {
    case 'help':
      io.stdout.write(helpText(command.topic));
      return EXIT.ok;
    case 'version':
      io.stdout.write(`splitscope ${VERSION}\n`);
      return EXIT.ok;
    case 'inspect': {
      if (command.json) {
        await writeModelJson(await loadModel(command.modelPath, command.model), io.stdout);
      } else {
        const { header, summary } = await loadModelSummary(command.modelPath, command.model);
        io.stdout.write(describeModel(header, summary));
      }
      return EXIT.ok;
    }
    case 'predict':
      return runPredict(command, io);
  }
}

/**
 * The whole command-line tool: parses `argv` (the arguments after the script), runs the command
 * writing to `io`, and returns the exit code (0 ok, 1 unexpected, 2 usage, 3 model file, 4 data file,
 * 5 export failed, 6 diff --fail-on-change found a changed prediction).
 * Never throws; every failure becomes a message on `io.stderr` and its exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    // `export` parses its own options (exportCommand.ts) and has its own exit code 5.
    if (argv[0] === 'export') return await runExportCommand(argv.slice(1), io);
    if (argv[0] === 'diff') return await runDiffCommand(argv.slice(1), io);
    return await run(parseCommandLine(argv), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`splitscope: ${error.message}\nTry 'splitscope --help'.\n`);
      return EXIT.usage;
    }
    if (error instanceof CliFailure) {
      for (const line of error.lines) io.stderr.write(`${line}\n`);
      return error.exitCode;
    }
    io.stderr.write(`splitscope: unexpected failure (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.unexpected;
  }
}
