// The dashboard's environment, read once through zod. DASHBOARD_ADMIN_KEY has no default: the
// local-development value is given by `npm start` and docker-compose, where it is marked as such.
import {
  commonEnv,
  envBoolean,
  envPort,
  envPositiveInt,
  envPositiveNumber,
  envUrl,
  loadConfig,
} from '@conveyor/config';
import { workQueues } from '@conveyor/contracts';
import { z } from 'zod';

const commaList = (fallback: readonly string[]) =>
  z
    .string()
    .default(fallback.join(','))
    .transform((list) =>
      list
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    );

/** The services' work queues as they name them by default (@conveyor/contracts' list). */
export const defaultQueues: readonly string[] = workQueues;

/** The /metrics of every local service as `npm start` runs them (health ports 8090–8095). */
export const defaultMetricsUrls = [8090, 8091, 8092, 8093, 8094, 8095].map(
  (port) => `http://127.0.0.1:${port}/metrics`,
);

export const dashboardEnv = z.object({
  ...commonEnv,
  /** The dashboard (also /healthz, /readyz, /metrics). 0 picks a free port. */
  PORT: envPort.default(8081),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The operators' key: typed into the login form, or sent as `Authorization: Bearer <key>`. */
  DASHBOARD_ADMIN_KEY: z
    .string({ message: 'is required: the key operators log in with (at least 16 characters)' })
    .min(16, { message: 'must be at least 16 characters' }),
  /** How long a login lasts. */
  SESSION_HOURS: envPositiveInt.max(24 * 30).default(12),
  /** Wrong admin keys allowed per client address at once (the bucket's size); then 429. */
  LOGIN_FAILURE_BURST: envPositiveInt.default(10),
  /** ...refilled at this rate per second (0.1: one more try every 10 s). */
  LOGIN_FAILURE_PER_SECOND: envPositiveNumber.default(0.1),
  /** Mark the session cookie Secure: set it when the dashboard is served over HTTPS. */
  COOKIE_SECURE: envBoolean.default(false),
  /** The trace UI: `<TRACE_UI_URL>/<traceId>`, or `{traceId}` in it is replaced (e.g. Jaeger's /trace). */
  TRACE_UI_URL: envUrl(['http', 'https']).optional(),
  /** Work queues shown on the queues page, each with its `.dlq`. Comma-separated. */
  DASHBOARD_QUEUES: commaList(defaultQueues),
  /** /metrics endpoints of the worker processes, read for unacked counts and rates. Comma-separated. */
  METRICS_URLS: commaList(defaultMetricsUrls),
  /** How long one /metrics read may take before that process is left out of the page. */
  METRICS_TIMEOUT_MS: envPositiveInt.default(1_000),
  /** How often a live page re-reads the order or job (jobs have no progress events; lost order events). */
  PROGRESS_POLL_MS: envPositiveInt.default(2_000),
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
});

export type DashboardConfig = z.infer<typeof dashboardEnv>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<DashboardConfig> {
  return loadConfig(dashboardEnv, env);
}
