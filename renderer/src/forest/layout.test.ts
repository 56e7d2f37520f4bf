import { describe, expect, it } from 'vitest';
import { parsePackedModel } from '../../../app/formats/index';
import { REFERENCE_DIR, readCorpus } from '../../../app/testing/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAND_TITLE, CELL, glyphAt, layoutGlyphs } from './layout';

describe('forest glyph layout', () => {
  it('puts every tree of one-output boosting in one band, in model order, and finds each by its cell', () => {
    const packed = parsePackedModel(readCorpus('lightgbm/keiba_binary_nan_missing_v4.txt'), 'keiba.txt');
    const layout = layoutGlyphs(packed.forest.treeOutput, undefined, 2);
    expect(layout.bands).toHaveLength(1);
    expect(layout.columns % 10).toBe(0);
    const seen = new Set<string>();
    for (let t = 0; t < packed.forest.treeCount; t++) {
      expect(layout.x[t]).toBe((t % layout.columns) * CELL);
      expect(layout.y[t]).toBe(Math.floor(t / layout.columns) * CELL);
      seen.add(`${layout.x[t]},${layout.y[t]}`);
      expect(glyphAt(layout, layout.x[t] + CELL / 2, layout.y[t] + CELL / 2)).toBe(t);
    }
    expect(seen.size).toBe(packed.forest.treeCount);
    expect(glyphAt(layout, -1, 5)).toBe(-1);
    expect(glyphAt(layout, layout.width + 1, 5)).toBe(-1);
  });

  it('groups multiclass trees by class (tree i of class k in band k), with titles above the rows', () => {
    const packed = parsePackedModel(readFileSync(join(REFERENCE_DIR, 'lgb_multiclass_iris', 'model.txt'), 'utf8'), 'model.txt');
    const layout = layoutGlyphs(packed.forest.treeOutput, ['class 0', 'class 1', 'class 2'], 2);
    expect(layout.bands.map((band) => band.trees.length)).toEqual([60, 60, 60]);
    layout.bands.forEach((band, k) => {
      expect(Array.from(band.trees)).toEqual(Array.from({ length: 60 }, (_, i) => 3 * i + k));
      expect(band.rowsTop).toBe(band.top + BAND_TITLE);
      band.trees.forEach((tree) => expect(glyphAt(layout, layout.x[tree] + 1, layout.y[tree] + 1)).toBe(tree));
      // The title strip is no tree.
      expect(glyphAt(layout, 1, band.top + 1)).toBe(-1);
    });
  });
});
