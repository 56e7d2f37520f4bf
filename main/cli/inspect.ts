import { encodeBridgeJson } from '../../app/bridgeJson';
import type { ModelSummary } from '../../app/model/tree';
import type { ModelHeader } from '../../app/model/packed';
import type { TreeModel } from '../../app/model/types';
import type { CliWritable } from './io';

const MAX_LISTED_FEATURES = 30;
const MAX_LISTED_WARNINGS = 20;

function list(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, … (${items.length - max} more)` : shown;
}

/** The human-readable description `splitscope inspect` prints, from the model's header and overview figures. */
export function describeModel(model: ModelHeader, summary: ModelSummary): string {
  const named = model.features.filter((feature) => feature.isNamed).length;
  const categorical = model.features.filter((feature) => feature.kind === 'categorical');
  const rows: [string, string][] = [
    ['file', model.fileName],
    ['format', `${model.format} (${model.variant})`],
    ['task', model.task],
    ['objective', model.objective || '(none)'],
  ];
  if (model.classes) rows.push(['classes', `${model.classes.length}: ${list(model.classes, MAX_LISTED_FEATURES)}`]);
  rows.push(
    ['outputs', String(model.numOutputs)],
    ['trees', String(summary.trees)],
    ['nodes', `${summary.nodes} (${summary.leaves} leaves)`],
    ['depth', String(summary.maxDepth)],
    [
      'features',
      `${model.features.length} (${named === model.features.length ? 'named' : named === 0 ? 'unnamed, matched by position' : `${named} named`}): ` +
        list(
          model.features.map((feature) => feature.name),
          MAX_LISTED_FEATURES,
        ),
    ],
  );
  if (categorical.length > 0) {
    rows.push([
      'categorical',
      list(
        categorical.map((feature) => (feature.categoryLabels ? `${feature.name} (${feature.categoryLabels.length} labels)` : feature.name)),
        MAX_LISTED_FEATURES,
      ),
    ]);
  }
  const assumptions = Object.entries(model.assumptions);
  if (assumptions.length > 0) rows.push(['assumptions', assumptions.map(([key, value]) => `${key}=${String(value)}`).join(', ')]);
  rows.push(['warnings', String(model.warnings.length)]);
  const width = Math.max(...rows.map(([key]) => key.length)) + 2;
  const lines = rows.map(([key, value]) => `${`${key}:`.padEnd(width)}${value}`);
  for (const warning of model.warnings.slice(0, MAX_LISTED_WARNINGS)) {
    const where = warning.position ? ` (line ${warning.position.line}, column ${warning.position.column})` : '';
    lines.push(`  ${warning.code}${where}: ${warning.message}`);
  }
  if (model.warnings.length > MAX_LISTED_WARNINGS) {
    lines.push(`  … ${model.warnings.length - MAX_LISTED_WARNINGS} more (see --json)`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The model as indented JSON (the bridge's exact-number JSON), written one tree at a time with
 * backpressure, so a model whose JSON is longer than a JavaScript string can hold (≈ 512 MB in V8;
 * a 47 MB model.txt gets there) still prints. Equal, once parsed, to `serializeModel(model, 2)`.
 */
export async function writeModelJson(model: TreeModel, output: CliWritable): Promise<void> {
  const write = (chunk: string) =>
    new Promise<void>((resolve) => {
      if (output.write(chunk) || !output.once) resolve();
      else output.once('drain', () => resolve());
    });
  const { trees, ...header } = model;
  const head = encodeBridgeJson(header, 2);
  await write(`${head.slice(0, head.lastIndexOf('\n}'))},\n  "trees": [`);
  let batch = '';
  for (const [index, tree] of trees.entries()) {
    batch += (index === 0 ? '\n' : ',\n') + encodeBridgeJson(tree, 2).replace(/^/gm, '    ');
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(`${batch}${trees.length > 0 ? '\n  ' : ''}]\n}\n`);
}
