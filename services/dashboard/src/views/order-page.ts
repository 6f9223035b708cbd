// One order: status (live), each step (live), history, its trace, and the live progress log fed by
// the page's event stream (NATS progress events, and re-reads of the order).
import { orderSteps } from '@conveyor/contracts';
import type { OrderDocument } from '@conveyor/orders';
import type { PageContext } from '../http/send-page.ts';
import { timeCell, traceLink } from './format.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import { liveScript } from './live-script.ts';

export interface OrderPage {
  order: OrderDocument;
  traceUiUrl: string | undefined;
  /** The order is finished: no live stream is opened. */
  finished: boolean;
}

export function orderPage(context: PageContext, page: OrderPage): Html {
  const { order } = page;
  const steps = orderSteps.map((name) => {
    const step = order.steps[name];
    return html`<tr>
      <td>${name}</td>
      <td><span class="status ${step.state}" data-step="${name}">${step.state}</span></td>
      <td>${step.ref ?? '–'}</td>
      <td class="num">${step.attempts}</td>
      <td>${timeCell(step.updatedAt)}</td>
      <td>${step.error ?? ''}</td>
    </tr>`;
  });
  const history = order.history.map(
    (entry) =>
      html`<li>
        ${timeCell(entry.at)} ${entry.event}${entry.detail === undefined ? null : html` — ${entry.detail}`}
      </li>`,
  );
  const liveUrl = `/orders/${encodeURIComponent(order._id)}/events`;
  const content = html`<dl class="facts" ${page.finished ? null : html` data-live-url="${liveUrl}"`}>
      <dt>Status</dt>
      <dd><span class="status ${order.status}" data-live="status">${order.status}</span></dd>
      <dt>Tenant</dt>
      <dd>${order.tenantId}</dd>
      <dt>Customer</dt>
      <dd>${order.customerId} (${order.email})</dd>
      <dt>Delivery</dt>
      <dd>${order.express ? 'express' : 'standard'}</dd>
      <dt>Items</dt>
      <dd>
        ${order.items.map((item, index) => html`${index === 0 ? '' : ', '}${item.qty} × <code>${item.sku}</code>`)}
      </dd>
      <dt>Trace</dt>
      <dd>${traceLink(page.traceUiUrl, order.traceId)}</dd>
      <dt>Sequence</dt>
      <dd>${order.sequence}</dd>
      <dt>Created</dt>
      <dd>${timeCell(order.createdAt)}</dd>
      <dt>Updated</dt>
      <dd>${timeCell(order.updatedAt)}</dd>
      <dt>Step deadline</dt>
      <dd>${timeCell(order.stepDeadline)}</dd>
      ${
        order.failure === null || order.failure === undefined
          ? null
          : html`<dt>Failure</dt>
              <dd>${order.failure.step}: ${order.failure.reason}</dd>`
      }
    </dl>
    <h2>Steps</h2>
    <table>
      <thead>
        <tr>
          <th>Step</th>
          <th>State</th>
          <th>Reference</th>
          <th class="num">Attempts</th>
          <th>Updated</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        ${steps}
      </tbody>
    </table>
    <h2>
      Live progress
      <small class="muted" data-live="connection">${page.finished ? 'finished' : 'connecting…'}</small>
    </h2>
    <ol class="live" data-live="log"></ol>
    <h2>History</h2>
    <ol>
      ${history}
    </ol>`;
  return layout(context, {
    title: `Order ${order._id}`,
    content,
    script: page.finished ? undefined : liveScript,
  });
}
