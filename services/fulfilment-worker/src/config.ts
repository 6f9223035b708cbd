import {
  commonEnv,
  envBoolean,
  envPort,
  envPositiveInt,
  envQueueType,
  envRetryTiers,
  loadConfig,
} from '@conveyor/config';
import { z } from 'zod';
import { defaultQueueNames } from './topology.ts';

const envRate = z.coerce
  .number({ message: 'must be a number' })
  .min(0, { message: 'must be between 0 and 1' })
  .max(1, { message: 'must be between 0 and 1' });

const envMillis = z.coerce
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be 0 or more' });

export const fulfilmentWorkerEnv = z.object({
  ...commonEnv,
  /** Health and readiness endpoints. 0 picks a free port (logged at start). */
  HEALTH_PORT: envPort.default(8091),
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
  ORDERS_QUEUE: z.string().min(1).default(defaultQueueNames.orders),
  QUOTES_QUEUE: z.string().min(1).default(defaultQueueNames.quotes),
  /** `classic` (priority, single node) or `quorum` (replicated; production on a cluster). */
  QUEUE_TYPE: envQueueType.default('classic'),
  /** Small on purpose: priority only reorders what is still queued. */
  ORDERS_PREFETCH: envPositiveInt.default(2),
  QUOTES_PREFETCH: envPositiveInt.default(10),
  /** Deliveries per workflow message; a step still failing on the last one is compensated. */
  ORDER_MAX_ATTEMPTS: envPositiveInt.default(5),
  /** Delay tiers of the retries, e.g. `1s,10s,1m,10m` (the default when unset). */
  RETRY_TIERS: envRetryTiers.optional(),
  HANDLER_TIMEOUT_MS: envPositiveInt.default(30_000),
  STEP_TIMEOUT_MS: envPositiveInt.default(300_000),
  SANDBOX_LATENCY_MS: envMillis.default(50),
  /**
   * Where the sandbox providers keep their records: `database` (shared by every worker; the fault
   * suites audit it) or `memory` (per process, as a remote provider's would be off this database: the
   * benchmarks, so that the database carries Conveyor's work only).
   */
  SANDBOX_MEMORY: z
    .enum(['database', 'memory'], { message: 'must be database or memory' })
    .default('database'),
  SANDBOX_INVENTORY_FAILURE_RATE: envRate.default(0),
  SANDBOX_PAYMENT_FAILURE_RATE: envRate.default(0),
  SANDBOX_SHIPPING_FAILURE_RATE: envRate.default(0),
  /** Fault tests only: POISON- skus always throw, CRASH- skus kill the process, SLOW- skus overrun. Never in production. */
  SANDBOX_FAULT_SKUS: envBoolean.default(false),
});

export type FulfilmentWorkerConfig = z.infer<typeof fulfilmentWorkerEnv>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<FulfilmentWorkerConfig> {
  return loadConfig(fulfilmentWorkerEnv, env);
}
