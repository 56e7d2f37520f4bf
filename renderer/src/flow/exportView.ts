import type { ReactFlowInstance } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../app/graph/layout';
import { treeToSvg, type ExportEdge, type ExportNode } from '../../../app/graph/svgExport';
import type { BranchFlowEdge } from '../components/BranchEdge';
import type { TreeFlowNode } from '../components/TreeNodes';
import { saveImage } from '../desktop/saveImage';

/** The drawn tree as export shapes, straight from what React Flow holds. */
function exportShapes(flow: ReactFlowInstance<TreeFlowNode, BranchFlowEdge>): { nodes: ExportNode[]; edges: ExportEdge[] } {
  const flowNodes = flow.getNodes();
  const positions = new Map(flowNodes.map((node) => [node.id, node.position]));
  const nodes: ExportNode[] = flowNodes.map((node) => {
    if (node.type === 'leaf') {
      return { id: node.data.nodeId, x: node.position.x, y: node.position.y, kind: 'leaf', lines: [node.data.label, node.data.statsText].filter(Boolean), color: node.data.color };
    }
    const lines = [node.data.featureLabel, node.data.testLabel];
    if (node.data.statsText) lines.push(node.data.statsText);
    else if (node.data.isCollapsed) lines.push(`+${node.data.hiddenCount.toLocaleString('en')} nodes`);
    return { id: node.data.nodeId, x: node.position.x, y: node.position.y, kind: 'split', lines, isCollapsed: node.data.isCollapsed };
  });
  const edges: ExportEdge[] = [];
  for (const edge of flow.getEdges()) {
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    if (!from || !to || !edge.data) continue;
    edges.push({
      fromX: from.x + NODE_WIDTH / 2,
      fromY: from.y + NODE_HEIGHT,
      toX: to.x + NODE_WIDTH / 2,
      toY: to.y,
      label: edge.data.label,
      missing: edge.data.missing,
      strokeWidth: edge.data.strokeWidth,
    });
  }
  return { nodes, edges };
}

/**
 * Exports what the canvas shows now (its pan and zoom) as SVG (plain shapes and text, drawn from
 * the tree, not a screenshot) or PNG (that SVG rasterised at twice the screen resolution). Electron
 * asks where to save (undefined when cancelled); the browser downloads.
 */
export async function exportCurrentView(
  flow: ReactFlowInstance<TreeFlowNode, BranchFlowEdge>,
  element: HTMLElement,
  format: 'png' | 'svg',
  baseName: string,
): Promise<string | undefined> {
  const { x, y, zoom } = flow.getViewport();
  const { width, height } = element.getBoundingClientRect();
  const region = { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
  const { nodes, edges } = exportShapes(flow);
  const svg = treeToSvg(nodes, edges, region, baseName);
  const fileName = `${baseName}.${format}`;
  if (format === 'svg') return saveImage(fileName, 'svg', svg);
  const svgUrl = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = svgUrl;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await saveImage(fileName, 'png', canvas.toDataURL('image/png'));
  } finally {
    URL.revokeObjectURL(svgUrl);
  }
}
