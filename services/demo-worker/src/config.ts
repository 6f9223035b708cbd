import { commonEnv, envPort, envPositiveInt, envQueueType, loadConfig } from '@conveyor/config';
import { z } from 'zod';

export const demoWorkerEnv = z.object({
  ...commonEnv,
  /** Health and readiness endpoints. 0 picks a free port (printed at start). */
  HEALTH_PORT: envPort.default(8090),
  PREFETCH: envPositiveInt.default(10),
  /** `classic` (priority, single node) or `quorum` (replicated; production on a cluster). */
  QUEUE_TYPE: envQueueType.default('classic'),
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
});

export type DemoWorkerConfig = z.infer<typeof demoWorkerEnv>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<DemoWorkerConfig> {
  return loadConfig(demoWorkerEnv, env);
}
