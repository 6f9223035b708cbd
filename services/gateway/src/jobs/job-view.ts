import type { JobDocument } from '@conveyor/jobs';
import type { JobView } from './job-schemas.ts';

export function jobLinkOf(jobId: string): string {
  return `/v1/jobs/${encodeURIComponent(jobId)}`;
}

export function toJobView(job: JobDocument): JobView {
  return {
    id: job._id,
    type: job.type,
    payload: job.payload,
    priority: job.priority,
    status: job.status,
    runAt: job.runAt?.toISOString() ?? null,
    orderingKey: job.orderingKey,
    parentJobId: job.parentJobId,
    run: job.run,
    attempt: job.attempt,
    attempts: [
      ...job.attempts.map((attempt) => ({
        run: attempt.run,
        attempt: attempt.attempt,
        startedAt: attempt.startedAt.toISOString(),
        endedAt: attempt.endedAt?.toISOString() ?? null,
        outcome: attempt.outcome,
        error: attempt.error,
      })),
      ...(job.status === 'running' && job.currentAttempt !== null
        ? [
            {
              run: job.run,
              attempt: job.currentAttempt.attempt,
              startedAt: job.currentAttempt.startedAt.toISOString(),
              endedAt: null,
              outcome: 'running' as const,
              error: null,
            },
          ]
        : []),
    ],
    progress: job.progress,
    cancelRequested: job.cancelRequested,
    children: job.children,
    history: job.history.map((entry) => ({
      at: entry.at.toISOString(),
      event: entry.event,
      ...(entry.detail === undefined ? {} : { detail: entry.detail }),
    })),
    ...(job.result === undefined ? {} : { result: job.result }),
    error: job.error ?? null,
    traceId: job.traceId,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    links: { self: jobLinkOf(job._id) },
  };
}
