import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project (or packaged app) root: the nearest folder above this file with a package.json.
 * Searched rather than fixed because the bundler may place this code in dist/main or dist/main/chunks.
 */
function findRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return resolve(start, '..', '..');
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const RENDERER_DIR = join(PROJECT_ROOT, 'dist', 'renderer');
/** The model parse worker's script of the build (main/host/parseWorker.ts). */
export const PARSE_WORKER_SCRIPT = join(PROJECT_ROOT, 'dist', 'main', 'parseWorker.mjs');
/**
 * The bundled sample the app opens when no model is named: a boosted XGBoost ensemble with feature
 * names (made by scripts/make_sample_xgboost.py), and its labelled rows, loaded in the Test tab.
 */
export const SAMPLE_MODEL = join(PROJECT_ROOT, 'assets', 'samples', 'breast_cancer_xgboost.json');
export const SAMPLE_CSV = join(PROJECT_ROOT, 'assets', 'samples', 'breast_cancer_xgboost.csv');
/** The second sample: one scikit-learn decision tree in export_text form (scripts/make_sample.py). */
export const SECOND_SAMPLE_MODEL = join(PROJECT_ROOT, 'assets', 'samples', 'wine_decision_tree.txt');

/** Resolves a path the user typed, against the folder they ran `npm run …` from. */
export function resolveUserPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** The package version, injected by the build. */
export const VERSION: string = process.env.SPLITSCOPE_VERSION ?? '0.1.0';
