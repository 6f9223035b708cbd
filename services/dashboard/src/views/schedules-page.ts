// Stored schedules with their next run and a pause / resume button each. Schedules from the
// scheduler's config (SCHEDULES_JSON, the built-in daily report) are not stored and not shown.
import { nextFireTime, type ScheduleDocument } from '@conveyor/schedules';
import type { PageContext } from '../http/send-page.ts';
import { plural, timeCell } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type Notice } from './layout.ts';

export interface SchedulesPage {
  schedules: readonly ScheduleDocument[];
  now: Date;
  notice?: Notice | undefined;
}

function action(schedule: ScheduleDocument): Html {
  const verb = schedule.paused ? 'resume' : 'pause';
  return html`${pauseOrResume(schedule, verb)} ${runNow(schedule)}`;
}

function runNow(schedule: ScheduleDocument): Html {
  return html`<form class="inline" method="post" action="/schedules/${encodeURIComponent(schedule._id)}/run">
    <button type="submit" data-action="run">Run now</button>
  </form>`;
}

function pauseOrResume(schedule: ScheduleDocument, verb: 'pause' | 'resume'): Html {
  return html`<form
    class="inline"
    method="post"
    action="/schedules/${encodeURIComponent(schedule._id)}/${verb}"
  >
    <button type="submit" ${schedule.paused ? html` class="primary"` : null} data-action="${verb}">
      ${schedule.paused ? 'Resume' : 'Pause'}
    </button>
  </form>`;
}

export function schedulesPage(context: PageContext, page: SchedulesPage): Html {
  const rows = page.schedules.map(
    (schedule) =>
      html`<tr data-schedule="${schedule._id}">
        <td><strong>${schedule.name}</strong><br /><code class="muted">${schedule._id}</code></td>
        <td>${schedule.tenantId}</td>
        <td><code>${schedule.cron}</code><br /><span class="muted">${schedule.timeZone}</span></td>
        <td>
          <code>${schedule.job.type}</code> <span class="muted">priority ${schedule.job.priority}</span>
        </td>
        <td>overlap ${schedule.overlap}<br />misfire ${schedule.misfire}</td>
        <td data-column="state">
          ${
            schedule.paused
              ? html`<span class="status paused">paused</span
                  >${schedule.pausedAt === undefined ? null : html`<br /><span class="muted">since ${timeCell(schedule.pausedAt)}</span>`}`
              : html`<span class="status">active</span
                  >${schedule.resumedAt === undefined ? null : html`<br /><span class="muted">resumed ${timeCell(schedule.resumedAt)}</span>`}`
          }
        </td>
        <td data-column="next-run">
          ${schedule.paused ? html`<span class="muted">– (paused)</span>` : timeCell(nextFireTime(schedule, page.now))}
        </td>
        <td>${action(schedule)}</td>
      </tr>`,
  );
  const content = html`${
      page.schedules.length === 0
        ? html`<p class="muted">No stored schedules.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Schedule</th>
                <th>Tenant</th>
                <th>Cron</th>
                <th>Job</th>
                <th>Policies</th>
                <th>State</th>
                <th>Next run</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
    <p class="muted">
      ${plural(page.schedules.length, 'schedule')}. A paused schedule is not fired; resumed, it fires at its
      next fire time, and the runs the pause left out are not caught up. Schedules given to the scheduler in
      its config are not listed here.
    </p>`;
  return layout(context, { title: 'Schedules', content, notice: page.notice });
}
