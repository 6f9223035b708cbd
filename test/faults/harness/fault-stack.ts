// The system under fault: the e2e stack (gateway, three fulfilment workers, notifier, job worker, two
// schedulers) on the suite's private servers, restarted by a supervisor when a process dies, with
// short leases and fast retry tiers so that recovery takes seconds, and one scheduler's clock skewed.
// `fresh()` replaces the stack (new database, queues, SMTP peer) on the same servers, so that a
// scenario of the full suite starts from an empty database like the first one did.
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../support/index.ts';
import { startStack, type Stack } from '../../e2e/stack.ts';
import type { ServiceProcess } from '../../e2e/service-process.ts';
import { startPrivateServers, type PrivateServers } from './private-servers.ts';
import { progress } from './progress.ts';
import { superviseStack, type Supervisor } from './supervisor.ts';

/** Delivery deadline of the workers and the notifier: their inbox leases last twice that. */
export const faultHandlerTimeoutMs = 5_000;
/**
 * The notifier's prefetch under fault: the most e-mails it sends at once, so the most a kill can cut
 * between the SMTP server's acceptance and the notifier's record of it (each then sent again, with the
 * same Message-ID).
 */
export const faultNotifierPrefetch = 10;
/** Retry tiers of the workers and the notifier (the defaults would take 11 minutes to exhaust). */
export const faultRetryTiers = '200ms,500ms,1s';
/** The second scheduler's wall clock runs this far ahead of everyone else's. */
export const schedulerClockOffsetMs = 5 * 60_000;

export interface FaultStack {
  /** The current stack (replaced by fresh()). */
  readonly stack: Stack;
  readonly servers: PrivateServers;
  readonly supervisor: Supervisor;
  /** The current process of each name (the supervisor replaces restarted ones). */
  process(name: string): ServiceProcess;
  processes(prefix: string): ServiceProcess[];
  /** Names of the processes whose /readyz does not answer 200 within a second now. */
  notReady(): Promise<string[]>;
  /** Whether the MongoDB-wire server answers a ping within 5 s. */
  databaseAnswers(): Promise<boolean>;
  waitAllReady(what: string, timeoutMs?: number): Promise<void>;
  /** Stops the stack and starts a new one, with an empty database, on the same servers. */
  fresh(variant?: StackVariant): Promise<void>;
  stop(): Promise<void>;
}

/** What a scenario may change about the stack it gets. */
export interface StackVariant {
  /** QUEUE_TYPE of the workers, the notifier and the job worker (default classic). */
  readonly queueType?: 'classic' | 'quorum';
}

const skewedClock = fileURLToPath(new URL('../injectors/skewed-clock.ts', import.meta.url));

function startSystem(servers: PrivateServers, variant: StackVariant = {}): Promise<Stack> {
  const queueType = { QUEUE_TYPE: variant.queueType ?? 'classic' };
  return startStack({
    fulfilmentWorkers: 3,
    schedulers: 2,
    servers: servers.urls,
    // No span export: ten thousand orders' spans would only fill the test process's memory.
    commonEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: '' },
    workerEnv: {
      SANDBOX_FAULT_SKUS: 'true',
      HANDLER_TIMEOUT_MS: String(faultHandlerTimeoutMs),
      RETRY_TIERS: faultRetryTiers,
      ...queueType,
    },
    serviceEnv: {
      notifier: {
        HANDLER_TIMEOUT_MS: String(faultHandlerTimeoutMs),
        PREFETCH: String(faultNotifierPrefetch),
        RETRY_TIERS: faultRetryTiers,
        ...queueType,
      },
      'job-worker': queueType,
      // The relay reads only `outbox_pending` (writes in flight), so the e2e stack's 0.5 s pass is cheap.
      gateway: { SSE_HEARTBEAT_MS: '1000', GATEWAY_FAULT_INJECTION: 'true' },
    },
    schedulerEnv: (index): Record<string, string> =>
      index === 1
        ? { NODE_OPTIONS: `--import=${skewedClock}`, FAULT_CLOCK_OFFSET_MS: String(schedulerClockOffsetMs) }
        : {},
  });
}

export async function startFaultStack(): Promise<FaultStack> {
  const servers = await startPrivateServers();
  let stack: Stack;
  try {
    stack = await startSystem(servers);
  } catch (error) {
    await servers.stop();
    throw error;
  }
  let supervisor = superviseStack(stack);

  const notReady = async (): Promise<string[]> => {
    const answers = await Promise.all(
      stack.services.map(async (service) => {
        const response = await fetch(`${service.healthUrl}/readyz`, {
          signal: AbortSignal.timeout(1_000),
        }).catch(() => undefined);
        return response?.status === 200 ? undefined : service.name;
      }),
    );
    return answers.filter((name) => name !== undefined);
  };
  const databaseAnswers = async (): Promise<boolean> => {
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000).unref());
    const ping = stack.db.command({ ping: 1 }).then(
      () => true,
      () => false,
    );
    return Promise.race([ping, timeout]);
  };
  /** Leaves the servers as the scenarios found them, then stops the stack. */
  const stopStack = async () => {
    supervisor.stop();
    await servers.mongo.resume();
    await servers.mongo.start();
    // A scenario that stalled can leave the database answering nothing; dropping the stack's database
    // would then wait for ever, and the suite with it. A restart keeps the data (PostgreSQL backend).
    if (!(await databaseAnswers())) {
      progress('the MongoDB-wire server does not answer a ping: restarting it before the next stack');
      await servers.mongo.stop();
      await servers.mongo.start();
    }
    await servers.nats.start().catch(() => undefined);
    await servers.rabbitmq.startApp().catch(() => undefined);
    await stack.stop().catch(() => undefined);
  };

  return {
    get stack() {
      return stack;
    },
    servers,
    get supervisor() {
      return supervisor;
    },
    process(name) {
      const found = stack.services.find((service) => service.name === name);
      if (found === undefined) throw new Error(`no process ${name} in the stack`);
      return found;
    },
    processes: (prefix) => stack.services.filter((service) => service.name.startsWith(prefix)),
    notReady,
    databaseAnswers,
    async waitAllReady(what, timeoutMs = 60_000) {
      await waitFor(async () => (await notReady()).length === 0, {
        what: `${what}: every process ready\n${stack.logs()}`,
        timeoutMs,
        intervalMs: 250,
      });
    },
    async fresh(variant) {
      await stopStack();
      stack = await startSystem(servers, variant);
      supervisor = superviseStack(stack);
    },
    async stop() {
      await stopStack();
      await servers.stop();
    },
  };
}
