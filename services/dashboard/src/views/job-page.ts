// One generic job, as GET /v1/jobs/{id} shows it: status and progress (live while it has not finished),
// run and attempt, the cancel mark, trace, error, its attempts (every run's), a batch's children, the
// payload and result, the history; and the operator's Cancel / Retry. When the live stream ends, the
// page reloads once to show the finished job (its attempts, result and the actions that now apply).
import type { JobDocument } from '@conveyor/jobs';
import type { PageContext } from '../http/send-page.ts';
import { prettyJson, progressText, timeCell, traceLink } from './format.ts';
import { html, type Html } from './html.ts';
import { jobActions } from './job-actions.ts';
import { attemptsTable } from './job-attempts.ts';
import { childrenSection } from './job-children.ts';
import { layout, type Notice } from './layout.ts';
import { liveScript } from './live-script.ts';

export interface JobPage {
  job: JobDocument;
  /** A batch's first children (read by the route). */
  children: readonly JobDocument[];
  childrenShown: number;
  traceUiUrl: string | undefined;
  finished: boolean;
  notice?: Notice | undefined;
}

function optionalFact(label: string, field: string, value: Html | string | null): Html | null {
  return value === null
    ? null
    : html`<dt>${label}</dt>
        <dd data-field="${field}">${value}</dd>`;
}

export function jobPage(context: PageContext, page: JobPage): Html {
  const { job } = page;
  const liveUrl = `/jobs/${encodeURIComponent(job._id)}/events`;
  const live = page.finished ? null : html` data-live-url="${liveUrl}" data-live-reload`;
  const parent =
    job.parentJobId === null
      ? null
      : html`<a href="/jobs/${encodeURIComponent(job.parentJobId)}"><code>${job.parentJobId}</code></a>`;
  const content = html`${jobActions(job)}
    <dl class="facts" ${live}>
      <dt>Status</dt>
      <dd><span class="status ${job.status}" data-live="status">${job.status}</span></dd>
      <dt>Type</dt>
      <dd data-field="type"><code>${job.type}</code></dd>
      <dt>Tenant</dt>
      <dd data-field="tenant">${job.tenantId}</dd>
      <dt>Priority</dt>
      <dd>${job.priority}</dd>
      <dt>Run, attempt</dt>
      <dd data-field="attempt">run ${job.run}, attempt ${job.attempt}</dd>
      <dt>Progress</dt>
      <dd data-live="progress">${progressText(job.progress)}</dd>
      ${optionalFact('Cancel', 'cancel-requested', job.cancelRequested && !page.finished ? 'requested' : null)}
      ${optionalFact('Ordering key', 'ordering-key', job.orderingKey)}
      ${optionalFact('Parent batch', 'parent', parent)}
      <dt>Run at</dt>
      <dd>${timeCell(job.runAt)}</dd>
      <dt>Trace</dt>
      <dd data-field="trace">${traceLink(page.traceUiUrl, job.traceId)}</dd>
      <dt>Created</dt>
      <dd>${timeCell(job.createdAt)}</dd>
      <dt>Updated</dt>
      <dd>${timeCell(job.updatedAt)}</dd>
      ${optionalFact('Error', 'error', job.error ?? null)}
    </dl>
    <h2>
      Live progress
      <small class="muted" data-live="connection">${page.finished ? 'finished' : 'connecting…'}</small>
    </h2>
    <ol class="live" data-live="log"></ol>
    <h2>Attempts</h2>
    ${attemptsTable(job)}
    ${
      job.children === null
        ? null
        : childrenSection({ counts: job.children, children: page.children, shown: page.childrenShown })
    }
    <h2>Payload</h2>
    <pre data-field="payload">${prettyJson(job.payload)}</pre>
    ${
      job.result === undefined
        ? null
        : html`<h2>Result</h2>
            <pre data-field="result">${prettyJson(job.result)}</pre>`
    }
    <h2>History</h2>
    <ol>
      ${job.history.map((entry) => html`<li>${timeCell(entry.at)} ${entry.event}${entry.detail === undefined ? null : html` — ${entry.detail}`}</li>`)}
    </ol>`;
  return layout(context, {
    title: `Job ${job._id}`,
    content,
    notice: page.notice,
    script: page.finished ? undefined : liveScript,
  });
}
