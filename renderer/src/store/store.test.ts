import { describe, expect, it } from 'vitest';
import { parsePackedModel } from '../../../app/formats/index';
import { viewOfPacked } from '../../../app/model/modelView';
import { readCorpus } from '../../../app/testing/shared';
import { visibleNodeIds } from '../../../app/graph/visibility';
import { lightgbmFirstTreeText } from '../../../app/formats/preview';
import { encodePackedModel } from '../../../app/model/packedCodec';
import { createAppStore } from './store';

function openedStore(relative: string) {
  const store = createAppStore();
  // As the renderer holds a model: packed, with the lazy view of its trees.
  const packed = parsePackedModel(readCorpus(relative), relative);
  const model = viewOfPacked(packed);
  store.getState().applyOpenResult({
    status: 'ok',
    document: { id: 'doc-1', fileName: relative, sizeBytes: 0, parseMillis: 0, options: {}, packed, model },
  });
  return { store, model };
}

describe('app store', () => {
  it('opens the biggest corpus tree collapsed, and reveals a deep node by search', () => {
    const { store, model } = openedStore('spark/ml_dt_classifier_spark3x_depth30_13641nodes.txt');
    const tree = model.trees[0];
    const drawn = () => visibleNodeIds(tree, store.getState().collapsed);
    expect(drawn().length).toBeLessThan(100);
    const last = tree.nodes.length - 1;
    store.getState().setSearchQuery(`#${last}`);
    store.getState().stepSearch(1);
    const state = store.getState();
    expect(state.selectedNode).toBe(last);
    expect(state.focusRequest?.nodeId).toBe(last);
    expect(drawn()).toContain(last);
    expect(drawn().length).toBeLessThan(100 + 2 * tree.nodes[last].depth);
  });

  it('toggles a subtree, keeps the toggled node as the anchor, and limits expand-to-depth', () => {
    const { store, model } = openedStore('spark/ml_dt_classifier_spark3x_depth30_13641nodes.txt');
    const tree = model.trees[0];
    const before = visibleNodeIds(tree, store.getState().collapsed).length;
    store.getState().toggleNode(1);
    expect(store.getState().collapsed.has(1)).toBe(true);
    expect(store.getState().anchorNode).toBe(1);
    expect(visibleNodeIds(tree, store.getState().collapsed).length).toBeLessThan(before);
    store.getState().expandToDepth(30);
    expect(store.getState().viewNotice).toMatch(/^Depth 30 would draw 13,641 nodes/);
    expect(visibleNodeIds(tree, store.getState().collapsed).length).toBeLessThanOrEqual(1000);
  });

  it('picks trees of an ensemble, resets the selection and re-runs the search on the new tree', () => {
    const { store, model } = openedStore('spark/ml_rf_classifier_spark201_4class_3trees.txt');
    store.getState().setSearchQuery('feature 40');
    store.getState().stepSearch(1);
    expect(store.getState().selectedNode).toBeDefined();
    store.getState().selectTree(1);
    const state = store.getState();
    expect(state.selectedTree).toBe(1);
    expect(state.selectedNode).toBeUndefined();
    expect(state.searchMatches.length).toBeGreaterThan(0);
    expect(state.searchMatches.every((id) => {
      const node = model.trees[1].nodes[id];
      return node.type === 'split' && node.feature === 40;
    })).toBe(true);
    store.getState().selectTree(99);
    expect(store.getState().selectedTree).toBe(1);
  });

  describe('a progressive open', () => {
    const name = 'lightgbm/keiba_binary_nan_missing_v4.txt';
    const whole = (id: string) => {
      const packed = parsePackedModel(readCorpus(name), name);
      return { status: 'ok' as const, document: { id, fileName: name, sizeBytes: 0, parseMillis: 0, options: {}, packed, model: viewOfPacked(packed) } };
    };
    const showPreview = (store: ReturnType<typeof createAppStore>) => {
      const first = lightgbmFirstTreeText(readCorpus(name))!;
      store.getState().applyPreview({ fileName: name, treeCount: first.treeCount, packedBytes: encodePackedModel(parsePackedModel(first.text, name)) });
    };

    it('keeps the drawing of its preview when the whole model comes: the same canvas, opened splits and selection', () => {
      const { store } = openedStore('spark/ml_rf_classifier_spark201_4class_3trees.txt');
      showPreview(store);
      const previewKey = store.getState().canvasKey;
      expect(previewKey).not.toBe('doc-1');
      store.getState().toggleNode(1);
      store.getState().selectNode(2);
      const collapsed = store.getState().collapsed;
      store.getState().applyOpenResult(whole('doc-2'));
      const state = store.getState();
      expect(state.document?.id).toBe('doc-2');
      expect(state.document?.partial).toBeUndefined();
      expect(state.beforePreview).toBeUndefined();
      expect(state.canvasKey).toBe(previewKey);
      expect(state.collapsed).toBe(collapsed);
      expect(state.anchorNode).toBe(1);
      expect(state.selectedNode).toBe(2);
    });

    it('draws afresh what is not its own preview: another model, and every later open', () => {
      const { store } = openedStore('spark/ml_rf_classifier_spark201_4class_3trees.txt');
      showPreview(store);
      store.getState().toggleNode(1);
      // Another file's result (not what the preview shows) replaces the preview with a fresh drawing.
      store.getState().applyOpenResult({ ...whole('doc-3'), document: { ...whole('doc-3').document, fileName: 'other.txt' } });
      expect(store.getState().canvasKey).toBe('doc-3');
      expect(store.getState().anchorNode).toBeUndefined();
      // The same model opened again without a preview: fresh too.
      store.getState().toggleNode(1);
      store.getState().applyOpenResult(whole('doc-4'));
      expect(store.getState().canvasKey).toBe('doc-4');
      expect(store.getState().anchorNode).toBeUndefined();
      // A cancelled open brings back the drawing of the model it replaced.
      showPreview(store);
      store.getState().discardPreview();
      expect(store.getState().canvasKey).toBe('doc-4');
    });
  });
});

