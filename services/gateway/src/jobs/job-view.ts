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
