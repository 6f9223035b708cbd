// Creating an order: the document and its order.placed.v1 outbox entry in one insert, announced to the
// outbox relay first (a pending outbox record). With an Idempotency-Key the key is claimed first (an
// insert on (tenant, key)), so the same key always yields the same order, whatever orderId the retried
// request proposed.
import { ContractsErrorCode, RetryableError } from '@conveyor/contracts';
import { dropPendingOutbox, recordPendingOutbox, type PendingOutbox } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import { getOrder } from './get-order.ts';
import {
  idempotencyKeyRecord,
  idempotencyKeys,
  inputOfRecord,
  type IdempotencyKeyRecord,
} from './idempotency-keys.ts';
import {
  createOrderInput,
  newOrder,
  type CreateOrderInput,
  type ValidCreateOrderInput,
} from './new-order.ts';
import { ordersCollection, type OrderDocument } from './order-document.ts';
import { OrderIdConflictError } from './errors/order-id-conflict-error.ts';
import { orders } from './orders-collection.ts';

export interface CreateOrderResult {
  /**
   * The order for this request, or for its Idempotency-Key when that was used before (its `_id` may
   * then differ from the proposed orderId; compare `requestHash` to tell a retry from a conflict).
   * `order.outbox` holds order.placed.v1, for publishOrderOutbox.
   */
  order: OrderDocument;
  /**
   * True when this call wrote the order document for this request: the caller publishes its outbox now.
   * False for a replay (the order existed), and for a conflicting reuse of a key whose order this call
   * had to complete (the outbox relay publishes that one).
   */
  created: boolean;
  /** The write's pending outbox record when this call wrote the order: pass it to publishOrderOutbox. */
  pending?: PendingOutbox;
}

export async function createOrder(store: Store, input: CreateOrderInput): Promise<CreateOrderResult> {
  const valid = createOrderInput.parse(input);
  const now = valid.now ?? new Date();
  const key = valid.idempotencyKey;
  if (key === undefined || key === null) return insertOrder(store, valid, now);

  const record = idempotencyKeyRecord(valid, key, now);
  if (await claimKey(store, record)) return insertOrder(store, valid, now);
  const claimed = await idempotencyKeys(store).findOne({ _id: record._id });
  if (claimed === null) {
    // Only retention deletes key records; the caller may simply try again.
    throw new RetryableError(
      ContractsErrorCode.idempotencyKeyContended,
      `idempotency key ${key} changed while being read`,
    );
  }
  const existing = await getOrder(store, valid.tenantId, claimed.orderId);
  if (existing !== null) return { order: existing, created: false };
  // The key's first caller has not written its order (yet, or ever): write that same order. Only a
  // retry of the same request reports it as created; a conflicting one leaves its publishing to the relay.
  const completed = await insertOrder(store, inputOfRecord(claimed), claimed.createdAt);
  const created = completed.created && claimed.requestHash === (valid.requestHash ?? null);
  // A conflicting request leaves the completed order's pending record to the relay.
  return created ? completed : { order: completed.order, created };
}

/** True when this call claimed the key; false when another request had claimed it before. */
function claimKey(store: Store, record: IdempotencyKeyRecord): Promise<boolean> {
  return store.inserts.insertIfNew(idempotencyKeys(store), record);
}

async function insertOrder(
  store: Store,
  input: ValidCreateOrderInput,
  now: Date,
): Promise<CreateOrderResult> {
  const { document } = newOrder(input, now);
  const pending = await recordPendingOutbox(
    store,
    { collection: ordersCollection, docId: document._id, entries: document.outbox },
    now,
  );
  // A failure (not a duplicate) may still have written the order: its record stays, for the relay.
  if (await store.inserts.insertIfNew(orders(store), document)) {
    return { order: document, created: true, pending };
  }
  // Not written: the order existed, with its own pending record if it still needs one.
  await dropPendingOutbox(store, pending);
  const existing = await getOrder(store, input.tenantId, input.orderId);
  if (existing === null) throw new OrderIdConflictError(input.orderId);
  return { order: existing, created: false };
}
