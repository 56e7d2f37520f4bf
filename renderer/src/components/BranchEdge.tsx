import { memo } from 'react';
import { BaseEdge, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import { useAppStore } from '../store/store';
import { isOnPath, nodeTrafficCount, pathDecision } from '../store/testingSlice';

/** Data of an edge from a split to one of its children. */
export type BranchEdgeData = {
  /** The branch condition (`<= 0.5`, `> 0.5`, `in {1, 3}`). */
  label: string;
  /**
   * Missing values (NaN) take this branch: `explicit` when the format sends them here by rule
   * (XGBoost, LightGBM default side), `comparison` when NaN merely fails the comparison (Spark, scikit-learn).
   */
  missing: 'explicit' | 'comparison' | undefined;
  /** Stroke width, in proportion to the rows (count or cover) taking the branch when known. */
  strokeWidth: number;
};

export type BranchFlowEdge = Edge<BranchEdgeData, 'branch'>;

const BADGE_WIDTHS = { explicit: 46, comparison: 30 };
const BADGE_HEIGHT = 15;
/** Advance of one character of the 11px monospace edge-label font. */
const CHARACTER_WIDTH = 6.65;

function BranchEdgeViewBase({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<BranchFlowEdge>) {
  const [path] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 10 });
  // On the tested vector's path when both ends are (a child on the path is reached from its parent).
  const onPath = useAppStore((state) => isOnPath(state, Number(target)) && isOnPath(state, Number(source)));
  const decidedBy = useAppStore((state) => (onPath ? pathDecision(state, Number(source)) : undefined));
  // Traffic overlay: width and colour by the share of the CSV's rows taking this branch.
  const trafficShare = useAppStore((state) => {
    const count = nodeTrafficCount(state, Number(target));
    const rows = state.csv?.traffic?.rows;
    return count === undefined || !rows ? undefined : count / rows;
  });
  if (!data) return null;
  const strokeWidth = trafficShare === undefined ? data.strokeWidth : 1 + 11 * Math.sqrt(trafficShare);
  const classes = `branch-edge${data.missing === 'explicit' ? ' takes-missing' : ''}${onPath ? ' is-on-path' : ''}${trafficShare !== undefined ? ' has-traffic' : ''}`;
  // Labels sit on the child's vertical run, just above it, so sibling labels never overlap and
  // each reads as the condition for entering that child.
  const x = targetX;
  const y = targetY - 24;
  // Measured from the monospace label font instead of getBBox: React Flow's EdgeText measures once on
  // mount, and labels mounted while the layer is hidden (far-out zoom) would stay invisible.
  const labelWidth = data.label.length * CHARACTER_WIDTH + 10;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes}
        style={{ strokeWidth: onPath ? Math.max(strokeWidth, 4) : strokeWidth, ...(trafficShare !== undefined && !onPath ? { stroke: `hsl(205 70% ${Math.round(75 - 40 * Math.sqrt(trafficShare))}%)` } : {}) }}
      />
      <g className={`react-flow__edge-textwrapper branch-label${onPath ? ' is-on-path' : ''}`} transform={`translate(${x} ${y})`} data-on-path={onPath || undefined} data-decided-by={decidedBy}>
        <rect className="react-flow__edge-textbg" x={-labelWidth / 2} y={-8} width={labelWidth} height={16} rx={4} />
        <text className="react-flow__edge-text" textAnchor="middle" dy="0.33em">
          {data.label}
        </text>
        {decidedBy && (
          <text className="path-decision" x={-labelWidth / 2 - 4} textAnchor="end" dy="0.33em">
            {decidedBy === 'missing' ? 'value missing →' : 'category →'}
          </text>
        )}
      </g>
      {data.missing && (
        <g
          className={`missing-badge is-${data.missing}`}
          transform={`translate(${x + labelWidth / 2 + 3} ${y - BADGE_HEIGHT / 2})`}
          data-testid="missing-badge"
          data-missing={data.missing}
        >
          <title>
            {data.missing === 'explicit'
              ? 'Missing values (NaN) take this branch'
              : 'Missing values (NaN) fail the comparison and take this branch'}
          </title>
          <rect width={BADGE_WIDTHS[data.missing]} height={BADGE_HEIGHT} rx={7.5} />
          <text x={BADGE_WIDTHS[data.missing] / 2} y={BADGE_HEIGHT / 2} dy="0.33em" textAnchor="middle">
            {data.missing === 'explicit' ? 'missing' : 'NaN'}
          </text>
        </g>
      )}
    </>
  );
}

export const BranchEdgeView = memo(BranchEdgeViewBase);

export const edgeTypes = { branch: BranchEdgeView };
