// What every page's routes are given: connections, settings, and the few objects the app makes once.
import type { Bus } from '@conveyor/bus';
import type { Replayer } from '@conveyor/dead-letters';
import type { EventsClient } from '@conveyor/events';
import type { DeadLetterStore, Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { DashboardOptions } from '../dashboard-deps.ts';
import type { OpenStreams } from '../progress/sse-stream.ts';
import type { QueueSampler } from '../queues/queue-sampler.ts';

export interface RouteContext {
  store: Store;
  bus: Bus;
  events: EventsClient;
  logger: Logger;
  options: DashboardOptions;
  sampler: QueueSampler;
  deadLetters: DeadLetterStore;
  replayer: Replayer;
  openStreams: OpenStreams;
}
