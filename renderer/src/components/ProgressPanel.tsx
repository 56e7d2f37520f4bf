import { useEffect, useState } from 'react';
import { cancelJob, listenToJobs, useVisibleJobs } from '../store/jobs';

/** Progress of long jobs, with a Cancel button each (`data-testid="progress"`). */
export function ProgressPanel() {
  const jobs = useVisibleJobs();
  const [, tick] = useState(0);
  useEffect(() => {
    listenToJobs();
    // Re-render while jobs run so the "show after a moment" rule takes effect without new events.
    const timer = setInterval(() => tick((value) => value + 1), 250);
    return () => clearInterval(timer);
  }, []);
  if (jobs.length === 0) return null;
  return (
    <div className="progress-panel" role="status" aria-live="polite">
      {jobs.map((job) => (
        <div key={job.jobId} className="progress-job" data-testid="progress" data-state={job.state} data-task={job.task}>
          <span className="progress-label">{job.state === 'cancelled' ? `Cancelled: ${job.label}` : job.label}</span>
          <progress max={1} value={job.fraction ?? undefined} />
          {job.state === 'running' && (
            <button type="button" data-testid="cancel-job" onClick={() => void cancelJob(job.jobId)}>
              Cancel
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
