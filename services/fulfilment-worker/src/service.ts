// The fulfilment worker as a function of its connections, so that main.ts and the tests start the
// same thing: the order workflow's consumers on one priority queue (with the inbox) and the quote
// responder on another (request/reply, no inbox).
import {
  defaultRetryTiers,
  Exchange,
  type Bus,
  type ConsumerHost,
  type QueueType,
  type RetryTier,
} from '@conveyor/bus';
import {
  orderCompensationRequested,
  orderPaymentCaptured,
  orderPlaced,
  orderShipped,
  orderStockReserved,
  quoteRequested,
} from '@conveyor/contracts';
import { defaultStepTimeoutMs, ensureOrderIndexes } from '@conveyor/orders';
import { createInbox, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { answerQuote } from './handlers/answer-quote.ts';
import { compensateOrder } from './handlers/compensate-order.ts';
import { reserveStock } from './handlers/reserve-stock.ts';
import { shipOrder } from './handlers/ship-order.ts';
import { takePayment } from './handlers/take-payment.ts';
import type { FulfilmentProviders } from './providers/fulfilment-providers.ts';
import { defaultQueueNames, ordersQueue, quotesQueue } from './topology.ts';
import { orderProgress, type ProgressEvents } from './workflow/order-progress.ts';
import { noteRetries } from './workflow/note-retries.ts';
import { runForwardPath } from './workflow/run-forward-path.ts';
import type { OrderMessageBody } from './workflow/run-forward-step.ts';
import type { WorkflowContext } from './workflow/workflow-context.ts';
import type { InboundMessage } from '@conveyor/bus';

export interface FulfilmentWorkerOptions {
  bus: Bus;
  store: Store;
  providers: FulfilmentProviders;
  logger: Logger;
  /** Best-effort progress events (an @conveyor/events client); without it none are published. */
  events?: ProgressEvents | undefined;
  /** Queue names; default `fulfilment-worker.orders` and `fulfilment-worker.quotes`. */
  queues?: { orders?: string; quotes?: string };
  /** `classic` (default: priority ordering) or `quorum` (replicated, for a production cluster). */
  queueType?: QueueType;
  /** The topic exchange consumed from and published to; default the shared `conveyor.events`. */
  exchange?: string;
  /** Small, so that express orders overtake what is still queued (default 2). */
  ordersPrefetch?: number;
  quotesPrefetch?: number;
  /**
   * Deliveries per workflow message (default 5). An order's forward steps run in the deliveries of its
   * order.placed.v1, so they share them; a step failing on the last one is compensated.
   */
  maxAttempts?: number;
  retryTiers?: readonly RetryTier[];
  handlerTimeoutMs?: number;
  /** How long a step may go without progress before the supervisor sweep acts (default 5 min). */
  stepTimeoutMs?: number;
}

export interface FulfilmentWorker {
  readonly ordersQueue: string;
  readonly quotesQueue: string;
  /** Stops consuming and waits for the handlers in flight. Idempotent. */
  stop(): Promise<void>;
}

export async function startFulfilmentWorker(options: FulfilmentWorkerOptions): Promise<FulfilmentWorker> {
  const { bus, store } = options;
  const logger = options.logger.child({ component: 'fulfilment' });
  const exchange = options.exchange ?? Exchange.events;
  const ordersQueueName = options.queues?.orders ?? defaultQueueNames.orders;
  const quotesQueueName = options.queues?.quotes ?? defaultQueueNames.quotes;
  const maxAttempts = options.maxAttempts ?? 5;
  const handlerTimeoutMs = options.handlerTimeoutMs ?? 30_000;
  const retry = { maxAttempts, tiers: options.retryTiers ?? defaultRetryTiers };
  await ensureOrderIndexes(store);

  const context: WorkflowContext = {
    store,
    providers: options.providers,
    publish: (message) => bus.publish(message),
    progress: orderProgress(options.events),
    logger,
    maxAttempts,
    retry,
    stepTimeoutMs: options.stepTimeoutMs ?? defaultStepTimeoutMs,
    exchange,
  };
  const forwardPath = noteRetries(context, (message: InboundMessage<OrderMessageBody>) =>
    runForwardPath(context, [reserveStock, takePayment, shipOrder], message),
  );

  const orders = bus
    .consumer({
      queue: { ...ordersQueue(ordersQueueName, exchange), type: options.queueType },
      prefetch: options.ordersPrefetch ?? 2,
      inbox: createInbox(store),
      retry,
      handlerTimeoutMs,
    })
    .on(orderPlaced, forwardPath)
    // No longer bound (topology.ts): step events an earlier version left in the queue resume the path.
    .on(orderStockReserved, forwardPath)
    .on(orderPaymentCaptured, forwardPath)
    .on(orderShipped, forwardPath)
    .on(orderCompensationRequested, noteRetries(context, compensateOrder(context)));
  const quotes = bus
    .consumer({
      queue: { ...quotesQueue(quotesQueueName, exchange), type: options.queueType },
      prefetch: options.quotesPrefetch ?? 10,
      retry: { maxAttempts: 1, tiers: options.retryTiers ?? defaultRetryTiers },
      handlerTimeoutMs: Math.min(handlerTimeoutMs, 10_000),
    })
    .on(quoteRequested, answerQuote(options.providers));

  const hosts: ConsumerHost[] = [orders, quotes];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= Promise.allSettled(hosts.map((host) => host.stop())).then((results) => {
      const failure = results.find((result) => result.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
    });
    return stopping;
  };
  try {
    await orders.start();
    await quotes.start();
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  logger.info(
    { ordersQueue: ordersQueueName, quotesQueue: quotesQueueName, exchange },
    'fulfilment worker consuming',
  );
  return { ordersQueue: ordersQueueName, quotesQueue: quotesQueueName, stop };
}
