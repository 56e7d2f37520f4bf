import { useEffect, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { BranchFlowEdge } from '../components/BranchEdge';
import type { TreeFlowNode } from '../components/TreeNodes';
import { registerCommand } from '../commands';
import { exportCurrentView } from '../flow/exportView';
import { appStore } from '../store/store';
import { showNotice } from './panels';

interface ViewCommandsProps {
  canvas: RefObject<HTMLElement | null>;
}

/**
 * Registers the canvas commands (zoom, fit, export image) while a tree is drawn. Lives inside the
 * ReactFlowProvider, since it needs the flow instance; renders nothing.
 */
export function ViewCommands({ canvas }: ViewCommandsProps) {
  const flow = useReactFlow<TreeFlowNode, BranchFlowEdge>();
  useEffect(() => {
    const exportImage = async (format: 'png' | 'svg') => {
      const state = appStore.getState();
      const element = canvas.current;
      if (!element || !state.document) return;
      const baseName = `${state.document.fileName.replace(/\.[^.]+$/, '')}-tree${state.selectedTree}`;
      try {
        const saved = await exportCurrentView(flow, element, format, baseName);
        showNotice(saved ? `Saved ${saved}` : 'Export cancelled');
      } catch (error) {
        showNotice(`Export failed: ${(error as Error).message}`);
      }
    };
    const removers = [
      registerCommand({ id: 'zoom-in', title: 'Zoom in', group: 'View', run: () => void flow.zoomIn({ duration: 150 }) }),
      registerCommand({ id: 'zoom-out', title: 'Zoom out', group: 'View', run: () => void flow.zoomOut({ duration: 150 }) }),
      registerCommand({ id: 'fit-view', title: 'Fit view', group: 'View', run: () => void flow.fitView({ padding: 0.06, duration: 200 }) }),
      registerCommand({ id: 'whole-tree', title: 'Show the whole tree', group: 'View', run: () => appStore.getState().showWholeTree(true) }),
      registerCommand({ id: 'export-png', title: 'Export image (PNG)…', group: 'Export', run: () => exportImage('png') }),
      registerCommand({ id: 'export-svg', title: 'Export image (SVG)…', group: 'Export', run: () => exportImage('svg') }),
    ];
    return () => removers.forEach((remove) => remove());
  }, [flow, canvas]);
  return null;
}
