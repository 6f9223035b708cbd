// /healthz (alive), /readyz (broker and database reachable; NATS reported, not required: live pages
// fall back to re-reading), /metrics (Prometheus text of this process). Open to probes: no login.
import type { FastifyPluginCallback } from 'fastify';
import { evaluateReadiness, type MetricsExposition, type ReadinessCheck } from '@conveyor/runtime';
import { ContractsErrorCode } from '@conveyor/contracts';

export function healthRoutes(
  checks: Record<string, ReadinessCheck>,
  informational: Record<string, ReadinessCheck>,
  metrics: MetricsExposition | undefined,
): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/healthz', () => ({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
      const { ready, checks: results, reasons } = await evaluateReadiness(checks, informational);
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not-ready',
        checks: results,
        ...(Object.keys(reasons).length === 0 ? {} : { reasons }),
      });
    });
    app.get('/metrics', async (_request, reply) => {
      if (metrics === undefined)
        return reply.code(404).send({ error: { code: ContractsErrorCode.notFound, message: 'no metrics' } });
      return reply.type(metrics.contentType).send(await metrics.render());
    });
    done();
  };
}
