// The children of a batch job: the counts the parent keeps (total, completed, failed) and the first
// children themselves, each linked to its own page.
import type { JobDocument } from '@conveyor/jobs';
import { plural, statusBadge, timeCell } from './format.ts';
import { html, type Html } from './html.ts';

export interface JobChildren {
  counts: NonNullable<JobDocument['children']>;
  children: readonly JobDocument[];
  /** At most this many are read and shown. */
  shown: number;
}

export function childrenSection({ counts, children, shown }: JobChildren): Html {
  const more = counts.total > shown ? html` The first ${shown} are listed.` : null;
  return html`<h2>Children</h2>
    <p data-field="children">
      ${plural(counts.total, 'child job')}: ${counts.completed} completed, ${counts.failed} failed,
      ${counts.total - counts.completed - counts.failed} not finished.${more}
    </p>
    ${
      children.length === 0
        ? null
        : html`<table>
            <thead>
              <tr>
                <th>Job</th>
                <th>Type</th>
                <th>Status</th>
                <th class="num">Attempt</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              ${children.map(
                (child) =>
                  html`<tr data-child="${child._id}">
                    <td>
                      <a href="/jobs/${encodeURIComponent(child._id)}"><code>${child._id}</code></a>
                    </td>
                    <td><code>${child.type}</code></td>
                    <td>${statusBadge(child.status)}</td>
                    <td class="num">${child.attempt}</td>
                    <td>${timeCell(child.updatedAt)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
