import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictPath } from '../eval';
import { parseModelText } from '../formats';
import type { TreeModel } from '../model/types';
import { corpus, REFERENCE_DIR } from '../testing/shared';
import { generateGoldenRows, nextDouble, nextFloat32 } from './golden';

function load(path: string): TreeModel {
  return parseModelText(readFileSync(path, 'utf8'), path);
}

/** For every split node: does some row go left there, and some row right? (IR walk, not the compiled evaluator.) */
function uncrossedSplits(model: TreeModel, rows: number[][]): string[] {
  const wentLeft = new Set<string>();
  const wentRight = new Set<string>();
  for (const row of rows) {
    for (const tree of model.trees) {
      const path = predictPath(model, tree.index, row);
      for (let i = 0; i + 1 < path.length; i++) {
        const node = tree.nodes[path[i]];
        if (node.type === 'split') (node.left === path[i + 1] ? wentLeft : wentRight).add(`${tree.index}:${node.id}`);
      }
    }
  }
  const missing: string[] = [];
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      const key = `${tree.index}:${node.id}`;
      if (node.type === 'split' && !(wentLeft.has(key) && wentRight.has(key))) missing.push(key);
    }
  }
  return missing;
}

describe('generateGoldenRows', () => {
  it('sends rows both ways at every split of the Spark banknote tree', () => {
    const model = load(corpus('spark/mllib_dt_banknote_depth5.txt'));
    expect(uncrossedSplits(model, generateGoldenRows(model))).toEqual([]);
  });

  it('sends rows both ways at every split of the XGBoost softprob model (float32 thresholds)', () => {
    const model = load(join(REFERENCE_DIR, 'xgb_multiclass_softprob', 'model.json'));
    expect(uncrossedSplits(model, generateGoldenRows(model, { maxRows: 5000 }))).toEqual([]);
  });

  it('puts values just below, at and above a threshold, in float32 where the library compares float32', () => {
    const model = load(join(REFERENCE_DIR, 'xgb_multiclass_softprob', 'model.json'));
    const rows = generateGoldenRows(model, { maxRows: 5000 });
    const root = model.trees[0].nodes[0];
    if (root.type !== 'split' || root.split.kind !== 'numeric') throw new Error('expected a numeric root');
    const t = root.split.threshold;
    const values = new Set(rows.map((row) => row[root.feature]));
    for (const value of [t, nextFloat32(t, false), nextFloat32(t, true), nextDouble(t, false), nextDouble(t, true), NaN]) {
      expect(values.has(value), String(value)).toBe(true);
    }
  });

  it('stays within the bound and is deterministic for a huge model', () => {
    const model = load(corpus('xgboost/givemesomecredit_binary_old_6digit_large.txt'));
    const rows = generateGoldenRows(model, { maxRows: 500 });
    expect(rows.length).toBeLessThanOrEqual(500);
    expect(rows.length).toBeGreaterThan(400);
    const again = generateGoldenRows(model, { maxRows: 500 });
    expect(again.map((row) => row.map(String).join(','))).toEqual(rows.map((row) => row.map(String).join(',')));
  });
});

describe('serviceName', () => {
  it('names the service from the file, or its folder when the file is just model.txt', async () => {
    const { serviceName } = await import('./names');
    const named = (fileName: string) => serviceName({ fileName } as TreeModel);
    expect(named('/data/Mllib DT banknote (depth 5).txt')).toBe('mllib-dt-banknote-depth-5');
    expect(named('/work/shared/reference/lgb_multiclass_iris/model.txt')).toBe('lgb-multiclass-iris-model');
    expect(named('C:\\models\\2024 churn.json')).toBe('model-2024-churn');
  });
});
