// What the dashboard app needs, passed in: connections, logger and the settings from config. Tests
// and main.ts build it the same way.
import type { Bus } from '@conveyor/bus';
import type { EventsClient } from '@conveyor/events';
import type { RateLimit } from '@conveyor/rate-limit';
import type { MetricsExposition, ReadinessCheck } from '@conveyor/runtime';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';

export interface DashboardOptions {
  adminKey: string;
  sessionHours: number;
  cookieSecure: boolean;
  /** Wrong admin keys per client address (login form and Bearer): a token bucket, 429 when empty. */
  loginFailureLimit: RateLimit;
  traceUiUrl: string | undefined;
  /** Work queues shown (each with its .dlq). */
  queues: readonly string[];
  metricsUrls: readonly string[];
  metricsTimeoutMs: number;
  progressPollMs: number;
}

export interface DashboardDeps {
  store: Store;
  bus: Bus;
  events: EventsClient;
  logger: Logger;
  options: DashboardOptions;
  /** Served at /metrics (the process's registry). */
  metrics?: MetricsExposition;
  /** /readyz checks; broker and database by default. */
  readiness?: Record<string, ReadinessCheck>;
}
