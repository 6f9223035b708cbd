export { demoWorkerEnv, readConfig, type DemoWorkerConfig } from './config.ts';
export { demoQueue } from './topology.ts';
