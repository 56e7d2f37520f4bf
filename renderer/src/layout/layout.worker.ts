/// <reference lib="webworker" />
import { layoutShape, type TreeShape } from '../../../app/graph/layout';
import type { LayoutRequest, LayoutResponse } from './layoutProtocol';

// Shapes of the trees laid out lately, so re-layouts after a collapse send only the collapsed ids.
const shapes = new Map<string, TreeShape>();
const KEPT_SHAPES = 8;

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const request = event.data;
  if (request.shape) {
    shapes.delete(request.key);
    shapes.set(request.key, request.shape);
    if (shapes.size > KEPT_SHAPES) shapes.delete(shapes.keys().next().value!);
  }
  const shape = shapes.get(request.key);
  let response: LayoutResponse;
  if (!shape) {
    response = { requestId: request.requestId, status: 'needShape' };
  } else {
    const layout = layoutShape(shape, new Set(request.collapsed));
    response = { requestId: request.requestId, status: 'ok', layout };
  }
  const transfer = response.status === 'ok' ? [response.layout.ids.buffer, response.layout.x.buffer, response.layout.y.buffer, response.layout.parents.buffer, response.layout.isCollapsed.buffer] : [];
  (self as unknown as Worker).postMessage(response, transfer);
};
