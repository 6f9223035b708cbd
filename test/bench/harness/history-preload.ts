// Fills a bench database with the history a running Conveyor accumulates (completed orders and every
// per-order document their workflow leaves behind), so that a scan that grows with history shows.
import { createHash, randomUUID } from 'node:crypto';
import type { Db, Document } from 'mongodb';
import {
  WorkQueue,
  orderCompleted,
  orderPaymentCaptured,
  orderPlaced,
  orderShipped,
  orderStockReserved,
  type BodyOf,
  type MessageType,
  type OrderItem,
} from '@conveyor/contracts';
import { notifierCollections, type NotificationRecord } from '@conveyor/notifier';
import {
  defaultStepTimeoutMs,
  orderMessageIds,
  orderOutboxEntry,
  orderStepRecordId,
  orderStepsCollection,
  ordersCollection,
  type OrderDocument,
  type OrderStepRecord,
  type StepRecord,
} from '@conveyor/orders';
import { outboxCollectionNames, type OutboxEntry } from '@conveyor/outbox';
import { collectionNames } from '@conveyor/store';

export interface PreloadOptions {
  /** Completed orders, each with its step records, sent markers and notification records. */
  orders: number;
  /** Inbox records (claim and done), 14 per order, taken order by order (see inboxHistory). */
  inboxRecords: number;
  progress?: (line: string) => void;
  /** The tenant the orders belong to; the e2e stack's API key acts for `default`. */
  tenantId?: string;
  /**
   * The queue names the inbox records carry. The services' defaults (WorkQueue); the e2e stack gives
   * its processes prefixed names, and only records of the queues it consumes sit in its lookups' way.
   */
  queues?: { orders: string; notifier: string };
  /**
   * How far back the history reaches, and how recent its newest order is (hours before `now`). The
   * default, 1 to 60 hours ago, stays inside the scheduler's 72 h inbox retention, so the bench's first
   * retention sweep deletes none of it and the figures compare like with like; a span past 72 h makes
   * the bench pay for that mass delete instead.
   */
  newestHoursAgo?: number;
  oldestHoursAgo?: number;
  now?: Date;
  /** Documents per insertMany (default 2000) and batches in flight at once (default 4). */
  batchSize?: number;
  inFlight?: number;
}

export interface PreloadResult {
  seconds: number;
  /** Documents inserted per collection. */
  documents: Record<string, number>;
}

/** One order's history: what the gateway, fulfilment worker, relay, inbox and notifier left behind. */
export interface OrderHistory {
  order: OrderDocument;
  stepRecords: OrderStepRecord[];
  sentMarkers: SentMarker[];
  notifications: NotificationRecord[];
  inbox: InboxRecord[];
}

// The shapes of @conveyor/outbox's outbox-sent.ts and @conveyor/store's inbox-records.ts, which those
// packages do not export; the integration test reads them back through the real code.
export interface SentMarker {
  _id: string;
  collection: string;
  docId: string;
  sentAt: Date;
}

export type InboxRecord =
  | {
      _id: string;
      kind: 'claim';
      queue: string;
      messageId: string;
      epoch: number;
      payloadHash: string;
      leaseUntil: Date;
      released: boolean;
      crashed: boolean;
      createdAt: Date;
      holder: string;
      claimToken: string;
    }
  | {
      _id: string;
      kind: 'done';
      queue: string;
      messageId: string;
      payloadHash: string;
      epoch: number;
      createdAt: Date;
    };

/** Inbox records per order: 1 fulfilment delivery and 3 notifier deliveries, a claim and a done each. */
export const inboxRecordsPerOrder = 8;

const hourMs = 3_600_000;
// What a step took in the bench's sandbox, roughly: only the order of the timestamps matters.
const stepMs = 150;
// A lease as the consumer host sets it: twice the handler deadline (taken as 30 s).
const leaseMs = 60_000;
const holders = ['fulfilment-a', 'fulfilment-b', 'notifier-a'].map(
  (name) => `bench-host:${name}:${randomUUID().slice(0, 8)}`,
);
// The inbox's id separator (inbox-records.ts): a unit separator, which queue names cannot contain.
const separator = '\u001f';
const skus = ['WIDGET-1', 'WIDGET-2', 'GADGET-7', 'BOLT-M8'];

export async function preloadHistory(db: Db, options: PreloadOptions): Promise<PreloadResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const newest = now.getTime() - (options.newestHoursAgo ?? 1) * hourMs;
  const oldest = now.getTime() - (options.oldestHoursAgo ?? 60) * hourMs;
  if (!(oldest <= newest)) throw new RangeError('oldestHoursAgo must not be less than newestHoursAgo');
  const writer = new BatchWriter(db, options.batchSize ?? 2_000, options.inFlight ?? 4);
  const context: HistoryContext = {
    tenantId: options.tenantId ?? 'default',
    queues: options.queues ?? { orders: WorkQueue.fulfilmentOrders, notifier: WorkQueue.notifierOrderEvents },
  };
  // Orders beyond `orders` only lend their inbox records (an order's own document is what the API
  // reads; its inbox records are what the consumers' lookups wade through).
  const historyOrders = Math.max(options.orders, Math.ceil(options.inboxRecords / inboxRecordsPerOrder));
  const span = newest - oldest;
  let inboxLeft = options.inboxRecords;
  let nextReport = performance.now() + 5_000;
  for (let index = 0; index < historyOrders; index += 1) {
    // Oldest first, evenly spread: createdAt grows with insertion order, as it did when they were placed.
    const placedAt = oldest + (historyOrders === 1 ? span : (span * index) / (historyOrders - 1));
    const history = orderHistory(index, new Date(placedAt), context);
    if (index < options.orders) {
      await writer.add(ordersCollection, history.order);
      for (const record of history.stepRecords) await writer.add(orderStepsCollection, record);
      for (const marker of history.sentMarkers) await writer.add(outboxCollectionNames.sent, marker);
      for (const record of history.notifications) {
        await writer.add(notifierCollections.notifications, record);
      }
    }
    for (const record of history.inbox.slice(0, inboxLeft)) await writer.add(collectionNames.inbox, record);
    inboxLeft = Math.max(0, inboxLeft - history.inbox.length);
    if (options.progress !== undefined && performance.now() >= nextReport) {
      nextReport = performance.now() + 5_000;
      options.progress(`history preload: ${writer.describe()}, ${seconds(started).toFixed(1)} s`);
    }
  }
  await writer.flush();
  const result = { seconds: seconds(started), documents: writer.counts() };
  options.progress?.(`history preload done: ${writer.describe()} in ${result.seconds.toFixed(1)} s`);
  return result;
}

export interface HistoryContext {
  tenantId: string;
  queues: { orders: string; notifier: string };
}

/**
 * The documents one completed order leaves: built the way the services build them (new-order.ts,
 * record-step-done.ts, complete-order.ts, order-step-record.ts, the inbox, the notification ledger).
 */
export function orderHistory(index: number, placedAt: Date, context: HistoryContext): OrderHistory {
  const { tenantId } = context;
  const orderId = `ord_${randomUUID().replaceAll('-', '')}`;
  const express = index % 5 === 0;
  const items: OrderItem[] = [{ sku: skus[index % skus.length] ?? 'WIDGET-1', qty: 1 + (index % 3) }];
  const customerId = `bench-customer-${String(index)}`;
  const email = `bench-${String(index)}@example.test`;
  const at = (step: number) => new Date(placedAt.getTime() + step * stepMs);
  const ref = (sequence: number) => ({ orderId, tenantId, sequence });
  const reservationId = `res_${randomUUID()}`;
  const paymentId = `pay_${randomUUID()}`;
  const shipmentId = `shp_${randomUUID()}`;
  const trackingCode = `${express ? 'EXP' : 'STD'}-${shipmentId.slice(4, 16).toUpperCase()}`;
  const amountCents = items.reduce((sum, item) => sum + item.qty * 1_999, 0);

  const placedBody: BodyOf<typeof orderPlaced> = {
    ...ref(1),
    customerId,
    email,
    items,
    express,
    placedAt: placedAt.toISOString(),
  };
  const placed = entry(orderPlaced, placedBody, orderMessageIds.placed(orderId), undefined, at(0));
  const reserved = entry(
    orderStockReserved,
    { ...ref(2), reservationId },
    orderMessageIds.stepDone(orderId, 'reserve'),
    placed.messageId,
    at(1),
  );
  const captured = entry(
    orderPaymentCaptured,
    { ...ref(3), paymentId, amountCents },
    orderMessageIds.stepDone(orderId, 'payment'),
    placed.messageId,
    at(2),
  );
  const shipped = entry(
    orderShipped,
    { ...ref(4), shipmentId, trackingCode },
    orderMessageIds.stepDone(orderId, 'shipping'),
    placed.messageId,
    at(3),
  );
  const completed = entry(
    orderCompleted,
    ref(5),
    orderMessageIds.completed(orderId),
    placed.messageId,
    at(3),
  );

  function entry<T extends MessageType>(
    type: T,
    body: BodyOf<T>,
    messageId: string,
    causationId: string | undefined,
    createdAt: Date,
  ): OutboxEntry {
    return orderOutboxEntry({ type, body, messageId, tenantId, orderId, express, causationId }, createdAt);
  }

  const pending: StepRecord = { state: 'pending', ref: null, attempts: 0, updatedAt: null, error: null };
  const done = (stepRef: string, updatedAt: Date): StepRecord => ({
    state: 'done',
    ref: stepRef,
    attempts: 1,
    updatedAt,
    error: null,
  });
  const deadline = (from: Date) => new Date(from.getTime() + defaultStepTimeoutMs);
  // The writes after creation, in order: each one a step record and one history entry on the order;
  // the shipping step's write completes the order too (record-step-done.ts).
  const writes: Array<{
    state: OrderStepRecord['state'];
    history: OrderStepRecord['history'];
    sent: OutboxEntry[];
  }> = [];
  const reserveDone = done(reservationId, at(1));
  const paymentDone = done(paymentId, at(2));
  const shippingDone = done(shipmentId, at(3));
  writes.push({
    state: {
      status: 'in_progress',
      steps: { reserve: reserveDone, payment: pending, shipping: pending },
      sequence: 2,
      stepDeadline: deadline(at(1)),
      failure: null,
      updatedAt: at(1),
    },
    history: { at: at(1), event: 'reserve.done', detail: reservationId },
    sent: [reserved],
  });
  writes.push({
    state: {
      status: 'in_progress',
      steps: { reserve: reserveDone, payment: paymentDone, shipping: pending },
      sequence: 3,
      stepDeadline: deadline(at(2)),
      failure: null,
      updatedAt: at(2),
    },
    history: { at: at(2), event: 'payment.done', detail: paymentId },
    sent: [captured],
  });
  const finalSteps = { reserve: reserveDone, payment: paymentDone, shipping: shippingDone };
  writes.push({
    state: {
      status: 'completed',
      steps: finalSteps,
      sequence: 5,
      stepDeadline: null,
      failure: null,
      updatedAt: at(3),
    },
    history: { at: at(3), event: 'completed', detail: shipmentId },
    sent: [shipped, completed],
  });

  const stepRecords: OrderStepRecord[] = writes.map((write, position) => ({
    _id: orderStepRecordId(orderId, position + 2),
    tenantId,
    orderId,
    revision: position + 2,
    state: write.state,
    history: write.history,
    entries: write.sent,
    // Every forward step runs in the delivery of order.placed.v1.
    causationId: placed.messageId,
    writtenAt: write.state.updatedAt,
  }));

  const outbox = [placed, ...writes.flatMap((write) => write.sent)];
  const order: OrderDocument = {
    _id: orderId,
    tenantId,
    customerId,
    email,
    items,
    express,
    status: 'completed',
    steps: finalSteps,
    sequence: 5,
    history: [{ at: placedAt, event: 'accepted' }, ...writes.map((write) => write.history)],
    // The gateway's trace id, 32 hex digits; no Idempotency-Key, as the bench sends none.
    traceId: createHash('md5').update(orderId).digest('hex'),
    idempotencyKey: null,
    requestHash: createHash('sha256')
      .update(JSON.stringify({ customerId, email, items, express }))
      .digest('hex'),
    createdAt: placedAt,
    updatedAt: at(3),
    stepDeadline: null,
    failure: null,
    outbox,
    outboxDueAt: at(3),
  };

  // Published right after each write by its writer (the relay's pending pass then finds nothing).
  const sentMarkers: SentMarker[] = outbox.map((published) => ({
    _id: published.messageId,
    collection: ordersCollection,
    docId: orderId,
    sentAt: new Date(published.createdAt.getTime() + 5),
  }));

  const consumed: Array<{ queue: string; message: OutboxEntry; holder: string }> = [
    // The forward path runs in the delivery of order.placed.v1: the orders queue sees nothing else.
    {
      queue: context.queues.orders,
      message: placed,
      holder: holders[orderId.charCodeAt(orderId.length - 1) % 2] ?? 'fulfilment',
    },
    ...[captured, shipped, completed].map((message) => ({
      queue: context.queues.notifier,
      message,
      holder: holders[2] ?? 'notifier',
    })),
  ];
  const inbox = consumed.flatMap(({ queue, message, holder }): InboxRecord[] => {
    const claimedAt = new Date(message.createdAt.getTime() + 20);
    const payloadHash = createHash('sha256').update(JSON.stringify(message.body)).digest('hex');
    return [
      {
        _id: [queue, message.messageId, 'claim', '1'].join(separator),
        kind: 'claim',
        queue,
        messageId: message.messageId,
        epoch: 1,
        payloadHash,
        leaseUntil: new Date(claimedAt.getTime() + leaseMs),
        released: false,
        crashed: false,
        createdAt: claimedAt,
        holder,
        claimToken: randomUUID(),
      },
      {
        _id: [queue, message.messageId, 'done'].join(separator),
        kind: 'done',
        queue,
        messageId: message.messageId,
        payloadHash,
        epoch: 1,
        createdAt: new Date(claimedAt.getTime() + 50),
      },
    ];
  });

  const notifications = (
    [
      ['confirmed', captured],
      ['shipped', shipped],
      ['completed', completed],
    ] as const
  ).map(([kind, event]): NotificationRecord => {
    const sentAt = new Date(event.createdAt.getTime() + 80);
    return {
      _id: `email:${orderId}:${kind}`,
      channel: 'email',
      kind,
      tenantId,
      orderId,
      state: 'sent',
      attempt: 1,
      holder: event.messageId,
      leaseUntil: new Date(sentAt.getTime() + leaseMs),
      createdAt: new Date(sentAt.getTime() - 30),
      updatedAt: sentAt,
      sentAt,
      detail: `250 2.0.0 Ok: queued as ${orderId.slice(4, 14).toUpperCase()}`,
    };
  });

  return { order, stepRecords, sentMarkers, notifications, inbox };
}

/** insertMany per collection in batches, unordered, with a bounded number of batches in flight. */
class BatchWriter {
  readonly #db: Db;
  readonly #batchSize: number;
  readonly #inFlight: number;
  readonly #buffers = new Map<string, Document[]>();
  readonly #counts = new Map<string, number>();
  readonly #running = new Set<Promise<void>>();
  #failure: Error | undefined = undefined;

  constructor(db: Db, batchSize: number, inFlight: number) {
    this.#db = db;
    this.#batchSize = batchSize;
    this.#inFlight = inFlight;
  }

  async add(collection: string, document: Document): Promise<void> {
    let buffer = this.#buffers.get(collection);
    if (buffer === undefined) {
      buffer = [];
      this.#buffers.set(collection, buffer);
    }
    buffer.push(document);
    if (buffer.length >= this.#batchSize) await this.#send(collection);
  }

  async flush(): Promise<void> {
    for (const collection of [...this.#buffers.keys()]) await this.#send(collection);
    await Promise.all(this.#running);
    this.#throwIfFailed();
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  describe(): string {
    return [...this.#counts].map(([collection, count]) => `${collection} ${String(count)}`).join(', ');
  }

  async #send(collection: string): Promise<void> {
    const batch = this.#buffers.get(collection) ?? [];
    if (batch.length === 0) return;
    this.#buffers.set(collection, []);
    // Wait for a place: memory stays bounded, and the server gets a few batches to overlap, not all.
    while (this.#running.size >= this.#inFlight) await Promise.race(this.#running);
    this.#throwIfFailed();
    const insert = this.#db
      .collection(collection)
      .insertMany(batch, { ordered: false })
      .then(
        (result) => {
          this.#counts.set(collection, (this.#counts.get(collection) ?? 0) + result.insertedCount);
        },
        (error: unknown) => {
          this.#failure ??= error instanceof Error ? error : new Error(String(error));
        },
      )
      .finally(() => this.#running.delete(insert));
    this.#running.add(insert);
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }
}

function seconds(since: number): number {
  return (performance.now() - since) / 1_000;
}
