import type { StateCreator } from 'zustand/vanilla';
import type { CsvTable } from '../../../app/bridge';
import type { BatchPrediction, KernelState, RowPredictionWithPaths } from '../../../app/eval/types';
import type { ClassificationMetrics, NodeTraffic, RegressionMetrics } from '../../../app/analysis';
import { computeMetrics, nodeTraffic, trafficFromLeafCounts, wrongRows } from '../../../app/analysis';
import type { TreeModel } from '../../../app/model/types';
import { compiledModel, trafficPlanOf } from '../testing/compiled';
import { columnOrderProblem, labelTexts, parseVectorText, splitPastedLine, type PreparedTable } from '../testing/table';
import type { AppState } from './store';

/** A CSV loaded into the testing panel, matched to the model and (once the worker is done) scored. */
export interface CsvState {
  table: CsvTable;
  prepared: PreparedTable;
  /** Bridge round trip (read in main, transfer, decode) and matching, for the summary line. */
  timings?: { requestMillis?: number; prepareMillis: number };
  batch: BatchPrediction | undefined;
  scoreMillis: number | undefined;
  /** Scoring workers the rows were split between. */
  scoreWorkers?: number;
  /** Whether the compiled model (WebAssembly) scored the rows, or the interpreter and why. */
  scoreKernel?: KernelState;
  /** Counting the rows through every node, after scoring (in the page). */
  trafficMillis?: number;
  traffic: NodeTraffic | undefined;
  labelColumn: string | undefined;
  metrics: ClassificationMetrics | RegressionMetrics | undefined;
  /** Row indices the model gets wrong (with a label column). */
  wrong: Int32Array | undefined;
}

/** Issue 5: the feature vector being tested, its prediction and paths, and a loaded CSV. */
export interface TestingSlice {
  /** Values in feature order (NaN = missing); undefined until the user sets one. */
  vector: Float64Array | undefined;
  /** The vector's prediction with the path of every tree. */
  rowPrediction: RowPredictionWithPaths | undefined;
  /** Time the last vector update took to score (predictRow with paths). */
  predictMillis: number;
  /** Which CSV row the vector came from, when it did. */
  vectorRow: number | undefined;
  csv: CsvState | undefined;
  csvError: string | undefined;
  showTraffic: boolean;
  wrongOnly: boolean;
  /**
   * The column order header-less pasted lines are read in, set once by the user for a model that
   * does not know its own (kept for the file it was set on, also across re-reads of it).
   */
  pasteColumns: { file: string; names: string[] } | undefined;
  /** A header-less line waiting for its column order: the model does not know it, and nothing is guessed. */
  pendingPasteLine: string | undefined;
  /** What the last paste did not read (an error, unknown names), for the line under the paste box. */
  pasteMessage: string | undefined;
  /** Sets the whole vector and scores it. */
  setVector: (values: ArrayLike<number>, fromRow?: number) => void;
  /** Changes one feature and scores again (slider drags and typing). */
  setFeatureValue: (feature: number, value: number) => void;
  clearVector: () => void;
  /** Hides every subtree off the current tree's path. */
  focusPath: () => void;
  setCsv: (csv: CsvState | undefined, error?: string) => void;
  /** Stores scores of the loaded CSV and its traffic (from rows counted per leaf, or from each row's leaves). */
  setCsvBatch: (scores: { batch: BatchPrediction; millis: number; workers?: number; leafCounts?: Int32Array; kernel?: KernelState }) => void;
  setLabelColumn: (name: string | undefined) => void;
  setShowTraffic: (isShown: boolean) => void;
  setWrongOnly: (isOnly: boolean) => void;
  /** Reads pasted text (JSON, header + values, or a values line) into the vector; a line the model cannot place waits in `pendingPasteLine`. */
  pasteVector: (text: string) => void;
  /**
   * Sets the column order of header-less lines, from a pasted header line or `'model'` (the order the
   * model lists its features, chosen explicitly), then reads the waiting line with it; `undefined` forgets it.
   */
  setPasteColumns: (columns: string | 'model' | undefined) => void;
  /** Drops the waiting line without reading it. */
  dismissPendingPaste: () => void;
  /** Forgets the vector and the CSV (another model opened). */
  resetTesting: () => void;
}

function score(model: TreeModel, values: Float64Array) {
  const started = performance.now();
  const rowPrediction = compiledModel(model).predictRow(values, { paths: true });
  return { rowPrediction, predictMillis: performance.now() - started };
}

/** Which file a column order belongs to: the path where the host knows it, else the file name. */
function pasteFileOf(state: AppState): string | undefined {
  const document = state.document;
  return document ? (document.path ?? document.fileName) : undefined;
}

function metricsFor(model: TreeModel, csv: CsvState, labelColumn: string | undefined) {
  if (!labelColumn || !csv.batch) return { labelColumn, metrics: undefined, wrong: undefined };
  const texts = labelTexts(csv.table, labelColumn);
  if (!texts) return { labelColumn: undefined, metrics: undefined, wrong: undefined };
  const metrics = computeMetrics(model, csv.batch, texts);
  return { labelColumn, metrics, wrong: wrongRows(metrics) };
}

export const createTestingSlice: StateCreator<AppState, [], [], TestingSlice> = (set, get) => ({
  vector: undefined,
  rowPrediction: undefined,
  predictMillis: 0,
  vectorRow: undefined,
  csv: undefined,
  csvError: undefined,
  showTraffic: true,
  wrongOnly: false,
  pasteColumns: undefined,
  pendingPasteLine: undefined,
  pasteMessage: undefined,
  setVector: (values, fromRow) => {
    const model = get().document?.model;
    if (!model) return;
    const vector = new Float64Array(model.features.length).fill(NaN);
    for (let f = 0; f < Math.min(vector.length, values.length); f++) vector[f] = values[f];
    set({ vector, vectorRow: fromRow, ...score(model, vector) });
  },
  setFeatureValue: (feature, value) => {
    const state = get();
    const model = state.document?.model;
    if (!model) return;
    const vector = state.vector ? Float64Array.from(state.vector) : new Float64Array(model.features.length).fill(NaN);
    vector[feature] = value;
    set({ vector, vectorRow: undefined, ...score(model, vector) });
  },
  clearVector: () => set({ vector: undefined, rowPrediction: undefined, vectorRow: undefined }),
  focusPath: () => {
    const state = get();
    const tree = state.document?.model.trees[state.selectedTree];
    const path = state.rowPrediction?.paths?.[state.selectedTree];
    if (!tree || !path) return;
    const onPath = new Set(path);
    const collapsed = new Set<number>();
    for (const id of path) {
      const node = tree.nodes[id];
      if (node.type !== 'split') continue;
      for (const child of [node.left, node.right]) if (!onPath.has(child) && tree.nodes[child].type === 'split') collapsed.add(child);
    }
    set({ collapsed, anchorNode: path[path.length - 1], viewNotice: undefined });
  },
  setCsv: (csv, error) => set({ csv, csvError: error, wrongOnly: false }),
  setCsvBatch: ({ batch, millis, workers, leafCounts, kernel }) => {
    const state = get();
    const model = state.document?.model;
    if (!model || !state.csv) return;
    const started = performance.now();
    const plan = trafficPlanOf(model);
    const traffic = leafCounts ? trafficFromLeafCounts(plan, leafCounts, batch.rows) : nodeTraffic(plan, batch.leafNodes!, batch.rows);
    const csv: CsvState = { ...state.csv, batch, scoreMillis: millis, scoreWorkers: workers, scoreKernel: kernel, trafficMillis: performance.now() - started, traffic };
    set({ csv: { ...csv, ...metricsFor(model, csv, csv.labelColumn) } });
  },
  setLabelColumn: (name) => {
    const state = get();
    const model = state.document?.model;
    if (!model || !state.csv) return;
    set({ csv: { ...state.csv, ...metricsFor(model, state.csv, name) }, wrongOnly: false });
  },
  setShowTraffic: (showTraffic) => set({ showTraffic }),
  setWrongOnly: (wrongOnly) => set({ wrongOnly }),
  pasteVector: (text) => {
    const state = get();
    const model = state.document?.model;
    if (!model) return;
    const columns = state.pasteColumns?.file === pasteFileOf(state) ? state.pasteColumns?.names : undefined;
    const parsed = parseVectorText(model, text, columns);
    if ('needsColumns' in parsed) return set({ pendingPasteLine: text.trim(), pasteMessage: undefined });
    if ('error' in parsed) return set({ pasteMessage: parsed.error });
    state.setVector(parsed.values);
    set({ pendingPasteLine: undefined, pasteMessage: parsed.unknown.length > 0 ? `Not features of the model (ignored): ${parsed.unknown.join(', ')}` : undefined });
  },
  setPasteColumns: (columns) => {
    const state = get();
    const model = state.document?.model;
    const file = pasteFileOf(state);
    if (!model || file === undefined) return;
    if (columns === undefined) return set({ pasteColumns: undefined });
    const names = columns === 'model' ? model.features.map((feature) => feature.name) : splitPastedLine(columns);
    const problem = columnOrderProblem(model, names);
    if (problem) return set({ pasteMessage: problem });
    set({ pasteColumns: { file, names }, pasteMessage: undefined });
    if (state.pendingPasteLine !== undefined) get().pasteVector(state.pendingPasteLine);
  },
  dismissPendingPaste: () => set({ pendingPasteLine: undefined, pasteMessage: undefined }),
  resetTesting: () =>
    set({ vector: undefined, rowPrediction: undefined, vectorRow: undefined, csv: undefined, csvError: undefined, wrongOnly: false, pendingPasteLine: undefined, pasteMessage: undefined }),
});

/** True when node `nodeId` of the drawn tree lies on the tested vector's path. */
export function isOnPath(state: AppState, nodeId: number): boolean {
  const path = state.rowPrediction?.paths?.[state.selectedTree];
  return path !== undefined && path.includes(nodeId);
}

/** Rows of the loaded CSV reaching node `nodeId` of the drawn tree, when traffic is shown. */
export function nodeTrafficCount(state: AppState, nodeId: number): number | undefined {
  const traffic = state.showTraffic ? state.csv?.traffic : undefined;
  if (!traffic) return undefined;
  return traffic.counts[traffic.offsets[state.selectedTree] + nodeId];
}

/**
 * What decided the tested vector's branch at split `nodeId` of the drawn tree when it was not a
 * plain comparison: a missing value (the default or comparison side), or membership in a category set.
 */
export function pathDecision(state: AppState, nodeId: number): 'missing' | 'category' | undefined {
  const node = state.document?.model.trees[state.selectedTree]?.nodes[nodeId];
  if (!node || node.type !== 'split' || !state.vector) return undefined;
  const value = state.vector[node.feature];
  if (value !== value) return 'missing';
  return node.split.kind === 'categorical' ? 'category' : undefined;
}
