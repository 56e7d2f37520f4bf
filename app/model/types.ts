/**
 * The model representation (IR) shared by every format, the evaluator, the CLI, the UI and the
 * exported services. One IR for Spark, LightGBM, XGBoost and scikit-learn, single trees and ensembles.
 *
 * Design rules:
 * - Plain data only (no classes, no functions), so it crosses IPC, HTTP and bundles unchanged.
 *   Non-finite numbers (LightGBM writes `inf` thresholds) survive JSON through `serializeModel`.
 * - Every rule that changes a prediction is explicit in the data: the comparison, where a missing
 *   value goes, how categories match, how trees combine, and the output transform. The evaluator
 *   interprets these fields and never looks at `format`.
 * - Node ids are indices into `Tree.nodes`; `sourceId` keeps the library's own numbering (the leaf
 *   index LightGBM reports, XGBoost's node id, scikit-learn's node id, Spark's pre-order index).
 */

/** The library whose dump was read. */
export type ModelFormat = 'spark' | 'lightgbm' | 'xgboost' | 'sklearn';

/** What the model predicts. */
export type Task = 'regression' | 'binary' | 'multiclass' | 'ranking';

/** A 1-based line and 1-based column in the source text. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A non-fatal problem found while importing: the prediction may differ from the library's. */
export interface ImportWarning {
  /** Stable code, e.g. `W_SKL_ROUNDED`. */
  code: string;
  message: string;
  position?: SourcePosition;
}

/** One input feature. */
export interface Feature {
  index: number;
  /** As the model names it; `f<i>` / `feature <i>` style defaults when the dump has none. */
  name: string;
  /** True when the dump itself carried this name (not a generated default). */
  isNamed: boolean;
  kind: 'numeric' | 'categorical';
  /**
   * For categorical features: human-readable category labels by category code
   * (LightGBM `pandas_categorical`). Index = the code the trees split on.
   */
  categoryLabels?: string[];
  /** Range or categories seen in training when the dump says (LightGBM `feature_infos`). */
  trainingRange?: { min: number; max: number };
  trainingCategories?: number[];
  /** XGBoost feature-map type (`q`, `i`, `int`, `float`, `c`) when known. */
  featureType?: string;
}

/**
 * Where a missing value (NaN) goes at a numeric split.
 * - `default`: NaN goes to the default child (XGBoost; LightGBM missing type NaN).
 * - `zero`: LightGBM missing type Zero: NaN becomes 0.0, and |x| ≤ kZeroThreshold goes to the default child.
 * - `asZero`: LightGBM missing type None: NaN becomes 0.0, then the ordinary comparison.
 * - `compare`: NaN goes through the comparison, which is false, so it goes right (Spark, scikit-learn text).
 */
export type NumericMissing =
  | { mode: 'default'; defaultLeft: boolean }
  | { mode: 'zero'; defaultLeft: boolean }
  | { mode: 'asZero' }
  | { mode: 'compare' };

/** `x <= threshold` (Spark, LightGBM, scikit-learn) or `x < threshold` (XGBoost) goes left. */
export interface NumericSplit {
  kind: 'numeric';
  op: '<=' | '<';
  threshold: number;
  missing: NumericMissing;
}

/**
 * Category membership.
 * - `match: 'exact'` (Spark): the value must equal one of `categories`.
 * - `match: 'truncate'` (LightGBM, XGBoost): the value is truncated to an integer first; negative
 *   values (and, for XGBoost, values ≥ 2^24) are never in the set.
 * NaN goes to `missingGoes`. Values not in the set go to the other side from `inSetGoes`.
 */
export interface CategoricalSplit {
  kind: 'categorical';
  /** Sorted ascending, no duplicates. */
  categories: number[];
  inSetGoes: 'left' | 'right';
  missingGoes: 'left' | 'right';
  match: 'exact' | 'truncate';
}

/** XGBoost feature-map indicator (`i`): a present value goes to `presentGoes`, a missing one to the other side. */
export interface IndicatorSplit {
  kind: 'indicator';
  presentGoes: 'left' | 'right';
}

export type Split = NumericSplit | CategoricalSplit | IndicatorSplit;

/** Training statistics a format may carry; all optional. */
export interface NodeStats {
  /** Split gain (LightGBM split_gain, XGBoost gain). */
  gain?: number;
  /** Training rows reaching the node (LightGBM counts, scikit-learn show_weights totals). */
  count?: number;
  /** Sum of hessians (XGBoost cover, LightGBM leaf_weight / internal_weight). */
  cover?: number;
  /** Output the node would give if it were a leaf (LightGBM internal_value). */
  internalValue?: number;
}

interface NodeBase {
  /** Index in `Tree.nodes`. */
  id: number;
  /** The library's own id for this node (see the module comment). */
  sourceId: number;
  /** Root is 0. */
  depth: number;
  parent: number;
  stats?: NodeStats;
  /** Where the node was written in the source file. */
  position?: SourcePosition;
}

export interface SplitNode extends NodeBase {
  type: 'split';
  feature: number;
  split: Split;
  left: number;
  right: number;
}

/** A linear leaf (LightGBM `is_linear=1`): const + Σ coeff·x[feature]; NaN in any feature falls back to `value`. */
export interface LinearLeaf {
  constant: number;
  features: number[];
  coefficients: number[];
}

export interface LeafNode extends NodeBase {
  type: 'leaf';
  /**
   * The leaf's output. One number for boosted trees and regressors, or a class index for Spark
   * classifiers; per-class numbers when the format gives a distribution (scikit-learn `show_weights`).
   */
  value: number[];
  linear?: LinearLeaf;
  /** scikit-learn `truncated branch of depth N`: the subtree was not printed, so no prediction. */
  truncatedDepth?: number;
  /** Class index chosen at this leaf when the dump names one (scikit-learn `class:`). */
  classIndex?: number;
}

export type TreeNode = SplitNode | LeafNode;

export interface Tree {
  /** Position in the model, 0-based. */
  index: number;
  /** The output (class) this tree adds to. */
  outputIndex: number;
  /** Multiplier for the tree's output (Spark GBT weights); 1 elsewhere. */
  weight: number;
  /** `nodes[0]` is the root. */
  nodes: TreeNode[];
}

/**
 * How the trees' leaf outputs become raw scores, one per output.
 * - `sum`: raw[k] = base[k] + Σ weight·leaf over trees with outputIndex k (boosting). With
 *   `averageOver`, the prediction (not the raw score) divides by that count first (LightGBM `average_output`).
 * - `mean`: raw[k] = mean of weight·leaf over trees with outputIndex k (random-forest regression).
 * - `vote`: each tree's leaf value is a class index; raw[k] = number of trees voting k (Spark RF classifier).
 * - `distribution`: single tree whose leaves carry per-class values; raw = the reached leaf's values
 *   normalised to sum 1, or a one-hot of its `classIndex` when it has no values (scikit-learn classifier).
 */
export type Aggregation =
  | { kind: 'sum'; base: number[]; averageOver?: number }
  | { kind: 'mean' }
  | { kind: 'vote' }
  | { kind: 'distribution' };

/**
 * From raw scores to predictions.
 * - `identity`; `sigmoid` 1/(1+exp(-scale·r)); `softmax` over outputs; `sigmoidEach` per output (multiclassova);
 *   `exp`; `log1pExp` log(1+exp(r)); `signedSquare` sign(r)·r²; `hinge` (r > 0 ? 1 : 0);
 *   `argmax` (XGBoost multi:softmax; the prediction is the class).
 */
export type OutputTransform =
  | { kind: 'identity' }
  | { kind: 'sigmoid'; scale: number }
  | { kind: 'softmax' }
  | { kind: 'sigmoidEach'; scale: number }
  | { kind: 'exp' }
  | { kind: 'log1pExp' }
  | { kind: 'signedSquare' }
  | { kind: 'hinge' }
  | { kind: 'argmax' };

/** Numeric precision of the library's own prediction loop. */
export interface Arithmetic {
  /** `float32`: inputs are rounded to float32 before comparing (XGBoost, scikit-learn). */
  input: 'float64' | 'float32';
  /** `float32`: leaf outputs are summed in float32 in tree order (XGBoost). */
  accumulate: 'float64' | 'float32';
  /**
   * LightGBM: inputs with |x| ≤ kZeroThreshold (1.0000000180025095e-35) are read as 0.0, because its
   * row readers (CLI, Python, C API) drop them as zeros before predicting. Optional; absent = false.
   */
  zeroTinyInputs?: boolean;
}

export interface TreeModel {
  format: ModelFormat;
  /** Human-readable variant, e.g. `spark.ml DecisionTreeClassificationModel (Spark 3.x header)`. */
  variant: string;
  /** Name of the file the model was read from. */
  fileName: string;
  task: Task;
  /** The library's objective string as written or supplied (`binary sigmoid:1`, `binary:logistic`, `gini`…). */
  objective: string;
  /** Class labels for classifiers, index = class index; absent for regression and ranking. */
  classes?: string[];
  features: Feature[];
  /** Number of raw outputs (1, or the number of classes for multiclass boosting). */
  numOutputs: number;
  trees: Tree[];
  /**
   * Trees as the library counts them, when the IR splits each library tree into one tree per output
   * (a scikit-learn multi-output regressor: `trees[k]` is the one tree's output k). Leaf ids are
   * reported per library tree: trees `0 … sourceTreeCount − 1` stand for them. Absent = `trees.length`.
   */
  sourceTreeCount?: number;
  aggregation: Aggregation;
  transform: OutputTransform;
  arithmetic: Arithmetic;
  /** Values the dump does not hold and the user may override (XGBoost base_score, Spark GBT learning rate). */
  assumptions: Record<string, string | number | boolean>;
  warnings: ImportWarning[];
  /** Header and format facts worth showing (version, header counts, parameters). */
  metadata: Record<string, string>;
}
