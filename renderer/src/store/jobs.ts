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
/** When each job that has finished did so (a fast job that never showed a bar stays hidden). */
const finishedAt = new Map<string, number>();

let isSubscribed = false;

/** Starts listening to progress events (once per window). */
export function listenToJobs(): void {
  if (isSubscribed) return;
  isSubscribed = true;
  connectEvents().onProgress(receiveJobEvent);
}

/**
 * A job's progress event into the panel's state. Also called with the last event of the startup
 * model's open, which the page's first script heard before the app listened (`takeStartupOpen`).
 */
export function receiveJobEvent(event: ProgressEvent): void {
  if (!startedAt.has(event.jobId)) startedAt.set(event.jobId, Date.now());
  if (event.state !== 'running' && !finishedAt.has(event.jobId)) finishedAt.set(event.jobId, Date.now());
  jobsStore.setState((state) => ({ jobs: { ...state.jobs, [event.jobId]: event } }));
  if (event.state !== 'running') {
    setTimeout(() => {
      startedAt.delete(event.jobId);
      finishedAt.delete(event.jobId);
      jobsStore.setState((state) => {
        const { [event.jobId]: _finished, ...rest } = state.jobs;
        return { jobs: rest };
      });
    }, LINGER_MS);
  }
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

/** Cancel functions of jobs that run in the renderer itself (a Web Worker), by job id. */
const localCancels = new Map<string, () => void>();

/** A job the renderer runs itself, shown and cancelled like the host's. */
export interface LocalJob {
  id: string;
  report(fraction: number | null, label?: string): void;
  finish(state: Exclude<ProgressEvent['state'], 'running'>): void;
}

/**
 * Long work that runs in the renderer (scoring a CSV in the scoring worker) reports through the
 * same panel as the host's jobs; its Cancel button calls `cancel` (e.g. terminate the worker).
 */
export function startLocalJob(task: ProgressEvent['task'], label: string, cancel: () => void): LocalJob {
  const id = newJobId();
  let current: ProgressEvent = { jobId: id, task, label, fraction: 0, state: 'running' };
  localCancels.set(id, cancel);
  startedAt.set(id, Date.now());
  const publish = (event: ProgressEvent) => {
    current = event;
    jobsStore.setState((state) => ({ jobs: { ...state.jobs, [id]: event } }));
  };
  publish(current);
  return {
    id,
    report: (fraction, newLabel) => publish({ ...current, fraction, label: newLabel ?? current.label }),
    finish: (state) => {
      localCancels.delete(id);
      finishedAt.set(id, Date.now());
      publish({ ...current, fraction: state === 'done' ? 1 : null, state });
      setTimeout(() => {
        startedAt.delete(id);
        finishedAt.delete(id);
        jobsStore.setState((jobsState) => {
          const { [id]: _finished, ...rest } = jobsState.jobs;
          return { jobs: rest };
        });
      }, LINGER_MS);
    },
  };
}

/** Stops a job: a renderer job through its cancel function, a host job through the bridge (its call then resolves as cancelled). */
export async function cancelJob(jobId: string): Promise<void> {
  const cancelLocal = localCancels.get(jobId);
  if (cancelLocal) {
    cancelLocal();
    return;
  }
  await connectBridge().cancelJob({ jobId });
}

/**
 * Jobs worth showing: running for a moment already, or just finished after showing (or failed or
 * cancelled, which the user should see). A job done faster than SHOW_AFTER_MS never shows at all.
 */
export function useVisibleJobs(): ProgressEvent[] {
  const jobs = useStore(jobsStore, (state) => state.jobs);
  return Object.values(jobs).filter((job) => isJobVisible(job, startedAt.get(job.jobId), finishedAt.get(job.jobId), Date.now()));
}

/** The rule of useVisibleJobs for one job (times in ms; `finished` undefined while it runs). */
export function isJobVisible(job: Pick<ProgressEvent, 'state'>, started: number | undefined, finished: number | undefined, now: number): boolean {
  const begun = started ?? now;
  if (job.state === 'running') return now - begun >= SHOW_AFTER_MS;
  if (job.state !== 'done') return true;
  return (finished ?? now) - begun >= SHOW_AFTER_MS;
}
