// The consumer host: one durable queue, bounded prefetch, manual acks. Every delivery ends in an
// explicit settle after the side effects it implies (retry tier, dead letter, reply) are confirmed.
import { context, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { BodyOf, MessageType } from '@conveyor/contracts';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import { AckBatcher } from './ack-batcher.ts';
import { batchingInbox } from './batching-inbox.ts';
import type { BusConnection } from './connection.ts';
import { emptyConsumerStats, type ConsumerStats } from './consumer-stats.ts';
import { DeliveryPipeline, type HandlerEntry } from './delivery-pipeline.ts';
import { readEnvelope } from './envelope.ts';
import type { InboxPort } from '@conveyor/contracts';
import type { MessageHandler } from './inbound-message.ts';
import { defaultMaxBodyBytes, type Publisher } from './publisher.ts';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.ts';
import { declareSharedTopology, declareWorkQueue, type WorkQueueSpec } from './topology.ts';
import { startConsumerSpan } from './tracing.ts';

export interface ConsumerHostOptions {
  connection: BusConnection;
  /** Used for retries, dead letters and replies; confirmed like every other publish. */
  publisher: Publisher;
  logger: Logger;
  tracer: Tracer;
  queue: WorkQueueSpec;
  /** Unacked deliveries at once. Keep it small where priority matters: priority only reorders the queue. */
  prefetch?: number;
  retry?: RetryPolicy;
  inbox?: InboxPort;
  handlerTimeoutMs?: number;
  /** Must exceed the handler timeout and stay below the broker's consumer timeout (30 min). */
  leaseMs?: number;
  crashLimit?: number;
  maxBodyBytes?: number;
}

const defaultPrefetch = 10;
/** Inbox writes per round trip at most, whatever the prefetch (0 is unlimited). */
const maxInboxBatch = 200;

interface ChannelState {
  channel: Channel;
  acks: AckBatcher;
  closed: boolean;
  consumerTag: string | undefined;
}

export class ConsumerHost {
  readonly stats: ConsumerStats = emptyConsumerStats();
  readonly #options: ConsumerHostOptions;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, HandlerEntry>();
  readonly #inFlight = new Set<Promise<void>>();
  #pipeline: DeliveryPipeline | undefined;
  #state: ChannelState | undefined;
  #unsubscribe: (() => void) | undefined;
  #started: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: ConsumerHostOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ queue: options.queue.name });
  }

  get queue(): string {
    return this.#options.queue.name;
  }

  /** Deliveries taken from the queue and not settled yet: this host's unacked messages, right now. */
  get unacked(): number {
    return this.#inFlight.size;
  }

  on<T extends MessageType>(type: T, handler: MessageHandler<BodyOf<T>>): this {
    if (this.#started !== undefined) throw new TypeError('register handlers before start()');
    this.#handlers.set(type.name, { type, handler: handler as MessageHandler<unknown> });
    return this;
  }

  /** Declares the queue and its topology, then consumes; consuming resumes after every reconnect. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  /** Stops taking deliveries, lets those in flight finish and settle, then closes. Idempotent. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #start(): Promise<void> {
    const options = this.#options;
    const retry = options.retry ?? defaultRetryPolicy;
    const handlerTimeoutMs = options.handlerTimeoutMs ?? 30_000;
    const prefetch = options.prefetch ?? defaultPrefetch;
    this.#pipeline = new DeliveryPipeline({
      queue: options.queue.name,
      handlers: this.#handlers,
      publisher: options.publisher,
      logger: this.#logger,
      retry,
      // Deliveries of one prefetch window that arrive together share their inbox writes.
      inbox:
        options.inbox === undefined
          ? undefined
          : batchingInbox(options.inbox, {
              maxBatch: prefetch > 0 ? Math.min(prefetch, maxInboxBatch) : maxInboxBatch,
            }),
      handlerTimeoutMs,
      leaseMs: options.leaseMs ?? Math.max(handlerTimeoutMs * 2, 1_000),
      crashLimit: options.crashLimit ?? 3,
      maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
      stats: this.stats,
    });
    const model = await options.connection.ready();
    await this.#declare(model, retry);
    await this.#consume(model);
    this.#unsubscribe = options.connection.onConnected((next) => {
      if (next === model && this.#state !== undefined && !this.#state.closed) return;
      this.#consume(next).catch((error: unknown) => {
        this.#logger.error({ err: error }, 'could not resume consuming after reconnect');
      });
    });
  }

  async #declare(model: ChannelModel, retry: RetryPolicy): Promise<void> {
    const channel = await model.createChannel();
    try {
      await declareSharedTopology(channel, retry.tiers);
      await declareWorkQueue(channel, this.#options.queue);
    } finally {
      await channel.close();
    }
  }

  async #consume(model: ChannelModel): Promise<void> {
    if (this.#stopping !== undefined) return;
    const channel = await model.createChannel();
    const state: ChannelState = {
      channel,
      acks: new AckBatcher(channel),
      closed: false,
      consumerTag: undefined,
    };
    channel.on('error', (error: Error) => this.#logger.warn({ err: error }, 'consumer channel error'));
    channel.on('close', () => {
      state.closed = true;
      state.acks.discard();
      this.#reopenAfterChannelLoss(model);
    });
    await channel.prefetch(this.#options.prefetch ?? defaultPrefetch);
    this.#state = state;
    const { consumerTag } = await channel.consume(
      this.#options.queue.name,
      (delivery) => {
        if (delivery === null) {
          this.#logger.warn('the broker cancelled the consumer (queue deleted?)');
          return;
        }
        state.acks.received(delivery);
        this.#track(this.#onDelivery(state, delivery));
      },
      { noAck: false },
    );
    state.consumerTag = consumerTag;
    this.#logger.info({ prefetch: this.#options.prefetch ?? defaultPrefetch }, 'consuming');
  }

  /** A channel can die while its connection lives (a channel error): consume again on a new one. */
  #reopenAfterChannelLoss(model: ChannelModel): void {
    if (this.#stopping !== undefined || this.#options.connection.model !== model) return;
    this.#logger.warn('consumer channel closed; reopening');
    this.#consume(model).catch((error: unknown) => {
      this.#logger.warn({ err: error }, 'could not reopen the consumer channel; waiting for reconnect');
    });
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  async #onDelivery(state: ChannelState, delivery: ConsumeMessage): Promise<void> {
    const pipeline = this.#pipeline;
    if (pipeline === undefined) return;
    this.stats.received += 1;
    const envelope = readEnvelope(delivery);
    const { span, context: spanContext } = startConsumerSpan(
      this.#options.tracer,
      this.#options.queue.name,
      envelope.headers,
      () => ({
        'messaging.message.id': envelope.messageId,
        'messaging.message.conversation_id': envelope.correlationId,
        'conveyor.message.type': envelope.type,
        'conveyor.attempt': envelope.attempt,
      }),
    );
    try {
      await context.with(spanContext, () => pipeline.process(delivery, envelope));
      this.#settle(state, delivery, 'ack');
    } catch (error) {
      // A side publish (retry, dead letter) was not confirmed: hand the delivery back to the broker.
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      this.#logger.warn({ err: error, messageId: envelope.messageId }, 'could not settle; requeueing');
      this.#settle(state, delivery, 'requeue');
    } finally {
      span.end();
    }
  }

  #settle(state: ChannelState, delivery: ConsumeMessage, how: 'ack' | 'requeue'): void {
    // Acking on a re-opened channel closes it ("unknown delivery tag"): the broker has already
    // requeued this delivery with the old channel, so there is nothing to settle.
    if (state.closed) return;
    if (how === 'ack') {
      state.acks.ack(delivery);
      this.stats.acked += 1;
    } else {
      state.acks.requeue(delivery);
    }
  }

  async #stop(): Promise<void> {
    this.#unsubscribe?.();
    // A failed start was already reported to its caller; stopping still releases what exists.
    await this.#started?.catch(() => undefined);
    const state = this.#state;
    if (state !== undefined && !state.closed && state.consumerTag !== undefined) {
      await state.channel.cancel(state.consumerTag).catch((error: unknown) => {
        this.#logger.debug({ err: error }, 'consumer was already cancelled');
      });
    }
    await Promise.allSettled([...this.#inFlight]);
    if (state !== undefined && !state.closed) {
      state.acks.flush();
      await state.channel.close().catch((error: unknown) => {
        this.#logger.debug({ err: error }, 'consumer channel was already closing');
      });
    }
    this.#logger.info('stopped consuming');
  }
}
