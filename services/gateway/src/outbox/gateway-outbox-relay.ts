// The relay for the collections the gateway writes: it publishes entries a crashed request left unsent.
import type { Bus } from '@conveyor/bus';
import { ordersCollection, toOutgoingMessage } from '@conveyor/orders';
import { createOutboxRelay, type OutboxRelay, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { jobsCollection } from '../jobs/job-document.ts';

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
    collections: outboxCollections,
    publish: async (entry) => {
      await bus.publish(toOutgoingMessage(entry));
    },
    graceMs: options.graceMs,
    intervalMs: options.intervalMs,
    logger: options.logger,
  });
}
