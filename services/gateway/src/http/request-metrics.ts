// Prometheus metrics of the HTTP API: requests by route and status, and their duration. They join the
// process's registry when given one, else a registry of this app's own (two apps in one process, as in
// tests, must not share counters).
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry } from 'prom-client';

export interface RequestMetrics {
  readonly registry: Registry;
}

export function installRequestMetrics(app: FastifyInstance, registry = new Registry()): RequestMetrics {
  const requests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its response (SSE: the whole stream).',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onRequest', (request, reply, done) => {
    const startedAt = process.hrtime.bigint();
    // 'close' fires for every request, including hijacked (SSE) and aborted ones.
    reply.raw.once('close', () => {
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status_code: String(reply.raw.statusCode) });
      duration.observe({ method: request.method, route }, Number(process.hrtime.bigint() - startedAt) / 1e9);
    });
    done();
  });
  return { registry };
}
