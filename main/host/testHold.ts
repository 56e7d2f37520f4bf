/*
 * Its own module, free of imports: the browser-mode host's first step (main/web/index.ts) starts the
 * startup model's parse worker, held or not, before the host's other code has loaded.
 */

/** Named files whose one held job has been taken (see `takeTestHold`). */
const takenTestHolds = new Set<string>();

/**
 * Test hook for deterministic e2e tests: with `SPLITSCOPE_TEST_HOLD=big_model.txt,big.csv` (file
 * names) in the host's environment, the first job on each named file stops once it has started and
 * reported progress, and waits until it is cancelled. A test can then cancel running work without
 * racing it; the next job on the same file runs normally. Never set in normal use.
 */
export function takeTestHold(fileName: string): boolean {
  const names = process.env.SPLITSCOPE_TEST_HOLD;
  if (!names || !names.split(',').includes(fileName) || takenTestHolds.has(fileName)) return false;
  takenTestHolds.add(fileName);
  return true;
}
