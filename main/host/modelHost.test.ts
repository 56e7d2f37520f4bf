import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../app/bridge';
import { unpackModel } from '../../app/model/materialize';
import { decodePackedModel, joinedBytes } from '../../app/model/packedCodec';
import { parseModelText } from '../../app/formats';
import { corpus, readCorpus } from '../../app/testing/shared';
import { untilAborted } from './jobs';
import { ModelHost } from './modelHost';
import type { ModelParser } from './modelParser';
import { inProcessParser } from './inProcessParser';

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
    expect(unpackModel(decodePackedModel(joinedBytes(result.document.packedBytes)))).toEqual(parseModelText(readCorpus(STARTUP), 'mllib_dt_banknote_depth5.txt'));
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

describe('feature names the user gives', () => {
  it('are checked by the bridge, name the model (also for exports, which read the host\'s copy), stay with the recent file and come back when it reopens', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { RecentFiles } = await import('../electron/recentFiles');
    const folder = mkdtempSync(join(tmpdir(), 'splitscope-names-'));
    try {
      const recentFiles = new RecentFiles(join(folder, 'recent-files.json'));
      const path = corpus(STARTUP);
      const host = new ModelHost({ kind: 'electron', version: 'test', samplePath: path, parser: inProcessParser, recentFiles, onOpenedPath: (opened) => recentFiles.add(opened) });
      const namesOf = (result: Awaited<ReturnType<ModelHost['openPath']>>) => {
        if (result.status !== 'ok') throw new Error(`not opened: ${JSON.stringify(result)}`);
        return decodePackedModel(joinedBytes(result.document.packedBytes)).header.features.map((feature) => (feature.isNamed ? feature.name : null));
      };
      const opened = await host.openPath(path);
      expect(namesOf(opened)).toEqual([null, null, null, null]);
      if (opened.status !== 'ok') throw new Error('not opened');
      const names = ['variance', 'skewness', 'curtosis', 'entropy'];
      // The bridge refuses what is not a list of names.
      await expect(host.reparseModel({ documentId: opened.document.id, options: { featureNames: [1, 2] } })).rejects.toThrow();
      await expect(host.reparseModel({ documentId: opened.document.id, options: { featureNames: ['ok', ''] } })).rejects.toThrow();
      // Names that do not fit the model are a typed error with its code.
      const wrong = await host.reparseModel({ documentId: opened.document.id, options: { featureNames: ['a', 'b'] } });
      expect(wrong).toMatchObject({ status: 'error', error: { code: 'E_FEATURE_NAMES' } });
      const named = await host.reparseModel({ documentId: opened.document.id, options: { featureNames: names } });
      expect(namesOf(named)).toEqual(names);
      expect(recentFiles.featureNamesOf(path)).toEqual(names);
      // A restart: the recent entry opens named.
      const restarted = new ModelHost({ kind: 'electron', version: 'test', samplePath: path, parser: inProcessParser, recentFiles: new RecentFiles(join(folder, 'recent-files.json')) });
      expect(namesOf(await restarted.openRecentFile({ index: 0 }))).toEqual(names);
      // Read again without them (the user forgot them): forgotten with the file too.
      if (named.status !== 'ok') throw new Error('not named');
      await host.reparseModel({ documentId: named.document.id, options: {} });
      expect(recentFiles.featureNamesOf(path)).toBeUndefined();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
