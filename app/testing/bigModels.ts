/**
 * Big synthetic models for tests and benchmarks, made from real ones (written to temp files by the
 * caller, never committed).
 */

/**
 * A LightGBM model.txt of at least `bytes` characters made by repeating the tree blocks of
 * `source` (renumbered; `tree_sizes` dropped, since it would lie). Returns the text and tree count.
 */
export function repeatLightgbmTrees(source: string, bytes: number): { text: string; trees: number } {
  const firstTree = source.indexOf('\nTree=0\n') + 1;
  const endOfTrees = source.indexOf('\nend of trees');
  const header = source.slice(0, firstTree).replace(/^tree_sizes=.*\n/m, '');
  const blocks = source.slice(firstTree, endOfTrees + 1).split(/\n(?=Tree=\d+\n)/);
  const footer = source.slice(endOfTrees + 1);
  const parts: string[] = [header];
  let size = header.length + footer.length;
  let index = 0;
  while (size < bytes) {
    for (const block of blocks) {
      const renumbered = block.replace(/^Tree=\d+/, `Tree=${index++}`);
      parts.push(renumbered.endsWith('\n') ? renumbered : `${renumbered}\n`);
      size += renumbered.length + 1;
    }
  }
  parts.push(footer);
  return { text: parts.join(''), trees: index };
}
