import { describe, expect, it } from 'vitest';
import { cancelJob, jobsStore, startLocalJob } from '../store/jobs';

describe('renderer-side jobs in the progress panel', () => {
  it('report progress, and Cancel calls the job’s own cancel instead of the host', async () => {
    let cancelled = 0;
    const job = startLocalJob('load-csv', 'Scoring 100,000 rows', () => cancelled++);
    expect(jobsStore.getState().jobs[job.id]).toMatchObject({ task: 'load-csv', state: 'running', fraction: 0 });
    job.report(0.5);
    expect(jobsStore.getState().jobs[job.id]).toMatchObject({ fraction: 0.5, label: 'Scoring 100,000 rows' });
    await cancelJob(job.id);
    expect(cancelled).toBe(1);
    job.finish('cancelled');
    expect(jobsStore.getState().jobs[job.id]).toMatchObject({ state: 'cancelled', fraction: null });
  });
});
