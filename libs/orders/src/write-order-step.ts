// One fenced write of an order: insert its step record (the commit point: one writer wins), then apply
// it to the order document. A writer whose handler was aborted writes nothing; a writer that loses the
// insert makes sure the winner's write is applied and stops with OrderStepTakenError. The outbox
// entries it adds are announced to the relay (a pending outbox record) before the insert, unless the
// caller's unacked inbound message stands for them (its redelivery re-emits them). A write the same
// delivery follows with another may leave the document to that one (deferred-order-writes.ts).
import type { Store } from '@conveyor/store';
import {
  dropPendingOutbox,
  recordPendingOutbox,
  type OutboxEntry,
  type PendingOutbox,
} from '@conveyor/outbox';
import { catchUpOrder } from './catch-up-order.ts';
import { takeStoredRevision, withDeferredWrites } from './deferred-order-writes.ts';
import { OrderStepTakenError } from './errors/order-step-taken-error.ts';
import { ordersCollection, type OrderDocument } from './order-document.ts';
import {
  applyStepRecord,
  orderRevision,
  orderStepRecordId,
  orderStepRecords,
  storeOrderRevision,
  type OrderStepRecord,
  type OrderStepState,
} from './order-step-record.ts';

export interface OrderStepWrite {
  state: OrderStepState;
  history: OrderStepRecord['history'];
  entries: OutboxEntry[];
  causationId: string | undefined;
  /** The handler's signal: once aborted (deadline, lost lease, stop), nothing more is written. */
  signal: AbortSignal | undefined;
  /**
   * Whether the relay is told of the entries (a pending outbox record). False only where something else
   * publishes them for certain: an unacked inbound message whose redelivery re-emits them.
   */
  announce: boolean;
  /**
   * Leave the document to the next write of this delivery (deferred-order-writes.ts). Only for writes
   * that announce nothing: the relay waits for a document to show the entries it was told of.
   */
  deferDocument?: boolean;
}

export interface WrittenOrderStep {
  order: OrderDocument;
  /** The write's pending outbox record when it announced entries: pass it to publishOrderOutbox. */
  pending: PendingOutbox | undefined;
}

/** The order after the write; throws the signal's reason when aborted, OrderStepTakenError on a lost race. */
export async function writeOrderStep(
  store: Store,
  before: OrderDocument,
  write: OrderStepWrite,
): Promise<WrittenOrderStep> {
  // Checked right before the insert, the commit point: once it lands the write is applied whatever
  // happens to the handler, since anyone may finish it from the record.
  write.signal?.throwIfAborted();
  const revision = orderRevision(before) + 1;
  const record: OrderStepRecord = {
    _id: orderStepRecordId(before._id, revision),
    tenantId: before.tenantId,
    orderId: before._id,
    revision,
    state: write.state,
    history: write.history,
    entries: write.entries,
    causationId: write.causationId ?? null,
    writtenAt: write.state.updatedAt,
  };
  const pending =
    write.entries.length === 0 || !write.announce
      ? undefined
      : await recordPendingOutbox(
          store,
          { collection: ordersCollection, docId: before._id, entries: write.entries },
          write.state.updatedAt,
        );
  // A failure (not a duplicate) may still have landed the record: the pending record stays for the relay.
  const landed = await store.inserts.insertIfNew(orderStepRecords(store), record);
  // Won or lost, this write supersedes `before`: it applies what `before` left undone, or catches up.
  const storedRevision = takeStoredRevision(before);
  if (!landed) {
    if (pending !== undefined) await dropPendingOutbox(store, pending);
    await catchUpOrder(store, before.tenantId, before._id);
    throw new OrderStepTakenError(before._id, revision);
  }
  const after = applyStepRecord(before, record);
  if (write.deferDocument === true && pending === undefined)
    return { order: withDeferredWrites(after, storedRevision), pending };
  if (await storeOrderRevision(store, after, storedRevision)) return { order: after, pending };
  // The document was not one write short of ours: a loser already applied our record, or the document
  // had fallen behind its records. Either way catching up applies what is recorded, ours included.
  const current = await catchUpOrder(store, before.tenantId, before._id);
  if (current !== null && holdsWrite(current, record)) return { order: current, pending };
  throw new OrderStepTakenError(before._id, revision);
}

function holdsWrite(order: OrderDocument, record: OrderStepRecord): boolean {
  const entry = order.history[record.revision - 1];
  return (
    entry !== undefined &&
    entry.event === record.history.event &&
    entry.at.getTime() === record.history.at.getTime()
  );
}
