/**
 * The largest of `values` and `floor`, as `Math.max(floor, ...values)` gives it (NaN if any value is
 * NaN), without spreading them into arguments: a call takes about 100,000 arguments before the
 * engine's stack overflows, and a file can hold more features, trees or weights than that.
 */
export function largestOf(values: Iterable<number>, floor = -Infinity): number {
  let largest = floor;
  for (const value of values) largest = Math.max(largest, value);
  return largest;
}
