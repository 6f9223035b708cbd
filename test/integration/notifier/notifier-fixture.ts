// Runs the notifier in-process against a private queue (no bindings: tests publish to it through
// the default exchange, so no other suite's order events reach it), a private database and a
// private SMTP peer; removes all of them afterwards.
import { randomUUID } from 'node:crypto';
import { trace, type Tracer } from '@opentelemetry/api';
import type { Bus } from '@conveyor/bus';
import {
  orderCompensated,
  orderPaymentCaptured,
  orderShipped,
  type BodyOf,
  type MessageType,
} from '@conveyor/contracts';
import {
  notifierCollections,
  readConfig,
  startNotifier,
  type Notifier,
  type NotificationRecord,
  type TenantSettingsDocument,
} from '@conveyor/notifier';
import { ordersCollection, type OrderDocument } from '@conveyor/orders';
import { connectStore, type Store } from '@conveyor/store';
import { serverUrls, uniqueName } from '../../support/index.ts';
import { startSmtpPeer, type SmtpPeer, type SmtpPeerOptions } from '../../support/smtp/index.ts';
import { deleteQueues, fastTiers, openBus, silentLogger } from '../bus/bus-fixture.ts';

export interface NotifierRig {
  notifier: Notifier;
  bus: Bus;
  store: Store;
  smtp: SmtpPeer;
  tenantId: string;
  /** Publishes straight to the notifier's queue; returns the messageId used. */
  publish<T extends MessageType>(type: T, body: BodyOf<T>, messageId?: string): Promise<string>;
  insertOrder(order: { orderId: string; email: string }): Promise<void>;
  /** The tenant's endpoint and its active `whsec_` secrets (several during a rotation). */
  setWebhook(url: string, secret: string | string[]): Promise<void>;
  notification(id: string): Promise<NotificationRecord | null>;
  /** Writes a record as a sender would have left it (e.g. one that died mid-send). */
  insertNotification(record: NotificationRecord): Promise<void>;
}

export interface RigOptions {
  tracer?: Tracer;
  smtp?: SmtpPeerOptions;
  /** The database the notifier's store uses (e.g. through a proxy); the shared test server by default. */
  mongoUrl?: string;
  serverSelectionTimeoutMs?: number;
}

type Cleanup = () => Promise<void>;

export async function startNotifierRig(cleanups: Cleanup[], options: RigOptions = {}): Promise<NotifierRig> {
  const store = await connectStore({
    url: options.mongoUrl ?? serverUrls().mongoUrl,
    dbName: uniqueName('conveyor_notifier_test'),
    logger: silentLogger,
    appName: 'conveyor-notifier-test',
    ...(options.serverSelectionTimeoutMs === undefined
      ? {}
      : { serverSelectionTimeoutMs: options.serverSelectionTimeoutMs }),
  });
  cleanups.push(async () => {
    await store.db.dropDatabase();
    await store.close();
  });
  await store.ensureIndexes();
  const smtp = await startSmtpPeer(options.smtp);
  cleanups.push(() => smtp.close());
  const tracer = options.tracer ?? trace.getTracer('notifier-test');
  const bus = await openBus(uniqueName('notifier-test'), { tracer });
  const queue = uniqueName('notifier.order-events');
  cleanups.push(async () => {
    await bus.close();
    await deleteQueues(queue);
  });
  const notifier = await startNotifier({
    config: readConfig({
      SMTP_URL: smtp.url,
      WEBHOOK_TIMEOUT_MS: '2000',
      PREFETCH: '4',
      // Tests set a tenant's webhook between events.
      WEBHOOK_SETTINGS_CACHE_MS: '0',
    }),
    bus,
    store,
    logger: silentLogger,
    tracer,
    queue: { name: queue },
    retry: { maxAttempts: 5, tiers: fastTiers },
    handlerTimeoutMs: 5_000,
  });
  cleanups.push(() => notifier.stop());

  const tenantId = uniqueName('tenant');
  return {
    notifier,
    bus,
    store,
    smtp,
    tenantId,
    async publish(type, body, messageId = randomUUID()) {
      await bus.publish({
        exchange: '',
        routingKey: queue,
        type: type.name,
        body,
        messageId,
        tenant: tenantId,
      });
      return messageId;
    },
    async insertOrder({ orderId, email }) {
      await store.db
        .collection<OrderDocument>(ordersCollection)
        .insertOne(orderDocument(orderId, tenantId, email));
    },
    async setWebhook(url, secret) {
      await store.db
        .collection<TenantSettingsDocument>(notifierCollections.tenantSettings)
        .insertOne(
          typeof secret === 'string'
            ? { _id: tenantId, webhookUrl: url, webhookSecret: secret }
            : { _id: tenantId, webhookUrl: url, webhookSecrets: secret },
        );
    },
    notification: (id) =>
      store.db.collection<NotificationRecord>(notifierCollections.notifications).findOne({ _id: id }),
    async insertNotification(record) {
      await store.db.collection<NotificationRecord>(notifierCollections.notifications).insertOne(record);
    },
  };
}

export function paymentCaptured(orderId: string, tenantId: string): BodyOf<typeof orderPaymentCaptured> {
  return { orderId, tenantId, sequence: 3, paymentId: `pay-${orderId}`, amountCents: 4_200 };
}

export function shipped(orderId: string, tenantId: string): BodyOf<typeof orderShipped> {
  return { orderId, tenantId, sequence: 4, shipmentId: `ship-${orderId}`, trackingCode: 'TRACK-123' };
}

export function compensated(orderId: string, tenantId: string): BodyOf<typeof orderCompensated> {
  return { orderId, tenantId, sequence: 5, failedStep: 'payment', reason: 'card declined' };
}

function orderDocument(orderId: string, tenantId: string, email: string): OrderDocument {
  const now = new Date();
  const step = { state: 'done' as const, ref: null, attempts: 1, updatedAt: now, error: null };
  return {
    _id: orderId,
    tenantId,
    customerId: 'customer-1',
    email,
    items: [{ sku: 'BOOK-1', qty: 2 }],
    express: false,
    status: 'in_progress',
    steps: {
      reserve: step,
      payment: step,
      shipping: { ...step, state: 'pending', attempts: 0, updatedAt: null },
    },
    sequence: 3,
    history: [{ at: now, event: 'accepted' }],
    traceId: null,
    idempotencyKey: null,
    requestHash: null,
    createdAt: now,
    updatedAt: now,
    stepDeadline: null,
  };
}
