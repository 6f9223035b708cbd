import { describe, expect, it } from 'vitest';
import { judge, type EffectRecord, type Observed } from './ledger.ts';
import type { OrderSpec } from './order-mix.ts';

const completedSpec: OrderSpec = {
  customerId: 'ledger-0',
  email: 'ledger-0@faults.test',
  items: [{ sku: 'WIDGET-1', qty: 1 }],
  express: false,
  expected: 'completed',
};
const declinedSpec: OrderSpec = {
  ...completedSpec,
  items: [{ sku: 'DECLINE-1', qty: 1 }],
  expected: 'declined',
};

function observed(overrides: Partial<Observed> = {}): Observed {
  const effects: EffectRecord[] = ['inventory.reserve', 'payment.capture', 'shipping.ship'].map(
    (operation) => ({
      orderId: 'ord_1',
      operation,
      outcome: 'applied',
    }),
  );
  return {
    order: {
      _id: 'ord_1',
      customerId: 'ledger-0',
      status: 'completed',
      history: ['accepted', 'reserve.done', 'payment.done', 'shipping.done', 'completed'].map((event) => ({
        event,
      })),
    },
    extraOrders: 0,
    effects,
    deadLetterReasons: [],
    mails: new Map([
      ['confirmed', { messageIds: new Set(['<ord_1.confirmed@conveyor.local>']), received: 1 }],
      ['shipped', { messageIds: new Set(['<ord_1.shipped@conveyor.local>']), received: 1 }],
    ]),
    ...overrides,
  };
}

describe('side-effect ledger', () => {
  it('counts an order completed when every effect and e-mail happened exactly once', () => {
    expect(judge(completedSpec, observed())).toMatchObject({
      verdict: 'completed',
      duplicates: 0,
      resends: 0,
    });
  });

  it('counts the same Message-ID received again as a resend, not a duplicate', () => {
    const mails = new Map(observed().mails);
    mails.set('shipped', { messageIds: new Set(['<ord_1.shipped@conveyor.local>']), received: 2 });
    expect(judge(completedSpec, observed({ mails }))).toMatchObject({
      verdict: 'completed',
      duplicates: 0,
      resends: 1,
    });
  });

  it('counts a second charge, a second Message-ID for one event and a repeated history entry as duplicates', () => {
    const base = observed();
    const mails = new Map(base.mails);
    mails.set('confirmed', { messageIds: new Set(['<a>', '<b>']), received: 2 });
    const verdict = judge(
      completedSpec,
      observed({
        effects: [...base.effects, { orderId: 'ord_1', operation: 'payment.capture', outcome: 'applied' }],
        mails,
        order: base.order && { ...base.order, history: [...base.order.history, { event: 'completed' }] },
      }),
    );
    expect(verdict.duplicates).toBe(3);
  });

  it('counts an order lost when an e-mail is missing, an effect never applied or it is stuck', () => {
    const mails = new Map(observed().mails);
    mails.delete('shipped');
    expect(judge(completedSpec, observed({ mails })).why).toEqual(['e-mail shipped missing']);
    expect(judge(completedSpec, observed({ effects: [] })).verdict).toBe('lost');
    const stuck = observed();
    expect(
      judge(completedSpec, { ...stuck, order: stuck.order && { ...stuck.order, status: 'in_progress' } })
        .verdict,
    ).toBe('lost');
    expect(judge(completedSpec, observed({ order: undefined })).why).toContain('no order stored');
  });

  it('accepts a declined order that was compensated and told, and nothing else', () => {
    const compensated = observed({
      order: { _id: 'ord_1', customerId: 'ledger-3', status: 'compensated', history: [] },
      effects: ['inventory.reserve', 'inventory.release'].map((operation) => ({
        orderId: 'ord_1',
        operation,
        outcome: 'applied',
      })),
      mails: new Map([['failed', { messageIds: new Set(['<ord_1.failed@conveyor.local>']), received: 1 }]]),
    });
    expect(judge(declinedSpec, compensated).verdict).toBe('ended-as-expected');
    expect(judge(declinedSpec, { ...compensated, deadLetterReasons: ['attempts-exhausted'] }).verdict).toBe(
      'lost',
    );
  });
});
