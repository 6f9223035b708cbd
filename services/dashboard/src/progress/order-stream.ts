// The live stream of one order's page: @conveyor/orders' progress feed (NATS progress events as they
// come, a re-read of the order every poll period for events lost and NATS being away, subscribed before
// the snapshot is read) as the dashboard's SSE updates. Ends once the order reaches a terminal status.
import type { OrderProgressEvent } from '@conveyor/contracts';
import type { EventsClient } from '@conveyor/events';
import { openOrderProgressFeed, type OrderDocument } from '@conveyor/orders';
import type { Store } from '@conveyor/store';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors/not-found-error.ts';
import { findOrder } from '../orders/order-queries.ts';
import { openSseStream, type LiveUpdate, type OpenStreams } from './sse-stream.ts';

export interface OrderStreamOptions {
  store: Store;
  events: EventsClient;
  orderId: string;
  pollMs: number;
  logger: Pick<Logger, 'warn'>;
  openStreams: OpenStreams;
}

function snapshotUpdate(order: OrderDocument, line: string): LiveUpdate {
  return {
    status: order.status,
    steps: {
      reserve: order.steps.reserve.state,
      payment: order.steps.payment.state,
      shipping: order.steps.shipping.state,
    },
    line,
  };
}

function eventLine(event: OrderProgressEvent): string {
  const step = event.step === undefined ? '' : ` · ${event.step}`;
  const detail = event.detail === undefined ? '' : ` — ${event.detail}`;
  return `${event.at} #${event.sequence} ${event.status}${step}${detail}`;
}

export async function openOrderStream(reply: FastifyReply, options: OrderStreamOptions): Promise<void> {
  const { store, events, orderId, logger } = options;
  const known = await findOrder(store, orderId);
  if (known === null) throw new NotFoundError('order', orderId);
  const feed = await openOrderProgressFeed({
    events,
    tenantId: known.tenantId,
    orderId,
    read: () => findOrder(store, orderId),
    rereadEveryMs: options.pollMs,
    logger,
  });
  if (feed === null) throw new NotFoundError('order', orderId);

  const stream = openSseStream(reply, options.openStreams);
  stream.onClose(() => void feed.stop());
  const following = events.isConnected()
    ? '(following progress events)'
    : `(NATS is away: re-reading the order every ${options.pollMs} ms)`;
  feed.start({
    snapshot: (order, read) =>
      stream.update(
        snapshotUpdate(
          order,
          `#${order.sequence} ${order.status} ${read === 'first' ? following : '(read from the order)'}`,
        ),
      ),
    progress: (event) => stream.update({ status: event.status, line: eventLine(event) }),
    idle: () => stream.keepAlive(),
    end: () => stream.end(),
  });
}
