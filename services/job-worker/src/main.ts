// job-worker: wiring only. Read config, connect, register the job handler, serve health, stop cleanly.
import { defaultRetryPolicy } from '@conveyor/bus';
import { jobRequested } from '@conveyor/contracts';
import { openServiceRuntime, readConfigOrExit, startHealthServer, stopOnSignals } from '@conveyor/runtime';
import { createInbox } from '@conveyor/store';
import { readConfig } from './config.ts';
import { runJob } from './handlers/run-job.ts';
import { jobsQueue } from './topology.ts';

const serviceName = 'job-worker';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config);
const { bus, store, logger } = runtime;

const host = bus
  .consumer({
    queue: { ...jobsQueue(config.JOBS_QUEUE), type: config.QUEUE_TYPE },
    prefetch: config.PREFETCH,
    inbox: createInbox(store),
    handlerTimeoutMs: config.HANDLER_TIMEOUT_MS,
    leaseMs: config.HANDLER_TIMEOUT_MS * 2,
  })
  .on(jobRequested, runJob(store.db, logger, defaultRetryPolicy.maxAttempts));
await host.start();

const health = await startHealthServer(config.HEALTH_PORT, runtime.readiness, { metrics: runtime.metrics });
logger.info({ healthPort: health.port, queue: host.queue }, 'job-worker ready');

stopOnSignals(logger, async () => {
  await health.close();
  await runtime.close();
});
