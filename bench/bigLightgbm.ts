/**
 * A deterministic generator of big, realistic LightGBM v4 `model.txt` files (binary objective, as
 * LightGBM 4.x writes them; FORMATS.md B), for benchmarks and tests. Never committed: benches write
 * one to a temp folder and delete it. `scripts/make-big-lightgbm.mjs` is the command-line front.
 *
 * What makes it realistic:
 * - Trees grow leaf-wise as LightGBM grows them: split k turns a leaf into internal node k, whose
 *   left child keeps the leaf's index and whose right child is the new leaf k + 1 (`Tree::Split`).
 * - Every key of a v4 tree block in LightGBM's order, with its print format: `%.17g` thresholds,
 *   leaf values and weights; `%g` gains, internal values and weights; integer counts that add up
 *   (a node's count is the sum of its children's); `decision_type` 2 (default left, missing None),
 *   8 and 10 (missing NaN, default right / left) per feature as in the corpus; zero-threshold splits
 *   (`1.0000000180025095e-35`) on sparse features; tree 0 carries the initial score with shrinkage 1.
 * - Header with `tree_sizes` (the exact byte length of each tree block with its two trailing blank
 *   lines), feature importances (split counts, zeros omitted), a full parameters block and
 *   `pandas_categorical:null`.
 *
 * The file is written streaming: tree blocks go to a side file in chunks while their sizes are
 * counted, then the header (which needs the sizes), the blocks and the footer are put together. No
 * more than one chunk of text is held at a time.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

export interface BigLightgbmOptions {
  trees?: number;
  leaves?: number;
  features?: number;
  /** PRNG seed; the same seed and sizes give the same bytes. */
  seed?: number;
}

export interface BigLightgbmFile {
  path: string;
  bytes: number;
  trees: number;
  leaves: number;
  features: number;
}

export const BIG_LIGHTGBM_DEFAULTS = { trees: 500, leaves: 255, features: 28, seed: 20_251_205 } as const;

const LEARNING_RATE = 0.1;
const TRAINING_ROWS = 1_000_000;
/** LightGBM's kZeroThreshold (1e-35f widened to double), used as the threshold of splits at zero. */
const ZERO_THRESHOLD = 1.0000000180025095e-35;
const CHUNK_CHARS = 1 << 20;

/** mulberry32: a small deterministic 32-bit PRNG; `next()` is uniform in [0, 1) with 53 bits. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  private next32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  next(): number {
    return ((this.next32() >>> 5) * 67108864 + (this.next32() >>> 6)) / 9007199254740992;
  }
  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Roughly normal (Irwin–Hall of 4), mean 0, standard deviation 1. */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }
}

/**
 * C's `%.{precision}g` (what LightGBM's writers produce): shortest of fixed or exponent form with
 * trailing zeros removed, exponent with a sign and at least two digits.
 */
export function formatG(value: number, precision: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const exponential = value.toExponential(precision - 1);
  const at = exponential.indexOf('e');
  const exponent = Number(exponential.slice(at + 1));
  if (exponent < -4 || exponent >= precision) {
    const mantissa = stripZeros(exponential.slice(0, at));
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  return stripZeros(value.toFixed(precision - 1 - exponent));
}

function stripZeros(text: string): string {
  if (!text.includes('.')) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}

type FeatureKind = 'continuous' | 'integer' | 'sparse';

interface Feature {
  kind: FeatureKind;
  min: number;
  max: number;
  /** Missing type NaN (decision types 8 and 10) or None (decision type 2). */
  nanMissing: boolean;
}

function makeFeatures(count: number, random: SeededRandom): Feature[] {
  const features: Feature[] = [];
  for (let index = 0; index < count; index++) {
    const draw = random.next();
    const kind: FeatureKind = draw < 0.8 ? 'continuous' : draw < 0.92 ? 'integer' : 'sparse';
    let min: number;
    let max: number;
    if (kind === 'integer') {
      min = random.below(5) - (random.next() < 0.2 ? 20 : 0);
      max = min + 5 + random.below(600);
    } else if (kind === 'sparse') {
      min = 0;
      max = Math.round(random.next() * 30_000 * 100) / 100 + 1;
    } else {
      const scale = 10 ** (random.below(6) - 2);
      min = Math.round((random.next() - 0.3) * scale * 1e4) / 1e4;
      max = min + Math.round((0.5 + random.next()) * scale * 1e4) / 1e4;
    }
    features.push({ kind, min, max, nanMissing: random.next() < 0.6 });
  }
  return features;
}

function featureInfo(feature: Feature): string {
  return `[${formatG(feature.min, 17)}:${formatG(feature.max, 17)}]`;
}

/** A split threshold of `feature` as LightGBM finds them: a bin boundary (a midpoint), an exact double. */
function thresholdOf(feature: Feature, random: SeededRandom): number {
  if (feature.kind === 'integer') {
    const k = feature.min + random.below(Math.max(1, feature.max - feature.min));
    // Bin boundaries are computed midpoints; about half land one ulp above k + 0.5.
    return random.next() < 0.5 ? k + 0.5 : (k + 0.5) * (1 + 2 ** -52);
  }
  if (feature.kind === 'sparse' && random.next() < 0.5) return ZERO_THRESHOLD;
  const span = feature.max - feature.min;
  const a = Math.round((feature.min + span * random.next() * 0.98) * 1e3) / 1e3;
  const b = a + Math.round(span * 0.004 * random.next() * 1e3 + 1) / 1e3;
  return (a + b) / 2;
}

/** Feature chosen for a split: a few features carry most splits, as in real models. */
function pickFeature(order: Int32Array, random: SeededRandom): number {
  const r = random.next();
  return order[Math.floor(r * r * order.length)];
}

/** The text of tree block `index` (with its two trailing blank lines); counts splits per feature. */
function treeBlock(index: number, treeCount: number, leaves: number, features: Feature[], order: Int32Array, random: SeededRandom, importance: Int32Array): string {
  const internal = leaves - 1;
  const left = new Int32Array(internal);
  const right = new Int32Array(internal);
  const leafParent = new Int32Array(leaves).fill(-1);
  const leafIsRight = new Uint8Array(leaves);
  // Leaf-wise growth: split s turns leaf `chosen` into internal node s (left keeps ~chosen, right is ~(s + 1)).
  for (let split = 0; split < internal; split++) {
    const chosen = random.below(split + 1);
    const parent = leafParent[chosen];
    if (parent >= 0) {
      if (leafIsRight[chosen]) right[parent] = split;
      else left[parent] = split;
    }
    left[split] = ~chosen;
    right[split] = ~(split + 1);
    leafParent[chosen] = split;
    leafIsRight[chosen] = 0;
    leafParent[split + 1] = split;
    leafIsRight[split + 1] = 1;
  }
  // Counts top-down (a child's index is always above its parent's), weights and values bottom-up.
  const internalCount = new Float64Array(internal);
  const leafCount = new Float64Array(leaves);
  internalCount[0] = TRAINING_ROWS;
  for (let node = 0; node < internal; node++) {
    const count = internalCount[node];
    const leftCount = Math.min(count, Math.max(0, Math.round(count * (0.2 + 0.6 * random.next()))));
    const assign = (child: number, value: number) => {
      if (child >= 0) internalCount[child] = value;
      else leafCount[~child] = value;
    };
    assign(left[node], leftCount);
    assign(right[node], count - leftCount);
  }
  const hessian = 0.15 + 0.08 * Math.exp(-index / 50);
  const leafWeight = new Float64Array(leaves);
  const leafValue = new Float64Array(leaves);
  const base = index === 0 ? -1.3862943611198906 : 0;
  const scale = index === 0 ? 0.1 : LEARNING_RATE * (0.2 + 0.8 * Math.exp(-index / (treeCount / 4 + 1)));
  for (let leaf = 0; leaf < leaves; leaf++) {
    leafWeight[leaf] = leafCount[leaf] * hessian * (0.9 + 0.2 * random.next());
    leafValue[leaf] = base + scale * random.normal();
  }
  const internalWeight = new Float64Array(internal);
  const internalValue = new Float64Array(internal);
  for (let node = internal - 1; node >= 0; node--) {
    const weightOf = (child: number) => (child >= 0 ? internalWeight[child] : leafWeight[~child]);
    const valueOf = (child: number) => (child >= 0 ? internalValue[child] : leafValue[~child]);
    const leftWeight = weightOf(left[node]);
    const rightWeight = weightOf(right[node]);
    internalWeight[node] = leftWeight + rightWeight;
    internalValue[node] = leftWeight + rightWeight > 0 ? (valueOf(left[node]) * leftWeight + valueOf(right[node]) * rightWeight) / (leftWeight + rightWeight) : 0;
  }

  const splitFeature: string[] = new Array(internal);
  const splitGain: string[] = new Array(internal);
  const threshold: string[] = new Array(internal);
  const decisionType: string[] = new Array(internal);
  const topGain = 5000 * Math.exp(-index / 100) + 40;
  for (let node = 0; node < internal; node++) {
    const featureIndex = pickFeature(order, random);
    const feature = features[featureIndex];
    importance[featureIndex]++;
    splitFeature[node] = String(featureIndex);
    splitGain[node] = formatG(topGain * (0.3 + 0.7 * random.next()) * Math.exp((-3 * node) / internal), 6);
    threshold[node] = formatG(thresholdOf(feature, random), 17);
    decisionType[node] = feature.nanMissing ? (random.next() < 0.6 ? '10' : '8') : '2';
  }
  const joinExact = (values: Float64Array) => Array.from(values, (value) => formatG(value, 17)).join(' ');
  const joinShort = (values: Float64Array) => Array.from(values, (value) => formatG(value, 6)).join(' ');
  return (
    `Tree=${index}\n` +
    `num_leaves=${leaves}\n` +
    `num_cat=0\n` +
    `split_feature=${splitFeature.join(' ')}\n` +
    `split_gain=${splitGain.join(' ')}\n` +
    `threshold=${threshold.join(' ')}\n` +
    `decision_type=${decisionType.join(' ')}\n` +
    `left_child=${left.join(' ')}\n` +
    `right_child=${right.join(' ')}\n` +
    `leaf_value=${joinExact(leafValue)}\n` +
    `leaf_weight=${joinExact(leafWeight)}\n` +
    `leaf_count=${leafCount.join(' ')}\n` +
    `internal_value=${joinShort(internalValue)}\n` +
    `internal_weight=${joinShort(internalWeight)}\n` +
    `internal_count=${internalCount.join(' ')}\n` +
    `is_linear=0\n` +
    `shrinkage=${index === 0 ? 1 : LEARNING_RATE}\n\n\n`
  );
}

function parametersBlock(trees: number, leaves: number): string {
  const parameters: Array<[string, string | number]> = [
    ['boosting', 'gbdt'], ['objective', 'binary'], ['metric', 'binary_logloss'], ['tree_learner', 'serial'], ['device_type', 'cpu'],
    ['data', ''], ['valid', ''], ['num_iterations', trees], ['learning_rate', LEARNING_RATE], ['num_leaves', leaves], ['num_threads', 0],
    ['deterministic', 0], ['force_col_wise', 0], ['force_row_wise', 0], ['histogram_pool_size', -1], ['max_depth', -1],
    ['min_data_in_leaf', 20], ['min_sum_hessian_in_leaf', 0.001], ['bagging_fraction', 1], ['pos_bagging_fraction', 1],
    ['neg_bagging_fraction', 1], ['bagging_freq', 0], ['bagging_seed', 3], ['feature_fraction', 1], ['feature_fraction_bynode', 1],
    ['feature_fraction_seed', 2], ['extra_trees', 0], ['extra_seed', 6], ['early_stopping_round', 0], ['first_metric_only', 0],
    ['max_delta_step', 0], ['lambda_l1', 0], ['lambda_l2', 0], ['linear_lambda', 0], ['min_gain_to_split', 0], ['drop_rate', 0.1],
    ['max_drop', 50], ['skip_drop', 0.5], ['xgboost_dart_mode', 0], ['uniform_drop', 0], ['drop_seed', 4], ['top_rate', 0.2],
    ['other_rate', 0.1], ['min_data_per_group', 100], ['max_cat_threshold', 32], ['cat_l2', 10], ['cat_smooth', 10],
    ['max_cat_to_onehot', 4], ['top_k', 20], ['monotone_constraints', ''], ['monotone_constraints_method', 'basic'],
    ['monotone_penalty', 0], ['feature_contri', ''], ['forcedsplits_filename', ''], ['refit_decay_rate', 0.9], ['cegb_tradeoff', 1],
    ['cegb_penalty_split', 0], ['cegb_penalty_feature_lazy', ''], ['cegb_penalty_feature_coupled', ''], ['path_smooth', 0],
    ['interaction_constraints', ''], ['verbosity', 1], ['saved_feature_importance_type', 0], ['linear_tree', 0], ['max_bin', 255],
    ['max_bin_by_feature', ''], ['min_data_in_bin', 3], ['bin_construct_sample_cnt', 200000], ['data_random_seed', 1],
    ['is_enable_sparse', 1], ['enable_bundle', 1], ['use_missing', 1], ['zero_as_missing', 0], ['feature_pre_filter', 1],
    ['pre_partition', 0], ['two_round', 0], ['header', 0], ['label_column', ''], ['weight_column', ''], ['group_column', ''],
    ['ignore_column', ''], ['categorical_feature', ''], ['forcedbins_filename', ''], ['precise_float_parser', 0],
    ['parser_config_file', ''], ['objective_seed', 5], ['num_class', 1], ['is_unbalance', 0], ['scale_pos_weight', 1], ['sigmoid', 1],
    ['boost_from_average', 1], ['reg_sqrt', 0], ['alpha', 0.9], ['fair_c', 1], ['poisson_max_delta_step', 0.7],
    ['tweedie_variance_power', 1.5], ['lambdarank_truncation_level', 30], ['lambdarank_norm', 1], ['label_gain', ''], ['eval_at', ''],
    ['multi_error_top_k', 1], ['auc_mu_weights', ''], ['num_machines', 1], ['local_listen_port', 12400], ['time_out', 120],
    ['machine_list_filename', ''], ['machines', ''], ['gpu_platform_id', -1], ['gpu_device_id', -1], ['gpu_use_dp', 0], ['num_gpu', 1],
  ];
  return `parameters:\n${parameters.map(([key, value]) => `[${key}: ${value}]\n`).join('')}\nend of parameters\n`;
}

/** Writes all of `data` (a write may take only part of it); returns its byte length. */
function writeAll(fd: number, data: string | Buffer): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  return bytes.length;
}

function checkCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

/** Writes the model to `path` (replacing it) and returns what was written. */
export function writeBigLightgbm(path: string, options: BigLightgbmOptions = {}): BigLightgbmFile {
  const trees = checkCount('trees', options.trees ?? BIG_LIGHTGBM_DEFAULTS.trees, 1, 100_000);
  const leaves = checkCount('leaves', options.leaves ?? BIG_LIGHTGBM_DEFAULTS.leaves, 2, 131_072);
  const featureCount = checkCount('features', options.features ?? BIG_LIGHTGBM_DEFAULTS.features, 1, 100_000);
  const random = new SeededRandom(options.seed ?? BIG_LIGHTGBM_DEFAULTS.seed);
  const features = makeFeatures(featureCount, random);
  // A random order of the features, so the most-split ones are not simply the first columns.
  const order = Int32Array.from({ length: featureCount }, (_, index) => index);
  for (let index = featureCount - 1; index > 0; index--) {
    const other = random.below(index + 1);
    [order[index], order[other]] = [order[other], order[index]];
  }
  const importance = new Int32Array(featureCount);
  const sizes: number[] = [];

  const blocksPath = `${path}.trees.tmp`;
  const blocks = openSync(blocksPath, 'w+');
  let output: number | undefined;
  try {
    let pending: string[] = [];
    let pendingChars = 0;
    for (let index = 0; index < trees; index++) {
      const block = treeBlock(index, trees, leaves, features, order, random, importance);
      sizes.push(block.length); // ASCII only: characters are bytes.
      pending.push(block);
      pendingChars += block.length;
      if (pendingChars >= CHUNK_CHARS) {
        writeAll(blocks, pending.join(''));
        pending = [];
        pendingChars = 0;
      }
    }
    if (pending.length) writeAll(blocks, pending.join(''));

    const names = Array.from({ length: featureCount }, (_, index) => `Column_${index}`);
    const header =
      'tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\n' +
      `max_feature_idx=${featureCount - 1}\nobjective=binary sigmoid:1\n` +
      `feature_names=${names.join(' ')}\nfeature_infos=${features.map(featureInfo).join(' ')}\n` +
      `tree_sizes=${sizes.join(' ')}\n\n`;
    const ranked = [...importance.keys()].filter((index) => importance[index] > 0).sort((a, b) => importance[b] - importance[a] || a - b);
    const footer =
      `end of trees\n\nfeature_importances:\n${ranked.map((index) => `${names[index]}=${importance[index]}\n`).join('')}\n` +
      `${parametersBlock(trees, leaves)}\npandas_categorical:null\n`;

    output = openSync(path, 'w');
    let bytes = writeAll(output, header);
    const buffer = Buffer.allocUnsafe(CHUNK_CHARS * 4);
    for (let position = 0; ; ) {
      const read = readSync(blocks, buffer, 0, buffer.length, position);
      if (read === 0) break;
      bytes += writeAll(output, buffer.subarray(0, read));
      position += read;
    }
    bytes += writeAll(output, footer);
    return { path, bytes, trees, leaves, features: featureCount };
  } finally {
    closeSync(blocks);
    if (output !== undefined) closeSync(output);
    rmSync(blocksPath, { force: true });
  }
}
