import { describe, expect, it } from 'vitest';
import { createOrderInput, newOrder } from './new-order.ts';
import type { OrderStepRetry } from './step-retries.ts';
import { stuckStepPlan } from './stuck-step-plan.ts';

const now = new Date('2025-01-02T03:04:05Z');
const minute = 60_000;
const { document, placed } = newOrder(
  createOrderInput.parse({
    orderId: 'order-1',
    tenantId: 'acme',
    customerId: 'customer-1',
    email: 'customer@example.com',
    items: [{ sku: 'WIDGET-1', qty: 2 }],
    express: false,
  }),
  new Date(now.getTime() - 20 * minute),
);

function retry(fields: Partial<OrderStepRetry>): OrderStepRetry {
  return {
    _id: `${placed.messageId}:3`,
    tenantId: 'acme',
    orderId: 'order-1',
    messageId: placed.messageId,
    attempt: 3,
    dueAt: now,
    notedAt: now,
    ...fields,
  };
}

describe('stuckStepPlan', () => {
  it('leaves an order alone while its step message waits in a retry tier, and for the grace after', () => {
    const waiting = retry({ dueAt: new Date(now.getTime() + 9 * minute) });
    expect(stuckStepPlan(document, waiting, now, minute)).toEqual({
      kind: 'waiting-for-retry',
      step: 'reserve',
      dueAt: waiting.dueAt,
    });
    const justDue = retry({ dueAt: new Date(now.getTime() - minute / 2) });
    expect(stuckStepPlan(document, justDue, now, minute).kind).toBe('waiting-for-retry');
  });

  it('re-publishes the step message under its own id with the attempt its retry carried, once that is overdue', () => {
    const overdue = retry({ attempt: 3, dueAt: new Date(now.getTime() - 2 * minute) });
    expect(stuckStepPlan(document, overdue, now, minute)).toEqual({
      kind: 'republish',
      step: 'reserve',
      entry: placed,
      attempt: 3,
    });
  });

  it('re-publishes as a first attempt a step message that never went through a retry tier', () => {
    expect(stuckStepPlan(document, null, now, minute)).toMatchObject({ kind: 'republish', attempt: 1 });
  });

  it("ignores a retry of another message (an earlier step's)", () => {
    const other = retry({ messageId: 'order-1:earlier', dueAt: new Date(now.getTime() + 9 * minute) });
    expect(stuckStepPlan(document, other, now, minute)).toMatchObject({ kind: 'republish', attempt: 1 });
  });

  it('has nothing to re-publish for an order without an outbox', () => {
    expect(stuckStepPlan({ ...document, outbox: undefined }, null, now, minute)).toEqual({
      kind: 'no-message',
      step: 'reserve',
    });
  });
});
