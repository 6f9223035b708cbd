// The relay the gateway owns: `orders` and `jobs`, the collections whose documents it creates (the
// fulfilment worker and the scheduler's leader append to them). It publishes entries a crashed writer
// left unsent, and sets aside (as dead letters) those that can never be published. It is the only relay
// of these collections: the scheduler relays only `schedule_runs`. Every writer of `jobs` records its
// writes as pending first (@conveyor/jobs), so `jobs` needs no scan by time; the order writers do not
// yet, so `orders` is still scanned by `outboxDueAt` too.
import { unpublishableReason, type Bus } from '@conveyor/bus';
import { jobsCollection } from '@conveyor/jobs';
import { ordersCollection } from '@conveyor/orders';
import { createOutboxRelay, toOutgoingMessage, type OutboxRelay } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';

export interface GatewayRelayOptions {
  store: Store;
  bus: Bus;
  logger: Logger;
  graceMs: number;
  intervalMs: number;
}

export const outboxCollections: readonly string[] = [ordersCollection, jobsCollection];

export function createGatewayOutboxRelay(options: GatewayRelayOptions): OutboxRelay {
  const { bus } = options;
  return createOutboxRelay({
    store: options.store,
    owner: 'gateway',
    collections: outboxCollections,
    // Every writer of both records its pending writes: nothing is scanned by a writer's clock.
    timeScannedCollections: [],
    unpublishableReason,
    publish: async (entry) => {
      await bus.publish(toOutgoingMessage(entry));
    },
    graceMs: options.graceMs,
    intervalMs: options.intervalMs,
    logger: options.logger,
  });
}
