import { layoutShape, treeShape, type ShapeLayout, type TreeShape } from '../../../app/graph/layout';
import { visibleNodeIds } from '../../../app/graph/visibility';
import type { Tree } from '../../../app/model/types';
import type { LayoutRequest, LayoutResponse } from './layoutProtocol';

/**
 * Lays trees out in a Web Worker, so a 50,000-node tree never blocks panning. The worker starts
 * when this module loads (before the first model arrives) to keep its start-up off the first paint.
 * If no worker can start (an odd host or CSP), layouts run here instead.
 */
let worker: Worker | undefined;
let requestCounter = 0;
const pending = new Map<number, { resolve: (layout: ShapeLayout) => void; retry: () => void }>();
const sentShapes = new WeakMap<Tree, string>();
const shapeCache = new WeakMap<Tree, TreeShape>();
let treeCounter = 0;

function startWorker(): Worker | undefined {
  try {
    const started = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'splitscope-layout' });
    started.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const entry = pending.get(event.data.requestId);
      if (!entry) return;
      pending.delete(event.data.requestId);
      if (event.data.status === 'ok') entry.resolve(event.data.layout);
      else entry.retry();
    };
    started.onerror = (event) => {
      console.error(`splitscope: the layout worker failed (${event.message}); laying out on the main thread`);
      worker = undefined;
      for (const entry of pending.values()) entry.retry();
      pending.clear();
    };
    return started;
  } catch (error) {
    console.error(`splitscope: no layout worker (${(error as Error).message}); laying out on the main thread`);
    return undefined;
  }
}

worker = startWorker();

function shapeOf(tree: Tree): TreeShape {
  let shape = shapeCache.get(tree);
  if (!shape) {
    shape = treeShape(tree);
    shapeCache.set(tree, shape);
  }
  return shape;
}

/**
 * A drawn part this small is laid out on the calling thread: the tidy layout of this many nodes
 * takes a few milliseconds, less than a round trip to the worker (whose start-up the first tree
 * would otherwise wait for), and the tree can be drawn in the same render that mounts the canvas.
 */
export const AT_ONCE_NODES = 2000;

/**
 * The layout of `tree` with `collapsed` splits hidden, computed here and now when its drawn part has
 * at most {@link AT_ONCE_NODES} nodes; undefined for a bigger part, which goes to the worker
 * ({@link requestLayout}).
 */
export function layoutAtOnce(tree: Tree, collapsed: ReadonlySet<number>): ShapeLayout | undefined {
  return visibleNodeIds(tree, collapsed).length <= AT_ONCE_NODES ? layoutShape(shapeOf(tree), collapsed) : undefined;
}

/** The layout of `tree` with `collapsed` splits hidden. */
export function requestLayout(tree: Tree, collapsed: ReadonlySet<number>): Promise<ShapeLayout> {
  return new Promise((resolve) => {
    const send = (withShape: boolean) => {
      if (!worker) {
        resolve(layoutShape(shapeOf(tree), collapsed));
        return;
      }
      let key = sentShapes.get(tree);
      if (!key) {
        key = `tree-${++treeCounter}`;
        sentShapes.set(tree, key);
        withShape = true;
      }
      const requestId = ++requestCounter;
      pending.set(requestId, { resolve, retry: () => send(true) });
      const request: LayoutRequest = { requestId, key, collapsed: Int32Array.from(collapsed) };
      if (withShape) {
        // Copies, since the transferred buffers leave this thread; the cached shape stays usable.
        const shape = shapeOf(tree);
        request.shape = { left: shape.left.slice(), right: shape.right.slice() };
      }
      worker.postMessage(request, request.shape ? [request.shape.left.buffer, request.shape.right.buffer, request.collapsed.buffer] : [request.collapsed.buffer]);
    };
    send(false);
  });
}
