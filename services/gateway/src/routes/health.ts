// /healthz (the process answers) and /readyz (broker and database reachable; NATS is reported but only
// live progress needs it, so it does not make the gateway unready).
import { evaluateReadiness, readyUnless } from '@conveyor/runtime';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from './route-context.ts';

const readiness = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({ broker: z.boolean(), database: z.boolean(), nats: z.boolean() }),
  /** Why a failed check failed, e.g. which consumer is not consuming or that the database did not answer. */
  reasons: z.record(z.string(), z.string()).optional(),
});

export function healthRoutes(context: RouteContext): FastifyPluginCallbackZod {
  const { bus, store, events } = context;
  return (app, _options, done) => {
    app.get(
      '/healthz',
      { schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ok') }) } } },
      () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      { schema: { tags: ['operations'], response: { 200: readiness, 503: readiness } } },
      async (_request, reply) => {
        const report = await evaluateReadiness(
          {
            broker: () => readyUnless(bus.notReadyReasons()),
            database: async () => {
              await store.ping();
              return true;
            },
          },
          { nats: () => events.isConnected() },
        );
        const { broker = false, database = false, nats = false } = report.checks;
        return reply.code(report.ready ? 200 : 503).send({
          status: report.ready ? 'ready' : 'not-ready',
          checks: { broker, database, nats },
          ...(Object.keys(report.reasons).length === 0 ? {} : { reasons: report.reasons }),
        });
      },
    );
    done();
  };
}
