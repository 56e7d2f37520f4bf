/**
 * TEST KIT ONLY (not used by the app): reads the models the analysis tests need from their text.
 * LightGBM goes through the real adapter (`parseModelText`); while that adapter is not in the tree
 * yet, the evaluator's test-kit reader is used and the training statistics the analysis needs
 * (counts, covers, internal values) are attached from the same model.txt.
 */
import { loadLightgbmText } from '../eval/directLoaders.testkit';
import { parseModelText, type ParseOptions } from '../formats';
import type { NodeStats, TreeModel } from '../model/types';
import { matchColumns } from '../data/columns';

/** Space-separated numbers of one `key=` line of a LightGBM tree block. */
function numbersOf(block: Map<string, string>, key: string): number[] | undefined {
  const text = block.get(key)?.trim();
  if (!text) return undefined;
  return text.split(/\s+/).map(Number);
}

function lightgbmWithStats(text: string): TreeModel {
  const model = loadLightgbmText(text);
  const blocks = text.split(/\n(?=Tree=\d+)/).slice(1);
  blocks.forEach((blockText, index) => {
    const block = new Map<string, string>();
    for (const line of blockText.split('\n')) {
      const at = line.indexOf('=');
      if (at > 0) block.set(line.slice(0, at), line.slice(at + 1));
    }
    const tree = model.trees[index];
    const splits = Number(block.get('num_leaves')) - 1;
    const internalCount = numbersOf(block, 'internal_count');
    const internalValue = numbersOf(block, 'internal_value');
    const internalWeight = numbersOf(block, 'internal_weight');
    const leafCount = numbersOf(block, 'leaf_count');
    const leafWeight = numbersOf(block, 'leaf_weight');
    // The test kit numbers LightGBM's internal nodes 0…N−1 and leaf l as N + l.
    for (const node of tree.nodes) {
      const stats: NodeStats = {};
      if (node.type === 'split') {
        if (internalCount) stats.count = internalCount[node.id];
        if (internalWeight) stats.cover = internalWeight[node.id];
        if (internalValue) stats.internalValue = internalValue[node.id];
      } else {
        const leaf = splits > 0 ? node.id - splits : 0;
        if (leafCount?.[leaf] !== undefined) stats.count = leafCount[leaf];
        if (leafWeight?.[leaf] !== undefined) stats.cover = leafWeight[leaf];
      }
      node.stats = stats;
    }
  });
  return model;
}

/** Any dump through `parseModelText`; LightGBM model.txt falls back to the test kit (see above). */
export function loadModel(text: string, fileName: string, options: ParseOptions = {}): TreeModel {
  try {
    return parseModelText(text, fileName, options);
  } catch (error) {
    if (fileName.endsWith('.txt') && text.startsWith('tree\n')) return lightgbmWithStats(text);
    throw error;
  }
}

/** Row-major doubles from rows of numbers, padded with NaN. */
export function rowMajor(rows: readonly (readonly number[])[], numFeatures: number): Float64Array {
  const values = new Float64Array(rows.length * numFeatures).fill(NaN);
  rows.forEach((row, r) => row.forEach((value, f) => f < numFeatures && (values[r * numFeatures + f] = value)));
  return values;
}

/** A CSV of numbers: header row, then cells parsed to double; empty or `nan` = NaN; `inf` spelled out. */
export function parseNumberCsv(text: string): { header: string[]; rows: number[][] } {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) =>
    line.split(',').map((cell) => {
      const lower = cell.trim().toLowerCase();
      if (lower === '' || lower === 'nan') return NaN;
      if (lower === 'inf' || lower === '+inf' || lower === 'infinity') return Infinity;
      if (lower === '-inf' || lower === '-infinity') return -Infinity;
      return Number(lower);
    }),
  );
  return { header, rows };
}

/**
 * The rows of a numeric CSV in the model's feature order, columns matched by the data layer's
 * `matchColumns` (scikit-learn text models order features as they first appear in the dump).
 */
export function rowsForModel(model: TreeModel, csvText: string, count = Infinity): number[][] {
  const { header, rows } = parseNumberCsv(csvText);
  const mapping = matchColumns(header, model.features, 'input.csv', { ignoreUnknownColumns: true });
  return rows.slice(0, count).map((row) => mapping.featureColumns.map((column) => row[column]));
}
