// The jobs list: the newest generic jobs of a status and/or tenant.
import { jobStatuses, type JobDocument } from '@conveyor/jobs';
import type { PageContext } from '../http/send-page.ts';
import { plural, statusBadge, timeCell } from './format.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import { lookupForm, type LookupFilter } from './lookup-form.ts';

export interface JobsPage {
  jobs: readonly JobDocument[];
  unreadable: number;
  filter: LookupFilter;
}

export function jobsPage(context: PageContext, page: JobsPage): Html {
  const rows = page.jobs.map(
    (job) =>
      html`<tr data-job="${job._id}">
        <td>${timeCell(job.createdAt)}</td>
        <td>
          <a href="/jobs/${encodeURIComponent(job._id)}"><code>${job._id}</code></a>
        </td>
        <td>${job.tenantId}</td>
        <td><code>${job.type}</code></td>
        <td class="num">${job.priority}</td>
        <td>${statusBadge(job.status)}</td>
        <td>${timeCell(job.runAt)}</td>
        <td>${timeCell(job.updatedAt)}</td>
      </tr>`,
  );
  const content = html`${lookupForm('/jobs', jobStatuses, page.filter)}
    ${
      page.jobs.length === 0
        ? html`<p class="muted">No jobs match.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Created</th>
                <th>Job</th>
                <th>Tenant</th>
                <th>Type</th>
                <th class="num">Priority</th>
                <th>Status</th>
                <th>Run at</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
    <p class="muted">
      ${plural(page.jobs.length, 'job')}, newest first. Scheduled runs of a schedule are on the Schedules
      page.${page.unreadable === 0 ? null : ` ${plural(page.unreadable, 'document')} could not be read and are not shown.`}
    </p>`;
  return layout(context, { title: 'Jobs', content });
}
