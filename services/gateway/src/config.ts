import { commonEnv, envPort, envPositiveInt, loadConfig } from '@conveyor/config';
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
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
});

export type GatewayConfig = z.infer<typeof gatewayEnv>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  return loadConfig(gatewayEnv, env);
}
