// An `Idempotency-Key` is claimed by inserting a record whose _id is (tenant, key): one inserter wins.
// The record carries the request, so whoever finds the key claimed but its order missing (the winner
// crashed, or has not written yet) can complete that same order instead of leaving the key stuck.
import type { Store } from '@conveyor/store';
import type { Collection } from 'mongodb';
import type { OrderItem } from '@conveyor/contracts';
import type { ValidCreateOrderInput } from './new-order.ts';

export const idempotencyKeysCollection = 'order_idempotency_keys';

export interface IdempotencyKeyRecord {
  /** `tenantId ␟ idempotencyKey` */
  _id: string;
  tenantId: string;
  idempotencyKey: string;
  orderId: string;
  requestHash: string | null;
  request: {
    customerId: string;
    email: string;
    items: OrderItem[];
    express: boolean;
    traceId: string | null;
    stepTimeoutMs: number | null;
    exchange: string | null;
  };
  createdAt: Date;
}

export function idempotencyKeys(store: Store): Collection<IdempotencyKeyRecord> {
  return store.db.collection<IdempotencyKeyRecord>(idempotencyKeysCollection);
}

export function idempotencyKeyId(tenantId: string, idempotencyKey: string): string {
  return `${tenantId}\u001f${idempotencyKey}`;
}

export function idempotencyKeyRecord(
  input: ValidCreateOrderInput,
  idempotencyKey: string,
  now: Date,
): IdempotencyKeyRecord {
  return {
    _id: idempotencyKeyId(input.tenantId, idempotencyKey),
    tenantId: input.tenantId,
    idempotencyKey,
    orderId: input.orderId,
    requestHash: input.requestHash ?? null,
    request: {
      customerId: input.customerId,
      email: input.email,
      items: input.items,
      express: input.express,
      traceId: input.traceId ?? null,
      stepTimeoutMs: input.stepTimeoutMs ?? null,
      exchange: input.exchange ?? null,
    },
    createdAt: now,
  };
}

/** The create input the key's first caller made, to rebuild exactly the order it was creating. */
export function inputOfRecord(record: IdempotencyKeyRecord): ValidCreateOrderInput {
  return {
    orderId: record.orderId,
    tenantId: record.tenantId,
    ...record.request,
    stepTimeoutMs: record.request.stepTimeoutMs ?? undefined,
    exchange: record.request.exchange ?? undefined,
    idempotencyKey: record.idempotencyKey,
    requestHash: record.requestHash,
  };
}

/**
 * Retention: keys claimed before `cutoff` are forgotten, so a request retried with one of them after
 * that creates a new order. The number deleted.
 */
export async function deleteIdempotencyKeysOlderThan(store: Store, cutoff: Date): Promise<number> {
  const deleted = await idempotencyKeys(store).deleteMany({ createdAt: { $lt: cutoff } });
  return deleted.deletedCount;
}
