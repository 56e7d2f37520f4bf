import { expect } from 'vitest';
import type { TreeModel } from '../model/types';
import type { KernelState } from './types';

/**
 * The compiled path must really run: the compiler takes every model whose splits are all numeric
 * (the interpreter's own fast path) and says why it leaves any other to the interpreter.
 */
export function expectKernel(state: KernelState, asked: 'interpreter' | 'wasm', model: TreeModel): void {
  if (asked === 'interpreter') {
    expect(state.kind).toBe('interpreter');
    return;
  }
  const isAllNumeric = model.trees.every((tree) => tree.nodes.every((node) => node.type === 'leaf' || (node.split.kind === 'numeric' && node.split.missing.mode !== 'zero')));
  if (isAllNumeric) expect(state).toMatchObject({ kind: 'wasm' });
  else expect(state).toMatchObject({ kind: 'interpreter', reason: expect.stringContaining('does not cover'), isRefused: true });
}
