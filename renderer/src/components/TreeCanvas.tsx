import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Background, ControlButton, Controls, MiniMap, ReactFlow, useReactFlow, useStore as useFlowStore, type NodeMouseHandler, type ReactFlowState } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH, type ShapeLayout } from '../../../app/graph/layout';
import { FIT_TREE_NODES } from '../../../app/graph/visibility';
import type { TreeModel } from '../../../app/model/types';
import { buildFlowElements } from '../flow/flowElements';
import { layoutAtOnce, requestLayout } from '../layout/layoutClient';
import { treeFacts } from '../store/derived';
import { appStore, useAppStore } from '../store/store';
import { edgeTypes, type BranchFlowEdge } from './BranchEdge';
import { nodeTypes, type TreeFlowNode } from './TreeNodes';
import { OverviewLayer } from './OverviewLayer';
import { Legend } from './Legend';
import { WholeTreeLayer } from './WholeTreeView';
import { noteTreeDrawn } from '../flow/firstDraw';

/** Below this zoom edge labels and statistics hide; below the next, nodes are plain coloured boxes. */
const MEDIUM_DETAIL_ZOOM = 0.4;
const LOW_DETAIL_ZOOM = 0.22;
/** A tree opens fitted whole when that zoom is at least this; else its top levels show, readable, at OPEN_ZOOM. */
const FIT_MIN_ZOOM = 0.45;
const OPEN_ZOOM = 0.7;
/** Up to this many drawn nodes React Flow mounts them all (cheap); past it, only those on screen. */
const RENDER_ALL_NODES = 250;

const detailLevel = (state: ReactFlowState): 'high' | 'medium' | 'low' =>
  state.transform[2] >= MEDIUM_DETAIL_ZOOM ? 'high' : state.transform[2] >= LOW_DETAIL_ZOOM ? 'medium' : 'low';

function positionOf(layout: ShapeLayout, id: number): { x: number; y: number } | undefined {
  for (let index = 0; index < layout.ids.length; index++) if (layout.ids[index] === id) return { x: layout.x[index], y: layout.y[index] };
  return undefined;
}

interface TreeCanvasProps {
  model: TreeModel;
  treeIndex: number;
}

/**
 * One tree drawn top-down with React Flow. Only the drawn part of the tree (collapsed to a budget,
 * see app/graph/visibility.ts) reaches React Flow; the layout comes from a Web Worker.
 */
export function TreeCanvas({ model, treeIndex }: TreeCanvasProps) {
  const tree = model.trees[treeIndex];
  const facts = treeFacts(tree);
  const collapsed = useAppStore((state) => state.collapsed);
  const focusRequest = useAppStore((state) => state.focusRequest);
  const anchorNode = useAppStore((state) => state.anchorNode);
  // A small drawn part is laid out during this render, so the first tree is drawn with the canvas.
  const [layout, setLayout] = useState<ShapeLayout | undefined>(() => layoutAtOnce(tree, collapsed));
  /** The tree and collapsed splits the render that mounted the canvas laid out, until the layout effect first runs. */
  const mountedLayout = useRef(layout ? { tree, collapsed } : undefined);
  const previousLayout = useRef<ShapeLayout | undefined>(undefined);
  const hasOpened = useRef(false);
  /** The view shows the whole tree as fitted on open and nobody has moved it since: refit when the canvas resizes. */
  const isFitted = useRef(false);
  /** The viewport the last fit left, to tell a later move by other means (a keyboard zoom) from none. */
  const fittedViewport = useRef<{ x: number; y: number; zoom: number } | undefined>(undefined);
  const fitAndRemember = () => {
    fittedViewport.current = undefined;
    void flow.fitView({ padding: 0.1, maxZoom: 1.1 }).then(() => {
      if (isFitted.current) fittedViewport.current = flow.getViewport();
    });
  };
  const wrapper = useRef<HTMLDivElement>(null);
  const flow = useReactFlow<TreeFlowNode, BranchFlowEdge>();
  const zoomDetail = useFlowStore(detailLevel);

  useEffect(() => {
    const mounted = mountedLayout.current;
    mountedLayout.current = undefined;
    if (mounted?.tree === tree && mounted.collapsed === collapsed) return;
    const now = layoutAtOnce(tree, collapsed);
    if (now) {
      setLayout(now);
      return;
    }
    let isCurrent = true;
    void requestLayout(tree, collapsed).then((next) => {
      if (isCurrent) setLayout(next);
    });
    return () => {
      isCurrent = false;
    };
  }, [tree, collapsed]);

  const elements = useMemo(() => (layout ? buildFlowElements(model, tree, layout, facts) : { nodes: [], edges: [] }), [model, tree, layout, facts]);
  // A small tree keeps its nodes drawn when fitted far out: its shape and path read better than the
  // overview's boxes, and a few dozen nodes cost nothing to draw.
  const detail = zoomDetail === 'low' && tree.nodes.length <= FIT_TREE_NODES ? 'medium' : zoomDetail;

  // After a re-layout, keep the node the user acted on where it was on screen (the tidy layout
  // moves everything when a subtree opens); on the first layout, frame the top of the tree.
  useEffect(() => {
    if (!layout) return;
    const before = previousLayout.current;
    previousLayout.current = layout;
    if (!hasOpened.current) {
      hasOpened.current = true;
      noteTreeDrawn();
      const { width, height } = wrapper.current!.getBoundingClientRect();
      const fitZoom = Math.min(width / (layout.width + 80), height / (layout.height + 80), 1.1);
      if (fitZoom >= FIT_MIN_ZOOM || tree.nodes.length <= FIT_TREE_NODES) {
        isFitted.current = true;
        fitAndRemember();
      } else {
        const root = positionOf(layout, 0)!;
        void flow.setViewport({ x: width / 2 - (root.x + NODE_WIDTH / 2) * OPEN_ZOOM, y: 24, zoom: OPEN_ZOOM });
      }
      return;
    }
    if (before && anchorNode !== undefined) {
      isFitted.current = false;
      const from = positionOf(before, anchorNode);
      const to = positionOf(layout, anchorNode);
      if (from && to && (from.x !== to.x || from.y !== to.y)) {
        const viewport = flow.getViewport();
        void flow.setViewport({ x: viewport.x - (to.x - from.x) * viewport.zoom, y: viewport.y - (to.y - from.y) * viewport.zoom, zoom: viewport.zoom });
      }
    }
  }, [layout, flow, anchorNode, tree]);

  // When the vector changes, keep the leaf it reaches on screen: pan to it (same zoom) only when it
  // is outside the view, once per new prediction, after the layout that draws it has arrived.
  const prediction = useAppStore((state) => state.rowPrediction);
  const reachedLeaf = prediction?.paths?.[treeIndex]?.at(-1);
  const handledPrediction = useRef<unknown>(undefined);
  useEffect(() => {
    if (!layout || reachedLeaf === undefined || handledPrediction.current === prediction || !hasOpened.current) return;
    const position = positionOf(layout, reachedLeaf);
    if (!position) return; // still collapsed: the path is being revealed, a new layout follows
    handledPrediction.current = prediction;
    const { width, height } = wrapper.current!.getBoundingClientRect();
    const { x, y, zoom } = flow.getViewport();
    const left = position.x * zoom + x;
    const top = position.y * zoom + y;
    if (left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= width && top + NODE_HEIGHT * zoom <= height) return;
    isFitted.current = false;
    void flow.setCenter(position.x + NODE_WIDTH / 2, position.y + NODE_HEIGHT / 2, { zoom, duration: 200 });
  }, [layout, reachedLeaf, prediction, flow]);

  // A fitted tree stays fitted when the canvas changes size (the Test panel is wider than the Node panel).
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (!isFitted.current) return;
      // Moved since the last fit by anything but a pointer (keyboard, palette or Controls zoom carry
      // no event): the user's view stays.
      const fitted = fittedViewport.current;
      const now = flow.getViewport();
      if (fitted && (Math.abs(now.x - fitted.x) > 0.5 || Math.abs(now.y - fitted.y) > 0.5 || Math.abs(now.zoom - fitted.zoom) > 1e-6)) {
        isFitted.current = false;
        return;
      }
      fitAndRemember();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [flow]);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    // A pan or zoom by the user (programmatic moves have no event).
    if (event) isFitted.current = false;
  }, []);

  // Centre a node asked for (search match, path) once the layout that shows it has arrived.
  const handledFocus = useRef(0);
  useEffect(() => {
    if (!layout || !focusRequest || handledFocus.current === focusRequest.serial) return;
    const position = positionOf(layout, focusRequest.nodeId);
    if (!position) return;
    handledFocus.current = focusRequest.serial;
    isFitted.current = false;
    const zoom = Math.max(flow.getZoom(), 0.8);
    void flow.setCenter(position.x + NODE_WIDTH / 2, position.y + NODE_HEIGHT / 2, { zoom, duration: 250 });
  }, [layout, focusRequest, flow]);

  const onNodeClick = useCallback<NodeMouseHandler<TreeFlowNode>>((_event, node) => {
    appStore.getState().selectNode(Number(node.id));
  }, []);
  const onNodeDoubleClick = useCallback<NodeMouseHandler<TreeFlowNode>>((_event, node) => {
    if (node.type === 'split') appStore.getState().toggleNode(Number(node.id));
  }, []);
  const onPaneClick = useCallback(() => appStore.getState().selectNode(undefined), []);

  return (
    <div ref={wrapper} className={`canvas-flow detail-${detail}`} data-testid="canvas-flow" data-layout-ready={layout ? 'true' : 'false'} data-drawn-nodes={elements.nodes.length}>
      {/* Over the drawing, which stays mounted: a click in the whole tree lands in it at once. */}
      <WholeTreeLayer model={model} treeIndex={treeIndex} />
      <ReactFlow<TreeFlowNode, BranchFlowEdge>
        nodes={elements.nodes}
        edges={elements.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onPaneClick={onPaneClick}
        onMoveStart={onMoveStart}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        zoomOnDoubleClick={false}
        // Far out, the overview canvas paints and the hidden DOM nodes stay mounted (no churn while panning).
        onlyRenderVisibleElements={detail !== 'low' && elements.nodes.length > RENDER_ALL_NODES}
        minZoom={0.02}
        maxZoom={3}
        proOptions={{ hideAttribution: true }}
      >
        {/* The dot grid scales with zoom: far out it would be millions of sub-pixel dots to paint. */}
        {detail === 'high' && <Background gap={24} size={1} color="#d9dde5" />}
        {detail === 'low' && layout && <OverviewLayer layout={layout} nodes={elements.nodes} />}
        <Controls showInteractive={false} position="bottom-left">
          {/* Beside zoom and fit rather than in the toolbar, which must stay one row at 1280 px. */}
          <ControlButton data-testid="view-whole-tree" aria-label="Whole tree" title="The whole tree at once, with your vector's path ( w ); click a node to open it there" onClick={() => appStore.getState().showWholeTree(true)}>
            <svg viewBox="0 0 14 14" aria-hidden="true">
              <path d="M7 1.5v3M7 4.5 3 8M7 4.5 11 8M3 8 1.5 12M3 8l1.5 4M11 8l-1.5 4M11 8l1.5 4" fill="none" stroke="currentColor" strokeWidth="1.4" />
            </svg>
          </ControlButton>
        </Controls>
        <Legend model={model} tree={tree} />
        <MiniMap
          pannable
          zoomable
          position="bottom-right"
          nodeColor={(node) => (node.type === 'leaf' ? (node.data as { color: string }).color : '#6c8cff')}
          nodeStrokeWidth={0}
          maskColor="rgba(240, 242, 247, 0.7)"
          ariaLabel="Overview of the drawn tree"
        />
      </ReactFlow>
    </div>
  );
}
