export {
  startHealthServer,
  type HealthServer,
  type HealthServerOptions,
  type MetricsExposition,
  type ReadinessCheck,
} from './health-server.ts';
export { stopOnSignals } from './shutdown.ts';
export { readConfigOrExit } from './read-config-or-exit.ts';
export {
  openServiceRuntime,
  type ServiceRuntime,
  type ServiceRuntimeConfig,
  type ServiceRuntimeOptions,
} from './service-runtime.ts';
