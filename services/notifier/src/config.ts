import {
  commonEnv,
  envNonNegativeInt,
  envPort,
  envPositiveInt,
  envQueueType,
  envRetryTiers,
  envUrl,
  loadConfig,
} from '@conveyor/config';
import { z } from 'zod';
import { notifierQueueName } from './topology.ts';

export const notifierEnv = z.object({
  ...commonEnv,
  /** Where e-mail goes. The default is a local mail catcher (MailHog/Mailpit): local development only. */
  SMTP_URL: envUrl(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  /** The From header of every e-mail. */
  MAIL_FROM: z.string().min(3).default('Conveyor <orders@conveyor.local>'),
  /** A tenant's webhook endpoint must answer within this time, or the call is retried later. */
  WEBHOOK_TIMEOUT_MS: envPositiveInt.default(10_000),
  /** A tenant's webhook settings are read at most this often; a change takes effect within it. 0: every event. */
  WEBHOOK_SETTINGS_CACHE_MS: envNonNegativeInt.default(5_000),
  /** Health and readiness endpoints. 0 picks a free port (logged at start). */
  HEALTH_PORT: envPort.default(8092),
  PREFETCH: envPositiveInt.default(10),
  /** A delivery's deadline (SMTP send and webhook call included); its inbox lease is twice that. */
  HANDLER_TIMEOUT_MS: envPositiveInt.default(30_000),
  /** Delay tiers of the retries, e.g. `1s,10s,1m,10m` (the default when unset). */
  RETRY_TIERS: envRetryTiers.optional(),
  /** The queue's name; its bindings are always the notified order events. */
  ORDER_EVENTS_QUEUE: z.string().min(1).default(notifierQueueName),
  /** `classic` (priority, single node) or `quorum` (replicated; production on a cluster). */
  QUEUE_TYPE: envQueueType.default('classic'),
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
});

export type NotifierConfig = z.infer<typeof notifierEnv>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<NotifierConfig> {
  return loadConfig(notifierEnv, env);
}
