// The processes `npm start` runs, each on the caller's environment plus only what npm start decides:
// the servers it resolved, the service's broker user, its ports, the notifier's SMTP server and the
// dashboard's login key and /metrics sources.
import { serviceNodeFlags, type ServerUrls } from '@conveyor/test/support';
import type { StartSettings } from './start-settings.ts';
import type { SupervisedProcess } from './supervisor.ts';

export interface StackProcess extends SupervisedProcess {
  readonly service: string;
  /** The port its /healthz, /readyz and /metrics answer on. */
  readonly port: number;
}

export interface StackWiring {
  readonly settings: StartSettings;
  readonly callerEnv: NodeJS.ProcessEnv;
  readonly servers: ServerUrls;
  /** The AMQP URL a service connects with (its own user, or the caller's AMQP_URL). */
  readonly amqpUrlOf: (service: string) => string;
  readonly smtpUrl: string;
}

interface ProcessPlan {
  readonly name: string;
  readonly service: string;
  readonly port: number;
  readonly env: Record<string, string>;
}

export function stackProcesses(wiring: StackWiring): StackProcess[] {
  const { settings } = wiring;
  const worker = (name: string, service: string, port: number, env: Record<string, string> = {}) => ({
    name,
    service,
    port,
    env: { HEALTH_PORT: String(port), ...env },
  });
  const workers: ProcessPlan[] = [
    worker('fulfilment-worker-1', 'fulfilment-worker', settings.FULFILMENT_WORKER_1_HEALTH_PORT),
    worker('fulfilment-worker-2', 'fulfilment-worker', settings.FULFILMENT_WORKER_2_HEALTH_PORT),
    worker('notifier', 'notifier', settings.NOTIFIER_HEALTH_PORT, { SMTP_URL: wiring.smtpUrl }),
    worker('scheduler', 'scheduler', settings.SCHEDULER_HEALTH_PORT),
    worker('job-worker', 'job-worker', settings.JOB_WORKER_HEALTH_PORT),
    worker('demo-worker', 'demo-worker', settings.DEMO_WORKER_HEALTH_PORT),
  ];
  const metricsUrls =
    settings.METRICS_URLS ?? workers.map((plan) => `http://127.0.0.1:${plan.port}/metrics`).join(',');
  const plans: ProcessPlan[] = [
    {
      name: 'gateway',
      service: 'gateway',
      port: settings.PORT,
      env: { PORT: String(settings.PORT), GATEWAY_DEV_API_KEY: settings.GATEWAY_DEV_API_KEY },
    },
    ...workers,
    {
      name: 'dashboard',
      service: 'dashboard',
      port: settings.DASHBOARD_PORT,
      env: {
        PORT: String(settings.DASHBOARD_PORT),
        DASHBOARD_ADMIN_KEY: settings.DASHBOARD_ADMIN_KEY,
        METRICS_URLS: metricsUrls,
      },
    },
  ];
  return plans.map((plan) => ({
    name: plan.name,
    service: plan.service,
    port: plan.port,
    nodeArgs: [...serviceNodeFlags, `services/${plan.service}/src/main.ts`],
    env: {
      ...wiring.callerEnv,
      MONGO_URL: wiring.servers.mongoUrl,
      NATS_URL: wiring.servers.natsUrl,
      LOG_LEVEL: settings.LOG_LEVEL,
      AMQP_URL: wiring.amqpUrlOf(plan.service),
      ...plan.env,
    },
  }));
}
