import { randomUUID } from 'node:crypto';
import type { ModelPreview, ProgressEvent } from '../../app/bridge';

/** A running job: its abort signal and a way to report progress. */
export interface Job {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Reports progress; throttled so a fast loop does not flood the renderer. */
  report(fraction: number | null, label?: string): void;
  /** Ends the job and reports its final state. */
  finish(state: Exclude<ProgressEvent['state'], 'running'>): void;
  /** Reports the first tree of a model being opened, once (see `ModelPreview`). */
  preview(preview: ModelPreview): void;
}

/** Minimum time between two progress events of one job. */
const REPORT_INTERVAL_MS = 100;

/**
 * Long work (parsing a big model, reading a CSV, exporting a bundle) runs as jobs: each has an id the
 * renderer chose, reports progress to every listening window, and can be cancelled by id.
 */
export class JobRegistry {
  private readonly running = new Map<string, AbortController>();
  /** Extra ids a running job also reports under (`follow`), by the job's own id. */
  private readonly followers = new Map<string, string[]>();
  /** The last event of each running job, for a follower that joins late. */
  private readonly lastEvent = new Map<string, ProgressEvent>();
  /** The preview event of each running job that sent one, for a follower that joins late. */
  private readonly previewEvent = new Map<string, ProgressEvent>();
  /** Ids cancelled before their job started (the renderer may cancel while a file is still uploading). */
  private readonly cancelledEarly = new Set<string>();

  constructor(private readonly emit: (event: ProgressEvent) => void) {}

  /**
   * `isQuiet`: the job's events go to its followers only, never under its own id: the host's own
   * start-up open, which no window asked for, shows as the bar of the window that follows it.
   */
  start(requestedId: string | undefined, task: ProgressEvent['task'], label: string, isQuiet = false): Job {
    const id = requestedId ?? randomUUID();
    const controller = new AbortController();
    this.running.get(id)?.abort();
    this.running.set(id, controller);
    if (this.cancelledEarly.delete(id)) controller.abort();
    this.followers.delete(id);
    let lastReport = 0;
    let currentLabel = label;
    const emit = (event: ProgressEvent) => {
      if (event.state === 'running' && !event.preview) this.lastEvent.set(id, event);
      if (!isQuiet) this.emit(event);
      for (const follower of this.followers.get(id) ?? []) this.emit({ ...event, jobId: follower });
    };
    const running = this.running;
    const ended = () => {
      if (running.get(id) === controller) running.delete(id);
      for (const follower of this.followers.get(id) ?? []) if (running.get(follower) === controller) running.delete(follower);
      this.followers.delete(id);
      this.lastEvent.delete(id);
      this.previewEvent.delete(id);
    };
    emit({ jobId: id, task, label, fraction: 0, state: 'running' });
    return {
      id,
      signal: controller.signal,
      report(fraction, newLabel) {
        currentLabel = newLabel ?? currentLabel;
        const now = Date.now();
        if (now - lastReport < REPORT_INTERVAL_MS && fraction !== 1) return;
        lastReport = now;
        emit({ jobId: id, task, label: currentLabel, fraction, state: 'running' });
      },
      finish(state) {
        emit({ jobId: id, task, label: currentLabel, fraction: state === 'done' ? 1 : null, state });
        ended();
      },
      preview: (preview) => {
        if (running.get(id) !== controller) return;
        const event: ProgressEvent = { jobId: id, task, label: currentLabel, fraction: null, state: 'running', preview };
        this.previewEvent.set(id, event);
        emit(event);
      },
    };
  }

  /**
   * Lets a second id follow a running job: its progress is also reported under `followerId`, and
   * cancelling `followerId` cancels it (the startup model, parsed before the page asked for it, is
   * followed by the page's own job id). False when `jobId` is not running.
   */
  follow(jobId: string, followerId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    this.followers.set(jobId, [...(this.followers.get(jobId) ?? []), followerId]);
    this.running.set(followerId, controller);
    const last = this.lastEvent.get(jobId);
    if (last) this.emit({ ...last, jobId: followerId });
    const preview = this.previewEvent.get(jobId);
    if (preview) this.emit({ ...preview, jobId: followerId });
    if (this.cancelledEarly.delete(followerId)) controller.abort();
    return true;
  }

  /** Aborts the job; true when it was running. An id not seen yet is aborted as soon as it starts. */
  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) {
      if (this.cancelledEarly.size > 1_000) this.cancelledEarly.clear();
      this.cancelledEarly.add(jobId);
      return false;
    }
    controller.abort();
    return true;
  }
}

/** Resolves once the signal is aborted (at once when it already is). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
