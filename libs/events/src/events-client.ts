// NATS publish/subscribe of JSON events validated by zod, traced across the wire. Progress events
// are best-effort: publish() never throws, it reports a PublishResult and logs.
import { context, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import { errorMessage } from '@conveyor/contracts';
import { MessagingAttribute } from '@conveyor/telemetry';
import { connect, Events, type Msg, type NatsConnection, type Subscription } from 'nats';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { decodeEvent } from './decode-event.ts';
import { EventsUnavailableError } from './errors/events-unavailable-error.ts';
import { startProcessSpan, startPublishSpan } from './event-spans.ts';
import { contextFromHeaders, traceHeaders } from './nats-trace-headers.ts';
import type { PublishFailureReason, PublishResult } from './publish-result.ts';

export interface EventsOptions {
  /** One URL or several (a cluster), e.g. 'nats://127.0.0.1:4222'. */
  readonly servers: string | readonly string[];
  /** Connection name, shown by the server's monitoring: usually the service name. */
  readonly name: string;
  readonly logger: Logger;
  readonly tracer: Tracer;
}

export interface EventMeta {
  /** The subject the event was published to (the subscription may use wildcards). */
  readonly subject: string;
}

export type EventHandler<T> = (event: T, meta: EventMeta) => void | Promise<void>;

export interface SubscribeOptions {
  /** Instances sharing a queue group split the events between them instead of each getting all. */
  readonly queue?: string;
}

export interface EventSubscription {
  /** Stops delivery after the events already received are handled. Idempotent. */
  unsubscribe(): Promise<void>;
}

export interface EventsClient {
  /**
   * The underlying connection: the KV lease (@conveyor/leadership) runs on it, and the order progress
   * feed flushes it. Do not close it directly.
   */
  readonly connection: NatsConnection;
  publish<S extends z.ZodType>(subject: string, schema: S, event: z.input<S>): PublishResult;
  subscribe<S extends z.ZodType>(
    subject: string,
    schema: S,
    handler: EventHandler<z.output<S>>,
    options?: SubscribeOptions,
  ): EventSubscription;
  isConnected(): boolean;
  /** Drains subscriptions and closes the connection. Idempotent. */
  close(): Promise<void>;
}

const CONNECTION_CLOSED = Symbol('connection closed');

/** How long close() lets in-flight events finish before closing the connection regardless. */
const DRAIN_TIMEOUT_MS = 5_000;

/** Connects to NATS (reconnecting forever once connected). Throws EventsUnavailableError if it cannot. */
export async function connectEvents(options: EventsOptions): Promise<EventsClient> {
  const servers = typeof options.servers === 'string' ? [options.servers] : [...options.servers];
  let connection: NatsConnection;
  try {
    connection = await connect({ servers, name: options.name, maxReconnectAttempts: -1 });
  } catch (error) {
    const message = `cannot connect to NATS at ${servers.join(', ')}: ${errorMessage(error)}`;
    throw new EventsUnavailableError(message, { cause: error });
  }
  return new NatsEventsClient(connection, options);
}

class NatsEventsClient implements EventsClient {
  readonly connection: NatsConnection;
  readonly #logger: Logger;
  readonly #tracer: Tracer;
  readonly #running = new Set<Promise<void>>();
  #connected = true;
  /** Events dropped during the current outage: logged once at its start and summed at its end. */
  #droppedWhileDisconnected = 0;
  #closing: Promise<void> | undefined;

  constructor(connection: NatsConnection, { logger, tracer }: EventsOptions) {
    this.connection = connection;
    this.#logger = logger;
    this.#tracer = tracer;
    void this.#track(this.#watchStatus());
  }

  publish<S extends z.ZodType>(subject: string, schema: S, event: z.input<S>): PublishResult {
    const { span, context: publishContext } = startPublishSpan(this.#tracer, subject);
    try {
      const parsed = schema.safeParse(event);
      if (!parsed.success) {
        this.#logger.error(
          { subject, issues: parsed.error.issues },
          'event not published: it does not match its schema',
        );
        return this.#failed(span, 'invalid-event', parsed.error);
      }
      if (this.connection.isClosed() || this.connection.isDraining() || this.#closing !== undefined) {
        this.#logger.warn({ subject }, 'event not published: the NATS connection is closed');
        return this.#failed(span, 'closed');
      }
      if (!this.#connected) {
        if (this.#droppedWhileDisconnected++ === 0) {
          this.#logger.warn({ subject }, 'NATS is disconnected: dropping events until it reconnects');
        }
        return this.#failed(span, 'disconnected');
      }
      const body = JSON.stringify(parsed.data);
      span.setAttribute(MessagingAttribute.bodySize, Buffer.byteLength(body));
      this.connection.publish(subject, body, { headers: traceHeaders(publishContext) });
      return { published: true };
    } catch (error) {
      const cause = error instanceof Error ? error : new Error(String(error));
      this.#logger.warn({ subject, err: cause }, 'event not published: the NATS client refused it');
      return this.#failed(span, 'rejected', cause);
    } finally {
      span.end();
    }
  }

  subscribe<S extends z.ZodType>(
    subject: string,
    schema: S,
    handler: EventHandler<z.output<S>>,
    options: SubscribeOptions = {},
  ): EventSubscription {
    const subscription = this.connection.subscribe(
      subject,
      options.queue === undefined ? {} : { queue: options.queue },
    );
    const done = this.#track(this.#deliverAll(subscription, subject, schema, handler));
    let unsubscribed: Promise<void> | undefined;
    return {
      unsubscribe: () => {
        unsubscribed ??= (async () => {
          if (!subscription.isClosed()) await subscription.drain();
          await done;
        })();
        return unsubscribed;
      },
    };
  }

  isConnected(): boolean {
    return this.#connected && !this.connection.isClosed();
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      // Draining needs the server (it flushes and waits for a reply), so it is skipped while
      // disconnected and bounded otherwise: close() must finish even if NATS stays away.
      if (this.#connected && !this.connection.isClosed() && !this.connection.isDraining()) {
        const drain = await settleWithin(this.connection.drain(), DRAIN_TIMEOUT_MS);
        if (drain.outcome === 'timed-out') {
          this.#logger.warn({ timeoutMs: DRAIN_TIMEOUT_MS }, 'NATS drain timed out; closing without it');
        } else if (drain.outcome === 'failed') {
          this.#logger.warn({ err: drain.error }, 'NATS drain failed; closing the connection without it');
        }
      }
      if (!this.connection.isClosed()) await this.connection.close();
      await Promise.all(this.#running);
    })();
    return this.#closing;
  }

  /** Handles one event at a time, in arrival order; a failing handler never stops the loop. */
  async #deliverAll<S extends z.ZodType>(
    subscription: Subscription,
    subscribedTo: string,
    schema: S,
    handler: EventHandler<z.output<S>>,
  ): Promise<void> {
    for await (const message of subscription) {
      await this.#deliver(message, subscribedTo, schema, handler);
    }
  }

  async #deliver<S extends z.ZodType>(
    message: Msg,
    subscribedTo: string,
    schema: S,
    handler: EventHandler<z.output<S>>,
  ): Promise<void> {
    const producer = contextFromHeaders(message.headers);
    const { span, context: processContext } = startProcessSpan(
      this.#tracer,
      subscribedTo,
      message.subject,
      producer,
      message.data.byteLength,
    );
    const log = this.#logger.child({ subject: message.subject });
    try {
      await context.with(processContext, async () => {
        const decoded = decodeEvent(message.data, schema);
        if (!decoded.ok) {
          log.warn({ err: decoded.error, problem: decoded.problem }, 'event ignored: not a valid event body');
          span.setStatus({ code: SpanStatusCode.ERROR, message: `event ignored: ${decoded.problem}` });
          return;
        }
        try {
          await handler(decoded.event, { subject: message.subject });
        } catch (error) {
          log.error({ err: error }, 'event handler failed');
          span.recordException(error instanceof Error ? error : String(error));
          span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
        }
      });
    } finally {
      span.end();
    }
  }

  /** Follows connection state until the connection closes. */
  async #watchStatus(): Promise<void> {
    // nats.js does not end status() iterators when the connection closes, so the loop also
    // watches closed(); the iterator's last pending read is left to the garbage collector.
    const statuses = this.connection.status()[Symbol.asyncIterator]();
    const closed = this.connection.closed().then((): typeof CONNECTION_CLOSED => CONNECTION_CLOSED);
    for (;;) {
      const next = await Promise.race([statuses.next(), closed]);
      if (next === CONNECTION_CLOSED || next.done === true) return;
      const status = next.value;
      if (status.type === Events.Disconnect) {
        this.#connected = false;
        this.#logger.warn({ server: status.data }, 'NATS disconnected; reconnecting');
      } else if (status.type === Events.Reconnect) {
        this.#connected = true;
        this.#logger.info(
          { server: status.data, dropped: this.#droppedWhileDisconnected },
          'NATS reconnected',
        );
        this.#droppedWhileDisconnected = 0;
      } else if (status.type === Events.Error) {
        this.#logger.warn({ error: status.data }, 'NATS reported an error');
      }
    }
  }

  #track(work: Promise<void>): Promise<void> {
    const tracked = work.catch((error: unknown) => {
      this.#logger.error({ err: error }, 'NATS event loop stopped with an error');
    });
    this.#running.add(tracked);
    void tracked.finally(() => this.#running.delete(tracked));
    return tracked;
  }

  #failed(span: Span, reason: PublishFailureReason, error?: Error): PublishResult {
    span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
    return error === undefined ? { published: false, reason } : { published: false, reason, error };
  }
}

type Settled =
  { readonly outcome: 'done' | 'timed-out' } | { readonly outcome: 'failed'; readonly error: unknown };

/** How `work` ended within `ms`; a late rejection is absorbed here rather than left unhandled. */
async function settleWithin(work: Promise<void>, ms: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'timed-out' }), ms);
  });
  const finished = work.then(
    (): Settled => ({ outcome: 'done' }),
    (error: unknown): Settled => ({ outcome: 'failed', error }),
  );
  try {
    return await Promise.race([finished, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
