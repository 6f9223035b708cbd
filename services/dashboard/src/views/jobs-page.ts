// The jobs list across tenants: newest first, filtered by status, type, tenant and creation time, 50 a
// page (the next page by cursor, as GET /v1/jobs pages), with each job's attempt and progress.
import type { JobDocument } from '@conveyor/jobs';
import type { PageContext } from '../http/send-page.ts';
import { plural, progressText, statusBadge, timeCell } from './format.ts';
import { html, type Html } from './html.ts';
import { jobFilterForm, jobFilterQuery, type JobFilter } from './job-filter-form.ts';
import { layout } from './layout.ts';

export interface JobsPage {
  jobs: readonly JobDocument[];
  unreadable: number;
  filter: JobFilter;
  nextCursor: string | null;
  /** This page is not the first (it was asked for with a cursor). */
  paged: boolean;
}

function attemptCell(job: JobDocument): string {
  return job.run > 1 ? `${String(job.attempt)} (run ${String(job.run)})` : String(job.attempt);
}

function pageLinks(page: JobsPage): Html | null {
  if (page.nextCursor === null && !page.paged) return null;
  const first = jobFilterQuery(page.filter);
  const next = jobFilterQuery(page.filter);
  if (page.nextCursor !== null) next.set('cursor', page.nextCursor);
  return html`<p class="pages">
    ${page.paged ? html`<a href="/jobs?${first.toString()}">Newest</a>` : null}
    ${page.nextCursor === null ? null : html`<a href="/jobs?${next.toString()}" rel="next">Older jobs →</a>`}
  </p>`;
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
        <td data-column="type"><code>${job.type}</code></td>
        <td class="num">${job.priority}</td>
        <td data-column="status">${statusBadge(job.status)}</td>
        <td class="num" data-column="attempt">${attemptCell(job)}</td>
        <td data-column="progress">${progressText(job.progress)}</td>
        <td>${timeCell(job.updatedAt)}</td>
      </tr>`,
  );
  const content = html`${jobFilterForm(page.filter)}
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
                <th class="num">Attempt</th>
                <th>Progress</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
    ${pageLinks(page)}
    <p class="muted">
      ${plural(page.jobs.length, 'job')} on this page, newest first. Scheduled runs of a schedule are on the
      Schedules page; the types workers run are on the Job types
      page.${page.unreadable === 0 ? null : ` ${plural(page.unreadable, 'document')} could not be read and are not shown.`}
    </p>`;
  return layout(context, { title: 'Jobs', content });
}
