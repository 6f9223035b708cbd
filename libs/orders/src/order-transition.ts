// One step of the order's state machine as one write: the new state, a history entry and the outbox
// entries it implies, conditional on the state the caller read (status + sequence + the step's state).
// FerretDB 1.x does not isolate updates, so this condition is not what arbitrates between writers: the
// inbox gives each step message one live holder, and a holder that finds the condition gone re-reads
// the order and re-emits the step's stored messages (downstream inboxes de-duplicate them).
import { withOutbox, type OutboxEntry } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { Document } from 'mongodb';
import { getOrder } from './get-order.ts';
import type { OrderDocument } from './order-document.ts';
import { ordersCollection } from './order-document.ts';

export type TransitionOutcome =
  /** Written: `order` is the state after the write, `entries` what it added to the outbox (to publish). */
  | { applied: true; order: OrderDocument; entries: OutboxEntry[] }
  /** The order was not in the expected state: `order` is what it is now (null if it is gone). */
  | { applied: false; order: OrderDocument | null };

export interface TransitionSpec {
  before: OrderDocument;
  after: Pick<OrderDocument, 'status' | 'steps' | 'sequence' | 'stepDeadline' | 'failure'>;
  /** Extra conditions beyond status and sequence, e.g. `{ 'steps.payment.state': 'pending' }`. */
  expect: Document;
  event: string;
  detail?: string;
  entries: OutboxEntry[];
  now: Date;
}

export async function applyTransition(store: Store, spec: TransitionSpec): Promise<TransitionOutcome> {
  const { before, after, now, entries } = spec;
  const history =
    spec.detail === undefined
      ? { at: now, event: spec.event }
      : { at: now, event: spec.event, detail: spec.detail };
  const set: Document = {
    status: after.status,
    steps: after.steps,
    sequence: after.sequence,
    stepDeadline: after.stepDeadline,
    failure: after.failure ?? null,
    updatedAt: now,
  };
  const written = entries.length > 0 ? withOutbox(set, entries) : undefined;
  const result = await store.db.collection<OrderDocument>(ordersCollection).updateOne(
    {
      _id: before._id,
      tenantId: before.tenantId,
      status: before.status,
      sequence: before.sequence,
      ...spec.expect,
    },
    { $set: written?.$set ?? set, $push: { history, ...written?.$push } },
  );
  if (result.matchedCount === 0) {
    return { applied: false, order: await getOrder(store, before.tenantId, before._id) };
  }
  const order: OrderDocument = {
    ...before,
    ...after,
    failure: after.failure ?? null,
    updatedAt: now,
    history: [...before.history, history],
    outbox: [...(before.outbox ?? []), ...entries],
    outboxDueAt: written?.$set.outboxDueAt ?? before.outboxDueAt,
  };
  return { applied: true, order, entries };
}
