/*
 * The model compiler (issue 11): every tree of a model whose splits are all numeric comparisons
 * (`<=`, or `<` where flat.ts could not fold it; NaN to either side) becomes one WebAssembly
 * function. Its splits are nested `if`s with the feature's offset and the threshold as constants,
 * each leaf a branch to the end with its global index. A tree's function walks a whole block of rows:
 * it writes each row's leaf, tree by tree, into the module's memory, adds the leaf's addend to the
 * row's sum for the plain boosting sums (the same double or float32 arithmetic as the interpreter's
 * loops in compile.ts) and, when asked, counts rows per leaf. Everything else (transforms, linear
 * leaves, votes, distributions) stays in compile.ts, so the parity tests, which run both ways,
 * check exactly what this file adds.
 *
 * Why generated WebAssembly and not generated JS: PERFORMANCE.md measured ~1.5 s warm (~3.5 s first
 * pass) for WebAssembly on the 500 × 255-leaf model against ~2.1 s warm for `new Function` code that
 * V8 took tens of seconds to optimise; the renderer can allow it with `'wasm-unsafe-eval'` alone.
 * The encoder is written here because the module needs about twenty opcodes and four sections; a
 * general assembler (binaryen, wabt) would add megabytes to the page and to every exported service.
 */
import type { FlatModel } from './flat';
import { NUMERIC_LE, NUMERIC_LT } from './flat';

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
   * Runs every tree once on a row of missing values, so the engine compiles each function now
   * (V8 compiles WebAssembly functions lazily, on their first call). Leaves the memory as it was.
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

/** The most memory a kernel may take (its input block and one block's leaves of every tree). */
const KERNEL_MEMORY_LIMIT = 256 * 1024 * 1024;
/** A tree bigger than this is left to the interpreter (V8 caps one function at ~7.6 MB of code). */
const TREE_SPLIT_LIMIT = 200_000;
const PAGE_BYTES = 65_536;

/**
 * Compiles the trees of `flat` for blocks of up to `blockRows` rows, or says why not. Synchronous,
 * so it runs wherever scoring runs; where the host refuses synchronous compilation (a browser's main
 * thread, beyond 4 KB) the refusal says so and the caller keeps the interpreter.
 */
export function compileTreeKernel(flat: FlatModel, blockRows: number, sums?: KernelSums): TreeKernel | KernelRefusal {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return refusal('this runtime has no WebAssembly');
  if (!flat.kind.every((kind) => kind === NUMERIC_LE || kind === NUMERIC_LT)) {
    return refusal('the model has categorical, indicator or zero-as-missing splits, which the compiler does not cover yet');
  }
  const numFeatures = flat.numFeatures;
  const numTrees = flat.roots.length;
  const inputBytes = blockRows * numFeatures * 8;
  const leavesAt = inputBytes;
  const accumulatorAt = align8(leavesAt + blockRows * numTrees * 4);
  const addendAt = accumulatorAt + (sums ? blockRows * sums.numOutputs * 8 : 0);
  const countsAt = addendAt + (sums ? sums.addend.length * 8 : 0);
  const numLeaves = flat.leafKind.length;
  const totalBytes = countsAt + numLeaves * 4;
  if (totalBytes > KERNEL_MEMORY_LIMIT) return refusal(`a block of ${blockRows} rows would take ${Math.ceil(totalBytes / 1048576)} MB of compiled-model memory`);
  const sizes = treeSplitCounts(flat);
  const largest = sizes.reduce((most, size) => Math.max(most, size), 0);
  if (largest > TREE_SPLIT_LIMIT) return refusal(`a tree has ${largest} splits, more than the compiler takes (${TREE_SPLIT_LIMIT})`);
  const layout: Layout = { rowBytes: numFeatures * 8, leavesAt, accumulatorAt, addendAt, countsAt, pages: Math.ceil(totalBytes / PAGE_BYTES) || 1, sums };
  const bytes = encodeModule(flat, layout);
  let exports: Record<string, unknown>;
  try {
    exports = new wasm.Instance(new wasm.Module(bytes)).exports;
  } catch (error) {
    return refusal(`WebAssembly refused the compiled model: ${(error as Error).message}`);
  }
  const memory = exports.memory as { buffer: ArrayBuffer };
  const walk = exports.walk as (count: number, isCounting: number) => void;
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
  rowBytes: number;
  leavesAt: number;
  accumulatorAt: number;
  addendAt: number;
  countsAt: number;
  pages: number;
  sums: KernelSums | undefined;
}

function treeSplitCounts(flat: FlatModel): number[] {
  const counts: number[] = [];
  for (let tree = 0; tree < flat.roots.length; tree++) {
    let count = 0;
    const stack = [flat.roots[tree]];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node < 0) continue;
      count++;
      stack.push(flat.children[2 * node], flat.children[2 * node + 1]);
    }
    counts.push(count);
  }
  return counts;
}

// Opcodes and types (WebAssembly core spec 1.0).
const OP_BLOCK = 0x02;
const OP_LOOP = 0x03;
const OP_IF = 0x04;
const OP_ELSE = 0x05;
const OP_END = 0x0b;
const OP_BR = 0x0c;
const OP_BR_IF = 0x0d;
const OP_CALL = 0x10;
const OP_LOCAL_GET = 0x20;
const OP_LOCAL_SET = 0x21;
const OP_LOCAL_TEE = 0x22;
const OP_I32_LOAD = 0x28;
const OP_I32_STORE = 0x36;
const OP_F64_LOAD = 0x2b;
const OP_F64_STORE = 0x39;
const OP_I32_SHL = 0x74;
const OP_F32_DEMOTE_F64 = 0xb6;
const OP_F64_PROMOTE_F32 = 0xbb;
const OP_I32_CONST = 0x41;
const OP_F64_CONST = 0x44;
const OP_I32_EQZ = 0x45;
const OP_F64_LT = 0x63;
const OP_F64_GT = 0x64;
const OP_F64_LE = 0x65;
const OP_F64_GE = 0x66;
const OP_I32_ADD = 0x6a;
const OP_I32_SUB = 0x6b;
const OP_I32_MUL = 0x6c;
const OP_F64_ADD = 0xa0;
const TYPE_I32 = 0x7f;
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
 * The module: one memory (input block at 0, then the leaves, the running sums, each leaf's addend
 * and rows per leaf), one function per tree `(data, count, out, sums, counting)` and the exported
 * `walk(count, counting)` calling them in order with `out` stepping by one block's leaves per tree.
 */
function encodeModule(flat: FlatModel, layout: Layout): Uint8Array {
  const pages = layout.pages;
  const numTrees = flat.roots.length;
  const module = new Bytes();
  for (const byte of [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]) module.byte(byte);

  const types = new Bytes();
  types.unsigned(2);
  // Type 0: a tree (data, count, out, sums, counting) → ().
  types.byte(0x60);
  types.unsigned(5);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.unsigned(0);
  // Type 1: walk (count, counting) → ().
  types.byte(0x60);
  types.unsigned(2);
  types.byte(TYPE_I32);
  types.byte(TYPE_I32);
  types.unsigned(0);
  section(module, 1, types);

  const functions = new Bytes();
  functions.unsigned(numTrees + 1);
  for (let tree = 0; tree < numTrees; tree++) functions.unsigned(0);
  functions.unsigned(1);
  section(module, 3, functions);

  const memory = new Bytes();
  memory.unsigned(1);
  memory.byte(0x01); // min and max
  memory.unsigned(pages);
  memory.unsigned(pages);
  section(module, 5, memory);

  const exports = new Bytes();
  exports.unsigned(2);
  name(exports, 'memory');
  exports.byte(0x02);
  exports.unsigned(0);
  name(exports, 'walk');
  exports.byte(0x00);
  exports.unsigned(numTrees);
  section(module, 7, exports);

  const code = new Bytes();
  code.unsigned(numTrees + 1);
  const body = new Bytes();
  for (let tree = 0; tree < numTrees; tree++) {
    const treeBody = new Bytes();
    encodeTree(treeBody, flat, flat.roots[tree], layout, layout.sums ? layout.sums.treeOutput[tree] : 0);
    code.sized(treeBody);
  }
  encodeWalk(body, numTrees, layout);
  code.sized(body);
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

// Locals of a tree function: 0 data, 1 count, 2 out, 3 sums, 4 counting (parameters), 5 leaf.
const DATA = 0;
const COUNT = 1;
const OUT = 2;
const SUMS = 3;
const COUNTING = 4;
const LEAF = 5;

/**
 * `(data, count, out, sums, counting)`: for each of `count` rows from `data`, stores its leaf at
 * `out`, with sums adds the leaf's addend to the row's sum for the tree's output, and when counting
 * adds one to the leaf's row count; steps the pointers.
 */
function encodeTree(body: Bytes, flat: FlatModel, root: number, layout: Layout, output: number): void {
  const sums = layout.sums;
  body.unsigned(1);
  body.unsigned(1);
  body.byte(TYPE_I32);
  body.byte(OP_BLOCK);
  body.byte(TYPE_EMPTY);
  body.byte(OP_LOCAL_GET);
  body.unsigned(COUNT);
  body.byte(OP_I32_EQZ);
  body.byte(OP_BR_IF);
  body.unsigned(0);
  body.byte(OP_LOOP);
  body.byte(TYPE_EMPTY);
  body.byte(OP_BLOCK);
  body.byte(TYPE_EMPTY);
  encodeNodes(body, flat, root);
  body.byte(OP_END);
  body.byte(OP_LOCAL_GET);
  body.unsigned(OUT);
  body.byte(OP_LOCAL_GET);
  body.unsigned(LEAF);
  body.byte(OP_I32_STORE);
  body.unsigned(2); // align 4
  body.unsigned(0);
  if (sums) {
    body.byte(OP_LOCAL_GET);
    body.unsigned(SUMS);
    body.byte(OP_LOCAL_GET);
    body.unsigned(SUMS);
    body.byte(OP_F64_LOAD);
    body.unsigned(3);
    body.unsigned(output * 8);
    body.byte(OP_LOCAL_GET);
    body.unsigned(LEAF);
    body.byte(OP_I32_CONST);
    body.signed(3);
    body.byte(OP_I32_SHL);
    body.byte(OP_F64_LOAD);
    body.unsigned(3);
    body.unsigned(layout.addendAt);
    body.byte(OP_F64_ADD);
    if (sums.isFloat32) {
      body.byte(OP_F32_DEMOTE_F64);
      body.byte(OP_F64_PROMOTE_F32);
    }
    body.byte(OP_F64_STORE);
    body.unsigned(3);
    body.unsigned(output * 8);
    step(body, SUMS, sums.numOutputs * 8);
  }
  body.byte(OP_LOCAL_GET);
  body.unsigned(COUNTING);
  body.byte(OP_IF);
  body.byte(TYPE_EMPTY);
  leafAddress(body);
  leafAddress(body);
  body.byte(OP_I32_LOAD);
  body.unsigned(2);
  body.unsigned(layout.countsAt);
  body.byte(OP_I32_CONST);
  body.signed(1);
  body.byte(OP_I32_ADD);
  body.byte(OP_I32_STORE);
  body.unsigned(2);
  body.unsigned(layout.countsAt);
  body.byte(OP_END);
  step(body, OUT, 4);
  step(body, DATA, layout.rowBytes);
  body.byte(OP_LOCAL_GET);
  body.unsigned(COUNT);
  body.byte(OP_I32_CONST);
  body.signed(1);
  body.byte(OP_I32_SUB);
  body.byte(OP_LOCAL_TEE);
  body.unsigned(COUNT);
  body.byte(OP_BR_IF);
  body.unsigned(0);
  body.byte(OP_END); // loop
  body.byte(OP_END); // block
  body.byte(OP_END); // function
}

/** The current leaf's offset in a table of 4-byte counts. */
function leafAddress(body: Bytes): void {
  body.byte(OP_LOCAL_GET);
  body.unsigned(LEAF);
  body.byte(OP_I32_CONST);
  body.signed(2);
  body.byte(OP_I32_SHL);
}

function step(body: Bytes, local: number, by: number): void {
  body.byte(OP_LOCAL_GET);
  body.unsigned(local);
  body.byte(OP_I32_CONST);
  body.signed(by);
  body.byte(OP_I32_ADD);
  body.byte(OP_LOCAL_SET);
  body.unsigned(local);
}

// Markers on the code generator's stack, besides node references.
const EMIT_ELSE = 0;
const EMIT_END = 1;
const VISIT = 2;

/**
 * A tree as one i32 expression: a split is `if (result i32)` on its comparison, a leaf is its global
 * index. `!(x <= t)` sends NaN right and `x > t` sends it left, so the side NaN takes picks the
 * comparison and no NaN test is emitted. An explicit stack, so a chain of thousands of splits
 * (a deep scikit-learn tree) cannot overflow the JS stack.
 */
function encodeNodes(body: Bytes, flat: FlatModel, root: number): void {
  // Entries: (action, node, depth), depth = `if`s around the node inside the leaf block.
  const stack: number[] = [VISIT, root, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const node = stack.pop()!;
    const action = stack.pop()!;
    if (action === EMIT_ELSE) {
      body.byte(OP_ELSE);
      continue;
    }
    if (action === EMIT_END) {
      body.byte(OP_END);
      continue;
    }
    if (node < 0) {
      body.byte(OP_I32_CONST);
      body.signed(~node);
      body.byte(OP_LOCAL_SET);
      body.unsigned(LEAF);
      body.byte(OP_BR);
      body.unsigned(depth);
      continue;
    }
    const isLess = flat.kind[node] === NUMERIC_LT;
    if (!isLess && flat.kind[node] !== NUMERIC_LE) throw new Error(`split ${node} is not a plain numeric split`);
    body.byte(OP_LOCAL_GET);
    body.unsigned(DATA);
    body.byte(OP_F64_LOAD);
    body.unsigned(3); // align 8
    body.unsigned(flat.feature[node] * 8);
    body.byte(OP_F64_CONST);
    body.f64(flat.threshold[node]);
    const isNanRight = flat.missingRight[node] === 1;
    // NaN right: `x <= t` (`x < t`) is true only for left. NaN left: `x > t` (`x >= t`) is true
    // only for right. (`<` stays only where the threshold is −∞; see flat.ts.)
    body.byte(isNanRight ? (isLess ? OP_F64_LT : OP_F64_LE) : isLess ? OP_F64_GE : OP_F64_GT);
    body.byte(OP_IF);
    body.byte(TYPE_EMPTY);
    const first = flat.children[2 * node + (isNanRight ? 0 : 1)];
    const second = flat.children[2 * node + (isNanRight ? 1 : 0)];
    stack.push(EMIT_END, 0, 0, VISIT, second, depth + 1, EMIT_ELSE, 0, 0, VISIT, first, depth + 1);
  }
}

/** `walk(count, counting)`: every tree over the block at 0, tree t's leaves at `leavesAt + 4·t·count`. */
function encodeWalk(body: Bytes, numTrees: number, layout: Layout): void {
  // Locals: 0 count, 1 counting (parameters), 2 out, 3 stride.
  const OUT_AT = 2;
  const STRIDE = 3;
  body.unsigned(1);
  body.unsigned(2);
  body.byte(TYPE_I32);
  body.byte(OP_LOCAL_GET);
  body.unsigned(0);
  body.byte(OP_I32_CONST);
  body.signed(4);
  body.byte(OP_I32_MUL);
  body.byte(OP_LOCAL_SET);
  body.unsigned(STRIDE);
  body.byte(OP_I32_CONST);
  body.signed(layout.leavesAt);
  body.byte(OP_LOCAL_SET);
  body.unsigned(OUT_AT);
  for (let tree = 0; tree < numTrees; tree++) {
    body.byte(OP_I32_CONST);
    body.signed(0);
    body.byte(OP_LOCAL_GET);
    body.unsigned(0);
    body.byte(OP_LOCAL_GET);
    body.unsigned(OUT_AT);
    body.byte(OP_I32_CONST);
    body.signed(layout.accumulatorAt);
    body.byte(OP_LOCAL_GET);
    body.unsigned(1);
    body.byte(OP_CALL);
    body.unsigned(tree);
    body.byte(OP_LOCAL_GET);
    body.unsigned(OUT_AT);
    body.byte(OP_LOCAL_GET);
    body.unsigned(STRIDE);
    body.byte(OP_I32_ADD);
    body.byte(OP_LOCAL_SET);
    body.unsigned(OUT_AT);
  }
  body.byte(OP_END);
}
