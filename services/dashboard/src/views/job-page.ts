// One generic job: status (live, from re-reads of the job: jobs publish no progress events), payload,
// result or error, history and its trace.
import type { JobDocument } from '@conveyor/jobs';
import type { PageContext } from '../http/send-page.ts';
import { prettyJson, timeCell, traceLink } from './format.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import { liveScript } from './live-script.ts';

export interface JobPage {
  job: JobDocument;
  traceUiUrl: string | undefined;
  finished: boolean;
}

export function jobPage(context: PageContext, page: JobPage): Html {
  const { job } = page;
  const liveUrl = `/jobs/${encodeURIComponent(job._id)}/events`;
  const content = html`<dl class="facts" ${page.finished ? null : html` data-live-url="${liveUrl}"`}>
      <dt>Status</dt>
      <dd><span class="status ${job.status}" data-live="status">${job.status}</span></dd>
      <dt>Type</dt>
      <dd><code>${job.type}</code></dd>
      <dt>Tenant</dt>
      <dd>${job.tenantId}</dd>
      <dt>Priority</dt>
      <dd>${job.priority}</dd>
      <dt>Run at</dt>
      <dd>${timeCell(job.runAt)}</dd>
      <dt>Trace</dt>
      <dd>${traceLink(page.traceUiUrl, job.traceId)}</dd>
      <dt>Created</dt>
      <dd>${timeCell(job.createdAt)}</dd>
      <dt>Updated</dt>
      <dd>${timeCell(job.updatedAt)}</dd>
      ${
        job.error === null || job.error === undefined
          ? null
          : html`<dt>Error</dt>
              <dd>${job.error}</dd>`
      }
    </dl>
    <h2>
      Live progress
      <small class="muted" data-live="connection">${page.finished ? 'finished' : 'connecting…'}</small>
    </h2>
    <ol class="live" data-live="log"></ol>
    <h2>Payload</h2>
    <pre>${prettyJson(job.payload)}</pre>
    ${
      job.result === undefined
        ? null
        : html`<h2>Result</h2>
            <pre>${prettyJson(job.result)}</pre>`
    }
    <h2>History</h2>
    <ol>
      ${job.history.map((entry) => html`<li>${timeCell(entry.at)} ${entry.event}${entry.detail === undefined ? null : html` — ${entry.detail}`}</li>`)}
    </ol>`;
  return layout(context, {
    title: `Job ${job._id}`,
    content,
    script: page.finished ? undefined : liveScript,
  });
}
