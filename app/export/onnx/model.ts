import { ZERO_THRESHOLD } from '../../eval/decide';
import {
  FLAG_DEFAULT_LEFT,
  FLAG_IN_SET_LEFT,
  FLAG_MISSING_LEFT,
  FLAG_OP_LESS,
  FLAG_PRESENT_LEFT,
  MISSING_AS_ZERO,
  MISSING_COMPARE,
  MISSING_MASK,
  MISSING_SHIFT,
  NODE_CATEGORICAL,
  NODE_LEAF,
  NODE_NUMERIC,
  type PackedModel,
} from '../../model/packed';
import { DT_DOUBLE, DT_FLOAT, DT_INT64, DT_UINT8, encodeModel, type NodeSpec, type Tensor } from './protobuf';

/**
 * The packed model as an ONNX graph (`model.onnx`), built on ai.onnx.ml opset 5's `TreeEnsemble`:
 * it takes double inputs, thresholds and leaf weights (LightGBM and Spark work in double), tests
 * category sets (`BRANCH_MEMBER`) and sends a missing value to a chosen side per node. Around it,
 * plain ONNX ops (opset 17) do what the app's evaluator does after the trees, in the same order:
 * LightGBM's tiny-input rule, float32 input rounding (XGBoost, scikit-learn), the base score (as a
 * first one-leaf tree, so sums run in the library's order), random-forest means, `average_output`
 * and the output transform. Nothing is claimed exact here: the export measures the graph in ONNX
 * Runtime against the app on the golden rows (`fidelity.ts`).
 *
 * Graph interface (documented in the bundle README):
 * - input  `input`      double [N, numFeatures], feature order, NaN = missing;
 * - output `raw`        double [N, numOutputs], raw scores (margins, vote counts, class fractions);
 * - output `prediction` double [N, predictionWidth], the transformed prediction (the class index for `argmax`);
 * - output `class`      int64 [N], the predicted class index (classifiers only).
 */

export const ONNX_INPUT = 'input';
export const ONNX_OPSET = 17;
export const ONNX_ML_OPSET = 5;
/** IR version 8 (onnx 1.12+ reads it; ONNX Runtime 1.31 runs it). */
export const ONNX_IR_VERSION = 8;

/** Why a model cannot become a TreeEnsemble: thrown as a RangeError (the export's `E_EXPORT_MODEL`). */
function cannot(reason: string): never {
  throw new RangeError(`the ONNX tree operator cannot express this model: ${reason}`);
}

/** The largest float32 ≤ x (a `<=` threshold a float32 input compares with unchanged). */
export function float32Down(x: number): number {
  const f = Math.fround(x);
  if (f <= x || f !== f) return f;
  return nextFloat(f, false);
}

/** The smallest float32 ≥ x (the same for a `<` threshold). */
export function float32Up(x: number): number {
  const f = Math.fround(x);
  if (f >= x || f !== f) return f;
  return nextFloat(f, true);
}

function nextFloat(f: number, up: boolean): number {
  const view = new DataView(new ArrayBuffer(4));
  if (f === 0) return up ? 1.401298464324817e-45 : -1.401298464324817e-45;
  view.setFloat32(0, f);
  const bits = view.getInt32(0);
  view.setInt32(0, (f > 0) === up ? bits + 1 : bits - 1);
  return view.getFloat32(0);
}

/** Node modes of TreeEnsemble. */
const BRANCH_LEQ = 0;
const BRANCH_LT = 1;
const BRANCH_MEMBER = 6;

interface Ensemble {
  featureIds: number[];
  splits: number[];
  modes: number[];
  trueIds: number[];
  falseIds: number[];
  trueLeafs: number[];
  falseLeafs: number[];
  missingTrue: number[];
  membership: number[];
  roots: number[];
  leafTargets: number[];
  leafWeights: number[];
}

/** A leaf's contribution: which output it adds to and how much (already weighted, as the app adds it). */
type LeafOutput = (row: number) => { target: number; weight: number };

export interface OnnxExport {
  bytes: Uint8Array;
  /** Trees in the TreeEnsemble (the model's, plus base-score trees and per-class copies). */
  ensembleTrees: number;
  ensembleNodes: number;
  /** `double`, or `float` for float32 models (XGBoost, scikit-learn). */
  ensembleType: 'double' | 'float';
  hasClass: boolean;
  predictionWidth: number;
}

/** Builds `model.onnx`. Throws RangeError (naming the tree and leaf) when the operator cannot express the model. */
export function buildOnnxModel(packed: PackedModel, numFeatures: number, producerVersion: string): OnnxExport {
  const { header: model, forest } = packed;
  const numOutputs = model.numOutputs;
  const float32Input = model.arithmetic.input === 'float32';
  const isFloat32 = model.arithmetic.accumulate === 'float32';
  // The ensemble's one type serves thresholds and sums: float when the library sums in float32
  // (XGBoost). scikit-learn rounds inputs to float32 but sums in double: the graph rounds the input
  // (Cast to float and back) and the ensemble compares that double with the double thresholds, as the app does.
  const ensembleFloat = isFloat32;
  if (isFloat32 && !float32Input) cannot(`inputs in double but sums in float32; TreeEnsemble uses one type for both`);
  const aggregation = model.aggregation;
  const e: Ensemble = { featureIds: [], splits: [], modes: [], trueIds: [], falseIds: [], trueLeafs: [], falseLeafs: [], missingTrue: [], membership: [], roots: [], leafTargets: [], leafWeights: [] };
  const asType = (x: number) => (ensembleFloat ? Math.fround(x) : x);

  const addLeaf = (target: number, weight: number): number => {
    e.leafTargets.push(target);
    e.leafWeights.push(asType(weight));
    return e.leafTargets.length - 1;
  };
  /** A one-leaf tree: TreeEnsemble roots are split nodes, so a split whose both sides reach the leaf. */
  const addConstantTree = (target: number, weight: number) => {
    const leaf = addLeaf(target, weight);
    e.roots.push(e.featureIds.length);
    e.featureIds.push(0);
    e.splits.push(0);
    e.modes.push(BRANCH_LEQ);
    e.trueIds.push(leaf);
    e.falseIds.push(leaf);
    e.trueLeafs.push(1);
    e.falseLeafs.push(1);
    e.missingTrue.push(0);
  };
  const addTree = (tree: number, leafOutput: LeafOutput) => {
    const start = forest.treeNodeStart[tree];
    if (forest.kind[start] === NODE_LEAF) {
      const out = leafOutput(start);
      addConstantTree(out.target, out.weight);
      return;
    }
    e.roots.push(e.featureIds.length);
    const visit = (local: number): number => {
      const row = start + local;
      const index = e.featureIds.length;
      const kind = forest.kind[row];
      const flags = forest.flags[row];
      let trueChild: number;
      let falseChild: number;
      e.featureIds.push(forest.feature[row]);
      if (kind === NODE_NUMERIC) {
        const threshold = forest.value[row];
        const less = (flags & FLAG_OP_LESS) !== 0;
        const missing = (flags & MISSING_MASK) >> MISSING_SHIFT;
        const defaultLeft = (flags & FLAG_DEFAULT_LEFT) !== 0;
        e.modes.push(less ? BRANCH_LT : BRANCH_LEQ);
        // A float32 input x satisfies x <= t iff x <= (largest float ≤ t); x < t iff x < (smallest float ≥ t).
        e.splits.push(ensembleFloat ? (less ? float32Up(threshold) : float32Down(threshold)) : threshold);
        trueChild = forest.left[row];
        falseChild = forest.right[row];
        // NaN: `compare` goes right (false); `default` and `zero` go to the default side; `asZero` compares 0.
        // LightGBM's `zero` mode also sends 0 (and tiny values) to the default side, which no node mode
        // expresses: where 0 compares to the other side, the graph differs (measured on the golden rows).
        const nanLeft = missing === MISSING_COMPARE ? false : missing === MISSING_AS_ZERO ? (less ? 0 < threshold : 0 <= threshold) : defaultLeft;
        e.missingTrue.push(nanLeft ? 1 : 0);
      } else if (kind === NODE_CATEGORICAL) {
        const set = forest.extra[row];
        e.modes.push(BRANCH_MEMBER);
        e.splits.push(0);
        const from = forest.categoryStart[set];
        const to = forest.categoryStart[set + 1];
        if (to === from) cannot(`tree ${tree} node ${forest.sourceId[row]} tests an empty category set`);
        for (let i = from; i < to; i++) e.membership.push(forest.categories[i]);
        e.membership.push(NaN);
        const inSetLeft = (flags & FLAG_IN_SET_LEFT) !== 0;
        trueChild = inSetLeft ? forest.left[row] : forest.right[row];
        falseChild = inSetLeft ? forest.right[row] : forest.left[row];
        e.missingTrue.push(((flags & FLAG_MISSING_LEFT) !== 0) === inSetLeft ? 1 : 0);
      } else {
        // Present vs missing: every number is ≤ +∞, NaN compares false.
        e.modes.push(BRANCH_LEQ);
        e.splits.push(Infinity);
        const presentLeft = (flags & FLAG_PRESENT_LEFT) !== 0;
        trueChild = presentLeft ? forest.left[row] : forest.right[row];
        falseChild = presentLeft ? forest.right[row] : forest.left[row];
        e.missingTrue.push(0);
      }
      e.trueIds.push(-1);
      e.falseIds.push(-1);
      e.trueLeafs.push(0);
      e.falseLeafs.push(0);
      const link = (child: number): [number, number] => {
        const childRow = start + child;
        if (forest.kind[childRow] === NODE_LEAF) {
          const out = leafOutput(childRow);
          return [addLeaf(out.target, out.weight), 1];
        }
        return [visit(child), 0];
      };
      [e.trueIds[index], e.trueLeafs[index]] = link(trueChild);
      [e.falseIds[index], e.falseLeafs[index]] = link(falseChild);
      return index;
    };
    visit(0);
  };

  /** The leaf's single value, refusing what the operator cannot hold. */
  const leafScalar = (tree: number, row: number): number => {
    const extra = forest.extra[row];
    if (extra < 0) return forest.value[row];
    if (forest.isLinear[extra]) cannot(`tree ${tree} leaf ${forest.sourceId[row]} is a linear model (LightGBM linear_tree); TreeEnsemble leaves are constants`);
    if (forest.leafTruncatedDepth[extra] >= 0) cannot(`tree ${tree} leaf ${forest.sourceId[row]} is a truncated branch (the dump does not hold its subtree)`);
    const from = forest.leafValueStart[extra];
    if (forest.leafValueStart[extra + 1] - from !== 1) cannot(`tree ${tree} leaf ${forest.sourceId[row]} holds ${forest.leafValueStart[extra + 1] - from} values where the model adds one`);
    return forest.leafValues[from];
  };

  let meanCounts: number[] | undefined;
  if (aggregation.kind === 'sum' || aggregation.kind === 'mean') {
    if (aggregation.kind === 'sum') {
      // The app starts each sum at the base score: a first one-leaf tree keeps that order.
      for (let k = 0; k < numOutputs; k++) {
        const base = aggregation.base[k] ?? aggregation.base[0] ?? 0;
        if (base !== 0) addConstantTree(k, base);
      }
    } else meanCounts = new Array<number>(numOutputs).fill(0);
    for (let t = 0; t < forest.treeCount; t++) {
      const target = forest.treeOutput[t];
      const weight = forest.treeWeight[t];
      if (meanCounts) meanCounts[target]++;
      addTree(t, (row) => {
        const value = leafScalar(t, row);
        const weighted = isFloat32 ? (weight === 1 ? value : Math.fround(weight * value)) : weight * value;
        return { target, weight: weighted };
      });
    }
  } else if (aggregation.kind === 'vote') {
    for (let t = 0; t < forest.treeCount; t++) {
      addTree(t, (row) => {
        const vote = leafScalar(t, row);
        if (!(Number.isInteger(vote) && vote >= 0 && vote < numOutputs)) cannot(`tree ${t} leaf ${forest.sourceId[row]} votes for ${vote}`);
        return { target: vote, weight: 1 };
      });
    }
  } else {
    // One tree whose leaves hold class fractions: one copy per class, each leaf adding that class's
    // fraction (normalised here exactly as the app does), so the sum is the fraction itself.
    if (forest.treeCount !== 1) cannot(`a distribution model must hold one tree, found ${forest.treeCount}`);
    const fractions = (row: number): number[] => {
      const extra = forest.extra[row];
      if (extra >= 0 && forest.leafTruncatedDepth[extra] >= 0) cannot(`leaf ${forest.sourceId[row]} is a truncated branch (the dump does not hold its subtree)`);
      const vector = extra < 0 ? [forest.value[row]] : Array.from(forest.leafValues.subarray(forest.leafValueStart[extra], forest.leafValueStart[extra + 1]));
      const classIndex = extra < 0 ? -1 : forest.leafClass[extra];
      if (vector.length === numOutputs && (numOutputs > 1 || classIndex < 0)) {
        let sum = 0;
        for (const v of vector) sum += v;
        const divisor = sum === 0 ? 1 : sum;
        return vector.map((v) => v / divisor);
      }
      return Array.from({ length: numOutputs }, (_, k) => (k === classIndex ? 1 : 0));
    };
    for (let k = 0; k < numOutputs; k++) addTree(0, (row) => ({ target: k, weight: fractions(row)[k] }));
  }

  const T = ensembleFloat ? DT_FLOAT : DT_DOUBLE;
  const nodes: NodeSpec[] = [];
  const initializers: Tensor[] = [];
  const constant = (name: string, dataType: Tensor['dataType'], dims: number[], values: number[]) => {
    initializers.push({ name, dataType, dims, values });
    return name;
  };
  const op = (opType: string, inputs: string[], output: string, attributes?: NodeSpec['attributes']) => {
    nodes.push({ opType, inputs, outputs: [output], name: output, attributes });
    return output;
  };

  let x = ONNX_INPUT;
  if (model.arithmetic.zeroTinyInputs) {
    // LightGBM reads |x| ≤ kZeroThreshold as 0.0.
    const tiny = op('LessOrEqual', [op('Abs', [x], 'abs_input'), constant('zero_threshold', DT_DOUBLE, [], [ZERO_THRESHOLD])], 'is_tiny');
    x = op('Where', [tiny, constant('zero_double', DT_DOUBLE, [], [0]), x], 'input_zeroed');
  }
  if (float32Input) x = op('Cast', [x], 'input_float', { to: { int: DT_FLOAT } });
  if (float32Input && !ensembleFloat) x = op('Cast', [x], 'input_rounded', { to: { int: DT_DOUBLE } });
  const ensembleAttributes: NodeSpec['attributes'] = {
    n_targets: { int: numOutputs },
    aggregate_function: { int: 1 },
    post_transform: { int: 0 },
    tree_roots: { ints: e.roots },
    nodes_featureids: { ints: e.featureIds },
    nodes_splits: { tensor: { dims: [e.splits.length], dataType: T, values: e.splits } },
    nodes_modes: { tensor: { dims: [e.modes.length], dataType: DT_UINT8, values: e.modes } },
    nodes_truenodeids: { ints: e.trueIds },
    nodes_falsenodeids: { ints: e.falseIds },
    nodes_trueleafs: { ints: e.trueLeafs },
    nodes_falseleafs: { ints: e.falseLeafs },
    nodes_missing_value_tracks_true: { ints: e.missingTrue },
    leaf_targetids: { ints: e.leafTargets },
    leaf_weights: { tensor: { dims: [e.leafWeights.length], dataType: T, values: e.leafWeights } },
  };
  if (e.membership.length > 0) ensembleAttributes.membership_values = { tensor: { dims: [e.membership.length], dataType: T, values: e.membership } };
  nodes.push({ opType: 'TreeEnsemble', domain: 'ai.onnx.ml', inputs: [x], outputs: ['ensemble'], name: 'ensemble', attributes: ensembleAttributes });
  let raw = ensembleFloat ? op('Cast', ['ensemble'], 'ensemble_double', { to: { int: DT_DOUBLE } }) : 'ensemble';
  if (meanCounts) raw = op('Div', [raw, constant('trees_per_output', DT_DOUBLE, [1, numOutputs], meanCounts)], 'mean');
  op('Identity', [raw], 'raw');

  let source = 'raw';
  const averageOver = aggregation.kind === 'sum' ? (aggregation.averageOver ?? 1) : 1;
  if (averageOver !== 1) source = op('Div', ['raw', constant('average_over', DT_DOUBLE, [], [averageOver])], 'averaged');
  const one = () => constant('one', DT_DOUBLE, [], [1]);
  const transform = model.transform;
  let prediction: string;
  switch (transform.kind) {
    case 'identity':
      prediction = source;
      break;
    case 'sigmoid':
    case 'sigmoidEach': {
      // 1 / (1 + exp(−scale·r)), as the app's double recipe.
      const exponent = op('Exp', [op('Mul', [source, constant('minus_scale', DT_DOUBLE, [], [-transform.scale])], 'scaled')], 'exp_scaled');
      prediction = op('Div', [one(), op('Add', [one(), exponent], 'denominator')], 'sigmoid');
      break;
    }
    case 'softmax': {
      const shifted = op('Sub', [source, op('ReduceMax', [source], 'row_max', { axes: { ints: [1] }, keepdims: { int: 1 } })], 'shifted');
      const exps = op('Exp', [shifted], 'exps');
      const sum = op('ReduceSum', [exps, constant('axis_one', DT_INT64, [1], [1])], 'exp_sum', { keepdims: { int: 1 } });
      prediction = op('Div', [exps, sum], 'softmax');
      break;
    }
    case 'exp':
      prediction = op('Exp', [source], 'exp');
      break;
    case 'log1pExp':
      prediction = op('Log', [op('Add', [one(), op('Exp', [source], 'exp')], 'one_plus_exp')], 'log1p_exp');
      break;
    case 'signedSquare':
      prediction = op('Mul', [op('Mul', [op('Sign', [source], 'sign'), source], 'signed'), source], 'signed_square');
      break;
    case 'hinge':
      prediction = op('Cast', [op('Greater', [source, constant('zero_raw', DT_DOUBLE, [], [0])], 'positive')], 'hinge', { to: { int: DT_DOUBLE } });
      break;
    case 'argmax':
      prediction = op('Cast', [op('ArgMax', [source], 'argmax', { axis: { int: 1 }, keepdims: { int: 1 } })], 'argmax_double', { to: { int: DT_DOUBLE } });
      break;
  }
  // XGBoost's transforms end in float32: round the double result once.
  if (isFloat32 && transform.kind !== 'argmax' && transform.kind !== 'hinge' && transform.kind !== 'identity') {
    prediction = op('Cast', [op('Cast', [prediction], 'prediction_float', { to: { int: DT_FLOAT } })], 'prediction_rounded', { to: { int: DT_DOUBLE } });
  }
  op('Identity', [prediction], 'prediction');

  const hasClass = (model.classes?.length ?? 0) > 0 || model.task === 'binary' || model.task === 'multiclass';
  if (hasClass) {
    let classIndex: string;
    if (transform.kind === 'argmax') classIndex = op('ArgMax', [source], 'class_argmax', { axis: { int: 1 }, keepdims: { int: 0 } });
    else if (numOutputs > 1) classIndex = op('ArgMax', ['prediction'], 'class_argmax', { axis: { int: 1 }, keepdims: { int: 0 } });
    else {
      // As the app: a double sigmoid decides on the margin (> 0); otherwise P > 0.5 (hinge: its 0/1).
      const decided =
        transform.kind === 'sigmoid' && !isFloat32
          ? op('Greater', [source, constant('zero_margin', DT_DOUBLE, [], [0])], 'class_positive')
          : op('Greater', ['prediction', constant('half', DT_DOUBLE, [], [0.5])], 'class_positive');
      classIndex = op('Reshape', [op('Cast', [decided], 'class_int', { to: { int: DT_INT64 } }), constant('flat_shape', DT_INT64, [1], [-1])], 'class_flat');
    }
    op('Identity', [classIndex], 'class');
  }

  const predictionWidth = transform.kind === 'argmax' ? 1 : numOutputs;
  const bytes = encodeModel({
    irVersion: ONNX_IR_VERSION,
    opsets: [
      { domain: '', version: ONNX_OPSET },
      { domain: 'ai.onnx.ml', version: ONNX_ML_OPSET },
    ],
    producerName: 'splitscope',
    producerVersion,
    docString: `${model.fileName} (${model.variant}): ${forest.treeCount} trees`,
    graph: {
      name: 'splitscope_model',
      nodes,
      initializers: dedupe(initializers),
      inputs: [{ name: ONNX_INPUT, elemType: DT_DOUBLE, dims: ['N', numFeatures], doc: 'rows in feature order, NaN = missing' }],
      outputs: [
        { name: 'raw', elemType: DT_DOUBLE, dims: ['N', numOutputs] },
        { name: 'prediction', elemType: DT_DOUBLE, dims: ['N', predictionWidth] },
        ...(hasClass ? [{ name: 'class', elemType: DT_INT64, dims: ['N'] }] : []),
      ],
    },
  });
  return { bytes, ensembleTrees: e.roots.length, ensembleNodes: e.featureIds.length, ensembleType: ensembleFloat ? 'float' : 'double', hasClass, predictionWidth };
}

/** Constants named twice (e.g. `one`) are written once. */
function dedupe(tensors: Tensor[]): Tensor[] {
  const seen = new Set<string>();
  return tensors.filter((tensor) => (seen.has(tensor.name!) ? false : (seen.add(tensor.name!), true)));
}
