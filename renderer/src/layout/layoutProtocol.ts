import type { ShapeLayout, TreeShape } from '../../../app/graph/layout';

/** Main thread → layout worker. `shape` is sent the first time a tree (`key`) is laid out. */
export interface LayoutRequest {
  requestId: number;
  key: string;
  shape?: TreeShape;
  collapsed: Int32Array;
}

/** Layout worker → main thread. `needShape` when the worker dropped the tree's shape. */
export type LayoutResponse =
  | { requestId: number; status: 'ok'; layout: ShapeLayout }
  | { requestId: number; status: 'needShape' };
