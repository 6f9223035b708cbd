// What `npm start` reads from its caller's environment, once: the ports, where mail goes, the broker
// vhost, the local-development keys. Every variable has a default; a wrong one stops the start naming
// it. AMQP_URL, MONGO_URL and NATS_URL are read by the server resolution (test/support), and everything
// else (OTEL_*, LOG_LEVEL, a service's own settings) reaches the services as the caller set it.
import { envBoolean, envPort, envUrl, loadConfig } from '@conveyor/config';
import { z } from 'zod';

/** `npm start` polls every process's /readyz, so 0 ("any free port") would leave it nothing to poll. */
const listenPort = envPort.refine((port) => port > 0, { message: 'must be between 1 and 65535' });

export const startEnv = z.object({
  /** The gateway's HTTP port, as the gateway itself reads it. */
  PORT: listenPort.default(8080),
  DASHBOARD_PORT: listenPort.default(8081),
  DEMO_WORKER_HEALTH_PORT: listenPort.default(8090),
  FULFILMENT_WORKER_1_HEALTH_PORT: listenPort.default(8091),
  NOTIFIER_HEALTH_PORT: listenPort.default(8092),
  SCHEDULER_HEALTH_PORT: listenPort.default(8093),
  JOB_WORKER_HEALTH_PORT: listenPort.default(8094),
  FULFILMENT_WORKER_2_HEALTH_PORT: listenPort.default(8095),
  /** Where the notifier sends mail; unset, npm start runs a mail catcher of its own. */
  SMTP_URL: envUrl(['smtp', 'smtps']).optional(),
  /** The mail catcher's port when SMTP_URL is unset; 0 picks a free one. */
  MAIL_CATCHER_PORT: envPort.default(1025),
  /** npm start's own vhost on the local RabbitMQ, with users of its own (`/conveyor` → `conveyor-gateway`…). */
  CONVEYOR_VHOST: z
    .string()
    .refine((vhost) => vhost !== '/', {
      message: 'must not be the default vhost /: npm start keeps to a vhost of its own',
    })
    .default('/conveyor'),
  /** LOCAL DEVELOPMENT ONLY, not a secret: the dashboard's login key. */
  DASHBOARD_ADMIN_KEY: z.string().default('local-dev-only-dashboard-key'),
  /** LOCAL DEVELOPMENT ONLY, not a secret: never set GATEWAY_DEV_API_KEY on a real deployment. */
  GATEWAY_DEV_API_KEY: z.string().default('cvk_localdev_local-development-only-not-a-secret'),
  /** The dashboard's /metrics sources; by default the worker processes npm start runs. */
  METRICS_URLS: z.string().optional(),
  /** Passed to every service (which checks it); quieter than a service's own default. */
  LOG_LEVEL: z.string().default('warn'),
  /** Stop everything once the demo order is done (for scripted checks). */
  CONVEYOR_START_EXIT_AFTER_DEMO: envBoolean.default(false),
});

export type StartSettings = z.infer<typeof startEnv>;

export function readStartSettings(env: NodeJS.ProcessEnv = process.env): Readonly<StartSettings> {
  return loadConfig(startEnv, env);
}
