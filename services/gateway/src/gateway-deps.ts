// What the HTTP app needs, passed in: connections, logger, tracer and the few tunables. Tests build
// the app with their own private database, exchange and short timeouts.
import type { Tracer } from '@opentelemetry/api';
import type { Bus } from '@conveyor/bus';
import type { EventsClient } from '@conveyor/events';
import type { RateLimit } from '@conveyor/rate-limit';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export interface GatewayOptions {
  /** GET /v1/quote waits this long for a reply, then answers 504. */
  quoteTimeoutMs: number;
  /** Exchange quote requests go to (Exchange.events; tests use a private one so no other responder answers). */
  quoteExchange: string;
  sseHeartbeatMs: number;
  bodyLimitBytes: number;
  /** Requests per API key: a token bucket (429 with Retry-After when empty). */
  rateLimit: RateLimit;
  /** Failed API key authentications per client address and per presented key id (429 when empty). */
  authFailureLimit: RateLimit;
  /** Strict-Transport-Security max-age in seconds; 0 sends no such header. */
  hstsMaxAgeSeconds: number;
  /** The rate limiter's clock (ms); tests move it by hand. */
  now: () => number;
  /** Fault tests only: honour `X-Fault-Inject` (see faults/injected-crash.ts). Off by default. */
  faultInjection: boolean;
}

export interface GatewayDeps {
  store: Store;
  bus: Bus;
  events: EventsClient;
  logger: Logger;
  tracer: Tracer;
  options?: Partial<GatewayOptions>;
  /** The process's one Prometheus registry (served at /metrics); default a registry of the app's own. */
  metricsRegistry?: Registry;
}
