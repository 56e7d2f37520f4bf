import type { Tree, TreeModel } from '../model/types';
import { featureName, formatThreshold } from './labels';

/** What a search box query means. */
export type SearchQuery =
  | { kind: 'empty' }
  /** `#12` or `id:12`: one node by its IR id. */
  | { kind: 'node'; id: number }
  /** A number: a node with that id or source id, or a split whose threshold reads the same or starts with it. */
  | { kind: 'number'; text: string; value: number }
  /** Anything else: feature names containing the text, ignoring case. */
  | { kind: 'feature'; text: string };

/** Reads a search box query. */
export function parseSearchQuery(query: string): SearchQuery {
  const text = query.trim();
  if (text === '') return { kind: 'empty' };
  const idMatch = /^(?:#|id:\s*)(\d+)$/i.exec(text);
  if (idMatch) return { kind: 'node', id: Number(idMatch[1]) };
  const normalized = text.replace(/^−/, '-');
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalized)) return { kind: 'number', text: normalized, value: Number(normalized) };
  return { kind: 'feature', text: text.toLowerCase() };
}

/**
 * Ids of the nodes a query matches, in pre-order (top to bottom, left to right), so "next match"
 * walks the tree the way a reader does.
 */
export function searchNodes(model: TreeModel, tree: Tree, query: string): number[] {
  const parsed = parseSearchQuery(query);
  if (parsed.kind === 'empty') return [];
  if (parsed.kind === 'node') return parsed.id < tree.nodes.length ? [parsed.id] : [];
  const featureMatches = new Map<number, boolean>();
  const matchesFeature = (feature: number): boolean => {
    let hit = featureMatches.get(feature);
    if (hit === undefined) {
      hit = parsed.kind === 'feature' && featureName(model, feature).toLowerCase().includes(parsed.text);
      featureMatches.set(feature, hit);
    }
    return hit;
  };
  const matches: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const node = tree.nodes[stack.pop()!];
    let hit = false;
    if (parsed.kind === 'number') {
      hit = (Number.isInteger(parsed.value) && (node.id === parsed.value || node.sourceId === parsed.value)) ||
        (node.type === 'split' && node.split.kind === 'numeric' && thresholdMatches(formatThreshold(model, node.split.threshold), node.split.threshold, parsed.text, parsed.value));
    } else if (node.type === 'split') {
      hit = matchesFeature(node.feature);
    }
    if (hit) matches.push(node.id);
    if (node.type === 'split') stack.push(node.right, node.left);
  }
  return matches;
}

/** `0.5` finds 0.5; `0.23` finds 0.23874 (a prefix of what is written), but `2` does not find 0.25. */
function thresholdMatches(written: string, threshold: number, text: string, value: number): boolean {
  if (threshold === value || Number(written) === value) return true;
  return text.includes('.') && written.startsWith(text);
}
