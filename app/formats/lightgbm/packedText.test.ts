import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packModel } from '../../model/forestBuilder';
import { OPTIONAL_FOREST_COLUMNS, type PackedModel } from '../../model/packed';
import { encodePackedModel } from '../../model/packedCodec';
import { CORPUS_DIR, REFERENCE_DIR } from '../../testing/shared';
import { detectFormat } from '../detect';
import { parseModelText, parsePackedModel, parsePackedPieces, readsInPieces } from '../index';
import { readLightgbmPieces, summarizeLightgbmPieces } from './textModel';
import { summarizeModel } from '../../model/tree';
import type { TextPieces } from './lineTokens';
import { mutate } from '../../../fuzz/mutate';
import { seededRandom } from '../../util/random';

/** The one-pass model.txt → packed reader against the node-object path it replaces: same columns, header and errors. */

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function filesUnder(directory: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path));
    else if (name.endsWith('.txt') && statSync(path).size < 64 * 1024 * 1024) found.push(path);
  }
  return found;
}

/** Every file under a folder that may be a model (any format), below 8 MB. */
function modelFilesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => /\.(txt|json)$/.test(path) && statSync(path).isFile() && statSync(path).size < 8 * 1024 * 1024);
}

const lightgbmFiles = [CORPUS_DIR, REFERENCE_DIR, join(REPO, 'fixtures'), join(REPO, 'app')]
  .flatMap(filesUnder)
  .filter((path) => detectFormat(readFileSync(path, 'utf8'))?.kind === 'lightgbm-text');

/** Outcome of a parse: the packed model, or the error's code, position and message. */
function outcome(parse: () => PackedModel): { model?: PackedModel; error?: unknown } {
  try {
    return { model: parse() };
  } catch (error) {
    const info = (error as { info?: unknown }).info;
    return { error: info ?? String(error) };
  }
}

/**
 * The text as the streaming reader gets it from a file: a first piece through the line the format is
 * recognised on (the `tree` line), then pieces of `size` characters that end anywhere, even inside a
 * line or between `\r` and `\n`.
 */
function inPieces(text: string, size: number): { first: string; rest: TextPieces; count: () => number } {
  const line = detectFormat(text)?.line ?? 1;
  let cut = 0;
  for (let index = 0; index < line && cut >= 0; index++) cut = text.indexOf('\n', cut) + 1;
  if (cut <= 0) cut = text.length;
  let at = cut;
  let pieces = 0;
  const rest: TextPieces = {
    next: () => {
      if (at >= text.length) return undefined;
      pieces++;
      at += size;
      return text.slice(at - size, at);
    },
  };
  return { first: text.slice(0, cut), rest, count: () => pieces };
}

/** Piece sizes that cut lines, tree blocks and `\r\n` pairs everywhere; one character at a time for small texts. */
const pieceSizes = (text: string) => [...(text.length <= 60_000 ? [1] : []), ...(text.length <= 1_000_000 ? [61] : []), 4_096, 1 << 20];

function expectSame(text: string, name: string): { model?: PackedModel; error?: unknown } {
  const direct = outcome(() => parsePackedModel(text, name));
  const viaObjects = outcome(() => packModel(parseModelText(text, name)));
  expect(direct.error).toEqual(viaObjects.error);
  if (viaObjects.model) {
    expect(direct.model!.header).toEqual(viaObjects.model.header);
    expect(direct.model!.forest).toEqual(viaObjects.model.forest);
  }
  expectSameWithoutDetails(text, name, direct);
  // Read a piece at a time, as a file is: the same model or the same error, code, place and line.
  if (detectFormat(text)?.kind === 'lightgbm-text') {
    for (const size of pieceSizes(text)) {
      const { first, rest } = inPieces(text, size);
      const streamed = outcome(() => readLightgbmPieces(first, rest, text.length, name, {}));
      expect(streamed.error, `pieces of ${size}`).toEqual(direct.error);
      // The same bytes once encoded: every column and the header (a byte compare, fast on big forests).
      if (direct.model) expect(Buffer.compare(encodePackedModel(streamed.model!), encodePackedModel(direct.model)), `pieces of ${size}`).toBe(0);
    }
    // Summarised a batch of trees at a time (`splitscope inspect`): the same header and figures as the whole model's.
    const { first, rest } = inPieces(text, 4_096);
    let summarized: { header: unknown; summary: unknown } | undefined;
    let error: unknown;
    try {
      summarized = summarizeLightgbmPieces(first, rest, text.length, name, {});
    } catch (caught) {
      error = (caught as { info?: unknown }).info ?? String(caught);
    }
    expect(error).toEqual(direct.error);
    if (direct.model) expect(summarized).toEqual({ header: direct.model.header, summary: summarizeModel(direct.model) });
  }
  return direct;
}

/**
 * Read for scoring (`keepsDetails: false`, as `splitscope predict` reads): the same error, or the
 * same model without the statistics and source positions.
 */
function expectSameWithoutDetails(text: string, name: string, direct: { model?: PackedModel; error?: unknown }): void {
  const lean = outcome(() => parsePackedModel(text, name, { keepsDetails: false }));
  expect(lean.error).toEqual(direct.error);
  if (!direct.model) return;
  const kept = { ...direct.model.forest };
  for (const column of OPTIONAL_FOREST_COLUMNS) {
    expect(lean.model!.forest[column], column).toBeUndefined();
    delete kept[column];
  }
  expect(lean.model!.header).toEqual(direct.model.header);
  expect(lean.model!.forest).toEqual(kept);
}

describe('LightGBM model.txt → packed form in one pass', () => {
  it('finds the LightGBM files of the corpus, the reference cases and the fixtures', () => {
    expect(lightgbmFiles.filter((path) => path.startsWith(CORPUS_DIR)).length).toBeGreaterThanOrEqual(5);
    expect(lightgbmFiles.filter((path) => path.startsWith(REFERENCE_DIR)).length).toBeGreaterThanOrEqual(3);
    const read = lightgbmFiles.filter((path) => outcome(() => parsePackedModel(readFileSync(path, 'utf8'), path)).model);
    expect(read.length).toBeGreaterThanOrEqual(lightgbmFiles.length - 3);
  });

  for (const path of lightgbmFiles) {
    it(`equals packModel(parseModelText) for ${relative(join(REPO, '..'), path)}`, () => {
      const result = expectSame(readFileSync(path, 'utf8'), path);
      // Most files read; the few that do not (handwritten fragments) must fail alike, with a position.
      if (result.model) expect(result.model.forest.nodeCount).toBe(result.model.forest.treeNodeStart[result.model.forest.treeCount]);
      else expect(result.error).toMatchObject({ code: expect.stringMatching(/^E_/) });
    });
  }

  describe('corrupted variants fail with the same code, line and column', () => {
    const source = readFileSync(lightgbmFiles.find((path) => path.startsWith(CORPUS_DIR) && /leaves_breast_cancer_binary_v3\.txt$/.test(path))!, 'utf8');
    const corrupt = (edit: (text: string) => string) => {
      const text = edit(source);
      expect(text).not.toBe(source);
      const result = expectSame(text, 'corrupt.txt');
      expect(result.error).toMatchObject({ code: expect.stringMatching(/^E_/), position: { line: expect.any(Number), column: expect.any(Number) } });
    };
    it('truncated mid-tree', () => corrupt((text) => text.slice(0, text.indexOf('leaf_value=', text.indexOf('Tree=1\n')) + 20)));
    it('a bad number', () => corrupt((text) => text.replace(/(\nthreshold=\S+ )\S+/, '$1 1.2.3')));
    it('a child index out of range', () => corrupt((text) => text.replace(/\nleft_child=\S+ /, '\nleft_child=999999 ')));
    const firstTree = (tree: string[]) => (text: string) => text.replace(/\nTree=0\n[\s\S]*?\n\n/, `\n${tree.join('\n')}\n\n`);
    const small = ['Tree=0', 'num_leaves=3', 'num_cat=0', 'split_feature=0 1', 'threshold=0.5 2.5', 'decision_type=2 2', 'left_child=-1 -2', 'right_child=1 -3', 'leaf_value=0.1 0.2 0.3'];
    it('a leaf reached twice', () => corrupt(firstTree(small.map((line) => (line === 'right_child=1 -3' ? 'right_child=1 -1' : line)))));
    it('linear leaves read alike (they go through node objects)', () => {
      const linear = [...small, 'is_linear=1', 'leaf_const=1.5 -2 0.25', 'num_features=2 0 1', 'leaf_features=0 2   1  ', 'leaf_coeff=0.25 -1.5   0.75  '];
      const text = firstTree(linear)(source);
      const result = expectSame(text, 'linear.txt');
      expect(result.model!.forest.isLinear).toContain(1);
    });
    it('num_leaves that disagrees with the arrays', () => corrupt((text) => text.replace(/\nnum_leaves=(\d+)/, (_, count) => `\nnum_leaves=${Number(count) + 1}`)));
    it('a stray carriage return deep in the file', () => corrupt((text) => text.replace(/(\nTree=3\n[^\n]*\n[^\n]*)\n/, '$1\rx\n')));
    it('a line without = inside a later tree', () => corrupt((text) => text.replace(/(\nTree=4\n[^\n]*\n)/, '$1garbage\n')));
    it('a file without a final line break, cut inside a number', () => corrupt((text) => text.slice(0, text.indexOf('threshold=', text.indexOf('Tree=2\n')) + 17)));
  });

  it('600 seeded mutants (the fuzzer\'s) read in pieces give the same model bytes, or the same error, as read whole', () => {
    const seeds = ['leaves_breast_cancer_binary_v3.txt', 'leaves_fmtp_gamma_categorical_v3.txt', 'lgb_binary_nan/model.txt'].map((name) => readFileSync(lightgbmFiles.find((file) => file.endsWith(name))!, 'utf8'));
    const random = seededRandom(20261206);
    let rejected = 0;
    for (let index = 0; index < 600; index++) {
      const { text, recipe } = mutate(seeds[index % seeds.length], random);
      if (detectFormat(text)?.kind !== 'lightgbm-text') continue;
      const whole = outcome(() => parsePackedModel(text, 'm.txt'));
      const { first, rest } = inPieces(text, 997);
      const streamed = outcome(() => parsePackedPieces(first, rest, text.length, 'm.txt', {}));
      expect(streamed.error, recipe.join(', ')).toEqual(whole.error);
      if (whole.model) expect(Buffer.compare(encodePackedModel(streamed.model!), encodePackedModel(whole.model)), recipe.join(', ')).toBe(0);
      else rejected++;
    }
    // Most mutants are refused: the comparison covers errors as well as models.
    expect(rejected).toBeGreaterThan(100);
  });

  it('every format read for scoring keeps the same model without statistics and positions', () => {
    const files = [CORPUS_DIR, REFERENCE_DIR].flatMap(modelFilesUnder);
    const formats = new Set<string>();
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const direct = outcome(() => parsePackedModel(text, path));
      if (!direct.model) continue;
      formats.add(direct.model.header.format);
      expectSameWithoutDetails(text, path, direct);
      // The corpus dumps carry statistics (gain, cover or counts): the test drops something real.
      if (OPTIONAL_FOREST_COLUMNS.some((column) => direct.model!.forest[column])) formats.add(`${direct.model.header.format} with statistics`);
    }
    expect([...formats]).toEqual(expect.arrayContaining(['lightgbm with statistics', 'sklearn', 'spark', 'xgboost with statistics']));
  });

  it('says which files are read in pieces: a model.txt (with or without a byte-order mark), not another format or a forced one', () => {
    const text = readFileSync(lightgbmFiles.find((file) => /leaves_breast_cancer_binary_v3\.txt$/.test(file))!, 'utf8');
    expect(readsInPieces(text.slice(0, 4_096), {})).toBe(true);
    expect(readsInPieces(`\uFEFF${text.slice(0, 4_096)}`, {})).toBe(true);
    expect(readsInPieces(text.slice(0, 4_096), { format: 'lightgbm' })).toBe(true);
    expect(readsInPieces(text.slice(0, 4_096), { format: 'xgboost' })).toBe(false);
    // A `tree` line cut at the end of the piece is not taken for one.
    expect(readsInPieces('tree', {})).toBe(false);
    expect(readsInPieces('{"learner": {}}\n', {})).toBe(false);
  });

  it('a problem early in a big file stops the read there: the pieces after it are never asked for', () => {
    const path = lightgbmFiles.find((file) => /lleaves_mtpl2_regression_1000trees/.test(file))!;
    const text = readFileSync(path, 'utf8').replace(/(\nTree=2\n)/, '$1garbage\n');
    const { first, rest, count } = inPieces(text, 4_096);
    const streamed = outcome(() => readLightgbmPieces(first, rest, text.length, 'model.txt', {}));
    expect(streamed.error).toEqual(outcome(() => parsePackedModel(text, 'model.txt')).error);
    expect(streamed.error).toMatchObject({ code: 'E_PARSE_SYNTAX', sourceLine: 'garbage' });
    expect(count()).toBeLessThan(5);
    expect(text.length / 4_096).toBeGreaterThan(500);
  });
});
