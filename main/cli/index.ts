import { runCli } from './run';

// Standard output can fail under us: `splitscope predict … | head` closes the pipe early (stop
// quietly), a full disk fails the write (say so, exit 1). Without this handler Node prints a stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`splitscope: cannot write to standard output: ${error.message}\n`);
  process.exit(1);
});

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
