// demo-worker: wiring only. Read config, connect, register the handler, serve health, stop cleanly.
import { demoTaskRequested } from '@conveyor/contracts';
import { openServiceRuntime, readConfigOrExit, startHealthServer, stopOnSignals } from '@conveyor/runtime';
import { createInbox } from '@conveyor/store';
import { readConfig } from './config.ts';
import { handleDemoTask, type DemoTaskRecord } from './handlers/demo-task.ts';
import { demoQueue } from './topology.ts';

const serviceName = 'demo-worker';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config);
const { bus, store, logger } = runtime;

const tasks = store.db.collection<DemoTaskRecord>('demo_tasks');
const host = bus
  .consumer({
    queue: { ...demoQueue, type: config.QUEUE_TYPE },
    prefetch: config.PREFETCH,
    inbox: createInbox(store),
  })
  .on(demoTaskRequested, handleDemoTask(tasks, logger));
await host.start();

const health = await startHealthServer(config.HEALTH_PORT, runtime.readiness, { metrics: runtime.metrics });
logger.info({ healthPort: health.port, queue: demoQueue.name }, 'demo-worker ready');

stopOnSignals(logger, async () => {
  await health.close();
  await runtime.close();
});
