/**
 * Number facts for scikit-learn `export_text`: how a printed number maps to a double, and whether
 * the printed text can be the library's exact value. export_text prints fixed point with a chosen
 * number of decimals (`format(x, '.2f')` by default), so thresholds are often rounded.
 */

/** Python's `format(x, '.Nf')` text → double (`inf`, `-inf`, `nan` included). */
export function parsePythonFixed(text: string): number {
  if (text === 'nan') return Number.NaN;
  if (text === 'inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** Digits after the decimal point in a fixed-point text. */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Distance from |value| to the next larger double. */
function ulp(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude < 2 ** -1022) return 2 ** -1074;
  let exponent = Math.floor(Math.log2(magnitude));
  // log2 can land one off near powers of two.
  if (2 ** exponent > magnitude) exponent--;
  else if (2 ** (exponent + 1) <= magnitude) exponent++;
  return 2 ** (exponent - 52);
}

/**
 * True when `decimals` decimals are finer than the double spacing at `value`: the printed text then
 * identifies the double it came from, so parsing it back gives that double exactly.
 */
export function isResolutionExact(value: number, decimals: number): boolean {
  if (!Number.isFinite(value)) return true;
  return 10 ** -decimals <= ulp(value);
}

function isFloat32(value: number): boolean {
  return Math.fround(value) === value;
}

/**
 * True when `value` can be a threshold scikit-learn's splitter makes: the midpoint
 * `a / 2 + b / 2` of two float32 feature values (computed in double), or a float32 value itself.
 * A printed threshold that is not of this form was rounded by export_text.
 */
export function isFloat32Midpoint(value: number): boolean {
  if (!Number.isFinite(value)) return true;
  if (isFloat32(value)) return true;
  const sum = value * 2;
  if (!Number.isFinite(sum)) return false;
  // Split the sum into a float32 high part and check that the rest is a float32 too; try the
  // nearest high part and the truncated one, since carries and borrows land either way.
  const nearest = Math.fround(sum);
  if (Number.isFinite(nearest) && isFloat32(sum - nearest)) return true;
  let exponent = Math.floor(Math.log2(Math.abs(sum)));
  if (2 ** exponent > Math.abs(sum)) exponent--;
  const scale = 2 ** (exponent - 23);
  const truncated = Math.trunc(sum / scale) * scale;
  return isFloat32(sum - truncated);
}

/** How sure we are that a printed threshold is the exact double scikit-learn holds. */
export type ThresholdExactness = 'exact' | 'plausible' | 'rounded';

/** Classifies one printed threshold (see `isResolutionExact` and `isFloat32Midpoint`). */
export function thresholdExactness(text: string): ThresholdExactness {
  const value = parsePythonFixed(text);
  if (isResolutionExact(value, decimalsOf(text))) return 'exact';
  return isFloat32Midpoint(value) ? 'plausible' : 'rounded';
}

/**
 * True when a printed leaf number (weight or regression value) may have lost digits: the print is
 * coarser than the double spacing and every printed decimal is significant (no trailing zero that
 * would show the value ended earlier).
 */
export function mayBeRoundedValue(text: string): boolean {
  const value = parsePythonFixed(text);
  const decimals = decimalsOf(text);
  if (isResolutionExact(value, decimals)) return false;
  return !(decimals > 0 && text.endsWith('0'));
}

/** Compares strings by Unicode code point, as NumPy sorts string class labels. */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = left[index].codePointAt(0)! - right[index].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/**
 * Sorts class labels the way `classes_` (np.unique of the training labels) is sorted: numerically
 * when every label is a number (`0.0`, `1`, `-2`), otherwise as strings by code point.
 */
export function sortClassLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  const isNumeric = unique.every((label) => label.trim() !== '' && Number.isFinite(Number(label)));
  return isNumeric ? unique.sort((a, b) => Number(a) - Number(b) || compareCodePoints(a, b)) : unique.sort(compareCodePoints);
}
