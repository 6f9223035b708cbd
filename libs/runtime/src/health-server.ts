// /healthz (the process is alive) and /readyz (broker and database reachable) for probes, and
// /metrics (Prometheus text) when the process has metrics.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractsErrorCode } from '@conveyor/contracts';
import { evaluateReadiness, type ReadinessCheck } from './readiness.ts';
import { RuntimeErrorCode } from './runtime-error-codes.ts';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** What /metrics serves: a `Metrics` of @conveyor/metrics fits as it is. */
export interface MetricsExposition {
  readonly contentType: string;
  render(): Promise<string>;
}

export interface HealthServerOptions {
  /** Facts shown on /readyz that inform without gating readiness (e.g. `leader: false` on a follower). */
  details?: () => Record<string, unknown>;
  /** Interface to listen on; all of them by default, so container probes reach it. */
  host?: string;
  /** Serves GET /metrics; without it /metrics is a 404. */
  metrics?: MetricsExposition;
}

export async function startHealthServer(
  port: number,
  checks: Record<string, ReadinessCheck>,
  options: HealthServerOptions = {},
): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/healthz') {
      reply(200, { status: 'ok' });
    } else if (request.url === '/readyz') {
      void evaluateReadiness(checks).then(({ ready, checks: results, reasons }) => {
        reply(ready ? 200 : 503, {
          status: ready ? 'ready' : 'not-ready',
          checks: results,
          // Why a check failed, where it said (e.g. "MongoDB at … did not answer: …").
          ...(Object.keys(reasons).length === 0 ? {} : { reasons }),
          ...(options.details === undefined ? {} : { details: options.details() }),
        });
      });
    } else if (request.url === '/metrics' && options.metrics !== undefined) {
      const { metrics } = options;
      metrics.render().then(
        (text) => {
          response.writeHead(200, { 'content-type': metrics.contentType });
          response.end(text);
        },
        (error: unknown) => {
          // The scrape fails visibly (Prometheus marks the target down); the reason goes to the scraper.
          reply(500, {
            error: {
              code: RuntimeErrorCode.metricsFailed,
              message: error instanceof Error ? error.message : String(error),
            },
          });
        },
      );
    } else {
      reply(404, {
        error: { code: ContractsErrorCode.notFound, message: `no route ${String(request.url)}` },
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, options.host ?? '0.0.0.0', resolve));
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      return closing;
    },
  };
}
