// The queues page: per queue what the broker says (ready, consumers), what the worker processes say
// (unacked, deliveries and acks per second), and how fast the queue grows; each column explained.
import type { PageContext } from '../http/send-page.ts';
import type { QueueReading } from '../queues/queue-sampler.ts';
import { plural, timeCell } from './format.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

export interface QueuesPage {
  reading: QueueReading;
  /** Stored dead letters per work queue (the archiver drains `<queue>.dlq` into storage). */
  storedDeadLetters: ReadonlyMap<string, number>;
  refreshSeconds: number;
}

const dash = html`<span class="muted">–</span>`;

function count(value: number | undefined): Html | number {
  return value ?? dash;
}

function rate(value: number | undefined): Html | string {
  if (value === undefined) return dash;
  return value.toFixed(Math.abs(value) >= 10 ? 0 : 1);
}

export function queuesPage(context: PageContext, page: QueuesPage): Html {
  const { reading } = page;
  const answered = reading.sample.processes.filter((process) => process.ok).length;
  const failed = reading.sample.processes.flatMap((process) => (process.ok ? [] : [process]));
  const rows = reading.rows.map((row) => {
    const workQueue = row.queue.replace(/\.dlq$/, '');
    const stored = page.storedDeadLetters.get(workQueue) ?? 0;
    return html`<tr data-queue="${row.queue}">
      <td><code>${row.queue}</code></td>
      ${
        row.found
          ? html`<td class="num" data-column="ready">${count(row.ready)}</td>
              <td class="num" data-column="unacked">${count(row.unacked)}</td>
              <td class="num" data-column="consumers">${count(row.consumers)}</td>
              <td class="num">${rate(row.inPerSecond)}</td>
              <td class="num">${rate(row.ackedPerSecond)}</td>
              <td class="num">${rate(row.depthPerSecond)}</td>`
          : html`<td colspan="6" class="muted">not declared on the broker</td>`
      }
      <td class="num" data-column="stored">
        ${
          !row.queue.endsWith('.dlq')
            ? dash
            : stored === 0
              ? 0
              : html`<a href="/dead-letters?queue=${encodeURIComponent(workQueue)}">${stored}</a>`
        }
      </td>
    </tr>`;
  });
  const content = html`<p class="muted">
      Sampled ${timeCell(reading.sample.takenAt)}; this page reloads every ${page.refreshSeconds} s.
      ${
        reading.windowSeconds === undefined
          ? 'Rates appear from the next reload on (they need two samples).'
          : `Rates are per second over the last ${reading.windowSeconds.toFixed(0)} s.`
      }
    </p>
    <table>
      <thead>
        <tr>
          <th>Queue</th>
          <th class="num">Ready</th>
          <th class="num">Unacked</th>
          <th class="num">Consumers</th>
          <th class="num">In /s</th>
          <th class="num">Acked /s</th>
          <th class="num">Depth Δ /s</th>
          <th class="num">Stored dead letters</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    <p class="muted">
      Consumer figures from ${answered} of
      ${plural(reading.sample.processes.length, 'worker process', 'worker processes')}
      (METRICS_URLS).${
        failed.length === 0
          ? null
          : html` Not answering:
            ${failed.map(
              (process, index) =>
                html`${index === 0 ? '' : ', '}<code>${process.url}</code> (${process.problem})`,
            )}.`
      }
    </p>
    <h2>What the columns are</h2>
    <dl class="facts">
      <dt>Ready</dt>
      <dd>
        Messages waiting in the queue, from the broker (a passive queue declare). Messages delivered and not
        yet acked are not included.
      </dd>
      <dt>Unacked</dt>
      <dd>
        Messages delivered to Conveyor consumers and not settled yet: the sum of
        <code>conveyor_messages_unacked</code> over the worker processes that answered. Consumers outside
        Conveyor, and processes that did not answer, are not counted; – when no process reports the queue.
      </dd>
      <dt>Consumers</dt>
      <dd>Consumers attached to the queue, across every process, from the broker.</dd>
      <dt>In /s, Acked /s</dt>
      <dd>
        Deliveries received and acked per second by the processes that answered
        (<code>conveyor_messages_received_total</code>, <code>conveyor_messages_acked_total</code>), between
        two samples. Redeliveries count again; a process restarted in between counts from zero.
      </dd>
      <dt>Depth Δ /s</dt>
      <dd>How fast Ready changed between the two samples: positive grows, negative drains.</dd>
      <dt>Stored dead letters</dt>
      <dd>
        For a <code>.dlq</code>: the letters the archiver has moved from it into storage, where they are
        replayed and purged.
      </dd>
    </dl>`;
  return layout(context, { title: 'Queues', content, refreshSeconds: page.refreshSeconds });
}
