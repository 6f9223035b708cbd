import { describe, expect, it } from 'vitest';
import { Exchange } from '@conveyor/bus';
import { orderPlaced } from '@conveyor/contracts';
import { createOrderInput, newOrder } from './new-order.ts';

const input = createOrderInput.parse({
  orderId: 'order-1',
  tenantId: 'acme',
  customerId: 'customer-1',
  email: 'customer@example.com',
  items: [{ sku: 'WIDGET-1', qty: 2 }],
  express: false,
});

describe('newOrder', () => {
  it('builds the same document and message for the same input and time', () => {
    const now = new Date('2025-01-02T03:04:05Z');

    expect(newOrder(input, now)).toEqual(newOrder(input, now));
  });

  it('announces the order as order.placed.v1 with sequence 1 on the events exchange', () => {
    const now = new Date('2025-01-02T03:04:05Z');
    const { placed, document } = newOrder(input, now);

    expect(placed).toMatchObject({ messageId: 'order-1:placed', exchange: Exchange.events, priority: 4 });
    expect(orderPlaced.schema.parse(placed.body)).toMatchObject({ sequence: 1, placedAt: now.toISOString() });
    expect(document.outbox).toEqual([placed]);
    expect(document.stepDeadline).toEqual(new Date(now.getTime() + 5 * 60_000));
  });

  it('refuses an input whose message could never be published', () => {
    expect(() => createOrderInput.parse({ ...input, email: 'not-an-address' })).toThrow();
  });
});
