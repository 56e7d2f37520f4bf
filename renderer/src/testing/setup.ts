import './testing.css';
import { revealNode } from '../../../app/graph/visibility';
import { registerCommand } from '../commands';
import { appStore } from '../store/store';
import { afterFirstTree } from '../flow/firstDraw';
import type { SplitscopeBridge } from '../../../app/bridge';
import { connectBridge } from '../bridgeClient';
import { newJobId } from '../store/jobs';

// Reading and scoring CSVs (papaparse, the evaluator, the table code) is a chunk of its own, loaded
// when first used or once the first tree is drawn (`prepareScoring`): the first tree does not wait
// for that code to compile.
const csvActions = () => import('./csvActions');
const scoreClient = () => import('./scoreClient');

/** True for files the app reads as data rather than as a model. */
export function isCsvFile(file: File): boolean {
  return /\.(csv|tsv)$/i.test(file.name);
}

/** Drops and file picks: CSVs go to the testing panel, the rest is opened as a model by the caller. */
export function openDroppedCsv(file: File): boolean {
  if (!isCsvFile(file) || !appStore.getState().document) return false;
  void csvActions().then((actions) => actions.openCsvFile(file));
  return true;
}

let isSetUp = false;

/**
 * Wires the testing feature into the window once: its commands (palette, native menu), showing the
 * path of every tree (the drawn tree expands along it, also after switching trees), forgetting the
 * vector when another model opens, and the `--csv` file once the first model is on screen.
 */
export function setUpTesting(): void {
  if (isSetUp) return;
  isSetUp = true;
  const hasModel = () => appStore.getState().document !== undefined;
  registerCommand({ id: 'open-csv', title: 'Open CSV…', group: 'Test', isEnabled: hasModel, run: () => void csvActions().then((actions) => actions.openCsv()) });
  registerCommand({ id: 'focus-path', title: 'Focus on the path', group: 'Test', isEnabled: () => appStore.getState().rowPrediction !== undefined, run: () => appStore.getState().focusPath() });
  registerCommand({ id: 'export-results', title: 'Export per-row results (CSV)', group: 'Test', isEnabled: () => appStore.getState().csv?.batch !== undefined, run: () => void csvActions().then((actions) => actions.exportResults()) });
  registerCommand({ id: 'clear-vector', title: 'Clear the feature vector', group: 'Test', isEnabled: () => appStore.getState().vector !== undefined, run: () => appStore.getState().clearVector() });
  registerCommand({ id: 'show-testing', title: 'Show the Test panel', group: 'Test', isEnabled: hasModel, run: () => appStore.getState().setRightPanel('testing') });
  registerCommand({
    id: 'toggle-traffic',
    title: 'Traffic overlay on/off',
    group: 'Test',
    isEnabled: () => appStore.getState().csv !== undefined,
    run: () => appStore.getState().setShowTraffic(!appStore.getState().showTraffic),
  });

  appStore.subscribe((state, previous) => {
    if (state.document !== previous.document) {
      if (previous.document !== undefined) state.resetTesting();
      // A whole model (not a progressive open's first tree): get the scoring workers ready for a CSV,
      // once its tree is on screen (each worker's copy of the model is made in idle time, `prepareScoring`).
      const document = state.document;
      if (document && !document.partial) {
        const isShown = () => appStore.getState().document === document;
        afterFirstTree(() => {
          if (isShown()) void scoreClient().then((client) => isShown() && client.prepareScoring(document.id, document.model, isShown));
        });
      }
      return;
    }
    if (state.rowPrediction === previous.rowPrediction && state.selectedTree === previous.selectedTree) return;
    // Keep the reached leaf drawn: expand collapsed splits along the path (no change when it already shows).
    const tree = state.document?.model.trees[state.selectedTree];
    const path = state.rowPrediction?.paths?.[state.selectedTree];
    if (!tree || !path || path.length === 0) return;
    if (!path.slice(0, -1).some((id) => state.collapsed.has(id))) return;
    appStore.setState({ collapsed: revealNode(tree, state.collapsed, path[path.length - 1]) });
  });
}

/**
 * The CSV main was handed (`--csv`, an Electron drop or "open with"), if any; read through the
 * bridge. Only a CSV loads the code that reads and scores it: most opens have none.
 */
export async function openStartupCsv(): Promise<void> {
  const started = performance.now();
  let result: Awaited<ReturnType<SplitscopeBridge['openStartupCsv']>>;
  try {
    result = await connectBridge().openStartupCsv({ jobId: newJobId() });
  } catch (error) {
    appStore.getState().setCsv(undefined, `Could not read the CSV: ${(error as Error).message}`);
    return;
  }
  if (result.status === 'none' || result.status === 'cancelled') return;
  return (await csvActions()).applyCsvResult(result, performance.now() - started);
}

/** After the first model opened: the CSV named with `--csv`, if any. */
export const afterStartupModel = openStartupCsv;
