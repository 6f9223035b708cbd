// A step whose message waits in a retry tier is not stuck. The fulfilment worker notes every retry of
// an order message here (the attempt the copy carries and when it is due back), so the stuck-order
// sweep leaves such an order alone, and re-publishes a lost step message with its attempt count.
import { isDuplicateKeyError, type Store } from '@conveyor/store';
import type { Collection } from 'mongodb';
import { z } from 'zod';

export const orderStepRetriesCollection = 'order_step_retries';

export const orderStepRetry = z.object({
  /** `<messageId>:<attempt>`: one note per retry, whoever notes it. */
  _id: z.string(),
  tenantId: z.string(),
  orderId: z.string(),
  messageId: z.string(),
  /** The attempt the retry copy carries (the failed one + 1). */
  attempt: z.number().int().positive(),
  /** When the copy is due back in its queue (the failure plus its tier's delay). */
  dueAt: z.date(),
  notedAt: z.date(),
});

export type OrderStepRetry = z.infer<typeof orderStepRetry>;

export function orderStepRetries(store: Store): Collection<OrderStepRetry> {
  return store.db.collection<OrderStepRetry>(orderStepRetriesCollection);
}

export async function noteStepRetry(store: Store, retry: Omit<OrderStepRetry, '_id'>): Promise<void> {
  try {
    await orderStepRetries(store).insertOne({ _id: `${retry.messageId}:${retry.attempt}`, ...retry });
  } catch (error) {
    // The same retry noted twice (a note tried again after a lost answer) is the same fact.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** The latest retry noted for this message, or null when it never went through a retry tier. */
export async function latestStepRetry(
  store: Store,
  tenantId: string,
  messageId: string,
): Promise<OrderStepRetry | null> {
  const [latest] = await orderStepRetries(store)
    .find({ tenantId, messageId })
    .sort({ attempt: -1 })
    .limit(1)
    .toArray();
  return latest === undefined ? null : orderStepRetry.parse(latest);
}
