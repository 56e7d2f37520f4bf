/** Where the CLI writes: `process.stdout`/`process.stderr`, or collectors in tests. */
export interface CliWritable {
  /** Returns false when the consumer wants the writer to wait for `drain` (Node stream backpressure). */
  write(chunk: string): boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

export interface CliIo {
  stdout: CliWritable;
  stderr: CliWritable;
}

/** Exit codes, stable and documented in `--help` and main/cli/README.md. */
export const EXIT = {
  ok: 0,
  /** A bug or an I/O failure writing the output. */
  unexpected: 1,
  usage: 2,
  /** The model file cannot be read, parsed or evaluated. */
  model: 3,
  /** The data file cannot be read or does not fit the model. */
  data: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure already worded for the user; `runCli` prints `lines` to stderr and exits with `exitCode`. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly lines: string[],
  ) {
    super(lines[0]);
    this.name = 'CliFailure';
  }
}
