// The servers a command needs, opened on first use (a `dlq list` never touches RabbitMQ) and all closed
// at the end of the command, whatever happened. The client libraries are loaded on first use too: they
// (and the OpenTelemetry SDK behind them) take most of a second to load, which --help and a command
// that fails its checks should not pay.
import { trace } from '@opentelemetry/api';
import type { Bus } from '@conveyor/bus';
import { errorMessage } from '@conveyor/contracts';
import type { EventsClient } from '@conveyor/events';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { CliConfig } from './cli-config.ts';
import { ServerUnreachableError } from './errors/server-unreachable-error.ts';

const serviceName = 'conveyor-cli';
const tracer = trace.getTracer(serviceName);

export class Connections {
  readonly #config: Readonly<CliConfig>;
  readonly #logger: Logger;
  #bus: Promise<Bus> | undefined;
  #store: Promise<Store> | undefined;
  #events: Promise<EventsClient> | undefined;
  #closing: Promise<void> | undefined;

  constructor(config: Readonly<CliConfig>, logger: Logger) {
    this.#config = config;
    this.#logger = logger;
  }

  bus(): Promise<Bus> {
    this.#bus ??= this.#connectBus();
    return this.#bus;
  }

  async #connectBus(): Promise<Bus> {
    const url = this.#config.AMQP_URL;
    const { Bus } = await import('@conveyor/bus');
    try {
      return await Bus.connect({
        url,
        exchangePrefix: this.#config.EXCHANGE_PREFIX,
        serviceName,
        logger: this.#logger,
        tracer,
      });
    } catch (error) {
      const { maskUrlCredentials } = await import('@conveyor/telemetry');
      throw new ServerUnreachableError('RabbitMQ', maskUrlCredentials(url), errorMessage(error), {
        cause: error,
      });
    }
  }

  store(): Promise<Store> {
    this.#store ??= import('@conveyor/store').then(({ connectStore }) =>
      connectStore({
        url: this.#config.MONGO_URL,
        dbName: this.#config.MONGO_DB,
        logger: this.#logger,
        appName: serviceName,
      }),
    );
    return this.#store;
  }

  events(): Promise<EventsClient> {
    this.#events ??= import('@conveyor/events').then(({ connectEvents }) =>
      connectEvents({ servers: this.#config.NATS_URL, name: serviceName, logger: this.#logger, tracer }),
    );
    return this.#events;
  }

  /** Closes what was opened; every close runs even if one fails, the first failure is reported. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const opened = [this.#bus, this.#store, this.#events].filter((connection) => connection !== undefined);
      const results = await Promise.allSettled(
        opened.map(async (connection) => {
          // One that never opened has nothing to close; its failure was the command's.
          const client = await connection.catch(() => undefined);
          await client?.close();
        }),
      );
      const failure = results.find((result) => result.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
    })();
    return this.#closing;
  }
}
