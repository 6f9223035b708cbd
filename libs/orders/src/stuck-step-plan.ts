// What the stuck-order sweep does for one order past its step deadline: nothing while the step's
// message waits in a retry tier (the longest tier is longer than the step timeout), else publish that
// message again under its own message id (the inboxes keep it from running twice) with the attempt it
// had reached (so the attempt limit, and compensation on the last attempt, still hold).
import type { OutboxEntry } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import { currentStepMessage, type OrderPosition } from './current-step-message.ts';
import type { OrderDocument } from './order-document.ts';
import { latestStepRetry, type OrderStepRetry } from './step-retries.ts';

/** How long after a retry is due the sweep still waits for it: the queue's backlog and the handler's run. */
export const defaultRetryGraceMs = 60_000;

export type StuckStepPlan =
  | {
      readonly kind: 'republish';
      readonly step: OrderPosition;
      readonly entry: OutboxEntry;
      readonly attempt: number;
    }
  | { readonly kind: 'waiting-for-retry'; readonly step: OrderPosition; readonly dueAt: Date }
  | { readonly kind: 'no-message'; readonly step: OrderPosition };

export function stuckStepPlan(
  order: OrderDocument,
  latestRetry: OrderStepRetry | null,
  now: Date,
  retryGraceMs: number = defaultRetryGraceMs,
): StuckStepPlan {
  const { step, entry } = currentStepMessage(order);
  if (entry === undefined) return { kind: 'no-message', step };
  const retry = latestRetry?.messageId === entry.messageId ? latestRetry : null;
  if (retry !== null && retry.dueAt.getTime() + retryGraceMs > now.getTime()) {
    return { kind: 'waiting-for-retry', step, dueAt: retry.dueAt };
  }
  return { kind: 'republish', step, entry, attempt: retry?.attempt ?? 1 };
}

/** `stuckStepPlan` with the latest retry of the order's current step message read from the store. */
export async function planStuckStep(
  store: Store,
  order: OrderDocument,
  now: Date,
  retryGraceMs: number = defaultRetryGraceMs,
): Promise<StuckStepPlan> {
  const { entry } = currentStepMessage(order);
  const retry = entry === undefined ? null : await latestStepRetry(store, order.tenantId, entry.messageId);
  return stuckStepPlan(order, retry, now, retryGraceMs);
}
