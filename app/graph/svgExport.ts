import { NODE_HEIGHT, NODE_WIDTH } from './layout';

/** One node box to export: top-left corner in flow coordinates and its text lines. */
export interface ExportNode {
  id: number;
  x: number;
  y: number;
  kind: 'split' | 'leaf';
  /** First line bold (feature, or the leaf output), then the test, then statistics. */
  lines: string[];
  /** Leaf fill colour (CSS colour). */
  color?: string;
  isCollapsed?: boolean;
}

/** One edge to export, from the bottom centre of the parent to the top centre of the child. */
export interface ExportEdge {
  fromX: number;
  fromY: number;
  toX: number;
  toY: number;
  label: string;
  missing?: 'explicit' | 'comparison';
  strokeWidth: number;
}

/** The region of the flow to export, in flow coordinates (what the screen shows). */
export interface ExportRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

const FONT = "Inter, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";
const MONO = "'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace";

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cuts text to a width in characters, with an ellipsis, as the canvas does with CSS. */
function fit(text: string, characters: number): string {
  return text.length <= characters ? text : `${text.slice(0, Math.max(1, characters - 1))}…`;
}

/**
 * A standalone SVG of part of a drawn tree: plain shapes and text (no foreignObject), so it opens in
 * vector editors and prints sharply. Nodes and edges outside `region` are left out.
 */
export function treeToSvg(nodes: ExportNode[], edges: ExportEdge[], region: ExportRegion, title: string): string {
  const right = region.x + region.width;
  const bottom = region.y + region.height;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(region.width)}" height="${Math.round(region.height)}" viewBox="${region.x} ${region.y} ${region.width} ${region.height}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="${region.x}" y="${region.y}" width="${region.width}" height="${region.height}" fill="#ffffff"/>`,
  );
  for (const edge of edges) {
    if (Math.max(edge.fromX, edge.toX) < region.x || Math.min(edge.fromX, edge.toX) > right || edge.toY < region.y || edge.fromY > bottom) continue;
    const middleY = (edge.fromY + edge.toY) / 2;
    const stroke = edge.missing === 'explicit' ? '#c9a27a' : '#9aa6b8';
    parts.push(
      `<path d="M${edge.fromX},${edge.fromY} V${middleY} H${edge.toX} V${edge.toY}" fill="none" stroke="${stroke}" stroke-width="${edge.strokeWidth}" stroke-linejoin="round"/>`,
    );
    const labelWidth = edge.label.length * 6.65 + 10;
    const labelY = edge.toY - 24;
    parts.push(
      `<rect x="${edge.toX - labelWidth / 2}" y="${labelY - 8}" width="${labelWidth}" height="16" rx="4" fill="#ffffff"/>`,
      `<text x="${edge.toX}" y="${labelY}" dy="0.33em" text-anchor="middle" font-family="${MONO}" font-size="11" fill="#344054">${escapeXml(edge.label)}</text>`,
    );
    if (edge.missing) {
      const text = edge.missing === 'explicit' ? 'missing' : 'NaN';
      const width = edge.missing === 'explicit' ? 46 : 30;
      const x = edge.toX + labelWidth / 2 + 3;
      parts.push(
        `<rect x="${x}" y="${labelY - 7.5}" width="${width}" height="15" rx="7.5" fill="${edge.missing === 'explicit' ? '#fff4e5' : '#f2f4f7'}" stroke="${edge.missing === 'explicit' ? '#f5c38b' : '#d0d5dd'}"/>`,
        `<text x="${x + width / 2}" y="${labelY}" dy="0.33em" text-anchor="middle" font-family="${FONT}" font-size="9.5" font-weight="600" fill="${edge.missing === 'explicit' ? '#b54708' : '#667085'}">${text}</text>`,
      );
    }
  }
  for (const node of nodes) {
    if (node.x + NODE_WIDTH < region.x || node.x > right || node.y + NODE_HEIGHT < region.y || node.y > bottom) continue;
    const isLeaf = node.kind === 'leaf';
    const fill = isLeaf ? node.color ?? '#98a2b3' : '#3559e0';
    parts.push(
      `<g>`,
      `<rect x="${node.x}" y="${node.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="${isLeaf ? '#ffffff' : node.isCollapsed ? '#f6f8ff' : '#ffffff'}" stroke="${isLeaf ? fill : node.isCollapsed ? '#3559e0' : '#aeb9cc'}"${node.isCollapsed ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    if (isLeaf) parts.push(`<rect x="${node.x}" y="${node.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="${fill}" fill-opacity="0.16"/>`);
    parts.push(`<rect x="${node.x}" y="${node.y + 1}" width="4" height="${NODE_HEIGHT - 2}" fill="${fill}"/>`);
    const lineCount = node.lines.length;
    const top = node.y + NODE_HEIGHT / 2 - ((lineCount - 1) * 15) / 2;
    node.lines.forEach((line, index) => {
      const isFirst = index === 0;
      const isStats = index === 2 || (isLeaf && index === 1);
      const family = (isLeaf && isFirst) || (!isLeaf && index === 1) ? MONO : FONT;
      const size = isStats ? 10.5 : 12;
      const weight = isFirst ? ' font-weight="650"' : '';
      const color = isStats ? '#667085' : '#1b2230';
      parts.push(
        `<text x="${node.x + 12}" y="${top + index * 15}" dy="0.33em" font-family="${family}" font-size="${size}"${weight} fill="${color}">${escapeXml(fit(line, isStats ? 30 : 24))}</text>`,
      );
    });
    parts.push(`<text x="${node.x + NODE_WIDTH - 8}" y="${node.y + 12}" text-anchor="end" font-family="${MONO}" font-size="10" fill="#98a2b3">#${node.id}</text>`, `</g>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
