// A forward step's write may leave the order document to the next write of the same delivery. Its step
// record (the commit point) is in; the next write, which sets the whole state anyway, brings the document
// forward past both. That saves one update per step on the forward path. The document then lags its
// records for the length of one provider call, as it does after a writer's crash, and anyone who reads
// it may catch it up from the records (catch-up-order.ts). An order such a write returns remembers the
// revision its document is stored at.
import type { Store } from '@conveyor/store';
import { catchUpOrder } from './catch-up-order.ts';
import type { OrderDocument } from './order-document.ts';
import { orderRevision, storeOrderRevision } from './order-step-record.ts';

// Keyed by the in-memory order a deferred write returned: it is dropped with it.
const storedRevisions = new WeakMap<OrderDocument, number>();

/**
 * The revision `order`'s document is stored at (its own, unless a write before it was deferred), for a
 * write that supersedes `order`: what `order` left undone is that write's to apply from now on.
 */
export function takeStoredRevision(order: OrderDocument): number {
  const stored = storedRevisions.get(order) ?? orderRevision(order);
  storedRevisions.delete(order);
  return stored;
}

/** `order`, remembered as one whose document is stored at `storedRevision` still. */
export function withDeferredWrites(order: OrderDocument, storedRevision: number): OrderDocument {
  storedRevisions.set(order, storedRevision);
  return order;
}

/**
 * Brings the document up to `order` when writes were left to a next write that will not come (the
 * delivery fails or stops). When the document moved meanwhile, catching up applies every record.
 */
export async function applyDeferredWrites(store: Store, order: OrderDocument): Promise<void> {
  const stored = storedRevisions.get(order);
  if (stored === undefined) return;
  if (!(await storeOrderRevision(store, order, stored))) await catchUpOrder(store, order.tenantId, order._id);
  storedRevisions.delete(order);
}
