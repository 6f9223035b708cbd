import { commonEnv, envPort, envPositiveInt, envQueueType, loadConfig } from '@conveyor/config';
import { z } from 'zod';
import { defaultJobsQueueName } from './topology.ts';

export const jobWorkerEnv = z.object({
  ...commonEnv,
  /** Health and readiness endpoints. 0 picks a free port. */
  HEALTH_PORT: envPort.default(8094),
  PREFETCH: envPositiveInt.default(4),
  JOBS_QUEUE: z.string().min(1).default(defaultJobsQueueName),
  /** `classic` (priority, single node) or `quorum` (replicated; production on a cluster). */
  QUEUE_TYPE: envQueueType.default('classic'),
  HANDLER_TIMEOUT_MS: envPositiveInt.default(600_000),
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
});

export type JobWorkerConfig = z.infer<typeof jobWorkerEnv>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<JobWorkerConfig> {
  return loadConfig(jobWorkerEnv, env);
}
