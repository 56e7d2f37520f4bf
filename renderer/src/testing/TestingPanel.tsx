import type { TreeModel } from '../../../app/model/types';
import { appStore, useAppStore } from '../store/store';
import { CsvSection } from './CsvSection';
import { PredictionReadout } from './PredictionReadout';
import { VectorEditor } from './VectorEditor';
import { DependenceChart, FlipFinder } from './WhatIf';

/** The Test tab: a feature vector and where it goes, what flips it, and rows from a CSV. */
export function TestingPanel({ model }: { model: TreeModel }) {
  const hasPath = useAppStore((state) => state.rowPrediction !== undefined);
  return (
    <div className="testing-panel" data-testid="testing-panel">
      <div className="testing-actions">
        <button type="button" data-testid="focus-path" disabled={!hasPath} onClick={() => appStore.getState().focusPath()}>
          Focus path
        </button>
      </div>
      <PredictionReadout model={model} />
      <FlipFinder model={model} />
      <VectorEditor model={model} />
      <DependenceChart model={model} />
      <CsvSection model={model} />
    </div>
  );
}
