/**
 * The values of one feature worth evaluating: for every split on it, the inputs just on either side.
 * The model's output, as a function of one feature with the others fixed, is constant between
 * consecutive cuts (unless leaves are linear), so these values reach every piece exactly.
 */
import { ZERO_THRESHOLD } from '../eval/index';
import type { TreeModel } from '../model/types';
import { packedOf } from '../model/modelView';
import { nextDown, nextUp, thresholdSides } from './numbers';

/** Candidate inputs of one feature, ascending, distinct, finite. */
export interface FeatureCandidates {
  /** Inputs just left and just right of every numeric cut (and of LightGBM's zero band). */
  numeric: number[];
  /** The left-side inputs alone (the largest input going left at each cut), ascending. */
  lefts: number[];
  /** The right-side inputs alone (the smallest input going right at each cut), ascending. */
  rights: number[];
  /** Category codes the categorical splits test, plus one code none of them holds (`nonMember`). */
  categories: number[];
  nonMember?: number;
  /** True when an indicator split tests the feature (only present vs missing matters there). */
  hasIndicator: boolean;
}

/** Built once per model object (the IR is immutable once loaded): scanning 1000 trees takes ~15 ms. */
const CACHE = new WeakMap<TreeModel, { numFeatures: number; candidates: FeatureCandidates[]; hasLinear: boolean }>();

/** Candidate inputs of every feature (index = feature), cached per model object. */
export function featureCandidates(model: TreeModel, numFeatures: number): FeatureCandidates[] {
  const cached = CACHE.get(model);
  if (cached && cached.numFeatures === numFeatures) return cached.candidates;
  const candidates = buildCandidates(model, numFeatures);
  CACHE.set(model, { numFeatures, candidates, hasLinear: scanLinearLeaves(model) });
  return candidates;
}

function buildCandidates(model: TreeModel, numFeatures: number): FeatureCandidates[] {
  const float32Input = model.arithmetic.input === 'float32';
  const lefts: Set<number>[] = Array.from({ length: numFeatures }, () => new Set());
  const rights: Set<number>[] = Array.from({ length: numFeatures }, () => new Set());
  const categories: Set<number>[] = Array.from({ length: numFeatures }, () => new Set());
  const indicator = new Uint8Array(numFeatures);
  for (const tree of model.trees) {
    for (const node of tree.nodes) {
      if (node.type !== 'split' || node.feature >= numFeatures) continue;
      const split = node.split;
      const f = node.feature;
      if (split.kind === 'numeric') {
        const sides = thresholdSides(split, float32Input);
        if (sides.left !== undefined) lefts[f].add(sides.left);
        if (sides.right !== undefined) rights[f].add(sides.right);
        if (split.missing.mode === 'zero') {
          // |x| ≤ kZeroThreshold goes to the default child: the band's edges are cuts too.
          lefts[f].add(nextDown(-ZERO_THRESHOLD)).add(ZERO_THRESHOLD);
          rights[f].add(-ZERO_THRESHOLD).add(nextUp(ZERO_THRESHOLD));
        }
      } else if (split.kind === 'categorical') {
        for (const category of split.categories) categories[node.feature].add(category);
      } else indicator[node.feature] = 1;
    }
  }
  const ascending = (values: Set<number>) => [...values].map((value) => (value === 0 ? 0 : value)).sort((a, b) => a - b);
  return Array.from({ length: numFeatures }, (_, f) => {
    const codes = [...categories[f]].sort((a, b) => a - b);
    let nonMember: number | undefined;
    if (codes.length > 0) {
      nonMember = 0;
      while (categories[f].has(nonMember)) nonMember++;
    }
    return {
      numeric: ascending(new Set([...lefts[f], ...rights[f]])),
      lefts: ascending(lefts[f]),
      rights: ascending(rights[f]),
      categories: codes,
      nonMember,
      hasIndicator: indicator[f] === 1,
    };
  });
}

/** True when some leaf is linear: the output then also changes between cuts. */
export function hasLinearLeaves(model: TreeModel): boolean {
  return CACHE.get(model)?.hasLinear ?? scanLinearLeaves(model);
}

function scanLinearLeaves(model: TreeModel): boolean {
  // The packed behind a view answers from one column; node objects are scanned directly.
  const packed = packedOf(model);
  if (packed) return packed.forest.isLinear.some((flag) => flag === 1);
  return model.trees.some((tree) => tree.nodes.some((node) => node.type === 'leaf' && node.linear !== undefined));
}
