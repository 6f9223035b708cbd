// Orders as text for people: the order view of GET /v1/orders/{id}, and one progress event per line.
import type { OrderProgressEvent } from '@conveyor/contracts';
import type { OrderView } from '../gateway/gateway-views.ts';

export function formatOrder(order: OrderView): string {
  const lines = [
    `${order.id}  ${order.status}  (customer ${order.customerId}${order.express ? ', express' : ''})`,
    `items:   ${order.items.map((item) => `${item.sku} ×${item.qty}`).join(', ')}`,
    `steps:   ${Object.entries(order.steps)
      .map(([step, state]) => `${step} ${state.state}${state.error === null ? '' : ` (${state.error})`}`)
      .join(', ')}`,
  ];
  if (order.failure !== null) lines.push(`failure: ${order.failure.step}: ${order.failure.reason}`);
  if (order.traceId !== null) lines.push(`trace:   ${order.traceId}`);
  lines.push('history:');
  for (const entry of order.history) {
    lines.push(`  ${entry.at}  ${entry.event}${entry.detail === undefined ? '' : `  ${entry.detail}`}`);
  }
  return lines.join('\n');
}

export function formatProgress(event: OrderProgressEvent): string {
  const parts = [event.at, event.orderId, `#${event.sequence}`, event.status];
  if (event.step !== undefined) parts.push(event.step);
  if (event.detail !== undefined) parts.push(event.detail);
  return parts.join('  ');
}
