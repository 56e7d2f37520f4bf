/**
 * `splitscope predict --threads N` with a real scoring thread (the built dist/main/scoreThread.mjs):
 * the main thread scores a batch itself once the thread has enough waiting, and the rows still come
 * out in file order, as one thread scores them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTableScorer } from '../../app/data/scoring';
import { compileModel } from '../../app/eval';
import { parseModelText } from '../../app/formats';
import { packModel } from '../../app/model/forestBuilder';
import { REFERENCE_DIR } from '../../app/testing/shared';
import { PROJECT_ROOT } from '../paths';
import { OrderedScoring } from './orderedScoring';
import { ScoringThreads } from './scoreThreads';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'main', 'scoreThread.mjs');
const isBuilt = existsSync(SCRIPT);
if (!isBuilt) console.warn(`SKIPPED: ${SCRIPT} does not exist; run the build (scripts/build-main.mjs) to test the scoring threads`);

describe('OrderedScoring with a scoring thread', () => {
  const folder = join(REFERENCE_DIR, 'lgb_binary_nan');
  const model = parseModelText(readFileSync(join(folder, 'model.txt'), 'utf8'), 'model.txt');
  const [headerLine, ...rows] = readFileSync(join(folder, 'input_main.csv'), 'utf8').trim().split('\n');
  const header = headerLine.split(',');
  // 2,000 reference rows × 25, read in chunks of 1,000 lines: a batch goes once 8,192 rows are held,
  // so five batches of 9,000 rows and a last one of 5,000.
  const text = Array.from({ length: 25 }, () => rows.join('\n')).join('\n') + '\n';
  const options = { fileName: 'rows.csv', raw: true };

  /** Scores `text` through `OrderedScoring` with one thread, in 1,000-line chunks read without yielding (so the thread's answers wait). */
  async function scoreInChunks(threads: ScoringThreads): Promise<{ written: string; scoredHere: number; rows: number }> {
    const scorer = createTableScorer(model, compileModel(model), header, options);
    let written = '';
    let failed: (error: unknown) => void = () => {};
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const ordered = new OrderedScoring(threads, false, { write: (chunk) => ((written += chunk), true) }, (error) => failed(error), compileModel(model));
    const lines = text.split('\n');
    for (let first = 0; first < lines.length - 1; first += 1000) {
      const chunk = lines.slice(first, Math.min(first + 1000, lines.length - 1)).join('\n') + '\n';
      ordered.addRead(scorer, scorer.readLines(new TextEncoder().encode(chunk), 0, chunk.length, ',', '\n', 2 + first));
    }
    ordered.flush(scorer);
    await Promise.race([new Promise<void>((resolve) => ordered.whenEmpty(resolve)), failure]);
    return { written, scoredHere: ordered.scoredHere, rows: scorer.stats.rows };
  }

  const alone = createTableScorer(model, compileModel(model), header, options);
  const expected = alone.scoreRead(alone.readLines(new TextEncoder().encode(text), 0, text.length, ',', '\n', 2));

  it.skipIf(!isBuilt)('scores on the main thread once the thread has two batches waiting, rows in file order', async () => {
    const threads = new ScoringThreads(SCRIPT, packModel(model), 1, 'auto');
    try {
      await threads.whenReady();
      // The first two batches go to the thread, every later one is scored here.
      const { written, scoredHere, rows } = await scoreInChunks(threads);
      expect(scoredHere).toBe(4);
      expect(written.split('\n')).toHaveLength(50_001);
      expect(written === expected).toBe(true);
      expect(rows).toBe(50_000);
    } finally {
      await threads.close();
    }
  });

  it.skipIf(!isBuilt)('scores every batch on the main thread while the thread is still starting, rows in file order', async () => {
    const threads = new ScoringThreads(SCRIPT, packModel(model), 1, 'auto');
    try {
      expect(threads.isReady).toBe(false);
      const { written, scoredHere } = await scoreInChunks(threads);
      expect(scoredHere).toBe(6);
      expect(written === expected).toBe(true);
      // Once started, it takes batches again.
      await threads.whenReady();
      expect(threads.allHave(1)).toBe(false);
    } finally {
      await threads.close();
    }
  });
});
