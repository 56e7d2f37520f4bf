import { Panel } from '@xyflow/react';
import { compactNumber, formatNumber } from '../../../app/graph/labels';
import type { Tree, TreeModel } from '../../../app/model/types';
import { CLASS_COLORS, leafClass } from '../flow/flowElements';
import './Legend.css';
import { treeFacts } from '../store/derived';

/** What the colours and widths on the canvas mean: classes (or the leaf value scale), edge widths, missing badges. */
export function Legend({ model, tree }: { model: TreeModel; tree: Tree }) {
  const facts = treeFacts(tree);
  const classes = new Set<number>();
  for (const node of tree.nodes) {
    if (node.type !== 'leaf') continue;
    const classIndex = leafClass(model, node);
    if (classIndex !== undefined) classes.add(classIndex);
  }
  const hasRange = classes.size === 0 && Number.isFinite(facts.minLeaf) && facts.maxLeaf > facts.minLeaf;
  const crossesZero = facts.minLeaf < 0 && facts.maxLeaf > 0;
  return (
    <Panel position="top-right" className="legend" data-testid="legend">
      {classes.size > 0 && (
        <div className="legend-row">
          <span className="legend-title">Leaf class</span>
          {[...classes].sort((a, b) => a - b).slice(0, 10).map((classIndex) => (
            <span key={classIndex} className="legend-chip">
              <span className="legend-swatch" style={{ background: CLASS_COLORS[classIndex % CLASS_COLORS.length] }} />
              {model.classes?.[classIndex] ?? classIndex}
            </span>
          ))}
        </div>
      )}
      {hasRange && (
        <div className="legend-row">
          <span className="legend-title">Leaf value</span>
          <span className="legend-number">{compactNumber(formatNumber(facts.minLeaf))}</span>
          <span className={`legend-gradient${crossesZero ? ' diverging' : ''}`} />
          <span className="legend-number">{compactNumber(formatNumber(facts.maxLeaf))}</span>
        </div>
      )}
      {facts.weightStat && (
        <div className="legend-row muted">Edge width ∝ {facts.weightStat === 'count' ? 'training rows' : 'cover (hessian sum)'}</div>
      )}
    </Panel>
  );
}
