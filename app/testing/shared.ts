import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `../shared` beside the clone (CI puts it there). Tests read the corpus and reference cases in
 * place: several corpus files carry no licence, so they are never copied into the repo.
 */
export const SHARED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus');
export const REFERENCE_DIR = join(SHARED_DIR, 'reference');

if (!existsSync(CORPUS_DIR)) {
  throw new Error(`../shared/corpus not found at ${CORPUS_DIR}: clone the repo with shared/ beside it`);
}

/** Absolute path of a corpus file, e.g. `corpus('spark/mllib_dt_banknote_depth5.txt')`. */
export function corpus(relative: string): string {
  return join(CORPUS_DIR, relative);
}

export function readCorpus(relative: string): string {
  return readFileSync(corpus(relative), 'utf8');
}

/** Corpus files of one library folder, names only, sorted. */
export function corpusFiles(folder: string): string[] {
  return readdirSync(join(CORPUS_DIR, folder)).sort();
}
