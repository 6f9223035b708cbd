export {
  startHealthServer,
  type HealthServer,
  type HealthServerOptions,
  type MetricsExposition,
} from './health-server.ts';
export {
  evaluateReadiness,
  notReady,
  readyUnless,
  type NotReady,
  type Readiness,
  type ReadinessCheck,
  type ReadinessReport,
} from './readiness.ts';
export { stopOnSignals } from './shutdown.ts';
export { readConfigOrExit } from './read-config-or-exit.ts';
export {
  openServiceRuntime,
  type ServiceRuntime,
  type ServiceRuntimeConfig,
  type ServiceRuntimeOptions,
} from './service-runtime.ts';
export { RuntimeErrorCode } from './runtime-error-codes.ts';
