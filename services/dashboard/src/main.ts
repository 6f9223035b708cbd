// dashboard: wiring only. Read config, open the runtime (logger, telemetry, store, bus, metrics),
// connect NATS for live progress, serve the pages, stop cleanly.
import { connectEvents } from '@conveyor/events';
import { openServiceRuntime, readConfigOrExit, stopOnSignals } from '@conveyor/runtime';
import { readConfig } from './config.ts';
import { startDashboard } from './service.ts';

const serviceName = 'dashboard';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config);
const { bus, store, logger, telemetry, metrics } = runtime;
const events = await connectEvents({
  servers: config.NATS_URL,
  name: `${serviceName}#${config.INSTANCE_ID}`,
  logger,
  tracer: telemetry.tracer,
});

const dashboard = await startDashboard({
  store,
  bus,
  events,
  logger,
  metrics,
  readiness: runtime.readiness,
  port: config.PORT,
  host: config.HOST,
  options: {
    adminKey: config.DASHBOARD_ADMIN_KEY,
    sessionHours: config.SESSION_HOURS,
    cookieSecure: config.COOKIE_SECURE,
    loginFailureLimit: { perSecond: config.LOGIN_FAILURE_PER_SECOND, burst: config.LOGIN_FAILURE_BURST },
    traceUiUrl: config.TRACE_UI_URL,
    queues: config.DASHBOARD_QUEUES,
    metricsUrls: config.METRICS_URLS,
    metricsTimeoutMs: config.METRICS_TIMEOUT_MS,
    progressPollMs: config.PROGRESS_POLL_MS,
  },
});
logger.info({ port: dashboard.port }, 'dashboard listening');

stopOnSignals(logger, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, async () => {
  await dashboard.stop();
  await events.close();
  await runtime.close();
});
