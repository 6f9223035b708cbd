// Events clients and raw NATS connections with names of their own for each test, and their cleanup.
import { trace, type Tracer } from '@opentelemetry/api';
import { connectEvents, type EventsClient } from '@conveyor/events';
import { connect, type NatsConnection } from 'nats';
import { pino, type Logger } from 'pino';
import { serverUrls, uniqueName } from '../../support/index.ts';

export const silentLogger: Logger = pino({ level: 'silent' });

/** Everything a test opened, closed in reverse order by `cleanUp()`. */
export class EventsFixture {
  readonly #cleanups: (() => Promise<unknown>)[] = [];

  async client(
    name = uniqueName('events-test'),
    tracer: Tracer = trace.getTracer('events-test'),
  ): Promise<EventsClient> {
    const client = await connectEvents({ servers: serverUrls().natsUrl, name, logger: silentLogger, tracer });
    this.#cleanups.push(() => client.close());
    return client;
  }

  async connection(): Promise<NatsConnection> {
    const nc = await connect({ servers: serverUrls().natsUrl, name: uniqueName('events-test-raw') });
    this.#cleanups.push(() => nc.close());
    return nc;
  }

  async cleanUp(): Promise<void> {
    for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup();
  }
}
