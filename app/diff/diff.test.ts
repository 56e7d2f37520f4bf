/**
 * The diff engine on real pairs made by the libraries (fixtures/diff, scripts/make_diff_pairs.py)
 * and on every corpus model against a second reading of itself. Oracles: the libraries' own
 * predictions of both versions and the training history (the new XGBoost model continues the old
 * run, so its first trees are the old ones).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DataError } from '../data/errors';
import { compileModel } from '../eval';
import { ModelParseError, parsePackedModel, type ParseOptions } from '../formats';
import { NODE_LEAF, NODE_NUMERIC, type PackedModel } from '../model/packed';
import { corpusFiles, readCorpus } from '../testing/shared';
import { renderDiffHtml } from './html';
import { diffPredictions } from './predictions';
import { diffReport } from './report';
import { rowDiffDetail } from './rowDetail';
import { readDiffRows } from './rows';
import { diffStructure, diffTreePair, pairTrees } from './structural';

const PAIRS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'diff');

function pairFile(pair: string, name: string): string {
  return readFileSync(join(PAIRS, pair, name), 'utf8');
}

function load(pair: string, name: string, options: ParseOptions = {}): PackedModel {
  return parsePackedModel(pairFile(pair, name), name, options);
}

function csv(pair: string): { header: string[]; body: string[][] } {
  const [header, ...body] = Papa.parse<string[]>(pairFile(pair, 'rows.csv'), { skipEmptyLines: 'greedy' }).data;
  return { header, body };
}

interface Expected {
  rows: number;
  predictionChanged: number;
  maxAbsDelta?: number;
  tolerance?: number | null;
  old: number[];
  new: number[];
}

function expected(pair: string): Expected {
  return JSON.parse(pairFile(pair, 'expected.json')) as Expected;
}

describe('structural diff on real pairs', () => {
  for (const pair of ['xgb_binary', 'xgb_regression']) {
    it(`${pair}: 80 rounds continuing 50 rounds: 50 trees same, 30 added, no node changed`, () => {
      const diff = diffStructure(load(pair, 'old.json'), load(pair, 'new.json'));
      expect(diff.trees).toEqual({ same: 50, changed: 0, added: 30, removed: 0 });
      expect(diff.nodes.changed).toBe(0);
      expect(diff.notComparable).toBeUndefined();
      expect(diff.importance.length).toBeGreaterThan(0);
      // Importance counts only grow: 30 trees were added, none removed.
      for (const entry of diff.importance) expect(entry.newSplits).toBeGreaterThanOrEqual(entry.oldSplits);
    });

    it(`${pair}: model.json against its own text dump: every tree identical (float32 thresholds equal their text forms)`, () => {
      const json = load(pair, 'old.json');
      const dump = load(pair, 'old.dump.txt');
      const diff = diffStructure(json, dump);
      expect(diff.trees).toEqual({ same: 50, changed: 0, added: 0, removed: 0 });
      expect(diff.nodes).toEqual({ changed: 0, added: 0, removed: 0 });
      // The dump does not say its base score: it is assumed and the difference is stated (or not, if equal).
      expect(diff.warnings.new.length).toBeGreaterThan(0);
    });
  }

  it('a threshold moved in the arithmetic of the model is reported old → new; one float32 step below is not a change for float64', () => {
    const json = load('xgb_binary', 'old.json');
    const edited = load('xgb_binary', 'old.json');
    const tree = 7;
    const row = edited.forest.treeNodeStart[tree];
    expect(edited.forest.kind[row]).toBe(NODE_NUMERIC);
    const before = edited.forest.value[row];
    edited.forest.value[row] = Math.fround(before * 1.5);
    const diff = diffStructure(json, edited);
    expect(diff.trees.changed).toBe(1);
    expect(diff.changedNodes).toEqual([
      expect.objectContaining({ oldTree: tree, newTree: tree, path: '', changes: [{ kind: 'threshold', old: `< ${before}`, new: `< ${edited.forest.value[row]}` }] }),
    ]);
    // A double that rounds to the same float32 is the same threshold for XGBoost.
    edited.forest.value[row] = before + before * 2 ** -40;
    expect(diffStructure(json, edited).trees.changed).toBe(0);
    const detail = diffTreePair(json, edited, pairTrees(json, edited)[tree]);
    expect(detail.status).toBe('same');
  });

  it('scikit-learn depth 2 → depth 4: leaves became subtrees, reported as changed nodes with added nodes under them', () => {
    const oldModel = load('skl_wine', 'old.txt');
    const newModel = load('skl_wine', 'new.txt');
    const diff = diffStructure(oldModel, newModel);
    expect(diff.trees).toEqual({ same: 0, changed: 1, added: 0, removed: 0 });
    const oldNodes = oldModel.forest.nodeCount;
    const newNodes = newModel.forest.nodeCount;
    // Every old path exists in the new tree (same training, deeper): nothing is removed, the rest is added.
    expect(diff.nodes.removed).toBe(0);
    expect(diff.nodes.added).toBe(newNodes - oldNodes);
    const detail = diffTreePair(oldModel, newModel, pairTrees(oldModel, newModel)[0]);
    expect(detail.added.length).toBe(diff.nodes.added);
    expect(detail.nodes.length).toBe(diff.nodes.changed);
    expect(detail.nodes.some((node) => node.changes[0].kind === 'leaf-to-split')).toBe(true);
    for (const id of detail.added) expect(id).toBeLessThan(newNodes);
  });

  it('different tasks are said to be not comparable tree by tree, and the prediction diff still runs', () => {
    const oldModel = load('xgb_binary', 'old.json');
    const newModel = load('xgb_regression', 'old.json');
    const diff = diffStructure(oldModel, newModel);
    expect(diff.notComparable).toMatch(/different tasks \(binary → regression\)/);
    expect(diff.header.map((change) => change.field)).toContain('objective');
    expect(diff.features.removed.length).toBeGreaterThan(0);
  });
});

describe('prediction diff against the libraries’ own predictions', () => {
  for (const [pair, oldFile, newFile] of [
    ['xgb_binary', 'old.json', 'new.json'],
    ['xgb_regression', 'old.json', 'new.json'],
    ['skl_wine', 'old.txt', 'new.txt'],
  ] as const) {
    it(`${pair}: rows changed equals the count computed by the library`, () => {
      const truth = expected(pair);
      const oldModel = load(pair, oldFile);
      const newModel = load(pair, newFile);
      const { header, body } = csv(pair);
      const rows = readDiffRows(header, body, 'rows.csv', oldModel.header, newModel.header, { labelColumn: 'label', ignoreUnknownColumns: pair === 'skl_wine' });
      const diff = diffPredictions(oldModel, newModel, rows, { tolerance: truth.tolerance ?? 0 });
      expect(diff.rows.compared).toBe(truth.rows);
      expect(diff.rows.predictionChanged).toBe(truth.predictionChanged);
      if (truth.maxAbsDelta !== undefined) expect(diff.rows.maxAbsDelta).toBe(truth.maxAbsDelta);
      expect(diff.metrics?.old.rows).toBe(truth.rows);
      // Each side's prediction is the library's own.
      const oldBatch = compileModel(oldModel).predictBatch(rows.oldValues, rows.rows);
      const newBatch = compileModel(newModel).predictBatch(rows.newValues, rows.rows);
      for (let r = 0; r < rows.rows; r++) {
        if (diff.byClass && pair === 'skl_wine') {
          expect([Number(oldModel.header.classes![oldBatch.predictedClass[r]]), Number(newModel.header.classes![newBatch.predictedClass[r]])]).toEqual([truth.old[r], truth.new[r]]);
        } else {
          expect([oldBatch.prediction[r], newBatch.prediction[r]]).toEqual([truth.old[r], truth.new[r]]);
        }
      }
      const counted = diff.histogram.counts.reduce((a, b) => a + b, 0);
      expect(counted).toBe(truth.rows);
      if (diff.classTable) {
        const offDiagonal = diff.classTable.counts.flatMap((line, i) => line.filter((_, j) => diff.classTable!.newClasses[j] !== diff.classTable!.oldClasses[i])).reduce((a, b) => a + b, 0);
        expect(offDiagonal).toBe(truth.predictionChanged);
      }
      const largest = diff.largest[0];
      if (largest) expect(Math.abs(largest.delta)).toBe(diff.rows.maxAbsDelta);
    });
  }

  it('a row shows both decision paths and how each feature’s contribution changed', () => {
    const oldModel = load('xgb_binary', 'old.json');
    const newModel = load('xgb_binary', 'new.json');
    const { header, body } = csv('xgb_binary');
    const rows = readDiffRows(header, body, 'rows.csv', oldModel.header, newModel.header, { labelColumn: 'label' });
    const context = { oldModel, newModel, oldCompiled: compileModel(oldModel), newCompiled: compileModel(newModel) };
    const width = oldModel.header.features.length;
    const detail = rowDiffDetail(context, 0, rows.oldValues.subarray(0, width), rows.newValues.subarray(0, width));
    expect(detail.oldPaths.length).toBe(50);
    expect(detail.newPaths.length).toBe(80);
    // The first 50 trees are the same, so the same paths.
    expect(detail.newPaths.slice(0, 50)).toEqual(detail.oldPaths);
    for (const path of [...detail.oldPaths, ...detail.newPaths]) expect(path[0]).toBe(0);
    // Path contributions add up to the margin: the change of their sum is the change of the raw score.
    const sum = detail.contributions!.reduce((total, entry) => total + entry.delta, 0);
    const rawOld = context.oldCompiled.predictRow(rows.oldValues.subarray(0, width)).raw[0];
    const rawNew = context.newCompiled.predictRow(rows.newValues.subarray(0, width)).raw[0];
    expect(sum + detail.expected!.new - detail.expected!.old).toBeCloseTo(rawNew - rawOld, 4);
  });
});

describe('CSV fitting one side only', () => {
  it('names the missing columns and the side that needs them', () => {
    const oldModel = load('skl_wine', 'old.txt');
    const newModel = load('skl_wine', 'new.txt');
    const { header, body } = csv('skl_wine');
    const newOnly = newModel.header.features.map((f) => f.name).find((name) => !oldModel.header.features.some((f) => f.name === name))!;
    expect(newOnly).toBeDefined();
    const dropped = header.indexOf(newOnly);
    const cut = (cells: string[]) => cells.filter((_, i) => i !== dropped);
    let error: unknown;
    try {
      readDiffRows(cut(header), body.map(cut), 'rows.csv', oldModel.header, newModel.header, { labelColumn: 'label', ignoreUnknownColumns: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).info.code).toBe('E_DATA_COLUMN_MISSING');
    expect((error as DataError).message).toBe(`rows.csv: row 1 (the header): for the new model: no column for model feature ${JSON.stringify(newOnly)}; the model has named features, matched by header name`);
  });
});

describe('CSV columns of neither model', () => {
  it('is one error naming the columns, unless skipped', () => {
    const oldModel = load('skl_wine', 'old.txt');
    const newModel = load('skl_wine', 'new.txt');
    const { header, body } = csv('skl_wine');
    const used = new Set([...oldModel.header.features, ...newModel.header.features].map((f) => f.name));
    const neither = header.filter((name) => !used.has(name) && name !== 'label');
    expect(neither.length).toBeGreaterThan(0);
    expect(() => readDiffRows(header, body, 'rows.csv', oldModel.header, newModel.header, { labelColumn: 'label' })).toThrow(
      `rows.csv: row 1 (the header), column ${JSON.stringify(neither[0])}: columns ${neither.slice(0, 8).map((n) => JSON.stringify(n)).join(', ')}${neither.length > 8 ? `, … (${neither.length})` : ''} are a feature of neither model; skip with --ignore-columns or --ignore-unknown-columns`,
    );
    expect(readDiffRows(header, body, 'rows.csv', oldModel.header, newModel.header, { labelColumn: 'label', ignoreColumns: neither }).rows).toBe(body.length);
  });
});

describe('every corpus model against a second reading of itself', () => {
  for (const folder of ['spark', 'lightgbm', 'xgboost', 'sklearn']) {
    for (const file of corpusFiles(folder)) {
      if (!/\.(txt|json)$/.test(file) || /(predictions|pred_leaves|margin|pred)\.txt$|data\.txt$/.test(file)) continue;
      it(`${folder}/${file}`, () => {
        let oldModel: PackedModel;
        try {
          oldModel = parsePackedModel(readCorpus(`${folder}/${file}`), file);
        } catch (error) {
          if (error instanceof ModelParseError) return; // files the adapters refuse are the adapters' tests' business
          throw error;
        }
        const newModel = parsePackedModel(readCorpus(`${folder}/${file}`), file);
        const diff = diffStructure(oldModel, newModel);
        expect(diff.trees).toEqual({ same: oldModel.forest.treeCount, changed: 0, added: 0, removed: 0 });
        expect(diff.nodes).toEqual({ changed: 0, added: 0, removed: 0 });
        expect(diff.header).toEqual([]);
        expect(diff.importance).toEqual([]);
        // Rows on, beside and missing at the model's own thresholds.
        const forest = oldModel.forest;
        const width = oldModel.header.features.length;
        const values: number[][] = Array.from({ length: width }, () => [NaN, 0]);
        for (let row = 0; row < forest.nodeCount; row += 7) {
          const feature = forest.feature[row];
          if (forest.kind[row] === NODE_NUMERIC && feature < width && Number.isFinite(forest.value[row])) values[feature].push(forest.value[row], forest.value[row] - 1e-9, forest.value[row] + 1e-9);
          if (forest.kind[row] !== NODE_LEAF && forest.kind[row] !== NODE_NUMERIC && feature < width) values[feature].push(1, 2, 3);
        }
        const rows = 40;
        let state = 99;
        const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
        const data = new Float64Array(rows * width);
        for (let i = 0; i < data.length; i++) data[i] = values[i % width][Math.floor(next() * values[i % width].length)];
        const predictions = diffPredictions(oldModel, newModel, { rows, oldValues: data, newValues: data.slice() });
        expect(predictions.rows.predictionChanged).toBe(0);
        expect(predictions.rows.maxAbsDelta).toBe(0);
        expect(predictions.rows.compared + Math.max(predictions.rows.unscored.old, 0)).toBe(rows);
      });
    }
  }
});

describe('report', () => {
  it('the HTML page is self-contained: no script, no external URL, the counts shown', () => {
    const oldModel = load('skl_wine', 'old.txt');
    const newModel = load('skl_wine', 'new.txt');
    const { header, body } = csv('skl_wine');
    const rows = readDiffRows(header, body, 'rows.csv', oldModel.header, newModel.header, { labelColumn: 'label', ignoreUnknownColumns: true });
    const side = (file: string, model: PackedModel) => ({ file, format: model.header.format, variant: model.header.variant, trees: model.forest.treeCount });
    const report = diffReport(side('old.txt', oldModel), side('new.txt', newModel), diffStructure(oldModel, newModel), diffPredictions(oldModel, newModel, rows));
    const html = renderDiffHtml(report);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(html).toContain('<span>changed 1</span>');
    expect(html).toContain(`<span>rows whose class changed ${expected('skl_wine').predictionChanged}</span>`);
  });
});
