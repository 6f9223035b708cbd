// What every route plugin is given: the connections and the resolved options.
import type { Bus } from '@conveyor/bus';
import type { EventsClient } from '@conveyor/events';
import type { JobTypeCatalog } from '@conveyor/jobs';
import type { Store } from '@conveyor/store';
import type { GatewayOptions } from '../gateway-deps.ts';
import type { OpenStreams } from '../orders/open-streams.ts';

export interface RouteContext {
  store: Store;
  bus: Bus;
  events: EventsClient;
  options: GatewayOptions;
  openStreams: OpenStreams;
  /** The job-type registry, read through a short cache: what jobs and schedules may name. */
  jobTypes: JobTypeCatalog;
}
