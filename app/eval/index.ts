/**
 * The one evaluator: every caller (CLI, UI, exported services) scores through `compileModel`.
 * Rules: FORMATS.md A.4, B.3–B.6, C.4, D.2 as encoded in the IR (app/model/types.ts).
 */
export { compileModel, layoutOf, type CompileOptions } from './compile';
export { joinBatches } from './batches';
export { decodeFlatModel, encodeFlatModel } from './flatCodec';
export { predictPath, goesLeft, ZERO_THRESHOLD } from './decide';
export { applyTransform, argmax } from './transform';
export type { BatchPrediction, CompiledModel, KernelChoice, KernelState, PredictOptions, RowPrediction, RowPredictionWithPaths } from './types';
