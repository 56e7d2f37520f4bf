import { layoutShape, treeShape, type ShapeLayout, type TreeShape } from '../../../app/graph/layout';
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
