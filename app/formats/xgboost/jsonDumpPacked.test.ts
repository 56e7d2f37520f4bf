import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../testing/shared';
import { parsePackedModel, type ParseOptions } from '../index';
import { damagedCopies, parseOutcome } from '../../testing/readerParity';
import { packModel } from '../../model/forestBuilder';
import { parseXgboostJsonDump, readXgboostJsonDumpPacked } from './xgboostJson';

/*
 * `readXgboostJsonDumpPacked` reads a `dump_format='json'` dump one tree at a time; the
 * whole-document reader `parseXgboostJsonDump` is its oracle: the same packed model, warnings and
 * errors, on every JSON dump the project has (reference cases, fixtures), with and without their
 * options and feature maps, and on damaged copies.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const folders = [
  ...['xgb_binary_missing', 'xgb_multiclass_softprob'].map((name) => join(REFERENCE_DIR, name)),
  ...readdirSync(join(HERE, 'fixtures')).map((name) => join(HERE, 'fixtures', name)),
  ...readdirSync(join(HERE, '..', '..', '..', 'fixtures', 'reference')).map((name) => join(HERE, '..', '..', '..', 'fixtures', 'reference', name)),
].filter((folder) => existsSync(join(folder, 'model.dump.json')));

const oracle = (text: string, options: ParseOptions = {}) => parseOutcome(() => packModel(parseXgboostJsonDump(text, 'dump.json', options), options.keepsDetails ?? true));
const packed = (text: string, options: ParseOptions = {}) => parseOutcome(() => readXgboostJsonDumpPacked(text, 'dump.json', options));

function optionsOf(folder: string): ParseOptions {
  const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'));
  const featureMap = existsSync(join(folder, 'featmap.txt'))
    ? readFileSync(join(folder, 'featmap.txt'), 'utf8')
    : (meta.feature_names as string[]).map((name, index) => `${index}\t${name}\t${meta.feature_types?.[index] ?? 'q'}\n`).join('');
  return { objective: meta.objective, baseScore: meta.base_score, ...(meta.num_class ? { numClass: meta.num_class } : {}), featureMap };
}

describe('XGBoost JSON dumps read one tree at a time', () => {
  it('has the dumps to compare', () => expect(folders.length).toBeGreaterThanOrEqual(8));

  it.each(folders.map((folder) => [folder.split('/').slice(-1)[0], folder]))('%s: the same packed model as the whole-document reader, with and without options', (_name, folder) => {
    const text = readFileSync(join(folder, 'model.dump.json'), 'utf8');
    const options = optionsOf(folder);
    for (const given of [{}, options, { ...options, keepsDetails: false }, { objective: options.objective }, { featureMap: options.featureMap }]) {
      const expected = oracle(text, given);
      expect(packed(text, given)).toEqual(expected);
    }
    expect('model' in oracle(text, options)).toBe(true);
    // parsePackedModel takes this reader for JSON dumps.
    expect(parsePackedModel(text, 'dump.json', options)).toEqual(packModel(parseXgboostJsonDump(text, 'dump.json', options)));
  });

  it('refuses damaged dumps with the same error, a syntax error anywhere before any structure problem', () => {
    const text = readFileSync(join(folders[0], 'model.dump.json'), 'utf8');
    const options = optionsOf(folders[0]);
    const cases: string[] = [];
    for (let cut = 1; cut < 10; cut++) cases.push(text.slice(0, Math.floor((text.length * cut) / 10)));
    // A tree refused early and the file broken late; a bare `inf` late (read by quoting it, as the whole reader does).
    const badFirst = text.replace('"yes":', '"yes": "x", "was":');
    const lastLeaf = badFirst.lastIndexOf('"leaf":');
    const lastLeafAs = (value: string) => `${badFirst.slice(0, lastLeaf)}"leaf": ${value}${badFirst.slice(lastLeaf + 7).replace(/^\s*-?[\d.eE+-]+/, '')}`;
    cases.push(badFirst, lastLeafAs('nope'), lastLeafAs('1.2.3'), lastLeafAs(']'), lastLeafAs('-inf'));
    cases.push(`${text.slice(0, text.lastIndexOf('"leaf":'))}"leaf": inf${text.slice(text.lastIndexOf('"leaf":') + 7).replace(/^\s*-?[\d.eE+-]+/, '')}`);
    // Not an array of trees: a bare tree, an empty array, trailing text, a non-object tree.
    const firstTree = JSON.stringify(JSON.parse(text)[0]);
    cases.push(firstTree, '[]', `${text} x`, text.replace(/^\s*\[/, '[5, '), `{"a": ${text}}`);
    // Node ids repeated or dangling, a missing child, names not in the feature map.
    const someSplit = /"split": "[^"]*"/.exec(text)![0];
    cases.push(text.replace('"nodeid": 2', '"nodeid": 1'), text.replace('"yes": 1', '"yes": 9'), text.replace(someSplit, '"split": "not_a_feature"'), text.replaceAll(someSplit, '"split": "not_a_feature"'));
    cases.push(...damagedCopies(text, 40, 7, 20));
    let refused = 0;
    for (const damaged of cases) {
      for (const given of [{}, options]) {
        const expected = oracle(damaged, given);
        if ('error' in expected) refused++;
        expect(packed(damaged, given), damaged.length < 200 ? damaged : `case of ${damaged.length} characters`).toEqual(expected);
      }
    }
    expect(refused).toBeGreaterThan(40);
  });
});
