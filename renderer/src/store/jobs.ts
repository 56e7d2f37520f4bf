import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ProgressEvent } from '../../../app/bridge';
import { connectBridge, connectEvents } from '../bridgeClient';

/** Long jobs the Node side reports (opening a big model, reading a CSV, exporting), by job id. */
interface JobsState {
  jobs: Record<string, ProgressEvent>;
}

/** A job that finished stays visible this long, so a fast job does not flash. */
const LINGER_MS = 600;
/** Jobs faster than this never show a bar. */
const SHOW_AFTER_MS = 250;

export const jobsStore = createStore<JobsState>()(() => ({ jobs: {} }));
const startedAt = new Map<string, number>();

let isSubscribed = false;

/** Starts listening to progress events (once per window). */
export function listenToJobs(): void {
  if (isSubscribed) return;
  isSubscribed = true;
  connectEvents().onProgress((event) => {
    if (!startedAt.has(event.jobId)) startedAt.set(event.jobId, Date.now());
    jobsStore.setState((state) => ({ jobs: { ...state.jobs, [event.jobId]: event } }));
    if (event.state !== 'running') {
      setTimeout(() => {
        startedAt.delete(event.jobId);
        jobsStore.setState((state) => {
          const { [event.jobId]: _finished, ...rest } = state.jobs;
          return { jobs: rest };
        });
      }, LINGER_MS);
    }
  });
}

/**
 * Shows a job at once, before the host has reported on it (while a big file is still being sent);
 * the host's own events for the same id replace it.
 */
export function showPendingJob(jobId: string, task: ProgressEvent['task'], label: string): void {
  startedAt.set(jobId, Date.now());
  jobsStore.setState((state) => ({ jobs: { ...state.jobs, [jobId]: { jobId, task, label, fraction: null, state: 'running' } } }));
}

/** A fresh id for a job the renderer starts. */
export function newJobId(): string {
  return crypto.randomUUID();
}

/** Asks the Node side to stop a job; its call then resolves as cancelled. */
export async function cancelJob(jobId: string): Promise<void> {
  await connectBridge().cancelJob({ jobId });
}

/** Jobs worth showing: running for a moment already, or just finished. */
export function useVisibleJobs(): ProgressEvent[] {
  const jobs = useStore(jobsStore, (state) => state.jobs);
  const now = Date.now();
  return Object.values(jobs).filter((job) => now - (startedAt.get(job.jobId) ?? now) >= SHOW_AFTER_MS || job.state !== 'running');
}
