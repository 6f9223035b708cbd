// The operator's buttons on a job's page, only those that apply: Cancel while it has not finished,
// Retry once it failed or was cancelled (what @conveyor/jobs' cancelJob and retryJob accept).
import { isFinishedJobStatus, type JobDocument } from '@conveyor/jobs';
import { html, type Html } from './html.ts';

const retryableStatuses: readonly string[] = ['failed', 'cancelled'] satisfies JobDocument['status'][];

export function jobActions(job: JobDocument): Html | null {
  const path = `/jobs/${encodeURIComponent(job._id)}`;
  const cancel = isFinishedJobStatus(job.status)
    ? null
    : html`<form class="inline" method="post" action="${path}/cancel">
        <button type="submit" class="danger">Cancel job</button>
      </form>`;
  const retry = retryableStatuses.includes(job.status)
    ? html`<form class="inline" method="post" action="${path}/retry">
        <button type="submit" class="primary">Retry</button>
      </form>`
    : null;
  if (cancel === null && retry === null) return null;
  return html`<p class="actions" data-field="actions">${cancel} ${retry}</p>`;
}
