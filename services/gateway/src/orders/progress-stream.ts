// GET /v1/orders/{id}/events: a snapshot of the order, then its live progress from NATS, closed once the
// order reaches a terminal status. Subscribing BEFORE reading the snapshot closes the race where an event
// is published between the two; events the snapshot already reflects (lower sequence) are skipped.
// Progress events are best-effort, so every heartbeat also re-reads the order: a lost event delays the
// stream by one heartbeat at most, and a lost terminal event cannot keep it open for ever.
import { orderProgressEvent, orderProgressSubject, type OrderProgressEvent } from '@conveyor/contracts';
import { EventsUnavailableError, type EventsClient } from '@conveyor/events';
import { getOrder, type OrderDocument } from '@conveyor/orders';
import type { Store } from '@conveyor/store';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors/not-found-error.ts';
import { sseFrame, sseKeepAlive } from '../http/sse-frame.ts';
import { toOrderView } from './order-view.ts';
import type { OpenStreams } from './open-streams.ts';

const terminalStatuses: ReadonlySet<string> = new Set(['completed', 'compensated', 'failed']);

export interface ProgressStreamOptions {
  events: EventsClient;
  store: Store;
  tenantId: string;
  orderId: string;
  heartbeatMs: number;
  logger: Pick<Logger, 'warn'>;
  openStreams: OpenStreams;
  /** Extra response headers (e.g. the trace id). */
  headers: Record<string, string>;
}

/** Resolves once the stream is open; a missing order or unreachable NATS throws before any byte is sent. */
export async function openProgressStream(reply: FastifyReply, options: ProgressStreamOptions): Promise<void> {
  const { events, store, tenantId, orderId, logger } = options;
  if (!events.isConnected())
    throw new EventsUnavailableError('live progress is unavailable: NATS is disconnected');

  // Events wait here until the snapshot is sent; `forward` is replaced then.
  const received: OrderProgressEvent[] = [];
  let forward = (): void => undefined;
  const subscription = events.subscribe(
    orderProgressSubject(tenantId, orderId),
    orderProgressEvent,
    (event) => {
      received.push(event);
      forward();
    },
  );
  let snapshot: OrderDocument | null;
  try {
    // The server must know the subscription before the snapshot is read, or an event could fall between.
    await events.connection.flush();
    snapshot = await getOrder(store, tenantId, orderId);
  } catch (error) {
    await subscription.unsubscribe();
    throw error;
  }
  if (snapshot === null) {
    await subscription.unsubscribe();
    throw new NotFoundError('order', orderId);
  }

  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...options.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });

  let lastSequence = 0;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    options.openStreams.delete(close);
    subscription.unsubscribe().catch((error: unknown) => {
      logger.warn({ err: error, orderId }, 'progress subscription did not close cleanly');
    });
    raw.end();
  };
  const sendSnapshot = (order: OrderDocument) => {
    lastSequence = Math.max(lastSequence, order.sequence);
    raw.write(sseFrame({ event: 'snapshot', id: String(order.sequence), data: toOrderView(order) }));
    if (terminalStatuses.has(order.status)) close();
  };
  const heartbeat = setInterval(() => {
    getOrder(store, tenantId, orderId).then(
      (order) => {
        if (closed) return;
        if (order !== null && order.sequence > lastSequence) sendSnapshot(order);
        else raw.write(sseKeepAlive);
      },
      (error: unknown) => {
        logger.warn({ err: error, orderId }, 'progress stream could not re-read the order');
        if (!closed) raw.write(sseKeepAlive);
      },
    );
  }, options.heartbeatMs);
  options.openStreams.add(close);
  raw.once('close', close);

  const sendProgress = (event: OrderProgressEvent) => {
    // Older than what the client has seen (the snapshot reflects it): skip. Equal is still sent, as a
    // write that does not advance the sequence (a compensation step undone) is news.
    if (closed || event.sequence < lastSequence) return;
    lastSequence = event.sequence;
    raw.write(sseFrame({ event: 'progress', id: String(event.sequence), data: event }));
    if (terminalStatuses.has(event.status)) close();
  };

  sendSnapshot(snapshot);
  forward = () => {
    for (const event of received.splice(0)) sendProgress(event);
  };
  forward();
}
