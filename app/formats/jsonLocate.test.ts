import { describe, expect, it } from 'vitest';
import { ModelParseError, parseModelText } from '.';
import { readCorpus } from '../testing/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_DIR } from '../testing/shared';
import { jsonArrayElements, jsonPathPosition, jsonRootSpans, locateJsonError, locateJsonValue, parseJsonPath, positionOfOffset } from './jsonLocate';

const MODEL_JSON = readFileSync(join(REFERENCE_DIR, 'xgb_binary_missing', 'model.json'), 'utf8');
const DUMP_JSON = readFileSync(join(REFERENCE_DIR, 'xgb_binary_missing', 'model.dump.json'), 'utf8');
const LIGHTGBM_JSON = readCorpus('lightgbm/leaves_dart_breast_cancer_binary_v2.json');

/** The offset V8 reports (`… at position N`), or the end of the text for "Unexpected end of JSON input". */
function engineOffset(text: string): number | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    if (match) return Number(match[1]);
    return /end of JSON input/.test(message) ? text.length : -1;
  }
}

function refusal(text: string, fileName: string): ModelParseError['info'] {
  try {
    parseModelText(text, fileName);
  } catch (error) {
    if (error instanceof ModelParseError) return error.info;
    throw error;
  }
  throw new Error('the text was read');
}

describe('locateJsonError', () => {
  it('finds the place the engine reports, for cuts and damage all through real model files', () => {
    let compared = 0;
    for (const text of [MODEL_JSON, DUMP_JSON, LIGHTGBM_JSON]) {
      for (let cut = 1; cut < text.length; cut += Math.max(1, Math.floor(text.length / 41))) {
        for (const broken of [text.slice(0, cut), `${text.slice(0, cut)}#${text.slice(cut)}`, `${text.slice(0, cut)}}${text.slice(cut + 1)}`]) {
          const expected = engineOffset(broken);
          if (expected === undefined || expected < 0) continue;
          expect(locateJsonError(broken)?.offset, `cut at ${cut}`).toBe(expected);
          compared++;
        }
      }
      expect(locateJsonError(text)).toBeUndefined();
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('follows any nesting depth without the call stack', () => {
    const deep = '['.repeat(200_000) + '1' + ']'.repeat(199_999);
    expect(locateJsonError(deep)).toEqual({ offset: deep.length, expected: "',' or ']'" });
    expect(locateJsonError('{"a":' .repeat(100_000) + '1' + '}'.repeat(100_000))).toBeUndefined();
  });
});

describe('locateJsonValue', () => {
  it('finds values by key and index without building them', () => {
    const text = '{ "a": [10, {"b": "x,]}"}, [3, 4]], "c": {"d": null}, "a\\"q": 5 }';
    expect(text.slice(locateJsonValue(text, ['a', 2, 1]))).toMatch(/^4\]/);
    expect(text.slice(locateJsonValue(text, ['a', 1, 'b']))).toMatch(/^"x,\]\}"/);
    expect(text.slice(locateJsonValue(text, ['c', 'd']))).toMatch(/^null/);
    expect(text.slice(locateJsonValue(text, ['a"q']))).toMatch(/^5/);
    // A step that cannot be followed stops at the last value reached.
    expect(text.slice(locateJsonValue(text, ['c', 'missing']))).toMatch(/^\{"d"/);
    expect(text.slice(locateJsonValue(text, ['a', 9]))).toMatch(/^\[10/);
    expect(parseJsonPath('tree_info[3].tree_structure.left_child')).toEqual(['tree_info', 3, 'tree_structure', 'left_child']);
    expect(positionOfOffset('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(jsonPathPosition('{\n  "x": {\n    "y": 1 } }', ['x', 'y'])).toEqual({ line: 3, column: 10 });
  });
});

describe('JSON models are refused at a line and column', () => {
  it('XGBoost model.json: a syntax error, a missing key, a tree array of the wrong length, a bad feature count', () => {
    const truncated = MODEL_JSON.slice(0, Math.floor(MODEL_JSON.length / 2));
    expect(refusal(truncated, 'model.json')).toMatchObject({ code: 'E_PARSE_SYNTAX', position: positionOfOffset(truncated, truncated.length) });

    const noObjective = MODEL_JSON.replace('"objective"', '"objectivx"');
    const info = refusal(noObjective, 'model.json');
    expect(info.code).toBe('E_PARSE_STRUCTURE');
    expect(info.position).toEqual(jsonPathPosition(noObjective, ['learner']));
    expect(info.position!.column).toBeGreaterThan(1);

    const document = JSON.parse(MODEL_JSON);
    document.learner.gradient_booster.model.trees[2].right_children.pop();
    const shortened = JSON.stringify(document, null, 1);
    const short = refusal(shortened, 'model.json');
    expect(short.message).toMatch(/tree 2: "right_children" should be an array/);
    expect(short.position).toEqual(jsonPathPosition(shortened, ['learner', 'gradient_booster', 'model', 'trees', 2, 'right_children']));
    expect(shortened.split('\n')[short.position!.line - 1]).toContain('"right_children"');

    document.learner.gradient_booster.model.trees[2].right_children.push(0);
    document.learner.learner_model_param.num_feature = '4000000000';
    const huge = JSON.stringify(document, null, 1);
    const tooMany = refusal(huge, 'model.json');
    expect(huge.split('\n')[tooMany.position!.line - 1]).toContain('"num_feature"');
  });

  it('XGBoost JSON dump: a node without a nodeid points at its tree', () => {
    const trees = JSON.parse(DUMP_JSON) as Array<Record<string, unknown>>;
    delete trees[3].nodeid;
    const text = JSON.stringify(trees, null, 1);
    const info = refusal(text, 'model.dump.json');
    expect(info).toMatchObject({ code: 'E_PARSE_STRUCTURE', position: jsonPathPosition(text, [3]) });
    expect(info.position!.line).toBeGreaterThan(1);
  });

  it('LightGBM JSON dump: a syntax error and a split feature out of range', () => {
    const truncated = LIGHTGBM_JSON.slice(0, 5000);
    expect(refusal(truncated, 'model.json')).toMatchObject({ code: 'E_PARSE_SYNTAX', position: positionOfOffset(truncated, truncated.length) });

    const document = JSON.parse(LIGHTGBM_JSON);
    document.tree_info[4].tree_structure.split_feature = 999;
    const text = JSON.stringify(document, null, 1);
    const info = refusal(text, 'model.json');
    expect(info.message).toMatch(/tree_info\[4\]\.tree_structure\.split_feature: 999 is outside/);
    expect(info.position).toEqual(jsonPathPosition(text, ['tree_info', 4, 'tree_structure', 'split_feature']));
    expect(text.split('\n')[info.position!.line - 1]).toContain('"split_feature": 999');
  });
});

describe('jsonRootSpans', () => {
  const pieces = (text: string, spans: readonly number[] | undefined) => (spans ? Array.from({ length: spans.length / 2 }, (_, index) => text.slice(spans[2 * index], spans[2 * index + 1])) : undefined);

  it('cuts the root into its members and one array member into its elements, walked or found by their first key', () => {
    const text = ' {"a": 1, "list": [ {"id": 0, "x": "]"} ,{"id": 1}\n], "b": {"c": [2]}, "a": "again"} ';
    for (const first of [undefined, { key: 'id' }]) {
      const spans = jsonRootSpans(text, { key: 'list', first })!;
      expect(Object.fromEntries([...spans.members].map(([key, [start, end]]) => [key, text.slice(start, end)]))).toEqual({ a: '"again"', list: '[ {"id": 0, "x": "]"} ,{"id": 1}\n]', b: '{"c": [2]}' });
      expect(pieces(text, spans.elements)).toEqual(['{"id": 0, "x": "]"}', '{"id": 1}']);
    }
  });

  it('walks the elements when their first key does not cut the array cleanly', () => {
    const text = '{"list": [{"x": 1, "id": 0}, {"id": 1}, 5]}';
    expect(pieces(text, jsonRootSpans(text, { key: 'list', first: { key: 'id' } })!.elements)).toEqual(['{"x": 1, "id": 0}', '{"id": 1}', '5']);
  });

  it('finds the elements of a root array by their first key and value, not by a nested object that starts with the same key', () => {
    const text = '[{"nodeid": 0, "children": [{"nodeid": 1}, {"nodeid": 10}]},\n {"nodeid":0}, {"nodeid": 0.5}]';
    expect(pieces(text, jsonArrayElements(text, { key: 'nodeid', value: '0' }))).toEqual(['{"nodeid": 0, "children": [{"nodeid": 1}, {"nodeid": 10}]}', '{"nodeid":0}', '{"nodeid": 0.5}']);
    expect(pieces(text, jsonArrayElements(text))).toEqual(pieces(text, jsonArrayElements(text, { key: 'nodeid', value: '0' })));
    for (const bad of ['{"a": []}', '[1 2]', '[1] 2', '[{"nodeid": 0}, ]']) expect(jsonArrayElements(bad, { key: 'nodeid', value: '0' }), bad).toBeUndefined();
  });

  it('says no when the text between the pieces is not JSON, and has no elements for a list that is not an array', () => {
    for (const text of ['[1]', '{"a" 1}', '{"a": 1,}', '{"a": 1} x', '{"list": [1 2]}', '{"list": [1,]}']) expect(jsonRootSpans(text, { key: 'list' }), text).toBeUndefined();
    expect(jsonRootSpans('{"list": [1], "list": 2}', { key: 'list' })!.elements).toBeUndefined();
    expect(jsonRootSpans('{}', { key: 'list' })).toEqual({ members: new Map() });
  });
});
