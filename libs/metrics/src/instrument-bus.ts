// Measures everything a service does through its bus without touching the service's code: main.ts
// passes `instrumentBus(bus, metrics)` wherever it passed the bus. Publishes are counted, every consumer
// host created through it is observed (counts, and the depth of its queue and `.dlq`), and every handler
// registered on such a host is timed.
import { deadLetterQueueName, type Bus, type ConsumerHost } from '@conveyor/bus';
import { countedPublish } from './counted-publish.ts';
import type { Metrics } from './metrics.ts';
import { observeConsumerHost, observeQueueDepth } from './observe.ts';
import { timed } from './timed-handler.ts';
import { withOverrides } from './with-overrides.ts';

export function instrumentBus(bus: Bus, metrics: Metrics): Bus {
  return withOverrides(bus, {
    publish: countedPublish(metrics.published, (message) => bus.publish(message)),
    consumer: (options) => instrumentConsumerHost(bus.consumer(options), bus, metrics),
  });
}

function instrumentConsumerHost(host: ConsumerHost, bus: Bus, metrics: Metrics): ConsumerHost {
  observeConsumerHost(metrics, host);
  observeQueueDepth(metrics, {
    connection: bus.connection,
    queues: [host.queue, deadLetterQueueName(host.queue)],
  });
  const view: ConsumerHost = withOverrides(host, {
    on(type, handler) {
      host.on(type, timed(metrics.handlerDuration, host.queue, handler));
      // Chained registrations go on through the view, so they are timed too.
      return view;
    },
  });
  return view;
}
