// Every message an order's writes imply has a deterministic id, fixed when it is written to the
// outbox: a redelivered handler that re-emits it is de-duplicated by the downstream inboxes.
import type { OrderStep } from '@conveyor/contracts';

export const orderMessageIds = {
  placed: (orderId: string) => `${orderId}:placed`,
  stepDone: (orderId: string, step: OrderStep) => `${orderId}:${step}:done`,
  completed: (orderId: string) => `${orderId}:completed`,
  compensationRequested: (orderId: string) => `${orderId}:compensation-requested`,
  compensated: (orderId: string) => `${orderId}:compensated`,
} as const;

/** The idempotency key a step's provider call carries (`orderId:step`); undo calls add `:undo`. */
export function stepIdempotencyKey(orderId: string, step: OrderStep): string {
  return `${orderId}:${step}`;
}

export function undoIdempotencyKey(orderId: string, step: OrderStep): string {
  return `${orderId}:${step}:undo`;
}
