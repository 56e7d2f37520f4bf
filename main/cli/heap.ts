import { setFlagsFromString } from 'node:v8';

/**
 * Whether the command line runs a command that streams: `predict` (a chunk's cell text and
 * formatted lines at a time) and `inspect` without `--json` (a batch of trees at a time).
 */
export function streamsItsInput(argv: readonly string[]): boolean {
  return argv[0] === 'predict' || (argv[0] === 'inspect' && !argv.includes('--json'));
}

/**
 * Keeps V8's young generation at its first size (1 MB halves) instead of letting it grow to 16 MB
 * halves, for the commands that stream (`streamsItsInput`). Their garbage dies young either way, and
 * a grown young generation only adds to the peak RSS, at the same speed:
 * - `predict`, 500 × 255 leaves, 100k rows: 109 → 95 MB;
 * - `inspect` of a 55 MB model.txt: 80 → 70 MB.
 * Not for commands that keep a whole model's node objects: `inspect --json` took 30% longer and
 * held 25% more with it. The CLI's entry calls it before the command runs; `runCli` does not, since
 * tests call it inside their own process. Node allows this flag at run time; the semi-space maximum
 * itself can only be set on its command line.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
