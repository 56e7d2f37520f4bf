import { existsSync, statSync, unlinkSync, type WriteStream } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { lineBreakAt } from '../../app/data/csvTable';
import { csvLine } from '../../app/data/format';
import { DataError } from '../../app/data/errors';
import { createTableScorer, type ReadRows, type ScoringStats, type TableScorer } from '../../app/data/scoring';
import { compileModel } from '../../app/eval';
import type { CompiledModel, KernelChoice, KernelState } from '../../app/eval/types';
import { PROJECT_ROOT } from '../paths';
import { packModel } from '../../app/model/forestBuilder';
import { OrderedScoring } from './orderedScoring';
import { ScoringThreads } from './scoreThreads';
import type { TreeModel } from '../../app/model/types';
import type { PredictCommand } from './args';
import { CliFailure, EXIT, type CliIo, type CliWritable } from './io';
import { describeIoError, loadModel } from './model';

const MAX_MODEL_WARNINGS = 5;

/** `--engine` → compileModel's leaf finder. */
function kernelOf(engine: PredictCommand['engine']): KernelChoice {
  return engine === 'compiled' ? 'wasm' : engine;
}

/**
 * A CSV this big has thousands of rows: the compiled model (`--engine auto`) is made before the first
 * row rather than after the interpreter has scored 4,096 of them. 500 × 255 leaves: compiling takes
 * ~60 ms, those rows ~100 ms through the interpreter.
 */
const COMPILE_AHEAD_BYTES = 1 << 20;

function isBigFile(path: string): boolean {
  try {
    return statSync(path).size >= COMPILE_AHEAD_BYTES;
  } catch {
    return false; // The read reports a missing file with its own message.
  }
}

/** The scoring threads' script, beside the built CLI. */
const SCORE_THREAD_SCRIPT = join(PROJECT_ROOT, 'dist', 'main', 'scoreThread.mjs');

function compile(model: TreeModel, modelPath: string, kernel: KernelChoice): CompiledModel {
  try {
    return compileModel(model, { kernel });
  } catch (error) {
    throw new CliFailure(EXIT.model, [`${modelPath}: the model cannot be evaluated: ${(error as Error).message}`]);
  }
}

/** Import warnings matter when scoring (rounded thresholds, assumed base_score…): say them on stderr. */
function modelWarningLines(model: TreeModel): string[] {
  const lines = model.warnings.slice(0, MAX_MODEL_WARNINGS).map((warning) => {
    const where = warning.position ? ` (line ${warning.position.line}, column ${warning.position.column})` : '';
    return `splitscope: warning ${warning.code}${where}: ${warning.message}`;
  });
  if (model.warnings.length > MAX_MODEL_WARNINGS) {
    lines.push(`splitscope: … ${model.warnings.length - MAX_MODEL_WARNINGS} more warnings (splitscope inspect shows them all)`);
  }
  return lines;
}

function summaryLines(stats: ScoringStats, command: PredictCommand): string[] {
  const lines: string[] = [];
  const file = command.csvPath;
  if (stats.errorRows > 0) {
    const first = stats.firstError!;
    lines.push(
      `splitscope: ${stats.errorRows} of ${stats.rows} rows have no prediction (reason in the error column); ` +
        `first: ${file}: row ${first.row} (row 1 is the header): ${first.reason}`,
    );
  }
  if (stats.badValues && command.badValues === 'missing') {
    const issue = stats.badValues;
    lines.push(
      `splitscope: ${issue.count} cell${issue.count === 1 ? ' was' : 's were'} not a number and read as missing; ` +
        `first: ${file}: row ${issue.firstRow}, column ${JSON.stringify(issue.firstColumn)}: ${JSON.stringify(issue.firstText)}`,
    );
  }
  if (stats.outOfRange) {
    const issue = stats.outOfRange;
    lines.push(
      `splitscope: warning: ${issue.count} cell${issue.count === 1 ? ' was' : 's were'} beyond the range of a double and read as ±Infinity or 0; ` +
        `first: ${file}: row ${issue.firstRow}, column ${JSON.stringify(issue.firstColumn)}: ${JSON.stringify(issue.firstText)}`,
    );
  }
  for (const [column, issue] of stats.unknownLabels) {
    lines.push(
      `splitscope: ${issue.count} cell${issue.count === 1 ? '' : 's'} of column ${JSON.stringify(column)} had a category label the model does not know, read as missing; ` +
        `first: row ${issue.firstRow}: ${JSON.stringify(issue.firstText)}`,
    );
  }
  return lines;
}

/** Where the output CSV goes: standard output, or a temporary file renamed over OUT.csv once every row succeeded. */
interface OutputTarget {
  writable: CliWritable;
  /** Calls `listener` if writing fails (disk full…), so the run stops instead of waiting for `drain` forever. */
  onError(listener: (error: Error) => void): void;
  finish(): Promise<void>;
  abandon(): Promise<void>;
}

function stdoutTarget(io: CliIo): OutputTarget {
  return { writable: io.stdout, onError: () => {}, finish: async () => {}, abandon: async () => {} };
}

function cannotWrite(outPath: string, error: unknown): CliFailure {
  return new CliFailure(EXIT.unexpected, [`${outPath}: cannot write the output: ${describeIoError(error)}`]);
}

async function fileTarget(outPath: string): Promise<OutputTarget> {
  const temporary = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.partial`);
  // Ctrl+C or a kill mid-run: the half-written file goes, OUT.csv (if any) stays as it was. Set up
  // before the file exists, so no moment has a partial file without its cleanup.
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone.
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.once(signal, onSignal);
  const forgetSignals = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  // Opened before any row is read, so a wrong folder fails at once with a clear message.
  let handle: FileHandle;
  try {
    handle = await open(temporary, 'w');
  } catch (error) {
    forgetSignals();
    throw cannotWrite(outPath, error);
  }
  const stream: WriteStream = handle.createWriteStream({ encoding: 'utf8' });
  let failure: Error | undefined;
  const listeners: ((error: Error) => void)[] = [];
  stream.on('error', (error) => {
    failure = error;
    for (const listener of listeners) listener(cannotWrite(outPath, error));
  });
  const closed = () =>
    new Promise<void>((resolve) => {
      if (stream.closed) resolve();
      else stream.once('close', () => resolve());
    });
  return {
    writable: stream,
    onError: (listener) => listeners.push(listener),
    async finish() {
      forgetSignals();
      await new Promise<void>((resolve) => stream.end(() => resolve()));
      await closed();
      if (failure) throw cannotWrite(outPath, failure);
      await rename(temporary, outPath);
    },
    async abandon() {
      forgetSignals();
      stream.destroy();
      await closed();
      await unlink(temporary).catch(() => {});
    },
  };
}

/** What the two readers of `streamScores` share: the table's scorer once the header is read, and where they are. */
interface StreamState {
  command: PredictCommand;
  model: TreeModel;
  compiled: CompiledModel;
  output: CliWritable;
  onNote: (line: string) => void;
  scorer: TableScorer | undefined;
  /** File row of the next line (the header is row 1). */
  nextRow: number;
  /** With --threads: rows go to the scoring threads in batches and come back in order. */
  threaded: OrderedScoring | undefined;
  /** Settles once the run has failed (a thread, the output), so no reader waits for room forever. */
  failed: Promise<void>;
}

/** Bytes read from the CSV at a time (Node's stream default); a line longer than that grows the buffer. */
const READ_BYTES = 1 << 16;

/**
 * Streams the CSV read by read (64 KiB of the file at a time, into one buffer used again for every
 * read), scores the whole lines of each read as one batch and writes their rows. While the file has
 * no quote, its lines are read from the bytes in place (`TableScorer.readLines`: no text made but
 * for cells that are not plain numbers); from the first read with a quote (or in a file whose lines
 * papaparse would not split at `\n` or `\r\n`), papaparse reads the rest. When the output wants to
 * wait (`write` returned false), reading waits for `drain`, so memory stays flat on big files.
 * Measured on 100k rows of 28 features (27 MB), whole `predict`: reading the lines in place takes
 * about 0.2 s less than papaparse's cells, and reading bytes rather than 64 KiB strings (no
 * decoding, no string per read) saved a further 3.5% of the XGBoost bench's instructions and a third
 * of its young-generation collection time (94 ms against 134 ms).
 */
async function streamScores(
  command: PredictCommand,
  model: TreeModel,
  compiled: CompiledModel,
  target: OutputTarget,
  onNote: (line: string) => void,
  threads?: ScoringThreads,
): Promise<ScoringStats> {
  let failure: unknown;
  let signalFailure = () => {};
  const failed = new Promise<void>((resolve) => (signalFailure = resolve));
  // Papaparse's input once it reads the rest: destroyed on failure so that reading stops.
  let generalInput: Readable | undefined;
  const fail = (error: unknown) => {
    failure ??= error;
    signalFailure();
    generalInput?.destroy();
  };
  target.onError(fail);
  const state: StreamState = {
    command,
    model,
    compiled,
    output: target.writable,
    onNote,
    scorer: undefined,
    nextRow: 1,
    threaded: threads ? new OrderedScoring(threads, command.leaves, target.writable, fail, compiled) : undefined,
    failed,
  };
  let file: FileHandle | undefined;
  try {
    let rest: Uint8Array | undefined;
    try {
      file = await open(command.csvPath, 'r');
      rest = await readQuoteFree(state, file, () => failure);
    } catch (error) {
      if (failure) throw failure;
      // The file could not be read (missing, a folder…); anything else is the run's own error.
      if ((error as NodeJS.ErrnoException).syscall === undefined) throw error;
      throw new CliFailure(EXIT.data, [`${command.csvPath}: cannot read the data file: ${describeIoError(error)}`]);
    }
    if (failure) throw failure;
    if (rest !== undefined) {
      generalInput = Readable.from(textFrom(rest, file), { objectMode: false, encoding: 'utf8' });
      await readWithPapaparse(state, generalInput, fail);
    }
  } finally {
    await file?.close().catch(() => {});
  }
  if (failure) throw failure;
  const scorer = state.scorer;
  if (!scorer) throw new DataError({ code: 'E_DATA_EMPTY', fileName: command.csvPath, detail: 'the file is empty; it needs a header row with the column names' });
  const threaded = state.threaded;
  if (threaded) {
    // The last rows, then every batch written (or the run failed).
    threaded.flush(scorer);
    await Promise.race([new Promise<void>((resolve) => threaded.whenEmpty(resolve)), failed]);
  }
  if (failure) throw failure;
  return scorer.stats;
}

/** The text of `rest` and then of the rest of `file`, decoded as UTF-8 read by read (for papaparse). */
async function* textFrom(rest: Uint8Array, file: FileHandle): AsyncGenerator<string> {
  // ignoreBOM: a byte-order mark was taken off the file's start already; any later one is text.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const first = decoder.decode(rest, { stream: true });
  if (first) yield first;
  const buffer = new Uint8Array(READ_BYTES);
  for (;;) {
    const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    const text = decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
    if (text) yield text;
  }
  const last = decoder.decode();
  if (last) yield last;
}

/** Takes the header's cells: matches them to the model and writes the output's header line. */
function startTable(state: StreamState, cells: readonly string[]): void {
  const { command } = state;
  const header = cells.slice();
  if (header.length > 0) header[0] = header[0].replace(/^\uFEFF/, '');
  if (header.length === 1 && header[0].trim() === '') {
    throw new DataError({ code: 'E_DATA_EMPTY', fileName: command.csvPath, row: 1, detail: 'the first row is empty; it must be the header (the column names)' });
  }
  const scorer = createTableScorer(state.model, state.compiled, header, {
    fileName: command.csvPath,
    ignoreColumns: command.ignoreColumns,
    ignoreUnknownColumns: command.ignoreUnknownColumns,
    strictColumns: command.strictColumns,
    categoryCodes: command.categoryCodes,
    badValues: command.badValues,
    raw: command.raw,
    rawOnly: command.rawOnly,
    leaves: command.leaves,
  });
  const skipped = unusedColumnsLine(header, scorer.mapping.skippedColumns, command.ignoreColumns);
  if (skipped) state.onNote(skipped);
  state.output.write(csvLine(scorer.columns));
  state.scorer = scorer;
  state.nextRow = 2;
}

/** Sends read rows on: to the threads, or scored and written here. True when the reader should wait. */
function deliver(state: StreamState, read: ReadRows): boolean {
  if (state.threaded) {
    state.threaded.addRead(state.scorer!, read);
    return state.threaded.isFull();
  }
  const text = state.scorer!.scoreRead(read);
  return text.length > 0 && !state.output.write(text) && state.output.once !== undefined;
}

/** Resolves once the reader may go on (the threads have room, or the output drained), or the run failed. */
function room(state: StreamState): Promise<void> {
  const hasRoom = new Promise<void>((resolve) => {
    if (state.threaded) state.threaded.whenRoom(resolve);
    else state.output.once!('drain', () => resolve());
  });
  return Promise.race([hasRoom, state.failed]);
}

/**
 * The quote-free reader: reads the file's whole lines in place, read by read. Returns the bytes not
 * read (from the start of the first line not read) when papaparse must read the rest of the file,
 * else undefined.
 */
async function readQuoteFree(state: StreamState, file: FileHandle, failed: () => unknown): Promise<Uint8Array | undefined> {
  const delimiter = state.command.delimiter;
  let linebreak: '\n' | '\r\n' | undefined;
  let buffer = new Uint8Array(READ_BYTES);
  // `buffer[0, filled)` holds the bytes read and not yet scored: the start of a line, then this read.
  let filled = 0;
  let isFirstRead = true;
  for (;;) {
    if (filled === buffer.length) {
      // One line fills the buffer: make room for more of it.
      const grown = new Uint8Array(buffer.length * 2);
      grown.set(buffer);
      buffer = grown;
    }
    // The bytes before `carried` were looked at in an earlier read (no quote in them).
    let carried = filled;
    const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, null);
    if (failed()) return undefined;
    filled += bytesRead;
    const isEnd = bytesRead === 0;
    if (isFirstRead) {
      if (filled < 3 && !isEnd) continue;
      isFirstRead = false;
      // Excel's "CSV UTF-8" starts with a byte-order mark; it is not part of the first column's name.
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
        buffer.copyWithin(0, 3, filled);
        filled -= 3;
      }
      carried = 0;
    }
    if (buffer.subarray(carried, filled).indexOf(34 /* " */) >= 0) return buffer.slice(0, filled);
    if (linebreak === undefined && filled > 0) {
      // Papaparse's own guess, made on the same first read as its streaming reader makes it.
      const guess = Papa.parse<string[]>(new TextDecoder().decode(buffer.subarray(0, filled), { stream: true }), { preview: 10, delimiter }).meta.linebreak;
      if (guess !== '\n' && guess !== '\r\n') return buffer.slice(0, filled);
      linebreak = guess;
    }
    let start = 0;
    if (!state.scorer) {
      const headerEnd = linebreak === undefined ? -1 : lineBreakAt(buffer, 0, filled, linebreak === '\r\n');
      if (headerEnd < 0 && !isEnd) continue;
      const headerBytes = buffer.subarray(0, headerEnd < 0 ? filled : headerEnd);
      if (headerEnd < 0 && filled === 0) return undefined;
      startTable(state, new TextDecoder().decode(headerBytes).split(delimiter));
      start = headerEnd < 0 ? filled : headerEnd + linebreak!.length;
    }
    // Whole lines only, unless the file has ended: the last one may go on in the next read.
    const lastBreak = isEnd ? -1 : lastLineBreak(buffer, start, filled, linebreak!);
    const end = isEnd ? filled : lastBreak < 0 ? start : lastBreak + linebreak!.length;
    const waits = end > start && readLines(state, buffer, start, end, linebreak!);
    buffer.copyWithin(0, end, filled);
    filled -= end;
    if (isEnd) return undefined;
    if (waits) await room(state);
  }
}

/** Where the last line break in `bytes[start, end)` starts, or -1. */
function lastLineBreak(bytes: Uint8Array, start: number, end: number, linebreak: '\n' | '\r\n'): number {
  if (end <= start) return -1;
  for (let at = bytes.lastIndexOf(10, end - 1); at >= start; at = at > 0 ? bytes.lastIndexOf(10, at - 1) : -1) {
    if (linebreak === '\n') return at;
    if (at > start && bytes[at - 1] === 13) return at - 1;
  }
  return -1;
}

/** Reads, scores and writes the lines of `bytes` from `start` to `end`. True when the reader should wait. */
function readLines(state: StreamState, bytes: Uint8Array, start: number, end: number, linebreak: '\n' | '\r\n'): boolean {
  const read = state.scorer!.readLines(bytes, start, end, state.command.delimiter, linebreak, state.nextRow);
  state.nextRow += read.lines;
  return deliver(state, read);
}

/** The general reader: papaparse, chunk by chunk, from wherever the quote-free reader stopped. */
function readWithPapaparse(state: StreamState, input: Readable, fail: (error: unknown) => void): Promise<void> {
  const { command } = state;
  const fileName = command.csvPath;
  return new Promise((resolve) => {
    let isDone = false;
    const stop = (error: unknown) => {
      if (isDone) return;
      isDone = true;
      fail(error);
      input.destroy();
      resolve();
    };
    // Held while the threads have enough batches waiting (or the output is full), let go as they finish.
    const hold = (parser: Papa.Parser) => {
      parser.pause();
      input.pause();
      room(state).then(() => {
        input.resume();
        parser.resume();
      });
    };
    Papa.parse<string[]>(input, {
      delimiter: command.delimiter,
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        if (isDone) return;
        try {
          const rows = results.data;
          const syntax = results.errors.find((error) => error.type === 'Quotes');
          if (syntax) {
            throw new DataError({
              code: 'E_DATA_CSV_SYNTAX',
              fileName,
              row: state.nextRow + (syntax.row ?? 0),
              detail: `${syntax.message.toLowerCase()} (${syntax.code})`,
            });
          }
          let first = 0;
          if (!state.scorer) {
            if (rows.length === 0) return;
            startTable(state, rows[0]);
            first = 1;
          }
          const dataRows = first === 0 ? rows : rows.slice(first);
          const rowNumber = state.nextRow;
          state.nextRow += dataRows.length;
          if (deliver(state, state.scorer!.readRows(dataRows, rowNumber))) hold(parser);
        } catch (error) {
          stop(error);
          parser.abort();
        }
      },
      complete() {
        if (isDone) return;
        isDone = true;
        resolve();
      },
      error(error: Error) {
        stop(new CliFailure(EXIT.data, [`${fileName}: cannot read the data file: ${describeIoError(error)}`]));
      },
    });
  });
}

/** One line naming the columns the model does not use (besides those the user ignored), or undefined. */
export function unusedColumnsLine(header: readonly string[], skippedColumns: readonly number[], ignored: readonly string[]): string | undefined {
  const names = skippedColumns.map((index) => header[index]).filter((name) => !ignored.includes(name));
  if (names.length === 0) return undefined;
  const shown = names.slice(0, 10).map((name) => JSON.stringify(name)).join(', ');
  return `note: skipped ${names.length === 1 ? 'column' : `${names.length} columns`} the model does not use: ${shown}${names.length > 10 ? ', …' : ''} (--strict-columns makes this an error)`;
}

/** Dumps that name only the features some split uses: scikit-learn text, XGBoost dumps with names but no feature map. */
function listsOnlyUsedFeatures(model: TreeModel): boolean {
  return model.format === 'sklearn' || model.warnings.some((warning) => warning.code === 'W_XGB_FEATURE_ORDER');
}

/** `splitscope predict`: returns the exit code after writing the output and the summary. */
export async function runPredict(command: PredictCommand, io: CliIo): Promise<number> {
  const model = await loadModel(command.modelPath, command.model, false);
  const compiled = compile(model, command.modelPath, kernelOf(command.engine));
  for (const line of modelWarningLines(model)) io.stderr.write(line + '\n');
  if (command.threads > 1 && !existsSync(SCORE_THREAD_SCRIPT)) {
    throw new CliFailure(EXIT.usage, [`--threads needs the built CLI: ${SCORE_THREAD_SCRIPT} is missing (npm run build)`]);
  }
  const target = command.outPath === undefined ? stdoutTarget(io) : await fileTarget(command.outPath);
  // Started before the first row is read: each thread compiles the model while the file is read,
  // and the main thread scores the first batches itself until they are ready (`ScoringThreads.allHave`).
  const threads = command.threads > 1 ? new ScoringThreads(SCORE_THREAD_SCRIPT, packModel(model), command.threads - 1, kernelOf(command.engine)) : undefined;
  if (isBigFile(command.csvPath)) compiled.prepare();
  let stats: ScoringStats;
  try {
    stats = await streamScores(command, model, compiled, target, (line) => io.stderr.write(line + '\n'), threads);
    await target.finish();
  } catch (error) {
    await threads?.close();
    await target.abandon();
    if (error instanceof DataError) {
      const lines = [`error ${error.info.code}: ${error.info.message}`];
      if (error.info.code === 'E_DATA_COLUMN_UNKNOWN' && listsOnlyUsedFeatures(model)) {
        lines.push(
          `note: ${model.format === 'sklearn' ? 'scikit-learn export_text' : 'this XGBoost dump'} names only the features the trees split on, ` +
            'so columns of unused features are expected here; --ignore-unknown-columns skips them',
        );
      } else if (error.info.code === 'E_DATA_COLUMN_UNKNOWN' && model.format === 'spark') {
        lines.push(
          'note: a Spark dump shows features only up to the highest index a split uses (unless its header gives numFeatures), ' +
            'so a file with every training column can have more; --ignore-unknown-columns reads the first ' +
            `${model.features.length} columns as the features`,
        );
      }
      throw new CliFailure(EXIT.data, lines);
    }
    throw error;
  }
  await threads?.close();
  for (const line of summaryLines(stats, command)) io.stderr.write(line + '\n');
  // Big files are scored by the model compiled to WebAssembly; say so when it could not be.
  const kernel: KernelState = threads?.kernel ?? compiled.kernel;
  if (kernel.kind === 'interpreter' && kernel.isRefused) io.stderr.write(`splitscope: note: scored by the interpreter, not the compiled model: ${kernel.reason}\n`);
  return EXIT.ok;
}
