import { describe, expect, it } from 'vitest';
import { currentStepMessage, stuckOrdersFilters } from './current-step-message.ts';
import { createOrderInput, newOrder } from './new-order.ts';
import { isTerminalOrderStatus } from './terminal-order-statuses.ts';

const now = new Date('2025-01-02T03:04:05Z');
const { document, placed } = newOrder(
  createOrderInput.parse({
    orderId: 'order-1',
    tenantId: 'acme',
    customerId: 'customer-1',
    email: 'customer@example.com',
    items: [{ sku: 'WIDGET-1', qty: 2 }],
    express: false,
  }),
  now,
);

describe('currentStepMessage', () => {
  it('names the first step not done and the order.placed.v1 entry, whose delivery runs every step', () => {
    expect(currentStepMessage(document)).toEqual({ step: 'reserve', entry: placed });
    const reserved = {
      ...document,
      steps: {
        ...document.steps,
        reserve: { state: 'done' as const, ref: 'r', attempts: 1, updatedAt: now, error: null },
      },
      outbox: [...document.outbox, { ...placed, messageId: 'order-1:reserve:done' }],
    };
    expect(currentStepMessage(reserved)).toEqual({ step: 'payment', entry: placed });
  });

  it('says complete once every step is done', () => {
    const done = { state: 'done' as const, ref: 'r', attempts: 1, updatedAt: now, error: null };
    const shipped = { ...document, steps: { reserve: done, payment: done, shipping: done } };
    expect(currentStepMessage(shipped).step).toBe('complete');
  });

  it('has no message for an order without an outbox', () => {
    expect(currentStepMessage({ ...document, outbox: undefined }).entry).toBeUndefined();
  });
});

describe('stuck orders and terminal statuses', () => {
  it('finds orders on their forward path past their step deadline, one equality on status each', () => {
    expect(stuckOrdersFilters(now)).toEqual([
      { status: 'accepted', stepDeadline: { $lt: now } },
      { status: 'in_progress', stepDeadline: { $lt: now } },
    ]);
  });

  it('ends live progress at completed, compensated and failed only', () => {
    expect(['completed', 'compensated', 'failed'].every(isTerminalOrderStatus)).toBe(true);
    expect(['accepted', 'in_progress', 'compensating', 'unknown'].some(isTerminalOrderStatus)).toBe(false);
  });
});
