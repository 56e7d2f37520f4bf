import { useEffect, useLayoutEffect, useMemo, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { treeShape } from '../../../app/graph/layout';
import { nearestOverviewNode, overviewLayout } from '../../../app/graph/overviewLayout';
import type { Tree, TreeModel } from '../../../app/model/types';
import { leafColor } from '../flow/flowElements';
import { fitTransform, layoutPointAt, paintPath, paintScene, zoomAround, type OverviewScene, type OverviewTransform } from '../flow/overviewPainter';
import { treeFacts } from '../store/derived';
import { appStore, useAppStore } from '../store/store';

/** A full paint slower than this is not repeated on every frame of a gesture: the last one is moved instead. */
const FRAME_BUDGET_MS = 8;
/** Quiet time after the last wheel or drag step before the sharp paint. */
const SETTLE_MS = 140;
/** A press that moves less than this is a click. */
const CLICK_SLOP_PX = 4;
/** How far from a node a click may land and still mean it. */
const CLICK_REACH_PX = 12;

function sceneOf(model: TreeModel, tree: Tree): OverviewScene {
  const layout = overviewLayout(treeShape(tree));
  const facts = treeFacts(tree);
  const byColor = new Map<string, number[]>();
  const splits: number[] = [];
  for (const node of tree.nodes) {
    if (node.type === 'split') {
      splits.push(node.id);
      continue;
    }
    const color = leafColor(model, node, facts);
    let ids = byColor.get(color);
    if (!ids) byColor.set(color, (ids = []));
    ids.push(node.id);
  }
  const leavesByColor = new Map<string, Int32Array>();
  for (const [color, ids] of byColor) leavesByColor.set(color, Int32Array.from(ids));
  return { layout, leavesByColor, splits: Int32Array.from(splits) };
}

const sameTransform = (a: OverviewTransform, b: OverviewTransform) => a.x === b.x && a.y === b.y && a.sx === b.sx && a.sy === b.sy;

/** A painted bitmap and the transform it was painted at. */
interface Snapshot {
  canvas: HTMLCanvasElement;
  transform: OverviewTransform;
}

/**
 * The whole tree on one canvas, over the drawing (issue 15): every node of a 50,000-node tree at once,
 * with the tested vector's path. Drag to pan, wheel to zoom; a click on a node opens the drawing there
 * (its ancestors expanded, the node centred and selected). Test and bench hooks:
 * `data-testid="whole-tree"` with `data-node-count`, `data-painted`, `data-first-paint-ms`,
 * `data-paint-ms` and `data-path-leaf`.
 */
export function WholeTreeView({ model, treeIndex }: { model: TreeModel; treeIndex: number }) {
  const startedAt = useRef(performance.now());
  const tree = model.trees[treeIndex];
  const sceneMs = useRef(0);
  const scene = useMemo(() => {
    const started = performance.now();
    const made = sceneOf(model, tree);
    sceneMs.current = performance.now() - started;
    return made;
  }, [model, tree]);
  const path = useAppStore((state) => state.rowPrediction?.paths?.[treeIndex]);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useRef<{
    transform?: OverviewTransform;
    fit?: OverviewTransform;
    size: { width: number; height: number; ratio: number };
    sharp?: Snapshot;
    base?: Snapshot;
    lastPaintMs: number;
    isMoving: boolean;
    frame: number;
    settle: number;
    path?: readonly number[];
    isFirstPaintDone: boolean;
    snapshotTimer: number;
    /** A snapshot canvas no longer shown, reused for the next copy. */
    spare?: Snapshot;
  }>({ size: { width: 0, height: 0, ratio: 1 }, lastPaintMs: 0, isMoving: false, frame: 0, settle: 0, isFirstPaintDone: false, snapshotTimer: 0 });
  const drag = useRef<{ pointerX: number; pointerY: number; startX: number; startY: number; hasMoved: boolean } | undefined>(undefined);

  const snapshot = (from: HTMLCanvasElement, transform: OverviewTransform, into?: Snapshot): Snapshot => {
    const target = into?.canvas ?? window.document.createElement('canvas');
    target.width = from.width;
    target.height = from.height;
    target.getContext('2d')!.drawImage(from, 0, 0);
    return { canvas: target, transform };
  };

  const draw = () => {
    const state = view.current;
    state.frame = 0;
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || !state.transform) return;
    const { width, height, ratio } = state.size;
    const transform = state.transform;
    const sharp = state.sharp;
    if (sharp && !sameTransform(sharp.transform, transform) && !state.isMoving) {
      // About to paint sharp again: keep the old bitmap's canvas for the next copy.
      state.spare = sharp;
    }
    if (!state.isMoving && sharp && sameTransform(sharp.transform, transform)) {
      // Only the path changed (a new vector): the tree as last painted, then the path.
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, element.width, element.height);
      context.drawImage(sharp.canvas, 0, 0);
    } else if (state.isMoving && state.lastPaintMs > FRAME_BUDGET_MS && sharp) {
      // Mid-gesture on a big tree: move the last paints (the whole tree at fit below, the sharp one above).
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, element.width, element.height);
      for (const painted of [state.base, state.sharp]) {
        if (!painted) continue;
        const kx = transform.sx / painted.transform.sx;
        const ky = transform.sy / painted.transform.sy;
        context.setTransform(kx, 0, 0, ky, (transform.x - painted.transform.x * kx) * ratio, (transform.y - painted.transform.y * ky) * ratio);
        context.drawImage(painted.canvas, 0, 0);
      }
    } else {
      const started = performance.now();
      paintScene(context, scene, transform, width, height, ratio);
      state.lastPaintMs = performance.now() - started;
      element.dataset.paintMs = state.lastPaintMs.toFixed(1);
      // Copying the canvas makes Chromium rasterise it now: after this frame is shown, not before it.
      state.sharp = undefined;
      window.clearTimeout(state.snapshotTimer);
      state.snapshotTimer = window.setTimeout(() => {
        if (state.transform !== transform || !canvas.current) return;
        const copied = snapshot(canvas.current, transform, state.sharp ?? state.spare);
        state.spare = undefined;
        state.sharp = copied;
        if (!state.base) state.base = snapshot(canvas.current, transform);
      }, 0);
    }
    if (state.path) paintPath(context, scene.layout, state.path, transform, ratio);
    if (!state.isFirstPaintDone) {
      state.isFirstPaintDone = true;
      box.current!.dataset.firstPaintMs = (performance.now() - startedAt.current).toFixed(1);
      box.current!.dataset.sceneMs = sceneMs.current.toFixed(1);
      box.current!.dataset.painted = 'true';
    }
  };

  const requestDraw = () => {
    const state = view.current;
    if (!state.frame) state.frame = requestAnimationFrame(draw);
  };

  /** A gesture step: move now, paint sharp once the gesture rests. */
  const moveTo = (transform: OverviewTransform) => {
    const state = view.current;
    state.transform = transform;
    state.isMoving = true;
    window.clearTimeout(state.settle);
    state.settle = window.setTimeout(() => {
      state.isMoving = false;
      requestDraw();
    }, SETTLE_MS);
    requestDraw();
  };

  // Size the canvas to its box (device pixels), fit the tree and paint it before the browser shows
  // the frame (no wait for the next animation frame); again whenever the box changes size.
  useLayoutEffect(() => {
    const element = box.current!;
    const state = view.current;
    const resize = () => {
      const ratio = window.devicePixelRatio || 1;
      const width = element.clientWidth;
      const height = element.clientHeight;
      if (width === state.size.width && height === state.size.height && ratio === state.size.ratio) return;
      state.size = { width, height, ratio };
      canvas.current!.width = Math.round(width * ratio);
      canvas.current!.height = Math.round(height * ratio);
      state.fit = fitTransform(scene.layout, width, height);
      state.transform = state.fit;
      state.base = undefined;
      state.sharp = undefined;
      cancelAnimationFrame(state.frame);
      draw();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(state.frame);
      window.clearTimeout(state.settle);
      window.clearTimeout(state.snapshotTimer);
      state.frame = 0;
    };
    // draw and requestDraw read the current scene through the closure made with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene]);

  useLayoutEffect(() => {
    if (view.current.path === path) return;
    view.current.path = path;
    requestDraw();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);

  // Wheel zoom: a native listener, since React's wheel listeners are passive and cannot stop the page scrolling.
  useEffect(() => {
    const element = canvas.current!;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const state = view.current;
      if (!state.transform || !state.fit) return;
      const bounds = element.getBoundingClientRect();
      moveTo(zoomAround(state.transform, state.fit, Math.exp(-event.deltaY * 0.0015), event.clientX - bounds.left, event.clientY - bounds.top));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene]);

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const transform = view.current.transform;
    if (!transform || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointerX: event.clientX, pointerY: event.clientY, startX: transform.x, startY: transform.y, hasMoved: false };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    const transform = view.current.transform;
    if (!current || !transform) return;
    const dx = event.clientX - current.pointerX;
    const dy = event.clientY - current.pointerY;
    if (!current.hasMoved && Math.hypot(dx, dy) < CLICK_SLOP_PX) return;
    current.hasMoved = true;
    moveTo({ ...transform, x: current.startX + dx, y: current.startY + dy });
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    drag.current = undefined;
    const transform = view.current.transform;
    if (!current || current.hasMoved || !transform) return;
    const bounds = event.currentTarget.getBoundingClientRect();
    const point = layoutPointAt(transform, event.clientX - bounds.left, event.clientY - bounds.top);
    const id = nearestOverviewNode(scene.layout, point.column, point.row, CLICK_REACH_PX / transform.sx);
    if (id < 0) return;
    // To the drawing, opened down to the node and centred on it.
    appStore.getState().showWholeTree(false);
    appStore.getState().revealAndFocus(id);
  };

  const leaf = path?.[path.length - 1];
  return (
    <div
      ref={box}
      className="whole-tree"
      data-testid="whole-tree"
      data-node-count={tree.nodes.length}
      data-leaf-count={scene.layout.leafCount}
      data-path-leaf={leaf ?? ''}
      data-painted="false"
    >
      <canvas
        ref={canvas}
        className="whole-tree-canvas"
        data-testid="whole-tree-canvas"
        aria-label={`The whole tree: ${tree.nodes.length.toLocaleString('en')} nodes`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = undefined)}
      />
      <button type="button" className="whole-tree-close" data-testid="whole-tree-close" title="Back to the drawing ( Esc )" onClick={() => appStore.getState().showWholeTree(false)}>
        Back to the drawing
      </button>
      <p className="whole-tree-hint">
        Whole tree · {tree.nodes.length.toLocaleString('en')} nodes, {scene.layout.leafCount.toLocaleString('en')} leaves, depth {scene.layout.maxDepth}
        {path ? ' · the path of your vector in orange' : ''} · drag, wheel to zoom, click a node to open it there
      </p>
    </div>
  );
}

/**
 * The whole tree when the user asked for it (toolbar, `isWholeTreeShown`): its own subscription, so the
 * drawing under it does not render again when it opens or closes.
 */
export function WholeTreeLayer({ model, treeIndex }: { model: TreeModel; treeIndex: number }) {
  const isShown = useAppStore((state) => state.isWholeTreeShown);
  return isShown ? <WholeTreeView model={model} treeIndex={treeIndex} /> : null;
}
