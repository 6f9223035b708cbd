// One order's live progress, for every stream that shows it (the gateway's SSE, the dashboard's page):
// a snapshot of the order, then its NATS progress events, until a terminal status. Subscribing BEFORE
// reading the snapshot closes the race where an event is published between the two; events the
// snapshot already reflects (lower sequence) are skipped. Progress events are best-effort, so the order
// is also re-read periodically: a lost event delays the stream by one period at most, and a lost
// terminal event cannot keep it open for ever.
import { orderProgressEvent, orderProgressSubject, type OrderProgressEvent } from '@conveyor/contracts';
import type { EventsClient } from '@conveyor/events';
import type { Logger } from 'pino';
import type { OrderDocument } from './order-document.ts';
import { isTerminalOrderStatus } from './terminal-order-statuses.ts';

export interface OrderProgressFeedOptions {
  readonly events: EventsClient;
  readonly tenantId: string;
  readonly orderId: string;
  /** Reads the order: the snapshot, then every re-read. */
  readonly read: () => Promise<OrderDocument | null>;
  readonly rereadEveryMs: number;
  readonly logger: Pick<Logger, 'warn'>;
}

/** Where the feed's updates go, in order. */
export interface OrderProgressSink {
  /** The order as read: `first` once, then `reread` whenever a re-read found a newer sequence. */
  snapshot(order: OrderDocument, read: 'first' | 'reread'): void;
  /** A progress event newer than (or as new as) what was sent. */
  progress(event: OrderProgressEvent): void;
  /** A re-read found nothing new (or failed, logged): time for a keep-alive. */
  idle(): void;
  /** The order reached a terminal status; the feed has stopped itself. */
  end(): void;
}

export interface OrderProgressFeed {
  /** Sends the snapshot, then forwards events and re-reads until a terminal status or stop(). */
  start(sink: OrderProgressSink): void;
  /** Unsubscribes and stops re-reading. Idempotent; never throws (a failed unsubscribe is logged). */
  stop(): Promise<void>;
}

/** Null when the order is absent; a failed read throws. Either way nothing stays subscribed. */
export async function openOrderProgressFeed(
  options: OrderProgressFeedOptions,
): Promise<OrderProgressFeed | null> {
  const { events, orderId, logger } = options;
  // Events wait here until the snapshot is sent; `forward` is replaced then.
  const received: OrderProgressEvent[] = [];
  let forward = (): void => undefined;
  const subscription = events.subscribe(
    orderProgressSubject(options.tenantId, orderId),
    orderProgressEvent,
    (event) => {
      received.push(event);
      forward();
    },
  );
  let snapshot: OrderDocument | null;
  try {
    // The server must know the subscription before the snapshot is read, or an event could fall between.
    if (events.isConnected()) await events.connection.flush();
    snapshot = await options.read();
  } catch (error) {
    await subscription.unsubscribe();
    throw error;
  }
  if (snapshot === null) {
    await subscription.unsubscribe();
    return null;
  }
  const first = snapshot;

  let stopping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(timer);
      try {
        await subscription.unsubscribe();
      } catch (error) {
        logger.warn({ err: error, orderId }, 'progress subscription did not close cleanly');
      }
    })();
    return stopping;
  };
  const stopped = () => stopping !== undefined;

  return {
    stop,
    start(sink) {
      let lastSequence = 0;
      const endIfTerminal = (status: string) => {
        if (!isTerminalOrderStatus(status)) return;
        void stop();
        sink.end();
      };
      const sendSnapshot = (order: OrderDocument, read: 'first' | 'reread') => {
        lastSequence = Math.max(lastSequence, order.sequence);
        sink.snapshot(order, read);
        endIfTerminal(order.status);
      };
      const reread = () => {
        options.read().then(
          (order) => {
            if (stopped()) return;
            if (order !== null && order.sequence > lastSequence) sendSnapshot(order, 'reread');
            else sink.idle();
          },
          (error: unknown) => {
            logger.warn({ err: error, orderId }, 'live progress could not re-read the order');
            if (!stopped()) sink.idle();
          },
        );
      };

      sendSnapshot(first, 'first');
      if (stopped()) return;
      timer = setInterval(reread, options.rereadEveryMs);
      forward = () => {
        for (const event of received.splice(0)) {
          // Older than what was sent (the snapshot reflects it): skipped. Equal is still news, as a write
          // that does not advance the sequence (a compensation step undone) is.
          if (stopped() || event.sequence < lastSequence) continue;
          lastSequence = event.sequence;
          sink.progress(event);
          endIfTerminal(event.status);
        }
      };
      forward();
    },
  };
}
