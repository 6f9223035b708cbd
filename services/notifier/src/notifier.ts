// startNotifier: the notifier's consumer on its own queue, wired to MongoDB, SMTP and webhooks.
// main.ts calls it with the process's connections; tests call it with per-test queue and database.
import type { Tracer } from '@opentelemetry/api';
import type { Bus, ConsumerStats, RetryPolicy, WorkQueueSpec } from '@conveyor/bus';
import { orderCompensated, orderCompleted, orderPaymentCaptured, orderShipped } from '@conveyor/contracts';
import { createInbox, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { ensureNotifierIndexes } from './collections.ts';
import type { NotifierConfig } from './config.ts';
import { createMailer } from './email/mailer.ts';
import { notifyOrderEvent } from './handlers/notify-order-event.ts';
import { createNotificationLedger } from './send-once/notification-ledger.ts';
import { cachedOrderRecipients } from './orders/cached-order-recipients.ts';
import { orderRecipients } from './orders/find-order-recipient.ts';
import { notifierQueue } from './topology.ts';
import { cachedTenantWebhooks } from './webhook/cached-tenant-webhooks.ts';
import { tenantWebhooks } from './webhook/tenant-webhook.ts';
import { createWebhookClient } from './webhook/webhook-client.ts';

export interface NotifierDeps {
  config: Pick<NotifierConfig, 'SMTP_URL' | 'MAIL_FROM' | 'WEBHOOK_TIMEOUT_MS' | 'PREFETCH'> &
    Partial<Pick<NotifierConfig, 'WEBHOOK_SETTINGS_CACHE_MS'>>;
  bus: Bus;
  /** The notifier reads `orders` and `tenant_settings` and writes `notifications` in this database. */
  store: Store;
  logger: Logger;
  tracer: Tracer;
  /** Default: `notifier.order-events`, bound to the three order events. */
  queue?: WorkQueueSpec;
  retry?: RetryPolicy;
  /** Default 30 s; an SMTP send or webhook call is aborted with the handler at this deadline. */
  handlerTimeoutMs?: number;
}

export interface Notifier {
  readonly queue: string;
  readonly stats: ConsumerStats;
  /** Stops consuming (in-flight notifications finish), then closes the SMTP pool. Leaves bus and store open. */
  stop(): Promise<void>;
}

export async function startNotifier(deps: NotifierDeps): Promise<Notifier> {
  const { config, bus, store, tracer } = deps;
  const logger = deps.logger.child({ component: 'notifier' });
  const handlerTimeoutMs = deps.handlerTimeoutMs ?? 30_000;
  const leaseMs = handlerTimeoutMs * 2;
  await ensureNotifierIndexes(store.db);

  const mailer = createMailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    tracer,
    maxConnections: config.PREFETCH,
  });
  const notify = notifyOrderEvent({
    findRecipient: cachedOrderRecipients(orderRecipients(store.db)),
    findWebhook: cachedTenantWebhooks(tenantWebhooks(store.db), {
      ttlMs: config.WEBHOOK_SETTINGS_CACHE_MS ?? 0,
    }),
    ledger: createNotificationLedger(store, { leaseMs }),
    mailer,
    webhooks: createWebhookClient({ timeoutMs: config.WEBHOOK_TIMEOUT_MS, tracer }),
    logger,
  });

  const host = bus
    .consumer({
      queue: deps.queue ?? notifierQueue,
      prefetch: config.PREFETCH,
      inbox: createInbox(store),
      handlerTimeoutMs,
      leaseMs,
      logger,
      ...(deps.retry === undefined ? {} : { retry: deps.retry }),
    })
    .on(orderPaymentCaptured, (message) =>
      notify({ kind: 'confirmed', type: orderPaymentCaptured.name, body: message.body }, message),
    )
    .on(orderShipped, (message) =>
      notify({ kind: 'shipped', type: orderShipped.name, body: message.body }, message),
    )
    .on(orderCompleted, (message) =>
      notify({ kind: 'completed', type: orderCompleted.name, body: message.body }, message),
    )
    .on(orderCompensated, (message) =>
      notify({ kind: 'failed', type: orderCompensated.name, body: message.body }, message),
    );
  try {
    await host.start();
  } catch (error) {
    await Promise.allSettled([host.stop(), mailer.close()]);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    queue: host.queue,
    stats: host.stats,
    stop() {
      stopping ??= (async () => {
        const results = await Promise.allSettled([host.stop()]);
        results.push(...(await Promise.allSettled([mailer.close()])));
        const failure = results.find((result) => result.status === 'rejected');
        if (failure !== undefined) throw failure.reason;
      })();
      return stopping;
    },
  };
}
