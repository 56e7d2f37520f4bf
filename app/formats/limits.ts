/**
 * Bounds on the numbers a file writes that would size memory: a feature index, a class count, a
 * tree-per-iteration count. A file can only describe so much: a feature index far beyond its own
 * length names columns no training set of that file had, and honouring it would allocate memory
 * sized by the number, not the file (a 100-byte file naming `f100000000` ran out of memory at 5 GB).
 * Such a number is a structure error with its line and column.
 */

/** The largest count (features, classes, outputs) a file of `textLength` characters may declare. */
export function countLimit(textLength: number): number {
  return Math.max(65_536, textLength);
}

/** Why `count` of `what` is refused for a file of `textLength` characters, or undefined when it is fine. */
export function countProblem(count: number, what: string, textLength: number): string | undefined {
  const limit = countLimit(textLength);
  if (Number.isSafeInteger(count) && count <= limit) return undefined;
  const shown = Number.isFinite(count) && count < 1e21 ? String(count) : 'a number beyond any file';
  return `${what} ${shown} is beyond what this file can describe (at most ${limit.toLocaleString('en')} for a file of ${textLength.toLocaleString('en')} characters)`;
}
