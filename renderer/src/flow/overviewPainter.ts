import type { OverviewLayout } from '../../../app/graph/overviewLayout';

/*
 * Paints a whole tree (issue 15's overview) on a 2D canvas: edges as one path, splits and leaves as
 * squares batched by colour, the tested vector's path on top. No DOM per node, so a 50,000-node tree
 * is one paint of a few tens of milliseconds; while the user pans or zooms, the last paint is moved as
 * a bitmap and a sharp one follows when the gesture rests (see WholeTreeView).
 */

/** Where layout units land on screen: column c → `x + c·sx`, depth d → `y + d·sy` (CSS pixels). */
export interface OverviewTransform {
  x: number;
  y: number;
  sx: number;
  sy: number;
}

/** What the painter draws: the layout, and the leaves grouped by fill colour. */
export interface OverviewScene {
  layout: OverviewLayout;
  /** Leaf ids by fill colour, so each colour is one fill call. */
  leavesByColor: Map<string, Int32Array>;
  /** Split ids. */
  splits: Int32Array;
}

const EDGE_COLOR = '#9aa6b8';
const SPLIT_COLOR = '#3559e0';
const PATH_COLOR = '#e8590c';
const MARGIN = 16;

/** The transform that shows the whole layout in a `width` × `height` box. */
export function fitTransform(layout: OverviewLayout, width: number, height: number): OverviewTransform {
  const columns = Math.max(1, layout.leafCount - 1);
  const rows = Math.max(1, layout.maxDepth);
  const sx = Math.max(1e-6, (width - 2 * MARGIN) / columns);
  // Rows at most 90 px apart: a shallow tree stays a tree, not a few lines spread over the screen.
  const sy = Math.max(1e-6, Math.min(90, (height - 2 * MARGIN) / rows));
  const usedWidth = layout.leafCount > 1 ? columns * sx : 0;
  return { x: (width - usedWidth) / 2, y: MARGIN, sx, sy };
}

/** Side of a node's square in CSS pixels at this zoom. */
function nodeSize(transform: OverviewTransform): number {
  return Math.max(1.5, Math.min(10, transform.sx * 0.6, transform.sy * 0.3));
}

/** Paints the whole tree (what is on screen of it) at `transform`; `ratio` is the device pixel ratio. */
export function paintScene(context: CanvasRenderingContext2D, scene: OverviewScene, transform: OverviewTransform, width: number, height: number, ratio: number): void {
  const { layout } = scene;
  const { x: originX, y: originY, sx, sy } = transform;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const size = nodeSize(transform);
  const half = size / 2;
  // Visible columns and rows, with a node's width to spare.
  const firstColumn = (-size - originX) / sx;
  const lastColumn = (width + size - originX) / sx;
  const firstRow = (-size - originY) / sy;
  const lastRow = (height + size - originY) / sy;

  context.beginPath();
  context.lineWidth = 1;
  context.strokeStyle = EDGE_COLOR;
  const { x, depth, parent } = layout;
  for (let id = 1; id < parent.length; id++) {
    const from = parent[id];
    if (from < 0) continue;
    const childColumn = x[id];
    const parentColumn = x[from];
    const row = depth[id];
    if (row < firstRow || row - 1 > lastRow) continue;
    if ((childColumn < firstColumn && parentColumn < firstColumn) || (childColumn > lastColumn && parentColumn > lastColumn)) continue;
    context.moveTo(originX + parentColumn * sx, originY + (row - 1) * sy);
    context.lineTo(originX + childColumn * sx, originY + row * sy);
  }
  context.stroke();

  const fillNodes = (ids: Int32Array, color: string) => {
    context.fillStyle = color;
    context.beginPath();
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index];
      const column = x[id];
      const row = depth[id];
      if (column < firstColumn || column > lastColumn || row < firstRow || row > lastRow) continue;
      context.rect(originX + column * sx - half, originY + row * sy - half, size, size);
    }
    context.fill();
  };
  fillNodes(scene.splits, SPLIT_COLOR);
  for (const [color, ids] of scene.leavesByColor) fillNodes(ids, color);
}

/** Draws the tested vector's path (node ids from the root) over the tree, and rings its leaf. */
export function paintPath(context: CanvasRenderingContext2D, layout: OverviewLayout, path: readonly number[], transform: OverviewTransform, ratio: number): void {
  if (path.length === 0) return;
  const { x: originX, y: originY, sx, sy } = transform;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.lineWidth = 3;
  context.lineJoin = 'round';
  context.strokeStyle = PATH_COLOR;
  context.beginPath();
  path.forEach((id, step) => {
    const pointX = originX + layout.x[id] * sx;
    const pointY = originY + layout.depth[id] * sy;
    if (step === 0) context.moveTo(pointX, pointY);
    else context.lineTo(pointX, pointY);
  });
  context.stroke();
  const leaf = path[path.length - 1];
  context.beginPath();
  context.arc(originX + layout.x[leaf] * sx, originY + layout.depth[leaf] * sy, Math.max(5, nodeSize(transform)), 0, 2 * Math.PI);
  context.stroke();
}

/** The layout point (column, row) under a screen point. */
export function layoutPointAt(transform: OverviewTransform, screenX: number, screenY: number): { column: number; row: number } {
  return { column: (screenX - transform.x) / transform.sx, row: (screenY - transform.y) / transform.sy };
}

/**
 * Zooms by `factor` around a screen point, within limits: never smaller than `fit` shows the tree,
 * never larger than 80 px per leaf column or 160 px per row.
 */
export function zoomAround(transform: OverviewTransform, fit: OverviewTransform, factor: number, screenX: number, screenY: number): OverviewTransform {
  const sx = Math.min(80, Math.max(fit.sx, transform.sx * factor));
  const sy = Math.min(160, Math.max(fit.sy, transform.sy * factor));
  return {
    sx,
    sy,
    x: screenX - ((screenX - transform.x) / transform.sx) * sx,
    y: screenY - ((screenY - transform.y) / transform.sy) * sy,
  };
}
