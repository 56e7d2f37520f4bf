import type { OutputTransform } from '../model/types';

const fround = Math.fround;
/** XGBoost clamps the sigmoid's exponent at 88.7f so expf cannot overflow (common::Sigmoid). */
const XGBOOST_EXP_CLAMP = fround(88.7);
const XGBOOST_EPSILON = fround(1e-16);

/*
 * XGBoost calls glibc's `expf`, which is NOT correctly rounded (up to ~0.502 ulp): about one row in
 * a thousand gets the other float32 neighbour than `fround(Math.exp(x))`. So expf is re-computed here
 * the way glibc (2.28+, from Arm's optimized-routines) does: x·32/ln2 = k + r, 2^(k/32) from a
 * 32-entry table, a cubic for 2^(r/32), all in double, then one rounding to float32. The table holds
 * 2^(j/32) as the exact doubles that library uses.
 */
const EXP2_TABLE_BITS = [
  0x3ff0000000000000n, 0x3fefd9b0d3158574n, 0x3fefb5586cf9890fn, 0x3fef9301d0125b51n, 0x3fef72b83c7d517bn, 0x3fef54873168b9aan,
  0x3fef387a6e756238n, 0x3fef1e9df51fdee1n, 0x3fef06fe0a31b715n, 0x3feef1a7373aa9cbn, 0x3feedea64c123422n, 0x3feece086061892dn,
  0x3feebfdad5362a27n, 0x3feeb42b569d4f82n, 0x3feeab07dd485429n, 0x3feea47eb03a5585n, 0x3feea09e667f3bcdn, 0x3fee9f75e8ec5f74n,
  0x3feea11473eb0187n, 0x3feea589994cce13n, 0x3feeace5422aa0dbn, 0x3feeb737b0cdc5e5n, 0x3feec49182a3f090n, 0x3feed503b23e255dn,
  0x3feee89f995ad3adn, 0x3feeff76f2fb5e47n, 0x3fef199bdd85529cn, 0x3fef3720dcef9069n, 0x3fef5818dcfba487n, 0x3fef7c97337b9b5fn,
  0x3fefa4afa2a490dan, 0x3fefd0765b6e4540n,
];
/** 2^(j/32) for j = 0…31: each table word plus j·2^47 restores the exponent the table stripped. */
const EXP2_TABLE = Float64Array.from(EXP2_TABLE_BITS, (bits, j) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits + (BigInt(j) << 47n));
  return view.getFloat64(0);
});
const INVERSE_LN2_SCALED = 1.4426950408889634 /* 0x1.71547652b82fep0 */ * 32;
const POLY0 = 0.05550361559341535 /* 0x1.c6af84b912394p-5 */ / 32 / 32 / 32;
const POLY1 = 0.2402284522445722 /* 0x1.ebfce50fac4f3p-3 */ / 32 / 32;
const POLY2 = 0.6931471806916203 /* 0x1.62e42ff0c52d6p-1 */ / 32;
const ROUND_SHIFT = 6755399441055744; // 0x1.8p52
/** 2^e for every e the reduction can produce (x in [−104, 88.8] gives e in [−151, 129]), exactly. */
const POWER_MIN = -160;
const POWERS_OF_TWO = Float64Array.from({ length: 300 }, (_, index) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, (index + POWER_MIN + 1023) << 20);
  return view.getFloat64(0);
});

/** glibc's expf for a float32 argument (see above); exported for tests. */
export function expFloat(x: number): number {
  if (x !== x) return x;
  if (x > 88.72283172607422 /* 0x1.62e42ep6 */) return Infinity;
  if (x < -103.97207641601562 /* 0x1.9fe368p6 */) return 0;
  const z = INVERSE_LN2_SCALED * x;
  // Round to nearest even integer with the shift trick, as the C code does.
  const k = z + ROUND_SHIFT - ROUND_SHIFT;
  const r = z - k;
  const scale = EXP2_TABLE[k & 31] * POWERS_OF_TWO[Math.floor(k / 32) - POWER_MIN];
  const cubic = POLY0 * r + POLY1;
  const square = r * r;
  let y = POLY2 * r + 1;
  y = cubic * square + y;
  return fround(y * scale);
}

/**
 * Applies an output transform to `raw[offset … offset+count)` and writes the result to `out` at
 * `outOffset`. `isFloat32` selects the library's float32 recipes (XGBoost: `common::Sigmoid`,
 * `common::Softmax`); otherwise the double recipes of LightGBM and Spark are used.
 * Returns the number of values written (1 for `argmax`, `count` otherwise).
 */
export function applyTransform(
  transform: OutputTransform,
  raw: ArrayLike<number>,
  offset: number,
  count: number,
  out: { [index: number]: number },
  outOffset: number,
  isFloat32: boolean,
): number {
  switch (transform.kind) {
    case 'identity':
      for (let k = 0; k < count; k++) out[outOffset + k] = raw[offset + k];
      return count;
    case 'sigmoid':
    case 'sigmoidEach': {
      const scale = transform.scale;
      for (let k = 0; k < count; k++) {
        const r = raw[offset + k];
        if (isFloat32) {
          // 1.0f / (expf(min(-x, 88.7f)) + 1.0f + 1e-16f), every step in float32.
          const scaled = scale === 1 ? r : fround(scale * r);
          const exponent = Math.min(-scaled, XGBOOST_EXP_CLAMP);
          const denominator = fround(fround(expFloat(exponent) + 1) + XGBOOST_EPSILON);
          out[outOffset + k] = fround(1 / denominator);
        } else {
          out[outOffset + k] = 1 / (1 + Math.exp(-scale * r));
        }
      }
      return count;
    }
    case 'softmax': {
      let max = raw[offset];
      for (let k = 1; k < count; k++) if (raw[offset + k] > max) max = raw[offset + k];
      // Both libraries subtract the maximum and sum the exponentials in double, in class order.
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const e = isFloat32 ? expFloat(fround(raw[offset + k] - max)) : Math.exp(raw[offset + k] - max);
        out[outOffset + k] = e;
        sum += e;
      }
      const divisor = isFloat32 ? fround(sum) : sum;
      for (let k = 0; k < count; k++) {
        const value = out[outOffset + k] / divisor;
        out[outOffset + k] = isFloat32 ? fround(value) : value;
      }
      return count;
    }
    case 'exp':
      for (let k = 0; k < count; k++) out[outOffset + k] = isFloat32 ? expFloat(raw[offset + k]) : Math.exp(raw[offset + k]);
      return count;
    case 'log1pExp':
      for (let k = 0; k < count; k++) out[outOffset + k] = Math.log1p(Math.exp(raw[offset + k]));
      return count;
    case 'signedSquare':
      for (let k = 0; k < count; k++) {
        const r = raw[offset + k];
        // LightGBM: Common::Sign(x) * x * x, evaluated left to right; Sign is an int (0 for ±0).
        const value = (r > 0 ? 1 : r < 0 ? -1 : 0) * r * r;
        out[outOffset + k] = isFloat32 ? fround(value) : value;
      }
      return count;
    case 'hinge':
      for (let k = 0; k < count; k++) out[outOffset + k] = raw[offset + k] > 0 ? 1 : 0;
      return count;
    case 'argmax':
      out[outOffset] = argmax(raw, offset, count);
      return 1;
  }
}

/** Index of the largest value; the first wins a tie (numpy and XGBoost agree). NaN never wins. */
export function argmax(values: ArrayLike<number>, offset: number, count: number): number {
  let best = 0;
  let bestValue = values[offset];
  for (let k = 1; k < count; k++) {
    const value = values[offset + k];
    if (value > bestValue || (bestValue !== bestValue && value === value)) {
      best = k;
      bestValue = value;
    }
  }
  return best;
}
