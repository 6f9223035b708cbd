// The preloaded history must be what the services themselves read back: the real schemas parse it and
// the real inbox treats its messages as done, so the bench measures lookups among genuine documents.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationRecord, notifierCollections } from '@conveyor/notifier';
import {
  catchUpOrder,
  getOrder,
  orderDocument,
  orderStepRecord,
  orderStepsCollection,
  ordersCollection,
} from '@conveyor/orders';
import { outboxCollectionNames } from '@conveyor/outbox';
import { collectionNames, connectStore, createInbox, type Store } from '@conveyor/store';
import { serverUrls, uniqueName } from '../../support/index.ts';
import { inboxRecordsPerOrder, preloadHistory, type PreloadResult } from './history-preload.ts';

const queues = { orders: 'preload-test.orders', notifier: 'preload-test.notifier' };
// Three orders' worth and a few more: the surplus comes from orders whose documents are not loaded.
const inboxRecords = 3 * inboxRecordsPerOrder + 5;
let store: Store;
let result: PreloadResult;

beforeAll(async () => {
  store = await connectStore({
    url: serverUrls().mongoUrl,
    dbName: uniqueName('conveyor_preload_test'),
    logger: pino({ level: 'silent' }),
    appName: 'conveyor-preload-test',
  });
  // Batches of 7 with 2 in flight: several partial and concurrent batches per collection.
  result = await preloadHistory(store.db, { orders: 3, inboxRecords, queues, batchSize: 7, inFlight: 2 });
});

afterAll(async () => {
  await store.db.dropDatabase();
  await store.close();
});

describe('preloadHistory', () => {
  it('loads completed orders and their per-order documents as the services write them', async () => {
    expect(result.documents).toEqual({
      [ordersCollection]: 3,
      [orderStepsCollection]: 9,
      [outboxCollectionNames.sent]: 15,
      [notifierCollections.notifications]: 9,
      [collectionNames.inbox]: inboxRecords,
    });
    const orders = await store.db.collection(ordersCollection).find().toArray();
    for (const raw of orders) {
      const order = orderDocument.parse(raw);
      expect(order.status).toBe('completed');
      expect(order.history.map((entry) => entry.event)).toEqual([
        'accepted',
        'reserve.done',
        'payment.done',
        'completed',
      ]);
      // Every step record is already applied: catching up finds nothing more to write.
      expect(await catchUpOrder(store, order.tenantId, order._id)).toEqual(
        await getOrder(store, order.tenantId, order._id),
      );
    }
    for (const raw of await store.db.collection(orderStepsCollection).find().toArray()) {
      orderStepRecord.parse(raw);
    }
    for (const raw of await store.db.collection(notifierCollections.notifications).find().toArray()) {
      expect(notificationRecord.parse(raw).state).toBe('sent');
    }
  });

  it('leaves inbox records the real inbox reads as done messages', async () => {
    const inbox = createInbox(store);
    try {
      const [raw] = await store.db.collection(ordersCollection).find().limit(1).toArray();
      const order = orderDocument.parse(raw);
      const placed = order.outbox?.[0];
      expect(placed).toBeDefined();
      const messageId = placed?.messageId ?? '';
      expect(await inbox.status(queues.orders, messageId)).toBe('done');
      // A redelivery: its epoch-1 claim collides with the preloaded one (same _id), and the done
      // record decides it, as for any message handled before.
      const [record] = await store.db
        .collection(collectionNames.inbox)
        .find({ queue: queues.orders, messageId, kind: 'done' })
        .toArray();
      const payloadHash = typeof record?.payloadHash === 'string' ? record.payloadHash : '';
      const outcome = await inbox.claim({
        queue: queues.orders,
        messageId,
        payloadHash,
        leaseMs: 30_000,
        crashLimit: 3,
        claimToken: 'redelivery',
      });
      expect(outcome.kind).toBe('done');
    } finally {
      inbox.stopHeartbeat();
    }
  });
});
