// GET /v1/orders/{id}/events: the order's live progress (@conveyor/orders' progress feed: a snapshot,
// then NATS progress events, re-read every heartbeat, until a terminal status) as Server-Sent Events.
import { EventsUnavailableError, type EventsClient } from '@conveyor/events';
import { getOrder, openOrderProgressFeed } from '@conveyor/orders';
import type { Store } from '@conveyor/store';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors/not-found-error.ts';
import { sseFrame, sseKeepAlive } from '../http/sse-frame.ts';
import { startSseResponse } from '../http/sse-response.ts';
import { toOrderView } from './order-view.ts';
import type { OpenStreams } from './open-streams.ts';

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
  const feed = await openOrderProgressFeed({
    events,
    tenantId,
    orderId,
    read: () => getOrder(store, tenantId, orderId),
    rereadEveryMs: options.heartbeatMs,
    logger,
  });
  if (feed === null) throw new NotFoundError('order', orderId);

  const raw = startSseResponse(reply, options.headers);

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    options.openStreams.delete(close);
    void feed.stop();
    raw.end();
  };
  options.openStreams.add(close);
  raw.once('close', close);
  feed.start({
    snapshot: (order) =>
      raw.write(sseFrame({ event: 'snapshot', id: String(order.sequence), data: toOrderView(order) })),
    progress: (event) => raw.write(sseFrame({ event: 'progress', id: String(event.sequence), data: event })),
    idle: () => raw.write(sseKeepAlive),
    end: close,
  });
}
