// The fence of every order write after its creation. A write first inserts its step record, `_id`
// `<orderId>:<revision>`, where the revision is the order's history length once the write is applied;
// only the writer whose insert lands may apply it. FerretDB 1.x updates read, change and replace a
// document without checking the filter again, so a conditional update cannot tell two writers apart:
// an insert on a unique _id can. The record carries the write, so anyone can finish applying it.
import { outboxEntrySchema, outboxFields } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { Collection } from 'mongodb';
import { z } from 'zod';
import { historyEntry, orderDocument, type OrderDocument } from './order-document.ts';
import { orders } from './orders-collection.ts';

export const orderStepsCollection = 'order_steps';

/** The order fields a write sets; history and outbox only grow. */
export const orderStepState = orderDocument.pick({
  status: true,
  steps: true,
  sequence: true,
  stepDeadline: true,
  failure: true,
  updatedAt: true,
});

export const orderStepRecord = z.object({
  _id: z.string(),
  tenantId: z.string(),
  orderId: z.string(),
  /** The order's history length once this write is applied: its place in the order's line of writes. */
  revision: z.number().int().positive(),
  state: orderStepState,
  /** The history entry the write appends. */
  history: historyEntry,
  /** The outbox entries the write appends (the messages it implies). */
  entries: z.array(outboxEntrySchema),
  /** The delivery whose handler made the write, when one did. */
  causationId: z.string().nullable(),
  writtenAt: z.date(),
});

export type OrderStepRecord = z.infer<typeof orderStepRecord>;
export type OrderStepState = z.infer<typeof orderStepState>;

export function orderStepRecordId(orderId: string, revision: number): string {
  return `${orderId}:${revision}`;
}

/** The order's revision: how many writes it has had, its creation included (one history entry each). */
export function orderRevision(order: Pick<OrderDocument, 'history'>): number {
  return order.history.length;
}

export function orderStepRecords(store: Store): Collection<OrderStepRecord> {
  return store.db.collection<OrderStepRecord>(orderStepsCollection);
}

/** The order as it is once `record` is applied to it (pure; `order` must be at `record.revision - 1`). */
export function applyStepRecord(order: OrderDocument, record: OrderStepRecord): OrderDocument {
  const outbox = record.entries.length > 0 ? outboxFields([...(order.outbox ?? []), ...record.entries]) : {};
  return {
    ...order,
    ...record.state,
    failure: record.state.failure ?? null,
    history: [...order.history, record.history],
    ...outbox,
  };
}

/**
 * Writes `after` over the order document, on the condition that the document is still at
 * `storedRevision`: one write short of `after`, or more when the writes between were left to this one
 * (deferred-order-writes.ts). Every writer of the same records writes the same arrays, so writing them
 * twice is harmless. True when the document matched.
 */
export async function storeOrderRevision(
  store: Store,
  after: OrderDocument,
  storedRevision = orderRevision(after) - 1,
): Promise<boolean> {
  const set: Partial<OrderDocument> = {
    status: after.status,
    steps: after.steps,
    sequence: after.sequence,
    stepDeadline: after.stepDeadline,
    failure: after.failure ?? null,
    updatedAt: after.updatedAt,
    history: after.history,
    ...(after.outbox === undefined ? {} : { outbox: after.outbox }),
    ...(after.outboxDueAt === undefined ? {} : { outboxDueAt: after.outboxDueAt }),
  };
  const result = await orders(store).updateOne(
    { _id: after._id, tenantId: after.tenantId, history: { $size: storedRevision } },
    { $set: set },
  );
  return result.matchedCount > 0;
}
