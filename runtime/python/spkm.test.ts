/**
 * runtime/python/spkm.py, the standard-library reader of model.spkm, run by Debian's python3 on
 * files the TypeScript encoder wrote: every reference case and a few corpus models must decode to
 * the same header and the same column bytes as `decodePackedModel`, and damaged files must fail
 * with the TypeScript decoder's own message.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBridgeJson } from '../../app/bridgeJson';
import { parsePackedModel } from '../../app/formats';
import { packModel } from '../../app/model/forestBuilder';
import { FOREST_COLUMNS, type PackedModel } from '../../app/model/packed';
import { decodePackedModel, encodePackedModel, PackedModelError } from '../../app/model/packedCodec';
import { referenceModels } from '../../app/testing/referenceCases';
import { corpus } from '../../app/testing/shared';

const PYTHON = process.env.SPLITSCOPE_PYTHON || '/usr/bin/python3';
const HERE = dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'splitscope-spkm-py-'));

// For each (path, checksum) argument pair: one JSON line, the decoded model or the error's message.
const DRIVER = `
import json, math, sys
import spkm

def exact(value):
    if isinstance(value, float) and (not math.isfinite(value) or (value == 0 and math.copysign(1, value) < 0)):
        return {"$num": "NaN" if value != value else "Infinity" if value > 0 else "-Infinity" if value < 0 else "-0"}
    if isinstance(value, dict):
        return {key: exact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [exact(item) for item in value]
    return value

arguments = sys.argv[1:]
for path, checksum in zip(arguments[::2], arguments[1::2]):
    try:
        model = spkm.read(path, checksum or None)
    except (spkm.PackedModelError, spkm.ModelFileError) as error:
        print(json.dumps({"error": str(error)}))
        continue
    columns = {name: [column.format, column.itemsize, len(column), column.tobytes().hex()] for name, column in model.columns.items()}
    print(json.dumps({"header": exact(model.header), "treeCount": model.tree_count, "nodeCount": model.node_count, "columns": columns}))
`;

type PythonAnswer = { error: string } | { header: unknown; treeCount: number; nodeCount: number; columns: Record<string, [string, number, number, string]> };

function runPython(files: { path: string; checksum?: string }[]): PythonAnswer[] {
  const run = spawnSync(PYTHON, ['-B', '-c', DRIVER, ...files.flatMap((file) => [file.path, file.checksum ?? ''])], {
    cwd: HERE,
    env: { ...process.env, PYTHONPATH: HERE, PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${PYTHON} failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim().split('\n').map((line) => decodeBridgeJson<PythonAnswer>(line));
}

let fileCount = 0;
function writeSpkm(bytes: Uint8Array): string {
  const path = join(scratch, `model-${++fileCount}.spkm`);
  writeFileSync(path, bytes);
  return path;
}

const FORMAT_OF = { Uint8Array: 'B', Int32Array: 'i', Float64Array: 'd' } as Record<string, string>;

function expectSameModel(label: string, decoded: PackedModel, answer: PythonAnswer): void {
  if ('error' in answer) throw new Error(`${label}: python says ${answer.error}`);
  expect(answer.header, label).toEqual(decoded.header);
  expect([answer.treeCount, answer.nodeCount], label).toEqual([decoded.forest.treeCount, decoded.forest.nodeCount]);
  const present = FOREST_COLUMNS.filter((name) => decoded.forest[name]);
  expect(Object.keys(answer.columns), label).toEqual(present);
  for (const name of present) {
    const array = decoded.forest[name]!;
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('hex');
    expect(answer.columns[name], `${label} ${name}`).toEqual([FORMAT_OF[array.constructor.name], array.BYTES_PER_ELEMENT, array.length, bytes]);
  }
}

const CORPUS_MODELS = [
  'lightgbm/leaves_model_simple_categorical_bitset_v2.txt',
  'lightgbm/lleaves_pure_categorical_v3.txt',
  'lightgbm/leaves_kddcup99_multiclass13_categorical_v2.txt',
  'xgboost/mushroom_indicator_fmap_v2x.txt',
  'spark/mllib_dt_banknote_depth5.txt',
  'sklearn/crop_string_class_names.txt',
];

describe('spkm.py reads what packedCodec.ts writes', () => {
  it('decodes every reference case and some corpus models to the TypeScript decoder’s header and column bytes', () => {
    const models: { label: string; model: PackedModel }[] = [
      ...referenceModels().map((reference) => ({ label: reference.label, model: packModel(reference.load()) })),
      ...CORPUS_MODELS.map((file) => ({ label: file, model: parsePackedModel(readFileSync(corpus(file), 'utf8'), file) })),
    ];
    expect(models.length).toBeGreaterThanOrEqual(20);
    const files = models.map(({ model }) => {
      const bytes = encodePackedModel(model);
      return { path: writeSpkm(bytes), checksum: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, decoded: decodePackedModel(bytes) };
    });
    const answers = runPython(files);
    expect(answers).toHaveLength(files.length);
    files.forEach((file, i) => expectSameModel(models[i].label, file.decoded, answers[i]));
  });

  it('refuses a file whose sha256 is not the expected one', () => {
    const bytes = encodePackedModel(parsePackedModel(readFileSync(corpus('spark/mllib_dt_banknote_depth5.txt'), 'utf8'), 'banknote.txt'));
    const expected = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    bytes[bytes.length - 1] ^= 1;
    const path = writeSpkm(bytes);
    const [answer] = runPython([{ path, checksum: expected }]);
    // Word for word what the Node bundle says (runtime/embedded.ts).
    expect(answer).toEqual({ error: `the model file ${path} has checksum sha256:${createHash('sha256').update(bytes).digest('hex')}, but this bundle was exported with ${expected}: the file was changed or damaged` });
  });

  it('walks every tree only when no exported sha256 vouches for the bytes (as the Node bundle’s decoder)', () => {
    const bytes = encodePackedModel(parsePackedModel(readFileSync(corpus('spark/mllib_dt_banknote_depth5.txt'), 'utf8'), 'banknote.txt'));
    const path = writeSpkm(bytes);
    const checksum = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    // Each validate call's walk_trees argument, for a read with the file's sha256, then one without.
    const script = `
import json, sys
import spkm
walks = []
check = spkm.validate
def counted(model, walk_trees=True):
    walks.append(walk_trees)
    check(model, walk_trees)
spkm.validate = counted
spkm.read(sys.argv[1], sys.argv[2])
spkm.read(sys.argv[1], None)
print(json.dumps(walks))
`;
    const run = spawnSync(PYTHON, ['-B', '-c', script, path, checksum], { cwd: HERE, env: { ...process.env, PYTHONPATH: HERE, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${PYTHON} failed (${run.status}): ${run.stderr}`);
    expect(JSON.parse(run.stdout)).toEqual([false, true]);
  });

  it('names what is wrong in a damaged file, with the TypeScript decoder’s message', () => {
    const model = parsePackedModel(readFileSync(corpus('lightgbm/leaves_model_simple_categorical_bitset_v2.txt'), 'utf8'), 'simple.txt');
    const good = encodePackedModel(model);
    const directoryEnd = 12 + new DataView(good.buffer).getUint32(8, true);
    const columnOffset = (name: string) => {
      const directory = JSON.parse(Buffer.from(good.subarray(12, directoryEnd)).toString('utf8')) as { columns: [string, string, number, number][] };
      return directory.columns.find((entry) => entry[0] === name)![2];
    };
    const withForest = (change: (forest: PackedModel['forest']) => void) => {
      const copy = decodePackedModel(good.slice());
      change(copy.forest);
      return encodePackedModel(copy);
    };
    const patched = (change: (bytes: Uint8Array, view: DataView) => void) => {
      const bytes = good.slice();
      change(bytes, new DataView(bytes.buffer));
      return bytes;
    };
    const withDirectory = (edit: (text: string) => string) => {
      const text = edit(Buffer.from(good.subarray(12, directoryEnd)).toString('utf8'));
      const directory = Buffer.from(text.padEnd(directoryEnd - 12, ' '), 'utf8');
      const bytes = good.slice();
      bytes.set(directory.subarray(0, directoryEnd - 12), 12);
      return bytes;
    };
    const damaged: [string, Uint8Array][] = [
      ['too short', good.subarray(0, 7)],
      ['bad magic', patched((bytes) => (bytes[0] = 0x58))],
      ['other version', patched((_, view) => view.setUint32(4, 9, true))],
      ['directory past the end', patched((_, view) => view.setUint32(8, 1 << 30, true))],
      ['truncated columns', good.subarray(0, good.length - 64)],
      ['not JSON', patched((bytes) => (bytes[12] = 0x21))],
      ['unknown column', withDirectory((text) => text.replace('"kind","u8"', '"kink","u8"'))],
      ['wrong type', withDirectory((text) => text.replace('"kind","u8"', '"kind","f6"'))],
      ['misaligned column', withDirectory((text) => text.replace(`"kind","u8",${columnOffset('kind')}`, `"kind","u8",${columnOffset('kind') + 1}`.slice(0, `"kind","u8",${columnOffset('kind')}`.length)))],
      ['child cycle', withForest((forest) => (forest.left[forest.treeNodeStart[0]] = 0))],
      ['child out of the tree', withForest((forest) => (forest.right[forest.treeNodeStart[1]] = 9999))],
      ['unreached node', withForest((forest) => ((forest.kind[forest.treeNodeStart[0]] = 0), (forest.extra[forest.treeNodeStart[0]] = -1)))],
      ['unknown kind', withForest((forest) => (forest.kind[forest.treeNodeStart[0]] = 7))],
      ['category set out of range', withForest((forest) => (forest.extra[forest.kind.indexOf(2)] = 1000))],
      ['leaf extra out of range', withForest((forest) => (forest.extra[forest.kind.indexOf(0)] = 5000))],
      ['negative feature', withForest((forest) => (forest.feature[forest.treeNodeStart[0]] = -3))],
      ['ranges decrease', withForest((forest) => (forest.treeNodeStart[1] = forest.treeNodeStart[2] + 1))],
    ];
    const answers = runPython(damaged.map(([, bytes]) => ({ path: writeSpkm(bytes) })));
    damaged.forEach(([label, bytes], i) => {
      let message = '';
      try {
        decodePackedModel(bytes.slice());
      } catch (error) {
        expect(error, label).toBeInstanceOf(PackedModelError);
        message = (error as Error).message;
      }
      expect(message, label).not.toBe('');
      const answer = answers[i];
      if (!('error' in answer)) throw new Error(`${label}: python decoded a damaged file`);
      // JSON parsers word their own complaints; the rest must match word for word.
      if (label === 'not JSON') expect(answer.error, label).toMatch(/^packed model: the directory is not valid JSON \(/);
      else expect(answer.error, label).toBe(message);
    });
  });

  it('gives columns numpy wraps without a copy', () => {
    const bytes = encodePackedModel(parsePackedModel(readFileSync(corpus('spark/mllib_dt_banknote_depth5.txt'), 'utf8'), 'banknote.txt'));
    const path = writeSpkm(bytes);
    const decoded = decodePackedModel(bytes);
    const script = [
      'import sys, numpy, spkm',
      'model = spkm.read(sys.argv[1], None)',
      'values = numpy.frombuffer(model.columns["value"], dtype="<f8")',
      'left = numpy.frombuffer(model.columns["left"], dtype="<i4")',
      'print(values.flags.owndata, values.flags.writeable, repr(values.tolist()), repr(left.tolist()))',
    ].join('\n');
    const run = spawnSync(PYTHON, ['-B', '-c', script, path], { cwd: HERE, env: { ...process.env, PYTHONPATH: HERE }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const [ownsData, isWriteable] = run.stdout.split(' ');
    expect([ownsData, isWriteable]).toEqual(['False', 'False']);
    expect(run.stdout).toContain(`[${Array.from(decoded.forest.left).join(', ')}]`);
  });
});
