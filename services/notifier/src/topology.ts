import { Exchange, type WorkQueueSpec } from '@conveyor/bus';
import { notifiedEvents } from './notification-kind.ts';

export const notifierQueueName = 'notifier.order-events';

/** The queue this service owns, bound to every order event that ends in a notification. */
export const notifierQueue: WorkQueueSpec = {
  name: notifierQueueName,
  bindings: Object.values(notifiedEvents).map((type) => ({ exchange: Exchange.events, pattern: type.name })),
};
