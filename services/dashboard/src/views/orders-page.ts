// The orders list: the newest orders of a status and/or tenant.
import { orderStatuses } from '@conveyor/contracts';
import type { OrderDocument } from '@conveyor/orders';
import type { PageContext } from '../http/send-page.ts';
import { plural, statusBadge, timeCell } from './format.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import { lookupForm, type LookupFilter } from './lookup-form.ts';

export interface OrdersPage {
  orders: readonly OrderDocument[];
  unreadable: number;
  filter: LookupFilter;
}

export function ordersPage(context: PageContext, page: OrdersPage): Html {
  const rows = page.orders.map(
    (order) =>
      html`<tr data-order="${order._id}">
        <td>${timeCell(order.createdAt)}</td>
        <td>
          <a href="/orders/${encodeURIComponent(order._id)}"><code>${order._id}</code></a>
        </td>
        <td>${order.tenantId}</td>
        <td>${order.customerId}</td>
        <td>${order.express ? 'express' : 'standard'}</td>
        <td>${statusBadge(order.status)}</td>
        <td>${timeCell(order.updatedAt)}</td>
      </tr>`,
  );
  const content = html`${lookupForm('/orders', orderStatuses, page.filter)}
    ${
      page.orders.length === 0
        ? html`<p class="muted">No orders match.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Created</th>
                <th>Order</th>
                <th>Tenant</th>
                <th>Customer</th>
                <th>Delivery</th>
                <th>Status</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
    <p class="muted">
      ${plural(page.orders.length, 'order')}, newest
      first.${page.unreadable === 0 ? null : ` ${plural(page.unreadable, 'document')} could not be read and are not shown.`}
    </p>`;
  return layout(context, { title: 'Orders', content });
}
