// startDashboard: the app listening on its port; stop() ends live streams and closes the server.
// main.ts owns the connections; tests may call this directly.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildDashboard } from './app.ts';
import type { DashboardDeps } from './dashboard-deps.ts';

export interface StartDashboardOptions extends DashboardDeps {
  port: number;
  host: string;
}

export interface RunningDashboard {
  app: FastifyInstance;
  /** The port listened on (the one picked when asked for 0). */
  port: number;
  /** Idempotent. */
  stop(): Promise<void>;
}

export async function startDashboard(options: StartDashboardOptions): Promise<RunningDashboard> {
  const app = buildDashboard(options);
  await app.listen({ port: options.port, host: options.host });
  let stopping: Promise<void> | undefined;
  return {
    app,
    port: (app.server.address() as AddressInfo).port,
    stop() {
      stopping ??= app.close();
      return stopping;
    },
  };
}
