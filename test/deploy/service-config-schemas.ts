// Each service's environment schema by service name, for the checks of the files that configure them
// (docker-compose.yml, the .env.example files).
import type { z } from 'zod';
import { dashboardEnv } from '@conveyor/dashboard';
import { demoWorkerEnv } from '@conveyor/demo-worker';
import { fulfilmentWorkerEnv } from '@conveyor/fulfilment-worker';
import { gatewayEnv } from '@conveyor/gateway';
import { jobWorkerEnv } from '@conveyor/job-worker';
import { notifierEnv } from '@conveyor/notifier';
import { schedulerEnv } from '@conveyor/scheduler';

export const serviceConfigSchemas: Readonly<Record<string, z.ZodObject>> = {
  gateway: gatewayEnv,
  'fulfilment-worker': fulfilmentWorkerEnv,
  notifier: notifierEnv,
  scheduler: schedulerEnv,
  'job-worker': jobWorkerEnv,
  'demo-worker': demoWorkerEnv,
  dashboard: dashboardEnv,
};
