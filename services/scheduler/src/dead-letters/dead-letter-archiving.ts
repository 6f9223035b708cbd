// The scheduler's second job, on every instance (not only the leader): drain each `<queue>.dlq` and the
// unroutable events into the `dead_letters` collection (@conveyor/dead-letters' archiver), end the run
// (and job) of each dead-lettered job, and report those queues' depth, since a dead-letter queue that
// fills up means the archiver is falling behind.
import { Exchange, deadLetterQueueName, type BusConnection, type ExchangeNaming } from '@conveyor/bus';
import { createDeadLetterArchiver } from '@conveyor/dead-letters';
import { observeQueueDepth, type Metrics } from '@conveyor/metrics';
import { notReady, type ReadinessCheck } from '@conveyor/runtime';
import { createDeadLetterStore, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { endDeadLetteredJob } from './end-dead-lettered-job.ts';

export interface DeadLetterArchivingDeps {
  readonly connection: BusConnection;
  /** The deployment's exchange names (the Bus's): the unroutable exchange's `.dlq` is drained too. */
  readonly exchanges: ExchangeNaming;
  readonly store: Store;
  readonly metrics: Metrics;
  /** The work queues whose `.dlq` to drain. */
  readonly queues: readonly string[];
  readonly logger: Logger;
}

export interface DeadLetterArchiving {
  /** Not ready while letters are held in their `.dlq` because storing them fails. */
  readonly readiness: ReadinessCheck;
  /** Stops draining; letters in flight are stored or left in their queue. Idempotent. */
  stop(): Promise<void>;
}

export async function startDeadLetterArchiving(deps: DeadLetterArchivingDeps): Promise<DeadLetterArchiving> {
  const unroutableExchange = deps.exchanges.resolve(Exchange.unroutable);
  const archiver = createDeadLetterArchiver({
    connection: deps.connection,
    deadLetters: createDeadLetterStore(deps.store),
    logger: deps.logger,
    queues: deps.queues,
    // What `conveyor.events` could not route reaches its alternate exchange (deploy/ sets the policy).
    unroutableExchange,
    onArchived: endDeadLetteredJob(deps.store, deps.logger),
  });
  await archiver.start();
  observeQueueDepth(deps.metrics, {
    connection: deps.connection,
    queues: [...deps.queues, unroutableExchange].map((queue) => deadLetterQueueName(queue)),
  });
  return {
    readiness: () => {
      const since = archiver.storeUnreachableSince;
      return since === undefined
        ? true
        : notReady(`dead letters are held: storage has failed since ${since.toISOString()}`);
    },
    stop: () => archiver.stop(),
  };
}
