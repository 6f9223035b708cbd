// Garbage, twice over: request bodies a careless or hostile client sends to POST /v1/orders (each
// with the words its 4xx must contain), and raw messages published straight onto the events exchange
// (each with the dead-letter reason it must get). Every piece carries a marker, so that its dead
// letters can be told from everything else.
export const garbageMarker = 'faults-garbage';

export interface GarbageRequest {
  readonly what: string;
  readonly contentType: string;
  readonly body: string;
  readonly status: number;
  /** Words the error body (message or details) must contain: it names the problem. */
  readonly mentions: readonly string[];
}

const validOrder = {
  customerId: `${garbageMarker}-customer`,
  email: `${garbageMarker}@faults.test`,
  items: [{ sku: 'WIDGET-1', qty: 1 }],
};
const withOrder = (extra: string) => `{${extra}${JSON.stringify(validOrder).slice(1)}`;

export const garbageRequests: readonly GarbageRequest[] = [
  {
    what: 'malformed JSON',
    contentType: 'application/json',
    body: '{"customerId": "x",',
    status: 400,
    mentions: ['JSON'],
  },
  { what: 'empty body', contentType: 'application/json', body: '', status: 400, mentions: [] },
  {
    what: 'oversized body (300 KiB)',
    contentType: 'application/json',
    body: JSON.stringify({ ...validOrder, customerId: 'x'.repeat(300 * 1024) }),
    status: 413,
    mentions: [],
  },
  {
    what: 'unknown field',
    contentType: 'application/json',
    body: JSON.stringify({ ...validOrder, coupon: 'FREE' }),
    status: 400,
    mentions: ['coupon'],
  },
  {
    what: '__proto__ key',
    contentType: 'application/json',
    body: withOrder('"__proto__": {"isAdmin": true}, '),
    status: 400,
    mentions: ['__proto__'],
  },
  {
    what: 'constructor.prototype key',
    contentType: 'application/json',
    body: withOrder('"constructor": {"prototype": {"isAdmin": true}}, '),
    status: 400,
    mentions: ['constructor'],
  },
  {
    what: '$where key',
    contentType: 'application/json',
    body: withOrder('"$where": "sleep(1000)", '),
    status: 400,
    mentions: ['$where'],
  },
  {
    what: '$ne operator as a value',
    contentType: 'application/json',
    body: JSON.stringify({ ...validOrder, customerId: { $ne: null } }),
    status: 400,
    mentions: ['customerId'],
  },
  {
    what: '$inc key in an item',
    contentType: 'application/json',
    body: JSON.stringify({ ...validOrder, items: [{ sku: 'WIDGET-1', qty: 1, $inc: { qty: 1000 } }] }),
    status: 400,
    mentions: ['$inc'],
  },
  {
    what: 'nested 40 levels deep',
    contentType: 'application/json',
    body: withOrder(`"deep": ${'{"a": '.repeat(40)}1${'}'.repeat(40)}, `),
    status: 400,
    mentions: ['deep'],
  },
  {
    what: 'wrong type',
    contentType: 'application/json',
    body: JSON.stringify({ ...validOrder, items: [{ sku: 'WIDGET-1', qty: 'lots' }] }),
    status: 400,
    mentions: ['qty'],
  },
  {
    what: 'not JSON at all',
    contentType: 'text/plain',
    body: 'order please',
    status: 400,
    mentions: ['body'],
  },
];

export interface GarbageMessage {
  readonly what: string;
  /** Routing key on conveyor.events: order.placed.v1 reaches the workers, order.shipped.v1 also the notifier. */
  readonly routingKey: 'order.placed.v1' | 'order.shipped.v1';
  readonly type: string;
  /** undefined: published without a messageId. */
  readonly messageId: string | undefined;
  readonly body: Buffer;
  /** The dead-letter reason it must get at each queue it reaches. */
  readonly reasons: { readonly orders: string; readonly notifier?: string };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function garbageFor(routingKey: GarbageMessage['routingKey'], index: number): GarbageMessage[] {
  const id = (n: number) => `${garbageMarker}-${String(index)}-${String(n)}`;
  const atBoth = (reason: string) => ({
    orders: reason,
    ...(routingKey === 'order.shipped.v1' ? { notifier: reason } : {}),
  });
  const ghost = { orderId: `${garbageMarker}-ghost-${String(index)}`, tenantId: 'default', sequence: 2 };
  const wellFormed =
    routingKey === 'order.placed.v1'
      ? {
          ...ghost,
          customerId: garbageMarker,
          email: `${garbageMarker}@faults.test`,
          items: [{ sku: 'WIDGET-1', qty: 1 }],
          express: false,
          placedAt: new Date().toISOString(),
        }
      : { ...ghost, shipmentId: garbageMarker, trackingCode: garbageMarker };
  const type = routingKey;
  return [
    {
      what: 'not JSON',
      routingKey,
      type,
      messageId: id(1),
      body: Buffer.from(`${garbageMarker} {not json`),
      reasons: atBoth('invalid-body'),
    },
    {
      what: 'JSON of another shape',
      routingKey,
      type,
      messageId: id(2),
      body: json({ hello: garbageMarker }),
      reasons: atBoth('invalid-body'),
    },
    {
      what: '__proto__ key',
      routingKey,
      type,
      messageId: id(3),
      body: Buffer.from(
        `{"__proto__": {"polluted": "${garbageMarker}"}, ${JSON.stringify(wellFormed).slice(1)}`,
      ),
      reasons: atBoth('invalid-body'),
    },
    {
      what: '$-operator values',
      routingKey,
      type,
      messageId: id(4),
      body: json({ ...wellFormed, orderId: { $gt: '' } }),
      reasons: atBoth('invalid-body'),
    },
    {
      what: 'unknown type',
      routingKey,
      type: 'order.exploded.v1',
      messageId: id(5),
      body: json(wellFormed),
      reasons: atBoth('unknown-type'),
    },
    {
      what: 'no messageId',
      routingKey,
      type,
      messageId: undefined,
      body: json({ ...wellFormed, note: garbageMarker }),
      reasons: atBoth('missing-message-id'),
    },
    {
      what: 'oversized (300 KiB)',
      routingKey,
      type,
      messageId: id(7),
      body: json({ ...wellFormed, padding: 'x'.repeat(300 * 1024) }),
      reasons: atBoth('too-large'),
    },
    {
      what: 'a well-formed event for an order nobody has',
      routingKey,
      type,
      messageId: id(8),
      body: json(wellFormed),
      // ORDER_NOT_FOUND is retryable everywhere (a read may lag its write on a replica set): the
      // workers and the notifier try up to the attempt limit, then dead-letter it as exhausted.
      reasons: {
        orders: 'attempts-exhausted',
        ...(routingKey === 'order.shipped.v1' ? { notifier: 'attempts-exhausted' } : {}),
      },
    },
  ];
}

/** Every garbage message, to the workers alone and to the workers and the notifier. */
export function garbageMessages(): GarbageMessage[] {
  return [...garbageFor('order.placed.v1', 1), ...garbageFor('order.shipped.v1', 2)];
}
