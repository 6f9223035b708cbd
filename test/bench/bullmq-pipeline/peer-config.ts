// The environment of the BullMQ peer's processes, validated once at start (unknown variables are the
// rest of the environment, so the schema is not strict).
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

const commonEnv = z.object({
  REDIS_URL: z.url(),
  /** Every Redis key of the run starts with it (see peer-keys.ts). */
  PEER_PREFIX: z.string().min(1),
  /** /readyz (and the API, for the gateway). */
  PORT: port,
});

export const gatewayEnv = commonEnv;

export const workerEnv = commonEnv.extend({
  /** Jobs in flight per process, as Conveyor's fulfilment worker's prefetch. */
  CONCURRENCY: z.coerce.number().int().positive().default(10),
  /** The provider call each step stands in for, as Conveyor's sandbox SANDBOX_LATENCY_MS. */
  SANDBOX_LATENCY_MS: z.coerce.number().int().nonnegative().default(5),
});

export const notifierEnv = commonEnv.extend({
  CONCURRENCY: z.coerce.number().int().positive().default(10),
  SMTP_URL: z.url(),
  MAIL_FROM: z.string().min(3).default('BullMQ peer <orders@bullmq-peer.local>'),
});

/** The parsed environment, or an exit with the offending variable named. */
export function readEnv<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<T>> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return Object.freeze(parsed.data);
  const issue = parsed.error.issues[0];
  throw new TypeError(`${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}`);
}
