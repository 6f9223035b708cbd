// buildDashboard: the Fastify app with every page, without listening. Order matters: the form
// parser, error pages and the admin check first, then the routes they guard.
import { createReplayClaims, createReplayer } from '@conveyor/dead-letters';
import { deadLetterQueueName } from '@conveyor/bus';
import { createDeadLetterStore, createInbox } from '@conveyor/store';
import { readyUnless } from '@conveyor/runtime';
import Fastify, { LogController, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLoginFailures } from './auth/login-failures.ts';
import { installAdminAuth } from './auth/require-admin.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { installErrorPages } from './http/error-pages.ts';
import { acceptFormBodies } from './http/form-body.ts';
import type { OpenStreams } from './progress/sse-stream.ts';
import { createQueueSampler } from './queues/queue-sampler.ts';
import { deadLetterRoutes } from './routes/dead-letters.ts';
import { healthRoutes } from './routes/health.ts';
import { jobActionRoutes } from './routes/job-actions.ts';
import { jobTypeRoutes } from './routes/job-types.ts';
import { jobRoutes } from './routes/jobs.ts';
import { loginRoutes } from './routes/login.ts';
import { orderRoutes } from './routes/orders.ts';
import { queueRoutes } from './routes/queues.ts';
import type { RouteContext } from './routes/route-context.ts';
import { scheduleRoutes } from './routes/schedules.ts';

export function buildDashboard(deps: DashboardDeps): FastifyInstance {
  const { store, bus, events, logger, options } = deps;
  const app: FastifyInstance = Fastify<RawServerDefault, IncomingMessage, ServerResponse>({
    loggerInstance: logger,
    // The dashboard logs its own events; Fastify's per-request lines would drown them.
    logController: new LogController({ disableRequestLogging: true }),
  });
  acceptFormBodies(app);
  installErrorPages(app);
  const loginFailures = createLoginFailures(options.loginFailureLimit);
  installAdminAuth(app, options.adminKey, loginFailures);

  const openStreams: OpenStreams = new Set();
  // Live pages would keep the server open until their browsers leave: end them when the app closes.
  app.addHook('preClose', (done) => {
    for (const end of [...openStreams]) end();
    done();
  });

  const deadLetters = createDeadLetterStore(store);
  const context: RouteContext = {
    store,
    bus,
    events,
    logger,
    options,
    openStreams,
    deadLetters,
    replayer: createReplayer({
      publisher: bus.publisher,
      deadLetters,
      inbox: createInbox(store),
      claims: createReplayClaims(store),
      logger,
    }),
    sampler: createQueueSampler({
      connection: bus.connection,
      queues: options.queues.flatMap((queue) => [queue, deadLetterQueueName(queue)]),
      metricsUrls: options.metricsUrls,
      metricsTimeoutMs: options.metricsTimeoutMs,
    }),
  };
  const readiness = deps.readiness ?? {
    broker: () => readyUnless(bus.notReadyReasons()),
    database: async () => {
      await store.ping();
      return true;
    },
  };
  void app.register(healthRoutes(readiness, { nats: () => events.isConnected() }, deps.metrics));
  void app.register(
    loginRoutes(
      {
        adminKey: options.adminKey,
        sessionHours: options.sessionHours,
        cookieSecure: options.cookieSecure,
      },
      loginFailures,
    ),
  );
  void app.register(queueRoutes(context));
  void app.register(deadLetterRoutes(context));
  void app.register(orderRoutes(context));
  void app.register(jobRoutes(context));
  void app.register(jobActionRoutes(context));
  void app.register(jobTypeRoutes(context));
  void app.register(scheduleRoutes(context));
  return app;
}
