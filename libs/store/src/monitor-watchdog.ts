// Reconnects a MongoClient whose server monitor stopped checking. The driver (mongodb 7.9) can leave a
// heartbeat waiting forever: a check written to a socket the server has just closed, before that
// socket's 'close' event, waits for a 'drain' that never comes, and no timeout covers it. The server
// then stays Unknown and no operation ever selects it again, although it answers (seen when FerretDB
// was stopped and restarted under load). Heartbeat events show it: a check started and never ended.
import type { MongoClient } from 'mongodb';
import type { Logger } from 'pino';

export interface MonitorWatchdogOptions {
  client: MongoClient;
  logger: Logger;
  /** A heartbeat that neither succeeded nor failed after this long is stuck. */
  stuckAfterMs: number;
  /** How often heartbeats are looked at (and a failed reconnect tried again). */
  checkEveryMs: number;
}

export interface MonitorWatchdog {
  /** Reconnects done because a heartbeat was stuck, since the store connected. */
  readonly reconnects: number;
  /** Stops watching. A reconnect under way is ended by closing the client (its connect then fails). */
  stop(): void;
}

export function watchMonitors(options: MonitorWatchdogOptions): MonitorWatchdog {
  const { client, logger, stuckAfterMs } = options;
  /** Per server address: when its current heartbeat started. */
  const running = new Map<string, number>();
  const started = (event: { connectionId: string }) => {
    if (!running.has(event.connectionId)) running.set(event.connectionId, performance.now());
  };
  const ended = (event: { connectionId: string }) => running.delete(event.connectionId);
  client.on('serverHeartbeatStarted', started);
  client.on('serverHeartbeatSucceeded', ended);
  client.on('serverHeartbeatFailed', ended);

  let stopped = false;
  let reconnects = 0;
  /** A reconnect failed and left the client closed: it is tried again on every tick until it works. */
  let leftClosed = false;
  /** Set while the client is closed and connected again. */
  let reconnecting: Promise<void> | undefined;

  // close() ends the stuck monitor with its topology; connect() starts a new one. Operations that run
  // meanwhile fail as if the server were unreachable, which it has been for them since the check stuck.
  async function reconnect(): Promise<void> {
    try {
      await client.close();
      running.clear();
      if (stopped) return;
      await client.connect();
      leftClosed = false;
      reconnects += 1;
      logger.warn({ reconnects }, 'MongoDB client reconnected after its server monitor stalled');
    } catch (error) {
      leftClosed = true;
      if (!stopped) logger.warn({ err: error }, 'MongoDB client reconnect failed; will try again');
    }
  }

  const timer = setInterval(() => {
    if (reconnecting !== undefined) return;
    const now = performance.now();
    const stuck = [...running].filter(([, since]) => now - since > stuckAfterMs);
    if (stuck.length === 0 && !leftClosed) return;
    if (stuck.length > 0) {
      logger.error(
        { servers: stuck.map(([address]) => address), stuckAfterMs },
        'MongoDB server monitor stalled (a heartbeat never ended); reconnecting the client',
      );
    }
    reconnecting = reconnect().finally(() => {
      reconnecting = undefined;
    });
  }, options.checkEveryMs);
  // The watchdog must not keep a finished process alive.
  timer.unref();

  return {
    get reconnects() {
      return reconnects;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      client.off('serverHeartbeatStarted', started);
      client.off('serverHeartbeatSucceeded', ended);
      client.off('serverHeartbeatFailed', ended);
    },
  };
}
