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
export { stopHandBackMs, stopOnSignals, type StopBudget } from './shutdown.ts';
export { readConfigOrExit } from './read-config-or-exit.ts';
export { exitOnFatalErrors } from './exit-on-fatal-errors.ts';
export { ExitCode, exitCodeOf } from './exit-codes.ts';
export { DependencyUnavailableError } from './dependency-unavailable-error.ts';
export {
  openServiceRuntime,
  type ServiceRuntime,
  type ServiceRuntimeConfig,
  type ServiceRuntimeOptions,
} from './service-runtime.ts';
export { RuntimeErrorCode } from './runtime-error-codes.ts';
export { startTickLoop, type TickLoop, type TickLoopOptions } from './tick-loop.ts';
