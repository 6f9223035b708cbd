// How each server kind is probed, started locally, or started in a container on this machine.
import type { AcquiredServer } from './acquired-server.ts';
import type { StartAbility } from './choose-source.ts';
import { ferretdbStartAbility } from './ferretdb-binary.ts';
import { startMongodbContainer, startNatsContainer, startRabbitmqContainer } from './start-container.ts';
import { dropAbandonedRunDatabases, testRunDatabase } from './ferretdb-backend.ts';
import { startFerretdb } from './start-ferretdb.ts';
import { natsStartAbility, startNats } from './start-nats.ts';
import { acquireRunVhost } from './run-vhost.ts';
import { rabbitmqStartAbility, startRabbitmq } from './start-rabbitmq.ts';
import type { ServerKind } from './server-specs.ts';
import { amqpAnswers, mongoAnswers, natsAnswers } from './server-probes.ts';

export interface ServerProvider {
  localAnswers(url: string): Promise<boolean>;
  startAbility(): Promise<StartAbility>;
  start(report: (line: string) => void): Promise<AcquiredServer>;
  startContainer(): Promise<AcquiredServer>;
  /** A server found at its local default address, given a space of this run's own (e.g. a vhost). */
  ownSpace?(url: string, how: string): Promise<AcquiredServer>;
}

const rabbitmqAsFound: ServerProvider = {
  localAnswers: amqpAnswers,
  startAbility: rabbitmqStartAbility,
  start: () => startRabbitmq(),
  startContainer: startRabbitmqContainer,
};

const nats: ServerProvider = {
  localAnswers: natsAnswers,
  startAbility: natsStartAbility,
  start: () => startNats(),
  startContainer: startNatsContainer,
};

/** The PostgreSQL database of the FerretDB `npm start` starts: kept, so a developer's data lives on. */
export const startPgDatabase = 'conveyor_start';

/** A test run's: a space of its own on every shared server (a vhost, a PostgreSQL database), removed after. */
export const LOCAL_PROVIDERS: Readonly<Record<ServerKind, ServerProvider>> = Object.freeze({
  rabbitmq: { ...rabbitmqAsFound, ownSpace: acquireRunVhost },
  mongodb: {
    localAnswers: mongoAnswers,
    startAbility: ferretdbStartAbility,
    start: async (report) => {
      // A run's FerretDB keeps its data in a PostgreSQL database of the run's own (see testRunDatabase).
      const dropped = await dropAbandonedRunDatabases().catch(() => []);
      if (dropped.length > 0) report(`dropped databases of runs that are gone: ${dropped.join(', ')}`);
      return startFerretdb({ report, ...testRunDatabase() });
    },
    startContainer: startMongodbContainer,
  },
  nats,
});

/**
 * `npm start`'s: a local RabbitMQ as found (npm start sets up a vhost and users of its own on it, see
 * scripts/start/broker-access.ts), and a FerretDB whose data stays between starts.
 */
export const START_PROVIDERS: Readonly<Record<ServerKind, ServerProvider>> = Object.freeze({
  rabbitmq: rabbitmqAsFound,
  mongodb: {
    ...LOCAL_PROVIDERS.mongodb,
    start: (report) => startFerretdb({ report, database: startPgDatabase }),
  },
  nats,
});
