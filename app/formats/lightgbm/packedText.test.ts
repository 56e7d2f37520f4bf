import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packModel } from '../../model/forestBuilder';
import type { PackedModel } from '../../model/packed';
import { CORPUS_DIR, REFERENCE_DIR } from '../../testing/shared';
import { detectFormat } from '../detect';
import { parseModelText, parsePackedModel } from '../index';

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

function expectSame(text: string, name: string): { model?: PackedModel; error?: unknown } {
  const direct = outcome(() => parsePackedModel(text, name));
  const viaObjects = outcome(() => packModel(parseModelText(text, name)));
  expect(direct.error).toEqual(viaObjects.error);
  if (viaObjects.model) {
    expect(direct.model!.header).toEqual(viaObjects.model.header);
    expect(direct.model!.forest).toEqual(viaObjects.model.forest);
  }
  return direct;
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
  });
});
