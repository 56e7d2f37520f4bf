import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../app/bridge';
import { unpackModel } from '../../app/model/materialize';
import { decodePackedModel } from '../../app/model/packedCodec';
import { parseModelText } from '../../app/formats';
import { corpus, readCorpus } from '../../app/testing/shared';
import { untilAborted } from './jobs';
import { ModelHost } from './modelHost';
import { inProcessParser, type ModelParser } from './modelParser';

const STARTUP = 'spark/mllib_dt_banknote_depth5.txt';

function hostWith(parser: ModelParser, events: ProgressEvent[] = []) {
  return new ModelHost({ kind: 'web', version: 'test', startupPath: corpus(STARTUP), samplePath: corpus(STARTUP), parser, onProgress: (event) => events.push(event) });
}

describe('the startup model, opened before the page asks', () => {
  it('is parsed once, and the first ask takes the result over; a later ask (a reload) parses again', async () => {
    let parses = 0;
    const host = hostWith((source, options, job) => {
      parses++;
      return inProcessParser(source, options, job);
    });
    host.prefetchStartupModel();
    const result = await host.openStartupModel({ jobId: 'page' });
    expect(parses).toBe(1);
    if (result.status !== 'ok') throw new Error(`not opened: ${JSON.stringify(result)}`);
    expect(unpackModel(decodePackedModel(result.document.packedBytes))).toEqual(parseModelText(readCorpus(STARTUP), 'mllib_dt_banknote_depth5.txt'));
    await host.openStartupModel({ jobId: 'reload' });
    expect(parses).toBe(2);
  });

  it('reports its progress under the page job id and stops when the page cancels it', async () => {
    const events: ProgressEvent[] = [];
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const host = hostWith(async (_source, _options, job) => {
      job.report(0.25, 'Reading');
      started();
      await untilAborted(job.signal);
      return { status: 'cancelled' };
    }, events);
    host.prefetchStartupModel();
    await isStarted;
    const opening = host.openStartupModel({ jobId: 'page' });
    expect(events.filter((event) => event.jobId === 'page').at(-1)).toMatchObject({ state: 'running', fraction: 0.25, label: 'Reading' });
    expect(await host.cancelJob({ jobId: 'page' })).toEqual({ wasRunning: true });
    expect(await opening).toEqual({ status: 'cancelled' });
    expect(events.filter((event) => event.jobId === 'page').at(-1)?.state).toBe('cancelled');
  });
});
