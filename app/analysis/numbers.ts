/**
 * Neighbouring floating-point values, for probing a split exactly on either side of its threshold.
 * Doubles for models that compare in double (LightGBM, Spark); float32 for models that round the
 * input to float32 first (XGBoost, scikit-learn).
 */
import type { NumericSplit } from '../model/types';

const DOUBLE = new Float64Array(1);
const DOUBLE_BITS = new BigInt64Array(DOUBLE.buffer);
const SINGLE = new Float32Array(1);
const SINGLE_BITS = new Int32Array(SINGLE.buffer);

/** The smallest double greater than `x` (Java's `Math.nextUp`). NaN and +∞ map to themselves. */
export function nextUp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  DOUBLE[0] = x;
  DOUBLE_BITS[0] += x > 0 ? 1n : -1n;
  return DOUBLE[0];
}

/** The largest double smaller than `x`. NaN and −∞ map to themselves. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** The smallest float32 greater than the float32 `x` (as a double). NaN and +∞ map to themselves. */
export function nextUpFloat32(x: number): number {
  const single = Math.fround(x);
  if (single !== single || single === Infinity) return single;
  if (single === 0) return 1.401298464324817e-45; // 2^-149, the smallest positive float32.
  SINGLE[0] = single;
  SINGLE_BITS[0] += single > 0 ? 1 : -1;
  return SINGLE[0];
}

/** The largest float32 smaller than the float32 `x` (as a double). */
export function nextDownFloat32(x: number): number {
  return -nextUpFloat32(-x);
}

/**
 * The two inputs closest to a numeric threshold on either side: `left` is the largest input that
 * goes left, `right` the smallest input that goes right, as the library compares them
 * (`x <= t` or `x < t`, in double or after rounding x to float32). Either is undefined when no
 * finite input goes that way (a threshold of ±∞).
 */
export function thresholdSides(split: Pick<NumericSplit, 'op' | 'threshold'>, float32Input: boolean): { left?: number; right?: number } {
  const t = split.threshold;
  if (t !== t) return {};
  let left: number;
  let right: number;
  if (!float32Input) {
    if (split.op === '<=') {
      left = t;
      right = nextUp(t);
    } else {
      left = nextDown(t);
      right = t;
    }
  } else {
    // Inputs are float32 values; the threshold may be any double (scikit-learn keeps float64).
    const near = Math.fround(t);
    if (split.op === '<=') {
      left = near <= t ? near : nextDownFloat32(near);
      right = near > t ? near : nextUpFloat32(near);
    } else {
      left = near < t ? near : nextDownFloat32(near);
      right = near >= t ? near : nextUpFloat32(near);
    }
  }
  return {
    left: Number.isFinite(left) ? left : undefined,
    right: Number.isFinite(right) ? right : undefined,
  };
}
