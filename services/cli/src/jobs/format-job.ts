// Jobs as text for people: a page of GET /v1/jobs as a table, one job of GET /v1/jobs/{id} with its
// attempts, and the events of its stream one per line.
import { formatTable } from '../format-table.ts';
import type { JobList, JobProgressView, JobView } from '../gateway/gateway-views.ts';

export function formatJobList(list: JobList): string {
  const table =
    list.jobs.length === 0
      ? 'no jobs'
      : formatTable(
          ['ID', 'TYPE', 'STATUS', 'ATTEMPT', 'CREATED', 'UPDATED'],
          list.jobs.map((job) => [
            job.id,
            job.type,
            statusOf(job),
            String(job.attempt),
            job.createdAt,
            job.updatedAt,
          ]),
        );
  return `${table}\n${list.nextCursor === null ? 'no more jobs' : `next cursor: ${list.nextCursor}`}`;
}

export function formatJob(job: JobView): string {
  const lines = [
    `${job.id}  ${statusOf(job)}  (${job.type}, priority ${String(job.priority)})`,
    `payload:  ${valueText(job.payload)}`,
  ];
  if (job.runAt !== null) lines.push(`run at:   ${job.runAt}`);
  if (typeof job.orderingKey === 'string') lines.push(`ordering: ${job.orderingKey}`);
  if (typeof job.parentJobId === 'string') lines.push(`parent:   ${job.parentJobId}`);
  if (job.children !== null && job.children !== undefined) {
    const { total, completed, failed } = job.children;
    lines.push(`children: ${String(total)} (${String(completed)} completed, ${String(failed)} failed)`);
  }
  if (job.progress !== null && job.progress !== undefined)
    lines.push(`progress: ${progressText(job.progress)}`);
  if (job.result !== undefined) lines.push(`result:   ${valueText(job.result)}`);
  if (job.error !== null) lines.push(`error:    ${job.error}`);
  if (job.traceId !== null) lines.push(`trace:    ${job.traceId}`);
  lines.push(`created:  ${job.createdAt}`, `updated:  ${job.updatedAt}`);
  if (job.attempts.length === 0) {
    lines.push('attempts: none yet');
  } else {
    lines.push('attempts:');
    for (const attempt of job.attempts) {
      // A retry through the API starts run 2: its attempts count from 1 again.
      const run = attempt.run === undefined || attempt.run === 1 ? '' : `run ${String(attempt.run)} `;
      const parts = [
        `  ${run}#${String(attempt.attempt)}`,
        attempt.startedAt,
        attempt.endedAt ?? '-',
        attempt.outcome,
      ];
      if (attempt.error !== null) parts.push(attempt.error);
      lines.push(parts.join('  '));
    }
  }
  if (job.history.length > 0) {
    lines.push('history:');
    for (const entry of job.history) {
      lines.push(`  ${entry.at}  ${entry.event}${entry.detail === undefined ? '' : `  ${entry.detail}`}`);
    }
  }
  return lines.join('\n');
}

/** A `progress` event: the value the handler reported. */
export function formatJobProgress(event: JobProgressView): string {
  return [event.at, event.jobId, 'progress', progressText(event.value)].join('  ');
}

/** A `status` event: the job moved to a new status. */
export function formatJobStatus(job: JobView): string {
  const parts = [job.updatedAt, job.id, statusOf(job), `attempt ${String(job.attempt)}`];
  if (job.error !== null) parts.push(job.error);
  return parts.join('  ');
}

/** The status, marked when a cancel was asked for and the running handler has not stopped yet. */
function statusOf(job: JobView): string {
  return job.cancelRequested && job.status === 'running' ? 'running (cancel requested)' : job.status;
}

/** A number is a percentage (what ctx.progress(50) means); anything else is shown as JSON. */
function progressText(value: unknown): string {
  return typeof value === 'number' ? `${String(value)}%` : valueText(value);
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
