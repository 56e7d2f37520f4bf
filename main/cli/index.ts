import { setFlagsFromString } from 'node:v8';
import { runCli } from './run';

// Keep V8's young generation at its first size (1 MB) instead of letting it grow to 16 MB halves:
// `predict` streams, so a chunk's garbage (cell text, formatted lines) dies young either way, and a
// grown young generation only adds to the peak RSS (500 × 255 leaves, 100k rows: 109 → 94 MB, same
// time). Set before any command allocates; Node allows this flag at run time (the semi-space maximum
// itself can only be set on Node's command line).
setFlagsFromString('--semi-space-growth-factor=1');

// Standard output can fail under us: `splitscope predict … | head` closes the pipe early (stop
// quietly), a full disk fails the write (say so, exit 1). Without this handler Node prints a stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`splitscope: cannot write to standard output: ${error.message}\n`);
  process.exit(1);
});

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
