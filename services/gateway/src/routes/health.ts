// /healthz (the process answers) and /readyz (broker and database reachable; NATS is reported but only
// live progress needs it, so it does not make the gateway unready).
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from './route-context.ts';

const readiness = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({ broker: z.boolean(), database: z.boolean(), nats: z.boolean() }),
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
        const database = await store.ping().then(
          () => true,
          () => false,
        );
        const checks = { broker: bus.isReady(), database, nats: events.isConnected() };
        const ready = checks.broker && checks.database;
        return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks });
      },
    );
    done();
  };
}
