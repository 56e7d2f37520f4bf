import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../app/bridge';
import { REFERENCE_DIR } from '../../app/testing/shared';
import { parseModelText, parsePackedModel } from '../../app/formats';
import { unpackModel } from '../../app/model/materialize';
import { encodePackedModel } from '../../app/model/packedCodec';
import { JobRegistry } from './jobs';
import { ModelHost } from './modelHost';
import { ParserStoppedError, workerParser, type ParseOutcome } from './modelParser';
import { ParseWorker } from './parseWorkerThread';

/*
 * Real worker threads running small scripts that behave as the parse worker can: answer, never
 * answer, throw, run out of memory, exit without a word. Each script leaves a marker file when it
 * starts (a line per worker), so a test can tell whether a worker was started at all, and how many.
 */
const folder = mkdtempSync(join(tmpdir(), 'splitscope-parse-worker-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function workerScript(name: string, body: string): string {
  const path = join(folder, `${name}.mjs`);
  writeFileSync(
    path,
    `import { parentPort, workerData } from 'node:worker_threads';\n` +
      `import { appendFileSync } from 'node:fs';\n` +
      `if (workerData.options.marker) appendFileSync(workerData.options.marker, 'started\\n');\n` +
      `parentPort.postMessage({ type: 'progress', fraction: 0.5, label: 'half way' });\n` +
      body,
  );
  return path;
}

// Answers with the packed model the test hands it (a real one, or a damaged one), its columns transferred as the real worker does.
const answers = workerScript(
  'answers',
  `const model = workerData.options.model; const buffers = new Set(Object.values(model.forest).filter((column) => ArrayBuffer.isView(column)).map((column) => column.buffer));\n` +
    `parentPort.postMessage({ type: 'ok', model, sizeBytes: 7 }, [...buffers]);`,
);
const waitsForever = workerScript('waits', `setInterval(() => {}, 60_000);`);
const exitsSilently = workerScript('exits', `process.exit(3);`);
const throws = workerScript('throws', `throw new RangeError('Invalid array length');`);
const growsForever = workerScript('grows', `const kept = []; for (;;) kept.push(new Array(1e6).fill(1.5));`);

let markers = 0;
function newMarker(): string {
  return join(folder, `marker-${markers++}`);
}

function setUp() {
  const events: ProgressEvent[] = [];
  let onEvent: (event: ProgressEvent) => void = () => {};
  const jobs = new JobRegistry((event) => {
    events.push(event);
    onEvent(event);
  });
  /** Resolves at the first event of a job that matches. */
  const nextEvent = (match: (event: ProgressEvent) => boolean) =>
    new Promise<ProgressEvent>((resolve) => {
      onEvent = (event) => match(event) && resolve(event);
    });
  return { jobs, events, nextEvent };
}

const SAMPLE = join(REFERENCE_DIR, 'skl_dtc_iris', 'tree.txt');

describe('workerParser', () => {
  it('returns the worker answer and passes its progress to the job', async () => {
    const { jobs, events } = setUp();
    const marker = newMarker();
    const model = parsePackedModel(readFileSync(SAMPLE, 'utf8'), 'tree.txt');
    const outcome = await workerParser(answers)({ fileName: 'm.txt', text: 'x' }, { marker, model } as never, jobs.start('a', 'open-model', 'Opening m.txt'));
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.sizeBytes).toBe(7);
    expect(encodePackedModel(outcome.model)).toEqual(encodePackedModel(model));
    expect(unpackModel(outcome.model)).toEqual(parseModelText(readFileSync(SAMPLE, 'utf8'), 'tree.txt'));
    expect(events.map((event) => event.label)).toContain('half way');
  });

  it('refuses damaged model bytes from the worker as a typed stop, not a model', async () => {
    const { jobs } = setUp();
    const model = parsePackedModel(readFileSync(SAMPLE, 'utf8'), 'tree.txt');
    const damaged = { ...model, forest: { ...model.forest, kind: model.forest.kind.slice(0, model.forest.nodeCount - 1) } }; // one node short
    const error = await workerParser(answers)({ fileName: 'm.txt', text: 'x' }, { marker: newMarker(), model: damaged } as never, jobs.start('d', 'open-model', 'Opening m.txt')).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ParserStoppedError);
    expect((error as ParserStoppedError).code).toBe('E_PARSER_CRASHED');
    expect((error as Error).message).toMatch(/m\.txt: the model parser sent a damaged model: packed model: column kind has \d+ entries, expected \d+/);
  });

  it('honours a cancel that came before the job started: no worker is started', async () => {
    const { jobs } = setUp();
    const marker = newMarker();
    jobs.cancel('early');
    const job = jobs.start('early', 'open-model', 'Opening m.txt');
    const outcome = await workerParser(answers)({ fileName: 'm.txt', text: 'x' }, { marker } as never, job);
    expect(outcome).toEqual({ status: 'cancelled' });
    expect(existsSync(marker)).toBe(false);
  });

  it('honours a cancel that came while the file was being checked, before the worker started', async () => {
    const { jobs } = setUp();
    const marker = newMarker();
    const job = jobs.start('during-stat', 'open-model', 'Opening tree.txt');
    const parsing = workerParser(answers)({ fileName: 'tree.txt', path: join(REFERENCE_DIR, 'skl_dtc_iris', 'tree.txt') }, { marker } as never, job);
    expect(jobs.cancel('during-stat')).toBe(true); // the file's stat call is still pending here
    expect(await parsing).toEqual({ status: 'cancelled' });
    expect(existsSync(marker)).toBe(false);
  });

  it('cancels a running worker after its first progress event', async () => {
    const { jobs, nextEvent } = setUp();
    const marker = newMarker();
    const progressed = nextEvent((event) => event.label === 'half way');
    const parsing = workerParser(waitsForever)({ fileName: 'm.txt', text: 'x' }, { marker } as never, jobs.start('slow', 'open-model', 'Opening m.txt'));
    await progressed;
    expect(jobs.cancel('slow')).toBe(true);
    expect(await parsing).toEqual({ status: 'cancelled' });
  });

  it.each([
    ['exits without a message', exitsSilently, {}, 'E_PARSER_EXITED', /m\.txt: the model parser stopped with exit code 3 before it answered/],
    ['throws', throws, {}, 'E_PARSER_CRASHED', /m\.txt: the model parser failed: Invalid array length/],
    ['runs out of its heap limit', growsForever, { maxOldGenerationSizeMb: 32 }, 'E_PARSER_OUT_OF_MEMORY', /m\.txt: the model parser ran out of memory/],
  ])('settles with a typed error when the worker %s', async (_, script, resourceLimits, code, message) => {
    const { jobs } = setUp();
    const marker = newMarker();
    const parsing = workerParser(script, { resourceLimits })({ fileName: 'm.txt', text: 'x' }, { marker } as never, jobs.start(undefined, 'open-model', 'Opening m.txt'));
    const error = await parsing.then(
      (outcome: ParseOutcome) => outcome,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ParserStoppedError);
    expect((error as ParserStoppedError).code).toBe(code);
    expect((error as Error).message).toMatch(message);
    expect(existsSync(marker)).toBe(true);
  });

  it('ends the open-model job as failed and reports why when the worker exits without a message', async () => {
    const events: ProgressEvent[] = [];
    const errors: string[] = [];
    const host = new ModelHost({
      kind: 'web',
      version: 'test',
      samplePath: join(REFERENCE_DIR, 'skl_dtc_iris', 'tree.txt'),
      parser: workerParser(exitsSilently),
      onProgress: (event) => events.push(event),
      onError: (message) => errors.push(message),
    });
    // A typed error result (no position: no line of the file is at fault), so browser mode answers 200, not 500.
    expect(await host.parseModelText({ text: 'x', fileName: 'm.txt', jobId: 'job' })).toEqual({
      status: 'error',
      error: { code: 'E_PARSER_EXITED', fileName: 'm.txt', message: 'm.txt: the model parser stopped with exit code 3 before it answered (E_PARSER_EXITED)' },
    });
    expect(events.filter((event) => event.jobId === 'job').at(-1)?.state).toBe('failed');
    expect(errors).toEqual([expect.stringMatching(/m\.txt: the model parser stopped with exit code 3/)]);
  });
});

describe('workerParser with a worker started before the host (the browser-mode host\'s startup model)', () => {
  const source = { path: SAMPLE, fileName: 'tree.txt' };

  it('takes the worker over for the first parse of its file, with the events that came before; a later parse starts its own', async () => {
    const { jobs, events } = setUp();
    const marker = newMarker();
    const model = parsePackedModel(readFileSync(SAMPLE, 'utf8'), 'tree.txt');
    const options = { marker, model } as never;
    const early = new ParseWorker(answers, source, options);
    // It answers and ends before anyone follows it: what it said waits for the parse that takes it over.
    await early.whenEnded();
    const parse = workerParser(answers, { early });
    const outcome = await parse(source, options, jobs.start('first', 'open-model', 'Opening tree.txt'));
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(encodePackedModel(outcome.model)).toEqual(encodePackedModel(model));
    expect(events.filter((event) => event.jobId === 'first').map((event) => event.label)).toContain('half way');
    expect(readFileSync(marker, 'utf8')).toBe('started\n');
    // The early worker served one parse: the same file again is read by a worker of its own.
    expect((await parse(source, options, jobs.start('again', 'open-model', 'Opening tree.txt'))).status).toBe('ok');
    expect(readFileSync(marker, 'utf8')).toBe('started\nstarted\n');
  });

  it('ends the early worker when the first parse is of another file, and parses that one', async () => {
    const { jobs } = setUp();
    const earlyMarker = newMarker();
    const early = new ParseWorker(waitsForever, source, { marker: earlyMarker } as never);
    const model = parsePackedModel(readFileSync(SAMPLE, 'utf8'), 'tree.txt');
    const marker = newMarker();
    const outcome = await workerParser(answers, { early })({ fileName: 'm.txt', text: 'x' }, { marker, model } as never, jobs.start(undefined, 'open-model', 'Opening m.txt'));
    expect(outcome.status).toBe('ok');
    await early.whenEnded();
    expect(existsSync(marker)).toBe(true);
  });

  it('ends the early worker when the same file is asked for with other options', async () => {
    const { jobs } = setUp();
    const early = new ParseWorker(waitsForever, source, { marker: newMarker() } as never);
    const model = parsePackedModel(readFileSync(SAMPLE, 'utf8'), 'tree.txt');
    const marker = newMarker();
    expect((await workerParser(answers, { early })(source, { marker, model } as never, jobs.start(undefined, 'open-model', 'Opening tree.txt'))).status).toBe('ok');
    await early.whenEnded();
    expect(readFileSync(marker, 'utf8')).toBe('started\n');
  });

  it('ends the early worker when its file cannot be read, with the same answer as without it', async () => {
    const { jobs } = setUp();
    const missing = { path: join(folder, 'no-such-model.txt'), fileName: 'no-such-model.txt' };
    const early = new ParseWorker(waitsForever, missing, {});
    const outcome = await workerParser(waitsForever, { early })(missing, {}, jobs.start(undefined, 'open-model', 'Opening no-such-model.txt'));
    expect(outcome).toEqual({
      status: 'error',
      error: { code: 'E_FORMAT_UNKNOWN', message: `${missing.path}: cannot read the model file: no such file`, fileName: 'no-such-model.txt' },
    });
    await early.whenEnded();
  });

  it('ends the early worker when its job was cancelled before the parse began', async () => {
    const { jobs } = setUp();
    const early = new ParseWorker(waitsForever, source, {});
    jobs.cancel('cancelled-first');
    const outcome = await workerParser(waitsForever, { early })(source, {}, jobs.start('cancelled-first', 'open-model', 'Opening tree.txt'));
    expect(outcome).toEqual({ status: 'cancelled' });
    await early.whenEnded();
  });

  it('cancels a running early worker once followed', async () => {
    const { jobs, nextEvent } = setUp();
    const early = new ParseWorker(waitsForever, source, {});
    const progressed = nextEvent((event) => event.jobId === 'slow-early' && event.label === 'half way');
    const parsing = workerParser(waitsForever, { early })(source, {}, jobs.start('slow-early', 'open-model', 'Opening tree.txt'));
    await progressed;
    expect(jobs.cancel('slow-early')).toBe(true);
    expect(await parsing).toEqual({ status: 'cancelled' });
    await early.whenEnded();
  });
});
