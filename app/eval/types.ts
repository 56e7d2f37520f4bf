/**
 * The evaluator's contract. One evaluator (in `app/eval/`) serves the CLI, the UI (main process
 * and renderer), and the exported services; every caller goes through these types.
 *
 * Inputs are rows of doubles in model feature order; NaN means missing. Categorical features carry
 * their category code as a number.
 */

/** The outcome for one row. */
export interface RowPrediction {
  /** Raw score per output before the transform (margins for boosting, vote counts for forests). */
  raw: number[];
  /** Transformed prediction per output: probabilities for classifiers (one number, P(class 1), for a
   *  binary model with a single output), values for regression. */
  prediction: number[];
  /** Predicted class index for classifiers. */
  predictedClass?: number;
  /** Per tree: the reached leaf as the library numbers it (LightGBM leaf index, XGBoost node id,
   *  scikit-learn node id, Spark pre-order index) — `LeafNode.sourceId`. */
  leaves: number[];
  /** Per tree: the reached leaf's IR node id (index in `Tree.nodes`). */
  leafNodes: number[];
  /** Per tree: the leaf's output as added to the raw score (before the tree weight). */
  leafValues: number[];
  /** When the row cannot be scored (a scikit-learn truncated branch): why. `raw`/`prediction` are NaN. */
  error?: string;
}

/** Options for `predictRow`. */
export interface PredictOptions {
  /** Also return the decision path (IR node ids from root to leaf) of every tree. */
  paths?: boolean;
}

export interface RowPredictionWithPaths extends RowPrediction {
  paths?: number[][];
}

/**
 * Scores many rows. `values` is row-major, `rows × numFeatures` doubles.
 * Results are columnar typed arrays so 100k rows stay cheap.
 */
export interface BatchPrediction {
  rows: number;
  numOutputs: number;
  numTrees: number;
  /** rows × numOutputs */
  raw: Float64Array;
  /** rows × predictionWidth (= numOutputs, except 1 for an `argmax` transform, whose prediction is the class) */
  prediction: Float64Array;
  /** Values per row in `prediction`; absent means numOutputs. */
  predictionWidth?: number;
  /** rows; -1 when the model has no classes */
  predictedClass: Int32Array;
  /** rows × numTrees leaf IR node ids (only when requested) */
  leafNodes?: Int32Array;
  /** row index → reason, for rows that cannot be scored */
  errors: Map<number, string>;
}

export interface BatchOptions {
  /** Return every row's leaf in every tree (`BatchPrediction.leafNodes`): rows × trees ids. */
  leafNodes?: boolean;
  /**
   * Counts rows per leaf into this array, without keeping each row's leaves: tree t's node n is at
   * `forest.treeNodeStart[t] + n` (as `NodeTraffic.counts`; see `trafficFromLeafCounts`). The
   * counts add up over calls, so a caller scoring in blocks passes the same array each time.
   */
  leafCounts?: Int32Array;
}

/**
 * Which leaf finder scores batches: `auto` compiles the trees to WebAssembly (wasm.ts) once the model
 * has been asked for a few thousand rows, `wasm` compiles at the first batch, `interpreter` never
 * compiles. A model the compiler does not cover keeps the interpreter and says why (`kernel`).
 */
export type KernelChoice = 'auto' | 'wasm' | 'interpreter';

/**
 * Which leaf finder batches use: the compiled trees, or the interpreter and why. `isRefused`: the
 * compiler could not take this model (not merely: not asked, or no batch big enough yet).
 */
export type KernelState = { kind: 'wasm'; moduleBytes: number } | { kind: 'interpreter'; reason: string; isRefused: boolean };

/**
 * A model prepared for fast scoring (flat typed arrays or generated code). Built once per model by
 * `compileModel(model)` from `app/eval/index.ts`; cheap to call many times.
 */
export interface CompiledModel {
  readonly numFeatures: number;
  readonly numOutputs: number;
  readonly numTrees: number;
  /** Which leaf finder batches use now (the compiled trees appear after the first big batch). */
  readonly kernel: KernelState;
  /**
   * Compiles the model now, for a caller that knows big batches will come (a scoring worker when a
   * model opens), so the first batch does not pay for it; a no-op with `kernel: 'interpreter'`.
   */
  prepare(): KernelState;
  /** Scores one row (doubles in feature order, NaN = missing). */
  predictRow(values: ArrayLike<number>, options?: PredictOptions): RowPredictionWithPaths;
  /** Scores `rows` rows stored row-major in `values`. */
  predictBatch(values: Float64Array, rows: number, options?: BatchOptions): BatchPrediction;
}
