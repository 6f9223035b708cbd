// /metrics: Prometheus text exposition of the gateway's registry.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';

export function metricsRoutes(registry: Registry): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get('/metrics', { schema: { tags: ['operations'], hide: true } }, async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    });
    done();
  };
}
