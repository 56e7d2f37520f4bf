import { describe, expect, it } from 'vitest';
import { corpusFiles, readCorpus } from '../../testing/shared';
import { parseModelText, ModelParseError } from '../index';
import { summarizeModel } from '../../model/tree';
import type { SplitNode } from '../../model/types';

const sparkModels = corpusFiles('spark').filter((name) => name.endsWith('.txt'));

describe('Spark toDebugString', () => {
  it.each(sparkModels)('parses corpus file %s', (name) => {
    const model = parseModelText(readCorpus(`spark/${name}`), name);
    expect(model.format).toBe('spark');
    expect(model.trees.length).toBeGreaterThan(0);
    const headerNodes = model.metadata.headerNodes;
    const summary = summarizeModel(model);
    // Where the header is truthful, node count and depth agree with it; the hand-written files lie and get a warning.
    if (name.includes('handwritten')) {
      expect(model.warnings.map((w) => w.code)).toContain('W_HEADER_MISMATCH');
    } else if (headerNodes !== undefined) {
      expect(summary.nodes).toBe(Number(headerNodes));
      expect(summary.maxDepth).toBe(Number(model.metadata.headerDepth));
    }
  });

  it('reads the banknote MLlib tree: 37 nodes, depth 5, negative thresholds', () => {
    const model = parseModelText(readCorpus('spark/mllib_dt_banknote_depth5.txt'), 'banknote.txt');
    expect(model.variant).toBe('MLlib (RDD API) DecisionTreeModel');
    expect(model.task).toBe('binary');
    expect(model.trees[0].nodes).toHaveLength(37);
    expect(model.features.map((f) => f.name)).toEqual(['feature 0', 'feature 1', 'feature 2', 'feature 3']);
    const root = model.trees[0].nodes[0] as SplitNode;
    expect(root.split).toEqual({ kind: 'numeric', op: '<=', threshold: 0.23874, missing: { mode: 'compare' } });
    expect(root.position).toEqual({ line: 2, column: 3 });
    const third = model.trees[0].nodes[2] as SplitNode;
    expect(third.split.kind === 'numeric' && third.split.threshold).toBe(-0.36279);
    expect(model.aggregation).toEqual({ kind: 'vote' });
  });

  it('reads the spark.ml categorical tree behind a prefix line', () => {
    const model = parseModelText(readCorpus('spark/ml_dt_classifier_spark2x_categorical_with_prefix_line.txt'), 'movies.txt');
    expect(model.metadata.uid).toBe('dtc_5fbdcf1e769d');
    expect(model.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['W_WRAPPER_TEXT', 'W_SPARK_UNSEEN_CATEGORY']));
    const categorical = model.trees[0].nodes.find((n) => n.type === 'split' && n.split.kind === 'categorical') as SplitNode;
    expect(categorical.split).toMatchObject({ kind: 'categorical', categories: [1], inSetGoes: 'left', match: 'exact' });
    expect(model.trees[0].nodes[0].position?.line).toBe(3);
  });

  it('reads the Spark 3 header key/values of the 13,641-node tree', () => {
    const model = parseModelText(readCorpus('spark/ml_dt_classifier_spark3x_depth30_13641nodes.txt'), 'big.txt');
    expect(model.features).toHaveLength(3159);
    expect(model.trees[0].nodes).toHaveLength(13641);
    expect(model.metadata.generation).toBe('spark.ml, Spark 3.x header');
  });

  it('reads a spark.ml random forest with weights and warns about the soft vote', () => {
    const model = parseModelText(readCorpus('spark/ml_rf_classifier_spark201_4class_3trees.txt'), 'rf.txt');
    expect(model.trees).toHaveLength(3);
    expect(model.classes).toEqual(['0.0', '1.0', '2.0', '3.0']);
    expect(model.task).toBe('multiclass');
    expect(model.warnings.map((w) => w.code)).toContain('W_SPARK_SOFT_VOTE');
  });

  it.each([
    ['GBTClassificationModel: uid = gbtc_1a2b, numTrees=2, numClasses=2, numFeatures=3', 'spark.ml, Spark 3.x header'],
    ['GBTClassificationModel (uid=gbtc_1a2b) with 2 trees', 'spark.ml, Spark 1.6–2.4 header'],
    ['GBTClassificationModel with 2 trees', 'spark.ml, Spark 1.4/1.5 header'],
  ])('reads GBT header %s with printed weights and the exp(-2m) link', (header, generation) => {
    const text = `${header}\n  Tree 0 (weight 1.0):\n    If (feature 1 <= 1.0E-4)\n     Predict: -1.0\n    Else (feature 1 > 1.0E-4)\n     Predict: 1.0\n  Tree 1 (weight 0.1):\n    Predict: 0.5\n`;
    const model = parseModelText(text, 'gbt.txt');
    expect(model.metadata.generation).toBe(generation);
    expect(model.trees.map((t) => t.weight)).toEqual([1, 0.1]);
    expect(model.transform).toEqual({ kind: 'sigmoid', scale: 2 });
    expect(model.aggregation).toEqual({ kind: 'sum', base: [0] });
    const root = model.trees[0].nodes[0] as SplitNode;
    expect(root.split.kind === 'numeric' && root.split.threshold).toBe(1e-4);
  });

  it('reads an MLlib GBT ensemble (blank line after the header, no weights) with the learning rate', () => {
    const text = 'TreeEnsembleModel classifier with 2 trees\n\n  Tree 0:\n    If (feature 1 <= 4.5)\n     Predict: -1.0\n    Else (feature 1 > 4.5)\n     Predict: 1.0\n  Tree 1:\n    If (feature 0 <= -2.3E-4)\n     Predict: -0.47\n    Else (feature 0 > -2.3E-4)\n     Predict: 0.47\n';
    const model = parseModelText(text, 'gbt.txt', { learningRate: 0.05 });
    expect(model.trees.map((t) => t.weight)).toEqual([1, 0.05]);
    expect(model.assumptions).toMatchObject({ sparkEnsemble: 'gbt', learningRate: 0.05 });
  });

  it('reports a misspelt keyword with line and column', () => {
    const text = 'DecisionTreeModel classifier of depth 1 with 3 nodes\n  If (feature 0 <= 0.5)\n   Prdict: 1.0\n  Else (feature 0 > 0.5)\n   Predict: 0.0\n';
    try {
      parseModelText(text, 'broken.txt');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelParseError);
      const info = (error as ModelParseError).info;
      expect(info.code).toBe('E_PARSE_SYNTAX');
      expect(info.position).toEqual({ line: 3, column: 4 });
      expect(info.message).toMatch(/^broken\.txt: line 3, column 4: /);
      expect(info.message).toContain("'Prdict'");
      expect(info.sourceLine).toBe('   Prdict: 1.0');
    }
  });

  it('rejects an Else that does not negate its If', () => {
    const text = 'DecisionTreeModel regressor of depth 1 with 3 nodes\n  If (feature 0 <= 0.5)\n   Predict: 1.0\n  Else (feature 1 > 0.5)\n   Predict: 0.0\n';
    expect(() => parseModelText(text, 'x.txt')).toThrow(/line 4, column 9: the Else condition must negate/);
  });
});
