export { demoWorkerEnv, readConfig, type DemoWorkerConfig } from './config.ts';
export { demoTasksCollection, type DemoTaskRecord } from './handlers/demo-task.ts';
export { startDemoWorker, type DemoWorker, type DemoWorkerOptions } from './service.ts';
export { demoQueue, demoQueueName, demoTasksQueue } from './topology.ts';
