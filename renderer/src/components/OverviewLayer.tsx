import { useEffect, useRef } from 'react';
import { useStore as useFlowStore, type ReactFlowState } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH, type ShapeLayout } from '../../../app/graph/layout';
import type { TreeFlowNode } from './TreeNodes';

const SPLIT_FILL = '#c9d5fb';
const SPLIT_STROKE = '#3559e0';
const EDGE_STROKE = '#9aa6b8';

const selectTransform = (state: ReactFlowState) => state.transform;
const selectSize = (state: ReactFlowState) => `${state.width}x${state.height}`;

interface OverviewLayerProps {
  layout: ShapeLayout;
  nodes: TreeFlowNode[];
}

/**
 * Level of detail for far-out zoom: the whole drawn tree painted as boxes and elbow lines on one
 * canvas, while React Flow's node and edge layers are hidden (still in the DOM, so the test hooks
 * stay). One canvas redraw per frame costs far less than repainting a thousand DOM boxes and SVG
 * paths without a GPU.
 */
export function OverviewLayer({ layout, nodes }: OverviewLayerProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [x, y, zoom] = useFlowStore(selectTransform);
  const size = useFlowStore(selectSize);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    const width = element.clientWidth;
    const height = element.clientHeight;
    if (element.width !== Math.round(width * ratio) || element.height !== Math.round(height * ratio)) {
      element.width = Math.round(width * ratio);
      element.height = Math.round(height * ratio);
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, element.width, element.height);
    context.setTransform(zoom * ratio, 0, 0, zoom * ratio, x * ratio, y * ratio);
    const indexOf = new Map<number, number>();
    for (let index = 0; index < layout.ids.length; index++) indexOf.set(layout.ids[index], index);
    // Only what intersects the screen, in flow coordinates.
    const left = -x / zoom - NODE_WIDTH;
    const right = (width - x) / zoom;
    const top = -y / zoom - NODE_HEIGHT;
    const bottom = (height - y) / zoom;
    context.beginPath();
    context.lineWidth = Math.max(1 / zoom, 1);
    context.strokeStyle = EDGE_STROKE;
    for (let index = 1; index < layout.ids.length; index++) {
      const parent = indexOf.get(layout.parents[index]);
      if (parent === undefined) continue;
      const fromX = layout.x[parent] + NODE_WIDTH / 2;
      const fromY = layout.y[parent] + NODE_HEIGHT;
      const toX = layout.x[index] + NODE_WIDTH / 2;
      const toY = layout.y[index];
      if (Math.max(fromX, toX) < left || Math.min(fromX, toX) > right + NODE_WIDTH || toY < top || fromY > bottom + NODE_HEIGHT) continue;
      const middleY = (fromY + toY) / 2;
      context.moveTo(fromX, fromY);
      context.lineTo(fromX, middleY);
      context.lineTo(toX, middleY);
      context.lineTo(toX, toY);
    }
    context.stroke();
    for (let index = 0; index < layout.ids.length; index++) {
      const nodeX = layout.x[index];
      const nodeY = layout.y[index];
      if (nodeX < left || nodeX > right || nodeY < top || nodeY > bottom) continue;
      const node = nodes[index];
      context.fillStyle = node?.type === 'leaf' ? node.data.color : SPLIT_FILL;
      context.fillRect(nodeX, nodeY, NODE_WIDTH, NODE_HEIGHT);
      if (node?.type === 'split') {
        context.fillStyle = SPLIT_STROKE;
        context.fillRect(nodeX, nodeY, NODE_WIDTH * 0.06, NODE_HEIGHT);
        if (node.data.isCollapsed) context.fillRect(nodeX, nodeY + NODE_HEIGHT * 0.8, NODE_WIDTH, NODE_HEIGHT * 0.2);
      }
    }
  }, [x, y, zoom, size, layout, nodes]);

  return <canvas ref={canvas} className="overview-layer" data-testid="overview-layer" aria-hidden="true" />;
}
