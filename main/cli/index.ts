import { runCli } from './run';
import { keepYoungGenerationSmall, streamsItsInput } from './heap';

// Standard output can fail under us: `splitscope predict … | head` closes the pipe early (stop
// quietly), a full disk fails the write (say so, exit 1). Without this handler Node prints a stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`splitscope: cannot write to standard output: ${error.message}\n`);
  process.exit(1);
});

const argv = process.argv.slice(2);
if (streamsItsInput(argv)) keepYoungGenerationSmall();
process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr });
