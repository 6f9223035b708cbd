// How each server kind is probed, started locally, or started in a container on this machine.
import type { AcquiredServer } from './acquired-server.ts';
import type { StartAbility } from './choose-source.ts';
import { ferretdbStartAbility } from './ferretdb-binary.ts';
import { startMongodbContainer, startNatsContainer, startRabbitmqContainer } from './start-container.ts';
import { startFerretdb } from './start-ferretdb.ts';
import { natsStartAbility, startNats } from './start-nats.ts';
import { rabbitmqStartAbility, startRabbitmq } from './start-rabbitmq.ts';
import type { ServerKind } from './server-specs.ts';
import { amqpAnswers, mongoAnswers, natsAnswers } from './server-probes.ts';

export interface ServerProvider {
  localAnswers(url: string): Promise<boolean>;
  startAbility(): Promise<StartAbility>;
  start(report: (line: string) => void): Promise<AcquiredServer>;
  startContainer(): Promise<AcquiredServer>;
}

export const LOCAL_PROVIDERS: Readonly<Record<ServerKind, ServerProvider>> = Object.freeze({
  rabbitmq: {
    localAnswers: amqpAnswers,
    startAbility: rabbitmqStartAbility,
    start: () => startRabbitmq(),
    startContainer: startRabbitmqContainer,
  },
  mongodb: {
    localAnswers: mongoAnswers,
    startAbility: ferretdbStartAbility,
    start: (report) => startFerretdb({ report }),
    startContainer: startMongodbContainer,
  },
  nats: {
    localAnswers: natsAnswers,
    startAbility: natsStartAbility,
    start: () => startNats(),
    startContainer: startNatsContainer,
  },
});
