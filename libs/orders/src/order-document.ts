// The order document: the status source of truth that `GET /v1/orders/{id}` returns. Every field a
// service writes is here; types come from this schema only.
import { orderItem, orderStatuses, orderSteps } from '@conveyor/contracts';
import { outboxEntrySchema } from '@conveyor/outbox';
import { z } from 'zod';

export const stepStates = ['pending', 'done', 'failed', 'compensated'] as const;

export const stepRecord = z.object({
  state: z.enum(stepStates),
  /** Provider reference (reservation, payment, shipment id) once done. */
  ref: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  updatedAt: z.date().nullable(),
  error: z.string().nullable(),
});

export const historyEntry = z.object({
  at: z.date(),
  /** e.g. `accepted`, `reserve.done`, `payment.failed`, `compensated`. */
  event: z.string(),
  detail: z.string().optional(),
});

export const orderDocument = z.object({
  _id: z.string(),
  tenantId: z.string(),
  customerId: z.string(),
  email: z.string(),
  items: z.array(orderItem),
  express: z.boolean(),
  status: z.enum(orderStatuses),
  steps: z.object({ reserve: stepRecord, payment: stepRecord, shipping: stepRecord }),
  /** Last event sequence number written for this order (order.placed is 1). */
  sequence: z.number().int().nonnegative(),
  history: z.array(historyEntry),
  traceId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  /** sha256 of the accepted request body, to tell a retried request from a conflicting one. */
  requestHash: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** When the current step must have progressed by; the supervisor sweep acts past it. */
  stepDeadline: z.date().nullable(),
  /** Set when a step failed for good: what compensation is undoing, and why. */
  failure: z
    .object({
      step: z.enum(orderSteps),
      reason: z.string(),
      /** The step's last call failed transiently: it may have taken effect, so compensation voids it too. */
      outcomeUnknown: z.boolean().optional(),
    })
    .nullable()
    .optional(),
  /** The per-document outbox (see @conveyor/outbox): every message this order's writes implied. */
  outbox: z.array(outboxEntrySchema).optional(),
  outboxDueAt: z.date().optional(),
});

export type OrderDocument = z.infer<typeof orderDocument>;
export type StepRecord = z.infer<typeof stepRecord>;

export const ordersCollection = 'orders';
