// The queues a worker consumes, from its job definitions: each type's queue (default `jobs.<type>`),
// bound to its types' routing keys, with the retry policy its first type asks for. An ordered type
// gets one single-active-consumer queue per partition instead: each key hashes to one partition, so
// its jobs are handled one at a time, in publish order, by whichever worker holds the partition, while
// other partitions run in parallel on other workers (or other consumers of the same one).
import {
  Exchange,
  defaultRetryTiers,
  type QueueType,
  type RetryPolicy,
  type WorkQueueSpec,
} from '@conveyor/bus';
import { jobRequestedRoutingKey } from '@conveyor/contracts';
import type { JobDefinition } from '../define-job.ts';
import { InvalidJobDefinitionError } from '../errors/invalid-job-definition-error.ts';

export interface JobQueue {
  spec: WorkQueueSpec;
  definitions: readonly JobDefinition[];
  prefetch: number;
  retry: RetryPolicy;
  handlerTimeoutMs: number;
  /** Partition queues retry a failed job in place (a delay tier would let the next job of its key pass it). */
  retriesInPlace: boolean;
}

export function planJobQueues(definitions: readonly JobDefinition[], queueType: QueueType): JobQueue[] {
  const byQueue = new Map<string, JobDefinition[]>();
  const types = new Set<string>();
  for (const definition of definitions) {
    if (types.has(definition.type)) throw new InvalidJobDefinitionError(definition.type, 'defined twice');
    types.add(definition.type);
    byQueue.set(definition.queue, [...(byQueue.get(definition.queue) ?? []), definition]);
  }
  return [...byQueue.entries()].flatMap(([queue, shared]): JobQueue[] => {
    const [first] = shared;
    if (first === undefined) return [];
    if (first.ordered !== null) return partitionQueues(queue, shared, first, queueType);
    const orderedToo = shared.find((definition) => definition.ordered !== null);
    if (orderedToo !== undefined)
      throw new InvalidJobDefinitionError(
        orderedToo.type,
        `an ordered type needs a queue of its own, not ${queue}`,
      );
    return [
      {
        spec: {
          name: queue,
          type: queueType,
          bindings: shared.map((definition) => ({
            exchange: Exchange.events,
            pattern: jobRequestedRoutingKey(definition.type),
          })),
        },
        definitions: shared,
        prefetch: first.concurrency,
        retry: retryPolicyOf(first),
        handlerTimeoutMs: first.timeoutMs,
        retriesInPlace: false,
      },
    ];
  });
}

function partitionQueues(
  queue: string,
  shared: readonly JobDefinition[],
  definition: JobDefinition,
  queueType: QueueType,
): JobQueue[] {
  if (shared.length > 1)
    throw new InvalidJobDefinitionError(
      definition.type,
      `an ordered type needs a queue of its own, not ${queue}`,
    );
  const partitions = definition.ordered?.partitions ?? 1;
  const backoffTotal = definition.backoff.slice(0, definition.attempts - 1).reduce((sum, ms) => sum + ms, 0);
  return Array.from({ length: partitions }, (_, partition) => ({
    spec: {
      name: `${queue}.p${String(partition)}`,
      type: queueType,
      singleActiveConsumer: true,
      bindings: [{ exchange: Exchange.events, pattern: jobRequestedRoutingKey(definition.type, partition) }],
    },
    definitions: shared,
    prefetch: 1,
    // Every attempt happens inside one delivery; the bus dead-letters the last failure at once.
    retry: { maxAttempts: 1, tiers: retryPolicyOf(definition).tiers },
    handlerTimeoutMs: definition.timeoutMs * definition.attempts + backoffTotal,
    retriesInPlace: true,
  }));
}

function retryPolicyOf(definition: JobDefinition): RetryPolicy {
  return {
    maxAttempts: definition.attempts,
    // A delay the shared tiers have reuses their tier; another gets a tier of its own.
    tiers: definition.backoff.map(
      (delayMs) =>
        defaultRetryTiers.find((tier) => tier.delayMs === delayMs) ?? {
          name: `${String(delayMs)}ms`,
          delayMs,
        },
    ),
  };
}
