import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../app/bridge';
import { JobRegistry, untilAborted } from './jobs';
import { takeTestHold } from './testHold';

describe('JobRegistry', () => {
  it('lets a second id follow a running job: it hears the latest state at once, then every event, and can cancel it', () => {
    const events: ProgressEvent[] = [];
    const jobs = new JobRegistry((event) => events.push(event));
    const job = jobs.start('startup', 'open-model', 'Opening big.txt');
    job.report(0.4, 'Reading 4 of 10 MB');
    expect(jobs.follow('startup', 'page-1')).toBe(true);
    expect(events.at(-1)).toMatchObject({ jobId: 'page-1', state: 'running', fraction: 0.4, label: 'Reading 4 of 10 MB' });
    expect(jobs.cancel('page-1')).toBe(true);
    expect(job.signal.aborted).toBe(true);
    job.finish('cancelled');
    expect(events.slice(-2).map((event) => [event.jobId, event.state])).toEqual([
      ['startup', 'cancelled'],
      ['page-1', 'cancelled'],
    ]);
    expect(jobs.cancel('page-1')).toBe(false);
    expect(jobs.follow('startup', 'page-2')).toBe(false);
  });

  it('a follower that joins after the first tree was sent still gets it (the startup model previewed before the page asked)', () => {
    const events: ProgressEvent[] = [];
    const jobs = new JobRegistry((event) => events.push(event));
    const job = jobs.start('startup', 'open-model', 'Opening big.txt');
    const preview = { fileName: 'big.txt', treeCount: 2000, packedBytes: new Uint8Array([1, 2, 3]) };
    job.report(null, 'Reading the other 1999 trees of big.txt');
    job.preview(preview);
    jobs.follow('startup', 'page');
    const forPage = events.filter((event) => event.jobId === 'page');
    expect(forPage.map((event) => [event.state, event.label, event.preview?.treeCount])).toEqual([
      ['running', 'Reading the other 1999 trees of big.txt', undefined],
      ['running', 'Reading the other 1999 trees of big.txt', 2000],
    ]);
    expect(forPage[1].preview?.packedBytes).toBe(preview.packedBytes);
    job.finish('done');
    job.preview(preview); // a finished job sends nothing more
    expect(events.at(-1)).toMatchObject({ jobId: 'page', state: 'done' });
  });

  it('a quiet job (the host’s own start-up open) is heard only under the ids that follow it', () => {
    const events: ProgressEvent[] = [];
    const jobs = new JobRegistry((event) => events.push(event));
    const job = jobs.start('startup', 'open-model', 'Opening big.txt', true);
    job.report(0.4, 'Reading 4 of 10 MB');
    expect(events).toEqual([]);
    jobs.follow('startup', 'page');
    job.preview({ fileName: 'big.txt', treeCount: 2000, packedBytes: new Uint8Array([1]) });
    job.finish('done');
    expect(events.map((event) => [event.jobId, event.state, event.fraction, event.preview?.treeCount])).toEqual([
      ['page', 'running', 0.4, undefined],
      ['page', 'running', null, 2000],
      ['page', 'done', 1, undefined],
    ]);
  });

  it('a follower cancelled before it followed cancels the job as it joins', () => {
    const jobs = new JobRegistry(() => {});
    const job = jobs.start('startup', 'open-model', 'Opening');
    jobs.cancel('page-early');
    jobs.follow('startup', 'page-early');
    expect(job.signal.aborted).toBe(true);
  });

  it('reports start, progress and the final state of a job under the id the renderer chose', () => {
    const events: ProgressEvent[] = [];
    const jobs = new JobRegistry((event) => events.push(event));
    const job = jobs.start('job-1', 'load-csv', 'Reading rows.csv');
    job.report(1, 'Reading rows.csv: 100%');
    job.finish('done');
    expect(events.map((event) => [event.jobId, event.state, event.fraction])).toEqual([
      ['job-1', 'running', 0],
      ['job-1', 'running', 1],
      ['job-1', 'done', 1],
    ]);
    expect(events[2].label).toBe('Reading rows.csv: 100%');
  });

  it('cancels a running job through its abort signal', () => {
    const jobs = new JobRegistry(() => {});
    const job = jobs.start('job-2', 'open-model', 'Opening');
    expect(jobs.cancel('job-2')).toBe(true);
    expect(job.signal.aborted).toBe(true);
    job.finish('cancelled');
    expect(jobs.cancel('job-2')).toBe(false);
  });

  it('aborts a job at once when it was cancelled before it started', () => {
    const jobs = new JobRegistry(() => {});
    expect(jobs.cancel('job-3')).toBe(false);
    expect(jobs.start('job-3', 'open-model', 'Opening').signal.aborted).toBe(true);
    expect(jobs.start('job-4', 'open-model', 'Opening').signal.aborted).toBe(false);
  });
});

describe('test holds (SPLITSCOPE_TEST_HOLD)', () => {
  it('holds the first job on each named file only, and releases it on cancel', async () => {
    const saved = process.env.SPLITSCOPE_TEST_HOLD;
    process.env.SPLITSCOPE_TEST_HOLD = 'held-a.csv,held-b.txt';
    try {
      expect(takeTestHold('other.csv')).toBe(false);
      expect(takeTestHold('held-a.csv')).toBe(true);
      expect(takeTestHold('held-a.csv')).toBe(false);
      expect(takeTestHold('held-b.txt')).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.SPLITSCOPE_TEST_HOLD;
      else process.env.SPLITSCOPE_TEST_HOLD = saved;
    }
    const jobs = new JobRegistry(() => {});
    const job = jobs.start('held', 'load-csv', 'Reading held-a.csv');
    let isReleased = false;
    const released = untilAborted(job.signal).then(() => (isReleased = true));
    await Promise.resolve();
    expect(isReleased).toBe(false);
    jobs.cancel('held');
    await released;
    await untilAborted(job.signal); // already aborted: at once
  });
});
