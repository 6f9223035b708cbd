// The live stream of one order's page: its NATS progress events as they come, and a re-read of the
// order every poll period, which also covers events lost (progress events are best-effort) and NATS
// being away. Subscribing before the second read closes the gap where an event could fall between.
// Ends once the order is completed, compensated or failed.
import { orderProgressEvent, orderProgressSubject, type OrderProgressEvent } from '@conveyor/contracts';
import type { EventsClient } from '@conveyor/events';
import type { OrderDocument } from '@conveyor/orders';
import type { Store } from '@conveyor/store';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors/not-found-error.ts';
import { findOrder } from '../orders/order-queries.ts';
import { openSseStream, type LiveUpdate, type OpenStreams } from './sse-stream.ts';

export const terminalOrderStatuses: ReadonlySet<string> = new Set(['completed', 'compensated', 'failed']);

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

  const received: OrderProgressEvent[] = [];
  let forward = (): void => undefined;
  const subscription = events.subscribe(
    orderProgressSubject(known.tenantId, orderId),
    orderProgressEvent,
    (event) => {
      received.push(event);
      forward();
    },
  );
  let snapshot: OrderDocument | null;
  try {
    if (events.isConnected()) await events.connection.flush();
    snapshot = await findOrder(store, orderId);
  } catch (error) {
    await subscription.unsubscribe();
    throw error;
  }
  if (snapshot === null) {
    await subscription.unsubscribe();
    throw new NotFoundError('order', orderId);
  }

  const stream = openSseStream(reply, options.openStreams);
  let lastSequence = 0;
  const finishIfTerminal = (status: string) => {
    if (terminalOrderStatuses.has(status)) stream.end();
  };
  const sendSnapshot = (order: OrderDocument, line: string) => {
    lastSequence = Math.max(lastSequence, order.sequence);
    stream.update(snapshotUpdate(order, line));
    finishIfTerminal(order.status);
  };
  const poll = setInterval(() => {
    findOrder(store, orderId).then(
      (order) => {
        if (stream.closed) return;
        if (order !== null && order.sequence > lastSequence)
          sendSnapshot(order, `#${order.sequence} ${order.status} (read from the order)`);
        else stream.keepAlive();
      },
      (error: unknown) => {
        logger.warn({ err: error, orderId }, 'live order stream could not re-read the order');
      },
    );
  }, options.pollMs);
  stream.onClose(() => {
    clearInterval(poll);
    subscription.unsubscribe().catch((error: unknown) => {
      logger.warn({ err: error, orderId }, 'progress subscription did not close cleanly');
    });
  });

  sendSnapshot(
    snapshot,
    events.isConnected()
      ? `#${snapshot.sequence} ${snapshot.status} (following progress events)`
      : `#${snapshot.sequence} ${snapshot.status} (NATS is away: re-reading the order every ${options.pollMs} ms)`,
  );
  forward = () => {
    for (const event of received.splice(0)) {
      // Already reflected by what was sent: skipped. Equal is news (a compensation step undone).
      if (stream.closed || event.sequence < lastSequence) continue;
      lastSequence = event.sequence;
      stream.update({ status: event.status, line: eventLine(event) });
      finishIfTerminal(event.status);
    }
  };
  forward();
}
