import {
  commonEnv,
  envBoolean,
  envPort,
  envPositiveInt,
  envPositiveNumber,
  loadConfig,
} from '@conveyor/config';
import { tenantId } from '@conveyor/contracts';
import { apiKeyPattern } from '@conveyor/api-keys';
import { z } from 'zod';

export const gatewayEnv = z.object({
  ...commonEnv,
  /** The HTTP API (also /healthz, /readyz, /metrics, /docs). 0 picks a free port. */
  PORT: envPort.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** How long GET /v1/quote waits for a fulfilment worker's reply before answering 504. */
  QUOTE_TIMEOUT_MS: envPositiveInt.default(3_000),
  /** How long a request has to publish its own outbox entries before the relay does. */
  OUTBOX_GRACE_MS: envPositiveInt.default(10_000),
  OUTBOX_INTERVAL_MS: envPositiveInt.default(5_000),
  /** Comment lines sent on idle SSE streams so that proxies keep them open. */
  SSE_HEARTBEAT_MS: envPositiveInt.default(15_000),
  BODY_LIMIT_BYTES: envPositiveInt.default(256 * 1024),
  /** Requests per second per API key, sustained (a token bucket's refill rate; may be fractional). */
  RATE_LIMIT_PER_SECOND: envPositiveNumber.default(50),
  /** Requests an API key may send at once after a quiet spell (the bucket's size). */
  RATE_LIMIT_BURST: envPositiveInt.default(100),
  /** Failed API key authentications allowed per client address and per key id at once (bucket size). */
  AUTH_FAILURE_BURST: envPositiveInt.default(20),
  /** ...and refilled at this rate per second (0.2: one more try every 5 s). */
  AUTH_FAILURE_PER_SECOND: envPositiveNumber.default(0.2),
  /** Strict-Transport-Security max-age; 0 (the default) sends none: TLS usually ends at a proxy. */
  HSTS_MAX_AGE_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be 0 or more' })
    .default(0),
  /**
   * LOCAL DEVELOPMENT ONLY: an API key stored (hashed) at start-up for GATEWAY_DEV_TENANT, so that a
   * fresh stack answers without `conveyor keys create`. Unset in production.
   */
  GATEWAY_DEV_API_KEY: z
    .string()
    .regex(apiKeyPattern, {
      message:
        'must be an API key cvk_<id>_<secret> (id: 8-32 of a-z 0-9; secret: 32-128 of A-Z a-z 0-9 _ -)',
    })
    .optional(),
  GATEWAY_DEV_TENANT: tenantId.default('default'),
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
  /**
   * FAULT TESTS ONLY: honour `X-Fault-Inject: crash-after-order-write` (the process kills itself after
   * storing an order, before publishing it). Never set it in production.
   */
  GATEWAY_FAULT_INJECTION: envBoolean.default(false),
});

export type GatewayConfig = z.infer<typeof gatewayEnv>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  return loadConfig(gatewayEnv, env);
}
