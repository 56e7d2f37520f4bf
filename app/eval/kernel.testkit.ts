import { expect } from 'vitest';
import type { TreeModel } from '../model/types';
import type { KernelState } from './types';

/**
 * The compiled path must really run: the compiler takes every model whose splits it covers (below)
 * and says why it leaves any other to the interpreter.
 */
export function expectKernel(state: KernelState, asked: 'interpreter' | 'wasm', model: TreeModel): void {
  if (asked === 'interpreter') {
    expect(state.kind).toBe('interpreter');
    return;
  }
  // The compiler takes numeric splits, indicators, and categorical sets matched one way, exact sets
  // only of whole categories from 0 to 2^24 − 1.
  const splits = model.trees.flatMap((tree) => tree.nodes.flatMap((node) => (node.type === 'split' ? [node.split] : [])));
  const matches = new Set(splits.flatMap((split) => (split.kind === 'categorical' ? [split.match] : [])));
  const isCompilable =
    matches.size <= 1 &&
    splits.every(
      (split) =>
        split.kind === 'numeric' ||
        split.kind === 'indicator' ||
        (split.kind === 'categorical' && (split.match === 'truncate' || split.categories.every((category) => Number.isInteger(category) && category >= 0 && category < 2 ** 24))),
    );
  if (isCompilable) expect(state).toMatchObject({ kind: 'wasm' });
  else expect(state).toMatchObject({ kind: 'interpreter', reason: expect.stringContaining('does not cover'), isRefused: true });
}
