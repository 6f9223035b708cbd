// /healthz (alive), /readyz (broker and database reachable; NATS reported, not required: live pages
// fall back to re-reading), /metrics (Prometheus text of this process). Open to probes: no login.
import type { FastifyPluginCallback } from 'fastify';
import type { MetricsExposition, ReadinessCheck } from '@conveyor/runtime';

export function healthRoutes(
  checks: Record<string, ReadinessCheck>,
  informational: Record<string, ReadinessCheck>,
  metrics: MetricsExposition | undefined,
): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/healthz', () => ({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
      const required = await evaluate(checks);
      const reported = await evaluate(informational);
      const ready = Object.values(required).every(Boolean);
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not-ready',
        checks: { ...required, ...reported },
      });
    });
    app.get('/metrics', async (_request, reply) => {
      if (metrics === undefined)
        return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no metrics' } });
      return reply.type(metrics.contentType).send(await metrics.render());
    });
    done();
  };
}

async function evaluate(checks: Record<string, ReadinessCheck>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        return [name, await check()] as const;
      } catch {
        // A check that throws is a failed check.
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
