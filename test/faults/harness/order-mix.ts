// The orders a scenario places and what each must end as. Every order has its own customer and e-mail
// address (`<scenario>-<n>`), so the ledger can find it even when the gateway died before answering.
// A few orders fail on purpose (sandbox skus), so compensation runs under every fault too.
export type ExpectedOutcome =
  /** reserve, capture, ship once; e-mails "confirmed" and "shipped" */
  | 'completed'
  /** OOS-: nothing applied; e-mail "failed" */
  | 'out-of-stock'
  /** DECLINE-: reserve then release; e-mail "failed" */
  | 'declined'
  /** UNDELIVERABLE-: reserve, capture, then refund and release; e-mails "confirmed" and "failed" */
  | 'undeliverable'
  /** POISON-: nothing applied; a message dead-lettered `attempts-exhausted` */
  | 'poison'
  /** CRASH-: nothing applied; a message dead-lettered `crash-loop` */
  | 'crash'
  /** SLOW-: like `completed`, though each step's first call overran the handler's deadline */
  | 'overrun';

export interface OrderSpec {
  readonly customerId: string;
  readonly email: string;
  readonly items: readonly { sku: string; qty: number }[];
  readonly express: boolean;
  readonly expected: ExpectedOutcome;
}

export interface MixOptions {
  /** Orders per hundred that fail on purpose (out of stock, declined, undeliverable in turn). */
  failuresPerHundred?: number;
  poison?: number;
  crash?: number;
  /** Orders whose every step overruns its deadline once (SLOW- skus). */
  overrun?: number;
}

const skuOf: Record<ExpectedOutcome, string> = {
  completed: 'WIDGET-1',
  'out-of-stock': 'OOS-1',
  declined: 'DECLINE-1',
  undeliverable: 'UNDELIVERABLE-1',
  poison: 'POISON-1',
  crash: 'CRASH-1',
  overrun: 'SLOW-1',
};

const failures: readonly ExpectedOutcome[] = ['out-of-stock', 'declined', 'undeliverable'];

export function orderMix(scenario: string, count: number, options: MixOptions = {}): OrderSpec[] {
  const failuresPerHundred = options.failuresPerHundred ?? 3;
  const failureEvery = failuresPerHundred > 0 ? Math.max(1, Math.round(100 / failuresPerHundred)) : 0;
  const special = new Map<number, ExpectedOutcome>();
  // Spread the poison and crash orders evenly, away from the first and last orders.
  const spread = (outcome: ExpectedOutcome, how: number, offset: number) => {
    for (let index = 0; index < how; index += 1)
      special.set(Math.floor(((index + offset) * count) / (how + 1)) + 1, outcome);
  };
  spread('poison', options.poison ?? 0, 0.5);
  spread('crash', options.crash ?? 0, 0.75);
  spread('overrun', options.overrun ?? 0, 0.25);
  return Array.from({ length: count }, (_, index): OrderSpec => {
    const failure =
      failureEvery > 0 && index % failureEvery === failureEvery - 1
        ? failures[Math.floor(index / failureEvery) % failures.length]
        : undefined;
    const expected = special.get(index) ?? failure ?? 'completed';
    const customerId = `${scenario}-${String(index)}`;
    return {
      customerId,
      email: `${customerId}@faults.test`,
      items: [{ sku: skuOf[expected], qty: 1 + (index % 3) }],
      express: index % 5 === 0,
      expected,
    };
  });
}

/** E-mail kinds (the Message-ID's `<orderId.kind@…>`) an order of this outcome is sent. */
export function expectedEmails(outcome: ExpectedOutcome): readonly string[] {
  switch (outcome) {
    case 'completed':
    case 'overrun':
      return ['confirmed', 'shipped'];
    case 'out-of-stock':
    case 'declined':
      return ['failed'];
    case 'undeliverable':
      return ['confirmed', 'failed'];
    case 'poison':
    case 'crash':
      return [];
  }
}

/** Applied sandbox operations, by operation name, an order of this outcome must show exactly once. */
export function expectedEffects(outcome: ExpectedOutcome): readonly string[] {
  switch (outcome) {
    case 'completed':
    case 'overrun':
      return ['inventory.reserve', 'payment.capture', 'shipping.ship'];
    case 'out-of-stock':
    case 'poison':
    case 'crash':
      return [];
    case 'declined':
      return ['inventory.reserve', 'inventory.release'];
    case 'undeliverable':
      return ['inventory.reserve', 'payment.capture', 'payment.refund', 'inventory.release'];
  }
}

/** The order's final status; undefined when it ends in the dead-letter queue instead. */
export function expectedStatus(outcome: ExpectedOutcome): string | undefined {
  switch (outcome) {
    case 'completed':
    case 'overrun':
      return 'completed';
    case 'out-of-stock':
      return 'failed';
    case 'declined':
    case 'undeliverable':
      return 'compensated';
    case 'poison':
    case 'crash':
      return undefined;
  }
}

export function expectedDeadLetterReason(outcome: ExpectedOutcome): string | undefined {
  if (outcome === 'poison') return 'attempts-exhausted';
  if (outcome === 'crash') return 'crash-loop';
  return undefined;
}
