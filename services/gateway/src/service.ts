// startGateway: everything the process runs besides its connections: indexes, the exchange it publishes
// to, the outbox relay, the stuck-job watch, and the HTTP server. main.ts owns the connections; tests
// call this directly.
import type { AddressInfo } from 'node:net';
import { declareSharedTopology } from '@conveyor/bus';
import { createApiKeyStore } from '@conveyor/api-keys';
import { buildGateway, type GatewayApp } from './app.ts';
import { provisionDevApiKey, type DevApiKey } from './auth/dev-api-key.ts';
import type { GatewayDeps } from './gateway-deps.ts';
import { ensureGatewayIndexes } from './gateway-indexes.ts';
import {
  defaultStuckJobSettings,
  startStuckJobWatch,
  type StuckJobSettings,
  type StuckJobWatch,
} from './jobs/stuck-job-watch.ts';
import { createGatewayOutboxRelay } from './outbox/gateway-outbox-relay.ts';

export interface StartGatewayOptions extends GatewayDeps {
  port: number;
  host: string;
  outboxGraceMs: number;
  outboxIntervalMs: number;
  /** LOCAL DEVELOPMENT ONLY (GATEWAY_DEV_API_KEY): a key stored, hashed, before the API opens. */
  devApiKey?: DevApiKey;
  /** When an accepted job counts as stuck, and what is done about it (defaultStuckJobSettings). */
  stuckJobs?: Partial<StuckJobSettings>;
}

export interface RunningGateway {
  app: GatewayApp;
  /** The port listened on (the one picked when asked for 0). */
  port: number;
  stuckJobWatch: StuckJobWatch;
  /** Closes the HTTP server (ending SSE streams), then the relay and the stuck-job watch. Idempotent. */
  stop(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { store, bus, logger } = options;
  await ensureGatewayIndexes(store);
  if (options.devApiKey !== undefined)
    await provisionDevApiKey(createApiKeyStore(store), options.devApiKey, logger);
  const channel = await (await bus.connection.ready()).createChannel();
  try {
    await declareSharedTopology(channel, undefined, bus.exchanges);
  } finally {
    await channel.close();
  }

  const relay = createGatewayOutboxRelay({
    store,
    bus,
    logger,
    graceMs: options.outboxGraceMs,
    intervalMs: options.outboxIntervalMs,
  });
  await relay.start();
  const stuckJobWatch = startStuckJobWatch({
    store,
    bus,
    logger,
    settings: { ...defaultStuckJobSettings, ...options.stuckJobs },
    metricsRegistry: options.metricsRegistry,
  });
  const app = buildGateway(options);
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await stuckJobWatch.stop();
    await relay.stop();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    app,
    port: (app.server.address() as AddressInfo).port,
    stuckJobWatch,
    stop() {
      stopping ??= (async () => {
        // The relay stops even if the server did not close cleanly; the first failure is reported.
        const results = [
          ...(await Promise.allSettled([app.close().then(() => undefined)])),
          ...(await Promise.allSettled([relay.stop(), stuckJobWatch.stop()])),
        ];
        const failure = results.find((result) => result.status === 'rejected');
        if (failure !== undefined) throw failure.reason;
      })();
      return stopping;
    },
  };
}
