import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModelText, type ParseOptions } from '../formats';
import type { TreeModel } from '../model/types';
import { REFERENCE_DIR } from './shared';

/** The project's own reference cases (same layout as ../shared/reference). */
export const FIXTURE_REFERENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'reference');

/** One model file of a reference case, read through the real adapters. */
export interface ReferenceModel {
  /** `<case>/<file>`, e.g. `xgb_binary_missing/model.dump.txt`. */
  label: string;
  folder: string;
  path: string;
  load: () => TreeModel;
}

interface CaseMeta {
  objective?: string;
  base_score?: number;
  num_class?: number;
  model_files: Record<string, string>;
}

/** Case folders of ../shared/reference, then of fixtures/reference, sorted by name. */
export function referenceFolders(): string[] {
  const folders: string[] = [];
  for (const root of [REFERENCE_DIR, FIXTURE_REFERENCE_DIR]) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) if (existsSync(join(root, name, 'meta.json'))) folders.push(join(root, name));
  }
  return folders;
}

/**
 * Every model file of every reference case, as the app opens it: dumps get the objective, base
 * score and class count they lack from meta.json (as app/eval/reference.test.ts reads them).
 * scikit-learn's `tree.json` (exact arrays, not a dump Splitscope reads) is left out.
 */
export function referenceModels(): ReferenceModel[] {
  const models: ReferenceModel[] = [];
  for (const folder of referenceFolders()) {
    const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as CaseMeta;
    for (const [key, file] of Object.entries(meta.model_files)) {
      if (key === 'tree_json') continue;
      const options: ParseOptions = {};
      if (key.startsWith('dump')) {
        if (meta.objective) options.objective = meta.objective;
        if (meta.base_score !== undefined) options.baseScore = meta.base_score;
        if (meta.num_class) options.numClass = meta.num_class;
      }
      const path = join(folder, file);
      models.push({ label: `${basename(folder)}/${file}`, folder, path, load: () => parseModelText(readFileSync(path, 'utf8'), path, options) });
    }
  }
  return models;
}
