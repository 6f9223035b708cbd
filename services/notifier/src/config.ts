import { commonEnv, envPort, envPositiveInt, envUrl, loadConfig } from '@conveyor/config';
import { z } from 'zod';

export const notifierEnv = z.object({
  ...commonEnv,
  /** Where e-mail goes. The default is a local mail catcher (MailHog/Mailpit): local development only. */
  SMTP_URL: envUrl(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  /** The From header of every e-mail. */
  MAIL_FROM: z.string().min(3).default('Conveyor <orders@conveyor.local>'),
  /** A tenant's webhook endpoint must answer within this time, or the call is retried later. */
  WEBHOOK_TIMEOUT_MS: envPositiveInt.default(10_000),
  /** Health and readiness endpoints. 0 picks a free port (logged at start). */
  HEALTH_PORT: envPort.default(8092),
  PREFETCH: envPositiveInt.default(10),
  /** The queue's name; its bindings are always the notified order events. */
  ORDER_EVENTS_QUEUE: z.string().min(1).default('notifier.order-events'),
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
});

export type NotifierConfig = z.infer<typeof notifierEnv>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<NotifierConfig> {
  return loadConfig(notifierEnv, env);
}
