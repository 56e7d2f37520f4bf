/*
 * One row under both models: each tree's decision path on each side and how every feature's
 * contribution changed. Attribution is prepared once per model on first use (it needs the node
 * objects, made from the packed columns only when a row is opened).
 */
import { pathContributions, prepareAttribution, type AttributionModel, type AttributionUnavailable } from '../analysis/contributions';
import type { CompiledModel } from '../eval/types';
import { unpackModel } from '../model/materialize';
import type { PackedModel } from '../model/packed';
import { featureKeys, featureLabel } from './structural';

/** A feature's contribution to output `output` on each side (path attribution). */
export interface ContributionChange {
  feature: string;
  old: number;
  new: number;
  delta: number;
}

export interface RowDiffDetail {
  row: number;
  /** Per tree: local node ids from root to leaf. */
  oldPaths: number[][];
  newPaths: number[][];
  oldPrediction: number[];
  newPrediction: number[];
  /** Largest |Δ| first; absent with the reason when a side has no attribution. */
  contributions?: ContributionChange[];
  contributionsUnavailable?: string;
  /** The raw score before any feature is known, each side: expected + Σ contributions = raw. */
  expected?: { old: number; new: number };
}

/** Lazily prepared attribution of one side. */
export interface RowDiffContext {
  oldModel: PackedModel;
  newModel: PackedModel;
  oldCompiled: CompiledModel;
  newCompiled: CompiledModel;
  oldAttribution?: AttributionModel | AttributionUnavailable;
  newAttribution?: AttributionModel | AttributionUnavailable;
}

function contributionsByKey(attribution: AttributionModel, paths: number[][], keys: string[], output: number): { byKey: Map<string, number>; expected: number } {
  const contributions = pathContributions(attribution, paths);
  const result = new Map<string, number>();
  const k = Math.min(output, contributions.numOutputs - 1);
  for (let f = 0; f < contributions.numFeatures; f++) {
    const value = contributions.values[f * contributions.numOutputs + k];
    if (value !== 0) result.set(keys[f] ?? `#${f}`, value);
  }
  return { byKey: result, expected: contributions.expected[k] };
}

/**
 * Both decision paths of a row and the change of each feature's contribution to output `output`
 * (default 0; for a binary model the one output). `oldValues`/`newValues` are the row in each
 * model's feature order.
 */
export function rowDiffDetail(context: RowDiffContext, row: number, oldValues: ArrayLike<number>, newValues: ArrayLike<number>, output = 0): RowDiffDetail {
  const oldRow = context.oldCompiled.predictRow(oldValues, { paths: true });
  const newRow = context.newCompiled.predictRow(newValues, { paths: true });
  const detail: RowDiffDetail = {
    row,
    oldPaths: oldRow.paths ?? [],
    newPaths: newRow.paths ?? [],
    oldPrediction: oldRow.prediction,
    newPrediction: newRow.prediction,
  };
  context.oldAttribution ??= prepareAttribution(unpackModel(context.oldModel));
  context.newAttribution ??= prepareAttribution(unpackModel(context.newModel));
  const unavailable = [context.oldAttribution, context.newAttribution].find((a): a is AttributionUnavailable => !a.available);
  if (unavailable) {
    detail.contributionsUnavailable = unavailable.reason;
    return detail;
  }
  const keys = featureKeys(context.oldModel.header, context.newModel.header);
  const before = contributionsByKey(context.oldAttribution as AttributionModel, detail.oldPaths, keys.old, output);
  const after = contributionsByKey(context.newAttribution as AttributionModel, detail.newPaths, keys.new, output);
  detail.expected = { old: before.expected, new: after.expected };
  const oldContributions = before.byKey;
  const newContributions = after.byKey;
  const all = new Set([...oldContributions.keys(), ...newContributions.keys()]);
  detail.contributions = [...all]
    .map((key) => {
      const oldValue = oldContributions.get(key) ?? 0;
      const newValue = newContributions.get(key) ?? 0;
      return { feature: featureLabel(key), old: oldValue, new: newValue, delta: newValue - oldValue };
    })
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.feature < b.feature ? -1 : 1));
  return detail;
}
