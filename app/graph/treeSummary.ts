import type { TreeModel } from '../model/types';
import type { PackedModel } from '../model/packed';
import { NODE_LEAF } from '../model/packed';
import { forestDepths, packedFormOf } from '../model/tree';

/** One row of the ensemble navigator. */
export interface TreeRow {
  index: number;
  /** The output (class) the tree adds to. */
  outputIndex: number;
  nodes: number;
  leaves: number;
  depth: number;
}

/** Size, leaves and depth of every tree, in model order, read from the packed columns (no node objects). */
export function summarizeTrees(model: TreeModel | PackedModel): TreeRow[] {
  const { forest } = packedFormOf(model);
  const depths = forestDepths(forest);
  const rows: TreeRow[] = new Array(forest.treeCount);
  for (let index = 0; index < forest.treeCount; index++) {
    const start = forest.treeNodeStart[index];
    const end = forest.treeNodeStart[index + 1];
    let leaves = 0;
    let depth = 0;
    for (let row = start; row < end; row++) {
      if (forest.kind[row] === NODE_LEAF) leaves++;
      if (depths[row] > depth) depth = depths[row];
    }
    rows[index] = { index, outputIndex: forest.treeOutput[index], nodes: end - start, leaves, depth };
  }
  return rows;
}

export type TreeSort = 'index' | 'nodes' | 'depth' | 'output';

/** How the navigator filters its rows. */
export interface TreeFilter {
  /** Only trees adding to this output (class); undefined for all. */
  outputIndex?: number;
  /** Free text: a tree number (`12`), a range (`10-20`) or a size bound (`nodes>100`, `depth>=8`). */
  text?: string;
}

/** Rows that pass `filter`, ordered by `sort` (ties keep model order; sizes sort largest first). */
export function filterAndSortTrees(rows: TreeRow[], filter: TreeFilter, sort: TreeSort, outputs?: ReadonlyArray<number | undefined>): TreeRow[] {
  const test = textFilter(filter.text ?? '');
  const kept = rows.filter((row) => (filter.outputIndex === undefined || row.outputIndex === filter.outputIndex) && test(row));
  if (sort === 'index') return kept;
  const key = (row: TreeRow): number =>
    sort === 'nodes' ? row.nodes : sort === 'depth' ? row.depth : (outputs?.[row.index] ?? Number.NEGATIVE_INFINITY);
  return kept.sort((a, b) => key(b) - key(a) || a.index - b.index);
}

function textFilter(text: string): (row: TreeRow) => boolean {
  const query = text.trim().toLowerCase();
  if (query === '') return () => true;
  const bound = /^(nodes|size|leaves|depth)\s*(>=|<=|>|<|=)\s*(\d+)$/.exec(query);
  if (bound) {
    const field = bound[1] === 'size' ? 'nodes' : (bound[1] as 'nodes' | 'leaves' | 'depth');
    const limit = Number(bound[3]);
    const compare = { '>=': (a: number) => a >= limit, '<=': (a: number) => a <= limit, '>': (a: number) => a > limit, '<': (a: number) => a < limit, '=': (a: number) => a === limit }[bound[2]]!;
    return (row) => compare(row[field]);
  }
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(query);
  if (range) return (row) => row.index >= Number(range[1]) && row.index <= Number(range[2]);
  if (/^\d+$/.test(query)) return (row) => String(row.index).startsWith(query);
  return () => false;
}
