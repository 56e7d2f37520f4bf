import { describe, expect, it } from 'vitest';
import { corpusFiles, readCorpus } from '../../testing/shared';
import { parseModelText, parsePackedModel, type ParseOptions } from '../index';
import { damagedCopies, parseOutcome } from '../../testing/readerParity';
import { packModel } from '../../model/forestBuilder';
import type { TreeModel } from '../../model/types';
import { lightgbmDumpNode } from '../../testing/lightgbmDump';
import { readLightgbmJson, readLightgbmJsonPacked } from './jsonModel';

/*
 * `readLightgbmJsonPacked` reads a dump_model JSON one tree at a time; `readLightgbmJson`, which
 * parses the whole document, is its oracle: the same packed model, warnings and errors, on the
 * library's own dump, on dumps written here from every corpus model.txt (categorical splits,
 * multiclass, linear leaves, missing types), and on damaged copies.
 */

const oracle = (text: string, options: ParseOptions = {}) => parseOutcome(() => packModel(readLightgbmJson(text, 'dump.json', options), options.keepsDetails ?? true));
const packed = (text: string, options: ParseOptions = {}) => parseOutcome(() => readLightgbmJsonPacked(text, 'dump.json', options));

/** The dump_model JSON of a model read from a model.txt, as LightGBM writes it (nested nodes). */
function dumpOf(model: TreeModel): string {
  return JSON.stringify(
    {
      name: 'tree',
      version: 'v4',
      num_class: model.task === 'multiclass' ? model.numOutputs : 1,
      num_tree_per_iteration: model.numOutputs,
      label_index: 0,
      max_feature_idx: model.features.length - 1,
      objective: model.metadata.objective,
      average_output: model.aggregation.kind === 'mean',
      feature_names: model.features.map((feature) => feature.name),
      feature_infos: Object.fromEntries(
        model.features.map((feature) => [feature.name, feature.trainingCategories ? { values: feature.trainingCategories } : { min_value: feature.trainingRange?.min ?? 0, max_value: feature.trainingRange?.max ?? 1 }]),
      ),
      tree_info: model.trees.map((tree, index) => ({ tree_index: index, num_leaves: tree.nodes.filter((node) => node.type === 'leaf').length, shrinkage: 1, tree_structure: lightgbmDumpNode(tree.nodes, 0) })),
      feature_importances: { [model.features[0].name]: 3 },
    },
    null,
    1,
  );
}

const corpusDump = readCorpus('lightgbm/leaves_dart_breast_cancer_binary_v2.json');

describe('LightGBM dump_model JSON read one tree at a time', () => {
  it('packs the library’s own dump as the whole-document reader does, through parsePackedModel too', () => {
    const expected = oracle(corpusDump);
    expect('model' in expected).toBe(true);
    expect(packed(corpusDump)).toEqual(expected);
    expect(packed(corpusDump, { objective: 'binary sigmoid:1', keepsDetails: false })).toEqual(oracle(corpusDump, { objective: 'binary sigmoid:1', keepsDetails: false }));
    expect(parsePackedModel(corpusDump, 'dump.json')).toEqual(packModel(parseModelText(corpusDump, 'dump.json')));
  });

  const txtFiles = corpusFiles('lightgbm').filter((file) => file.endsWith('.txt') && !file.includes('fragment') && !file.includes('true_predictions'));
  it.each(txtFiles)('packs a dump of %s as the whole-document reader does', (file) => {
    let model: TreeModel;
    try {
      model = parseModelText(readCorpus(`lightgbm/${file}`), file);
    } catch {
      return; // not a model.txt the app reads (the corpus's refusals have tests of their own)
    }
    const dump = dumpOf(model);
    const expected = oracle(dump);
    expect('model' in expected).toBe(true);
    expect(packed(dump)).toEqual(expected);
  });

  it('reads dumps the quick cut at `tree_index` does not fit as the whole-document reader does', () => {
    const firstTree = corpusDump.indexOf('"tree_structure": {') + '"tree_structure": {'.length;
    const variants = {
      // No blanks at all, as LightGBM's own writer prints it.
      compact: JSON.stringify(JSON.parse(corpusDump)),
      // Trees whose first key is another: every character is walked instead.
      reordered: corpusDump.replaceAll(/"tree_index": (\d+),\s*"num_leaves": (\d+)/g, '"num_leaves": $2, "tree_index": $1'),
      // A nested object that also starts with `tree_index`, after a comma: the cut there does not parse, and the whole document is read.
      nested: `${corpusDump.slice(0, firstTree)}"extra": [{"a": 1}, {"tree_index": 7}], ${corpusDump.slice(firstTree)}`,
      // The same right after the key: not a cut between elements, so every character is walked.
      nestedFirst: `${corpusDump.slice(0, firstTree)}"tree_index": 7, ${corpusDump.slice(firstTree)}`,
      // `tree_index` inside a string of the first tree.
      inString: corpusDump.replace('"decision_type": "<="', '"note": "{\\"tree_index\\": 1}", "decision_type": "<="'),
      // Something after the last tree that is not one.
      trailing: corpusDump.replace(/\}\s*\]\s*,\s*"pandas_categorical"/, '}, 5], "pandas_categorical"'),
    };
    for (const [name, text] of Object.entries(variants)) {
      expect(text, name).not.toBe(corpusDump);
      expect(packed(text), name).toEqual(oracle(text));
    }
    expect('model' in oracle(variants.nested)).toBe(true);
    expect('error' in oracle(variants.trailing)).toBe(true);
  });

  it('refuses damaged dumps with the same error, a syntax error anywhere before any structure problem', () => {
    const cases: string[] = [];
    // Cut short, at places spread over the file.
    for (let cut = 1; cut < 20; cut++) cases.push(corpusDump.slice(0, Math.floor((corpusDump.length * cut) / 20)));
    // A tree refused early and the file broken late: the syntax error is what is reported.
    const badLeaves = corpusDump.replace('"num_leaves": 10', '"num_leaves": "ten"');
    const lastLeaf = badLeaves.lastIndexOf('"leaf_value": ');
    cases.push(badLeaves, `${badLeaves.slice(0, lastLeaf)}"leaf_value": x${badLeaves.slice(lastLeaf + 14)}`, `${badLeaves.slice(0, -40)}${badLeaves.slice(-39)}`, `${badLeaves.slice(0, -3)}`);
    // No list of trees, or not where it should be.
    cases.push(corpusDump.replace('"tree_info": [', '"tree_info": 7, "x": ['), corpusDump.replace('"tree_info"', '"trees"'), `[${corpusDump}]`, `${corpusDump} x`, '{}', '{"tree_info": []}');
    // Spellings JSON.parse reads alike: an escaped key, a repeated key (the last wins), a __proto__ key.
    cases.push(corpusDump.replace('"tree_info"', '"tree\\u005finfo"'), corpusDump.replace('"tree_info": [', '"tree_info": 1, "tree_info": ['));
    cases.push(corpusDump.replace('"num_class": 1,', '"__proto__": {"num_class": 1},'));
    // Random damage: a span deleted, or a character changed.
    cases.push(...damagedCopies(corpusDump, 60, 11, 30));
    let refused = 0;
    for (const text of cases) {
      const expected = oracle(text);
      if ('error' in expected) refused++;
      expect(packed(text), text.length < 200 ? text : `case of ${text.length} characters`).toEqual(expected);
    }
    expect(refused).toBeGreaterThan(40);
  });
});
