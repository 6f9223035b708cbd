// What a new order looks like: the document in status `accepted` and its order.placed.v1 outbox entry.
// Pure, so that the creator and anyone completing an interrupted creation build the same thing.
import { orderId, orderItem, orderPlaced, tenantId } from '@conveyor/contracts';
import { outboxFields, type OutboxEntry, type OutboxFields } from '@conveyor/outbox';
import { z } from 'zod';
import type { OrderDocument, StepRecord } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';
import { orderOutboxEntry } from './order-outbox-entry.ts';

/** How long a step may go without progress before the supervisor sweep acts, unless told otherwise. */
export const defaultStepTimeoutMs = 5 * 60_000;

export const createOrderInput = z.object({
  orderId,
  tenantId,
  customerId: z.string().min(1).max(64),
  email: z.email(),
  items: z.array(orderItem).min(1).max(100),
  express: z.boolean(),
  traceId: z.string().nullish(),
  /** The client's `Idempotency-Key`: unique per tenant; the same key returns the same order. */
  idempotencyKey: z.string().min(1).max(255).nullish(),
  /** sha256 of the request body, stored so that a retry can be told from a conflicting reuse of the key. */
  requestHash: z.string().nullish(),
  now: z.date().optional(),
  stepTimeoutMs: z.number().int().positive().optional(),
  /** Where order.placed.v1 is published; defaults to the shared events exchange (tests give their own). */
  exchange: z.string().min(1).optional(),
});

export type CreateOrderInput = z.input<typeof createOrderInput>;
export type ValidCreateOrderInput = z.output<typeof createOrderInput>;

export interface NewOrder {
  document: OrderDocument & OutboxFields;
  placed: OutboxEntry;
}

export function pendingStep(): StepRecord {
  return { state: 'pending', ref: null, attempts: 0, updatedAt: null, error: null };
}

export function newOrder(input: ValidCreateOrderInput, now: Date): NewOrder {
  const placed = orderOutboxEntry(
    {
      type: orderPlaced,
      body: {
        orderId: input.orderId,
        tenantId: input.tenantId,
        sequence: 1,
        customerId: input.customerId,
        email: input.email,
        items: input.items,
        express: input.express,
        placedAt: now.toISOString(),
      },
      messageId: orderMessageIds.placed(input.orderId),
      tenantId: input.tenantId,
      orderId: input.orderId,
      express: input.express,
      exchange: input.exchange,
    },
    now,
  );
  const document = {
    _id: input.orderId,
    tenantId: input.tenantId,
    customerId: input.customerId,
    email: input.email,
    items: input.items,
    express: input.express,
    status: 'accepted' as const,
    steps: { reserve: pendingStep(), payment: pendingStep(), shipping: pendingStep() },
    sequence: 1,
    history: [{ at: now, event: 'accepted' }],
    traceId: input.traceId ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
    requestHash: input.requestHash ?? null,
    createdAt: now,
    updatedAt: now,
    stepDeadline: new Date(now.getTime() + (input.stepTimeoutMs ?? defaultStepTimeoutMs)),
    failure: null,
    ...outboxFields([placed]),
  };
  return { document, placed };
}
