/*
 * Progressive open: a big model's first tree, read before the rest, so the overview and tree 0 are on
 * screen while the other trees are still being parsed. Where the format keeps trees in independent
 * blocks (LightGBM model.txt), the first tree's text is cut out with the header and footer around it
 * and parsed as a small model of its own; the full parse then replaces it.
 */

/** A model.txt holding the header, only the first `Tree=` block and the footer; and the whole file's tree count. */
export function lightgbmFirstTreeText(text: string): { text: string; treeCount: number } | undefined {
  const first = text.indexOf('\nTree=');
  const end = text.indexOf('\nend of trees');
  if (first < 0 || end < first) return undefined;
  let treeCount = 0;
  for (let at = first; at >= 0 && at < end; at = text.indexOf('\nTree=', at + 1)) treeCount++;
  const second = text.indexOf('\nTree=', first + 1);
  const firstEnd = second >= 0 && second < end ? second : end;
  // `tree_sizes` would describe trees this text lacks: the reader takes the blocks as they come without it.
  // Blanked, not removed, so tree 0's nodes keep their line numbers in the file.
  const header = text.slice(0, first + 1).replace(/^tree_sizes=.*$/m, '');
  return { text: header + text.slice(first + 1, firstEnd + 1) + text.slice(end + 1), treeCount };
}
