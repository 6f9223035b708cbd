// The dead letters page: stored letters per queue (replay all, purge), and one page of letters, newest
// first, filtered by queue and reason.
import { deadLetterReasons } from '@conveyor/contracts';
import type { DeadLetterEntry } from '@conveyor/store';
import type { PageContext } from '../http/send-page.ts';
import { plural, timeCell } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type Notice } from './layout.ts';

export interface DeadLettersPage {
  counts: ReadonlyArray<{ queue: string; count: number }>;
  entries: readonly DeadLetterEntry[];
  filter: { queue?: string | undefined; reason?: string | undefined };
  /** Cursor of the next (older) page, or null. */
  next: string | null;
  notice?: Notice | undefined;
}

function pageLink(filter: DeadLettersPage['filter'], after: string): string {
  const query = new URLSearchParams({ ...filter, after });
  return `/dead-letters?${query.toString()}`;
}

export function shorten(text: string, length = 120): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

export function deadLettersPage(context: PageContext, page: DeadLettersPage): Html {
  const { filter } = page;
  const perQueue = page.counts.map(
    ({ queue, count }) =>
      html`<tr data-queue="${queue}">
        <td>
          <a href="/dead-letters?queue=${encodeURIComponent(queue)}"><code>${queue}</code></a>
        </td>
        <td class="num">${count}</td>
        <td>
          <form class="inline" method="post" action="/dead-letters/replay-all">
            <input type="hidden" name="queue" value="${queue}" />
            <button type="submit">Replay all not replayed</button>
          </form>
          <a href="/dead-letters/purge?queue=${encodeURIComponent(queue)}">Purge…</a>
        </td>
      </tr>`,
  );
  const rows = page.entries.map(
    (entry) =>
      html`<tr data-dead-letter="${entry.id}">
        <td>${timeCell(entry.deadLetteredAt)}</td>
        <td><code>${entry.queue}</code></td>
        <td>${entry.type ?? html`<span class="muted">–</span>`}</td>
        <td>${entry.reason}</td>
        <td>${shorten(entry.error)}</td>
        <td class="num">${entry.attempts}</td>
        <td>
          ${entry.replayedAt === null ? html`<span class="muted">no</span>` : timeCell(entry.replayedAt)}
        </td>
        <td><a href="/dead-letters/${encodeURIComponent(entry.id)}">Open</a></td>
      </tr>`,
  );
  const queueOptions = page.counts.map(
    ({ queue }) =>
      html`<option value="${queue}" ${queue === filter.queue ? html` selected` : null}>${queue}</option>`,
  );
  const reasonOptions = deadLetterReasons.map(
    (reason) =>
      html`<option value="${reason}" ${reason === filter.reason ? html` selected` : null}>${reason}</option>`,
  );
  const content = html`<h2>Stored per queue</h2>
    ${
      page.counts.length === 0
        ? html`<p class="muted">No dead letters are stored.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Queue</th>
                <th class="num">Stored</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              ${perQueue}
            </tbody>
          </table>`
    }
    <h2>Letters</h2>
    <form class="filters" method="get" action="/dead-letters">
      <label
        >Queue
        <select name="queue">
          <option value="">every queue</option>
          ${queueOptions}
        </select></label
      >
      <label
        >Reason
        <select name="reason">
          <option value="">every reason</option>
          ${reasonOptions}
        </select></label
      >
      <button type="submit">Show</button>
    </form>
    ${
      page.entries.length === 0
        ? html`<p class="muted">No dead letters match.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Dead-lettered</th>
                <th>Queue</th>
                <th>Type</th>
                <th>Reason</th>
                <th>Error</th>
                <th class="num">Attempts</th>
                <th>Replayed</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
    <p class="muted">
      ${plural(page.entries.length, 'letter')} shown, newest first.
      ${page.next === null ? null : html`<a href="${pageLink(filter, page.next)}">Older letters →</a>`}
    </p>`;
  return layout(context, { title: 'Dead letters', content, notice: page.notice });
}
