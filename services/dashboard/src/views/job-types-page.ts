// The registry of job types, as the workers registered them when they started: where each type
// queues, how many deliveries it gets, its deadline, order per key, and how long its finished jobs stay.
import type { JobTypeDocument } from '@conveyor/jobs';
import type { PageContext } from '../http/send-page.ts';
import { plural, timeCell } from './format.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

export interface JobTypesPage {
  jobTypes: readonly JobTypeDocument[];
}

function duration(ms: number): string {
  if (ms % 60_000 === 0) return `${String(ms / 60_000)} min`;
  if (ms % 1_000 === 0) return `${String(ms / 1_000)} s`;
  return `${String(ms)} ms`;
}

export function jobTypesPage(context: PageContext, page: JobTypesPage): Html {
  const rows = page.jobTypes.map(
    (type) =>
      html`<tr data-job-type="${type._id}">
        <td>
          <a href="/jobs?type=${encodeURIComponent(type._id)}"><code>${type._id}</code></a>
        </td>
        <td data-column="queue"><code>${type.queue}</code></td>
        <td class="num" data-column="priority">${type.priority}</td>
        <td class="num" data-column="attempts">${type.attempts}</td>
        <td class="num" data-column="timeout">${duration(type.timeoutMs)}</td>
        <td data-column="ordered">
          ${type.ordered === null ? 'no' : `by ${type.ordered.keyField}, ${plural(type.ordered.partitions, 'partition')}`}
        </td>
        <td data-column="retention">
          ${type.retentionDays === null ? html`<span class="muted">global rule</span>` : plural(type.retentionDays, 'day')}
        </td>
        <td data-column="registered-by">${type.registeredBy}</td>
        <td data-column="updated">${timeCell(type.updatedAt)}</td>
      </tr>`,
  );
  const content =
    page.jobTypes.length === 0
      ? html`<p class="muted">No job types are registered: no worker has started yet.</p>`
      : html`<table>
            <thead>
              <tr>
                <th>Type</th>
                <th>Queue</th>
                <th class="num">Priority</th>
                <th class="num">Attempts</th>
                <th class="num">Timeout</th>
                <th>Ordered</th>
                <th>Retention</th>
                <th>Registered by</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
          <p class="muted">
            ${plural(page.jobTypes.length, 'type')}. Each is registered by the worker that runs it when it
            starts; the gateway refuses jobs of other types.
          </p>`;
  return layout(context, { title: 'Job types', content });
}
