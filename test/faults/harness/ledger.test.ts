import { describe, expect, it } from 'vitest';
import { judge, type EffectRecord, type LoggedEffect, type Observed } from './ledger.ts';
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
  const logged: LoggedEffect[] = effects.map(({ orderId, operation }) => ({ orderId, operation }));
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
    logged,
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
        logged: [...base.logged, { orderId: 'ord_1', operation: 'payment.capture' }],
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
    expect(judge(completedSpec, observed({ effects: [], logged: [] })).verdict).toBe('lost');
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
      logged: ['inventory.reserve', 'inventory.release'].map((operation) => ({
        orderId: 'ord_1',
        operation,
      })),
      mails: new Map([['failed', { messageIds: new Set(['<ord_1.failed@conveyor.local>']), received: 1 }]]),
    });
    expect(judge(declinedSpec, compensated).verdict).toBe('ended-as-expected');
    expect(judge(declinedSpec, { ...compensated, deadLetterReasons: ['attempts-exhausted'] }).verdict).toBe(
      'lost',
    );
  });

  it('counts every application in the log, though the keyed records hold one per key', () => {
    const base = observed();
    const verdict = judge(
      completedSpec,
      observed({ logged: [...base.logged, { orderId: 'ord_1', operation: 'inventory.reserve' }] }),
    );
    expect(verdict).toMatchObject({ verdict: 'completed', duplicates: 1 });
  });

  it('takes a keyed record without its log entry as one application, not a loss', () => {
    const base = observed();
    const verdict = judge(
      completedSpec,
      observed({ logged: base.logged.filter((entry) => entry.operation !== 'shipping.ship') }),
    );
    expect(verdict).toMatchObject({ verdict: 'completed', duplicates: 0, unlogged: 1 });
  });
});
