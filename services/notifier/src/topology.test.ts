import { describe, expect, it } from 'vitest';
import { Exchange } from '@conveyor/bus';
import { notifierQueue } from './topology.ts';

describe('notifier topology', () => {
  it('binds its own queue to the four order events that end in a notification', () => {
    expect(notifierQueue.name).toBe('notifier.order-events');
    expect(notifierQueue.bindings).toEqual([
      { exchange: Exchange.events, pattern: 'order.payment-captured.v1' },
      { exchange: Exchange.events, pattern: 'order.shipped.v1' },
      { exchange: Exchange.events, pattern: 'order.completed.v1' },
      { exchange: Exchange.events, pattern: 'order.compensated.v1' },
    ]);
  });
});
