// Confirmed publishing with back-pressure. A publish resolves only when the broker confirmed it;
// an unroutable mandatory message rejects; messages in flight when a channel dies are sent again
// on the next channel (same messageId, so downstream inboxes de-duplicate) until their deadline,
// and never once they have failed; a publish the broker refuses (missing exchange, no write
// permission) fails at once; past `maxWaiting` publishes waiting to be sent, new ones fail fast.
import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { ConfirmChannel, Message } from 'amqplib';
import type { Logger } from 'pino';
import { channelRefusal, type ChannelRefusal } from './channel-refusal.ts';
import type { BusConnection } from '../connection/connection.ts';
import { DeadlineSweep } from '../deadlines/deadline-sweep.ts';
import { encodeMessage, type EncodedMessage, type OutgoingMessage } from '../envelope/envelope.ts';
import { BusClosedError } from '../errors/bus-closed-error.ts';
import { PublishBacklogFullError } from '../errors/publish-backlog-full-error.ts';
import { PayloadTooLargeError } from '../errors/payload-too-large-error.ts';
import { PublishNackedError } from '../errors/publish-nacked-error.ts';
import { PublishRefusedError } from '../errors/publish-refused-error.ts';
import { PublishTimeoutError } from '../errors/publish-timeout-error.ts';
import { UnroutableError } from '../errors/unroutable-error.ts';
import { returnedReplyText } from './returned-message.ts';
import { coalesceWritesThisTurn } from './write-coalescing.ts';
import { defaultExchangeNaming, type ExchangeNaming } from '../topology/exchange-naming.ts';
import { startProducerSpan } from '../tracing/tracing.ts';

export interface PublisherOptions {
  connection: BusConnection;
  logger: Logger;
  tracer: Tracer;
  /** The AMQP `appId` of every message: the publishing service. */
  appId: string;
  maxBodyBytes?: number;
  /** How long a publish may wait for its confirm, across reconnects, before it fails as retryable. */
  confirmTimeoutMs?: number;
  /**
   * Publishes that may wait to be sent (no channel, amqplib's buffer full, broker blocked) at once;
   * beyond it `publish` rejects at once with `PublishBacklogFullError`. Sent, unconfirmed ones don't count.
   */
  maxWaiting?: number;
  /** The deployment's names for the shared exchanges (EXCHANGE_PREFIX); default names when unset. */
  naming?: ExchangeNaming;
}

export interface Published {
  messageId: string;
}

interface PendingPublish {
  exchange: string;
  routingKey: string;
  encoded: EncodedMessage;
  returnedText: string | undefined;
  /** Confirmed, refused or failed: never sent again, whatever happens to the channel it was on. */
  settled: boolean;
  settle: (error?: Error) => void;
}

interface ChannelState {
  channel: ConfirmChannel;
  closed: boolean;
  /** Why the broker closed this channel, when it blamed one exchange. */
  refusal: ChannelRefusal | undefined;
  needsDrain: boolean;
  /** Sent on this channel and not yet confirmed, oldest first (returns arrive in this order). */
  inFlight: Set<PendingPublish>;
}

export const defaultMaxBodyBytes = 256 * 1024;
export const defaultMaxWaitingPublishes = 10_000;

export class Publisher {
  readonly #connection: BusConnection;
  readonly #logger: Logger;
  readonly #tracer: Tracer;
  readonly #appId: string;
  readonly #maxBodyBytes: number;
  readonly #confirmTimeoutMs: number;
  readonly #maxWaiting: number;
  readonly #naming: ExchangeNaming;
  readonly #waiting: PendingPublish[] = [];
  #state: ChannelState | undefined;
  #opening: Promise<ChannelState> | undefined;
  #pumping = false;
  /** Every publish not settled yet: close() waits for them. */
  readonly #unsettled = new Set<PendingPublish>();
  readonly #deadlines: DeadlineSweep;
  #allSettled: (() => void) | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: PublisherOptions) {
    this.#connection = options.connection;
    this.#logger = options.logger;
    this.#tracer = options.tracer;
    this.#appId = options.appId;
    this.#maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
    this.#confirmTimeoutMs = options.confirmTimeoutMs ?? 30_000;
    this.#maxWaiting = options.maxWaiting ?? defaultMaxWaitingPublishes;
    this.#naming = options.naming ?? defaultExchangeNaming;
    this.#deadlines = new DeadlineSweep(this.#confirmTimeoutMs);
  }

  publish(message: OutgoingMessage): Promise<Published> {
    return this.#publish(message, true);
  }

  /**
   * Moves a message that is already in the broker (to a retry tier, a dead-letter queue, a replay):
   * the size limit guarded its first publish, and a message must never get stuck for being large.
   */
  forward(message: OutgoingMessage): Promise<Published> {
    return this.#publish(message, false);
  }

  async #publish(message: OutgoingMessage, limitSize: boolean): Promise<Published> {
    if (this.#closing !== undefined) throw new BusClosedError('publish');
    const encoded = encodeMessage(message, this.#appId);
    if (limitSize && encoded.content.byteLength > this.#maxBodyBytes) {
      throw new PayloadTooLargeError(encoded.content.byteLength, this.#maxBodyBytes);
    }
    const headers = encoded.options.headers as Record<string, unknown>;
    const exchange = this.#naming.resolve(message.exchange);
    const span = startProducerSpan(this.#tracer, exchange, message.routingKey, encoded.messageId, headers);
    try {
      await this.#sendWhenPossible(exchange, message.routingKey, encoded);
      return { messageId: encoded.messageId };
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }

  /** Stops accepting publishes and waits for those in flight to settle. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    // Each publish settles by confirm, error or its own deadline, so this wait is bounded.
    if (this.#unsettled.size > 0) {
      await new Promise<void>((resolve) => {
        this.#allSettled = resolve;
      });
    }
    const state = this.#state;
    this.#state = undefined;
    if (state !== undefined && !state.closed) {
      await state.channel.close().catch((error: unknown) => {
        this.#logger.debug({ err: error }, 'publisher channel was already closing');
      });
    }
  }

  #sendWhenPossible(exchange: string, routingKey: string, encoded: EncodedMessage): Promise<void> {
    const state = this.#state;
    const sendsAtOnce =
      !this.#pumping &&
      this.#waiting.length === 0 &&
      state !== undefined &&
      !state.closed &&
      !state.needsDrain &&
      !this.#connection.isBlocked();
    if (!sendsAtOnce && this.#waiting.length >= this.#maxWaiting) {
      return Promise.reject(new PublishBacklogFullError(this.#maxWaiting));
    }
    return new Promise<void>((resolve, reject) => {
      const pending: PendingPublish = {
        exchange,
        routingKey,
        encoded,
        returnedText: undefined,
        settled: false,
        settle: (error) => {
          if (pending.settled) return;
          pending.settled = true;
          this.#deadlines.cancel(deadline);
          this.#forget(pending);
          this.#onSettled(pending);
          if (error === undefined) resolve();
          else reject(error);
        },
      };
      const deadline = this.#deadlines.start(() => {
        pending.settle(new PublishTimeoutError(encoded.messageId, this.#confirmTimeoutMs));
      });
      this.#unsettled.add(pending);
      if (sendsAtOnce) {
        // The common case sends at once, without the pump's promise.
        if (this.#send(state, pending)) return;
      } else {
        this.#waiting.push(pending);
      }
      void this.#pump();
    });
  }

  #onSettled(pending: PendingPublish): void {
    this.#unsettled.delete(pending);
    if (this.#unsettled.size === 0) this.#allSettled?.();
  }

  #forget(pending: PendingPublish): void {
    // A confirmed publish is in flight, not waiting: only scan the waiting list when it may be there.
    if (this.#state?.inFlight.delete(pending) === true) return;
    const index = this.#waiting.indexOf(pending);
    if (index >= 0) this.#waiting.splice(index, 1);
  }

  /** Sends waiting messages in order, pausing for drain, broker blocks and reconnects. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting.length > 0) {
        // An open channel needs no await: a burst of publishes goes out in the caller's turn.
        const current = this.#state;
        const state = current !== undefined && !current.closed ? current : await this.#channelState();
        if (state.needsDrain) await this.#drained(state);
        if (this.#connection.isBlocked()) await this.#unblocked();
        if (state.closed || state.needsDrain) continue;
        const pending = this.#waiting.shift();
        if (pending !== undefined) this.#send(state, pending);
      }
    } catch (error) {
      for (const pending of [...this.#waiting]) pending.settle(error as Error);
    } finally {
      this.#pumping = false;
    }
  }

  /** False when the channel was found closed and the message went back to the front of the queue. */
  #send(state: ChannelState, pending: PendingPublish): boolean {
    pending.returnedText = undefined;
    state.inFlight.add(pending);
    const { content, options } = pending.encoded;
    let accepted: boolean;
    try {
      coalesceWritesThisTurn(state.channel.connection);
      accepted = state.channel.publish(pending.exchange, pending.routingKey, content, options, (error) => {
        this.#onConfirm(state, pending, error);
      });
    } catch (error) {
      // The channel closed under us (IllegalOperationError): send it again on the next one.
      this.#logger.debug({ err: error }, 'publisher channel closed while sending');
      state.closed = true;
      state.inFlight.delete(pending);
      this.#waiting.unshift(pending);
      return false;
    }
    // false: written to an unbounded buffer, not dropped. Wait for 'drain' before writing more.
    if (!accepted) state.needsDrain = true;
    return true;
  }

  #onConfirm(state: ChannelState, pending: PendingPublish, error: unknown): void {
    if (error === null || error === undefined) {
      if (pending.returnedText === undefined) pending.settle();
      else pending.settle(new UnroutableError(pending.exchange, pending.routingKey, pending.returnedText));
      return;
    }
    // amqplib fails every unconfirmed callback before our own 'close' listener runs; look after it.
    queueMicrotask(() => {
      // Its deadline passed (or it was refused) while it was on this channel: the caller was told it
      // failed, so sending it now would deliver a message its publisher may already have retried.
      if (pending.settled) return;
      if (!state.closed) {
        pending.settle(new PublishNackedError(pending.encoded.messageId));
        return;
      }
      const refusal = state.refusal;
      if (refusal !== undefined && refusal.exchange === pending.exchange) {
        pending.settle(new PublishRefusedError(refusal.exchange, refusal.replyCode, refusal.message));
        return;
      }
      this.#logger.debug({ messageId: pending.encoded.messageId }, 'republishing after channel loss');
      this.#forget(pending);
      this.#waiting.unshift(pending);
      void this.#pump();
    });
  }

  #onReturn(state: ChannelState, returned: Message): void {
    const messageId = returned.properties.messageId as unknown;
    const pending = [...state.inFlight].find(
      (candidate) => candidate.encoded.messageId === messageId && candidate.returnedText === undefined,
    );
    if (pending !== undefined) pending.returnedText = returnedReplyText(returned);
  }

  async #channelState(): Promise<ChannelState> {
    if (this.#state !== undefined && !this.#state.closed) return this.#state;
    this.#opening ??= this.#openChannel().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #openChannel(): Promise<ChannelState> {
    for (;;) {
      const model = await this.#connection.ready();
      try {
        const channel = await model.createConfirmChannel();
        const state: ChannelState = {
          channel,
          closed: false,
          refusal: undefined,
          needsDrain: false,
          inFlight: new Set(),
        };
        // amqplib emits 'error' before it fails the unconfirmed callbacks, so #onConfirm sees this.
        channel.on('error', (error: Error) => {
          state.refusal = channelRefusal(error);
          this.#logger.warn({ err: error }, 'publisher channel error');
        });
        channel.on('close', () => {
          state.closed = true;
          state.needsDrain = false;
        });
        channel.on('return', (message: Message) => this.#onReturn(state, message));
        channel.on('drain', () => {
          state.needsDrain = false;
        });
        this.#state = state;
        return state;
      } catch (error) {
        // The connection died between ready() and createConfirmChannel(): wait for the next one.
        this.#logger.debug({ err: error }, 'could not open a publisher channel; waiting for reconnect');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  #drained(state: ChannelState): Promise<void> {
    return new Promise((resolve) => {
      if (!state.needsDrain || state.closed) {
        resolve();
        return;
      }
      const done = () => {
        state.channel.off('drain', done);
        state.channel.off('close', done);
        resolve();
      };
      state.channel.once('drain', done);
      state.channel.once('close', done);
    });
  }

  #unblocked(): Promise<void> {
    return new Promise((resolve) => {
      const unsubscribe = this.#connection.onUnblocked(() => {
        unsubscribe();
        resolve();
      });
      if (!this.#connection.isBlocked()) {
        unsubscribe();
        resolve();
      }
    });
  }
}
