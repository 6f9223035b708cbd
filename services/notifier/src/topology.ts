import { Exchange, type WorkQueueSpec } from '@conveyor/bus';
import { WorkQueue } from '@conveyor/contracts';
import { notifiedEvents } from './notification-kind.ts';

export const notifierQueueName = WorkQueue.notifierOrderEvents;

/** The queue this service owns, bound to every order event that ends in a notification. */
export const notifierQueue: WorkQueueSpec = {
  name: notifierQueueName,
  bindings: Object.values(notifiedEvents).map((type) => ({ exchange: Exchange.events, pattern: type.name })),
};
