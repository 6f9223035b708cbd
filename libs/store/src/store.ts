// One MongoClient per process, shared by the inbox, outbox and dead-letter store.
import type { Tracer } from '@opentelemetry/api';
import { MongoClient, type Db } from 'mongodb';
import type { Logger } from 'pino';
import { RetryableError, errorMessage } from '@conveyor/contracts';
import { libraryIndexes } from './collections.ts';
import { traceCommands } from './command-spans.ts';
import { createIndexesOneByOne } from './create-indexes.ts';

export interface StoreOptions {
  /** mongodb:// URL; credentials in it are never logged. */
  url: string;
  dbName: string;
  logger: Logger;
  /** Shown by the server in its connection list and logs. */
  appName: string;
  /** How long an operation waits for a reachable server before failing (default 5000 ms). */
  serverSelectionTimeoutMs?: number;
  /** When given, every command issued inside a traced operation becomes a CLIENT span. */
  tracer?: Tracer;
}

export interface Store {
  readonly client: MongoClient;
  readonly db: Db;
  readonly logger: Logger;
  /** Resolves when the server answers; rejects with a RetryableError (code STORE_UNREACHABLE) otherwise. */
  ping(): Promise<void>;
  /** Creates every index the library's own collections need. Idempotent; call once at start-up. */
  ensureIndexes(): Promise<void>;
  /** Idempotent: a second call returns the first call's promise. */
  close(): Promise<void>;
}

export async function connectStore(options: StoreOptions): Promise<Store> {
  const { url, dbName, appName } = options;
  const logger = options.logger.child({ component: 'store' });
  const where = redactUrl(url);
  // Majority write concern: an inbox done mark or an outbox write must survive a replica-set failover.
  const client = new MongoClient(url, {
    appName,
    writeConcern: { w: 'majority' },
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5000,
    monitorCommands: options.tracer !== undefined,
  });
  if (options.tracer !== undefined) traceCommands(client, options.tracer);
  try {
    await client.connect();
  } catch (error) {
    await client.close();
    throw new RetryableError(
      'STORE_UNREACHABLE',
      `MongoDB at ${where} is unreachable: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  logger.info({ url: where, dbName }, 'connected to MongoDB');
  const db = client.db(dbName);
  let closing: Promise<void> | undefined;

  return {
    client,
    db,
    logger,
    async ping() {
      try {
        await db.command({ ping: 1 });
      } catch (error) {
        throw new RetryableError(
          'STORE_UNREACHABLE',
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
    close() {
      closing ??= client.close().then(() => {
        logger.info('MongoDB connection closed');
      });
      return closing;
    },
  };
}

/** Drops the credentials so that the URL can be logged and shown in errors (multi-host URLs included). */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
