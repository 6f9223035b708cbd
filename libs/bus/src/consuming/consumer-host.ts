// The consumer host: one durable queue, bounded prefetch, manual acks. Every delivery ends in an
// explicit settle after the side effects it implies (retry tier, dead letter, reply) are confirmed.
// A consumer the broker cancels (queue deleted) or a queue gone missing is recovered: the topology
// is declared again and consuming resumes, with backoff, while the host reports itself not ready.
// stop() has a budget: handlers still running when it runs out are aborted and their deliveries requeued.
import { context, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { BodyOf, MessageType } from '@conveyor/contracts';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import { AckBatcher } from './ack-batcher.ts';
import { recoveryDelayMs } from './recovery-backoff.ts';
import { batchingInbox } from '../inbox/batching-inbox.ts';
import type { BusConnection } from '../connection/connection.ts';
import { emptyConsumerStats, type ConsumerStats } from './consumer-stats.ts';
import { DeliveryPipeline, type HandlerEntry, type Settlement } from './delivery-pipeline.ts';
import { HandlerStopTimeoutError } from '../errors/handler-stop-timeout-error.ts';
import { RunningHandlers } from './running-handlers.ts';
import { SoloGate } from './solo-gate.ts';
import { readEnvelope } from '../envelope/envelope.ts';
import { InboxAvailability } from '../inbox/inbox-retry.ts';
import type { InboxPort } from '@conveyor/contracts';
import type { MessageHandler } from './inbound-message.ts';
import { defaultMaxBodyBytes, type Publisher } from '../publishing/publisher.ts';
import { defaultRetryPolicy, type RetryPolicy } from '../retries/retry-policy.ts';
import type { ExchangeNaming } from '../topology/exchange-naming.ts';
import { declareSharedTopology, declareWorkQueue, type WorkQueueSpec } from '../topology/topology.ts';
import { startConsumerSpan } from '../tracing/tracing.ts';

export interface ConsumerHostOptions {
  /** The deployment's names for the shared exchanges (the Bus's); default names when unset. */
  naming?: ExchangeNaming;
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
  /** Pause after a failed inbox write before trying again (doubles up to 5 s); default 200 ms. */
  inboxRetryMs?: number;
  /**
   * How long a redelivered copy held by another process may wait, unacked, for that process's liveness
   * to run out before it is deferred through the shortest tier; default 8000 ms (0 never waits).
   */
  heldWaitMs?: number;
  /**
   * Where crash suspects run alone; shared by every host of a process (the Bus passes its own). A host
   * made on its own gets a gate of its own.
   */
  soloGate?: SoloGate;
  /**
   * How long stop() lets deliveries in flight finish. Past it, handlers still running are aborted
   * (their signal, with HandlerStopTimeoutError), their inbox claims released and their deliveries
   * requeued: neither a retry attempt nor a crash. Default 25 000 ms.
   */
  stopTimeoutMs?: number;
}

const defaultPrefetch = 10;
/** Longer than a holder's liveness (6 s), so a killed holder's copies wait rather than go round a tier. */
const defaultHeldWaitMs = 8_000;
/** Inbox writes per round trip at most, whatever the prefetch (0 is unlimited). */
const maxInboxBatch = 200;
/** Leaves Kubernetes' default terminationGracePeriodSeconds (30 s) time to hand deliveries back and exit. */
const defaultStopTimeoutMs = 25_000;

interface ChannelState {
  channel: Channel;
  acks: AckBatcher;
  closed: boolean;
  consumerTag: string | undefined;
}

export class ConsumerHost {
  readonly stats: ConsumerStats = emptyConsumerStats();
  /** Whether the inbox (the database) answers: deliveries are held, not requeued, while it does not. */
  readonly inboxAvailability = new InboxAvailability();
  readonly #options: ConsumerHostOptions;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, HandlerEntry>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #running = new RunningHandlers();
  #pipeline: DeliveryPipeline | undefined;
  #state: ChannelState | undefined;
  #unsubscribe: (() => void) | undefined;
  #started: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;
  /** Why this host is not consuming right now; undefined while it consumes. */
  #notReadyReason: string | undefined = 'not started';
  #recovering = false;
  readonly #readinessListeners = new Set<(reason: string | undefined) => void>();

  constructor(options: ConsumerHostOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ queue: options.queue.name });
  }

  get queue(): string {
    return this.#options.queue.name;
  }

  /** Consuming its queue. False before start, while a lost consumer is recovered, and after stop. */
  isReady(): boolean {
    return this.#notReadyReason === undefined;
  }

  /** Why `isReady()` is false (e.g. the broker cancelled the consumer); undefined when ready. */
  get notReadyReason(): string | undefined {
    return this.#notReadyReason;
  }

  /** Called with the reason on every change: undefined when consuming again. Returns an unsubscribe. */
  onReadinessChange(listener: (reason: string | undefined) => void): () => void {
    this.#readinessListeners.add(listener);
    return () => this.#readinessListeners.delete(listener);
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

  /**
   * Stops taking deliveries, lets those in flight finish and settle (within `stopTimeoutMs`; then their
   * handlers are aborted and the deliveries requeued), then closes. Idempotent.
   */
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
      inboxRetry: {
        logger: this.#logger,
        initialDelayMs: options.inboxRetryMs ?? 200,
        maxDelayMs: 5_000,
        stopping: () => this.#stopping !== undefined,
      },
      inboxAvailability: this.inboxAvailability,
      heldWait: {
        maxWaitMs: options.heldWaitMs ?? defaultHeldWaitMs,
        stopping: () => this.#stopping !== undefined,
      },
      running: this.#running,
      soloGate: options.soloGate ?? new SoloGate(),
    });
    const model = await options.connection.ready();
    await this.#declare(model, retry);
    await this.#consume(model);
    this.#setNotReady(undefined);
    this.#unsubscribe = options.connection.onConnected((next) => {
      if (next === model && this.#state !== undefined && !this.#state.closed) return;
      // Through the recovery: the queue may have gone while the connection was down.
      this.#recover('resuming after a reconnect');
    });
  }

  #isStopping(): boolean {
    return this.#stopping !== undefined;
  }

  #setNotReady(reason: string | undefined): void {
    if (this.#notReadyReason === reason) return;
    this.#notReadyReason = reason;
    for (const listener of this.#readinessListeners) listener(reason);
  }

  /**
   * Declares the topology again and consumes on a new channel until it works: at once, then after a
   * jittered backoff (100 ms doubling to 5 s). One recovery at a time, each attempt on the current
   * connection (waiting for a reconnect): the channels it fails on close while it runs and ask for
   * another, and a reconnect asks too, which is why those asks are ignored until it is over.
   */
  #recover(reason: string): void {
    if (this.#stopping !== undefined || this.#options.connection.isClosed()) return;
    this.#setNotReady(reason);
    if (this.#recovering) return;
    this.#recovering = true;
    // Never rejects: every attempt's failure is logged and retried until it works or the host stops.
    void this.#recoverUntilConsuming().finally(() => {
      this.#recovering = false;
    });
  }

  async #recoverUntilConsuming(): Promise<void> {
    const retry = this.#options.retry ?? defaultRetryPolicy;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, recoveryDelayMs(attempt)));
      if (this.#stopping !== undefined || this.#options.connection.isClosed()) return;
      try {
        const model = await this.#options.connection.ready();
        const previous = this.#state;
        if (previous !== undefined && !previous.closed) {
          // A cancelled consumer leaves its channel open: close it, its deliveries go back to the queue.
          previous.closed = true;
          await previous.channel.close().catch((error: unknown) => {
            this.#logger.debug({ err: error }, 'cancelled consumer channel was already closing');
          });
        }
        await this.#declare(model, retry);
        await this.#consume(model);
        // stop() may have begun during the awaits above: a stopped host stays not ready.
        if (!this.#isStopping()) this.#setNotReady(undefined);
        this.#logger.info({ attempt }, 'consuming again');
        return;
      } catch (error) {
        this.#logger.warn({ err: error, attempt }, 'could not consume again; retrying with backoff');
      }
    }
  }

  async #declare(model: ChannelModel, retry: RetryPolicy): Promise<void> {
    const channel = await model.createChannel();
    try {
      await declareSharedTopology(channel, retry.tiers, this.#options.naming);
      await declareWorkQueue(channel, this.#options.queue, this.#options.naming);
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
      const wasOpen = !state.closed;
      state.closed = true;
      state.acks.discard();
      // A channel error (an unknown delivery tag, or consuming a queue that is gone) loses the
      // consumer while the connection lives; a lost connection is recovered by the reconnect.
      if (wasOpen && this.#state === state) this.#recover('the consumer channel closed');
    });
    await channel.prefetch(this.#options.prefetch ?? defaultPrefetch);
    this.#state = state;
    const { consumerTag } = await channel.consume(
      this.#options.queue.name,
      (delivery) => {
        if (delivery === null) {
          this.#logger.warn('the broker cancelled the consumer (queue deleted?); declaring it again');
          this.#recover(`the broker cancelled the consumer of ${this.#options.queue.name} (queue deleted?)`);
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
      const settlement = await context.with(spanContext, () => pipeline.process(delivery, envelope));
      this.#settle(state, delivery, settlement);
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

  #settle(state: ChannelState, delivery: ConsumeMessage, how: Settlement): void {
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
    this.#setNotReady('stopped');
    // A failed start was already reported to its caller; stopping still releases what exists.
    await this.#started?.catch(() => undefined);
    const state = this.#state;
    if (state !== undefined && !state.closed && state.consumerTag !== undefined) {
      await state.channel.cancel(state.consumerTag).catch((error: unknown) => {
        this.#logger.debug({ err: error }, 'consumer was already cancelled');
      });
    }
    await this.#settleInFlight();
    if (state !== undefined && !state.closed) {
      state.acks.flush();
      await state.channel.close().catch((error: unknown) => {
        this.#logger.debug({ err: error }, 'consumer channel was already closing');
      });
    }
    this.#logger.info('stopped consuming');
  }

  /** Waits for the deliveries in flight; past the stop budget, aborts their handlers and waits for the hand-back. */
  async #settleInFlight(): Promise<void> {
    const stopTimeoutMs = this.#options.stopTimeoutMs ?? defaultStopTimeoutMs;
    const budget = setTimeout(() => {
      const aborted = this.#running.abortAll(new HandlerStopTimeoutError(stopTimeoutMs));
      this.#logger.warn(
        { stopTimeoutMs, aborted, unsettled: this.#inFlight.size },
        'stop budget spent: aborting the handlers still running; their deliveries go back to the queue',
      );
    }, stopTimeoutMs);
    try {
      await Promise.allSettled([...this.#inFlight]);
    } finally {
      clearTimeout(budget);
    }
  }
}
