// One MongoClient per process, shared by the inbox, outbox and dead-letter store.
import type { Tracer } from '@opentelemetry/api';
import { MongoClient, type Db } from 'mongodb';
import type { Logger } from 'pino';
import { RetryableError, errorMessage } from '@conveyor/contracts';
import { libraryIndexes } from './collections.ts';
import { coalescedDeletes, type CoalescedDeletes } from './coalesced-deletes.ts';
import { coalescedInserts, type CoalescedInserts } from './coalesced-inserts.ts';
import { countCommands, type DatabaseCommandListener } from './command-counting.ts';
import { traceCommands } from './command-spans.ts';
import { createIndexesOneByOne } from './create-indexes.ts';
import { watchMonitors } from './monitor-watchdog.ts';
import { StoreErrorCode } from './store-error-codes.ts';

export interface StoreOptions {
  /** mongodb:// URL; credentials in it are never logged. */
  url: string;
  dbName: string;
  logger: Logger;
  /** Shown by the server in its connection list and logs. */
  appName: string;
  /** How long an operation waits for a reachable server before failing (default 5000 ms). */
  serverSelectionTimeoutMs?: number;
  /** The driver's connect (and monitor check) timeout (default 30000 ms; 0 means none). */
  connectTimeoutMs?: number;
  /** How often the driver checks the server (default 10000 ms). */
  heartbeatFrequencyMs?: number;
  /**
   * A server check still running after this long is stuck, and the client is reconnected (see
   * monitor-watchdog.ts). Default: connect timeout + heartbeat frequency + 10 s: the longest a check
   * can take, and a margin (50 s with the defaults; a connect timeout of 0 counts as 30 s here).
   */
  monitorStuckAfterMs?: number;
  /** When given, every command issued inside a traced operation becomes a CLIENT span. */
  tracer?: Tracer;
  /** When given, called for every command sent (round trips by command and collection, for metrics). */
  onCommand?: DatabaseCommandListener;
}

export interface Store {
  readonly client: MongoClient;
  readonly db: Db;
  readonly logger: Logger;
  /** Deletes by _id of one event-loop turn, sent as one command per collection (small collections only). */
  readonly deletes: CoalescedDeletes;
  /** insertNew of many writers, one command per collection and event-loop turn (the inbox's). */
  readonly inserts: CoalescedInserts;
  /** Resolves when the server answers; rejects with a RetryableError (code STORE_UNREACHABLE) otherwise. */
  ping(): Promise<void>;
  /** Creates every index the library's own collections need. Idempotent; call once at start-up. */
  ensureIndexes(): Promise<void>;
  /** Called once when close() is called (the client itself may be reconnected before that). */
  onClose(listener: () => void): void;
  /** Idempotent: a second call returns the first call's promise. */
  close(): Promise<void>;
}

const defaultConnectTimeoutMs = 30_000;
const defaultHeartbeatFrequencyMs = 10_000;

export async function connectStore(options: StoreOptions): Promise<Store> {
  const { url, dbName, appName } = options;
  const logger = options.logger.child({ component: 'store' });
  const where = redactUrl(url);
  // Majority write concern: an inbox done mark or an outbox write must survive a replica-set failover.
  const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  const heartbeatFrequencyMs = options.heartbeatFrequencyMs ?? defaultHeartbeatFrequencyMs;
  const client = new MongoClient(url, {
    appName,
    writeConcern: { w: 'majority' },
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5000,
    connectTimeoutMS: connectTimeoutMs,
    heartbeatFrequencyMS: heartbeatFrequencyMs,
    monitorCommands: options.tracer !== undefined || options.onCommand !== undefined,
  });
  if (options.tracer !== undefined) traceCommands(client, options.tracer);
  if (options.onCommand !== undefined) countCommands(client, options.onCommand);
  try {
    await client.connect();
  } catch (error) {
    await client.close();
    throw new RetryableError(
      StoreErrorCode.storeUnreachable,
      `MongoDB at ${where} is unreachable: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  logger.info({ url: where, dbName }, 'connected to MongoDB');
  const db = client.db(dbName);
  const stuckAfterMs =
    options.monitorStuckAfterMs ??
    (connectTimeoutMs === 0 ? 30_000 : connectTimeoutMs) + heartbeatFrequencyMs + 10_000;
  const watchdog = watchMonitors({
    client,
    logger,
    stuckAfterMs,
    checkEveryMs: Math.min(5_000, Math.max(100, Math.floor(stuckAfterMs / 4))),
  });
  const closeListeners: Array<() => void> = [];
  let closing: Promise<void> | undefined;

  return {
    client,
    db,
    logger,
    deletes: coalescedDeletes(db),
    inserts: coalescedInserts(),
    async ping() {
      try {
        await db.command({ ping: 1 });
      } catch (error) {
        throw new RetryableError(
          StoreErrorCode.storeUnreachable,
          `MongoDB at ${where} did not answer: ${errorMessage(error)}`,
          {
            cause: error,
          },
        );
      }
    },
    async ensureIndexes() {
      for (const { collection, indexes } of libraryIndexes) {
        await createIndexesOneByOne(db, collection, indexes);
      }
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    close() {
      closing ??= (async () => {
        for (const listener of closeListeners) listener();
        watchdog.stop();
        await client.close();
        logger.info('MongoDB connection closed');
      })();
      return closing;
    },
  };
}

/** Drops the credentials so that the URL can be logged and shown in errors (multi-host URLs included). */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
