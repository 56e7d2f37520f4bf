import type { BatchPrediction, KernelChoice, KernelState } from '../../../app/eval/types';

/** Messages to the scoring worker. Scoring runs to the end once started: cancelling terminates the worker. */
export type ScoreMessage = ScoreRequest | LoadRequest;

/**
 * A model's scoring columns as one packed-model file (`encodePackedModel` of `scoringPart`), made
 * for one worker and transferred to it: the page copies only what scoring reads, once per worker,
 * instead of cloning every column (with the statistics that share their buffer) into each worker.
 */
export type ScoringModelBytes = Uint8Array;

/** Compile a model ahead of any CSV (sent when a model opens), so a dropped CSV pays only its scoring. */
export type LoadRequest = { kind: 'load'; modelId: string; model: ScoringModelBytes; kernel: KernelChoice };

export type ScoreRequest = {
  kind: 'score';
  requestId: number;
  modelId: string;
  /** Sent once per model id (transferred). */
  model?: ScoringModelBytes;
  /** compileModel's leaf finder (`auto` but for the e2e hook `splitscopeKernel`). */
  kernel: KernelChoice;
  /** Row-major rows × features, transferred (the worker owns it). */
  values: Float64Array;
  rows: number;
  /** Also return every row's leaf in every tree (`leafNodes`); rows per leaf are always counted (`leafCounts`, for traffic). */
  withLeafNodes: boolean;
  /** E2E hook (`takePageTestHold`): stop after the first block's progress, answering nothing until terminated. */
  isHeldForTest?: boolean;
};

/** Messages from the scoring worker. */
export type ScoreResponse =
  | { kind: 'progress'; requestId: number; fraction: number }
  /** `kernel`: whether the compiled model (WebAssembly) scored the rows, or the interpreter and why. */
  | { kind: 'done'; requestId: number; millis: number; batch: BatchPrediction; leafCounts: Int32Array; kernel: KernelState }
  | { kind: 'error'; requestId: number; message: string };
