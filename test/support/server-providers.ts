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

export const LOCAL_PROVIDERS: Readonly<Record<ServerKind, ServerProvider>> = Object.freeze({
  rabbitmq: {
    localAnswers: amqpAnswers,
    startAbility: rabbitmqStartAbility,
    start: () => startRabbitmq(),
    startContainer: startRabbitmqContainer,
    ownSpace: acquireRunVhost,
  },
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
  nats: {
    localAnswers: natsAnswers,
    startAbility: natsStartAbility,
    start: () => startNats(),
    startContainer: startNatsContainer,
  },
});
