/*
 * The model compiler (issue 11): a model whose splits are numeric comparisons (`<=`, or `<` where
 * flat.ts could not fold it; NaN, or 0 and NaN, to either side), categorical sets and indicators gets a small WebAssembly
 * module that walks a block of rows through every tree. The trees are data in the module's memory,
 * 16 bytes per node (see `encodeRecords`), and one loop steps eight rows down a tree together, choosing each child
 * with `select` on one integer comparison rather than a branch. The loop writes each row's leaf,
 * tree by tree, adds the leaf's addend to the row's sum for the plain boosting sums (the same double
 * or float32 arithmetic as the interpreter's loops in compile.ts) and, when asked, counts rows per
 * leaf. Everything else (transforms, linear leaves, votes, distributions) stays in compile.ts, so
 * the parity tests, which run both ways, check exactly what this file adds.
 *
 * Why a data-driven loop and not code generated per tree: a tree walk mispredicts about every other
 * branch, and branch-free steps of eight independent rows keep the processor busy instead. On the
 * 500 × 255-leaf model and 100k rows, in process: this loop 0.63 s; one generated function of nested
 * `if`s per tree 1.4 s as baseline code and 0.86 s once V8 had optimised it (after ~2.5 s of
 * compiling a 3.5 MB module); the interpreter 1.9 s. On a 300-tree depth-8 XGBoost model: 0.34 s,
 * against 0.53 s for the interpreter's branch-free walk of complete trees. The module is about 3 kB
 * whatever the model (6 kB with categorical decisions in line, 3.7 kB with them in a function where
 * the host refuses more), so it compiles at once, anywhere (a browser's main thread refuses
 * synchronous compiles beyond 4 kB), and no tree is too big for it. WebAssembly rather than
 * generated JS lets the renderer allow it with `'wasm-unsafe-eval'` alone. The encoder is written here because the
 * module needs about thirty opcodes and four sections; a general assembler (binaryen, wabt) would
 * add megabytes to the page and to every exported service.
 */
import { CATEGORY_LIMIT, ZERO_THRESHOLD } from './decide';
import type { FlatModel } from './flat';
import { CATEGORY_EXACT, CATEGORY_TRUNCATE, INDICATOR, NUMERIC_LE, NUMERIC_LE_ZERO, NUMERIC_LT, NUMERIC_LT_ZERO } from './flat';

/** What this file needs of the `WebAssembly` global (the domain core is typed with ES libraries only). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
}

/**
 * What the compiled trees may also add up: the plain boosting sums, which are then done in the
 * module (the interpreter's loops in compile.ts do the same arithmetic: a double sum of
 * weight × leaf value, or a float32 sum of leaf values rounded after each tree).
 */
export interface KernelSums {
  /** Per global leaf, what its tree adds: weight × value for double sums, the value for float32. */
  addend: Float64Array;
  /** Per tree, the output it adds to. */
  treeOutput: Int32Array;
  numOutputs: number;
  /** Round the running sum to float32 after each tree (XGBoost). */
  isFloat32: boolean;
}

/** Leaf finding (and the plain sums) for blocks of rows, compiled from one model. */
export interface TreeKernel {
  readonly kind: 'wasm';
  /** Rows of a block go here, row-major, `numFeatures` doubles each (a view of the module's memory). */
  readonly input: Float64Array;
  /** After `walk(count)`: tree t's leaf of row r at `t · count + r` (global leaf indices). */
  readonly leaves: Int32Array;
  /**
   * With sums: row r's running sum for output k at `r · numOutputs + k`. The caller sets the starting
   * values before `walk`, which adds every tree.
   */
  readonly accumulator: Float64Array | undefined;
  /**
   * Rows per global leaf, added to by every `walk` that counts, until the caller zeroes it (the
   * traffic overlay's counts, without reading every row's leaves back into JS).
   */
  readonly leafCounts: Int32Array;
  /** Finds the leaf of the first `count` rows of `input` in every tree; `isCounting` adds them to `leafCounts`. */
  walk(count: number, isCounting?: boolean): void;
  /**
   * Runs every tree once on a row of missing values, so the engine compiles the walk now (V8
   * compiles WebAssembly functions lazily, on their first call) and the trees' records are in
   * memory. Leaves the input as it was.
   */
  warm(): void;
  /** Size of the generated module in bytes. */
  readonly moduleBytes: number;
}

/** Why a model is scored by the interpreter instead. */
export interface KernelRefusal {
  readonly kind: 'interpreter';
  readonly reason: string;
  readonly isRefused: true;
}

/** The most memory a kernel may take: its block of rows (values and keys), one block's leaves of every tree, the node records and category sets. */
const KERNEL_MEMORY_LIMIT = 256 * 1024 * 1024;
/** The most the category sets may take as bitsets (a set's size follows its largest category, a number in the file). */
const BITSET_MEMORY_LIMIT = 64 * 1024 * 1024;
const PAGE_BYTES = 65_536;

/**
 * Compiles the trees of `flat` for blocks of up to `blockRows` rows, or says why not. Synchronous,
 * so it runs wherever scoring runs; where the host refuses to compile, the refusal says so and the
 * caller keeps the interpreter.
 */
export function compileTreeKernel(flat: FlatModel, blockRows: number, sums?: KernelSums, float32Input = false): TreeKernel | KernelRefusal {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return refusal('this runtime has no WebAssembly');
  const hasZeroSplits = flat.kind.includes(NUMERIC_LE_ZERO) || flat.kind.includes(NUMERIC_LT_ZERO);
  const categoryMatch = flat.kind.includes(CATEGORY_EXACT) ? (flat.kind.includes(CATEGORY_TRUNCATE) ? undefined : 'exact') : flat.kind.includes(CATEGORY_TRUNCATE) ? 'truncate' : 'none';
  if (categoryMatch === undefined) return refusal('the model matches categories both exactly and truncated, which the compiler does not cover');
  const bitsetWords = categoryMatch === 'none' ? 0 : countBitsetWords(flat, categoryMatch === 'exact');
  if (bitsetWords < 0) return refusal('the model matches a category exactly that is not a whole number from 0 to 2^24 − 1, which the compiler does not cover');
  if (bitsetWords * 4 > BITSET_MEMORY_LIMIT) return refusal(`the model's category sets would take ${Math.ceil((bitsetWords * 4) / 1048576)} MB as bitsets`);
  const numFeatures = flat.numFeatures;
  const numTrees = flat.roots.length;
  const inputBytes = blockRows * numFeatures * 8;
  const leavesAt = inputBytes;
  const accumulatorAt = align8(leavesAt + blockRows * numTrees * 4);
  const addendAt = accumulatorAt + (sums ? blockRows * sums.numOutputs * 8 : 0);
  const countsAt = addendAt + (sums ? sums.addend.length * 8 : 0);
  const numLeaves = flat.leafKind.length;
  const treesAt = align8(countsAt + numLeaves * 4);
  const depthsAt = treesAt + numTrees * 8;
  const keysAt = align8(depthsAt + numTrees * 4);
  // A value's keys (see the comment above LANES): NaN right, NaN left, [0 or NaN right, 0 or NaN left,] [its category].
  const zeroKeysAt = hasZeroSplits ? KEY_BYTES : -1;
  const categoryKeyAt = categoryMatch === 'none' ? -1 : KEY_BYTES + (hasZeroSplits ? ZERO_KEY_BYTES : 0);
  const keyBytes = KEY_BYTES + (hasZeroSplits ? ZERO_KEY_BYTES : 0) + (categoryMatch === 'none' ? 0 : CATEGORY_KEY_BYTES);
  const keyRowBytes = numFeatures * keyBytes;
  const recordsAt = keysAt + blockRows * keyRowBytes;
  const records = recordCount(flat);
  const bitsetsAt = recordsAt + records * RECORD_BYTES;
  const totalBytes = bitsetsAt + bitsetWords * 4;
  if (totalBytes > KERNEL_MEMORY_LIMIT) return refusal(`a block of ${blockRows} rows would take ${Math.ceil(totalBytes / 1048576)} MB of compiled-model memory`);
  const layout: Layout = {
    inputBytes: numFeatures * 8,
    keyBytes,
    zeroKeysAt,
    categoryKeyAt,
    keyRowBytes,
    numTrees,
    leavesAt,
    accumulatorAt,
    addendAt,
    countsAt,
    treesAt,
    depthsAt,
    keysAt,
    recordsAt,
    pages: Math.ceil(totalBytes / PAGE_BYTES) || 1,
    sums,
    categories: categoryMatch === 'none' ? undefined : { isExact: categoryMatch === 'exact', float32Input, isInline: true },
  };
  let bytes = encodeModule(layout);
  let exports: Record<string, unknown>;
  try {
    exports = new wasm.Instance(new wasm.Module(bytes)).exports;
  } catch (error) {
    if (!layout.categories) return refusal(`WebAssembly refused the compiled model: ${(error as Error).message}`);
    // Categorical decisions in line make a module of about 6 kB, and a browser's main thread compiles
    // at most 4 kB synchronously: there, each step calls one function for them (20–30% slower).
    layout.categories.isInline = false;
    bytes = encodeModule(layout);
    try {
      exports = new wasm.Instance(new wasm.Module(bytes)).exports;
    } catch (secondError) {
      return refusal(`WebAssembly refused the compiled model: ${(secondError as Error).message}`);
    }
  }
  const memory = exports.memory as { buffer: ArrayBuffer };
  const walk = exports.walk as (count: number, isCounting: number) => void;
  const roots = new Int32Array(numTrees);
  encodeRecords(flat, layout, new DataView(memory.buffer), roots, new Int32Array(memory.buffer, depthsAt, numTrees), bitsetsAt);
  const trees = new Int32Array(memory.buffer, treesAt, 2 * numTrees);
  for (let tree = 0; tree < numTrees; tree++) {
    trees[2 * tree] = roots[tree];
    trees[2 * tree + 1] = sums ? sums.treeOutput[tree] * 8 : 0;
  }
  if (sums) new Float64Array(memory.buffer, addendAt, sums.addend.length).set(sums.addend);
  return {
    kind: 'wasm',
    input: new Float64Array(memory.buffer, 0, blockRows * numFeatures),
    leaves: new Int32Array(memory.buffer, leavesAt, blockRows * numTrees),
    accumulator: sums ? new Float64Array(memory.buffer, accumulatorAt, blockRows * sums.numOutputs) : undefined,
    leafCounts: new Int32Array(memory.buffer, countsAt, numLeaves),
    walk: (count, isCounting = false) => {
      if (!(count >= 0 && count <= blockRows)) throw new RangeError(`a compiled block holds 1 to ${blockRows} rows, got ${count}`);
      walk(count, isCounting ? 1 : 0);
    },
    warm: () => {
      const saved = new Float64Array(memory.buffer, 0, numFeatures).slice();
      new Float64Array(memory.buffer, 0, numFeatures).fill(NaN);
      walk(1, 0);
      new Float64Array(memory.buffer, 0, numFeatures).set(saved);
    },
    moduleBytes: bytes.length,
  };
}

function refusal(reason: string): KernelRefusal {
  return { kind: 'interpreter', reason, isRefused: true };
}

function align8(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

/** Where the module keeps things, and what its trees add up. */
interface Layout {
  /** Bytes of a row in the input block (a double per feature). */
  inputBytes: number;
  /** Bytes of one input value's keys (see `encodeKeys`). */
  keyBytes: number;
  /** Where in a value's keys the two keys of zero-as-missing splits are, −1 without such splits. */
  zeroKeysAt: number;
  /** Where in a value's keys its category is, −1 without categorical splits. */
  categoryKeyAt: number;
  /** Bytes of a row's keys. */
  keyRowBytes: number;
  numTrees: number;
  leavesAt: number;
  accumulatorAt: number;
  addendAt: number;
  countsAt: number;
  /** Per tree 8 bytes: its root's record offset, and its output's byte offset in a row's sums. */
  treesAt: number;
  /** Per tree 4 bytes: its depth (the most steps from its root to a leaf). */
  depthsAt: number;
  /** The block's rows as keys. */
  keysAt: number;
  recordsAt: number;
  pages: number;
  sums: KernelSums | undefined;
  /**
   * How a model with categorical splits matches a value against a set (undefined: no such splits),
   * and whether each step decides a categorical split in line or calls a function for it.
   */
  categories: { isExact: boolean; float32Input: boolean; isInline: boolean } | undefined;
}

// Opcodes and types (WebAssembly core spec 1.0).
const OP_BLOCK = 0x02;
const OP_LOOP = 0x03;
const OP_IF = 0x04;
const OP_ELSE = 0x05;
const OP_END = 0x0b;
const OP_BR = 0x0c;
const OP_BR_IF = 0x0d;
const OP_RETURN = 0x0f;
const OP_CALL = 0x10;
const OP_SELECT = 0x1b;
const OP_LOCAL_GET = 0x20;
const OP_LOCAL_SET = 0x21;
const OP_LOCAL_TEE = 0x22;
const OP_I32_LOAD = 0x28;
const OP_I64_LOAD = 0x29;
const OP_F64_LOAD = 0x2b;
const OP_I32_STORE = 0x36;
const OP_I64_STORE = 0x37;
const OP_F64_STORE = 0x39;
const OP_I32_CONST = 0x41;
const OP_I64_CONST = 0x42;
const OP_F64_CONST = 0x44;
const OP_I32_EQZ = 0x45;
const OP_I32_EQ = 0x46;
const OP_I32_LT_S = 0x48;
const OP_I32_LT_U = 0x49;
const OP_I32_GT_S = 0x4a;
const OP_I32_GE_S = 0x4e;
const OP_I64_GT_S = 0x55;
const OP_F64_EQ = 0x61;
const OP_F64_NE = 0x62;
const OP_F64_LT = 0x63;
const OP_F64_GT = 0x64;
const OP_F64_LE = 0x65;
const OP_F64_GE = 0x66;
const OP_I32_ADD = 0x6a;
const OP_I32_SUB = 0x6b;
const OP_I32_MUL = 0x6c;
const OP_I32_AND = 0x71;
const OP_I32_OR = 0x72;
const OP_I32_SHL = 0x74;
const OP_I32_XOR = 0x73;
const OP_I32_SHR_U = 0x76;
const OP_I64_AND = 0x83;
const OP_I64_XOR = 0x85;
const OP_I64_SHR_S = 0x87;
const OP_F64_TRUNC = 0x9d;
const OP_F64_ADD = 0xa0;
const OP_I32_TRUNC_F64_S = 0xaa;
const OP_F32_DEMOTE_F64 = 0xb6;
const OP_F64_PROMOTE_F32 = 0xbb;
const OP_I64_REINTERPRET_F64 = 0xbd;
const TYPE_I32 = 0x7f;
const TYPE_I64 = 0x7e;
const TYPE_F64 = 0x7c;
const TYPE_EMPTY = 0x40;

/** A growing byte buffer with the encodings the module needs. */
class Bytes {
  private buffer = new Uint8Array(1024);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /** Unsigned LEB128. */
  unsigned(value: number): void {
    this.reserve(5);
    do {
      let byte = value & 0x7f;
      value >>>= 7;
      if (value !== 0) byte |= 0x80;
      this.buffer[this.length++] = byte;
    } while (value !== 0);
  }

  /** Signed LEB128 of a 32-bit integer. */
  signed(value: number): void {
    this.reserve(5);
    for (;;) {
      const byte = value & 0x7f;
      value >>= 7;
      const isDone = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
      this.buffer[this.length++] = isDone ? byte : byte | 0x80;
      if (isDone) return;
    }
  }

  /** Signed LEB128 of a 64-bit integer. */
  signed64(value: bigint): void {
    for (;;) {
      const byte = Number(value & 0x7fn);
      value >>= 7n;
      const isDone = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
      this.byte(isDone ? byte : byte | 0x80);
      if (isDone) return;
    }
  }

  f64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  append(other: Bytes): void {
    this.reserve(other.length);
    this.buffer.set(other.buffer.subarray(0, other.length), this.length);
    this.length += other.length;
  }

  /** A section or function body: its byte length, then its bytes. */
  sized(other: Bytes): void {
    this.unsigned(other.length);
    this.append(other);
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/*
 * The module: one memory (the input block at 0, then the leaves, the running sums, each leaf's
 * addend, rows per leaf, the tree table, the trees' step counts, the block's keys, the node records
 * and the category sets) and one exported function, `walk(count, counting)`.
 *
 * Comparisons are on 64-bit integer keys, not doubles. A double's key orders as the double does
 * (its bits, with every bit but the sign flipped for a negative number; -0 as +0), so `x <= t` is
 * `key(x) <= key(t)` and `x < t` is `key(x) <= key(t) − 1`. `walk` first turns each input value into
 * two keys, one for splits that send NaN right (NaN above every threshold) and one for splits that
 * send it left (NaN below every threshold), and each split reads the one for its side. A step is
 * then one integer comparison, whatever the split's NaN side or operator. With LightGBM's
 * zero-as-missing splits a value has two more keys, the same with 0 (|x| ≤ kZeroThreshold) where
 * NaN is, which those splits read.
 *
 * A node record is 16 bytes:
 *   - bytes 0–7: a split's threshold key (`x` goes right when its key is greater), or for a leaf
 *     LEAF_KEY + its global index, below every key an input can have;
 *   - bytes 8–11: the byte offset, in a row's keys, of the key the split compares (0 for a leaf);
 *   - bytes 12–15: the right child's record offset. The left child is the next record (each tree is
 *     laid out in preorder), and a leaf's right child is itself, so a row that has reached its leaf
 *     stays there.
 *
 * Categorical splits (LightGBM's and XGBoost's, which truncate a value to its category, or Spark's,
 * which match it exactly; one or the other in a model): each input value also gets one more key, its
 * category (−1 for a value no set can hold, −2 for NaN; see `encodeCategoryKey`), and the split's
 * record says so by a negative key offset:
 *   - bytes 0–3: the address of the split's set, a bitset of 32-bit words;
 *   - bytes 4–7: the set's length in bits, with bit 29 set when the set's side is the left child
 *     and bit 30 when NaN goes right;
 *   - bytes 8–11: the category key's byte offset in a row's keys, with the sign bit set;
 *   - bytes 12–15: the right child, as for any split.
 * A model without categorical splits gets the module without that branch.
 *
 * `walk` runs tree after tree over the block (a tree's records stay in cache across the block) and
 * steps LANES rows down each tree together: one step moves every lane one level, choosing the child
 * with `select` rather than a branch, and the lanes' loads are independent, so the processor
 * overlaps them. The steps stop when every lane is at a leaf, or, for a tree as deep everywhere as
 * LANES rows go (a complete tree), after its depth, with no test (see `isFixedStepping`). The rows
 * after the last whole group go one at a time, a lane per tree (see `encodeWalk`).
 */
const LANES = 8;
const RECORD_BYTES = 16;
/** A value's keys: where NaN goes right, where NaN goes left. */
const KEY_BYTES = 16;
/** With zero-as-missing splits, two more: where 0 and NaN go right, where they go left. */
const ZERO_KEY_BYTES = 16;
/** With categorical splits, the category (4 bytes, then 4 unused). */
const CATEGORY_KEY_BYTES = 8;
/** A category key no set holds: a negative value, beyond CATEGORY_LIMIT, or not whole for exact matching. */
const NO_CATEGORY = -1;
/** The category key of NaN. */
const NAN_CATEGORY = -2;
/** In a categorical record's bytes 4–7: the set's length in bits, and its two side flags. */
const SET_BITS_MASK = 0x1fffffff;
const SET_LEFT_SHIFT = 29;
const NAN_RIGHT_SHIFT = 30;
const CATEGORICAL_RECORD = 0x80000000 | 0;
/** Key of NaN where it goes right: above every double's key. */
const NAN_RIGHT_KEY = 0x7fffffffffffffffn;
/** Key of NaN where it goes left: below −∞'s key (−2^63 + 2^52 − 1), above every leaf's key. */
const NAN_LEFT_KEY = -(2n ** 63n) + 2n ** 51n;
/** A leaf's key is this plus its global index: below every input's key, so a leaf always "goes right". */
const LEAF_KEY_HIGH = 0x80000000 | 0;
/** Flips every bit but the sign of a negative double's bits. */
const NEGATIVE_FLIP = 0x7fffffffffffffffn;

/**
 * The records of every tree (preorder) and the category sets after them (at `bitsetsAt`), each
 * tree's root record offset, and its fixed step count (0: stepped until every lane is at a leaf).
 */
function encodeRecords(flat: FlatModel, layout: Layout, memory: DataView, roots: Int32Array, depths: Int32Array, bitsetsAt: number): void {
  const recordsAt = layout.recordsAt;
  const keyBytes = layout.keyBytes;
  let at = 0;
  let bitsetAt = bitsetsAt;
  const stack: number[] = [];
  // Per depth, the chance that a row's leaf is there (see isFixedStepping).
  const leafShare: number[] = [];
  for (let tree = 0; tree < flat.roots.length; tree++) {
    roots[tree] = at;
    let deepest = 0;
    leafShare.length = 0;
    // Entries: (node, its depth, offset of the record whose right child it is, or -1).
    stack.push(flat.roots[tree], 0, -1);
    while (stack.length > 0) {
      const parent = stack.pop()!;
      const depth = stack.pop()!;
      const node = stack.pop()!;
      if (depth > deepest) deepest = depth;
      const address = recordsAt + at;
      if (parent >= 0) memory.setInt32(recordsAt + parent + 12, at, true);
      if (node < 0) {
        while (leafShare.length <= depth) leafShare.push(0);
        leafShare[depth] += 2 ** -depth;
        memory.setInt32(address, ~node, true);
        memory.setInt32(address + 4, LEAF_KEY_HIGH, true);
        memory.setInt32(address + 8, 0, true);
        memory.setInt32(address + 12, at, true);
      } else {
        const left = flat.children[2 * node];
        const right = flat.children[2 * node + 1];
        const kind = flat.kind[node];
        if (kind === CATEGORY_TRUNCATE || kind === CATEGORY_EXACT) {
          const words = setWords(flat, node);
          for (let index = flat.categoryStart[node]; index < flat.categoryEnd[node]; index++) {
            const category = flat.categories[index];
            if (!isCategoryKey(category)) continue;
            const word = bitsetAt + 4 * (category >>> 5);
            memory.setInt32(word, memory.getInt32(word, true) | (1 << (category & 31)), true);
          }
          memory.setInt32(address, bitsetAt, true);
          const isSetLeft = flat.inSet[node] === left ? 1 : 0;
          const isNanRight = flat.missing[node] === right ? 1 : 0;
          memory.setInt32(address + 4, (32 * words) | (isSetLeft << SET_LEFT_SHIFT) | (isNanRight << NAN_RIGHT_SHIFT), true);
          memory.setInt32(address + 8, CATEGORICAL_RECORD | (flat.feature[node] * keyBytes + layout.categoryKeyAt), true);
          bitsetAt += 4 * words;
        } else if (kind === INDICATOR) {
          // Present → its side, NaN → the other: `x <= +∞` with NaN right, or `x < −∞` with NaN left.
          const isPresentLeft = flat.inSet[node] === left;
          writeThresholdKey(memory, address, isPresentLeft ? Infinity : -Infinity, !isPresentLeft);
          memory.setInt32(address + 8, flat.feature[node] * keyBytes + (isPresentLeft ? 0 : 8), true);
        } else {
          // LightGBM's zero_as_missing reads the keys that put 0 (|x| ≤ kZeroThreshold) with NaN.
          const keysAt = kind === NUMERIC_LE_ZERO || kind === NUMERIC_LT_ZERO ? layout.zeroKeysAt : 0;
          writeThresholdKey(memory, address, flat.threshold[node], kind === NUMERIC_LT || kind === NUMERIC_LT_ZERO);
          memory.setInt32(address + 8, flat.feature[node] * keyBytes + keysAt + (flat.missingRight[node] === 1 ? 0 : 8), true);
        }
        stack.push(right, depth + 1, at, left, depth + 1, -1);
      }
      at += RECORD_BYTES;
    }
    depths[tree] = isFixedStepping(leafShare, deepest) ? deepest : 0;
  }
}

/**
 * Whether a category in a set can ever match: the key of a value is a whole number from 0 up to
 * CATEGORY_LIMIT (truncated from the value, or the value itself when matching exactly), so only
 * such categories can. Others never match (a truncated value is whole) and take no bit.
 */
function isCategoryKey(category: number): boolean {
  return Number.isInteger(category) && category >= 0 && category < CATEGORY_LIMIT;
}

/** Words of a categorical split's bitset: up to its largest category that can match (at least one word). */
function setWords(flat: FlatModel, node: number): number {
  let largest = 0;
  for (let index = flat.categoryStart[node]; index < flat.categoryEnd[node]; index++) {
    const category = flat.categories[index];
    if (isCategoryKey(category) && category > largest) largest = category;
  }
  return (largest >>> 5) + 1;
}

/**
 * The bitset words of every categorical split, or −1 when matching exactly against a set that holds
 * a value no key can be (not a whole number from 0 to CATEGORY_LIMIT − 1): the interpreter matches it.
 */
function countBitsetWords(flat: FlatModel, isExact: boolean): number {
  let words = 0;
  for (let node = 0; node < flat.kind.length; node++) {
    if (flat.kind[node] !== CATEGORY_TRUNCATE && flat.kind[node] !== CATEGORY_EXACT) continue;
    if (isExact) {
      for (let index = flat.categoryStart[node]; index < flat.categoryEnd[node]; index++) if (!isCategoryKey(flat.categories[index])) return -1;
    }
    words += setWords(flat, node);
  }
  return words;
}

/**
 * How much a step without the test of whether every lane is at its leaf costs against one with it
 * (300 XGBoost trees of depth 8 and 100k rows, stepped their depth every time: 17% faster).
 */
const UNTESTED_STEP_COST = 0.85;

/**
 * Whether LANES rows step down a tree its depth times, untested, rather than until every lane is at
 * a leaf: when the deepest leaf is about as far as LANES rows go anyway. That holds for a complete
 * tree (XGBoost's depth-wise trees), not for a leaf-wise tree, whose few deep leaves few rows reach
 * (LightGBM's: 1.4× slower on 500 × 255-leaf trees). Rows are taken to go either way at each split
 * with equal chance: `leafShare[d]` is the chance that a row's leaf is d steps down, and the expected
 * deepest of LANES rows is the sum over d of the chance that some lane goes past depth d.
 */
export function isFixedStepping(leafShare: readonly number[], deepest: number): boolean {
  let reached = 0;
  let expectedSteps = 0;
  for (let depth = 0; depth < deepest; depth++) {
    reached += leafShare[depth];
    expectedSteps += 1 - reached ** LANES;
  }
  return deepest > 0 && deepest * UNTESTED_STEP_COST <= expectedSteps;
}

/**
 * A split's threshold key at `at`: key(t) for `x <= t`, key(t) − 1 for `x < t`. A NaN threshold
 * sends every number right (`x <= NaN` is false) and NaN to its own side: NAN_LEFT_KEY does both.
 */
function writeThresholdKey(records: DataView, at: number, threshold: number, isLess: boolean): void {
  if (threshold !== threshold) {
    records.setBigInt64(at, NAN_LEFT_KEY, true);
    return;
  }
  records.setFloat64(at, threshold === 0 ? 0 : threshold, true);
  let key = records.getBigInt64(at, true);
  if (key < 0n) key ^= NEGATIVE_FLIP;
  records.setBigInt64(at, isLess ? key - 1n : key, true);
}

/** Records in the trees of `flat`: every split and leaf reached from a root. */
function recordCount(flat: FlatModel): number {
  let count = 0;
  const stack: number[] = [];
  for (let tree = 0; tree < flat.roots.length; tree++) {
    stack.push(flat.roots[tree]);
    while (stack.length > 0) {
      const node = stack.pop()!;
      count++;
      if (node >= 0) stack.push(flat.children[2 * node], flat.children[2 * node + 1]);
    }
  }
  return count;
}

function encodeModule(layout: Layout): Uint8Array {
  const module = new Bytes();
  for (const byte of [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]) module.byte(byte);

  // With categorical splits, a second function: the categorical decision (see `encodeCategoryStep`).
  const functionCount = layout.categories && !layout.categories.isInline ? 2 : 1;
  const types = new Bytes();
  types.unsigned(functionCount);
  // walk (count, counting) → ().
  types.byte(0x60);
  types.unsigned(2);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.unsigned(0);
  if (functionCount === 2) {
    // goesRight (record, row, offset) → i32.
    types.byte(0x60);
    types.unsigned(3);
    types.byte(TYPE_I32);
    types.byte(TYPE_I32);
    types.byte(TYPE_I32);
    types.unsigned(1);
    types.byte(TYPE_I32);
  }
  section(module, 1, types);

  const functions = new Bytes();
  functions.unsigned(functionCount);
  for (let index = 0; index < functionCount; index++) functions.unsigned(index);
  section(module, 3, functions);

  const memory = new Bytes();
  memory.unsigned(1);
  memory.byte(0x01); // min and max
  memory.unsigned(layout.pages);
  memory.unsigned(layout.pages);
  section(module, 5, memory);

  const exports = new Bytes();
  exports.unsigned(2);
  name(exports, 'memory');
  exports.byte(0x02);
  exports.unsigned(0);
  name(exports, 'walk');
  exports.byte(0x00);
  exports.unsigned(0);
  section(module, 7, exports);

  const code = new Bytes();
  code.unsigned(functionCount);
  const body = new Bytes();
  encodeWalk(body, layout);
  code.sized(body);
  if (functionCount === 2) {
    const decision = new Bytes();
    encodeCategoryStep(decision, layout);
    code.sized(decision);
  }
  section(module, 10, code);
  return module.bytes();
}

function section(module: Bytes, id: number, content: Bytes): void {
  module.byte(id);
  module.sized(content);
}

function name(target: Bytes, text: string): void {
  target.unsigned(text.length);
  for (let i = 0; i < text.length; i++) target.byte(text.charCodeAt(i));
}

// Locals of `walk`: 0 count, 1 counting (parameters); then i32 locals; then per lane its record,
// row and right child; then an f64 and an i64.
const COUNT = 0;
const COUNTING = 1;
const TREE = 2; // byte offset of the tree's entry in the tree table
const GROUP = 3; // the group's first row
const OUT = 4; // where the group's first leaf goes
const ROW = 5; // byte offset of the group's first row in the keys
const LEAF = 6;
const OUTPUT = 7; // byte offset of the tree's output in a row's sums
const SUM = 8; // byte offset of the group's first row's sums
const FULL = 9; // rows in whole groups of LANES
const STRIDE = 10; // bytes between two trees' leaves of one row: 4 · count
const STEPS = 11; // steps left down the tree
// A categorical-capable step's scratch (one lane at a time): the key offset, the category, the
// set's bits and flags, whether the category is within the set's bits (also encodeCategoryKey's).
const OFFSET = 12;
const CATEGORY = 13;
const SET_INFO = 14;
const IN_RANGE = 15;
const I32_LOCALS = 16;
const record = (lane: number) => I32_LOCALS + 3 * lane;
const row = (lane: number) => I32_LOCALS + 3 * lane + 1;
const right = (lane: number) => I32_LOCALS + 3 * lane + 2;
const X = I32_LOCALS + 3 * LANES;
const BITS = X + 1;

/**
 * `walk(count, counting)`, in two parts. The rows of whole groups of LANES go tree after tree, a
 * lane per row (see the comment above `LANES`). Each row after them (fewer than LANES: a service's
 * single row, say) goes through the trees LANES at a time, a lane per tree, so its steps overlap
 * too. Either way a row's sum adds its trees in tree order, as the interpreter does.
 */
function encodeWalk(body: Bytes, layout: Layout): void {
  const rowBytes = layout.keyRowBytes;
  const treesEnd = layout.treesAt + 8 * layout.numTrees;
  const code = new Code(body);
  body.unsigned(3);
  body.unsigned(X - 2);
  body.byte(TYPE_I32);
  body.unsigned(1);
  body.byte(TYPE_F64);
  body.unsigned(1);
  body.byte(TYPE_I64);
  encodeKeys(code, layout);
  code.get(COUNT).i32(-LANES).op(OP_I32_AND).set(FULL);
  code.get(COUNT).i32(2).op(OP_I32_SHL).set(STRIDE);
  // Whole groups: tree after tree, LANES rows at a time (a loop that runs at least once: not for a
  // model without trees).
  code.get(FULL).i32(layout.numTrees).op(OP_I32_MUL).op(OP_IF).byte(TYPE_EMPTY);
  code.i32(layout.treesAt).set(TREE);
  code.i32(layout.leavesAt).set(OUT);
  code.op(OP_LOOP).byte(TYPE_EMPTY); // trees
  code.i32(0).set(GROUP);
  code.i32(0).set(ROW);
  if (layout.sums) code.get(TREE).load32(4).set(OUTPUT);
  code.op(OP_LOOP).byte(TYPE_EMPTY); // groups
  encodeRowLanes(code, layout);
  code.get(ROW).i32(LANES * rowBytes).op(OP_I32_ADD).set(ROW);
  code.get(GROUP).i32(LANES).op(OP_I32_ADD).tee(GROUP).get(FULL).op(OP_I32_LT_S).op(OP_BR_IF).unsigned(0);
  code.op(OP_END); // groups
  code.get(OUT).get(STRIDE).op(OP_I32_ADD).set(OUT);
  code.get(TREE).i32(8).op(OP_I32_ADD).tee(TREE).i32(treesEnd).op(OP_I32_LT_S).op(OP_BR_IF).unsigned(0);
  code.op(OP_END); // trees
  code.op(OP_END); // if
  // The rows after them, one at a time: LANES trees at a time, then the last trees one by one.
  code.get(FULL).set(GROUP);
  code.op(OP_BLOCK).byte(TYPE_EMPTY).op(OP_LOOP).byte(TYPE_EMPTY); // rows
  code.get(GROUP).get(COUNT).op(OP_I32_GE_S).op(OP_BR_IF).unsigned(1);
  code.get(GROUP).i32(rowBytes).op(OP_I32_MUL).set(ROW);
  if (layout.sums) code.get(GROUP).i32(layout.sums.numOutputs * 8).op(OP_I32_MUL).set(SUM);
  code.i32(layout.treesAt).set(TREE);
  code.get(GROUP).i32(2).op(OP_I32_SHL).i32(layout.leavesAt).op(OP_I32_ADD).set(OUT);
  for (const lanes of [LANES, 1]) {
    code.op(OP_BLOCK).byte(TYPE_EMPTY).op(OP_LOOP).byte(TYPE_EMPTY);
    code.get(TREE).i32(8 * lanes).op(OP_I32_ADD).i32(treesEnd).op(OP_I32_GT_S).op(OP_BR_IF).unsigned(1);
    encodeTreeLanes(code, layout, lanes);
    code.get(TREE).i32(8 * lanes).op(OP_I32_ADD).set(TREE);
    code.get(OUT).get(STRIDE).i32(lanes).op(OP_I32_MUL).op(OP_I32_ADD).set(OUT);
    code.op(OP_BR).unsigned(0);
    code.op(OP_END).op(OP_END);
  }
  code.get(GROUP).i32(1).op(OP_I32_ADD).set(GROUP);
  code.op(OP_BR).unsigned(0);
  code.op(OP_END).op(OP_END); // rows
  code.op(OP_END); // function
}

/** Rows GROUP … GROUP + LANES − 1 down the tree at TREE: their leaves, sums and counts. */
function encodeRowLanes(code: Code, layout: Layout): void {
  const sums = layout.sums;
  const rowBytes = layout.keyRowBytes;
  for (let lane = 0; lane < LANES; lane++) {
    code.get(TREE).load32(0).set(record(lane));
    code.get(ROW);
    if (lane > 0) code.i32(lane * rowBytes).op(OP_I32_ADD);
    code.set(row(lane));
  }
  encodeRowSteps(code, layout);
  if (sums) code.get(GROUP).i32(sums.numOutputs * 8).op(OP_I32_MUL).get(OUTPUT).op(OP_I32_ADD).set(SUM);
  for (let lane = 0; lane < LANES; lane++) {
    code.get(record(lane)).load32(layout.recordsAt).set(LEAF);
    code.get(OUT).get(GROUP).i32(2).op(OP_I32_SHL).op(OP_I32_ADD).get(LEAF).store32(lane * 4);
    if (sums) encodeSum(code, layout, SUM, layout.accumulatorAt + lane * sums.numOutputs * 8);
    encodeCount(code, layout);
  }
}

/** Row GROUP down the `lanes` trees from TREE: its leaves, sums (in tree order) and counts. */
function encodeTreeLanes(code: Code, layout: Layout, lanes: number): void {
  for (let lane = 0; lane < lanes; lane++) code.get(TREE).load32(8 * lane).set(record(lane));
  encodeSteps(code, layout, lanes, () => ROW);
  for (let lane = 0; lane < lanes; lane++) {
    code.get(record(lane)).load32(layout.recordsAt).set(LEAF);
    code.get(OUT);
    if (lane > 0) code.get(STRIDE).i32(lane).op(OP_I32_MUL).op(OP_I32_ADD);
    code.get(LEAF).store32(0);
    if (layout.sums) {
      code.get(SUM).get(TREE).load32(8 * lane + 4).op(OP_I32_ADD).set(OUTPUT);
      encodeSum(code, layout, OUTPUT, layout.accumulatorAt);
    }
    encodeCount(code, layout);
  }
}

/** Steps every lane down to its leaf: `rowOf(lane)` is the local holding the lane's row offset in the keys. */
function encodeSteps(code: Code, layout: Layout, lanes: number, rowOf: (lane: number) => number): void {
  const recordsAt = layout.recordsAt;
  code.op(OP_BLOCK).byte(TYPE_EMPTY).op(OP_LOOP).byte(TYPE_EMPTY);
  // Done when every lane's right child is its own record (a leaf).
  for (let lane = 0; lane < lanes; lane++) {
    code.get(record(lane)).load32(recordsAt + 12).tee(right(lane)).get(record(lane)).op(OP_I32_XOR);
    if (lane > 0) code.op(OP_I32_OR);
  }
  code.op(OP_I32_EQZ).op(OP_BR_IF).unsigned(1);
  for (let lane = 0; lane < lanes; lane++) encodeStep(code, layout, lane, rowOf(lane), () => code.get(right(lane)));
  code.op(OP_BR).unsigned(0);
  code.op(OP_END).op(OP_END);
}

/**
 * One step of `lane` (its row's keys at the local `rowLocal`): its record becomes the right child
 * (which `pushRight` pushes) or the next record, the left child. A numeric split goes right when
 * the row's key is above the threshold's; a categorical one (with categorical splits in the model
 * only) when the category's bit in the set says so, or by the NaN flag for NaN.
 */
function encodeStep(code: Code, layout: Layout, lane: number, rowLocal: number, pushRight: () => void): void {
  const recordsAt = layout.recordsAt;
  const current = record(lane);
  pushRight();
  code.get(current).i32(RECORD_BYTES).op(OP_I32_ADD);
  // Whether to go right: the comparison of keys, or (a negative key offset) the categorical decision.
  const compare = (offset: () => void) => {
    code.get(rowLocal);
    offset();
    code.op(OP_I32_ADD).load64(layout.keysAt);
    code.get(current).load64(recordsAt).op(OP_I64_GT_S);
  };
  if (!layout.categories) {
    compare(() => code.get(current).load32(recordsAt + 8));
  } else {
    code.get(current).load32(recordsAt + 8).tee(OFFSET).i32(0).op(OP_I32_LT_S).op(OP_IF).byte(TYPE_I32);
    if (layout.categories.isInline) encodeCategoryDecision(code, layout, current, rowLocal, OFFSET, { category: CATEGORY, setInfo: SET_INFO, inRange: IN_RANGE });
    else code.get(current).get(rowLocal).get(OFFSET).op(OP_CALL).unsigned(CATEGORY_STEP);
    code.op(OP_ELSE);
    compare(() => code.get(OFFSET));
    code.op(OP_END);
  }
  code.op(OP_SELECT).set(current);
}

/** The index of the categorical decision function. */
const CATEGORY_STEP = 1;

/**
 * `goesRight(record, row, offset)`: whether a row (its keys at `row`) goes right at a categorical
 * split's record, whose key offset the caller has read (`offset`). A function of its own, called
 * from every lane's step, so the module stays small: in the step it would be written out for every
 * lane of every loop (a browser's main thread compiles a module synchronously only up to 4 kB).
 */
function encodeCategoryStep(body: Bytes, layout: Layout): void {
  const code = new Code(body);
  body.unsigned(1);
  body.unsigned(3);
  body.byte(TYPE_I32);
  encodeCategoryDecision(code, layout, 0, 1, 2, { category: 3, setInfo: 4, inRange: 5 });
  code.op(OP_END);
}

/**
 * Pushes whether the row whose keys are at the local `rowLocal` goes right at the categorical
 * split whose record is at the local `recordLocal` and whose key offset (sign bit set) is at the
 * local `offsetLocal`; `scratch` names three i32 locals it may use.
 */
function encodeCategoryDecision(code: Code, layout: Layout, recordLocal: number, rowLocal: number, offsetLocal: number, scratch: { category: number; setInfo: number; inRange: number }): void {
  const recordsAt = layout.recordsAt;
  const { category, setInfo, inRange } = scratch;
  code.get(rowLocal).get(offsetLocal).i32(0x7fffffff).op(OP_I32_AND).op(OP_I32_ADD).load32(layout.keysAt).set(category);
  code.get(recordLocal).load32(recordsAt + 4).set(setInfo);
  code.get(category).get(setInfo).i32(SET_BITS_MASK).op(OP_I32_AND).op(OP_I32_LT_U).set(inRange);
  // NaN: right when its flag says so.
  code.get(setInfo).i32(NAN_RIGHT_SHIFT).op(OP_I32_SHR_U).i32(1).op(OP_I32_AND);
  // A category: in the set when its bit is set (a category beyond the set reads word 0 and is out);
  // right when that differs from "the set is the left child".
  code.get(recordLocal).load32(recordsAt);
  code.get(category).i32(0).get(inRange).op(OP_SELECT).i32(5).op(OP_I32_SHR_U).i32(2).op(OP_I32_SHL).op(OP_I32_ADD).load32(0);
  code.get(category).op(OP_I32_SHR_U).i32(1).op(OP_I32_AND).get(inRange).op(OP_I32_AND);
  code.get(setInfo).i32(SET_LEFT_SHIFT).op(OP_I32_SHR_U).i32(1).op(OP_I32_AND).op(OP_I32_XOR);
  code.get(category).i32(NAN_CATEGORY).op(OP_I32_EQ).op(OP_SELECT);
}

/**
 * The LANES rows down the tree at TREE. A tree whose depth table entry is not 0 takes that many
 * steps and no test of whether the lanes are done (a lane at its leaf stays there); any other tree
 * steps until every lane is at a leaf (`encodeSteps`).
 */
function encodeRowSteps(code: Code, layout: Layout): void {
  const recordsAt = layout.recordsAt;
  code.op(OP_BLOCK).byte(TYPE_EMPTY).op(OP_BLOCK).byte(TYPE_EMPTY);
  code.get(TREE).i32(1).op(OP_I32_SHR_U).load32(layout.depthsAt - layout.treesAt / 2).tee(STEPS).op(OP_I32_EQZ).op(OP_BR_IF).unsigned(0);
  code.op(OP_LOOP).byte(TYPE_EMPTY);
  for (let lane = 0; lane < LANES; lane++) encodeStep(code, layout, lane, row(lane), () => code.get(record(lane)).load32(recordsAt + 12));
  code.get(STEPS).i32(-1).op(OP_I32_ADD).tee(STEPS).op(OP_BR_IF).unsigned(0);
  code.op(OP_END); // loop
  code.op(OP_BR).unsigned(1);
  code.op(OP_END); // the fixed steps
  encodeSteps(code, layout, LANES, row);
  code.op(OP_END);
}

/**
 * The keys of the block's `count` rows: for each input value, the key where NaN goes right, then
 * the key where it goes left (see the comment above LANES); with zero-as-missing splits the same two
 * with 0 where NaN is; with categorical splits its category.
 */
function encodeKeys(code: Code, layout: Layout): void {
  // Locals reused: GROUP the input offset, ROW the key offset, OUT the input's end.
  code.i32(0).set(GROUP);
  code.i32(0).set(ROW);
  code.op(OP_BLOCK).byte(TYPE_EMPTY);
  code.get(COUNT).i32(layout.inputBytes).op(OP_I32_MUL).tee(OUT);
  // No rows, or a model without features: no keys (a first pass of the loop would write one).
  code.op(OP_I32_EQZ).op(OP_BR_IF).unsigned(0);
  code.op(OP_LOOP).byte(TYPE_EMPTY);
  code.get(GROUP).loadF64(0).set(X);
  // key = bits, with all but the sign flipped when negative; ±0 → 0.
  code.i64(0n);
  code.get(X).op(OP_I64_REINTERPRET_F64).tee(BITS);
  code.get(BITS).i64(63n).op(OP_I64_SHR_S).i64(NEGATIVE_FLIP).op(OP_I64_AND).op(OP_I64_XOR);
  code.get(X).f64(0).op(OP_F64_EQ).op(OP_SELECT).set(BITS);
  code.get(ROW).i64(NAN_RIGHT_KEY).get(BITS).get(X).get(X).op(OP_F64_NE).op(OP_SELECT).store64(layout.keysAt);
  code.get(ROW).i64(NAN_LEFT_KEY).get(BITS).get(X).get(X).op(OP_F64_NE).op(OP_SELECT).store64(layout.keysAt + 8);
  if (layout.zeroKeysAt >= 0) {
    // 0 as LightGBM's zero_as_missing reads it (|x| ≤ kZeroThreshold), or NaN: the missing side.
    code.get(X).f64(-ZERO_THRESHOLD).op(OP_F64_GE).get(X).f64(ZERO_THRESHOLD).op(OP_F64_LE).op(OP_I32_AND).get(X).get(X).op(OP_F64_NE).op(OP_I32_OR).set(IN_RANGE);
    code.get(ROW).i64(NAN_RIGHT_KEY).get(BITS).get(IN_RANGE).op(OP_SELECT).store64(layout.keysAt + layout.zeroKeysAt);
    code.get(ROW).i64(NAN_LEFT_KEY).get(BITS).get(IN_RANGE).op(OP_SELECT).store64(layout.keysAt + layout.zeroKeysAt + 8);
  }
  if (layout.categories) encodeCategoryKey(code, layout, layout.categories);
  code.get(ROW).i32(layout.keyBytes).op(OP_I32_ADD).set(ROW);
  code.get(GROUP).i32(8).op(OP_I32_ADD).tee(GROUP).get(OUT).op(OP_I32_LT_U).op(OP_BR_IF).unsigned(0);
  code.op(OP_END).op(OP_END);
}

/**
 * The category key of the value in X (as decide.ts reads a category): NaN_CATEGORY for NaN; else
 * the value truncated (LightGBM, XGBoost) or the value itself when it is whole (exact matching), when
 * that is from 0 up to CATEGORY_LIMIT; NO_CATEGORY otherwise. A truncated value above −1 is a category
 * (−0.5 is 0, as LightGBM's cast makes it), but XGBoost's float32 inputs below 0 are none.
 */
function encodeCategoryKey(code: Code, layout: Layout, categories: { isExact: boolean; float32Input: boolean }): void {
  if (categories.isExact || categories.float32Input) code.get(X).f64(0).op(OP_F64_GE);
  else code.get(X).f64(-1).op(OP_F64_GT);
  code.get(X).op(OP_F64_TRUNC).f64(CATEGORY_LIMIT).op(OP_F64_LT).op(OP_I32_AND);
  if (categories.isExact) code.get(X).op(OP_F64_TRUNC).get(X).op(OP_F64_EQ).op(OP_I32_AND);
  code.set(IN_RANGE);
  code.get(ROW);
  code.i32(NAN_CATEGORY);
  code.get(X).op(OP_F64_TRUNC).f64(0).get(IN_RANGE).op(OP_SELECT).op(OP_I32_TRUNC_F64_S);
  code.i32(NO_CATEGORY).get(IN_RANGE).op(OP_SELECT);
  code.get(X).get(X).op(OP_F64_NE).op(OP_SELECT);
  code.store32(layout.keysAt + layout.categoryKeyAt);
}

/** Adds LEAF's addend to the sum at `address + offset` (`address` a local), rounded to float32 for XGBoost. */
function encodeSum(code: Code, layout: Layout, address: number, offset: number): void {
  code.get(address).get(address).loadF64(offset);
  code.get(LEAF).i32(3).op(OP_I32_SHL).loadF64(layout.addendAt).op(OP_F64_ADD);
  if (layout.sums!.isFloat32) code.op(OP_F32_DEMOTE_F64).op(OP_F64_PROMOTE_F32);
  code.storeF64(offset);
}

/** When counting, adds one to LEAF's row count. */
function encodeCount(code: Code, layout: Layout): void {
  code.get(COUNTING).op(OP_IF).byte(TYPE_EMPTY);
  code.get(LEAF).i32(2).op(OP_I32_SHL).get(LEAF).i32(2).op(OP_I32_SHL).load32(layout.countsAt).i32(1).op(OP_I32_ADD).store32(layout.countsAt);
  code.op(OP_END);
}

/** Instructions, written in order (a thin layer over `Bytes` that reads like the text format). */
class Code {
  constructor(private readonly body: Bytes) {}

  op(opcode: number): this {
    this.body.byte(opcode);
    return this;
  }

  byte(value: number): this {
    this.body.byte(value);
    return this;
  }

  unsigned(value: number): this {
    this.body.unsigned(value);
    return this;
  }

  get(local: number): this {
    this.body.byte(OP_LOCAL_GET);
    this.body.unsigned(local);
    return this;
  }

  set(local: number): this {
    this.body.byte(OP_LOCAL_SET);
    this.body.unsigned(local);
    return this;
  }

  tee(local: number): this {
    this.body.byte(OP_LOCAL_TEE);
    this.body.unsigned(local);
    return this;
  }

  i32(value: number): this {
    this.body.byte(OP_I32_CONST);
    this.body.signed(value | 0);
    return this;
  }

  i64(value: bigint): this {
    this.body.byte(OP_I64_CONST);
    this.body.signed64(value);
    return this;
  }

  f64(value: number): this {
    this.body.byte(OP_F64_CONST);
    this.body.f64(value);
    return this;
  }

  load64(offset: number): this {
    return this.memory(OP_I64_LOAD, 3, offset);
  }

  store64(offset: number): this {
    return this.memory(OP_I64_STORE, 3, offset);
  }

  load32(offset: number): this {
    return this.memory(OP_I32_LOAD, 2, offset);
  }

  store32(offset: number): this {
    return this.memory(OP_I32_STORE, 2, offset);
  }

  loadF64(offset: number): this {
    return this.memory(OP_F64_LOAD, 3, offset);
  }

  storeF64(offset: number): this {
    return this.memory(OP_F64_STORE, 3, offset);
  }

  private memory(opcode: number, align: number, offset: number): this {
    this.body.byte(opcode);
    this.body.unsigned(align);
    this.body.unsigned(offset);
    return this;
  }
}
