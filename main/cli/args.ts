import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BadValuePolicy } from '../../app/data/scoring';
import type { ModelFormat } from '../../app/model/types';

/** A mistake on the command line: exit code 2, with the message and a pointer to `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options that tell the importer what a dump does not hold (ParseOptions, plus the feature map's path). */
export interface ModelOptions {
  format?: ModelFormat;
  objective?: string;
  baseScore?: number;
  numClass?: number;
  featureMapPath?: string;
  /** Names for a file that does not name its features (app/model/featureNames.ts reads the file). */
  featureNamesPath?: string;
  learningRate?: number;
  sparkEnsemble?: 'gbt' | 'rf';
  lightgbmLegacyRf?: boolean;
}

export interface InspectCommand {
  command: 'inspect';
  modelPath: string;
  model: ModelOptions;
  json: boolean;
}

export interface PredictCommand {
  command: 'predict';
  modelPath: string;
  model: ModelOptions;
  csvPath: string;
  outPath?: string;
  leaves: boolean;
  raw: boolean;
  /** Only the raw scores, no prediction or probability columns (`--raw-only`). */
  rawOnly: boolean;
  ignoreColumns: string[];
  ignoreUnknownColumns: boolean;
  strictColumns: boolean;
  categoryCodes: boolean;
  badValues: BadValuePolicy;
  delimiter: string;
  /** Threads in all: `threads − 1` worker threads score; the main thread reads, writes, and scores when they are busy (1: all on the main thread). */
  threads: number;
  /** `compiled` (WebAssembly), `interpreter`, or `auto` (compiled once a few thousand rows have come). */
  engine: 'auto' | 'compiled' | 'interpreter';
}

export type HelpTopic = 'inspect' | 'predict' | 'export';

export type Command =
  | InspectCommand
  | PredictCommand
  | { command: 'help'; topic?: HelpTopic }
  | { command: 'version' };

/** Options every command that reads a model takes. */
export const MODEL_OPTIONS = {
  format: { type: 'string' },
  objective: { type: 'string' },
  'base-score': { type: 'string' },
  'num-class': { type: 'string' },
  'feature-map': { type: 'string' },
  'feature-names': { type: 'string' },
  'learning-rate': { type: 'string' },
  'spark-ensemble': { type: 'string' },
  'legacy-rf': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const INSPECT_OPTIONS = { ...MODEL_OPTIONS, json: { type: 'boolean' } } as const satisfies ParseArgsConfig['options'];

const PREDICT_OPTIONS = {
  ...MODEL_OPTIONS,
  csv: { type: 'string' },
  out: { type: 'string', short: 'o' },
  leaves: { type: 'boolean' },
  raw: { type: 'boolean' },
  'raw-only': { type: 'boolean' },
  'ignore-columns': { type: 'string', multiple: true },
  'ignore-unknown-columns': { type: 'boolean' },
  'strict-columns': { type: 'boolean' },
  'category-codes': { type: 'boolean' },
  'bad-values': { type: 'string' },
  delimiter: { type: 'string' },
  threads: { type: 'string' },
  engine: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** More threads than this would only hold more batches in memory. */
export const MAX_THREADS = 64;

const FORMATS: readonly ModelFormat[] = ['lightgbm', 'xgboost', 'sklearn', 'spark'];

function parseCommandArgs<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util messages are good ("Unknown option '--foo'"); drop the hint about `--` that does not apply.
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message);
  }
}

function number(name: string, text: string | undefined, check: (value: number) => boolean, expected: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new UsageError(`--${name} ${JSON.stringify(text)}: expected ${expected}`);
  }
  return value;
}

export function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} ${JSON.stringify(text)}: expected one of ${allowed.join(', ')}`);
  }
  return text as T;
}

/** Reads the model options (see MODEL_OPTIONS) into ParseOptions-like values; throws UsageError. */
export function modelOptions(values: Record<string, string | boolean | string[] | undefined>): ModelOptions {
  const text = (name: string) => values[name] as string | undefined;
  const objective = text('objective');
  if (objective !== undefined && objective.trim() === '') throw new UsageError('--objective: expected an objective name such as binary:logistic');
  return {
    format: oneOf('format', text('format'), FORMATS),
    objective: objective?.trim(),
    baseScore: number('base-score', text('base-score'), () => true, 'a finite number'),
    numClass: number('num-class', text('num-class'), (value) => Number.isInteger(value) && value >= 1, 'a whole number ≥ 1'),
    featureMapPath: text('feature-map'),
    featureNamesPath: text('feature-names'),
    learningRate: number('learning-rate', text('learning-rate'), (value) => value > 0, 'a number > 0'),
    sparkEnsemble: oneOf('spark-ensemble', text('spark-ensemble'), ['rf', 'gbt'] as const),
    lightgbmLegacyRf: values['legacy-rf'] === true ? true : undefined,
  };
}

function oneModel(positionals: string[], command: string): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing the MODEL file`);
  if (positionals.length > 1) throw new UsageError(`${command}: expected one MODEL file, got ${positionals.map((p) => JSON.stringify(p)).join(' ')}`);
  return positionals[0];
}

function delimiterOf(text: string | undefined, csvPath: string): string {
  if (text === undefined) return /\.tsv$/i.test(csvPath) ? '\t' : ',';
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', space: ' ' };
  const delimiter = named[text] ?? text;
  if ([...delimiter].length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new UsageError(`--delimiter ${JSON.stringify(text)}: expected one character, or tab, comma, semicolon, space`);
  }
  return delimiter;
}

/** Reads the command line (without `node` and the script). Throws `UsageError`. */
export function parseCommandLine(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing a command: inspect, predict or export');
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic !== undefined && topic !== 'inspect' && topic !== 'predict' && topic !== 'export') {
      throw new UsageError(`help: unknown command ${JSON.stringify(topic)}`);
    }
    return { command: 'help', topic };
  }
  if (first === '--version' || first === '-V' || first === 'version') return { command: 'version' };
  if (first === 'inspect') {
    const { values, positionals } = parseCommandArgs(rest, INSPECT_OPTIONS);
    if (values.help) return { command: 'help', topic: 'inspect' };
    return { command: 'inspect', modelPath: oneModel(positionals, 'inspect'), model: modelOptions(values), json: values.json === true };
  }
  if (first === 'predict') {
    const { values, positionals } = parseCommandArgs(rest, PREDICT_OPTIONS);
    if (values.help) return { command: 'help', topic: 'predict' };
    const modelPath = oneModel(positionals, 'predict');
    if (values.csv === undefined) throw new UsageError('predict: missing --csv IN.csv (the rows to score)');
    const ignoreColumns = (values['ignore-columns'] ?? []).flatMap((list) => list.split(',')).filter((name) => name !== '');
    return {
      command: 'predict',
      modelPath,
      model: modelOptions(values),
      csvPath: values.csv,
      outPath: values.out,
      leaves: values.leaves === true,
      raw: values.raw === true,
      rawOnly: values['raw-only'] === true,
      ignoreColumns,
      ignoreUnknownColumns: values['ignore-unknown-columns'] === true,
      strictColumns: values['strict-columns'] === true,
      categoryCodes: values['category-codes'] === true,
      badValues: oneOf('bad-values', values['bad-values'], ['error', 'missing', 'row'] as const) ?? 'error',
      delimiter: delimiterOf(values.delimiter, values.csv),
      threads: number('threads', values.threads, (value) => Number.isInteger(value) && value >= 1 && value <= MAX_THREADS, `a whole number from 1 to ${MAX_THREADS}`) ?? 1,
      engine: oneOf('engine', values.engine, ['auto', 'compiled', 'interpreter'] as const) ?? 'auto',
    };
  }
  if (first.startsWith('-')) throw new UsageError(`expected a command (inspect, predict or export) before ${JSON.stringify(first)}`);
  throw new UsageError(`unknown command ${JSON.stringify(first)}; the commands are inspect, predict and export`);
}
