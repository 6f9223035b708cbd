// The fault suite's own servers and what a scenario may do to each, whether they run as host
// processes (private-servers.ts) or containers (private-containers.ts).
import type { ServerUrls } from '../../support/index.ts';
import type { PrivateRabbitmq } from './rabbitmq-node.ts';

export interface RestartableNats {
  readonly url: string;
  isRunning(): boolean;
  /** Stops the server (its store stays). */
  stop(): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
}

export interface PausableMongo {
  readonly url: string;
  /** SIGSTOP (docker pause): the server keeps its connections open and answers nothing, like a stalled host. */
  pause(): Promise<void>;
  /** SIGCONT (docker unpause) */
  resume(): Promise<void>;
  /** Stops the server (SIGTERM): connections are refused until start(). The database is kept. */
  stop(): Promise<void>;
  /** Starts it again on the same port and PostgreSQL database, if stopped. */
  start(): Promise<void>;
}

export interface PrivateServers {
  readonly urls: ServerUrls;
  readonly rabbitmq: PrivateRabbitmq;
  readonly nats: RestartableNats;
  readonly mongo: PausableMongo;
  /** Stops everything started, whatever state it is in. */
  stop(): Promise<void>;
}
