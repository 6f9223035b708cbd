// The workflow's step knowledge for a supervisor: which orders are on a step (accepted or in progress)
// past their step deadline, which step an order is on, and the message whose handler runs it (every
// forward step runs in a delivery of the order's order.placed.v1), to publish again when it stalled.
import { orderSteps, type OrderStatus, type OrderStep } from '@conveyor/contracts';
import type { OutboxEntry } from '@conveyor/outbox';
import type { Document, Filter } from 'mongodb';
import { findOutboxEntry } from './find-outbox-entry.ts';
import type { OrderDocument } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';

/** The statuses of an order still on its forward path, where a step can be stuck. */
export const forwardOrderStatuses: readonly OrderStatus[] = ['accepted', 'in_progress'];

/** A forward step, or `complete`: every step done, the order's completion still to be recorded. */
export type OrderPosition = OrderStep | 'complete';

export interface CurrentStepMessage {
  readonly step: OrderPosition;
  /** The message whose handler runs the current step; undefined for an order with no such entry. */
  readonly entry: OutboxEntry | undefined;
}

/**
 * Orders on their forward path whose step deadline is before `now`: one filter per status. FerretDB 1.x
 * hands a top-level equality to PostgreSQL but answers `$in` by reading every order into itself, which
 * took a sweep 50 s at 4,000 orders; with `status` equal, only the orders in flight leave PostgreSQL.
 */
export function stuckOrdersFilters(now: Date): Array<Filter<Document>> {
  return forwardOrderStatuses.map((status) => ({ status, stepDeadline: { $lt: now } }));
}

export function currentStepMessage(order: OrderDocument): CurrentStepMessage {
  const step = orderSteps.find((name) => order.steps[name].state !== 'done') ?? 'complete';
  return { step, entry: findOutboxEntry(order, orderMessageIds.placed(order._id)) };
}
