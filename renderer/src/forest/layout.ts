/*
 * Where each tree's glyph sits in the forest view, in world units (the canvas transform scales
 * them): boosting order, left to right and top to bottom in rows of a round number of trees, one
 * band per output for multiclass boosting (tree i of class k in class k's band). Pure, no DOM.
 */
import { largestOf } from '../../../app/util/extremes';

/** World size of one glyph cell (the glyph leaves a gap inside it). */
export const CELL = 24;
/** Height of a band's title above its rows. */
export const BAND_TITLE = 22;
/** Space between two bands. */
export const BAND_GAP = 14;

/** The trees of one output, laid out as a block of rows. */
export interface GlyphBand {
  output: number;
  /** Title of the band (the class), or undefined when there is one band. */
  title: string | undefined;
  /** World y of the band's title; its first row starts BAND_TITLE below when titled. */
  top: number;
  /** World y of its first row. */
  rowsTop: number;
  rows: number;
  /** Tree indices in the band, in boosting order. */
  trees: Int32Array;
}

export interface GlyphLayout {
  treeCount: number;
  columns: number;
  /** World x and y of the top-left of each tree's cell, by tree index. */
  x: Float32Array;
  y: Float32Array;
  width: number;
  height: number;
  bands: GlyphBand[];
}

/**
 * Lays out `treeOutput.length` glyphs. `titles` given (one per output) puts each output in its own
 * titled band; otherwise every tree is in one band in model order. `aspect` (width / height of the
 * view) picks the number of columns, rounded to a multiple of 10 so a row reads as tree counts.
 */
export function layoutGlyphs(treeOutput: ArrayLike<number>, titles: readonly string[] | undefined, aspect: number): GlyphLayout {
  const count = treeOutput.length;
  const outputs = titles?.length ?? 1;
  const members: number[][] = Array.from({ length: outputs }, () => []);
  for (let t = 0; t < count; t++) {
    const output = titles ? treeOutput[t] : 0;
    members[output >= 0 && output < outputs ? output : 0].push(t);
  }
  const largest = largestOf(members.map((list) => list.length), 1);
  // Columns so the whole block is about as wide as the view's aspect: w/h ≈ aspect.
  let columns = Math.max(1, Math.round(Math.sqrt(largest * outputs * Math.max(0.2, aspect))));
  if (columns > 10) columns = Math.round(columns / 10) * 10;
  columns = Math.min(columns, largest);
  const x = new Float32Array(count);
  const y = new Float32Array(count);
  const bands: GlyphBand[] = [];
  let top = 0;
  for (let output = 0; output < outputs; output++) {
    const trees = members[output];
    if (titles && trees.length === 0) continue;
    const title = titles ? titles[output] : undefined;
    const rowsTop = top + (title !== undefined ? BAND_TITLE : 0);
    trees.forEach((tree, index) => {
      x[tree] = (index % columns) * CELL;
      y[tree] = rowsTop + Math.floor(index / columns) * CELL;
    });
    const rows = Math.ceil(trees.length / columns);
    bands.push({ output, title, top, rowsTop, rows, trees: Int32Array.from(trees) });
    top = rowsTop + rows * CELL + BAND_GAP;
  }
  return { treeCount: count, columns, x, y, width: columns * CELL, height: Math.max(CELL, top - BAND_GAP), bands };
}

/** The tree whose cell holds world point (wx, wy), or -1. */
export function glyphAt(layout: GlyphLayout, wx: number, wy: number): number {
  if (wx < 0 || wx >= layout.columns * CELL) return -1;
  const column = Math.floor(wx / CELL);
  for (const band of layout.bands) {
    if (wy < band.rowsTop || wy >= band.rowsTop + band.rows * CELL) continue;
    const index = Math.floor((wy - band.rowsTop) / CELL) * layout.columns + column;
    return index < band.trees.length ? band.trees[index] : -1;
  }
  return -1;
}
